"""The bundled copies fixture: a clean tree, a broken tree with 15 seeded defects, and the fixed files.

See fixtures/copies/DEFECTS.md for what each defect is and why the expected findings are what they are.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import check_cli, snapshot

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "copies"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE / "broken", tmp_path / "broken"))


def test_drift_findings_carry_source_and_target(broken: Path):
    result = check_cli(broken, "--output-format", "json", "--select", "CPY001")
    drift = json.loads(result.stdout)
    by_line = {(d["path"], d["line"]): d for d in drift}
    self_attention = by_line[("src/transformers/models/roberta/modeling_roberta.py", 99)]
    assert self_attention["data"]["target"] == "models.bert.modeling_bert.BertSelfAttention"
    assert self_attention["data"]["source_path"] == "src/transformers/models/bert/modeling_bert.py"
    assert self_attention["data"]["source_line"] == 52
    assert self_attention["end_line"] >= self_attention["line"]


def test_full_output_shows_expected_vs_actual(broken: Path):
    result = check_cli(broken, "--output-format", "full", "--select", "CPY001")
    assert "--- src/transformers/models/roberta/modeling_roberta.py (copy)" in result.stdout
    assert "+++ expected from src/transformers/models/bert/modeling_bert.py:95" in result.stdout


def test_diff_mode_writes_nothing(broken: Path):
    before = snapshot(broken)
    result = check_cli(broken, "--diff")
    assert result.returncode == 1
    assert "+++ b/src/transformers/models/roberta/modeling_roberta.py" in result.stdout
    assert "+++ b/src/transformers/models/camembert/modeling_camembert.py" in result.stdout  # the chain
    assert snapshot(broken) == before


def test_fixing_a_copy_never_renames_it(broken: Path):
    """A copy whose name differs from its source without a pattern keeps its own name (reference bug)."""
    check_cli(broken, "--fix")
    text = (broken / "src/transformers/models/camembert/modeling_camembert.py").read_text()
    assert "def camembert_helper_fn(" in text
