"""DUM: dummy objects for optional backends (replaces `utils/check_dummies.py`)."""

from __future__ import annotations

from repo_lint.checks.dummies.rules import RULES

from repo_lint.config import Option

FAMILY = "DUM"
SECTION = "dummies"
JUDGE = "repo_lint.checks.dummies.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "path",
        "str",
        "{source}/utils/dummy_{backend}_objects.py",
        "Where the dummy file of a backend key lives (`{source}` and `{backend}` are filled in).",
        path="path",
    ),
    Option("backend-aliases", "dict[str,str]", {"torch": "pt"}, "Backend key -> name used in the file name."),
    Option(
        "backend-names",
        "dict[str,str]",
        {},
        "Backend -> the name written in `_backends`/`requires_backends` when it differs from the guard's.",
    ),
    Option("flavor", "str", "transformers", "Placeholder template: `transformers` or `diffusers`."),
    Option(
        "init-half",
        "str",
        "structure",
        "Which half of the main init lists the guarded objects: `structure` (`_import_structure`, Transformers "
        "v5) or `type_checking` (Diffusers).",
    ),
    Option("ignore-files", "list[str]", [], "Dummy files never reported as orphans.", path="paths"),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
