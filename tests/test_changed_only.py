"""`changed-only`: rules reported only for the files of the changed set (`--changed-since`, `--changed-files`),
not at all on a full run, unless named on the command line (CLI in a subprocess on tiny repositories)."""

from __future__ import annotations

import subprocess

import pytest

from tests.helpers import THREE_LINE_CONFIG, check, check_json, codes_at, make_repo

SOURCE = "import functools\n\n\n@functools.cache\ndef helper(a, b):\n    return a * b\n"
# b.py: a copy without the source's decorator (CPY007, line 2); c.py: a drifted copy (CPY001, line 4).
DECORATOR_DRIFT = "# Copied from mylib.a.helper\ndef h1(a, b):\n    return a * b\n"
BODY_DRIFT = "# Copied from mylib.a.helper\n@functools.cache\ndef h2(a, b):\n    return a - b\n"
CPY007_B = ("CPY007", "src/mylib/b.py", 2)
CPY001_C = ("CPY001", "src/mylib/c.py", 4)


def tree(tmp_path, changed_only='["CPY007"]'):
    config = THREE_LINE_CONFIG + f"changed-only = {changed_only}\n"
    return make_repo(
        tmp_path,
        {"src/mylib/a.py": SOURCE, "src/mylib/b.py": DECORATOR_DRIFT, "src/mylib/c.py": BODY_DRIFT},
        config=config,
    )


def test_without_the_option_everything_is_reported(tmp_path):
    root = tree(tmp_path, changed_only="[]")
    assert codes_at(check_json(root)[1]) == [CPY007_B, CPY001_C]


def test_full_run_does_not_report_changed_only_rules_and_says_so_once(tmp_path):
    root = tree(tmp_path)
    result, findings = check_json(root)
    assert codes_at(findings) == [CPY001_C]
    assert "CPY007" not in result.stderr  # the note is for -v
    verbose = check(root, "-v")
    assert verbose.returncode == 1 and "CPY007" not in verbose.stdout
    notes = [line for line in verbose.stderr.splitlines() if "changed files only" in line]
    assert len(notes) == 1 and "CPY007" in notes[0] and "--changed-since" in notes[0]
    cached = check(root, "-v")  # answered from the run cache: same note
    assert [line for line in cached.stderr.splitlines() if "changed files only" in line] == notes


def test_changed_only_rule_reported_for_changed_files_only(tmp_path):
    root = tree(tmp_path)
    assert codes_at(check_json(root, "--changed-files", "src/mylib/b.py")[1]) == [CPY007_B]
    # The source changed: its copies are reported (CPY001 of c.py), but CPY007 only in files that changed.
    assert codes_at(check_json(root, "--changed-files", "src/mylib/a.py")[1]) == [CPY001_C]
    assert codes_at(check_json(root, "--changed-files", "src/mylib/a.py", "src/mylib/b.py")[1]) == [CPY007_B, CPY001_C]


@pytest.mark.parametrize("args", [("--select", "CPY007"), ("--select", "CPY"), ("--extend-select", "CPY007")])
def test_explicit_selection_on_the_command_line_reports_them_everywhere(tmp_path, args):
    root = tree(tmp_path)
    assert CPY007_B in codes_at(check_json(root, *args)[1])
    assert CPY007_B in codes_at(check_json(root, "--changed-files", "src/mylib/a.py", *args)[1])


def test_select_all_does_not_override(tmp_path):
    root = tree(tmp_path)
    assert codes_at(check_json(root, "--select", "ALL")[1]) == [CPY001_C]


def test_prefixes_and_the_run_cache(tmp_path):
    root = tree(tmp_path, changed_only='["CPY"]')
    result, findings = check_json(root)
    assert findings == [] and result.returncode == 0
    # Same codes and changed set, a different changed-only set: the run cache must not mix them up.
    assert codes_at(check_json(root, "--changed-files", "src/mylib/a.py")[1]) == []
    assert codes_at(check_json(root, "--changed-files", "src/mylib/a.py", "--select", "CPY")[1]) == [CPY007_B, CPY001_C]
    assert codes_at(check_json(root, "--changed-files", "src/mylib/a.py")[1]) == []


def test_suppression_of_a_changed_only_rule_is_not_unused_on_a_full_run(tmp_path):
    root = tree(tmp_path)
    suppressed = DECORATOR_DRIFT.replace("def h1(a, b):", "def h1(a, b):  # repo-lint: ignore[CPY007]")
    (root / "src/mylib/b.py").write_text(suppressed)
    assert codes_at(check_json(root)[1]) == [CPY001_C]
    assert codes_at(check_json(root, "--changed-files", "src/mylib/b.py")[1]) == []
    # A used suppression in a file outside the changed set is not reported as unused either.
    assert codes_at(check_json(root, "--changed-files", "src/mylib/c.py")[1]) == [CPY001_C]


def test_changed_since_git(tmp_path):
    root = tree(tmp_path)

    def git(*args):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init")
    assert codes_at(check_json(root, "--changed-since")[1]) == []
    (root / "src/mylib/b.py").write_text("\n" + DECORATOR_DRIFT)
    assert codes_at(check_json(root, "--changed-since")[1]) == [("CPY007", "src/mylib/b.py", 3)]
