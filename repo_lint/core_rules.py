"""The engine's own rules (RL): files that cannot be parsed or read, bad suppression comments and stale
baseline entries. They report on the files the checks read, whatever the selection: their cases select a
family (`extend-select`) so that the files are read."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

MODELING = "src/pkg/models/bert/modeling_bert.py"
ROBERTA = "src/pkg/models/roberta/modeling_roberta.py"
READ = 'extend-select = ["NAM003"]\n'  # one-letter names: a check that reads every Python file of the package
# A copy that drifted from its source, and the baseline that accepted its CPY001 finding (RL004).
COPY = (
    "# Copied from pkg.models.bert.modeling_bert.BertPooler with Bert->Roberta\n"
    "class RobertaPooler(nn.Module):\n"
    "    def forward(self, hidden_states):\n"
    "        return self.activation(self.dense(hidden_states[:, 0]))\n"
)
DRIFTED = COPY.replace("[:, 0]", "[:, 1]")
SOURCE = {MODELING: COPY.split("\n", 1)[1].replace("Roberta", "Bert")}
BASELINE = "repo-lint-baseline.toml"
WITH_BASELINE = f'baseline = "{BASELINE}"\nextend-select = ["CPY"]\n'


def _baseline(count: int = 0) -> str:
    """The baseline file, with an entry accepting `count` CPY001 findings of the drifted copy (none: no entry);
    its fingerprint is the one `repo-lint check --write-baseline` writes for that finding."""
    entry = f'  {{ path = "{ROBERTA}", code = "CPY001", fingerprint = "c7fba782019be28c", count = {count} }},\n'
    return "version = 1\nfindings = [\n" + (entry if count else "") + "]\n"


# The model part of a docs toctree, read by the TOC checks (RL006).
PACKAGE = {"src/pkg/__init__.py": ""}  # the configured package folder must exist
READ_TOC = 'extend-select = ["TOC"]\n'
TOCTREE = "docs/source/en/_toctree.yml"
MODELS_PART = (
    "- title: API\n  sections:\n  - title: Models\n    sections:\n    - title: Text models\n      sections:\n"
    "      - local: model_doc/bert\n        title: BERT\n"
)

PARSE_ERROR = Rule(
    code="RL001",
    name="syntax-error",
    summary="A file a check needs does not parse; the other files are still checked.",
    why=(
        "A check cannot understand a file with a syntax error, so whatever that file should be checked for\n"
        "is unknown. The finding carries the parser's message and position. Files are checked with ruff's parser,\n"
        "and with CPython's where it has limits ruff's has not (200 nested brackets, 100 indentation levels, an\n"
        "expression of a few thousand terms): such a file is reported with the Python version that rejects it."
    ),
    message=(
        "syntax error: {message}\nsyntax error (Python {version}): {message}; the checks that parse it skipped it"
    ),
    cases=(
        invalid(
            {MODELING: "def forward(self, hidden_states:\n    return hidden_states\n"},
            line=1,
            note="unclosed-parenthesis",
            config=READ,
        ),
        valid({MODELING: "def forward(self, hidden_states):\n    return hidden_states\n"}, note="parses", config=READ),
        invalid(
            {MODELING: "x = " + "(" * 201 + "1" + ")" * 201 + "\n"},
            line=1,
            note="too-deep-for-cpython",
            config=READ,
        ),
    ),
)

READ_ERROR = Rule(
    code="RL002",
    name="unreadable-file",
    summary="A file a check needs cannot be read or is not valid UTF-8.",
    why="An unreadable file hides whatever it should be checked for; it is reported instead of skipped.",
    message="cannot decode file as UTF-8 (line {line}): {reason}\ncannot read file: {error}",
    cases=(
        invalid(
            {MODELING: 'CITY = "Besançon"  # this file is saved as Latin-1\n'},
            line=1,
            note="latin-1",
            config=READ,
            encoding="latin-1",
        ),
        valid({MODELING: 'CITY = "Besançon"  # this file is saved as UTF-8\n'}, note="utf-8", config=READ),
    ),
)

BAD_SUPPRESSION = Rule(
    code="RL003",
    name="bad-suppression",
    summary="A `# repo-lint: ignore[...]` comment names an unknown code or suppresses nothing.",
    why=(
        "A suppression that names no real rule, or that no longer matches a finding, hides nothing today\n"
        "and may hide a real finding tomorrow. Remove it or correct the code. A suppression counts as unused only\n"
        "when its rule ran: one naming a rule the run does not select is left alone."
    ),
    message="unknown rule code `{code}` in suppression comment\nunused suppression: no `{code}` finding on this line",
    cases=(
        invalid(
            {MODELING: "def scale(h, factor):  # repo-lint: ignore[NMA003]\n    return h * factor\n"},
            line=1,
            note="unknown-code",
            config=READ,
        ),
        valid(
            {MODELING: "def scale(h, factor):  # repo-lint: ignore[NAM003]\n    return h * factor\n"},
            note="suppresses-a-finding",
            config=READ,
        ),
        invalid(
            {
                MODELING: "def scale(hidden_states, factor):  # repo-lint: ignore[NAM003]\n"
                "    return hidden_states * factor\n"
            },
            line=1,
            note="unused-after-rename",
            config=READ,
        ),
        valid(
            {
                MODELING: "def scale(hidden_states, factor):  # repo-lint: ignore[CPY001]\n"
                "    return hidden_states * factor\n"
            },
            note="rule-not-run",
            config=READ,
        ),
    ),
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
        "edited code is then reported as a new finding, and the old entry as stale). An entry that counts\n"
        "several identical findings is stale as soon as one of them is gone. Only entries of rules the run\n"
        "selects are judged. Regenerate the baseline with `repo-lint check --write-baseline FILE` so it only\n"
        "shrinks."
    ),
    message=(
        "stale baseline entry: no {code} finding in {path} matches this baseline entry any more (rewrite it with "
        "--write-baseline)\n"
        "stale baseline entry: {unmatched} of the {count} {code} findings this entry accepts in {path} are gone "
        "(rewrite it with --write-baseline)"
    ),
    cases=(
        invalid(
            {BASELINE: _baseline(1), ROBERTA: COPY, **SOURCE},
            line=3,
            note="copy-fixed-since",
            config=WITH_BASELINE,
        ),
        valid({BASELINE: _baseline(), ROBERTA: COPY, **SOURCE}, note="rewritten", config=WITH_BASELINE),
        valid(
            {BASELINE: _baseline(1), ROBERTA: DRIFTED, **SOURCE},
            note="accepts-a-finding",
            config=WITH_BASELINE,
        ),
        invalid(
            {BASELINE: _baseline(2), ROBERTA: DRIFTED, **SOURCE},
            line=3,
            note="one-of-two-gone",
            config=WITH_BASELINE,
        ),
        valid(
            {BASELINE: _baseline(1), ROBERTA: COPY, **SOURCE},
            note="rule-not-run",
            config=f'baseline = "{BASELINE}"\n',
        ),
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
    message=(
        "`{path}` is a symbolic link to `{target}`, outside the repository: not read, not written\n"
        "`{path}` lies in a folder that is a symbolic link to a path outside the repository\n"
        "`{path}` is not a path inside the repository"
    ),
    cases=(
        invalid(
            {MODELING: f"# {MODELING} -> ../outside/modeling_bert.py, a symbolic link leaving the repository\n"},
            line=1,
            note="link-outside",
            config=READ,
            links={MODELING: "../outside/modeling_bert.py"},
        ),
        valid({MODELING: f"# {MODELING}, a regular file\n"}, note="regular-file", config=READ),
        valid(
            {MODELING: f"# {MODELING} -> src/pkg/shared/modeling_bert.py, a symbolic link inside the repository\n"},
            note="link-inside",
            config=READ,
            links={MODELING: "src/pkg/shared/modeling_bert.py"},
        ),
    ),
)

EXTRACTION_FAILED = Rule(
    code="RL006",
    name="file-not-understood",
    summary="repo-lint failed on one file (a bug of repo-lint's); that file is reported and the others still checked.",
    why=(
        "One file that trips up a check must not stop the whole run, nor pass silently: the checks that needed\n"
        "its facts skip it, and this finding names the file and the error so it can be reported to repo-lint."
    ),
    message="repo-lint could not read this file's facts ({extractor}: {error}); the checks that need them skipped it",
    cases=(
        # A bug-catcher: no input should trip a check. This one does today (a YAML alias that contains itself
        # sends the toctree reader into endless recursion); replace it when that is fixed.
        invalid(
            {
                TOCTREE: MODELS_PART.replace("      - local", "      - &bert\n        local")
                + "        see_also: *bert\n",
                **PACKAGE,
            },
            line=1,
            note="recursive-yaml-alias",
            config=READ_TOC,
        ),
        valid({TOCTREE: MODELS_PART, **PACKAGE}, note="plain-toctree", config=READ_TOC),
    ),
)

RULES = (PARSE_ERROR, READ_ERROR, BAD_SUPPRESSION, STALE_BASELINE_ENTRY, OUTSIDE_ROOT, EXTRACTION_FAILED)
