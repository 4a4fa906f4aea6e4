"""The on-disk cache and incremental runs: results never depend on what the cache holds."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from repo_lint.formatting import RuffFormatter
from tests.helpers import make_repo

SOURCE = "class Helper:\n    def run(self, x):\n        return x + 1\n"
COPY = "# Copied from mylib.a.Helper\nclass Helper2:\n    def run(self, x):\n        return x + 1\n"


def lint(root: Path, *args: str) -> tuple[int, list[dict]]:
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--output-format", "json", *args],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def codes(findings: list[dict]) -> list[tuple[str, str, int]]:
    return [(d["code"], d["path"], d["line"]) for d in findings]


def repo(tmp_path: Path) -> Path:
    make_repo(tmp_path, {"src/mylib/a.py": SOURCE, "src/mylib/b.py": COPY})
    return tmp_path


def test_editing_a_source_rejudges_its_copies(tmp_path):
    root = repo(tmp_path)
    assert lint(root) == (0, [])
    assert any((root / ".repo-lint-cache").glob("facts-*.rlc"))
    (root / "src/mylib/a.py").write_text(SOURCE.replace("x + 1", "x + 2"))
    status, findings = lint(root)
    assert status == 1 and codes(findings) == [("CPY001", "src/mylib/b.py", 4)]
    (root / "src/mylib/a.py").write_text(SOURCE)
    assert lint(root) == (0, [])


def test_no_op_run_reuses_the_previous_answer(tmp_path):
    root = repo(tmp_path)
    (root / "src/mylib/b.py").write_text(COPY.replace("x + 1", "x + 3"))
    first = lint(root)
    assert first[0] == 1
    assert lint(root) == first  # answered from the run cache
    assert lint(root, "--no-cache") == first  # and the same as without any cache


def test_changing_the_configuration_invalidates_everything(tmp_path):
    root = repo(tmp_path)
    lint(root)
    before = {p.name for p in (root / ".repo-lint-cache").glob("*.rlc")}
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.repo-lint.copies]\ncompare-decorators = false\n")
    lint(root)
    after = {p.name for p in (root / ".repo-lint-cache").glob("*.rlc")}
    assert after - before, "a new configuration must use new cache files"


def test_a_corrupt_cache_is_a_miss_not_an_error(tmp_path):
    root = repo(tmp_path)
    (root / "src/mylib/b.py").write_text(COPY.replace("x + 1", "x + 3"))
    expected = lint(root)
    for path in (root / ".repo-lint-cache").glob("*.rlc"):
        path.write_bytes(b"not a cache file at all")
    assert lint(root) == expected
    for path in (root / ".repo-lint-cache").glob("*.rlc"):
        path.write_bytes(b"")
    assert lint(root) == expected


def test_two_concurrent_runs_agree(tmp_path):
    root = repo(tmp_path)
    for index in range(12):
        (root / f"src/mylib/c{index}.py").write_text(COPY.replace("x + 1", f"x + {index}"))
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: lint(root), range(2)))
    assert results[0] == results[1]
    assert lint(root) == results[0]
    assert lint(root, "--no-cache") == results[0]


def test_cache_dir_option_and_no_cache(tmp_path):
    root = repo(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    lint(root, "--cache-dir", str(elsewhere))
    assert any(elsewhere.glob("facts-*.rlc"))
    assert not (root / ".repo-lint-cache").exists()
    lint(root, "--no-cache")
    assert not (root / ".repo-lint-cache").exists()
    assert (elsewhere / ".gitignore").read_text().strip().endswith("*")


def test_a_no_op_run_does_not_import_libcst(tmp_path):
    root = repo(tmp_path)
    lint(root)
    probe = (
        "import sys\nfrom repo_lint.cli import main\nsys.argv = ['repo-lint', 'check', '-q']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LIBCST' if 'libcst' in sys.modules else 'NO-LIBCST')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert result.stdout.strip().endswith("NO-LIBCST"), result.stdout + result.stderr


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def test_changed_since_reports_changed_files_and_their_dependents(tmp_path):
    root = repo(tmp_path)
    (root / "src/mylib/old.py").write_text(COPY.replace("x + 1", "x + 9"))  # drifted before the branch
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "feature")
    status, findings = lint(root, "--changed-since")
    assert (status, findings) == (0, [])  # the old drift is not this branch's business
    (root / "src/mylib/a.py").write_text(SOURCE.replace("x + 1", "x + 2"))  # unstaged change of a source
    status, findings = lint(root, "--changed-since", "main")
    # b.py copies the changed source: reported although b.py itself did not change
    assert ("CPY001", "src/mylib/b.py", 4) in codes(findings)
    assert all(d["path"] != "src/mylib/old.py" or d["data"].get("source_path") == "src/mylib/a.py" for d in findings)
    (root / "src/mylib/new.py").write_text(COPY.replace("x + 1", "x + 5"))  # untracked
    _, findings = lint(root, "--changed-since")
    assert ("CPY001", "src/mylib/new.py", 4) in codes(findings)


def test_changed_since_outside_git_is_a_usage_error(tmp_path):
    root = repo(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--changed-since"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 2 and "git repository" in result.stderr


def test_batch_formatting_equals_one_call_per_snippet(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 40\n")
    snippets = [
        "x = [1,2,3]\n",
        "def f(a,b):\n  return a+b\n",
        "class Bla:\n    def g(self, very_long_argument_name, another_long_argument):\n        pass\n",
        "def broken(:\n",
        "y = {'a':1}\n",
    ]
    batch = RuffFormatter(tmp_path).format_many(snippets)
    one_by_one = [RuffFormatter(tmp_path).format_many([snippet])[0] for snippet in snippets]
    assert batch == one_by_one
    assert batch[3] is None  # a snippet that does not parse is reported, not passed through
    assert batch[0] == "x = [1, 2, 3]\n"


def test_background_syntax_check_gives_the_same_findings(tmp_path, monkeypatch):
    """On a cold run over many files ruff parses them all in the background; RL001 must not change."""
    from repo_lint import engine
    from repo_lint.config import load_config
    from repo_lint.registry import check_sections

    root = repo(tmp_path)
    (root / "src/mylib/broken.py").write_text("# Copied from mylib.a.Helper\nclass Helper3(:\n    pass\n")

    def findings(threshold: int) -> list[tuple[str, str, int]]:
        monkeypatch.setattr(engine, "BACKGROUND_SYNTAX_THRESHOLD", threshold)
        config = load_config(root, None, check_sections())
        result = engine.run(config, engine.RunRequest(cache_dir=None))
        return [(d.code, d.path, d.line) for d in result.diagnostics]

    in_background = findings(1)
    assert ("RL001", "src/mylib/broken.py", 2) in in_background
    assert in_background == findings(10**6)
