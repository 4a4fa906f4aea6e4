"""Every `Case` written next to a rule (`Rule.cases`) as a test: a valid case gives no finding of its rule, an
invalid one a finding of it in its first file (at its line when it names one) whose message has the shape of
the rule's `message`, and `--fix` turns a case with `fixed` files into exactly those files."""

from __future__ import annotations

import re

import pytest

from repo_lint.registry import all_rules
from tests.helpers import check_json, run_cli, write

RULES = all_rules()
CASES = [(rule, case) for rule in RULES.values() for case in rule.cases]
HEADER = '[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["{code}"]\n'


def _id(rule, case) -> str:
    return f"{rule.code}-{'valid' if case.valid else 'invalid'}-{case.note or case.path}"


def message_pattern(template: str) -> re.Pattern:
    """A rule's `message` as a regular expression: literal text, each `{placeholder}` any non-empty text."""
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def _scratch(tmp_path, rule, case):
    write(tmp_path, "pyproject.toml", HEADER.format(code=rule.code) + case.config)
    for path, text in case.files.items():
        write(tmp_path, path, text)


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[_id(r, c) for r, c in CASES])
def test_rule_case(rule, case, tmp_path):
    _scratch(tmp_path, rule, case)
    result, findings = check_json(tmp_path)
    assert result.returncode in (0, 1), result.stderr
    own = [f for f in findings if f["code"] == rule.code]
    if case.valid:
        assert own == [], findings
        return
    reported = [f for f in own if f["path"] == case.path and (case.line is None or f["line"] == case.line)]
    assert reported, findings
    if rule.message:
        patterns = [message_pattern(line) for line in rule.message.splitlines()]
        assert all(any(p.fullmatch(f["message"]) for p in patterns) for f in reported), (rule.message, reported)
    if case.fixed is not None:
        run_cli(tmp_path, "check", "--fix", "--no-cache")
        for path, text in case.fixed.items():
            assert (tmp_path / path).read_text() == text, path
        _, after = check_json(tmp_path)
        assert [f for f in after if f["code"] == rule.code] == [], after


# Families whose rules do not all carry cases yet (emptied as they get them).
PENDING = {"AUT", "CPY", "DOC", "DUM", "INI", "TOC", "RL"}


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_has_a_valid_and_an_invalid_case(rule):
    if rule.code.rstrip("0123456789") in PENDING:
        pytest.skip(f"{rule.code}: its family's cases are still being written")
    assert {case.valid for case in rule.cases} == {True, False}, f"{rule.code} needs a valid and an invalid case"
    assert rule.message, f"{rule.code} needs a message template"
    if rule.fixable:
        assert any(case.fixed is not None for case in rule.cases), f"{rule.code} is fixable: show its fix in a case"
