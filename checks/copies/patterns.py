"""Replacement patterns of `# Copied from ... with A->B` markers, run in bounded time.

The reference applies each `A->B` as `re.sub(A, B, code)`. A marker is user input (a fork's pull request
can hold any), and a backtracking regular expression such as `(a+)+$` can take minutes on one source.
So a pattern is accepted only when its cost per position of the text is bounded:

- no regular-expression metacharacter: a literal replacement (`str.replace`, same result as `re.sub`);
- otherwise, once parsed: no unbounded repetition (`*`, `+`, `{m,}`), no backreference, and a bounded
  number of ways to match (alternatives and bounded repeats multiplied out) times the longest match.

Anything else is refused with a reason (reported as CPY003), never run. Every real marker of the
released Transformers and Diffusers trees is literal or uses `.` only.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable

try:  # Python 3.11+: the parser moved and the old module warns on import
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

METACHARACTERS = frozenset(".^$*+?{}[]\\|()")
# Work allowed per position of the text: ways to match times the longest match. `Bert.Model` costs 10;
# a pattern of 40 characters with 3 independent two-way alternatives costs 320.
MAX_COST = 4096

_SIMPLE_OPS = frozenset({"LITERAL", "NOT_LITERAL", "ANY", "IN", "AT", "CATEGORY", "RANGE", "NEGATE"})
_REPEAT_OPS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


class PatternRefused(ValueError):
    """A replacement that is not run: invalid, or not provably quick."""


def is_literal(pattern: str) -> bool:
    return not METACHARACTERS.intersection(pattern)


def check_replacement(old: str, new: str) -> str | None:
    """Why `old->new` cannot be run (invalid or possibly slow), or None when it can."""
    try:
        substitution(old, new)
    except PatternRefused as refused:
        return str(refused)
    return None


@functools.lru_cache(maxsize=1024)
def substitution(old: str, new: str) -> Callable[[str], str]:
    """A function giving `re.sub(old, new, text)` for every text, in time linear in the text.

    Raises PatternRefused when `old` or `new` is invalid or `old` could backtrack without bound.
    """
    try:
        with warnings.catch_warnings():  # `re` warns about some user patterns (nested sets); not ours to print
            warnings.simplefilter("ignore")
            compiled = re.compile(old)
    except re.error as error:
        raise PatternRefused(f"`{old}` is not a valid regular expression: {error}") from error
    except (RecursionError, OverflowError) as error:
        raise PatternRefused(f"`{old}` is nested too deeply to be read") from error
    try:
        compiled.sub(new, "")  # validates the template (`\1`, `\g<name>`, escapes) like the reference's first use
    except (re.error, IndexError) as error:
        raise PatternRefused(f"`{new}` is not a valid replacement for `{old}`: {error}") from error
    if is_literal(old):
        match = compiled.match(old)
        # With no groups the template expands to the same text for every match (`\n`, `\g<0>` included).
        expanded = match.expand(new) if match is not None else new
        return lambda text: text.replace(old, expanded)
    reason = _unbounded_reason(old)
    if reason is not None:
        raise PatternRefused(f"`{old}` {reason}, which can take unbounded time")
    return lambda text: compiled.sub(new, text)


def _unbounded_reason(pattern: str) -> str | None:
    """Why matching `pattern` at one position could cost more than MAX_COST steps, or None."""
    try:
        with warnings.catch_warnings():  # the same warnings `re.compile` gave above, already silenced there
            warnings.simplefilter("ignore")
            parsed = _sre_parse.parse(pattern)
        cost = _sequence_paths(parsed)
        longest = parsed.getwidth()[1]
    except _Unbounded as unbounded:
        return str(unbounded)
    except (re.error, RecursionError, OverflowError):
        return "cannot be analysed"
    if cost * max(longest, 1) > MAX_COST:
        return f"has {cost} ways to match up to {longest} characters (more than {MAX_COST} steps per position)"
    return None


class _Unbounded(Exception):
    pass


def _sequence_paths(items) -> int:
    paths = 1
    for op, argument in items:
        paths *= _item_paths(op.name if hasattr(op, "name") else str(op), argument)
        if paths > MAX_COST:
            raise _Unbounded(f"has more than {MAX_COST} ways to match")
    return paths


def _item_paths(op: str, argument) -> int:
    if op in _SIMPLE_OPS:
        return 1
    if op == "SUBPATTERN":
        return _sequence_paths(argument[-1])
    if op == "ATOMIC_GROUP":
        return _sequence_paths(argument)
    if op in ("ASSERT", "ASSERT_NOT"):
        return _sequence_paths(argument[1])
    if op == "BRANCH":
        return sum(_sequence_paths(branch) for branch in argument[1])
    if op in _REPEAT_OPS:
        low, high, item = argument
        if high == _sre_parse.MAXREPEAT:
            raise _Unbounded("repeats without an upper bound (`*`, `+` or `{m,}`)")
        if high > MAX_COST:
            raise _Unbounded(f"repeats up to {high} times (more than {MAX_COST})")
        return _repeat_paths(_sequence_paths(item), low, high)
    if op in ("GROUPREF", "GROUPREF_EXISTS"):
        raise _Unbounded("uses a backreference")
    raise _Unbounded(f"uses `{op}`")


def _repeat_paths(inner: int, low: int, high: int) -> int:
    """Ways to match `item{low,high}` when `item` has `inner` ways: the sum of inner**count."""
    total, power = 0, 1
    for count in range(high + 1):
        if count >= low:
            total += power
        if total > MAX_COST or power > MAX_COST:
            raise _Unbounded(f"has more than {MAX_COST} ways to match")
        power *= inner
    return total
