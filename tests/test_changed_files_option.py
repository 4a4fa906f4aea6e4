"""`repo-lint check --changed-files PATHS`: PATHS are the changed set (what pre-commit passes), not a filter.

Facts come from the whole repository; the report is limited to the given files plus what depends on them
(every copy of a changed source), exactly as `--changed-since` limits it.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import (
    DRIFT_LINE,
    DRIFTED_COPY,
    GOOD_COPY,
    SOURCE_A,
    check,
    check_json,
    codes_at,
    make_repo,
    snapshot,
    write,
)

# A second, unrelated source with a drifted copy of it: it must stay out of every report below that
# does not name it.
OTHER_SOURCE = "def other(a):\n    return a + 1\n"
UNRELATED_DRIFT = "# Copied from mylib.other.other\ndef other2(a):\n    return a + 2\n"
UNRELATED = ("CPY001", "src/mylib/unrelated.py", 3)

# `helper` of a.py changed: the good copy in b.py (its line 12) no longer matches.
CHANGED_SOURCE_A = SOURCE_A.replace("return a * b", "return a * b * 2")


def repo(root, **files):
    return make_repo(root, {"src/mylib/other.py": OTHER_SOURCE, "src/mylib/unrelated.py": UNRELATED_DRIFT, **files})


def test_a_changed_copy_is_reported_and_nothing_else(tmp_path):
    repo(tmp_path, **{"src/mylib/b.py": DRIFTED_COPY})
    _, all_findings = check_json(tmp_path)
    assert codes_at(all_findings) == [("CPY001", "src/mylib/b.py", DRIFT_LINE), UNRELATED]

    result, findings = check_json(tmp_path, "--changed-files", "src/mylib/b.py")
    assert result.returncode == 1
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", DRIFT_LINE)]


def test_a_changed_source_reports_its_copies_which_a_path_filter_does_not(tmp_path):
    repo(tmp_path, **{"src/mylib/b.py": GOOD_COPY, "src/mylib/a.py": CHANGED_SOURCE_A})

    as_filter, filtered = check_json(tmp_path, "src/mylib/a.py")
    assert (as_filter.returncode, filtered) == (0, [])  # PATHS as a filter: the source itself is fine

    result, findings = check_json(tmp_path, "--changed-files", "src/mylib/a.py")
    assert result.returncode == 1
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 12)]
    assert findings[0]["data"]["source_path"] == "src/mylib/a.py"


def test_fix_rewrites_only_the_dependents_of_the_changed_files(tmp_path):
    repo(tmp_path, **{"src/mylib/b.py": GOOD_COPY, "src/mylib/a.py": CHANGED_SOURCE_A})
    before = snapshot(tmp_path)

    result = check(tmp_path, "--changed-files", "--fix", "src/mylib/a.py")
    assert result.returncode == 0, result.stdout + result.stderr
    after = snapshot(tmp_path)
    assert {path for path in after if after[path] != before.get(path)} == {"src/mylib/b.py"}
    assert "return a * b * 2" in after["src/mylib/b.py"].decode()
    assert after["src/mylib/unrelated.py"] == UNRELATED_DRIFT.encode()  # reported by a full run only
    assert codes_at(check_json(tmp_path)[1]) == [UNRELATED]


def test_clean_changed_files_exit_0_even_when_the_repository_has_findings(tmp_path):
    repo(tmp_path, **{"src/mylib/b.py": GOOD_COPY})
    assert check(tmp_path).returncode == 1  # the unrelated drift
    result = check(tmp_path, "--changed-files", "src/mylib/b.py", "src/mylib/a.py", "src/mylib/deleted.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "All checks passed!"


def test_files_outside_the_root_are_ignored_and_folders_are_refused(tmp_path):
    root = repo(tmp_path / "repo", **{"src/mylib/b.py": DRIFTED_COPY})
    write(tmp_path, "outside.py", "x = 1\n")

    assert check(root, "../outside.py").returncode == 2  # as a filter: an error, as before
    result, findings = check_json(root, "--changed-files", "../outside.py", "src/mylib/b.py")
    assert result.returncode == 1
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", DRIFT_LINE)]

    folder = check(root, "--changed-files", "src/mylib")
    assert folder.returncode == 2
    assert "--changed-files takes files" in folder.stderr and "src/mylib" in folder.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="GIT NOT ON PATH: --changed-since not combined")
def test_added_to_the_changed_since_set(tmp_path):
    repo(tmp_path, **{"src/mylib/b.py": GOOD_COPY})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    for args in (["init", "-q"], ["checkout", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "base"]):
        subprocess.run([*git, *args], cwd=tmp_path, check=True, capture_output=True)
    write(tmp_path, "src/mylib/b.py", DRIFTED_COPY)  # unstaged: in the --changed-since set

    since = codes_at(check_json(tmp_path, "--changed-since")[1])
    assert since == [("CPY001", "src/mylib/b.py", DRIFT_LINE)]
    both = codes_at(check_json(tmp_path, "--changed-since", "--changed-files", "src/mylib/unrelated.py")[1])
    assert both == [("CPY001", "src/mylib/b.py", DRIFT_LINE), UNRELATED]


def test_no_changed_files_report_nothing_after_a_cached_full_run(tmp_path):
    repo(tmp_path, **{"src/mylib/b.py": GOOD_COPY})
    assert check(tmp_path).returncode == 1  # caches the full run's answer
    result = check(tmp_path, "--changed-files")
    assert result.returncode == 0, result.stdout
