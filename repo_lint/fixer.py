"""Applying fixes: line edits in memory, then one atomic write per file that still parses."""

from __future__ import annotations

import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from repo_lint.diagnostics import Diagnostic, Edit
from repo_lint.parsing import Unparsable, parse_module
from repo_lint.workspace import SourceText, is_within, split_lines


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
    verdict = parse_module(text, path)
    return f"line {verdict.line}: {verdict.message}" if isinstance(verdict, Unparsable) else None


def encode(source: SourceText, text: str) -> bytes:
    """The bytes of `text` written as `source` was: its BOM, its encoding, and each unchanged line's own
    ending (new and changed lines take the file's most common one)."""
    data = source.with_text(text).original_text().encode(source.encoding)
    return (b"\xef\xbb\xbf" + data) if source.bom else data


TEMP_SUFFIX = ".repo-lint-tmp"
# `.<name>.<pid>-<random>.repo-lint-tmp`, or `.<name>.<random>.repo-lint-tmp` (written before the pid was in it)
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[a-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
STALE_TEMP_SECONDS = 600  # a temporary file of a live run exists for milliseconds


class WriteRefused(OSError):
    """A fix is not written: its target leaves the repository, or the file changed on disk during the run."""


def write_atomically(path: Path, data: bytes, *, root: Path, expected: bytes | None) -> None:
    """Write to a temporary file in the same folder, then rename over the target (keeping its mode).

    The target must resolve inside `root` (a link inside the repository is written through; one that leaves
    it is refused). `expected` is what the run read from the file (None: it did not exist): when the file on
    disk is no longer that, it was edited, created or deleted during the run and is not overwritten.
    """
    real_root = os.path.realpath(root)
    target = Path(os.path.realpath(path))  # through a link: renaming over the link would replace it
    if not is_within(str(target), real_root):
        raise WriteRefused(f"{path} resolves to {target}, outside the repository")
    mode = None
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        pass
    if mode is not None and not os.access(target, os.W_OK):
        raise PermissionError(f"{path} is read-only")
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        if _current_bytes(target) != expected:
            state = "created" if expected is None else "deleted" if not target.exists() else "changed"
            raise WriteRefused(f"{path} was {state} on disk while repo-lint ran")
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _current_bytes(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def is_temp_name(name: str) -> bool:
    return name.endswith(TEMP_SUFFIX) and _TEMP_NAME.match(name) is not None


def remove_stale_temp_files(root: Path, paths: list[str]) -> list[str]:
    """Delete the temporary files (by repo-lint's own name pattern only) that an interrupted `--fix` left:
    those of a process that is gone, or older than `STALE_TEMP_SECONDS`. Returns the removed paths."""
    removed = []
    now = time.time()
    for rel in paths:
        match = _TEMP_NAME.match(rel.rsplit("/", 1)[-1])
        full = root / rel
        if match is None or full.is_symlink():
            continue
        try:
            age = now - full.stat().st_mtime
            # Without a pid the owner is unknown: a run still writing it loses only that write, and says so.
            owner_gone = not match.group("pid") or not _process_alive(int(match.group("pid")))
            if age > STALE_TEMP_SECONDS or owner_gone:
                full.unlink()
                removed.append(rel)
        except OSError:
            continue  # gone already, or not ours to delete: left alone
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


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
