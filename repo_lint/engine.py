"""One run: config -> workspace -> facts -> judgement -> diagnostics (+ fixes) -> result.

The families and their rules come from `registry`, the checks see the repository through `RepoView`
(`repo_view`), fixes are applied round after round and written by `fix_loop`, and the engine adds its own
findings (`engine_findings`). A run that asks what an earlier one asked, of unchanged files, is answered
from the run cache before any judge is imported or any file read.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repo_lint import baseline as baselines
from repo_lint import core_rules
from repo_lint.cache import Cache
from repo_lint.config import Config
from repo_lint.diagnostics import INIT_FOLDER, Diagnostic, Rule
from repo_lint.environment import search_path_signature
from repo_lint.fixer import is_temp_name, remove_stale_temp_files
from repo_lint.formatting import ruff_identity
from repo_lint.registry import all_rules, checks_to_run, judge_of, selected_codes
from repo_lint.suppressions import Suppressor, code_matches
from repo_lint.workspace import Workspace, is_within, tracked

if TYPE_CHECKING:
    from repo_lint.repo_view import RepoView
    from repo_lint.verdicts import Verdicts

BACKGROUND_SYNTAX_THRESHOLD = 300  # a cold run over this many Python files parses them all in the background


@dataclass
class RunRequest:
    paths: tuple[str, ...] = ()
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False  # offer (and with `fix`, apply) the fixes marked unsafe
    cache_dir: Path | None = None  # None: no on-disk cache
    changed: frozenset[str] | None = None  # --changed-since: report only these files and what depends on them
    changed_base: str | None = None  # the commit `changed` is compared with (HEAD for --changed-files in git)
    use_baseline: bool = True  # False for --write-baseline: every finding, and the entries of each in `baseline`
    records: frozenset[str] = frozenset()  # what the judges record besides findings (`RepoView.record`)
    code_frames: bool = False  # give every finding without a `detail` its lines as one (`--output-format full`)


@dataclass
class RunResult:
    diagnostics: list[Diagnostic]
    fixed: list[Diagnostic]
    changes: dict[str, tuple[str, str]]  # path -> (old text, new text) of files a fix changed
    notes: list[str]
    failures: list[str]
    rules: dict[str, Rule]
    baseline: list[baselines.Entry] | None = None  # with use_baseline=False: what --write-baseline writes
    warnings: list[str] = field(default_factory=list)  # printed unless --quiet (notes only with -v)
    records: dict[str, Any] = field(default_factory=dict)  # what the judges recorded, as `RunRequest.records` asked
    cache_usage: str = ""  # what the run took from the cache, in words


@dataclass
class Selection:
    """The codes a run reports."""

    codes: set[str]
    limited: set[str]  # the codes `changed-only` limits to changed files
    notes: list[str]  # what the configuration and the selection tell the user


def run(config: Config, request: RunRequest) -> RunResult:
    rules = all_rules()
    selection = selection_for(config, request, rules)
    notes = selection.notes
    baseline = None
    if request.use_baseline and config["baseline"]:
        baseline = baselines.load(config.root, config["baseline"])
    workspace, cache = open_workspace(config, request.cache_dir)
    warnings = [cache.disabled_reason] if cache.disabled_reason else []
    if request.fix:
        notes += _remove_leftover_temp_files(config, workspace)
    run_key = signature = None
    if cache.enabled and _answerable_from_cache(request):
        run_key = _run_key(config, request, selection, baseline)
        signature = (_ruff_version(config.root), workspace.stat_signature(), search_path_signature())
        cached = cache.get_run(run_key, signature)
        if cached is not None:  # nothing changed since a run that asked the same: reuse its answer
            usage = "the answer of an earlier run reused (no file changed)"
            return RunResult(cached, [], {}, notes, [], rules, warnings=warnings, cache_usage=usage)
    # Imported here, after the run cache: a run it answers needs none of what judging and fixing use.
    from repo_lint.fix_loop import FixOutcome, fix
    from repo_lint.repo_view import open_repo_view

    codes = selection.codes
    repo = open_repo_view(
        config,
        workspace,
        cache,
        codes=codes,
        changed=request.changed,
        changed_base=request.changed_base,
        wanted_records=request.records,
    )
    _start_background_syntax(repo)
    verdicts = None
    if cache.enabled and request.changed is None and not request.records:
        from repo_lint.verdicts import Verdicts

        verdicts = Verdicts(repo, codes, _ruff_setup(config.root), search_path_signature())
    judgement = Judgement(
        repo,
        checks_to_run(codes, request.records),
        rules,
        selection,
        request,
        baseline,
        _suppressor(repo, rules),
        verdicts,
    )
    outcome = FixOutcome(judgement.judge_all())
    if request.fix or request.diff:
        outcome = fix(repo, outcome.diagnostics, judgement.judge_all, write=request.fix)
    if repo.background_syntax is not None:
        repo.background_syntax.stop()
    if request.code_frames:
        outcome.diagnostics = [_with_code_frame(d, repo) for d in outcome.diagnostics]
    if run_key is not None:
        cache.put_run(run_key, signature, outcome.diagnostics)
    if verdicts is not None and verdicts.reused:
        cache.keep_unused_shared = True  # the families not judged did not ask for their content-addressed entries
    if cache.enabled:
        cache.put_digests(workspace.digest_table())
    cache.save(set(workspace.files))
    entries = None if request.use_baseline else baselines.entries_for(outcome.diagnostics, repo.lines)
    usage = cache.usage()
    if verdicts is not None and (verdicts.reused or verdicts.judged):
        usage += f"; {len(verdicts.reused)} of {len(verdicts.reused) + len(verdicts.judged)} family verdicts reused"
    return RunResult(
        outcome.diagnostics,
        outcome.fixed,
        outcome.changes,
        notes,
        outcome.failures,
        rules,
        entries,
        warnings,
        repo.records,
        usage,
    )


def selection_for(config: Config, request: RunRequest, rules: dict[str, Rule]) -> Selection:
    """The configuration's selection with the request's; the `changed-only` codes leave a full run."""
    chosen = request.select if request.select is not None else list(config["select"])
    chosen = chosen + list(config["extend-select"]) + list(request.extend_select)
    ignored = list(config["ignore"]) + list(request.ignore)
    codes = selected_codes(rules, chosen, ignored)
    # The engine's own findings (a file that does not parse or cannot be read, a bad suppression) are
    # reported whatever the selection, unless ignored: otherwise `select = ["CPY"]` skips files silently.
    codes |= selected_codes({r.code: r for r in core_rules.RULES}, [], ignored)
    notes = [config.preset_note] if config.preset_note else []
    limited = changed_only_codes(config, request, codes)
    if request.changed is None and limited:  # a full run: those rules are not reported at all
        codes -= limited
        notes.append(
            f"{', '.join(sorted(limited))} appl{'ies' if len(limited) == 1 else 'y'} to changed files "
            f"only: use --changed-since (or name {'it' if len(limited) == 1 else 'them'} in --select)"
        )
    return Selection(codes, limited, notes)


def changed_only_codes(config: Config, request: RunRequest, codes: set[str]) -> set[str]:
    """The selected codes the `changed-only` option limits to changed files: those it names, except codes
    that a command-line `--select`/`--extend-select` names (other than `ALL`), which are reported in full."""
    explicit = [s for s in (request.select or []) + list(request.extend_select) if s != "ALL"]
    return {
        code
        for code in codes
        if any(code_matches(code, pattern) for pattern in config["changed-only"])
        and not any(code_matches(code, selector) for selector in explicit)
    }


def _remove_leftover_temp_files(config: Config, workspace: Workspace) -> list[str]:
    """Remove the temporary files an interrupted `--fix` left (a committed one is not ours); a note if any."""
    leftovers = [p for p in workspace.listed if is_temp_name(p.rsplit("/", 1)[-1])]
    leftovers = sorted(set(leftovers) - tracked(config.root, leftovers))
    removed = remove_stale_temp_files(config.root, leftovers)
    if not removed:
        return []
    return [f"removed {len(removed)} temporary file(s) an interrupted `--fix` left: {', '.join(removed)}"]


def _answerable_from_cache(request: RunRequest) -> bool:
    """Whether a run's answer may come from the run cache, which holds findings only: not with fixes, a
    baseline to write or records."""
    return not (request.fix or request.diff or not request.use_baseline or request.records)


def _with_code_frame(diagnostic: Diagnostic, repo: RepoView) -> Diagnostic:
    if diagnostic.detail or not repo.exists(diagnostic.path):
        return diagnostic
    from repo_lint.report import code_frame

    frame = code_frame(repo.lines(diagnostic.path), diagnostic)
    return dataclasses.replace(diagnostic, detail=frame) if frame else diagnostic


def _run_key(config: Config, request: RunRequest, selection: Selection, baseline) -> str:
    """What a run's answer depends on besides the files, the ruff in use and the search path."""
    return repr(
        (
            sorted(selection.codes),
            request.paths,
            None if request.changed is None else sorted(request.changed),
            request.changed_base,
            sorted(selection.limited),
            baselines.digest_of(config.root / config["baseline"]) if baseline else None,
            request.unsafe_fixes,
            request.code_frames,
        )
    )


