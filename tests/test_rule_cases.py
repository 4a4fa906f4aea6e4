"""Every `Case` written next to a rule (`Rule.cases`) as a test: a valid case gives no finding of its rule, an
invalid one a finding of it in its first file (at its line when it names one) whose message has the shape of
the rule's `message`, and `--fix` turns a case with `fixed` files into exactly those files. A case with
`changed` files is a `--changed-files` run (pre-commit's) on them."""

from __future__ import annotations

import os
import re
from pathlib import Path

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


def _scratch(tmp_path, rule, case) -> Path:
    """The case's repository, in a folder of its own so that a link may point outside it (into `tmp_path`)."""
    root = tmp_path / "repo"
    write(root, "pyproject.toml", HEADER.format(code=rule.code) + case.config)
    for path, text in case.files.items():
        write(root, case.links.get(path, path), text.encode(case.encoding))
    for path, target in case.links.items():
        link = root / path
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            link.symlink_to(os.path.relpath(root / target, link.parent))
        except OSError as error:  # no symbolic links here (Windows without the privilege)
            pytest.skip(f"cannot create a symbolic link: {error}")
    return root


@pytest.mark.parametrize(("rule", "case"), CASES, ids=[_id(r, c) for r, c in CASES])
def test_rule_case(rule, case, tmp_path):
    root = _scratch(tmp_path, rule, case)
    changed = () if case.changed is None else ("--changed-files", *case.changed)
    result, findings = check_json(root, *changed)
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
    if case.unsafe_fixed is not None:
        assert all(f["unsafe_fix_hidden"] and not f["fixable"] for f in reported), reported
        run_cli(root, "check", "--fix", "--no-cache")
        for path, text in case.files.items():
            assert (root / path).read_text(encoding="utf-8") == text, f"{path}: --fix applied an unsafe fix"
        run_cli(root, "check", "--fix", "--unsafe-fixes", "--no-cache")
        for path, text in case.unsafe_fixed.items():
            assert (root / path).read_text(encoding="utf-8") == text, path
        _, after = check_json(root)
        assert [f for f in after if f["code"] == rule.code] == [], after
    if case.fixed is not None:
        run_cli(root, "check", "--fix", "--no-cache")
        for path, text in case.fixed.items():
            assert (root / path).read_text(encoding="utf-8") == text, path
        _, after = check_json(root)
        assert [f for f in after if f["code"] == rule.code] == [], after


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_has_a_valid_and_an_invalid_case(rule):
    assert {case.valid for case in rule.cases} == {True, False}, f"{rule.code} needs a valid and an invalid case"
    assert rule.message, f"{rule.code} needs a message template"
    if rule.fixable:
        assert any(case.fixed is not None or case.unsafe_fixed is not None for case in rule.cases), (
            f"{rule.code} is fixable: show its fix in a case"
        )
