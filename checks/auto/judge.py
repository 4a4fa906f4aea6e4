"""The AUT family's judgement: the mapping rules, then the registration rules."""

from __future__ import annotations

from repo_lint.checks.auto.mapping_judge import judge_mappings
from repo_lint.checks.auto.registration import judge_registration
from repo_lint.checks.auto.registration_rules import REGISTRATION_RULES


def judge(repo):
    source = (repo.config["source"] or "").strip("/")
    if not source:
        return []
    found = judge_mappings(repo, source)
    if repo.reports(*(rule.code for rule in REGISTRATION_RULES)):
        found += judge_registration(repo, source)
    return found
