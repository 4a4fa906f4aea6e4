"""Batch formatting of code snippets with `ruff format`, using the linted repository's ruff configuration.

The reference scripts start one ruff process per snippet; here every snippet of a run goes to one ruff
call (ruff formats the files of one call in parallel), and results are memoised by content.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


class FormatterUnavailable(Exception):
    pass


def find_ruff(root: Path | None = None) -> str:
    """The ruff binary to run: for a repository `root`, the one `choose_ruff` picks; else repo-lint's own."""
    if root is not None:
        return choose_ruff(root).path
    return _own_ruff()


def _own_ruff() -> str:
    """The ruff binary of the installed `ruff` package (a dependency), else one next to Python or on PATH."""
    try:
        from ruff.__main__ import find_ruff_bin

        return os.fsdecode(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        pass
    candidate = Path(sys.executable).parent / ("ruff.exe" if os.name == "nt" else "ruff")
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("ruff")
    if found:
        return found
    raise FormatterUnavailable("the `ruff` executable was not found; install the `ruff` package")


# `ruff==0.14.10` in a dependency list (setup.py's `_deps`, pyproject.toml's dependencies or groups).
_RUFF_PIN = re.compile(r"""["']ruff\s*==\s*([0-9]{1,4}(?:\.[0-9]{1,6}){0,3})\s*["']""")
_PIN_FILES = ("pyproject.toml", "setup.py")
_MAX_PIN_FILE_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class RuffChoice:
    path: str
    version: str  # as `ruff --version` prints it, e.g. "0.14.10"
    reason: str  # why this one, for `-v`

    def describe(self) -> str:
        return f"ruff {self.version or '(version unknown)'} at {self.path} ({self.reason})"


def pinned_ruff_version(root: Path) -> tuple[str, str] | None:
    """(version, file) of the `ruff==X` pin of the repository's `pyproject.toml` or `setup.py`, if any. Read as
    text only (never run), a file that is a link, too big or unreadable counts as no pin."""
    from repo_lint.workspace import read_regular_file

    for name in _PIN_FILES:
        try:
            text = read_regular_file(root / name, follow_links=False, max_bytes=_MAX_PIN_FILE_BYTES)
        except OSError:
            continue
        match = _RUFF_PIN.search(text.decode("utf-8", "replace"))
        if match:
            return match.group(1), name
    return None


def choose_ruff(root: Path) -> RuffChoice:
    """The ruff that formats like the repository's own `make style`: when the repository pins a version and a
    ruff of that version is installed outside it (repo-lint's own, or one on PATH: a pre-commit hook gets it
    from `additional_dependencies`), that one; else repo-lint's own. A ruff inside the repository is never
    run (nothing from the checkout is executed)."""
    return _choose_ruff(str(root.resolve()), pinned_ruff_version(root), os.environ.get("PATH", ""))


@functools.lru_cache(maxsize=16)
def _choose_ruff(root: str, pin: tuple[str, str] | None, search_path: str) -> RuffChoice:
    own = _own_ruff()
    own_version = ruff_version_of(own)
    if pin is None:
        return RuffChoice(own, own_version, "repo-lint's own; the repository pins no ruff version")
    wanted, pin_file = pin
    if own_version == wanted:
        return RuffChoice(own, own_version, f"the version {pin_file} pins")
    for candidate in _ruffs_on_path(search_path):
        if not _inside(candidate, root) and ruff_version_of(candidate) == wanted:
            return RuffChoice(candidate, wanted, f"the version {pin_file} pins, found on PATH")
    return RuffChoice(
        own,
        own_version,
        f"repo-lint's own: {pin_file} pins ruff=={wanted}, which is not installed (copies may be formatted "
        "differently from `make style`; see the pre-commit docs to pin it)",
    )


def ruff_identity(root: Path) -> str:
    """What decides which ruff `choose_ruff` picks and what it does, cheaply (no ruff is run): the repository's
    pin and the size and modification time of each candidate binary (repo-lint's own; with a pin, those on
    PATH too). For the answer of a run where nothing changed (the no-op path)."""
    pin = pinned_ruff_version(root)
    candidates = [_own_ruff(), *(_ruffs_on_path(os.environ.get("PATH", "")) if pin else [])]
    stats = []
    for candidate in candidates:
        try:
            info = os.stat(candidate)
            stats.append((candidate, info.st_size, info.st_mtime_ns))
        except OSError:
            stats.append((candidate, -1, -1))
    return repr((pin, stats))


def _ruffs_on_path(search_path: str) -> list[str]:
    name = "ruff.exe" if os.name == "nt" else "ruff"
    found = []
    for folder in search_path.split(os.pathsep):
        if folder and os.path.isabs(folder):  # a relative PATH entry would name the checkout
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK) and candidate not in found:
                found.append(candidate)
    return found


