"""Applying fixes: line edits in memory, then one atomic write per file that still parses."""

from __future__ import annotations

import ast
import os
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from repo_lint.diagnostics import Diagnostic, Edit
from repo_lint.workspace import SourceText, split_lines


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply the edits that do not overlap an earlier-chosen one; return the text and the applied edits.

    Edits are taken outermost first (a wider edit wins over one nested in it); the others are left for
    the next round, when they are judged again on the new text.
    """
    chosen: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start_line, -(e.end_line - e.start_line))):
        if any(edit.start_line < c.end_line and c.start_line < edit.end_line for c in chosen):
            continue
        if any(edit.start_line == c.start_line == c.end_line == edit.end_line for c in chosen):
            continue
        chosen.append(edit)
    lines = split_lines(text)
    for edit in sorted(chosen, key=lambda e: e.start_line, reverse=True):
        replacement = split_lines(edit.text)
        lines[edit.start_line : edit.end_line] = replacement
    return "".join(lines), chosen


def parses(text: str, path: str) -> str | None:
    """None when `text` is valid Python (or not a Python file), else the parser's message."""
    if not path.endswith(".py"):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text, filename=path)
    except SyntaxError as error:
        return f"line {error.lineno}: {error.msg}"
    except ValueError as error:  # null bytes
        return str(error)
    return None


def encode(source: SourceText, text: str) -> bytes:
    """The bytes of `text` written as `source` was: its BOM, its encoding, and each unchanged line's own
    ending (new and changed lines take the file's most common one)."""
    data = source.with_text(text).original_text().encode(source.encoding)
    return (b"\xef\xbb\xbf" + data) if source.bom else data


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over the target (keeping its mode)."""
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # write through the link: renaming over it would replace it
    folder = path.parent
    mode = None
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    if mode is not None and not os.access(path, os.W_OK):
        raise PermissionError(f"{path} is read-only")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".repo-lint-tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


@dataclass
class WriteFailure:
    path: str
    message: str


def fixable_edits(diagnostics: list[Diagnostic]) -> dict[str, list[tuple[Diagnostic, Edit]]]:
    by_path: dict[str, list[tuple[Diagnostic, Edit]]] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is None:
            continue
        for edit in diagnostic.fix.edits:
            by_path.setdefault(edit.path or diagnostic.path, []).append((diagnostic, edit))
    return by_path