def _start_background_syntax(repo: RepoView) -> None:
    """On a cold run over many files, ruff parses them all in the background while the checks run (RL001)."""
    if repo.cache.warm() or len(repo.python_files()) < BACKGROUND_SYNTAX_THRESHOLD:
        return
    try:
        from repo_lint.syntax import BackgroundSyntaxCheck

        repo.background_syntax = BackgroundSyntaxCheck(repo)
    except OSError:
        repo.background_syntax = None


def _suppressor(repo: RepoView, rules: dict[str, Rule]) -> Suppressor:
    """The suppression comments of every Python file that holds one, and the configured per-file ignores."""
    suppressor = Suppressor(
        known_codes=set(rules), active_families=repo.codes, per_file_ignores=dict(repo.config["per-file-ignores"])
    )
    for path in repo.python_files():
        if repo.contains(path, "repo-lint:"):
            suppressor.add_file(path, repo.text(path))
    return suppressor


@dataclass
class Judgement:
    """Judging the repository as it is now (again after each fix round): every family's findings and the
    engine's own, less what this run does not report."""

    repo: RepoView
    checks: list
    rules: dict[str, Rule]
    selection: Selection
    request: RunRequest
    baseline: list[baselines.Entry] | None
    suppressor: Suppressor
    verdicts: Verdicts | None = None  # the families' stored verdicts (None: every family is judged)

    def judge_all(self) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for check in self.checks:
            if self.verdicts is None:
                found.extend(judge_of(check)(self.repo))
            else:
                found.extend(self.verdicts.judge(check.FAMILY, lambda check=check: judge_of(check)))
        from repo_lint.engine_findings import engine_findings

        found.extend(engine_findings(self.repo))
        return self.visible(found)

    def visible(self, found: list[Diagnostic]) -> list[Diagnostic]:
        codes, request = self.selection.codes, self.request
        kept = [d for d in found if d.code in codes and _in_paths(d.path, request.paths)]
        # Suppressions see every finding first, so a used one in a file out of the changed set is not "unused".
        kept = self.suppressor.filter(kept)
        kept = [d for d in kept if d.code in codes and _in_paths(d.path, request.paths)]
        if request.changed is not None:
            # A file a fix rewrote in an earlier round is changed too: a regenerated file's dependents follow it.
            changed = request.changed | self.repo.workspace.modified
            kept = [
                d
                for d in kept
                if _depends_on(d, self.rules[d.code].depends_on, changed)
                and (
                    d.code not in self.selection.limited
                    or d.path in changed
                    or self.rules[d.code].changed_only_follows_dependencies
                )
            ]
        if self.baseline is not None:
            kept = baselines.apply(self.baseline, kept, self.repo.lines, self.in_scope)
        if not request.unsafe_fixes:
            kept = [diagnostic.without_unsafe_fix() for diagnostic in kept]
        return sorted(kept, key=Diagnostic.sort_key)

    def in_scope(self, code: str, path: str) -> bool:
        """Whether this run reports `code` findings in `path` (what a stale baseline entry is judged by)."""
        codes, request = self.selection.codes, self.request
        changed_ok = request.changed is None or path in request.changed
        return (
            code in codes
            and core_rules.STALE_BASELINE_ENTRY.code in codes
            and _in_paths(path, request.paths)
            and changed_ok
        )


