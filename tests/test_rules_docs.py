"""Every rule reads like a ruff rule page: what it does, why, a bad and a good example, and its fix."""

from __future__ import annotations

import re

import pytest

from repo_lint.engine import all_checks, all_rules
from repo_lint.report import render_explain

RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule):
    assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
    assert rule.summary.strip() and rule.why.strip() and rule.bad.strip() and rule.good.strip()
    assert rule.bad != rule.good
    if rule.fixable:
        assert rule.fix.strip(), f"{rule.code} is fixable but does not say what the fix does"
    page = render_explain(rule)
    assert f"({rule.code})" in page and "## Why is this bad?" in page and rule.bad.strip().splitlines()[0] in page


def test_codes_and_names_are_unique_and_belong_to_their_family():
    assert len({r.name for r in RULES}) == len(RULES)
    for check in all_checks():
        assert all(rule.code.startswith(check.FAMILY) for rule in check.RULES), check.FAMILY
        assert ":" in check.JUDGE  # judges are imported on first use
