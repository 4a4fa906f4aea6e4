"""The MPB rules and their documentation (`repo-lint explain MPB001`)."""

from repo_lint.diagnostics import Rule

STALE = Rule(code="MPB001", name="auto-docstring-stale", summary="x", why="x", fixable=True)
NOT_CHECKABLE = Rule(code="MPB002", name="auto-docstring-not-checkable", summary="x", why="x")
MARKER_ORPHAN = Rule(code="MPB003", name="auto-docstring-marker-orphan", summary="x", why="x")
RULES = (STALE, NOT_CHECKABLE, MARKER_ORPHAN)
