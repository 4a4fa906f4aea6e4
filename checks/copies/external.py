"""Sources of `# Copied from` markers that name a package outside the repository (an installed one).

A custom-model repository (the layout of Hugging Face's "Sharing custom models" guide) copies code
from an installed library: `# Copied from transformers.models.bert.modeling_bert.BertSelfAttention`.
Such a package is found on the running interpreter's search path WITHOUT importing anything
(`PathFinder.find_spec` of the top-level name only, on the path entries outside the repository); its
files are read as text, never written: a fix rewrites only the copy inside the repository.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import os
import sys
from dataclasses import dataclass
from pathlib import Path

# An installed module larger than this is not read (a source file of that size is not Python someone copies from).
MAX_SOURCE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class InstalledPackage:
    name: str
    folders: tuple[Path, ...]  # the package's folders (several for a namespace package)
    module_file: Path | None  # a single-file top-level module instead of a package


@dataclass(frozen=True)
class InstalledSource:
    path: str  # absolute path of the module file, as found
    names: tuple[str, ...]  # the dotted names that follow the module
    text: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


def search_path(repository_root: Path) -> list[str]:
    """The interpreter's module search path without the entries inside the repository (or the current
    folder, `''`, which is where repo-lint usually runs): those are not installed packages."""
    root = _resolved(repository_root)
    kept = []
    for entry in sys.path:
        folder = _resolved(Path(entry or os.getcwd()))
        if folder is None or root is None or folder == root or root in folder.parents:
            continue
        kept.append(entry)
    return kept


def find_installed_package(name: str, path: list[str]) -> InstalledPackage | None:
    """Where the top-level package or module `name` is installed, found without importing it."""
    if not name.isidentifier():
        return None
    try:
        spec = importlib.machinery.PathFinder.find_spec(name, path)
    except (ImportError, OSError, ValueError):
        return None
    if spec is None:
        return None
    folders = tuple(Path(folder) for folder in (spec.submodule_search_locations or ()))
    if folders:
        return InstalledPackage(name, folders, None)
    origin = spec.origin
    if origin and origin.endswith(".py"):
        return InstalledPackage(name, (), Path(origin))
    return None  # an extension module or a bytecode-only package: no source to compare with


def find_installed_source(package: InstalledPackage, target: str) -> InstalledSource | None:
    """The module file of `<package>.<target>` (the longest dotted prefix that is a file) and its text."""
    parts = target.split(".")
    if package.module_file is not None:
        return _read(package.module_file, parts)
    for cut in range(len(parts) - 1, 0, -1):
        for folder in package.folders:
            stem = folder.joinpath(*parts[:cut])
            for candidate in (stem.with_name(stem.name + ".py"), stem / "__init__.py"):
                if candidate.is_file():
                    return _read(candidate, parts[cut:])
    return None


def _read(path: Path, names: list[str]) -> InstalledSource | None:
    try:
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return InstalledSource(str(path), tuple(names), text)


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None
