"""The file set of a run: which files exist, their text, and which of them are in scope."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

_SKIPPED_DIRS = {
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    "venv",
    "node_modules",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".repo-lint-cache",
    ".cache",
    "build",
    "dist",
}


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


def is_relative_inside(rel: str) -> bool:
    """Whether a repository-relative path stays below the root by its own text: not absolute, no `..`."""
    if not rel or rel.startswith(("/", "\\")) or (len(rel) > 1 and rel[1] == ":"):
        return False
    return ".." not in rel.replace("\\", "/").split("/")


def is_within(real: str, real_root: str) -> bool:
    """Whether the resolved path `real` is `real_root` or lies below it."""
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def read_regular_file(path: str | Path, *, follow_links: bool = True, max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file; a FIFO, socket or device (or, with `follow_links=False`, a link, or a file
    over `max_bytes`) is an OSError, never a read that blocks."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(path, flags)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        if max_bytes is not None and info.st_size > max_bytes:
            raise OSError(0, f"bigger than {max_bytes} bytes")
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:  # grew after the check
            raise OSError(0, f"bigger than {max_bytes} bytes")
        return data
    finally:
        os.close(handle)


def matches_any(path: str, patterns: list[str] | tuple[str, ...]) -> bool:
    return any(glob_to_regex(p).match(path) for p in patterns)


def list_files(root: Path) -> list[str]:
    """Repo-relative paths of the files to consider: git's tracked and untracked-not-ignored, else a walk."""
    if (root / ".git").exists():
        try:
            out = subprocess.run(
                ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                cwd=root,
                capture_output=True,
                check=True,
            ).stdout
            paths = sorted({p for p in out.decode("utf-8", "surrogateescape").split("\0") if p})
            root_text = str(root)
            return [p for p in paths if os.path.isfile(os.path.join(root_text, p))]
        except (OSError, subprocess.CalledProcessError):
            pass
    return _walk(str(root))


def _walk(root: str) -> list[str]:
    """Regular files (or links to them) below `root`, skipping tool folders and never following a folder
    link; a FIFO or socket is no file. `scandir` knows each entry's type without a `stat` per file."""
    found = []
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(os.path.join(root, folder) if folder else root) as entries:
                for entry in entries:
                    rel = f"{folder}/{entry.name}" if folder else entry.name
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in _SKIPPED_DIRS and not entry.name.endswith(".egg-info"):
                            folders.append(rel)
                    elif entry.is_file():
                        found.append(rel)
        except OSError:
            continue  # unreadable folder: its files are not listed
    return sorted(found)


def tracked(root: Path, paths: list[str]) -> set[str]:
    """Which of `paths` git tracks (none outside a git repository)."""
    if not paths or not (root / ".git").exists():
        return set()
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--", *paths], cwd=root, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return set(paths)  # unknown: treated as tracked, so never deleted
    return {p for p in out.decode("utf-8", "surrogateescape").split("\0") if p}


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n" kept (the last one may lack it); only "\\n" separates lines."""
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


class ChangedFilesError(Exception):
    pass


def changed_files(root: Path, base: str) -> frozenset[str]:
    """Files changed since the commit `base` (`merge_base`), plus staged, unstaged and untracked files."""
    changed = set(_git(root, "diff", "--name-only", "--no-renames", base).split("\n"))
    changed |= set(_git(root, "ls-files", "--others", "--exclude-standard").split("\n"))
    return frozenset(path for path in changed if path)


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise ChangedFilesError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def text_at_revision(root: Path, revision: str, path: str) -> str | None:
    """The text of `path` in commit `revision` as git stores it (no textconv, no filters), read as the workspace
    reads files (`decode`: BOM dropped, every line ending "\n"); None when it is not there, git fails or the
    bytes are not UTF-8: the old side of a changed file."""
    result = subprocess.run(["git", "cat-file", "blob", f"{revision}:{path}"], cwd=root, capture_output=True)
    if result.returncode != 0:
        return None
    try:
        return decode(result.stdout).text
    except UnicodeDecodeError:
        return None


def merge_base(root: Path, ref: str | None) -> str:
    """The commit `--changed-since` compares with: the merge-base of HEAD with `ref` (default `main`, else
    `master`, `origin/main`, `origin/master`)."""
    if not (root / ".git").exists():
        raise ChangedFilesError(f"--changed-since needs a git repository ({root} is not one)")
    candidates = [ref] if ref else ["main", "master", "origin/main", "origin/master"]
    for candidate in candidates:
        try:
            return _git(root, "merge-base", candidate, "HEAD").strip()
        except ChangedFilesError as error:
            last_error = error
    raise ChangedFilesError(f"cannot find the merge-base with {' or '.join(candidates)}: {last_error}")


_LINE_ENDING = re.compile(r"(\r\n|\r|\n)")
_LINE_ENDING_BYTES = re.compile(rb"\r\n|\r|\n")


