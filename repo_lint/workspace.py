"""The file set of a run: which files exist, their text, and which of them are in scope."""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "venv", "node_modules", ".tox", ".nox",
                 ".mypy_cache", ".ruff_cache", ".pytest_cache", ".repo-lint-cache", ".cache", "build", "dist"}


@lru_cache(maxsize=512)
def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """Translate a gitignore-like glob (`**`, `*`, `?`, `[...]`) to a regex over repo-relative paths.

    A pattern without `/` matches a file name at any depth; a pattern naming a folder matches everything
    below it.
    """
    pattern = pattern.strip().lstrip("/") if pattern.strip().startswith("/") else pattern.strip()
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.rstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                out.append("[" + pattern[i + 1 : end].replace("\\", "\\\\") + "]")
                i = end
        else:
            out.append(re.escape(char))
        i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


def matches_any(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    return any(glob_to_regex(p).match(path) for p in patterns)


def list_files(root: Path) -> list[str]:
    """Repo-relative paths of the files to consider: git's tracked and untracked-not-ignored, else a walk."""
    if (root / ".git").exists():
        try:
            out = subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=root, capture_output=True, check=True,
            ).stdout
            paths = sorted({p for p in out.decode("utf-8", "surrogateescape").split("\0") if p})
            return [p for p in paths if (root / p).is_file()]
        except (OSError, subprocess.CalledProcessError):
            pass
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS and not d.endswith(".egg-info"))
        rel_folder = os.path.relpath(folder, root)
        for name in files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n" kept (the last one may lack it); only "\\n" separates lines."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


@dataclass
class SourceText:
    """A file's text with newlines normalised to "\\n", and what is needed to write it back as it was."""

    text: str
    newline: str = "\n"
    encoding: str = "utf-8"
    bom: bool = False


def decode(raw: bytes) -> SourceText:
    """Decode file bytes (UTF-8, with or without BOM); raises UnicodeDecodeError."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    if newline != "\n":
        text = text.replace("\r\n", "\n")
    return SourceText(text=text, newline=newline, bom=bom)


@dataclass
class Workspace:
    """Every file of the repository that is not excluded, read lazily and at most once."""

    root: Path
    exclude: tuple[str, ...] = ()
    files: list[str] = field(default_factory=list)
    _texts: dict[str, SourceText | None] = field(default_factory=dict)
    read_errors: dict[str, str] = field(default_factory=dict)
    modified: set[str] = field(default_factory=set)  # files whose text in memory differs from disk

    @classmethod
    def open(cls, root: Path, exclude: list[str]) -> Workspace:
        files = [p for p in list_files(root) if not matches_any(p, exclude)]
        return cls(root=root, exclude=tuple(exclude), files=files)

    def __post_init__(self) -> None:
        self._file_set = set(self.files)

    def exists(self, rel: str) -> bool:
        if rel in self._file_set:
            return True
        return not matches_any(rel, self.exclude) and (self.root / rel).is_file()

    def source(self, rel: str) -> SourceText | None:
        """The decoded file, or None when it cannot be read or decoded (the reason is kept for RL002)."""
        if rel not in self._texts:
            self._texts[rel] = self._read(rel)
        return self._texts[rel]

    def text(self, rel: str) -> str | None:
        source = self.source(rel)
        return None if source is None else source.text

    def raw(self, rel: str) -> bytes | None:
        try:
            return (self.root / rel).read_bytes()
        except OSError:
            return None

    def _read(self, rel: str) -> SourceText | None:
        try:
            raw = (self.root / rel).read_bytes()
        except OSError as error:
            self.read_errors[rel] = f"cannot read file: {error.strerror or error}"
            return None
        try:
            return decode(raw)
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            self.read_errors[rel] = f"cannot decode file as UTF-8 (line {line}): {error.reason}"
            return None

    def replace_text(self, rel: str, text: str) -> None:
        """Record new content after a fix was written."""
        old = self.source(rel)
        base = old or SourceText(text="")
        self._texts[rel] = SourceText(text=text, newline=base.newline, encoding=base.encoding, bom=base.bom)
        self.modified.add(rel)

    def python_files(self, under: str | None = None) -> list[str]:
        prefix = "" if not under else under.rstrip("/") + "/"
        return [p for p in self.files if p.endswith(".py") and p.startswith(prefix)]
