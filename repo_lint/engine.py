"""One run: config -> workspace -> facts -> judgement -> diagnostics (+ fixes) -> result.

Checks see the repository only through `RepoView`: files are read lazily, facts are extracted by pure
functions and memoised by content, and formatting goes through one batching formatter.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repo_lint import baseline as baselines
from repo_lint import core_rules
from repo_lint.cache import Cache
from repo_lint.config import Config
from repo_lint.diagnostics import INIT_FOLDER, Diagnostic, Rule
from repo_lint.environment import search_path_signature
from repo_lint.fixer import (
    apply_edits,
    encode,
    fixable_edits,
    is_temp_name,
    parses,
    remove_stale_temp_files,
    write_atomically,
)
from repo_lint.formatting import RuffFormatter, find_ruff
from repo_lint.parsing import Unparsable
from repo_lint.suppressions import Suppressor, code_matches
from repo_lint.syntax import BackgroundSyntaxCheck, cpython_rejections, syntax_errors
from repo_lint.workspace import SourceText, Workspace, is_within, split_lines, tracked

MAX_FIX_ROUNDS = 1000  # a safety net only: a chain of N copies settles in N rounds
PARALLEL_THRESHOLD = 150  # below this many uncached files, a process pool costs more than it saves
BACKGROUND_SYNTAX_THRESHOLD = 300  # a cold run over this many Python files parses them all in the background
_UNDECODABLE = "<undecodable>"


def _extract_job(job: tuple) -> Any:
    raw, extractor, args = job
    from repo_lint.workspace import decode

    try:
        text = decode(raw).text
    except (UnicodeDecodeError, AttributeError):
        return _UNDECODABLE
    return extract_guarded(extractor, text, args)


@dataclass(frozen=True)
class ExtractionFailed:
    """An extractor raised on one file: a bug of repo-lint's, reported for that file (RL006), never a crash."""

    extractor: str
    error: str


def extract_guarded(extractor: Callable[..., Any], text: str, args: tuple) -> Any:
    """`extractor(text, *args)`; an unexpected exception becomes that file's `ExtractionFailed` fact."""
    try:
        return extractor(text, *args)
    except Exception as error:  # noqa: BLE001 - reported as RL006 for the file, the run goes on
        return ExtractionFailed(f"{extractor.__module__}.{extractor.__qualname__}", f"{type(error).__name__}: {error}")


