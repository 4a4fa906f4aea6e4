"""INI: lazy init exports (replaces `utils/check_inits.py` and `utils/custom_init_isort.py`)."""

from __future__ import annotations

from repo_lint.checks.inits.rules import RULES

from repo_lint.config import Option

FAMILY = "INI"
SECTION = "inits"
JUDGE = "repo_lint.checks.inits.judge:judge_all"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "backend-key-order",
        "str",
        "sorted",
        "How a guard's backends form its key: `sorted` (Transformers) or `as-written` (Diffusers).",
    ),
    Option(
        "check-submodules",
        "bool",
        True,
        "Report top-level submodules of the package that are not keys of the main init's `_import_structure`.",
    ),
    Option("ignore-submodules", "list[str]", [], "Submodules that need not be registered."),
    Option("sort", "bool", True, "Report `_import_structure` keys and object lists that are not sorted (INI005)."),
    Option(
        "isort-flavor",
        "str",
        "transformers",
        "Whose `custom_init_isort.py` to reproduce: `transformers` or `diffusers`.",
    ),
    Option(
        "private-models",
        "list[str]",
        [],
        "Model classes that need not be exported in `__all__` (transformers preset: those 5.23.0 does not export).",
    ),
    Option(
        "model-folders",
        "list[str]",
        [],
        "Folders whose sub-folders have generated `__init__.py` files importing each module with `__all__`.",
        path="paths",
    ),
)


__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
