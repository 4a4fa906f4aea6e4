"""Fetch the released source trees that repo-lint is measured against.

The quality bars of the spec are stated on the real ``transformers`` and ``diffusers`` source
distributions from PyPI. This module downloads them with pip (only once), extracts them safely
into a git-ignored cache and hands out the extracted folder, or a scratch copy of it for tests
that mutate files::

    from tests.realtrees import TREES, TreeUnavailable, fetch_tree, fresh_copy

    try:
        tree = fetch_tree("diffusers", TREES["diffusers"])
    except TreeUnavailable as exc:
        pytest.skip(str(exc))
    work = fresh_copy(tree, tmp_path / "diffusers")

Layout of the cache (``<repo root>/.cache/realtrees``)::

    sdists/NAME-VERSION.tar.gz      # what ``pip download`` saved
    trees/NAME-VERSION/             # the extracted sdist root, complete when it holds MARKER

Every step is safe to run from several processes at once: downloads and extractions happen in
private temporary folders and are moved into place with an atomic rename.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

__all__ = ["MARKER", "TREES", "TreeUnavailable", "cache_dir", "fetch_tree", "fresh_copy", "sdist_path"]

#: The released versions the quality bars refer to.
TREES = {"transformers": "5.23.0", "diffusers": "0.42.1"}

#: Written into an extracted tree last; a tree without it is incomplete and is extracted again.
MARKER = ".realtrees-complete"

_PIP_TIMEOUT = 900  # seconds; the transformers sdist is large and pip also prepares its metadata


class TreeUnavailable(RuntimeError):
    """The tree cannot be provided (no network, pip failure, bad archive...); the message says why."""


def cache_dir() -> Path:
    """Return ``<repo root>/.cache/realtrees`` (the repo root is the parent of the ``tests`` folder)."""
    return Path(__file__).resolve().parent.parent / ".cache" / "realtrees"


def sdist_path(name: str, version: str) -> Path | None:
    """Return the cached sdist archive of ``name==version``, or None when it is not downloaded yet."""
    folder = cache_dir() / "sdists"
    stems = {f"{name}-{version}", f"{name.replace('-', '_')}-{version}", f"{name.lower()}-{version}"}
    for stem in sorted(stems):
        for suffix in (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar"):
            candidate = folder / f"{stem}{suffix}"
            if candidate.is_file():
                return candidate
    return None


def _download(name: str, version: str) -> Path:
    """Download the sdist of ``name==version`` with pip into the cache (once) and return its path."""
    found = sdist_path(name, version)
    if found is not None:
        return found
    folder = cache_dir() / "sdists"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".download-") as tmp:
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        command += ["--disable-pip-version-check", f"{name}=={version}", "-d", tmp]
        try:
            proc = subprocess.run(command, check=False, capture_output=True, text=True, timeout=_PIP_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise TreeUnavailable(f"cannot download {name}=={version}: {exc}") from exc
        output = (proc.stdout + proc.stderr).strip()
        archives = [p for p in Path(tmp).iterdir() if p.is_file() and ".tar" in p.name]
        if proc.returncode != 0 or len(archives) != 1:
            raise TreeUnavailable(
                f"`{' '.join(command[1:5])} ... {name}=={version}` failed (exit {proc.returncode}, "
                f"{len(archives)} tar archive(s) saved):\n{output}"
            )
        target = folder / archives[0].name
        os.replace(archives[0], target)  # atomic; a concurrent download of the same file is harmless
    return target


def _check_member(member: tarfile.TarInfo, archive: Path) -> None:
    """Reject archive members that could write outside the extraction folder."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or member.name.startswith(("/", "\\")):
        raise TreeUnavailable(f"unsafe path {member.name!r} in {archive.name}")
    if member.issym() or member.islnk():
        target = PurePosixPath(member.linkname)
        if target.is_absolute() or ".." in target.parts:
            raise TreeUnavailable(f"unsafe link {member.name!r} -> {member.linkname!r} in {archive.name}")
    elif not (member.isfile() or member.isdir()):
        raise TreeUnavailable(f"unsupported member type {member.name!r} in {archive.name}")


def _extract(archive: Path, dest: Path) -> None:
    """Extract ``archive`` into ``dest`` after checking every member."""
    try:
        with tarfile.open(archive) as tar:
            members = tar.getmembers()
            for member in members:
                _check_member(member, archive)
            if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4 / 3.10.12: a second line of defence
                tar.extractall(dest, members=members, filter="data")
            else:
                tar.extractall(dest, members=members)  # members checked above
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise TreeUnavailable(f"cannot extract {archive}: {exc}") from exc


def _is_complete(tree: Path) -> bool:
    return (tree / MARKER).is_file()


def fetch_tree(name: str, version: str | None = None) -> Path:
    """Return the extracted source tree of ``name==version`` (default: ``TREES[name]``).

    Downloads the sdist with pip if it is not cached, extracts it once into
    ``<cache>/trees/NAME-VERSION/`` and returns that folder. Raises `TreeUnavailable` on any failure.
    """
    if version is None:
        if name not in TREES:
            raise TreeUnavailable(f"no default version for {name!r}; known trees: {sorted(TREES)}")
        version = TREES[name]
    trees = cache_dir() / "trees"
    final = trees / f"{name}-{version}"
    if _is_complete(final):
        return final

    archive = _download(name, version)
    trees.mkdir(parents=True, exist_ok=True)
    if final.exists():  # left over by an interrupted run of some other tool: start again
        shutil.rmtree(final, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(dir=trees, prefix=f".extract-{name}-{version}-"))
    try:
        _extract(archive, tmp)
        entries = list(tmp.iterdir())
        root = entries[0] if len(entries) == 1 and entries[0].is_dir() else tmp
        (root / MARKER).write_text(f"{archive.name}\n", encoding="utf-8")  # last write: tree is complete
        try:
            os.rename(root, final)
        except OSError:
            if not _is_complete(final):  # not a concurrent winner: a real failure
                raise
    except OSError as exc:
        raise TreeUnavailable(f"cannot install the extracted tree at {final}: {exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def fresh_copy(tree: Path, dest: Path) -> Path:
    """Copy ``tree`` to ``dest`` (which must not exist) for tests that modify files; return ``dest``."""
    shutil.copytree(tree, dest, symlinks=True, ignore=shutil.ignore_patterns(MARKER))
    return Path(dest)


def tree_or_skip(name: str) -> Path:
    """The released tree, or a loud pytest skip saying why it is not available."""
    import pytest

    try:
        return fetch_tree(name)
    except TreeUnavailable as error:
        pytest.skip(f"REAL TREE UNAVAILABLE, {name} not checked: {error}")


def lint_json(root: Path, *args: str) -> list[dict]:
    """`repo-lint check --output-format json ARGS` in `root` (no traceback, no internal error)."""
    from tests.helpers import check_json

    return check_json(root, *args)[1]


def edit_file(root: Path, path: str, old: str, new: str) -> None:
    """Replace the first `old` of a tree file by `new` (a seeded mutation); `old` must be there."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