@dataclass
class SourceText:
    """A file's text with every line ending ("\\r\\n", "\\r", "\\n") read as "\\n", and what is needed
    to write it back as it was: each line's own ending, the BOM, the encoding."""

    text: str
    newline: str = "\n"  # the file's most common ending, given to new and changed lines
    encoding: str = "utf-8"
    bom: bool = False
    endings: tuple[str, ...] | None = None  # one per "\n" of `text`; None when all are `newline`

    def with_text(self, text: str) -> SourceText:
        """The same file holding `text`: lines that did not change keep their own ending, new and
        changed lines take the file's most common one."""
        if self.endings is None or text == self.text:
            endings = self.endings
        else:
            endings = carried_endings(split_lines(self.text), self.endings, split_lines(text), self.newline)
        return SourceText(text=text, newline=self.newline, encoding=self.encoding, bom=self.bom, endings=endings)

    def original_text(self) -> str:
        """`text` with each line's ending put back."""
        if self.endings is None:
            return self.text if self.newline == "\n" else self.text.replace("\n", self.newline)
        parts = self.text.split("\n")
        return "".join(part + ending for part, ending in zip(parts, self.endings, strict=False)) + parts[-1]


def decode(raw: bytes) -> SourceText:
    """Decode file bytes (UTF-8, with or without BOM); raises UnicodeDecodeError."""
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    if "\r" not in text:
        return SourceText(text=text, bom=bom)
    pieces = _LINE_ENDING.split(text)
    endings = pieces[1::2]
    newline = max(("\n", "\r\n", "\r"), key=endings.count)
    uniform = all(ending == newline for ending in endings)
    return SourceText(
        text="\n".join(pieces[0::2]), newline=newline, bom=bom, endings=None if uniform else tuple(endings)
    )


def carried_endings(
    old_lines: list[str], old_endings: tuple[str, ...], new_lines: list[str], newline: str
) -> tuple[str, ...]:
    """The ending of each "\\n"-terminated line of `new_lines`: its own where the line is unchanged from
    `old_lines` (lines as `split_lines` gives them), else `newline`."""
    start = 0
    limit = min(len(old_lines), len(new_lines))
    while start < limit and old_lines[start] == new_lines[start]:
        start += 1
    tail = 0
    while tail < limit - start and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    kept: dict[int, int] = {index: index for index in range(start)}  # new line -> old line
    kept.update((len(new_lines) - 1 - back, len(old_lines) - 1 - back) for back in range(tail))
    import difflib  # fixes only: not imported by every run

    middle = difflib.SequenceMatcher(
        None, old_lines[start : len(old_lines) - tail], new_lines[start : len(new_lines) - tail], autojunk=False
    )
    for block in middle.get_matching_blocks():
        kept.update((start + block.b + offset, start + block.a + offset) for offset in range(block.size))
    endings = []
    for index, line in enumerate(new_lines):
        if line.endswith("\n"):
            old = kept.get(index)
            endings.append(old_endings[old] if old is not None else newline)
    return tuple(endings)


