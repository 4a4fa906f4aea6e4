"""The bundled copies fixture: a clean tree, a broken tree with 15 seeded defects, and the fixed files.

See fixtures/copies/DEFECTS.md for what each defect is and why the expected findings are what they are.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "copies"


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "repo_lint", "check", *args], cwd=cwd, capture_output=True,
                          text=True)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes, the cache folder left out (runs write it by design)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".repo-lint-cache" not in p.parts}


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE / "broken", tmp_path / "broken"))


def test_clean_fixture_has_no_findings():
    result = run_cli(FIXTURE / "clean", "--output-format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


def test_broken_fixture_reports_exactly_the_seeded_defects(broken: Path):
    result = run_cli(broken, "--output-format", "json")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    found = [
        {"code": d["code"], "path": d["path"], "line": d["line"], "target": d["data"].get("target"),
         "fixable": d["fixable"]}
        for d in json.loads(result.stdout)
    ]
    expected = json.loads((FIXTURE / "expected_diagnostics.json").read_text())
    assert found == expected


def test_drift_findings_carry_source_and_target(broken: Path):
    result = run_cli(broken, "--output-format", "json", "--select", "CPY001")
    drift = json.loads(result.stdout)
    by_line = {(d["path"], d["line"]): d for d in drift}
    self_attention = by_line[("src/transformers/models/roberta/modeling_roberta.py", 99)]
    assert self_attention["data"]["target"] == "models.bert.modeling_bert.BertSelfAttention"
    assert self_attention["data"]["source_path"] == "src/transformers/models/bert/modeling_bert.py"
    assert self_attention["data"]["source_line"] == 52
    assert self_attention["end_line"] >= self_attention["line"]


def test_full_output_shows_expected_vs_actual(broken: Path):
    result = run_cli(broken, "--output-format", "full", "--select", "CPY001")
    assert "--- src/transformers/models/roberta/modeling_roberta.py (copy)" in result.stdout
    assert "+++ expected from src/transformers/models/bert/modeling_bert.py:95" in result.stdout


def test_one_fix_run_reaches_the_fixed_point(broken: Path):
    before = snapshot(broken)
    result = run_cli(broken, "--fix")
    assert result.returncode == 1  # unfixable findings remain (missing sources, cycles, syntax error)
    after = snapshot(broken)
    expected_changes = snapshot(FIXTURE / "fixed")
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == set(expected_changes)
    for path, content in expected_changes.items():
        assert after[path] == content, path
    # Idempotent: a second run changes nothing and reports the same remaining findings.
    second = run_cli(broken, "--fix")
    assert snapshot(broken) == after
    assert "Fixed" not in second.stdout
    assert second.stdout.splitlines()[-1] == result.stdout.splitlines()[-1]  # the same findings remain


def test_diff_mode_writes_nothing(broken: Path):
    before = snapshot(broken)
    result = run_cli(broken, "--diff")
    assert result.returncode == 1
    assert "+++ b/src/transformers/models/roberta/modeling_roberta.py" in result.stdout
    assert "+++ b/src/transformers/models/camembert/modeling_camembert.py" in result.stdout  # the chain
    assert snapshot(broken) == before


def test_fixing_a_copy_never_renames_it(broken: Path):
    """A copy whose name differs from its source without a pattern keeps its own name (reference bug)."""
    run_cli(broken, "--fix")
    text = (broken / "src/transformers/models/camembert/modeling_camembert.py").read_text()
    assert "def camembert_helper_fn(" in text
