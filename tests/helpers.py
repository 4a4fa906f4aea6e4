"""Shared helpers for the CLI tests: tiny repositories in a temporary folder and a subprocess runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import traceback
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from repo_lint.cli import cli

PACKAGE = "mylib"
_RUNNER = CliRunner()  # click 8.2+: stdout and stderr apart
THREE_LINE_CONFIG = '[tool.repo-lint]\npackage = "mylib"\nselect = ["CPY"]\n'

SOURCE_A = textwrap.dedent(
    """\
    class Foo:
        def __init__(self, x):
            self.x = x

        def forward(self, y):
            return self.x + y


    def helper(a, b):
        return a * b
    """
)

# A copy of `Foo` (renamed `Bar`) that matches its source, and one of `helper` that matches too.
GOOD_COPY = textwrap.dedent(
    """\
    # Copied from mylib.a.Foo
    class Bar:
        def __init__(self, x):
            self.x = x

        def forward(self, y):
            return self.x + y


    # Copied from mylib.a.helper
    def helper2(a, b):
        return a * b
    """
)

# The same file with one drifted line (line 7: `-` instead of `+`).
DRIFTED_COPY = GOOD_COPY.replace("return self.x + y", "return self.x - y")
DRIFT_LINE = 7


def drifted_helper(name: str) -> str:
    """A file holding one drifted copy of `mylib.a.helper` (its line 3 differs)."""
    return f"# Copied from mylib.a.helper\ndef {name}(a, b):\n    return a - b\n"


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def make_repo(
    root: Path,
    files: dict[str, str | bytes] | None = None,
    config: str | None = THREE_LINE_CONFIG,
    package: str = PACKAGE,
) -> Path:
    """A library `src/<package>/` with `a.py` (the sources) plus `files`, and a pyproject.toml unless
    `config` is None. Paths in `files` are relative to the repository root."""
    write(root, f"src/{package}/__init__.py", "")
    write(root, f"src/{package}/a.py", SOURCE_A)
    if config is not None:
        write(root, "pyproject.toml", config)
    for rel, content in (files or {}).items():
        write(root, rel, content)
    return root


def run_cli(root: Path, *args: str, check_traceback: bool = True) -> subprocess.CompletedProcess:
    """`repo-lint <args>` run in this process with `root` as the working directory (the entry point a shell
    runs; a subprocess per call would make the suite several times slower); text output. Asserts there is no
    traceback on stderr. Tests about the process itself (imports, signals, the installed script) start their
    own subprocess."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        result = _RUNNER.invoke(cli, list(args), prog_name="repo-lint", env={"NO_COLOR": None})
    finally:
        os.chdir(previous)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    if check_traceback:
        assert "Traceback" not in stderr, stderr
        assert "internal error" not in stderr, stderr
    return subprocess.CompletedProcess(["repo-lint", *args], result.exit_code, result.stdout, stderr)


def check_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`repo-lint check <args>` in `root` (see `run_cli`)."""
    return run_cli(root, "check", *args)


def check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return run_cli(root, "check", "--output-format", "concise", *args)


def check_json(root: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    result = run_cli(root, "check", "--output-format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return result, json.loads(result.stdout)


def codes_at(findings: list[dict]) -> list[tuple[str, str, int]]:
    """(code, path, line) of every JSON finding."""
    return [(f["code"], f["path"], f["line"]) for f in findings]


def snapshot(root: Path) -> dict[str, bytes]:
    """Bytes of every file under `root` (symlinks as their target text), for 'nothing was written' checks."""
    result = {}
    for path in sorted(root.rglob("*")):
        if ".repo-lint-cache" in path.parts or "__pycache__" in path.parts:
            continue
        if path.is_symlink():
            result[path.relative_to(root).as_posix()] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            result[path.relative_to(root).as_posix()] = path.read_bytes()
    return result


def ruff_undefined_names(root: Path, files: list[str]) -> dict[str, Counter]:
    """ruff's F821 findings per file of `root`: name -> how often it is used undefined. ruff's own settings are
    ignored (`--isolated`), so the checked repository cannot change them; an independent judge of what a fix
    left undefined (repo-lint's name guard is the thing under test)."""
    if not files:
        return {}
    command = [sys.executable, "-m", "ruff", "check", "--isolated", "--no-cache", "--select", "F821"]
    command += ["--output-format", "json", "--exit-zero", *files]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300, check=True)
    found: dict[str, Counter] = {path: Counter() for path in files}
    for item in json.loads(done.stdout or "[]"):
        path = Path(item["filename"]).resolve().relative_to(root.resolve()).as_posix()
        found.setdefault(path, Counter())[item["message"].split("`")[1]] += 1
    return found
