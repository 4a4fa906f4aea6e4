"""The progress bar of a cold run: drawn on stderr for a person at a terminal, never in a pipe or in CI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from repo_lint.checks.copies.judge import extract_copy_facts

from repo_lint import progress, repo_view
from repo_lint.config import load_config
from repo_lint.registry import check_sections
from repo_lint.workspace import Workspace
from tests.helpers import drifted_helper, make_repo

FILES = repo_view.PARALLEL_THRESHOLD + 10  # enough uncached files for the process pool (where the bar is)
LABEL = f"repo-lint: reading {FILES} files"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def many_copies(root: Path) -> Path:
    """A library with FILES drifted copies of `mylib.a.helper`: a cold run extracts their facts in a pool."""
    return make_repo(root, {f"src/mylib/copy_{i:03}.py": drifted_helper(f"helper_{i}") for i in range(FILES)})


def test_progress_stream_is_stderr_only_at_a_terminal_outside_ci(monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", terminal)
    assert progress.progress_stream() is terminal
    for value in ("true", "1", "yes"):
        monkeypatch.setenv("CI", value)
        assert progress.progress_stream() is None
    monkeypatch.setenv("CI", "false")
    assert progress.progress_stream() is terminal
    monkeypatch.delenv("CI")
    monkeypatch.setattr(sys, "stderr", io.StringIO())  # a pipe or a file
    assert progress.progress_stream() is None


def test_cold_prefetch_draws_a_bar_on_a_terminal(tmp_path: Path, monkeypatch):
    root = many_copies(tmp_path)
    terminal = FakeTerminal()
    monkeypatch.setattr(progress, "progress_stream", lambda: terminal)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)  # a pool even on a one-core machine
    config = load_config(root, None, check_sections())
    repo = repo_view.RepoView(config, Workspace.open(root, []))
    paths = [p for p in repo.python_files("src/mylib") if "copy_" in p]
    repo.prefetch(paths, extract_copy_facts, ("mylib",))
    output = terminal.getvalue()
    assert LABEL in output
    assert f"{FILES}/{FILES}" in output  # the bar ran to the end
    # The bar only watched: every fact is extracted, memoised and right.
    for path in paths:
        assert repo.facts(path, extract_copy_facts, ("mylib",)) == extract_copy_facts(repo.text(path), ("mylib",))


def run_check(root: Path, stderr, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--no-cache", "--output-format", "concise"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=stderr,
        env=env,
        timeout=300,
    )


def without_ci() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_nothing_extra_on_stderr_in_a_pipe(tmp_path: Path):
    root = many_copies(tmp_path)
    result = run_check(root, subprocess.PIPE, without_ci())
    assert result.returncode == 1  # every copy drifted
    assert result.stdout.decode().count(" CPY001 ") == FILES
    assert result.stderr == b""


def run_on_a_terminal(root: Path, env: dict) -> tuple[subprocess.CompletedProcess, str]:
    """Run a check whose stderr is a pseudo-terminal; return the result and what the terminal showed."""
    pty = pytest.importorskip("pty")
    master, replica = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the terminal closed
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        result = run_check(root, replica, env)
    finally:
        os.close(replica)
        reader.join(timeout=30)
        os.close(master)
    return result, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "openpty") or (os.cpu_count() or 1) < 2, reason="needs a pty and 2 cores")
def test_a_terminal_shows_the_bar_and_ci_does_not(tmp_path: Path):
    """The control for the pipe test: the same run on a terminal does draw the bar, unless CI is set."""
    root = many_copies(tmp_path)
    result, shown = run_on_a_terminal(root, without_ci())
    assert result.returncode == 1
    assert LABEL in shown
    result, shown = run_on_a_terminal(root, {**without_ci(), "CI": "true"})
    assert result.returncode == 1
    assert "reading" not in shown and shown == ""
