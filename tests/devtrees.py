"""Files of the development trees (git repositories, not the sdists): the docs and `utils/` scripts that the
released trees do not ship, at a pinned commit, kept in the git-ignored `.cache/devtrees/`.

A file is taken from a local clone when `REPO_LINT_<NAME>_CHECKOUT` names one (a work tree or a bare git
folder: `git show <commit>:<path>` is read, nothing of it runs), else downloaded from GitHub. When neither
works the caller skips, saying why: tests that need a development tree never pass without one.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

#: The pinned commits of the development trees the real-tree tests read.
# Transformers: a fork that carries upstream's history (its main of August 2026), the repository itself being too
# big to fetch whole here
COMMITS = {"diffusers": "58eb52c080", "transformers": "e8c4f0b738"}
REPOSITORIES = {"diffusers": "huggingface/diffusers", "transformers": "8b-is/transformers"}
_TIMEOUT = 30  # seconds per download


class DevFileUnavailable(RuntimeError):
    """The file cannot be provided (no checkout named, no network...); the message says why."""


def cache_dir() -> Path:
    return Path(__file__).resolve().parent.parent / ".cache" / "devtrees"


_UNREACHABLE: dict[str, str] = {}  # tree -> why its download failed in this process (not tried again)


def dev_file(name: str, path: str) -> Path:
    """The cached copy of `path` of the development tree `name` at its pinned commit, fetched when missing."""
    commit = COMMITS[name]
    target = cache_dir() / name / commit / path
    if target.is_file():
        return target
    data = _from_checkout(name, commit, path)
    if data is None:
        if name in _UNREACHABLE:
            raise DevFileUnavailable(f"not downloading {path}: an earlier download failed, {_UNREACHABLE[name]}")
        try:
            data = _download(name, commit, path)
        except DevFileUnavailable as error:
            _UNREACHABLE[name] = str(error)
            raise
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
        handle.write(data)
    os.replace(handle.name, target)  # atomic: a concurrent test never reads half a file
    return target


def dev_file_or_skip(name: str, path: str) -> Path:
    try:
        return dev_file(name, path)
    except DevFileUnavailable as error:
        pytest.skip(f"the {name} development tree is not available: {error}")


def diffusers_repository(root: Path, config: str, files: dict[str, str]) -> Path:
    """A scratch Diffusers-like repository at `root`: `config` as its pyproject.toml, the package folder, `files`."""
    from tests.helpers import write

    write(root, "pyproject.toml", config)
    write(root, "src/diffusers/__init__.py", "")
    for path, text in files.items():
        write(root, path, text)
    return root


def archive_or_skip(name: str, paths: list[str], dest: Path) -> Path:
    """`paths` (files or folders) of the development tree `name` at its pinned commit, unpacked into `dest` from the
    git folder `REPO_LINT_<NAME>_CHECKOUT` names (`git archive`; nothing of it runs). Skips, saying why, without
    one: whole folders are not downloaded file by file."""
    variable = f"REPO_LINT_{name.upper()}_CHECKOUT"
    checkout = os.environ.get(variable)
    if not checkout:
        pytest.skip(f"{variable} is not set: the {name} development tree is not available")
    folder = Path(checkout)
    where = ["--git-dir", str(folder)] if (folder / "HEAD").is_file() else ["-C", str(folder)]
    archive = subprocess.run(["git", *where, "archive", COMMITS[name], *paths], capture_output=True)
    if archive.returncode != 0:
        pytest.skip(f"`git archive` failed in {checkout}: {archive.stderr.decode().strip()}")
    dest.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "x"], input=archive.stdout, cwd=dest, check=True)
    return dest


def _from_checkout(name: str, commit: str, path: str) -> bytes | None:
    checkout = os.environ.get(f"REPO_LINT_{name.upper()}_CHECKOUT")
    if not checkout:
        return None
    folder = Path(checkout)
    where = ["--git-dir", str(folder)] if (folder / "HEAD").is_file() else ["-C", str(folder)]
    done = subprocess.run(["git", *where, "show", f"{commit}:{path}"], capture_output=True)
    if done.returncode != 0:
        raise DevFileUnavailable(f"`git show {commit}:{path}` failed in {checkout}: {done.stderr.decode().strip()}")
    return done.stdout


def _download(name: str, commit: str, path: str) -> bytes:
    url = f"https://raw.githubusercontent.com/{REPOSITORIES[name]}/{commit}/{path}"
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT) as response:  # noqa: S310 - a fixed https URL
            return response.read()
    except OSError as error:
        variable = f"REPO_LINT_{name.upper()}_CHECKOUT"
        raise DevFileUnavailable(f"cannot download {url} ({error}); set {variable} to a clone") from error
