"""A family's verdict reused by the next run when nothing it read has changed (the touch case of pre-commit).

While a family judges, `RepoView` notes what it reads (`Reads`): the content of files (`text`, `lines`,
`exists`, `digest`), the facts of files (`facts`) and prefilter answers (`contains`); the file list is read by
every family. The verdict is stored with, for every file read, its content digest then, and for facts and
answers their values (facts as a digest of their encoded form). The next run asking the same of the family
reuses the verdict when the file list is the same and every file read either has the same content or, when
the family read only its facts and answers, has facts and answers that are still the same (a comment added to
a model file leaves its class facts as they were: the families that read only those are not judged again).

Only a run that judges the files as they are on disk uses or stores verdicts: not a `--changed-since` run
(what is changed decides what some families read), not one that asks for records, not a fix round after the
first. What the verdict depends on besides the files is its key: the family, the codes the run reports, the
ruff in use and its configuration, the search path (as the run cache has it), the year, and the cache namespace
(repo-lint's code and the configuration). A verdict is not reused while a file it read cannot be read; what
reading left for the engine's own findings (a file that does not parse or decode) is left again when it is.
"""

from __future__ import annotations

import datetime
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from repo_lint.cache import digest

if TYPE_CHECKING:
    from repo_lint.diagnostics import Diagnostic
    from repo_lint.repo_view import RepoView

VERDICT_VERSION = 1


@dataclass
class Reads:
    """What one judge read (or a memoised value's computation, merged into each judge that uses it)."""

    texts: set[str] = field(default_factory=set)  # files whose content was read
    facts: set[tuple] = field(default_factory=set)  # (path, module, qualname, arguments)
    answers: dict[tuple[str, str], bool] = field(default_factory=dict)  # (path, needle) -> contains()
    volatile: bool = False  # what was judged depends on more than the files (ruff could not run): not kept

    def merge(self, other: Reads) -> None:
        self.texts |= other.texts
        self.facts |= other.facts
        self.answers.update(other.answers)
        self.volatile = self.volatile or other.volatile

    def paths(self) -> set[str]:
        """Every file read, whatever was read of it."""
        return self.texts | {key[0] for key in self.facts} | {path for path, _ in self.answers}


def listing_digest(files: list[str]) -> str:
    return digest("\n".join(sorted(files)).encode("utf-8", "surrogatepass"))


def verdict_key(family: str, codes: set[str] | None, ruff: str, search_path: tuple) -> str:
    """What a family's verdict depends on besides the files it reads (and the cache namespace: repo-lint's
    code and the configuration). The year: a new model folder's generated init carries it (INI007's fix)."""
    codes_key = sorted(codes) if codes is not None else None
    return repr((VERDICT_VERSION, family, codes_key, ruff, search_path, datetime.date.today().year))


def _resolve(module: str, qualname: str) -> Callable[..., Any] | None:
    """The extractor a fact key names (None when it is no longer there: the verdict is then stale). Only one of
    repo-lint's own modules is ever imported: a cache file is data, whatever module it names."""
    if type(module) is not str or type(qualname) is not str or not module.startswith("repo_lint."):
        return None
    try:
        target: Any = importlib.import_module(module)
        for part in qualname.split("."):
            target = getattr(target, part)
    except (ImportError, AttributeError):
        return None
    return target if callable(target) else None


