"""PIP: the pipeline task table and what is generated or kept from it (replaces Transformers'
`utils/check_pipeline_typing.py` and `utils/update_metadata.py --check-only`)."""

from __future__ import annotations

from repo_lint.checks.pipelines.rules import RULES

from repo_lint.config import Option

FAMILY = "PIP"
SECTION = "pipelines"
JUDGE = "repo_lint.checks.pipelines.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "pipelines-file",
        "str",
        "",
        "The module that defines the task table and `pipeline()` (empty, or no such file: nothing to check).",
        path="path",
    ),
    Option("task-table", "str", "SUPPORTED_TASKS", "The dict of the pipelines file: task -> its `impl` and `pt`."),
    Option(
        "metadata-file",
        "str",
        "",
        "The script whose list of (task, mapping, auto class) tuples the Hub metadata is built from (PIP002; "
        "nothing is reported when it does not exist).",
        path="path",
    ),
    Option("metadata-table", "str", "PIPELINE_TAGS_AND_AUTO_MODELS", "That list's name in the metadata file."),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
