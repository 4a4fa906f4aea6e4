"""Replacement patterns of `# Copied from` markers run in bounded time, with the reference's results.

A pattern that could backtrack without bound is refused (CPY003) instead of run; every accepted
pattern gives exactly what `re.sub` gives (the reference's semantics).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from repo_lint.checks.copies.markers import Replacement, apply_replacements, parse_pattern
from repo_lint.checks.copies.patterns import MAX_COST, PatternRefused, check_replacement, is_literal, substitution

from tests.helpers import check_json, make_repo

CATASTROPHIC = [
    "(a+)+$",
    "(.*)*b",
    "(a|a)*c",
    "(a*)*$",
    "(\\w+\\s?)+$",
    "(x+x+)+y",
    "a*a*a*a*a*b",
    "(.*a){12}",
    "(a|aa)+$",
    "^(([a-z])+.)+[A-Z]([a-z])+$",
    "(a)\\1",
]
# Texts on which the catastrophic patterns above backtrack for a long time in `re`.
ADVERSARIAL = ["a" * 40 + "!", "x" * 40, "ab" * 30 + "\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Small alphabets keep generated patterns dense in metacharacters (the interesting cases).
PATTERN_ALPHABET = "ab.()|?*+{}[]\\^$0123,-"
TEXT_ALPHABET = "abAB.-\n "


def reference_sub(old: str, new: str, text: str) -> str:
    return re.sub(old, new, text)


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_catastrophic_patterns_are_refused_with_a_reason(pattern):
    replacements, problems = parse_pattern(f"with {pattern}->x")
    assert replacements == ()
    assert len(problems) == 1 and not problems[0].applied
    assert "unbounded time" in problems[0].message, problems[0].message


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_refused_pattern_is_never_run(pattern):
    with pytest.raises(PatternRefused):
        apply_replacements(ADVERSARIAL[0], (Replacement(pattern, "x", False),))


def test_literal_pattern_keeps_re_sub_replacement_escapes():
    for new in ["\\n", "\\g<0>!", "a\\\\b", "\\t"]:
        for text in ["Bert Bert", "xBertBerty", ""]:
            assert apply_replacements(text, (Replacement("Bert", new, False),)) == reference_sub("Bert", new, text)


def test_dot_patterns_of_real_markers_stay_regular_expressions():
    # `self.tokenizer` is a regular expression in the reference: the dot matches any character.
    replacement = Replacement("self.tokenizer", "self.clip_tokenizer", False)
    assert apply_replacements("self_tokenizer self.tokenizer", (replacement,)) == (
        "self.clip_tokenizer self.clip_tokenizer"
    )


def test_all_casing_variants_are_checked_too():
    # `\x4a` is valid; its upper-case form `\X4A` is not, and the reference would crash on it.
    replacements, problems = parse_pattern("with \\x4a->b all-casing")
    assert replacements == () and "not a valid regular expression" in problems[0].message


def test_invalid_template_is_a_problem_not_a_crash():
    replacements, problems = parse_pattern("with Bert->\\1")
    assert replacements == () and "not a valid replacement" in problems[0].message


def test_bounded_alternatives_and_optional_parts_are_accepted():
    for pattern in ["colou?r", "(Bert|Roberta)Model", "a{2,3}b", "(?<=x)y", "[A-Z]bc"]:
        assert check_replacement(pattern, "z") is None, pattern


def test_too_many_ways_to_match_is_refused():
    assert "ways to match" in check_replacement("(ab|b)" * 14, "z")
    assert "repeats up to" in check_replacement("a{0,100000}", "z")


@SETTINGS
@given(
    old=st.text(PATTERN_ALPHABET, min_size=1, max_size=16),
    new=st.text("ab\\0g<>", max_size=4),
    text=st.text(TEXT_ALPHABET, max_size=200),
)
def test_generated_patterns_are_refused_or_give_the_reference_result(old, new, text):
    reason = check_replacement(old, new)
    if reason is not None:
        assert isinstance(reason, str) and reason
        return
    assert substitution(old, new)(text) == reference_sub(old, new, text)
    for adversarial in ADVERSARIAL:
        substitution(old, new)(adversarial * 20)  # completes: accepted patterns cannot backtrack far


@SETTINGS
@given(
    inner=st.sampled_from(["a", "a|a", "a|aa", ".", "\\w", "[ab]", "a?", "(a+)", "a*"]),
    outer=st.sampled_from(["*", "+", "{2,}", "{1,}"]),
    tail=st.sampled_from(["", "$", "b", "!"]),
)
def test_generated_nested_repetitions_are_refused(inner, outer, tail):
    pattern = f"({inner}){outer}{tail}"
    reason = check_replacement(pattern, "x")
    assert reason is not None and "unbounded time" in reason


@SETTINGS
@given(
    old=st.text("abcXYZ_019 -/:", min_size=1, max_size=12),
    new=st.text("ab\\ntg<0>", max_size=6),
    text=st.text("abcXYZ_019 -/:\n", max_size=120),
)
def test_literal_fast_path_matches_re_sub(old, new, text):
    assert is_literal(old)
    if check_replacement(old, new) is None:
        assert substitution(old, new)(text) == reference_sub(old, new, text)


def test_cost_limit_is_reasonable_for_real_patterns():
    # The real markers' non-literal patterns are dotted names: a handful of steps each.
    assert check_replacement("self.EncDecAttention", "self.attention") is None
    assert MAX_COST >= 1000


def test_a_hostile_marker_is_a_cpy003_and_the_run_goes_on(tmp_path):
    copy = (
        "# Copied from mylib.a.helper with (a+)+$->x\ndef helper2(a, b):\n    return a * b\n\n\n"
        "# Copied from mylib.a.helper\ndef helper3(a, b):\n    return a - b\n"
    )
    make_repo(tmp_path, {"src/mylib/b.py": copy, "src/mylib/a_long.py": "a" * 5000 + "\n"})
    _, findings = check_json(tmp_path)
    codes = sorted((f["code"], f["line"]) for f in findings)
    assert ("CPY003", 1) in codes
    assert ("CPY001", 8) in codes  # the next marker of the file is still checked
    hostile = next(f for f in findings if f["code"] == "CPY003")
    assert "unbounded time" in hostile["message"]
