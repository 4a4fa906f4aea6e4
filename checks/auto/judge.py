"""The AUT family's judgement: the mapping rules, then the registration rules."""

from __future__ import annotations

from repo_lint.checks.auto.mapping_judge import judge_mappings
from repo_lint.checks.auto.registration import judge_registration


def judge(repo):
    source = (repo.config["source"] or "").strip("/")
    if not source:
        return []
    return judge_mappings(repo, source) + judge_registration(repo, source)