class Verdicts:
    """The stored verdicts one run uses and writes (through the run's `Cache`)."""

    def __init__(self, repo: RepoView, codes: set[str] | None, ruff: str, search_path: tuple) -> None:
        self.repo = repo
        self.codes, self.ruff, self.search_path = codes, ruff, search_path
        self.listing = listing_digest(repo.workspace.files)
        self.reused: list[str] = []
        self.judged: list[str] = []

    def usable(self) -> bool:
        """Verdicts are used and stored only while every file is as on disk (before any fix is applied)."""
        return self.repo.cache.enabled and not self.repo.workspace.modified

    def judge(self, family: str, judge: Callable[[], Callable[[RepoView], list[Diagnostic]]]) -> list[Diagnostic]:
        """The family's findings: its stored verdict when still valid, else `judge()(repo)` (tracked and stored).
        `judge` imports the family's judge only when it is called: a reused verdict imports nothing."""
        if not self.usable():
            return judge()(self.repo)
        key = verdict_key(family, self.codes, self.ruff, self.search_path)
        stored = self.repo.cache.get_verdict(key)
        if stored is not None:
            found = self._valid(stored)
            if found is not None:
                self.reused.append(family)
                return found
        function = judge()
        with self.repo.tracking() as reads:
            found = function(self.repo)
        self.judged.append(family)
        if not self.repo.workspace.modified and not reads.volatile:
            read = reads.paths()
            side_effects = {
                name: {path: value for path, value in now.items() if path in read}
                for name, now in self._side_effects().items()
            }
            payload = self._payload(reads, read)
            if payload is not None:
                self.repo.cache.put_verdict(key, [self.listing, found, side_effects, payload])
        return found

    def _side_effects(self) -> dict[str, dict[str, Any]]:
        """What reading files leaves for the engine's own findings (RL001, RL002, RL005, RL006): a verdict keeps
        it for every file its judge read, and a reused one leaves it again, since nobody reads them this time."""
        repo = self.repo
        return {
            "unparsable": repo.unparsable,
            "failures": repo.extraction_failures,
            "read_errors": repo.workspace.read_errors,
            "outside": repo.workspace.outside,
        }

    def _content(self, path: str) -> str | None:
        """A file's content digest now; None for a path that is not one of the repository's files."""
        workspace = self.repo.workspace
        return workspace.digest(path) if workspace.is_listed(path) else None

    # -- storing ----------------------------------------------------------------------------------------
    def _payload(self, reads: Reads, read: set[str]) -> str | None:
        """What the judge read, as JSON text: `[extractors, needles, paths, content digests, text read?, details]`,
        the details of a path being `<extractor>:<value digest>,...;<needle>:<answer>,...` (indexes into the
        two lists; read only for a file that changed); None when some facts cannot be digested."""
        cache = self.repo.cache
        paths = list(read)
        contents = [self._content(path) for path in paths]
        content_of = dict(zip(paths, contents, strict=True))
        extractors: dict[tuple, int] = {}
        needles: dict[str, int] = {}
        facts: dict[str, list[str]] = {}
        for key in reads.facts:
            path = key[0]
            content = content_of[path]
            if content is None:
                continue  # no content, no facts: the file's digest (None) is what the verdict depends on
            value_digest = cache.fact_value_digest(key, content)
            if value_digest is None:
                return None
            index = extractors.setdefault(key[1:], len(extractors))
            facts.setdefault(path, []).append(f"{index}:{value_digest}")
        answers: dict[str, list[str]] = {}
        for (path, needle), answer in reads.answers.items():
            index = needles.setdefault(needle, len(needles))
            answers.setdefault(path, []).append(f"{index}:{int(answer)}")
        flags = [1 if path in reads.texts else 0 for path in paths]
        details = [f"{','.join(facts.get(path, ()))};{','.join(answers.get(path, ()))}" for path in paths]
        try:
            names = [[module, qualname, list(arguments)] for module, qualname, arguments in extractors]
            return json.dumps([names, list(needles), paths, contents, flags, details], separators=(",", ":"))
        except (TypeError, ValueError):
            return None  # arguments JSON cannot carry: judged again next time

    # -- reusing ----------------------------------------------------------------------------------------
    def _valid(self, stored: Any) -> list[Diagnostic] | None:
        """The stored findings when nothing the verdict depends on changed (None: judge again)."""
        try:
            listing, found, side_effects, payload = stored
            if listing != self.listing or type(found) is not list:
                return None
            extractors, needles, paths, contents, flags, details = json.loads(payload)
            workspace = self.repo.workspace
            now = [self._content(path) for path in paths]
            if None in now and any(d is None and workspace.is_listed(p) for p, d in zip(paths, now, strict=True)):
                return None  # a file that cannot be read now: judged again
            if now != contents:
                for index in [i for i, (a, b) in enumerate(zip(now, contents, strict=True)) if a != b]:
                    path = paths[index]
                    if now[index] is None or flags[index]:
                        return None  # unreadable or gone (the file list says which), or its text was read
                    facts, _, answers = details[index].partition(";")
                    if not self._same_facts(path, now[index], facts, answers, extractors, needles):
                        return None
            targets = self._side_effects()
            replayed = [(targets[name], dict(side_effects[name])) for name in targets]
        except (ValueError, TypeError, KeyError, IndexError):
            return None  # not the shape this version writes: judged again
        for target, entries in replayed:
            for path, value in entries.items():
                target.setdefault(path, value)
        return found

    def _same_facts(self, path: str, content: str, facts: str, answers: str, extractors: list, needles: list) -> bool:
        """Whether a changed file still has the facts and prefilter answers the judge read of it."""
        for item in answers.split(",") if answers else ():
            index, answer = item.split(":")
            if self.repo.contains(path, needles[int(index)]) != (answer == "1"):
                return False
        for item in facts.split(",") if facts else ():
            index, value_digest = item.split(":")
            module, qualname, arguments = extractors[int(index)]
            extractor = _resolve(module, qualname)
            if extractor is None:
                return False
            args = _arguments(arguments)
            self.repo.facts(path, extractor, *args)
            if self.repo.cache.fact_value_digest((path, module, qualname, args), content) != value_digest:
                return False
        return True


def _arguments(value: Any) -> tuple:
    """Arguments as the extractor got them: JSON arrays back to tuples (the only containers facts keys hold)."""
    if type(value) is list:
        return tuple(_arguments(item) for item in value)
    return value
