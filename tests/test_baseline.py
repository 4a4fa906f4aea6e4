"""Baselines: `--write-baseline FILE` records today's findings, `baseline = "FILE"` accepts them, RL004
reports entries that match nothing any more (CLI in a subprocess on tiny repositories)."""

from __future__ import annotations

import json
import sys

import pytest

from repo_lint.baseline import fingerprint
from repo_lint.diagnostics import Diagnostic
from tests.helpers import THREE_LINE_CONFIG, check, check_json, codes_at, drifted_helper, make_repo, write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# b.py: one drifted copy (line 3); c.py: two identical drifted copies (lines 3 and 8).
TWO_DRIFTS = drifted_helper("h2") + "\n\n" + drifted_helper("h3")
WITH_BASELINE = THREE_LINE_CONFIG + 'baseline = "lint-baseline.toml"\n'


def tree(tmp_path, config=WITH_BASELINE):
    return make_repo(tmp_path, {"src/mylib/b.py": drifted_helper("h1"), "src/mylib/c.py": TWO_DRIFTS}, config=config)


def write_baseline(root, name="lint-baseline.toml", *args):
    result = check(root, "--write-baseline", name, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def entries(root, name="lint-baseline.toml"):
    return tomllib.loads((root / name).read_text())["findings"]


def test_write_baseline_records_findings_counted_sorted_with_a_header(tmp_path):
    root = tree(tmp_path, config=THREE_LINE_CONFIG)  # no baseline configured yet: writing needs none
    assert codes_at(check_json(root)[1]) == [
        ("CPY001", "src/mylib/b.py", 3),
        ("CPY001", "src/mylib/c.py", 3),
        ("CPY001", "src/mylib/c.py", 8),
    ]
    result = write_baseline(root)
    assert "Wrote 2 baseline entries (3 findings)" in result.stdout
    assert 'baseline = "lint-baseline.toml"' in result.stderr  # says how to use it
    text = (root / "lint-baseline.toml").read_text()
    assert text.startswith("# repo-lint baseline")
    found = entries(root)
    assert [(e["path"], e["code"], e["count"]) for e in found] == [
        ("src/mylib/b.py", "CPY001", 1),
        ("src/mylib/c.py", "CPY001", 2),
    ]
    assert all(len(e["fingerprint"]) == 16 for e in found)
    assert sum(line.startswith("  { path = ") for line in text.splitlines()) == 2  # one entry per line
    write_baseline(root)
    assert (root / "lint-baseline.toml").read_text() == text  # stable


def test_baseline_accepts_recorded_findings_and_survives_moved_lines(tmp_path):
    root = tree(tmp_path)
    write_baseline(root)
    result, findings = check_json(root)
    assert findings == [] and result.returncode == 0
    # Lines inserted above the findings: still the same findings.
    for name in ("b.py", "c.py"):
        path = root / "src/mylib" / name
        path.write_text('"""A docstring."""\n\nimport os\n\n' + path.read_text())
    result, findings = check_json(root, "--no-cache")
    assert findings == [] and result.returncode == 0
    write_baseline(root, "again.toml")
    assert [e["fingerprint"] for e in entries(root, "again.toml")] == [e["fingerprint"] for e in entries(root)]


def test_changed_flagged_line_is_new_and_its_entry_stale(tmp_path):
    root = tree(tmp_path)
    write_baseline(root)
    (root / "src/mylib/b.py").write_text(drifted_helper("h1").replace("a - b", "a - b - 1"))
    result, findings = check_json(root)
    assert result.returncode == 1
    stale_line = next(
        number
        for number, line in enumerate((root / "lint-baseline.toml").read_text().splitlines(), 1)
        if '"src/mylib/b.py"' in line
    )
    assert codes_at(findings) == [("RL004", "lint-baseline.toml", stale_line), ("CPY001", "src/mylib/b.py", 3)]
    assert "src/mylib/b.py" in findings[0]["message"] and "CPY001" in findings[0]["message"]


def test_identical_findings_are_counted_not_deduplicated(tmp_path):
    root = tree(tmp_path)
    write_baseline(root)
    # A third identical drift in c.py exceeds the entry's count of 2: exactly one finding is new.
    path = root / "src/mylib/c.py"
    path.write_text(path.read_text() + "\n\n" + drifted_helper("h4"))
    _, findings = check_json(root)
    assert [(f["code"], f["path"]) for f in findings] == [("CPY001", "src/mylib/c.py")]
    # Back to one of the two: the entry is stale for the one that is gone.
    path.write_text(drifted_helper("h2"))
    _, findings = check_json(root)
    assert [f["code"] for f in findings] == ["RL004"]
    assert "1 of the 2" in findings[0]["message"]


def test_fixed_finding_leaves_a_stale_entry_until_the_baseline_is_rewritten(tmp_path):
    root = tree(tmp_path)
    write_baseline(root)
    (root / "src/mylib/b.py").write_text("# Copied from mylib.a.helper\ndef h1(a, b):\n    return a * b\n")
    _, findings = check_json(root)
    assert [f["code"] for f in findings] == ["RL004"]
    assert check(root, "--ignore", "RL004").returncode == 0
    write_baseline(root)
    assert check(root).returncode == 0
    assert [e["path"] for e in entries(root)] == ["src/mylib/c.py"]


def test_stale_entries_are_only_judged_within_the_run_scope(tmp_path):
    root = tree(tmp_path)
    write_baseline(root)
    (root / "src/mylib/b.py").write_text("# Copied from mylib.a.helper\ndef h1(a, b):\n    return a * b\n")
    assert check(root, "src/mylib/c.py").returncode == 0  # b.py is not reported: its entry is not judged
    assert check(root, "--select", "CPY002").returncode == 0  # CPY001 does not run
    assert check(root, "src/mylib/b.py").returncode == 1


def test_editing_the_baseline_invalidates_the_run_cache(tmp_path):
    # The baseline is excluded from the file set, so only its content can tell the run cache it changed.
    root = tree(tmp_path, config=WITH_BASELINE + 'exclude = ["lint-baseline.toml"]\n')
    write_baseline(root)
    assert check_json(root)[1] == []
    assert check_json(root)[1] == []  # answered from the run cache
    baseline = root / "lint-baseline.toml"
    baseline.write_text(baseline.read_text().replace('  { path = "src/mylib/b.py"', '  # { path = "src/mylib/b.py"'))
    _, findings = check_json(root)
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 3)]