def progress_stream():
    """Where a progress bar goes: stderr when a person watches it (a terminal, not CI), else nowhere."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    stream = sys.stderr
    try:
        return stream if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError):  # replaced or closed stream
        return None


def with_progress(items, length: int, label: str) -> list:
    """`list(items)`, drawing a bar on `progress_stream()` while it fills; silent in pipes and CI."""
    stream = progress_stream()
    if stream is None:
        return list(items)
    import click

    with click.progressbar(items, length=length, label=label, file=stream, show_pos=True) as bar:
        return list(bar)


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


class RepoView:
    """What a check may use: settings, lazily read files, memoised facts and the batch formatter."""

    def __init__(
        self,
        config: Config,
        workspace: Workspace,
        cache: Cache | None = None,
        *,
        codes: set[str] | None = None,
        changed: frozenset[str] | None = None,
    ) -> None:
        self.config = config
        self.workspace = workspace
        self.root = workspace.root
        self.cache = cache if cache is not None else Cache(None, "")
        self._facts: dict[tuple, Any] = {}
        self._lines: dict[str, list[str]] = {}
        self._formatter: RuffFormatter | None = None
        self.background_syntax: BackgroundSyntaxCheck | None = None
        self._memo: dict[Any, Any] = {}
        self.codes = codes  # the codes this run reports (None: every code): a judge may skip what only others need
        self.changed = changed  # the changed set of --changed-since/--changed-files (None: the whole tree)
        self.unparsable: dict[str, Unparsable] = {}  # files an extractor found CPython cannot parse
        self.extraction_failures: dict[str, ExtractionFailed] = {}
        self.created: set[str] = set()  # files a fix creates (they did not exist when the run started)

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value computed once per run and shared by the checks that need it (an index of the package's
        classes is used by three families)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def settings(self, section: str) -> dict[str, Any]:
        return self.config.section(section)

    @property
    def formatter(self) -> RuffFormatter:
        if self._formatter is None:
            self._formatter = RuffFormatter(self.root, self.cache if self.cache.enabled else None)
        return self._formatter

    def python_files(self, under: str | None = None) -> list[str]:
        return self.workspace.python_files(under)

    def exists(self, path: str) -> bool:
        return self.workspace.exists(path)

    def text(self, path: str) -> str | None:
        return self.workspace.text(path)

    def lines(self, path: str) -> list[str]:
        if path not in self._lines:
            self._lines[path] = split_lines(self.text(path) or "")
        return self._lines[path]

    def contains(self, path: str, needle: str) -> bool:
        """Cheap prefilter on the raw bytes (read once per run, and not at all when an earlier run saw the
        same file content); an unreadable file is reported as RL002."""
        if path in self.workspace.modified:
            text = self.workspace.text(path)
            return text is not None and needle in text
        content = self.workspace.digest(path)
        if content is None:
            return False
        key = (path, "contains")
        hit, answers = self.cache.get_facts(key, content)
        if not hit:
            answers = {}
        if needle not in answers:
            raw = self.workspace.raw(path)
            answers = {**answers, needle: raw is not None and needle.encode() in raw}
            self.cache.put_facts(key, content, answers)
        return answers[needle]

    def facts(self, path: str, extractor: Callable[..., Any], *args: Any) -> Any:
        """`extractor(text, *args)` for the file, computed once per content; None if unreadable, if CPython
        cannot parse it (RL001) or if the extractor failed on it (RL006)."""
        key = (path, extractor.__module__, extractor.__qualname__, args)
        if key not in self._facts:
            content = self.workspace.digest(path)
            hit, value = self.cache.get_facts(key, content) if content else (False, None)
            if not hit:
                text = self.text(path)  # decoded only when the facts are not cached
                value = None if text is None else extract_guarded(extractor, text, args)
                if text is not None:
                    self.cache.put_facts(key, content, value)
            self._facts[key] = value
        return self._usable(path, self._facts[key])

    def _usable(self, path: str, value: Any) -> Any:
        """The facts a check sees: a file's parse or extraction failure is kept for the engine's findings."""
        if isinstance(value, Unparsable):
            self.unparsable.setdefault(path, value)
            return None
        if isinstance(value, ExtractionFailed):
            self.extraction_failures.setdefault(path, value)
            return None
        return value

    def prefetch(self, paths: list[str], extractor: Callable[..., Any], *args: Any) -> None:
        """Extract the facts of many files at once: in a process pool when enough are missing from the
        cache (cold runs), in-process otherwise. `facts()` then finds them memoised."""
        missing = []
        for path in paths:
            key = (path, extractor.__module__, extractor.__qualname__, args)
            if key in self._facts or path in self.workspace.modified:
                continue
            content = self.workspace.digest(path)
            hit, value = self.cache.get_facts(key, content) if content else (False, None)
            if hit:
                self._facts[key] = value
            elif content:
                missing.append((path, key, content))
        workers = min(os.cpu_count() or 1, 8)
        if len(missing) < PARALLEL_THRESHOLD or workers < 2:
            return  # facts() extracts them one by one
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        jobs = [(self.workspace.raw(path), extractor, args) for path, _, _ in missing]
        try:
            context = multiprocessing.get_context("fork") if os.name == "posix" else None
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                mapped = pool.map(_extract_job, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
                results = with_progress(mapped, len(jobs), f"repo-lint: reading {len(jobs)} files")
        except (OSError, RuntimeError):  # no process pool here: extract in-process instead
            return
        for (_, key, content), value in zip(missing, results, strict=True):
            if value is _UNDECODABLE:
                continue  # facts() reads it again and records RL002
            self._facts[key] = value
            self.cache.put_facts(key, content, value)

    def update(self, path: str, text: str) -> None:
        self.workspace.replace_text(path, text)
        self._lines.pop(path, None)
        for key in [k for k in self._facts if k[0] == path]:
            del self._facts[key]


@dataclass
class RunRequest:
    paths: tuple[str, ...] = ()
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fix: bool = False
    diff: bool = False
    cache_dir: Path | None = None  # None: no on-disk cache
    changed: frozenset[str] | None = None  # --changed-since: report only these files and what depends on them
    use_baseline: bool = True  # False for --write-baseline: every finding, and the entries of each in `baseline`


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


def run(config: Config, request: RunRequest) -> RunResult:
    rules = all_rules()
    select = request.select if request.select is not None else list(config["select"])
    select = select + list(config["extend-select"]) + list(request.extend_select)
    codes = selected_codes(rules, select, list(config["ignore"]) + list(request.ignore))
    # The engine's own findings (a file that does not parse or cannot be read, a bad suppression) are
    # reported whatever the selection, unless ignored: otherwise `select = ["CPY"]` skips files silently.
    codes |= selected_codes({r.code: r for r in core_rules.RULES}, [], list(config["ignore"]) + list(request.ignore))
    notes = [config.preset_note] if config.preset_note else []
    limited = changed_only_codes(config, request, codes)
    if request.changed is None and limited:  # a full run: those rules are not reported at all
        codes -= limited
        notes.append(
            f"{', '.join(sorted(limited))} appl{'ies' if len(limited) == 1 else 'y'} to changed files "
            f"only: use --changed-since (or name {'it' if len(limited) == 1 else 'them'} in --select)"
        )
    baseline = None
    if request.use_baseline and config["baseline"]:
        baseline = baselines.load(config.root, config["baseline"])
    workspace, cache = open_workspace(config, request.cache_dir)
    warnings = [cache.disabled_reason] if cache.disabled_reason else []
    if request.fix:
        leftovers = [p for p in workspace.listed if is_temp_name(p.rsplit("/", 1)[-1])]
        leftovers = sorted(set(leftovers) - tracked(config.root, leftovers))  # a committed one is not ours
        removed = remove_stale_temp_files(config.root, leftovers)
        if removed:
            notes.append(f"removed {len(removed)} temporary file(s) an interrupted `--fix` left: {', '.join(removed)}")
    run_key = signature = None
    if cache.enabled and not (request.fix or request.diff or not request.use_baseline):
        run_key = repr(
            (
                sorted(codes),
                request.paths,
                None if request.changed is None else sorted(request.changed),
                sorted(limited),
                baselines.digest_of(config.root / config["baseline"]) if baseline else None,
            )
        )
        signature = (_ruff_version(), workspace.stat_signature(), search_path_signature())
        cached = cache.get_run(run_key, signature)
        if cached is not None:  # nothing changed since a run that asked the same: reuse its answer
            return RunResult(cached, [], {}, notes, [], rules, warnings=warnings)
    repo = repo_view(config, workspace, cache, codes=codes, changed=request.changed)
    checks = [c for c in all_checks() if any(code.startswith(c.FAMILY) for code in codes)]
    if not cache.warm() and len(workspace.python_files()) >= BACKGROUND_SYNTAX_THRESHOLD:
        try:
            repo.background_syntax = BackgroundSyntaxCheck(repo)
        except OSError:
            repo.background_syntax = None

    suppressor = Suppressor(
        known_codes=set(rules), active_families=codes, per_file_ignores=dict(config["per-file-ignores"])
    )
    for path in workspace.python_files():
        if repo.contains(path, "repo-lint:"):
            suppressor.add_file(path, repo.text(path))

    def in_scope(code: str, path: str) -> bool:
        """Whether this run reports `code` findings in `path` (what a stale baseline entry is judged by)."""
        changed_ok = request.changed is None or path in request.changed
        return (
            code in codes
            and core_rules.STALE_BASELINE_ENTRY.code in codes
            and _in_paths(path, request.paths)
            and changed_ok
        )

    def visible(found: list[Diagnostic]) -> list[Diagnostic]:
        kept = [d for d in found if d.code in codes and _in_paths(d.path, request.paths)]
        # Suppressions see every finding first, so a used one in a file out of the changed set is not "unused".
        kept = suppressor.filter(kept)
        kept = [d for d in kept if d.code in codes and _in_paths(d.path, request.paths)]
        if request.changed is not None:
            kept = [
                d
                for d in kept
                if _depends_on(d, rules[d.code].depends_on, request.changed)
                and (d.code not in limited or d.path in request.changed)
            ]
        if baseline is not None:
            kept = baselines.apply(baseline, kept, repo.lines, in_scope)
        return sorted(kept, key=Diagnostic.sort_key)

    def judge_all() -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for check in checks:
            found.extend(judge_of(check)(repo))
        found.extend(_engine_findings(repo))
        return visible(found)

    diagnostics = judge_all()
    fixed: list[Diagnostic] = []
    originals: dict[str, str] = {}
    failures: list[str] = []
    if request.fix or request.diff:
        # Each round fixes what is drifted now; a copy of a copy drifts once its source is fixed, so a chain
        # of any depth settles in as many rounds. A state seen before means fixes undo each other.
        seen: set[tuple] = set()
        for _ in range(MAX_FIX_ROUNDS):
            applied = _apply_round(repo, diagnostics, originals)
            if not applied:
                break
            fixed.extend(applied)
            state = tuple((path, repo.workspace.digests.get(path)) for path in sorted(originals))  # set by update
            if state in seen:  # nothing is written: which of the disagreeing fixes is right is for a person
                failures.append("fixes undo each other (copies that disagree): none of the fixes was written")
                for path, text in originals.items():
                    repo.update(path, text)
                fixed = []
                diagnostics = judge_all()
                break
            seen.add(state)
            diagnostics = judge_all()
        else:
            if any(d.fix for d in diagnostics):
                failures.append(f"fixes did not settle after {MAX_FIX_ROUNDS} rounds")
        changes = {p: (old, repo.text(p) or "") for p, old in originals.items() if old != repo.text(p)}
        from repo_lint import name_guard  # here: a run without fixes never loads it

        guarded = name_guard.guard(repo.root, changes, name_guard.source_hints(fixed), repo.text)
        for path, text in guarded.texts.items():  # the fixes plus the imports they need
            if text != changes[path][1]:
                repo.update(path, text)
                changes[path] = (changes[path][0], text)
        failures.extend(
            f"{path}: fix not written: {refusal.reason()}" for path, refusal in sorted(guarded.refused.items())
        )
        failed = sorted(guarded.refused)
        if request.fix:
            failed += _write_changes(repo, {p: c for p, c in changes.items() if p not in guarded.refused}, failures)
        if failed:
            for path in failed:
                repo.update(path, changes.pop(path)[0])
            fixed = [d for d in fixed if d.path not in failed]  # not written: not fixed
            diagnostics = judge_all()
            for diagnostic in diagnostics:  # its fix was refused: not offered as one (nor counted as fixable)
                if diagnostic.path in failed:
                    diagnostic.fix = None
    else:
        changes = {}
    if repo.background_syntax is not None:
        repo.background_syntax.stop()
    if run_key is not None:
        cache.put_run(run_key, signature, diagnostics)
    if cache.enabled:
        cache.put_digests(workspace.digest_table())
    cache.save(set(workspace.files))
    entries = None if request.use_baseline else baselines.entries_for(diagnostics, repo.lines)
    return RunResult(diagnostics, fixed, changes, notes, failures, rules, entries, warnings)


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


def repo_view(config: Config, workspace: Workspace, cache: Cache, **options: Any) -> RepoView:
    """What the checks see, with the file digests the cache already knows (loading them reads the fact
    cache, which is why a run answered from the run cache never gets here)."""
    if cache.enabled:
        if not workspace.stats:
            workspace.stat_signature()
        workspace.known_digests = cache.known_digests()
    return RepoView(config, workspace, cache, **options)


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


def _ruff_version() -> str:
    """What identifies the ruff in use, cheaply: its binary's size and modification time."""
    try:
        info = os.stat(find_ruff())
        return f"{info.st_size}-{info.st_mtime_ns}"
    except Exception:  # noqa: BLE001 - only keys the cache
        return "unknown"