def open_workspace(config: Config, cache_dir: Path | None) -> tuple[Workspace, Cache]:
    """The repository's files (less the excluded ones) and the fact cache in `cache_dir` (None: none)."""
    workspace = Workspace.open(config.root, list(config["exclude"]) + list(config["extend-exclude"]))
    refusal = untrusted_cache_reason(config.root, cache_dir, workspace.listed)
    cache = Cache(None if refusal else cache_dir, config.fingerprint)
    if refusal:
        cache.disabled_reason = f"{refusal}: not used, this run reads and writes no cache"
    return workspace, cache


def untrusted_cache_reason(root: Path, cache_dir: Path | None, listed: list[str]) -> str:
    """Why the cache folder must not be used (empty: it may), judged before `exclude` applies.

    A cache that arrives with a pull request is the pull request's data: trusting it would let a fork's files
    decide what the run reports. Files git lists there (tracked, or untracked and not ignored: repo-lint's own
    files are ignored by the `.gitignore` it writes) came with the checkout; a folder that is the root itself
    (through a committed link) would mix the cache with the sources."""
    if cache_dir is None:
        return ""
    real_root, real = os.path.realpath(root), os.path.realpath(cache_dir)
    if real == real_root:
        return f"the cache folder `{cache_dir}` is the repository root itself"
    if not is_within(real, real_root):
        return ""  # a cache folder outside the repository (`--cache-dir`) does not come with it
    prefix = Path(real).relative_to(real_root).as_posix() + "/"
    committed = [path for path in listed if path.startswith(prefix)]
    if committed:
        more = f" and {len(committed) - 1} more" if len(committed) > 1 else ""
        return f"the cache folder holds files that come with the checkout ({committed[0]}{more})"
    return ""


