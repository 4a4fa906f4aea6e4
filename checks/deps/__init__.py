"""DEP: the dependency versions table generated from `setup.py` (replaces `python setup.py deps_table_update`
of Transformers' and Diffusers' Makefiles)."""

from __future__ import annotations

from repo_lint.checks.deps.rules import RULES

from repo_lint.config import Option

FAMILY = "DEP"
SECTION = "deps"
JUDGE = "repo_lint.checks.deps.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "table-file",
        "str",
        "",
        "The generated module holding `deps = {name: requirement}` (empty, or no such file: nothing to check).",
        path="path",
    ),
    Option(
        "setup-file",
        "str",
        "setup.py",
        "The file whose literal list of requirements the table is made from.",
        path="path",
    ),
    Option("requirements", "str", "_deps", "That list's name in the setup file."),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
