"""What a check may use: the settings, the repository's files read lazily, facts extracted by pure functions
and memoised by content (in a process pool on cold runs), and the batch formatter."""

from __future__ import annotations

import bisect
import os
import posixpath
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from repo_lint.cache import Cache
from repo_lint.config import Config
from repo_lint.formatting import RuffFormatter
from repo_lint.parsing import Unparsable
from repo_lint.progress import with_progress
from repo_lint.verdicts import Reads
from repo_lint.workspace import Workspace, split_lines

if TYPE_CHECKING:
    from repo_lint.syntax import BackgroundSyntaxCheck

PARALLEL_THRESHOLD = 150  # below this many uncached files, a process pool costs more than it saves
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
        changed_base: str | None = None,
        wanted_records: frozenset[str] = frozenset(),
    ) -> None:
        self.config = config
        self.workspace = workspace
        self._sorted_files: list[str] | None = None
        self._files_below: dict[tuple[str, str], list[str]] = {}
        self.root = workspace.root
        self.cache = cache if cache is not None else Cache(None, "")
        self._facts: dict[tuple, Any] = {}
        self._lines: dict[str, list[str]] = {}
        self._formatter: RuffFormatter | None = None
        self.background_syntax: BackgroundSyntaxCheck | None = None
        self._memo: dict[Any, Any] = {}
        self.codes = codes  # the codes this run reports (None: every code): a judge may skip what only others need
        self.changed = changed  # the changed set of --changed-since/--changed-files (None: the whole tree)
        self.changed_base = changed_base  # the commit the changed files are compared with (None: unknown)
        self.unparsable: dict[str, Unparsable] = {}  # files an extractor found CPython cannot parse
        self.extraction_failures: dict[str, ExtractionFailed] = {}
        self.created: set[str] = set()  # files a fix creates (they did not exist when the run started)
        self.wanted_records = wanted_records  # what the caller of the run asked the judges to record
        self.records: dict[str, Any] = {}
        self._reads: Reads | None = None  # what the judge now running reads (`tracking`)

    @contextmanager
    def tracking(self) -> Iterator[Reads]:
        """Note what is read inside the block (`repo_lint.verdicts`); an enclosing block sees it too."""
        outer, self._reads = self._reads, Reads()
        try:
            yield self._reads
        finally:
            inner, self._reads = self._reads, outer
            if outer is not None:
                outer.merge(inner)

    def volatile(self) -> None:
        """Say that what the running judge found depends on more than the files (a tool that could not run):
        its verdict is not kept for the next run."""
        if self._reads is not None:
            self._reads.volatile = True

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """A value computed once per run and shared by the checks that need it (an index of the package's
        classes is used by three families)."""
        if key not in self._memo:
            with self.tracking() as reads:
                value = compute()
            self._memo[key] = (value, reads)
        elif self._reads is not None:  # a later judge uses the value: it depends on what computing it read
            self._reads.merge(self._memo[key][1])
        return self._memo[key][0]

    def reports(self, *codes: str) -> bool:
        """Whether this run reports any of `codes`: a judge skips the work only other codes need (a run of
        `--select AUT001` reads the mappings, not the class index the other mapping rules compare them with)."""
        return self.codes is None or any(code in self.codes for code in codes)

    def wants(self, record: str) -> bool:
        """Whether the run's caller asked for `record` (the copy edges `repo-lint graph` draws): a judge makes
        one only then, since a plain `check` never reads it."""
        return record in self.wanted_records

    def record(self, name: str, value: Any) -> None:
        """Leave `value` for the run's caller (`RunResult.records`); a later fix round replaces it."""
        self.records[name] = value

    def settings(self, section: str) -> dict[str, Any]:
        return self.config.section(section)

    @property
    def formatter(self) -> RuffFormatter:
        if self._formatter is None:
            self._formatter = RuffFormatter(
                self.root, self.cache if self.cache.enabled else None, on_unavailable=self.volatile
            )
        return self._formatter

    def python_files(self, under: str | None = None) -> list[str]:
        """The Python files below the folder `under` (every one for None or `.`; `exclude` applied)."""
        folder = posixpath.normpath(under) if under else "."  # `.` and `./src/` name folders too
        return self._matching("" if folder == "." else folder + "/", ".py")

    def files(self, under: str, suffix: str = "") -> list[str]:
        """The files below the folder `under` whose names end with `suffix` (`exclude` applied)."""
        return self._matching(posixpath.normpath(under) + "/", suffix)

    def _matching(self, prefix: str, suffix: str) -> list[str]:
        """The files whose path starts with `prefix` and ends with `suffix`, in order. Memoised, found by a
        binary search over the sorted list: the workspace's file list does not change during a run (a file
        a fix creates is a modified text)."""
        found = self._files_below.get((prefix, suffix))
        if found is None:
            found = [path for path in self._below(prefix) if path.endswith(suffix)]
            self._files_below[(prefix, suffix)] = found
        return list(found)

    def _below(self, prefix: str) -> list[str]:
        """The files whose path starts with `prefix` (all of them for "")."""
        if self._sorted_files is None:
            self._sorted_files = sorted(self.workspace.files)
        files = self._sorted_files
        start = bisect.bisect_left(files, prefix)
        end = bisect.bisect_left(files, prefix[:-1] + chr(ord(prefix[-1]) + 1)) if prefix else len(files)
        return files[start:end]

    def is_folder(self, path: str) -> bool:
        """Whether some file of the repository lies below `path`."""
        return bool(self._below(posixpath.normpath(path) + "/"))

    def _content_read(self, path: str) -> None:
        """Note that the judge now running depends on the file's content (`tracking`)."""
        if self._reads is not None:
            self._reads.texts.add(path)

    def exists(self, path: str) -> bool:
        if not self.workspace.is_listed(path):
            self._content_read(path)  # a listed file's existence is the file list's, which every verdict keeps
        return self.workspace.exists(path)

    def text(self, path: str) -> str | None:
        self._content_read(path)
        return self.workspace.text(path)

    def digest(self, path: str) -> str | None:
        """The file's content digest (what a judge keys its own cached results by)."""
        self._content_read(path)
        return self.workspace.digest(path)

    def lines(self, path: str) -> list[str]:
        self._content_read(path)
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
        answer = False if content is None else self._contains(path, needle, content)
        if self._reads is not None:
            self._reads.answers[(path, needle)] = answer
        return answer

    def _contains(self, path: str, needle: str, content: str) -> bool:
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
        if self._reads is not None:
            self._reads.facts.add(key)
        if key not in self._facts:
            content = self.workspace.digest(path)
            hit, value = self.cache.get_facts(key, content) if content else (False, None)
            if not hit:
                text = self.workspace.text(path)  # decoded only when the facts are not cached
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


def open_repo_view(config: Config, workspace: Workspace, cache: Cache, **options: Any) -> RepoView:
    """What the checks see, with the file digests the cache already knows (loading them reads the fact
    cache, which is why a run answered from the run cache never gets here)."""
    if cache.enabled:
        if not workspace.stats:
            workspace.stat_signature()
        workspace.known_digests = cache.known_digests()
    return RepoView(config, workspace, cache, **options)