def _ruff_version(root: Path) -> str:
    """What identifies the ruff in use, cheaply (`formatting.ruff_identity`: no ruff is run)."""
    try:
        return ruff_identity(root)
    except Exception:  # noqa: BLE001 - only keys the cache
        return "unknown"


def _ruff_setup(root: Path) -> str:
    """The ruff in use and its configuration's bytes: what formatted code (compared copies) depends on."""
    from repo_lint.cache import digest
    from repo_lint.formatting import find_ruff_config

    found = find_ruff_config(root)
    try:
        data = found.read_bytes() if found is not None else b""
    except OSError:
        data = b"unreadable"
    return f"{_ruff_version(root)}|{digest(data)}"


def _depends_on(diagnostic: Diagnostic, depends_on: tuple[str, ...], changed: frozenset[str]) -> bool:
    """Whether a finding concerns a changed file: its own file, a file its rule's `depends_on` names through
    the finding's data (the source of a copy, a dummy file, the parents of a modular file), or, for
    INIT_FOLDER, a module of the folder whose `__init__.py` it is in."""
    related = {diagnostic.path}
    for key in depends_on:
        value = diagnostic.data.get(key)
        if isinstance(value, str):
            related.add(value)
        elif isinstance(value, (list, tuple)):  # several files (the parents of a modular file)
            related.update(item for item in value if isinstance(item, str))
    if related & changed:
        return True
    if INIT_FOLDER in depends_on and diagnostic.path.endswith("__init__.py"):
        folder = diagnostic.path.rsplit("/", 1)[0] + "/" if "/" in diagnostic.path else ""
        return any(path.startswith(folder) and "/" not in path[len(folder) :] for path in changed)
    return False


def _in_paths(path: str, paths: tuple[str, ...]) -> bool:
    if not paths:
        return True
    return any(path == p or path.startswith(p.rstrip("/") + "/") or p in ("", ".") for p in paths)