def _depends_on(diagnostic: Diagnostic, depends_on: tuple[str, ...], changed: frozenset[str]) -> bool:
    """Whether a finding concerns a changed file: its own file, a file its rule's `depends_on` names through
    the finding's data (the source of a copy, a dummy file), or, for INIT_FOLDER, a module of the folder whose
    `__init__.py` it is in."""
    related = {diagnostic.path}
    for key in depends_on:
        value = diagnostic.data.get(key)
        if isinstance(value, str):
            related.add(value)
    if related & changed:
        return True
    if INIT_FOLDER in depends_on and diagnostic.path.endswith("__init__.py"):
        folder = diagnostic.path.rsplit("/", 1)[0] + "/" if "/" in diagnostic.path else ""
        return any(path.startswith(folder) and "/" not in path[len(folder) :] for path in changed)
    return False


def _apply_round(repo: RepoView, diagnostics: list[Diagnostic], originals: dict[str, str]) -> list[Diagnostic]:
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


def _write_changes(repo: RepoView, changes: dict[str, tuple[str, str]], failures: list[str]) -> list[str]:
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


def _in_paths(path: str, paths: tuple[str, ...]) -> bool:
    if not paths:
        return True
    return any(path == p or path.startswith(p.rstrip("/") + "/") or p in ("", ".") for p in paths)