@dataclass
class Workspace:
    """Every file of the repository that is not excluded, read lazily and at most once."""

    root: Path
    exclude: tuple[str, ...] = ()
    files: list[str] = field(default_factory=list)
    _texts: dict[str, SourceText | None] = field(default_factory=dict)
    read_errors: dict[str, str] = field(default_factory=dict)
    modified: set[str] = field(default_factory=set)  # files whose text in memory differs from disk
    digests: dict[str, str] = field(default_factory=dict)  # content digest of every file read

    @classmethod
    def open(cls, root: Path, exclude: list[str]) -> Workspace:
        listed = list_files(root)
        workspace = cls(root=root, exclude=tuple(exclude), files=[p for p in listed if not matches_any(p, exclude)])
        workspace.listed = listed
        return workspace

    def __post_init__(self) -> None:
        self._file_set = set(self.files)
        self.stats: dict[str, tuple[int, int]] = {}  # path -> (size, mtime) seen by stat_signature()
        self.known_digests: dict[str, tuple[int, int, str]] = {}  # from an earlier run, via the cache
        self._raw: dict[str, bytes | None] = {}
        self._root_text = str(self.root)
        self._real_root = os.path.realpath(self.root)
        self._real_folders: dict[str, str | None] = {}
        self._outside: dict[str, str | None] = {}
        self.outside: dict[str, str] = {}  # files a check wanted that lead outside the root (RL005)
        self.listed: list[str] = list(self.files)  # every file git (or the walk) lists, `exclude` not applied

    def is_listed(self, rel: str) -> bool:
        """Whether `rel` is one of the repository's files (`exclude` applied), as listed when the run began."""
        return rel in self._file_set

    def exists(self, rel: str) -> bool:
        if rel in self._file_set or rel in self.modified:  # a file a fix created exists for the next round
            return True
        if not is_relative_inside(rel) or matches_any(rel, self.exclude):
            return False
        return (self.root / rel).is_file() and self.outside_reason(rel) is None

    def outside_reason(self, rel: str) -> str | None:
        """Why `rel` is not a path inside the repository (None when it is): a path that leaves the root by
        itself (`..`, absolute) or through a symbolic link. Nothing outside the root is read or written."""
        if not is_relative_inside(rel):
            return f"`{rel}` is not a path inside the repository"
        if rel not in self._outside:
            self._outside[rel] = self._link_escape(rel)
        return self._outside[rel]

    def _link_escape(self, rel: str) -> str | None:
        folder, _, _ = rel.rpartition("/")
        if folder not in self._real_folders:
            real = os.path.realpath(os.path.join(self._root_text, folder))
            self._real_folders[folder] = real if is_within(real, self._real_root) else None
        if self._real_folders[folder] is None:
            return f"`{rel}` lies in a folder that is a symbolic link to a path outside the repository"
        full = os.path.join(self._root_text, rel)
        try:
            is_link = stat.S_ISLNK(os.lstat(full).st_mode)
        except OSError:
            return None  # missing: reading it fails on its own
        if is_link and not is_within(os.path.realpath(full), self._real_root):
            return f"`{rel}` is a symbolic link to `{os.readlink(full)}`, outside the repository: not read, not written"
        return None

    def source(self, rel: str) -> SourceText | None:
        """The decoded file, or None when it cannot be read or decoded (the reason is kept for RL002)."""
        if rel not in self._texts:
            self._texts[rel] = self._read(rel)
        return self._texts[rel]

    def text(self, rel: str) -> str | None:
        source = self.source(rel)
        return None if source is None else source.text

    def raw(self, rel: str) -> bytes | None:
        """The file's bytes as on disk, read once per run (None when it cannot be read)."""
        if rel not in self._raw:
            reason = self.outside_reason(rel)
            if reason is not None:
                self.outside[rel] = reason
                self._raw[rel] = None
                return None
            try:
                self._raw[rel] = read_regular_file(os.path.join(self._root_text, rel))
            except OSError as error:
                self.read_errors.setdefault(rel, f"cannot read file: {error.strerror or error}")
                self._raw[rel] = None
        return self._raw[rel]

    def digest(self, rel: str) -> str | None:
        """Content digest of a file as the run sees it (after in-memory fixes); reads, never decodes.

        A file whose size and modification time match an earlier run's keeps that run's digest without
        being read (as ruff's cache does).
        """
        if rel not in self.digests:
            known = self.known_digests.get(rel)
            if known is not None and rel not in self.modified and known[:2] == self.stats.get(rel):
                self.digests[rel] = known[2]
                return known[2]
            from repo_lint.cache import digest

            raw = self.raw(rel)
            if raw is None:
                return None
            self.digests[rel] = digest(raw)
        return self.digests[rel]

    def stat_signature(self) -> tuple:
        """(path, size, mtime) of every file: equal signatures mean nothing changed on disk. A symbolic link is
        marked as one (a file replaced by a link to a copy outside the root, mtime kept, is a change) and keeps no
        size and mtime for `digest`: it is read, and its target checked, on every run."""
        signature = []
        root = str(self.root)
        for rel in self.files:
            try:
                info = os.lstat(os.path.join(root, rel))
                if stat.S_ISLNK(info.st_mode):
                    target = os.stat(os.path.join(root, rel))
                    signature.append((rel, target.st_size, target.st_mtime_ns, "link"))
                    continue
                self.stats[rel] = (info.st_size, info.st_mtime_ns)
                signature.append((rel, info.st_size, info.st_mtime_ns))
            except OSError:
                signature.append((rel, -1, -1))
        return tuple(signature)

    def digest_table(self) -> dict[str, tuple[int, int, str]]:
        """path -> (size, mtime, digest) of the files this run digested and did not change in memory."""
        return {
            rel: (*self.stats[rel], value)
            for rel, value in self.digests.items()
            if rel in self.stats and rel not in self.modified
        }

    def _read(self, rel: str) -> SourceText | None:
        raw = self.raw(rel)
        if raw is None:
            return None
        try:
            return decode(raw)
        except UnicodeDecodeError as error:
            line = len(_LINE_ENDING_BYTES.findall(raw, 0, error.start)) + 1
            self.read_errors[rel] = f"cannot decode file as UTF-8 (line {line}): {error.reason}"
            return None

    def replace_text(self, rel: str, text: str) -> None:
        """Record new content after a fix was written."""
        old = self.source(rel) if rel in self._texts or self.exists(rel) else None  # None: a file a fix creates
        self._texts[rel] = (old or SourceText(text="")).with_text(text)
        self.modified.add(rel)
        from repo_lint.cache import digest

        self.digests[rel] = digest(text.encode("utf-8", "surrogatepass"))
