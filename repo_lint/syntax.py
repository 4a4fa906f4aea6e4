"""Which files do not parse: one `ruff check` over many files (in the background on cold runs), and
CPython's own parser on the files shaped so that ruff may accept what CPython rejects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from repo_lint.formatting import find_ruff, find_ruff_config
from repo_lint.parsing import Unparsable, parse_module

if TYPE_CHECKING:
    from repo_lint.repo_view import RepoView


# CPython's parser has limits ruff's has not: 200 nested brackets, 100 indentation levels, and an expression of
# a few thousand terms exhausts its recursion. Files shaped so are parsed with CPython as well.
_WINDOW = 3000  # every line of 4,500 bytes or more holds a newline-free window at a multiple of half of it
_DEEP_MARKS = (b"(" * 50, b"[" * 50, b"{" * 50, b"\n" + b" " * 400, b"\n" + b"\t" * 100)


def _suspicious_shape(raw: bytes) -> bool:
    if any(mark in raw for mark in _DEEP_MARKS):
        return True
    starts = range(0, len(raw) - _WINDOW + 1, _WINDOW // 2)
    return any(raw.find(b"\n", start, start + _WINDOW) == -1 for start in starts)


def cpython_rejections(repo: RepoView, paths: list[str], ruff_errors: dict) -> None:
    """Record, as RL001, the read files ruff accepts but CPython cannot parse, among those shaped so that this
    can happen (the verdict is cached by content: a warm run reads nothing)."""
    for path in paths:
        if path in ruff_errors or path in repo.unparsable or path in repo.workspace.modified:
            continue
        key = ("cpython-verdict", repo.workspace.digest(path))
        hit, verdict = repo.cache.get_shared(key)
        if not hit:
            raw = repo.workspace.raw(path)
            text = repo.text(path) if raw is not None and _suspicious_shape(raw) else None
            parsed = parse_module(text, path) if text is not None else None
            verdict = parsed if isinstance(parsed, Unparsable) else None
            repo.cache.put_shared(key, verdict)
        if isinstance(verdict, Unparsable):
            repo.unparsable[path] = verdict


def syntax_errors(repo: RepoView, paths: list[str]) -> dict[str, tuple[int, int, str]]:
    """First syntax error per file, from one `ruff check` call over the files not seen before."""
    results: dict[str, tuple[int, int, str] | None] = {}
    todo = []
    for path in paths:
        hit, value = repo.cache.get_shared(("syntax", repo.workspace.digest(path)))
        if hit:
            results[path] = value
        else:
            todo.append(path)
    if todo:
        found = _run_ruff_syntax(repo, todo)
        for path in todo:
            results[path] = found.get(path)
            repo.cache.put_shared(("syntax", repo.workspace.digest(path)), results[path])
    return {path: error for path, error in results.items() if error}


# What CPython refuses to compile although it parses: `return`/`yield` outside a function.
_COMPILE_ERRORS = ("F706", "F704")


def _syntax_command(repo: RepoView) -> list[str]:
    """ruff's syntax check for the Python that runs repo-lint (whose parser the checks use): syntax newer than
    this interpreter is an error here whatever the repository targets."""
    version = f"py{sys.version_info.major}{sys.version_info.minor}"
    command = [
        find_ruff(),
        "check",
        "--no-cache",
        "--select",
        ",".join(("E902", *_COMPILE_ERRORS)),
        "--target-version",
        version,
        "--output-format",
        "json",
        "--exit-zero",
    ]
    config = find_ruff_config(repo.root)
    return command + (["--config", str(config)] if config else ["--isolated"])


def _first_errors(stdout: bytes, names: dict[str, str]) -> dict[str, tuple[int, int, str]]:
    """The first syntax error per file from ruff's JSON output (`names`: absolute file name -> path)."""
    try:
        items = json.loads(stdout.decode() or "[]")
    except json.JSONDecodeError:
        items = []
    first: dict[str, tuple[int, int, str]] = {}
    for item in items:
        code = item.get("code")
        is_syntax = "syntax" in item.get("message", "").lower()
        if code not in (None, "invalid-syntax", "E999", *_COMPILE_ERRORS) and not is_syntax:
            continue
        filename = item.get("filename", "")
        path = names.get(filename) or names.get(str(Path(filename).resolve()))
        if path is None:
            continue
        location = item.get("location") or {}
        entry = (location.get("row", 1), location.get("column", 1), item.get("message", "invalid syntax"))
        if path not in first or entry[:2] < first[path][:2]:
            first[path] = entry
    return first


class BackgroundSyntaxCheck:
    """On a cold run, ruff parses every Python file of the repository on the other core while the checks
    judge; the files a check read then take their RL001 verdict from it instead of a ruff call at the end."""

    def __init__(self, repo: RepoView) -> None:
        real_root = os.path.realpath(repo.root)  # resolved once: ruff names each file as it was given
        self.names = {
            os.path.join(real_root, p): p for p in repo.python_files() if repo.workspace.outside_reason(p) is None
        }
        self.paths = set(self.names.values())
        self.process = subprocess.Popen(
            _syntax_command(repo) + list(self.names), cwd=repo.root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._result: dict[str, tuple[int, int, str]] | None = None

    def result(self) -> dict[str, tuple[int, int, str]]:
        if self._result is None:
            stdout, _ = self.process.communicate()
            self._result = _first_errors(stdout, self.names)
        return self._result

    def covers(self, path: str, repo: RepoView) -> bool:
        return path not in repo.workspace.modified and path in self.paths

    def stop(self) -> None:
        if self._result is None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _run_ruff_syntax(repo: RepoView, paths: list[str]) -> dict[str, tuple[int, int, str]]:
    """One `ruff check` over the files as they are on disk; files changed in memory go through copies."""
    import tempfile

    background = repo.background_syntax
    found: dict[str, tuple[int, int, str]] = {}
    if background is not None:
        covered = {p for p in paths if background.covers(p, repo)}
        found.update({p: e for p, e in background.result().items() if p in covered})
        paths = [p for p in paths if p not in covered]
        if not paths:
            return found
    real_root = os.path.realpath(repo.root)
    with tempfile.TemporaryDirectory(prefix="repo-lint-syntax-") as folder:
        names = {}
        for index, path in enumerate(paths):
            if path in repo.workspace.modified:
                name = str(Path(folder) / f"f{index}.py")
                Path(name).write_text(repo.text(path) or "", encoding="utf-8", newline="\n")
            else:
                name = os.path.join(real_root, path)
            names[name] = path
        result = subprocess.run(_syntax_command(repo) + list(names), capture_output=True, cwd=repo.root)
    found.update(_first_errors(result.stdout, names))
    return found
