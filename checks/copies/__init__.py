"""CPY: `# Copied from` consistency and full-file copies (replaces `utils/check_copies.py`)."""

from __future__ import annotations

from repo_lint.checks.copies.rules import RULES

from repo_lint.config import Option

FAMILY = "CPY"
SECTION = "copies"
JUDGE = "repo_lint.checks.copies.judge:judge"  # imported on first use: a no-op run never needs it
COPY_EDGES = "copy-edges"  # what the judge records when a run asks (`RunRequest.records`): checks/copies/edges.py
RECORDS = (COPY_EDGES,)

OPTIONS = (
    Option(
        "roots",
        "dict[str,str]",
        {},
        "Marker prefix -> folder it resolves against; files in that folder are scanned for markers with "
        "that prefix only (default: `{package = source}`). A marker with any other prefix names a package "
        "outside the repository: compared with its installed source, or CPY010.",
        path="map-values",
    ),
    Option(
        "extend-scan",
        "list[str]",
        [],
        "More folders scanned for markers of every prefix (for example `tests`, `examples`).",
        path="paths",
    ),
    Option(
        "flavor",
        "str",
        "transformers",
        "Whose reference behaviour to follow when writing fixes: `transformers` (always ruff-formatted) or "
        "`diffusers` (formatted only when a pattern applies; nested markers dropped from the copy).",
    ),
    Option("formatter", "str", "ruff", "`ruff` (the repository's own ruff configuration) or `none`."),
    Option(
        "full-copies", "dict[str,str]", {}, "Files that must be byte-identical copies: copy -> source.", path="map-both"
    ),
    Option("compare-decorators", "bool", True, "Report decorators of a copy that differ from its source."),
    Option(
        "ignore-decorators",
        "list[str]",
        [],
        "Decorator names left out of that comparison (documentation decorators that carry per-model text).",
    ),
)

__all__ = ["COPY_EDGES", "FAMILY", "JUDGE", "OPTIONS", "RECORDS", "RULES", "SECTION"]
