"""The engine's own rules (RL): files that cannot be parsed or read, and bad suppression comments."""

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

RULES = (PARSE_ERROR, READ_ERROR, BAD_SUPPRESSION)
