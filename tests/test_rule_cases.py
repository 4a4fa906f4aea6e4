"""Every `Case` written next to a rule (a family's `CASES`) as a test: the valid ones give no finding of
their rule, the invalid ones a finding of it in their first file (at their line when they name one)."""

from __future__ import annotations

import pytest
from repo_lint.checks import ALL_CHECKS

from tests.helpers import check_json, write

CASES = [case for family in ALL_CHECKS for case in getattr(family, "CASES", ())]
HEADER = '[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["{code}"]\n'


def _id(case) -> str:
    return f"{case.code}-{'valid' if case.valid else 'invalid'}-{case.note or case.path}"


@pytest.mark.skipif(not CASES, reason="no family lists CASES yet")
@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_rule_case(case, tmp_path):
    write(tmp_path, "pyproject.toml", HEADER.format(code=case.code) + case.config)
    for path, text in case.files.items():
        write(tmp_path, path, text)
    result, findings = check_json(tmp_path)
    assert result.returncode in (0, 1), result.stderr
    own = [(f["path"], f["line"]) for f in findings if f["code"] == case.code]
    if case.valid:
        assert own == [], findings
    else:
        assert any(path == case.path and (case.line is None or line == case.line) for path, line in own), findings


def test_every_rule_of_a_family_with_cases_has_a_valid_and_an_invalid_case():
    for family in ALL_CHECKS:
        cases = getattr(family, "CASES", ())
        if not cases:
            continue
        for rule in family.RULES:
            kinds = {case.valid for case in cases if case.code == rule.code}
            assert kinds == {True, False}, f"{rule.code} needs a valid and an invalid case"