def _inside(path: str, root: str) -> bool:
    try:
        Path(path).resolve().relative_to(root)
    except ValueError:
        return False
    return True


@functools.lru_cache(maxsize=32)
def ruff_version_of(path: str) -> str:
    """`0.14.10` from `ruff --version` of the binary at `path`; "" when it does not answer."""
    try:
        result = subprocess.run([path, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    match = re.search(rb"ruff\s+([0-9][0-9a-z.+-]*)", result.stdout)
    return match.group(1).decode() if match else ""


def find_ruff_config(root: Path) -> Path | None:
    """The repository's ruff configuration file, looked up as ruff itself would at the root."""
    for name in (".ruff.toml", "ruff.toml", "pyproject.toml"):
        candidate = root / name
        if candidate.is_file():
            if name != "pyproject.toml":
                return candidate
            try:
                if "[tool.ruff" in candidate.read_text(encoding="utf-8"):
                    return candidate
            except (OSError, UnicodeDecodeError):
                return None
    return None


class RuffFormatter:
    """Formats many snippets with few ruff processes; `cache` maps a snippet digest to its result."""

    def __init__(self, root: Path, store=None, on_unavailable: Callable[[], None] | None = None) -> None:
        self.root = root
        self.on_unavailable = on_unavailable  # told when ruff cannot run (what depends on it is not kept)
        self.config = find_ruff_config(root)
        self.cache: dict[str, str | None] = {}
        self.store = store  # the on-disk cache (repo_lint.cache.Cache) or None
        self.calls = 0
        self._ruff: str | None = None
        self.errors: dict[str, str] = {}  # digest -> ruff's message for snippets that did not format

    def identity(self) -> str:
        """What the formatting output depends on besides the snippet: ruff version and config bytes."""
        if getattr(self, "_identity", None):
            return self._identity
        digest = hashlib.sha256()
        digest.update(self.version().encode())
        if self.config is not None:
            try:
                digest.update(self.config.read_bytes())
            except OSError:
                pass
        self._identity = digest.hexdigest()[:16]
        return self._identity

    def version(self) -> str:
        try:
            return "ruff " + choose_ruff(self.root).version
        except FormatterUnavailable:
            self._unavailable()
            return "ruff unknown"

    def _unavailable(self) -> None:
        if self.on_unavailable is not None:
            self.on_unavailable()

    @staticmethod
    def digest(code: str) -> str:
        return hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()

    def format_many(self, snippets: list[str]) -> list[str | None]:
        """Format each snippet as `ruff format` would format a file holding it; None when it fails."""
        keys = [self.digest(s) for s in snippets]
        identity = self.identity() if self.store is not None else ""
        missing = {}
        for key, snippet in zip(keys, snippets, strict=True):
            if key in self.cache:
                continue
            if self.store is not None:
                hit, value = self.store.get_shared(("ruff-format", identity, key))
                if hit:
                    self.cache[key] = value
                    continue
            missing[key] = snippet
        if missing:
            try:
                self._run(missing)
            except FormatterUnavailable:
                self._unavailable()
                raise
            if self.store is not None:
                for key in missing:
                    if self.cache[key] is not None:  # failures are cheap to redo and carry messages
                        self.store.put_shared(("ruff-format", identity, key), self.cache[key])
        return [self.cache[k] for k in keys]

    def _run(self, todo: dict[str, str]) -> None:
        if self._ruff is None:
            self._ruff = find_ruff(self.root)
        with tempfile.TemporaryDirectory(prefix="repo-lint-fmt-") as folder:
            names = {}
            for index, (key, code) in enumerate(todo.items()):
                name = os.path.join(folder, f"s{index}.py")
                with open(name, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(code)
                names[key] = name
            command = [self._ruff, "format", "--no-cache"]
            command += ["--config", str(self.config)] if self.config else ["--isolated"]
            # Snippets are not part of the project: do not let its `exclude` settings skip them.
            command += list(names.values())
            self.calls += 1
            result = subprocess.run(command, capture_output=True, cwd=self.root)
            stderr = result.stderr.decode("utf-8", "replace")
            failed = _failed_files(stderr, names.values())
            if result.returncode not in (0, 1) and not failed:
                raise FormatterUnavailable(f"ruff format failed: {stderr.strip()[:500]}")
            for key, name in names.items():
                if name in failed:
                    self.cache[key] = None
                    self.errors[key] = failed[name]
                    continue
                with open(name, encoding="utf-8", newline="") as handle:
                    self.cache[key] = handle.read()


def _failed_files(stderr: str, names) -> dict[str, str]:
    failed = {}
    for name in names:
        base = os.path.basename(name)
        for line in stderr.splitlines():
            if re.search(rf"{re.escape(base)}\b", line):
                failed[name] = line.split(base, 1)[-1].lstrip(":0123456789 ").strip() or line.strip()
                break
    return failed
