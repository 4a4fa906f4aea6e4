"""The engine's own rules (RL): files that cannot be parsed or read, bad suppression comments and stale
baseline entries."""

from repo_lint.diagnostics import Rule

PARSE_ERROR = Rule(
    code="RL001",
    name="syntax-error",
    summary="A file a check needs does not parse; the other files are still checked.",
    why=(
        "A check cannot understand a file with a syntax error, so whatever that file should be checked for\n"
        "is unknown. The finding carries the parser's message and position."
    ),
    bad="def forward(self, x:\n    return x\n",
    good="def forward(self, x):\n    return x\n",
)

READ_ERROR = Rule(
    code="RL002",
    name="unreadable-file",
    summary="A file a check needs cannot be read or is not valid UTF-8.",
    why="An unreadable file hides whatever it should be checked for; it is reported instead of skipped.",
    bad="# a file saved as Latin-1: caf\\xe9\n",
    good="# the same file saved as UTF-8: café\n",
)

BAD_SUPPRESSION = Rule(
    code="RL003",
    name="bad-suppression",
    summary="A `# repo-lint: ignore[...]` comment names an unknown code or suppresses nothing.",
    why=(
        "A suppression that names no real rule, or that no longer matches a finding, hides nothing today\n"
        "and may hide a real finding tomorrow. Remove it or correct the code."
    ),
    bad="# Copied from mylib.models.bert.modeling_bert.BertPooler  # repo-lint: ignore[CPY999]\n",
    good="# Copied from mylib.models.bert.modeling_bert.BertPooler  # repo-lint: ignore[CPY001]\n",
)

STALE_BASELINE_ENTRY = Rule(
    code="RL004",
    name="stale-baseline-entry",
    summary="An entry of the configured baseline file matches no finding any more.",
    why=(
        'A baseline (`baseline = "FILE"`, written by `repo-lint check --write-baseline FILE`) accepts the\n'
        "findings a tree had when it was written, so that only new ones fail. An entry whose finding was fixed,\n"
        "or whose flagged code changed, accepts nothing today, and would silently accept a finding that comes\n"
        "back. Entries are matched by a line-independent fingerprint of the code, the path, the flagged line(s)\n"
        "and the finding's data: lines moving up or down keep an entry, editing the flagged code does not (the\n"
        "edited code is then reported as a new finding, and the old entry as stale). Regenerate the baseline\n"
        "with `repo-lint check --write-baseline FILE` so it only shrinks."
    ),
    bad=(
        "# repo-lint-baseline.toml, after the drifted copy in b.py was fixed:\n"
        "findings = [\n"
        '  { path = "src/mylib/b.py", code = "CPY001", fingerprint = "4f1c2a9e0b7d3c55", count = 1 },\n'
        "]\n"
    ),
    good=(
        "# repo-lint-baseline.toml, rewritten by `repo-lint check --write-baseline repo-lint-baseline.toml`:\n"
        "findings = [\n"
        "]\n"
    ),
)

OUTSIDE_ROOT = Rule(
    code="RL005",
    name="path-outside-root",
    summary="A file of the repository is a symbolic link to a path outside it; it is neither read nor written.",
    why=(
        "repo-lint runs on checkouts nobody vetted, such as a fork's pull request. A link committed into the\n"
        "repository that points outside it (`src/mylib/b.py -> /home/ci/.ssh/config`) would make a check read,\n"
        "print or `--fix` overwrite a file that is not part of the repository. Such a file is never followed:\n"
        "it is reported, and whatever it should be checked for is unknown until it is a regular file or a\n"
        "link that stays inside the repository."
    ),
    bad="# src/mylib/b.py is a symbolic link to ../../outside/b.py\n",
    good="# src/mylib/b.py is a regular file (or a link to another file of the repository)\n",
)

EXTRACTION_FAILED = Rule(
    code="RL006",
    name="file-not-understood",
    summary="repo-lint failed on one file (a bug of repo-lint's); that file is reported and the others still checked.",
    why=(
        "One file that trips up a check must not stop the whole run, nor pass silently: the checks that needed\n"
        "its facts skip it, and this finding names the file and the error so it can be reported to repo-lint."
    ),
    bad="# a file on which a check raised an unexpected error\n",
    good="# the same file after repo-lint is fixed (please report the error message)\n",
)

RULES = (PARSE_ERROR, READ_ERROR, BAD_SUPPRESSION, STALE_BASELINE_ENTRY, OUTSIDE_ROOT, EXTRACTION_FAILED)