def _engine_findings(repo: RepoView) -> list[Diagnostic]:
    """RL001 for files the checks read that do not parse, RL002 for files that could not be read."""
    found = [
        Diagnostic(core_rules.READ_ERROR.code, path, 1, 1, message)
        for path, message in sorted(repo.workspace.read_errors.items())
    ]
    found += [
        Diagnostic(core_rules.OUTSIDE_ROOT.code, path, 1, 1, message)
        for path, message in sorted(repo.workspace.outside.items())
    ]
    read_python = sorted(p for p, d in repo.workspace.digests.items() if p.endswith(".py") and d is not None)
    ruff_errors = syntax_errors(repo, read_python)
    for path, (line, column, message) in ruff_errors.items():
        found.append(Diagnostic(core_rules.PARSE_ERROR.code, path, line, column, f"syntax error: {message}"))
    cpython_rejections(repo, read_python, ruff_errors)
    for path, verdict in sorted(repo.unparsable.items()):  # ruff accepts what CPython rejects (`type X = ...`)
        if path not in ruff_errors and path not in repo.workspace.modified:
            found.append(
                Diagnostic(
                    core_rules.PARSE_ERROR.code,
                    path,
                    verdict.line,
                    verdict.column,
                    f"syntax error (Python {sys.version_info.major}.{sys.version_info.minor}): "
                    f"{verdict.message}; the checks that parse it skipped it",
                )
            )
    for path, failure in sorted(repo.extraction_failures.items()):
        found.append(
            Diagnostic(
                core_rules.EXTRACTION_FAILED.code,
                path,
                1,
                1,
                f"repo-lint could not read this file's facts ({failure.extractor}: {failure.error}); "
                "the checks that need them skipped it",
            )
        )
    return found
