"""The INI/DUM fixtures: a classic lazy-init library with three backends and a multi-backend guard, and a
Transformers v5 tree with generated model inits. See each fixture's DEFECTS.md."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NAMES = ["inits_classic", "inits_v5"]


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "repo_lint", "check", *args], cwd=cwd, capture_output=True,
                            text=True)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    return result


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file's bytes, the cache folder left out (runs write it by design)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".repo-lint-cache" not in p.parts}


@pytest.mark.parametrize("name", NAMES)
def test_clean_fixture_has_no_findings(name):
    result = run_cli(FIXTURES / name / "clean", "--output-format", "json")
    assert result.returncode == 0, result.stdout
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("name", NAMES)
def test_broken_fixture_reports_exactly_the_seeded_defects(name, tmp_path):
    broken = Path(shutil.copytree(FIXTURES / name / "broken", tmp_path / "broken"))
    result = run_cli(broken, "--output-format", "json")
    assert result.returncode == 1
    found = [{"code": d["code"], "path": d["path"], "line": d["line"], "object": d["data"].get("object"),
              "fixable": d["fixable"]} for d in json.loads(result.stdout)]
    assert found == json.loads((FIXTURES / name / "expected_diagnostics.json").read_text())


@pytest.mark.parametrize("name", NAMES)
def test_fix_writes_exactly_the_fixed_files_and_is_idempotent(name, tmp_path):
    broken = Path(shutil.copytree(FIXTURES / name / "broken", tmp_path / "broken"))
    before = snapshot(broken)
    run_cli(broken, "--fix")
    after = snapshot(broken)
    expected = snapshot(FIXTURES / name / "fixed")
    assert {p for p in after if after[p] != before.get(p)} == set(expected)
    for path, content in expected.items():
        assert after[path] == content, path
    second = run_cli(broken, "--fix")
    assert snapshot(broken) == after
    assert "Fixed" not in second.stdout


def test_dummy_findings_carry_object_backend_and_path(tmp_path):
    broken = Path(shutil.copytree(FIXTURES / "inits_classic" / "broken", tmp_path / "broken"))
    findings = json.loads(run_cli(broken, "--output-format", "json", "--select", "DUM").stdout)
    missing = next(d for d in findings
                   if d["code"] == "DUM001" and d["data"]["object"] == "AlphaForSequenceClassification")
    assert missing["path"] == "src/mylib/__init__.py"  # reported where the object is declared
    assert missing["data"]["backend"] == "torch"
    assert missing["data"]["dummy_path"] == "src/mylib/utils/dummy_pt_objects.py"


def test_a_deleted_dummy_file_is_recreated(tmp_path):
    root = Path(shutil.copytree(FIXTURES / "inits_classic" / "clean", tmp_path / "clean"))
    dummy = root / "src/mylib/utils/dummy_vision_objects.py"
    original = dummy.read_bytes()
    dummy.unlink()
    findings = json.loads(run_cli(root, "--output-format", "json", "--select", "DUM").stdout)
    assert {d["code"] for d in findings} == {"DUM001"}
    run_cli(root, "--fix", "--select", "DUM")
    assert dummy.read_bytes() == original


def test_halves_findings_name_object_backend_and_half(tmp_path):
    broken = Path(shutil.copytree(FIXTURES / "inits_classic" / "broken", tmp_path / "broken"))
    findings = json.loads(run_cli(broken, "--output-format", "json", "--select", "INI001").stdout)
    by_object = {d["data"]["object"]: d["data"] for d in findings}
    assert by_object["AlphaForSequenceClassification"] == {
        "object": "AlphaForSequenceClassification", "backend": "torch", "half": "type_checking"}
    assert by_object["GammaForCausalLM"]["half"] == "structure"
