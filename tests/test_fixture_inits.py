"""The INI/DUM fixtures: a classic lazy-init library with three backends and a multi-backend guard, and a
Transformers v5 tree with generated model inits. See each fixture's DEFECTS.md."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import check_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NAMES = ["inits_classic", "inits_v5"]


def test_dummy_findings_carry_object_backend_and_path(tmp_path):
    broken = Path(shutil.copytree(FIXTURES / "inits_classic" / "broken", tmp_path / "broken"))
    findings = json.loads(check_cli(broken, "--output-format", "json", "--select", "DUM").stdout)
    missing = next(
        d for d in findings if d["code"] == "DUM001" and d["data"]["object"] == "AlphaForSequenceClassification"
    )
    assert missing["path"] == "src/mylib/__init__.py"  # reported where the object is declared
    assert missing["data"]["backend"] == "torch"
    assert missing["data"]["dummy_path"] == "src/mylib/utils/dummy_pt_objects.py"


def test_a_deleted_dummy_file_is_recreated(tmp_path):
    root = Path(shutil.copytree(FIXTURES / "inits_classic" / "clean", tmp_path / "clean"))
    dummy = root / "src/mylib/utils/dummy_vision_objects.py"
    original = dummy.read_bytes()
    dummy.unlink()
    findings = json.loads(check_cli(root, "--output-format", "json", "--select", "DUM").stdout)
    assert {d["code"] for d in findings} == {"DUM001"}
    check_cli(root, "--fix", "--select", "DUM")
    assert dummy.read_bytes() == original


def test_halves_findings_name_object_backend_and_half(tmp_path):
    broken = Path(shutil.copytree(FIXTURES / "inits_classic" / "broken", tmp_path / "broken"))
    findings = json.loads(check_cli(broken, "--output-format", "json", "--select", "INI001").stdout)
    by_object = {d["data"]["object"]: d["data"] for d in findings}
    assert by_object["AlphaForSequenceClassification"] == {
        "object": "AlphaForSequenceClassification",
        "backend": "torch",
        "half": "type_checking",
    }
    assert by_object["GammaForCausalLM"]["half"] == "structure"
