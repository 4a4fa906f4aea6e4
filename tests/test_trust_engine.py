"""The engine's boundary and write safety: nothing outside the root is read or written, a fix never
overwrites a file that changed during the run, interrupted runs leave nothing behind, chains settle in one
run, and one file's failure is that file's diagnostic."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from repo_lint.config import ConfigError, check_codes, load_config, path_problem
from repo_lint.diagnostics import Diagnostic
from repo_lint.engine_findings import engine_findings
from repo_lint.fixer import WriteRefused, remove_stale_temp_files, write_atomically
from repo_lint.parsing import Unparsable, parse_module
from repo_lint.registry import all_rules, check_sections
from repo_lint.repo_view import RepoView
from repo_lint.report import FORMATS, printable, render
from repo_lint.workspace import Workspace, is_relative_inside
from tests.helpers import DRIFTED_COPY, GOOD_COPY, check, make_repo, write


def _json(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)


# --- nothing outside the root ---------------------------------------------------------------------------


def test_link_leaving_the_repository_is_rl005_and_never_written(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = write(outside, "b.py", DRIFTED_COPY)
    repo = make_repo(tmp_path / "repo")
    (repo / "src/mylib/b.py").symlink_to(target)
    result = check(repo, "--output-format", "json")
    assert result.returncode == 1
    assert [(d["code"], d["path"]) for d in _json(result)] == [("RL005", "src/mylib/b.py")]
    fixed = check(repo, "--fix")
    assert target.read_text() == DRIFTED_COPY  # the file outside is untouched
    assert "RL005" in fixed.stdout


def test_link_to_a_folder_outside_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "b.py", DRIFTED_COPY)
    repo = make_repo(tmp_path / "repo")
    (repo / "src/mylib/ext").symlink_to(outside, target_is_directory=True)
    workspace = Workspace.open(repo, [])
    assert "src/mylib/ext/b.py" not in workspace.files  # neither git nor the walk follow a folder link
    assert not workspace.exists("src/mylib/ext/b.py")  # nor does a path a check builds (a marker's module)
    assert workspace.raw("src/mylib/ext/b.py") is None
    assert "outside the repository" in workspace.outside["src/mylib/ext/b.py"]


@pytest.mark.parametrize("rel", ["/etc/passwd", "../x.py", "src/../../x.py", "C:/x.py", ""])
def test_paths_that_leave_the_root_by_their_text(rel):
    assert not is_relative_inside(rel)


def test_write_through_a_link_that_leaves_the_root_is_refused(tmp_path):
    outside = write(tmp_path, "outside.py", "x = 1\n")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.py").symlink_to(outside)
    with pytest.raises(WriteRefused, match="outside the repository"):
        write_atomically(root / "a.py", b"x = 2\n", root=root, expected=b"x = 1\n")
    assert outside.read_text() == "x = 1\n"


def test_a_file_changed_created_or_deleted_during_the_run_is_not_overwritten(tmp_path):
    path = write(tmp_path, "a.py", "x = 2\n")  # the run read `x = 1`, someone saved `x = 2` since
    with pytest.raises(WriteRefused, match="changed on disk"):
        write_atomically(path, b"x = 3\n", root=tmp_path, expected=b"x = 1\n")
    assert path.read_text() == "x = 2\n"
    with pytest.raises(WriteRefused, match="created on disk"):
        write_atomically(path, b"x = 3\n", root=tmp_path, expected=None)
    path.unlink()
    with pytest.raises(WriteRefused, match="deleted on disk"):
        write_atomically(path, b"x = 3\n", root=tmp_path, expected=b"x = 2\n")
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind
    write_atomically(path, b"x = 4\n", root=tmp_path, expected=None)
    assert path.read_text() == "x = 4\n"


def test_temporary_files_of_an_interrupted_fix_are_removed(tmp_path):
    dead_pid = 4_194_305  # above the largest pid Linux hands out (2**22): no process has it
    names = {
        f"src/.b.py.{dead_pid}-abcd1234.repo-lint-tmp": True,  # its process is gone
        f"src/.c.py.{os.getpid()}-abcd1234.repo-lint-tmp": False,  # a live run's, fresh
        "src/.e.py.x1y2z3.repo-lint-tmp": True,  # no pid in the name (an older version's): owner unknown
        "src/d.py.repo-lint-tmp": False,  # not our name pattern (no leading dot)
        "src/notes.tmp": False,
    }
    for rel in names:
        write(tmp_path, rel, "partial")
    removed = remove_stale_temp_files(tmp_path, sorted(names))
    assert removed == [rel for rel, stale in sorted(names.items()) if stale]
    assert all((tmp_path / rel).exists() != stale for rel, stale in names.items())


def test_fix_removes_leftover_temporary_files(tmp_path):
    repo = make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    leftover = write(repo, "src/mylib/.b.py.abcdefgh.repo-lint-tmp", "half a file")
    os.utime(leftover, (1, 1))  # from an old run
    result = check(repo, "--fix")
    assert result.returncode == 0
    assert not leftover.exists()
    assert (repo / "src/mylib/b.py").read_text() == GOOD_COPY


# --- chains settle in one run ---------------------------------------------------------------------------


@pytest.mark.slow
def test_a_chain_of_fifty_copies_settles_in_one_fix(tmp_path):
    files = {"src/mylib/c0.py": "def f0(a):\n    return a + 2\n"}
    for i in range(1, 51):
        marker = f"# Copied from mylib.c{i - 1}.f{i - 1} with f{i - 1}->f{i}"
        files[f"src/mylib/c{i}.py"] = f"{marker}\ndef f{i}(a):\n    return a + 1\n"
    repo = make_repo(
        tmp_path,
        files,
        config='[tool.repo-lint]\npackage = "mylib"\nselect = ["CPY"]\n[tool.repo-lint.copies]\nformatter = "none"\n',
    )
    first = check(repo, "--fix")
    assert first.returncode == 0, first.stdout + first.stderr
    assert all((repo / f"src/mylib/c{i}.py").read_text().endswith("return a + 2\n") for i in range(1, 51))
    snapshot = {p: p.read_bytes() for p in (repo / "src/mylib").iterdir()}
    second = check(repo, "--fix")
    assert second.returncode == 0 and "Fixed" not in second.stdout
    assert {p: p.read_bytes() for p in (repo / "src/mylib").iterdir()} == snapshot


# --- one file's failure is that file's diagnostic ---------------------------------------------------------


def test_parse_failures_never_raise():
    assert isinstance(parse_module("x = " + "+".join(["1"] * 200_000)), Unparsable)
    assert isinstance(parse_module("x = " + "(" * 300 + "1" + ")" * 300), Unparsable)
    assert isinstance(parse_module("x = 1\0\n"), Unparsable)
    assert not isinstance(parse_module("x = 1\n"), Unparsable)


def _boom(text: str) -> int:
    raise KeyError("boom")


def _unparsable(text: str):
    return parse_module("def (")


def test_an_extractor_failing_on_one_file_is_rl006_and_cpython_rejections_are_rl001(tmp_path):
    repo = make_repo(tmp_path, {"src/mylib/b.py": "x = 1\n"})
    config = load_config(repo, None, check_sections())
    view = RepoView(config, Workspace.open(repo, []))
    assert view.facts("src/mylib/b.py", _boom) is None
    assert view.facts("src/mylib/a.py", _unparsable) is None
    found = {(d.code, d.path) for d in engine_findings(view)}
    assert found == {("RL006", "src/mylib/b.py"), ("RL001", "src/mylib/a.py")}


# --- configuration values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "glob", "problem"),
    [
        ("src/mylib", False, None),
        ("{source}/utils/dummy_{backend}.py", False, None),
        ("/etc", False, "absolute"),
        ("../x", False, "leaves"),
        ("a/../../x", False, "leaves"),
        ("/src/**", True, None),
        ("[z-a]", True, "glob"),
        ("../**", True, "leaves"),
    ],
)
def test_path_problems(value, glob, problem):
    found = path_problem(value, glob=glob)
    assert (found is None) if problem is None else (problem in found)


def test_a_cache_dir_linked_outside_the_root_is_refused(tmp_path):
    repo = make_repo(tmp_path / "repo")
    (tmp_path / "elsewhere").mkdir()
    (repo / ".repo-lint-cache").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    with pytest.raises(ConfigError, match="cache-dir"):
        load_config(repo, None, check_sections())


def test_unknown_codes_in_the_configuration_are_refused(tmp_path):
    repo = make_repo(tmp_path, config='[tool.repo-lint]\npackage = "mylib"\nper-file-ignores = {"x/*" = ["CPY9"]}\n')
    config = load_config(repo, None, check_sections())
    with pytest.raises(ConfigError, match="per-file-ignores"):
        check_codes(config, set(all_rules()))


# --- output is safe to print --------------------------------------------------------------------------------


def test_every_format_carries_a_non_utf8_file_name_and_control_characters(tmp_path):
    path = os.fsdecode(b"src/caf\xe9.py")
    diagnostic = Diagnostic("CPY001", path, 1, 1, "copy of `a\x1b[31mb` does not match\r", detail="- a\n+ b\x07\n")
    for fmt in FORMATS:
        text = render([diagnostic], fmt, rules=all_rules(), tool_version="0")
        text.encode("utf-8")  # no lone surrogate left
        assert "\x1b" not in text and "\x07" not in text
        if fmt in ("json", "sarif"):
            json.loads(text)
    assert "caf%E9.py" in render([diagnostic], "sarif", rules=all_rules(), tool_version="0")
    assert printable(path) == "src/caf\\xe9.py"


def test_a_cache_that_comes_with_the_checkout_is_not_used(tmp_path):
    repo = make_repo(tmp_path, {"src/mylib/b.py": GOOD_COPY})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    assert check(repo).returncode == 0  # writes the cache
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-f", ".repo-lint-cache"], cwd=repo, check=True)  # as a fork could
    subprocess.run([*git, "commit", "-qm", "x"], cwd=repo, check=True)
    before = {p.name: p.read_bytes() for p in (repo / ".repo-lint-cache").iterdir()}
    write(repo, "src/mylib/b.py", DRIFTED_COPY)
    result = check(repo, "--output-format", "json")
    assert "comes with the checkout" not in result.stdout and "come with the checkout" in result.stderr
    assert [(d["code"], d["path"]) for d in _json(result)] == [("CPY001", "src/mylib/b.py")]
    assert {p.name: p.read_bytes() for p in (repo / ".repo-lint-cache").iterdir()} == before  # not written either


def _git_commit_all(repo: Path, *force: str) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    if force:
        subprocess.run([*git, "add", "-f", *force], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=repo, check=True)


def test_a_committed_cache_stays_untrusted_when_excluded_or_at_the_root(tmp_path):
    config = '[tool.repo-lint]\npackage = "mylib"\nselect = ["CPY"]\nexclude = [".repo-lint-cache"]\n'
    repo = make_repo(tmp_path / "excluded", {"src/mylib/b.py": GOOD_COPY}, config=config)
    assert check(repo).returncode == 0
    _git_commit_all(repo, ".repo-lint-cache")
    assert "come with the checkout" in check(repo).stderr
    linked = make_repo(tmp_path / "linked", {"src/mylib/b.py": GOOD_COPY})
    (linked / ".repo-lint-cache").symlink_to(".", target_is_directory=True)  # as a fork could commit
    result = check(linked)
    assert result.returncode == 0 and "is the repository root itself" in result.stderr
    assert not list(linked.glob("*.rlc"))  # nothing written among the sources
    root_config = '[tool.repo-lint]\npackage = "mylib"\ncache-dir = "."\n'
    with pytest.raises(ConfigError, match="cache-dir"):
        load_config(make_repo(tmp_path / "root", config=root_config), None, check_sections())


def test_a_fifo_is_never_read(tmp_path):
    repo = make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    os.mkfifo(repo / "src/mylib/pipe.py")
    workspace = Workspace.open(repo, [])
    assert "src/mylib/pipe.py" not in workspace.files
    assert workspace.raw("src/mylib/pipe.py") is None
    assert "not a regular file" in workspace.read_errors["src/mylib/pipe.py"]
    result = check(repo, "--output-format", "json")
    assert [(d["code"], d["path"]) for d in _json(result)] == [("CPY001", "src/mylib/b.py")]


def test_a_refused_fix_is_not_offered_and_diff_fails(tmp_path):
    source = "try:\n    from os import sep\nexcept ImportError:\n    sep = '/'\n\n\n"
    source += "def joined(a):\n    return sep.join(a)\n"  # `sep` bound only under `try:`: no import to copy
    copy = "# Copied from mylib.s.joined\ndef joined2(a):\n    return ''.join(a)\n"
    repo = make_repo(tmp_path, {"src/mylib/s.py": source, "src/mylib/c.py": copy})
    diff = check(repo, "--diff")
    assert diff.returncode == 1 and "fix not written" in diff.stderr
    fix = check(repo, "--fix", "--output-format", "json")
    assert fix.returncode == 1
    assert [(d["code"], d["fixable"]) for d in _json(fix)] == [("CPY001", False)]
    assert (repo / "src/mylib/c.py").read_text() == copy


def test_a_committed_file_named_like_a_temporary_file_is_kept(tmp_path):
    repo = make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/.keep.py.abc123.repo-lint-tmp": "mine\n"})
    _git_commit_all(repo)
    assert check(repo, "--fix").returncode == 0
    assert (repo / "src/mylib/.keep.py.abc123.repo-lint-tmp").read_text() == "mine\n"
