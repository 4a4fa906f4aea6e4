"""Fixing: rounds of fixes until the findings settle, the name guard over the result, and the guarded writes."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from repo_lint.diagnostics import Diagnostic
from repo_lint.fixer import apply_edits, encode, fixable_edits, parses, write_atomically
from repo_lint.workspace import SourceText

if TYPE_CHECKING:
    from repo_lint.repo_view import RepoView

MAX_FIX_ROUNDS = 1000  # a safety net only: a chain of N copies settles in N rounds


@dataclass
class FixOutcome:
    diagnostics: list[Diagnostic]  # what remains once the fixes are applied (a refused fix is not offered)
    fixed: list[Diagnostic] = field(default_factory=list)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (old text, new text)
    failures: list[str] = field(default_factory=list)


def fix(
    repo: RepoView, diagnostics: list[Diagnostic], judge_all: Callable[[], list[Diagnostic]], *, write: bool
) -> FixOutcome:
    """Apply the fixes of `diagnostics` (`judge_all` judges the fixed texts again after each round), add the
    imports the fixed code needs, and with `write` write the changed files. A file whose fix is refused or
    cannot be written keeps its text, and its findings are reported without a fix."""
    outcome = FixOutcome(diagnostics)
    originals = _settle(repo, outcome, judge_all)
    outcome.changes = {p: (old, repo.text(p) or "") for p, old in originals.items() if old != repo.text(p)}
    failed = _guard_names(repo, outcome)
    if write:
        written = {p: c for p, c in outcome.changes.items() if p not in failed}
        failed += write_changes(repo, written, outcome.failures)
    if failed:
        _undo(repo, failed, outcome, judge_all)
    return outcome


def _settle(repo: RepoView, outcome: FixOutcome, judge_all: Callable[[], list[Diagnostic]]) -> dict[str, str]:
    """Fix round after round; the original text of every file a fix changed.

    Each round fixes what is drifted now; a copy of a copy drifts once its source is fixed, so a chain of any
    depth settles in as many rounds. A state seen before means fixes undo each other; a file growing far
    beyond its original size means a fix that never settles (it would exhaust memory round after round)."""
    originals: dict[str, str] = {}
    seen: set[tuple] = set()
    for _ in range(MAX_FIX_ROUNDS):
        applied = apply_round(repo, outcome.diagnostics, originals)
        if not applied:
            return originals
        outcome.fixed.extend(applied)
        state = tuple((path, repo.workspace.digests.get(path)) for path in sorted(originals))  # set by update
        if state in seen:  # nothing is written: which of the disagreeing fixes is right is for a person
            return _give_up(repo, outcome, originals, judge_all, "fixes undo each other (copies that disagree)")
        growing = next((p for p, old in sorted(originals.items()) if _grew_unbounded(old, repo.text(p))), None)
        if growing is not None:
            return _give_up(repo, outcome, originals, judge_all, f"fixes keep growing `{growing}`")
        seen.add(state)
        outcome.diagnostics = judge_all()
    if any(d.fix for d in outcome.diagnostics):
        outcome.failures.append(f"fixes did not settle after {MAX_FIX_ROUNDS} rounds")
    return originals


def _grew_unbounded(original: str, text: str | None) -> bool:
    return text is not None and len(text) > 4 * len(original) + 65536


def _give_up(
    repo: RepoView,
    outcome: FixOutcome,
    originals: dict[str, str],
    judge_all: Callable[[], list[Diagnostic]],
    reason: str,
) -> dict[str, str]:
    """Put every text back and report `reason`: none of the fixes is written."""
    outcome.failures.append(f"{reason}: none of the fixes was written")
    for path, text in originals.items():
        repo.update(path, text)
    outcome.fixed = []
    outcome.diagnostics = judge_all()
    return originals


def _guard_names(repo: RepoView, outcome: FixOutcome) -> list[str]:
    """Add the imports the fixed code needs to the changed texts; the files whose fix would leave a name
    undefined (their refusal is a failure)."""
    from repo_lint import name_guard  # here: a run without fixes never loads it

    changes = outcome.changes
    guarded = name_guard.guard(repo.root, changes, name_guard.source_hints(outcome.fixed), repo.text)
    for path, text in guarded.texts.items():  # the fixes plus the imports they need
        if text != changes[path][1]:
            repo.update(path, text)
            changes[path] = (changes[path][0], text)
    outcome.failures.extend(
        f"{path}: fix not written: {refusal.reason()}" for path, refusal in sorted(guarded.refused.items())
    )
    return sorted(guarded.refused)


def _undo(repo: RepoView, failed: list[str], outcome: FixOutcome, judge_all: Callable[[], list[Diagnostic]]) -> None:
    for path in failed:
        repo.update(path, outcome.changes.pop(path)[0])
    outcome.fixed = [d for d in outcome.fixed if d.path not in failed]  # not written: not fixed
    outcome.diagnostics = judge_all()
    for diagnostic in outcome.diagnostics:  # its fix was refused: not offered as one (nor counted as fixable)
        if diagnostic.path in failed:
            diagnostic.fix = None


def apply_round(repo: RepoView, diagnostics: list[Diagnostic], originals: dict[str, str]) -> list[Diagnostic]:
    """Apply the fixable edits of `diagnostics` to the texts (`originals` keeps each changed file's first
    text); the findings whose edit was applied."""
    applied: list[Diagnostic] = []
    for path, items in sorted(fixable_edits(diagnostics).items()):
        if repo.workspace.outside_reason(path) is not None:
            continue  # never a write target; RL005 says why when a check read it
        creating = not repo.exists(path) and not os.path.lexists(repo.root / path)
        text = "" if creating else repo.text(path)
        if text is None:
            continue
        if creating:
            repo.created.add(path)
        new_text, chosen = apply_edits(text, [edit for _, edit in items])
        if new_text == text:
            continue
        originals.setdefault(path, text)
        repo.update(path, new_text)
        # An edit identical to a chosen one (two findings, one rewrite) counts as applied too.
        chosen_keys = {(e.start_line, e.end_line, e.text) for e in chosen}
        seen: set[int] = set()
        for diagnostic, edit in items:
            if (edit.start_line, edit.end_line, edit.text) in chosen_keys and id(diagnostic) not in seen:
                seen.add(id(diagnostic))
                applied.append(diagnostic)
    return applied


def write_changes(repo: RepoView, changes: dict[str, tuple[str, str]], failures: list[str]) -> list[str]:
    """Write the new texts (never one Python cannot parse); the paths that could not be written, each with its
    reason added to `failures`."""
    failed = []
    written: dict[str, bytes] = {}  # real path -> bytes written
    for path, (_old, new) in sorted(changes.items()):
        broken = parses(new, path)
        if broken:  # even when the file did not parse before: a fix never writes a file Python cannot read
            failures.append(f"{path}: fix not written, the result would not parse ({broken})")
            failed.append(path)
            continue
        expected = None if path in repo.created else repo.workspace.raw(path)  # created: a missing dummy file
        source = repo.workspace.source(path) or SourceText(text=new)
        data = encode(source, new)
        real = os.path.realpath(repo.root / path)
        if real in written:  # a link inside the repository to a file fixed already
            if written[real] != data:
                failures.append(f"{path}: fix not written: it links to a file fixed differently in this run")
                failed.append(path)
            continue
        try:
            write_atomically(repo.root / path, data, root=repo.root, expected=expected)
            written[real] = data
        except OSError as error:
            failures.append(f"{path}: fix not written: {error}")
            failed.append(path)
    return failed
