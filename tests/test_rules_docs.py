"""Every rule reads like a ruff rule page: what it does, why, a bad and a good example, and its fix."""

from __future__ import annotations

import re

import pytest

from repo_lint.registry import all_checks, all_rules
from repo_lint.report import render_explain, rule_examples

RULES = list(all_rules().values())


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_rule_is_documented(rule):
    assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
    bad, good = rule_examples(rule)  # its first invalid and valid case (or the bad/good text of a rule without)
    assert rule.summary.strip() and rule.why.strip() and bad.strip() and good.strip()
    assert bad != good
    if rule.fixable:
        assert rule.fix.strip(), f"{rule.code} is fixable but does not say what the fix does"
    page = render_explain(rule)
    assert f"({rule.code})" in page and "## Why is this bad?" in page and bad.strip().splitlines()[0] in page


def test_codes_and_names_are_unique_and_belong_to_their_family():
    assert len({r.name for r in RULES}) == len(RULES)
    for check in all_checks():
        assert all(rule.code.startswith(check.FAMILY) for rule in check.RULES), check.FAMILY
        assert ":" in check.JUDGE  # judges are imported on first use


def test_readme_rules_table_is_the_generated_one():
    """The README's table is `repo-lint rules --output-format markdown`, pasted between its two markers."""
    from pathlib import Path

    from repo_lint.report import render_rules

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("-->\n", readme.index("<!-- rules table:")) + len("-->\n")
    end = readme.index("<!-- end of the rules table -->")
    assert readme[start:end] == render_rules(RULES, "markdown"), (
        "README rules table is out of date: paste `repo-lint rules --output-format markdown` between its markers"
    )
