"""Every bundled fixture through the CLI, the same way: `clean/` has no finding, `broken/` reports exactly
`expected_diagnostics.json`, and where there is a `fixed/`, one `--fix` writes exactly its files and a
second `--fix` changes nothing. Each fixture's DEFECTS.md says what was seeded and why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import check_json, run_cli, snapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NAMES = sorted(p.parent.name for p in FIXTURES.glob("*/expected_diagnostics.json"))
FIXABLE = [name for name in NAMES if (FIXTURES / name / "fixed").is_dir()]


def test_every_fixture_is_covered():
    expected = {
        "copies",
        "custom_model",
        "docstrings",
        "inits_classic",
        "inits_v5",
        "modular",
        "public_docstrings",
        "toc",
    }
    assert expected <= set(NAMES)


def copy_of(name: str, variant: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / name / variant, tmp_path / variant))


def field(finding: dict, key: str):
    """A field of the JSON schema, or of its `data` (the expected files name fields from either)."""
    return finding[key] if key in finding else finding["data"].get(key)


@pytest.mark.parametrize("name", NAMES)
def test_clean_fixture_has_no_findings(name, tmp_path):
    result, findings = check_json(copy_of(name, "clean", tmp_path))
    assert result.returncode == 0 and findings == [], result.stdout


@pytest.mark.parametrize("name", NAMES)
def test_broken_fixture_reports_exactly_the_seeded_defects(name, tmp_path):
    expected = json.loads((FIXTURES / name / "expected_diagnostics.json").read_text())
    result, findings = check_json(copy_of(name, "broken", tmp_path))
    assert result.returncode == 1
    assert len(findings) == len(expected), findings
    pairs = zip(findings, expected, strict=True)
    assert [{key: field(finding, key) for key in entry} for finding, entry in pairs] == expected


@pytest.mark.parametrize("name", FIXABLE)
def test_one_fix_run_writes_exactly_the_fixed_files(name, tmp_path):
    broken = copy_of(name, "broken", tmp_path)
    before = snapshot(broken)
    first = run_cli(broken, "check", "--fix")
    after = snapshot(broken)
    expected = snapshot(FIXTURES / name / "fixed")
    assert {path for path in after if after[path] != before.get(path)} == set(expected)
    for path, content in expected.items():
        assert after[path] == content, path
    # Idempotent: the second run changes nothing and the same unfixable findings remain.
    second = run_cli(broken, "check", "--fix")
    assert snapshot(broken) == after
    assert "Fixed" not in second.stdout
    assert second.stdout.splitlines()[-1] == first.stdout.splitlines()[-1]
