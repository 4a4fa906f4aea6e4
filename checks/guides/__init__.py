"""AGT: the agent guides and skills of `.ai/` hold together (replaces Diffusers' `utils/check_ai.py`)."""

from __future__ import annotations

from repo_lint.checks.guides.rules import RULES

from repo_lint.config import Option

FAMILY = "AGT"
SECTION = "guides"
JUDGE = "repo_lint.checks.guides.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "folder",
        "str",
        ".ai",
        "The folder of the agent guides: `references/` holds the guides, `skills/<name>/SKILL.md` the skills "
        "(nothing is reported when it does not exist; empty: skip the family).",
        path="path",
    ),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