def test_fix_then_baseline_what_remains(tmp_path):
    root = tree(tmp_path)
    write(root, "src/mylib/d.py", "# Copied from mylib.missing.thing\ndef gone():\n    return 1\n")  # CPY002, no fix
    result = write_baseline(root, "lint-baseline.toml", "--fix")
    assert "Wrote 1 baseline entry (1 finding)" in result.stdout
    assert [(e["path"], e["code"]) for e in entries(root)] == [("src/mylib/d.py", "CPY002")]
    assert "a * b" in (root / "src/mylib/b.py").read_text()  # fixed first
    assert check(root).returncode == 0


def test_json_baseline(tmp_path):
    root = tree(tmp_path, config=THREE_LINE_CONFIG + 'baseline = "baseline.json"\n')
    write_baseline(root, "baseline.json")
    data = json.loads((root / "baseline.json").read_text())
    assert "repo-lint baseline" in data["comment"]
    assert [e["count"] for e in data["findings"]] == [1, 2]
    assert check(root).returncode == 0
    (root / "src/mylib/b.py").write_text("# Copied from mylib.a.helper\ndef h1(a, b):\n    return a * b\n")
    _, findings = check_json(root)
    assert codes_at(findings) == [("RL004", "baseline.json", 5)]


@pytest.mark.parametrize("content", [None, "findings = 3\n", "findings = [{ path = 1 }]\n", "not toml ["])
def test_missing_or_bad_baseline_exits_2(tmp_path, content):
    root = tree(tmp_path)
    if content is not None:
        write(root, "lint-baseline.toml", content)
    result = check(root)
    assert result.returncode == 2
    assert "lint-baseline.toml" in result.stderr and result.stdout == ""


def test_write_baseline_refuses_a_partial_run(tmp_path):
    root = tree(tmp_path)
    for args in (["src/mylib/b.py"], ["--diff"], ["--changed-files", "src/mylib/b.py"]):
        result = check(root, "--write-baseline", "x.toml", *args)
        assert result.returncode == 2 and "--write-baseline" in result.stderr
    assert not (root / "x.toml").exists()


def test_fingerprint_ignores_positions_but_not_identity():
    lines = ["x = 1\n", "    return a - b\n"]
    base = Diagnostic("CPY001", "p.py", 2, 5, "msg at 7", data={"target": "a.f", "source_line": 7})
    moved = Diagnostic("CPY001", "p.py", 1, 5, "msg at 9", data={"target": "a.f", "source_line": 9})
    assert fingerprint(base, lines) == fingerprint(moved, lines[1:])
    assert fingerprint(base, lines) != fingerprint(
        Diagnostic("CPY001", "p.py", 2, 5, "m", data={"target": "a.g"}), lines
    )
    assert fingerprint(base, lines) != fingerprint(Diagnostic("CPY007", "p.py", 2, 5, "m", data=base.data), lines)
    assert fingerprint(base, lines) != fingerprint(Diagnostic("CPY001", "q.py", 2, 5, "m", data=base.data), lines)
