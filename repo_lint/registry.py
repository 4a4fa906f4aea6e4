"""The check families and their rules: which exist, what each judges with, which codes a run reports."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from repo_lint import core_rules
from repo_lint.diagnostics import Diagnostic, Rule
from repo_lint.suppressions import code_matches

if TYPE_CHECKING:
    from repo_lint.repo_view import RepoView


def all_checks():
    from repo_lint.checks import ALL_CHECKS

    return ALL_CHECKS


def judge_of(check) -> Callable[[RepoView], list[Diagnostic]]:
    """A family's judge: its `judge` function, or its `JUDGE = "module:function"` imported on first use
    (so a run answered from the cache imports no judge)."""
    import importlib

    if callable(getattr(check, "judge", None)):
        return check.judge
    module, _, function = check.JUDGE.partition(":")
    return getattr(importlib.import_module(module), function)


def all_rules() -> dict[str, Rule]:
    rules = {rule.code: rule for rule in core_rules.RULES}
    for check in all_checks():
        rules.update({rule.code: rule for rule in check.RULES})
    return dict(sorted(rules.items()))


def check_sections():
    return {check.SECTION: check.OPTIONS for check in all_checks()}


def selected_codes(rules: dict[str, Rule], select: list[str], ignore: list[str]) -> set[str]:
    chosen = {code for code in rules if not select or any(code_matches(code, s) for s in select)}
    return {code for code in chosen if not any(code_matches(code, i) for i in ignore)}


def checks_to_run(codes: set[str], records: frozenset[str] = frozenset()) -> list:
    """The families a run judges with: those with a reported code, and those that make a record the run
    asked for (`RECORDS`: the copies family's copy edges for `repo-lint graph`), whatever is reported."""
    return [
        check
        for check in all_checks()
        if any(code.startswith(check.FAMILY) for code in codes) or records & set(getattr(check, "RECORDS", ()))
    ]
