"""Batch formatting of code snippets with `ruff format`, using the linted repository's ruff configuration.

The reference scripts start one ruff process per snippet; here every snippet of a run goes to one ruff
call (ruff formats the files of one call in parallel), and results are memoised by content.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


class FormatterUnavailable(Exception):
    pass


def find_ruff() -> str:
    """The ruff binary of the installed `ruff` package (a dependency), else one on PATH."""
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

    def __init__(self, root: Path, store=None) -> None:
        self.root = root
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
            from importlib.metadata import version

            return "ruff " + version("ruff")
        except Exception:  # noqa: BLE001 - the version only keys the cache
            return "ruff unknown"

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
            self._run(missing)
            if self.store is not None:
                for key in missing:
                    if self.cache[key] is not None:  # failures are cheap to redo and carry messages
                        self.store.put_shared(("ruff-format", identity, key), self.cache[key])
        return [self.cache[k] for k in keys]

    def _run(self, todo: dict[str, str]) -> None:
        if self._ruff is None:
            self._ruff = find_ruff()
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
