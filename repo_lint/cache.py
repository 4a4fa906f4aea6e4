"""The on-disk cache: per-file facts, ruff results, and whole-run results for no-op runs.

Layout (`.repo-lint-cache/` at the repository root, git-ignored by a `.gitignore` inside it):

- `facts-<namespace>.pickle`: (path, extractor, arguments) -> (content digest, facts). A file's facts are
  reused while its content is unchanged; entries of files that left the repository are pruned.
- `shared-<namespace>.pickle`: content-addressed results (ruff formatting of snippets, syntax errors).
- `runs-<namespace>.pickle`: the diagnostics of recent runs with the file stats they saw, so a run where
  nothing changed answers without judging anything.

The namespace is the tool version plus the configuration fingerprint, so a new version or a changed
configuration starts from scratch. Every write goes to a temporary file renamed over the target, so two
runs sharing the cache never see half a file; an unreadable or corrupt file is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path
from typing import Any

from repo_lint import __version__

MAX_RUNS = 8
STALE_NAMESPACE_SECONDS = 7 * 24 * 3600


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _load(path: Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a corrupt or foreign cache file is a miss, by design
        return None


def _store(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError:
        pass  # a cache that cannot be written only makes the next run slower


_CODE_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """The size and mtime of every module of repo-lint and its checks: facts extracted by other code (an
    editable install between two releases) are never read back. Stats of a few dozen files, once per process."""
    global _CODE_FINGERPRINT
    if _CODE_FINGERPRINT is None:
        import repo_lint
        import repo_lint.checks

        stats = []
        for package in (repo_lint, repo_lint.checks):
            for folder in package.__path__:
                for path in sorted(Path(folder).rglob("*.py")):
                    stat = path.stat()
                    stats.append(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}")
        _CODE_FINGERPRINT = digest("\n".join(stats).encode())
    return _CODE_FINGERPRINT


class Cache:
    """One run's view of the cache; `save()` writes what the run learned."""

    def __init__(self, directory: Path | None, config_fingerprint: str) -> None:
        self.directory = directory
        self.namespace = digest(f"{__version__}|{code_fingerprint()}|{config_fingerprint}".encode())[:16]
        self._facts: dict[tuple, tuple[str, Any]] | None = None  # loaded on first use
        self._shared: dict[tuple, Any] | None = None
        self.runs: dict[str, tuple[Any, Any]] = {}
        self._dirty = False
        self._used_shared: set[tuple] = set()
        if directory is not None:
            self.runs = self._dict(_load(self._path("runs")))

    @property
    def facts(self) -> dict[tuple, tuple[str, Any]]:
        if self._facts is None:
            self._facts = self._dict(_load(self._path("facts"))) if self.directory is not None else {}
        return self._facts

    @facts.setter
    def facts(self, value: dict) -> None:
        self._facts = value

    @property
    def shared(self) -> dict[tuple, Any]:
        if self._shared is None:
            self._shared = self._dict(_load(self._path("shared"))) if self.directory is not None else {}
        return self._shared

    @shared.setter
    def shared(self, value: dict) -> None:
        self._shared = value

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def _path(self, kind: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{kind}-{self.namespace}.pickle"

    @staticmethod
    def _dict(value: Any) -> dict:
        return value if isinstance(value, dict) else {}

    def warm(self) -> bool:
        """Whether earlier runs left facts to reuse (without loading them)."""
        return self.directory is not None and self._path("facts").is_file()

    # -- per-file facts --------------------------------------------------------------------------------
    def get_facts(self, key: tuple, content_digest: str) -> tuple[bool, Any]:
        entry = self.facts.get(key)
        if entry is not None and entry[0] == content_digest:
            return True, entry[1]
        return False, None

    def put_facts(self, key: tuple, content_digest: str, value: Any) -> None:
        self.facts[key] = (content_digest, value)
        self._dirty = True

    # -- file digests by (size, mtime) -----------------------------------------------------------------
    def known_digests(self) -> dict[str, tuple[int, int, str]]:
        value = self.facts.get(("__digests__",))
        return value[1] if value is not None and isinstance(value[1], dict) else {}

    def put_digests(self, table: dict[str, tuple[int, int, str]]) -> None:
        merged = {**self.known_digests(), **table}
        if merged != self.known_digests():
            self.facts[("__digests__",)] = ("", merged)
            self._dirty = True

    # -- content-addressed results ---------------------------------------------------------------------
    def get_shared(self, key: tuple) -> tuple[bool, Any]:
        if key in self.shared:
            self._used_shared.add(key)
            return True, self.shared[key]
        return False, None

    def put_shared(self, key: tuple, value: Any) -> None:
        self.shared[key] = value
        self._used_shared.add(key)
        self._dirty = True

    # -- whole runs ------------------------------------------------------------------------------------
    def get_run(self, request_key: str, signature: Any) -> Any:
        entry = self.runs.get(request_key)
        if entry is not None and entry[0] == signature:
            return entry[1]
        return None

    def put_run(self, request_key: str, signature: Any, result: Any) -> None:
        self.runs.pop(request_key, None)
        self.runs[request_key] = (signature, result)
        while len(self.runs) > MAX_RUNS:
            self.runs.pop(next(iter(self.runs)))
        if self.directory is not None:
            _store(self._path("runs"), self.runs)

    # -- persistence -----------------------------------------------------------------------------------
    def save(self, existing_paths: set[str]) -> None:
        if self.directory is None or not self._dirty:
            return
        self.facts = {k: v for k, v in self.facts.items() if k[0] in existing_paths or k == ("__digests__",)}
        if ("__digests__",) in self.facts:
            table = {p: v for p, v in self.facts[("__digests__",)][1].items() if p in existing_paths}
            self.facts[("__digests__",)] = ("", table)
        # Content-addressed entries are kept while some run uses them; a run that used none keeps all.
        if self._used_shared:
            self.shared = {k: v for k, v in self.shared.items() if k in self._used_shared}
        self._write_gitignore()
        _store(self._path("facts"), self.facts)
        _store(self._path("shared"), self.shared)
        self._prune_other_namespaces()

    def _write_gitignore(self) -> None:
        assert self.directory is not None
        marker = self.directory / ".gitignore"
        if not marker.exists():
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                marker.write_text("# Created by repo-lint.\n*\n", encoding="utf-8")
            except OSError:
                pass

    def _prune_other_namespaces(self) -> None:
        """Drop the files of other versions/configurations that were not used for a week."""
        assert self.directory is not None
        now = time.time()
        for path in self.directory.glob("*.pickle"):
            if self.namespace in path.name:
                continue
            try:
                if now - path.stat().st_mtime > STALE_NAMESPACE_SECONDS:
                    path.unlink()
            except OSError:
                pass
