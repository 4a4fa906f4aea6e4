"""The engine's own findings, reported whatever the families judged: files that do not parse (RL001), cannot be
read (RL002) or lie outside the root (RL005), and files an extractor failed on (RL006)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from repo_lint import core_rules
from repo_lint.diagnostics import Diagnostic
from repo_lint.syntax import cpython_rejections, syntax_errors

if TYPE_CHECKING:
    from repo_lint.repo_view import RepoView


def engine_findings(repo: RepoView) -> list[Diagnostic]:
    """RL002, RL005, RL001 (ruff's verdicts, then CPython's on the files ruff accepts) and RL006, in that order."""
    found = [
        Diagnostic(core_rules.READ_ERROR.code, path, 1, 1, message)
        for path, message in sorted(repo.workspace.read_errors.items())
    ]
    found += [
        Diagnostic(core_rules.OUTSIDE_ROOT.code, path, 1, 1, message)
        for path, message in sorted(repo.workspace.outside.items())
    ]
    read_python = sorted(p for p, d in repo.workspace.digests.items() if p.endswith(".py") and d is not None)
    ruff_errors = syntax_errors(repo, read_python)
    for path, (line, column, message) in ruff_errors.items():
        found.append(Diagnostic(core_rules.PARSE_ERROR.code, path, line, column, f"syntax error: {message}"))
    cpython_rejections(repo, read_python, ruff_errors)
    for path, verdict in sorted(repo.unparsable.items()):  # ruff accepts what CPython rejects (`type X = ...`)
        if path not in ruff_errors and path not in repo.workspace.modified:
            found.append(
                Diagnostic(
                    core_rules.PARSE_ERROR.code,
                    path,
                    verdict.line,
                    verdict.column,
                    f"syntax error (Python {sys.version_info.major}.{sys.version_info.minor}): "
                    f"{verdict.message}; the checks that parse it skipped it",
                )
            )
    for path, failure in sorted(repo.extraction_failures.items()):
        found.append(
            Diagnostic(
                core_rules.EXTRACTION_FAILED.code,
                path,
                1,
                1,
                f"repo-lint could not read this file's facts ({failure.extractor}: {failure.error}); "
                "the checks that need them skipped it",
            )
        )
    return found
