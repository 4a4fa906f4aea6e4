"""Running the converter over the repository's modular files, the way MOD001/MOD004 need it.

A conversion is cached by the content of the files it read (the modular file and the auto configuration
modules whole; of a parent module, the definitions it used, see segments.py) and by the ruff version and
configuration that formatted it; the cache keeps the digest of each generated text, not the text, so a warm run
on a clean tree runs no converter (it only compares digests, and cuts an edited parent into segments with
`ast`). A conversion whose parents changed only inside definitions it copied whole is patched instead of made
again (patching.py): its texts before ruff are kept for that, apart from the shared entries, as the facts of
the modular file (`_keep_copies`), read only by a run that patches.
The conversions a run needs are made in a process pool when there are many (the same parents come back
for many modular files: each worker keeps the ones it parsed), and their outputs are formatted with ONE `ruff
check --fix` and ONE `ruff format` call, in a scratch copy of the repository's layout so that the ruff
configuration (per-file ignores, first-party packages) applies as in the repository. A file the converter must
not be given (one CPython cannot parse, or too big for libcst, whose parser can overflow its stack or take
minutes on hostile input) is a reason, never a crash.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from repo_lint.checks.modular.convert import Unsupported, convert_modular
from repo_lint.checks.modular.copied import copy_transformer
from repo_lint.checks.modular.parent_module import parsed
from repo_lint.checks.modular.parent_view import parent_module
from repo_lint.checks.modular.patching import Copies, Span, new_texts, patched
from repo_lint.checks.modular.segments import parent_segments

from repo_lint.cache import digest
from repo_lint.formatting import FormatterUnavailable, find_ruff, find_ruff_config
from repo_lint.parsing import PARSE_FAILURES
from repo_lint.progress import with_progress

CACHE_KIND = "modular-conversion"
PARALLEL_THRESHOLD = 8  # below this many conversions, a process pool costs more than it saves
MAX_SOURCE_BYTES = 2_000_000  # the largest modeling file of transformers 5.23.0 is about 250 KB
MAX_LINE_CHARACTERS = 5_000  # libcst's parser is quadratic in the length of one expression


@dataclass
class Conversion:
    """What one modular file produces: generated path -> digest of its formatted text (and the texts, when this
    run computed them), or why it cannot be converted."""

    modular: str
    reads: dict[str, str | None]  # every file the conversion read -> its digest (None: it did not exist)
    outputs: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] | None = None
    unsupported: str | None = None
    # parent module -> what the conversion used of it (`segments.ParentSegments.view`): a parent edited
    # elsewhere leaves the conversion valid
    parts: dict[str, list] = field(default_factory=dict)
    transient: bool = False  # not to be cached (see _Raw.transient)
    refreshed: bool = False  # found in the cache with a parent whose digest changed but whose used parts did not
    before_ruff: dict[str, str] | None = None  # the converter's texts, when this run made or patched them
    copies: Copies | None = None  # what it copied whole from its parents (patching.py)

    def encoded(self, stale: list[str]) -> dict:
        """What the cache keeps: digests, and the texts of the `stale` generated files only (a finding needs
        its expected text; keeping every text would make the cache as big as the generated files)."""
        texts = {path: self.texts[path] for path in stale if self.texts and path in self.texts}
        return {
            "reads": self.reads,
            "outputs": self.outputs,
            "unsupported": self.unsupported,
            "parts": self.parts,
            "texts": texts,
        }


@dataclass
class _Raw:
    """A conversion before ruff: the converter's texts, or why there are none, and what it read."""

    modular: str
    read: tuple[str, ...]
    texts: dict[str, str] = field(default_factory=dict)
    unsupported: str | None = None
    used: dict[str, set[str]] = field(default_factory=dict)  # parent module -> names of the definitions used
    transient: bool = False  # a failure of this run's machinery (a worker died), not of the files: not cached
    copies: Copies | None = None


def text_digest(text: str) -> str:
    """The digest a file holding exactly `text` (UTF-8, `\\n` line endings) has in the workspace."""
    return digest(text.encode("utf-8", "surrogatepass"))


def conversions(repo, modulars: list[str], parents_of: Callable[[str], tuple[str, ...]] = lambda path: ()) -> dict:
    """The conversion of each modular file: from the cache when nothing it used has changed, else made now; the
    expected texts of the generated files that differ are always there. `parents_of(modular)`: the parent
    modules a conversion may read, whose segments are cut while the process pool converts."""
    identity = _identity(repo)
    found: dict[str, Conversion] = {}
    missing, patched = [], []
    for path in modulars:
        hit, entry = repo.cache.get_shared((CACHE_KIND, identity, path))
        entry = entry if hit and type(entry) is dict else {}
        current, changed = _compared(repo, entry)
        cached = _cached(path, entry, current) if changed == {} else None
        if cached is None:
            raw = _patched(repo, path, entry, changed) if changed else None
            (missing if raw is None else patched).append(raw or path)
            continue
        if any(generated not in (cached.texts or {}) for generated in stale_outputs(repo, cached)):
            missing.append(path)  # a finding needs the expected text, which the cache did not keep
            continue
        found[path] = cached
        if cached.refreshed:  # valid with a parent edited elsewhere: keep its new digest for the next run
            repo.cache.put_shared((CACHE_KIND, identity, path), cached.encoded(list(cached.texts or ())))
    for conversion in convert_now(repo, missing, parents_of, patched):
        found[conversion.modular] = conversion
        if conversion.transient:
            repo.volatile()  # the next run converts it again: its verdict is not kept either
        else:
            entry = conversion.encoded(stale_outputs(repo, conversion))
            repo.cache.put_shared((CACHE_KIND, identity, conversion.modular), entry)
            _keep_copies(repo, conversion, entry)
    return found


def stale_outputs(repo, conversion: Conversion) -> list[str]:
    """The generated files of a conversion whose content is not the expected one (by digest)."""
    return [
        generated
        for generated, expected_digest in sorted(conversion.outputs.items())
        if not repo.exists(generated) or repo.digest(generated) != expected_digest
    ]


def convert_now(
    repo,
    modulars: list[str],
    parents_of: Callable[[str], tuple[str, ...]] = lambda path: (),
    patched: list[_Raw] = (),
) -> list:
    """Convert and format `modulars` in this run (no cache lookup), and format the `patched` conversions with
    them; the texts are kept."""
    if not modulars and not patched:
        return []

    def cut_parents() -> None:
        for parent in sorted({parent for path in modulars for parent in parents_of(path)}):
            repo.facts(parent, parent_segments)

    raws = [*_convert_all(repo, modulars, cut_parents), *patched] if modulars else list(patched)
    formatted = _format(repo, [raw for raw in raws if raw.unsupported is None])
    result = []
    for raw in raws:
        reads = {path: repo.digest(path) if repo.exists(path) else None for path in raw.read}
        conversion = Conversion(raw.modular, reads, unsupported=raw.unsupported, transient=raw.transient)
        for parent, names in raw.used.items():
            segments = repo.facts(parent, parent_segments) if reads.get(parent) else None
            if segments is not None:
                conversion.parts[parent] = segments.view(names)
        if raw.unsupported is None:
            texts = formatted.get(raw.modular)
            if isinstance(texts, str):  # ruff could not format them: said for this file, and not cached
                conversion.unsupported, conversion.transient = texts, True
            else:
                conversion.texts = texts
                conversion.outputs = {path: text_digest(text) for path, text in texts.items()}
                conversion.before_ruff, conversion.copies = raw.texts, raw.copies
        result.append(conversion)
    return result


def _identity(repo) -> str:
    try:
        return repo.formatter.identity()
    except FormatterUnavailable:
        return "no ruff"


def _compared(repo, entry: dict) -> tuple[dict[str, str | None], dict[str, list[str]] | None]:
    """What changed since a cached conversion: the current digest of every file it read, and, per parent module,
    the names of the definitions whose segments changed (`{}`: nothing it used changed, though a parent may
    have been edited elsewhere). None instead of the names when something else changed: a file read whole, the
    imports, other statements or names of a parent, an answer to one of its questions, the order of the
    definitions it used."""
    reads, parts = entry.get("reads") or {}, entry.get("parts") or {}
    current: dict[str, str | None] = {}
    changed: dict[str, list[str]] = {}
    for read, expected in reads.items():
        current[read] = repo.digest(read) if repo.exists(read) else None
        if current[read] == expected:
            continue
        if read not in parts or current[read] is None:
            return current, None
        segments = repo.facts(read, parent_segments)
        before = parts[read]
        now = segments.view([name for name, _ in before]) if segments is not None else None
        if now == before:
            continue  # edited elsewhere
        if now is None or [name for name, _ in now] != [name for name, _ in before]:
            return current, None
        differing = [old[0] for old, new in zip(before, now, strict=True) if old != new]
        if any(name.startswith("<") for name in differing):
            return current, None  # not a definition (segments: IMPORTS, OTHER, NAMES and the questions' keys)
        changed[read] = differing
    return current, changed


def _cached(path: str, entry: dict, current: dict[str, str | None]) -> Conversion | None:
    """The cached conversion, still valid: nothing it used changed (`current`: the digests of what it read)."""
    reads, parts = entry.get("reads") or {}, entry.get("parts") or {}
    if path not in reads:
        return None
    outputs = dict(entry.get("outputs") or {})
    texts = dict(entry.get("texts") or {}) or None
    return Conversion(path, current, outputs, texts, entry.get("unsupported"), dict(parts), refreshed=current != reads)


# -- patching ---------------------------------------------------------------------------------------------------

_COPIES_KEY = ("copies",)  # (modular path, module, this key, ()): the facts of the conversion's copies


def _copies_key(path: str) -> tuple:
    return (path, __name__, *_COPIES_KEY, ())


def _basis(entry: dict) -> str:
    """A digest of what a cached conversion was made from, but for the digests of its parent modules, which a
    refreshed entry updates (their used parts are what counts)."""
    reads, parts = entry.get("reads") or {}, entry.get("parts") or {}
    own = sorted((path, content) for path, content in reads.items() if path not in parts)
    return digest(json.dumps([own, parts], sort_keys=True).encode("utf-8", "surrogatepass"))


def _keep_copies(repo, conversion: Conversion, entry: dict) -> None:
    """Keep the texts before ruff and the spans of a conversion that copied parent definitions whole, by the
    basis of its cache entry, apart from the shared entries (loaded only when a run patches)."""
    copies = conversion.copies
    if conversion.before_ruff is None or copies is None or not any(copies.spans.values()):
        return
    spans = {
        generated: [[span.parent, span.name, span.start, span.end] for span in listed]
        for generated, listed in copies.spans.items()
    }
    value = {
        "texts": conversion.before_ruff,
        "spans": spans,
        "shapes": copies.shapes,
        "skeletons": copies.skeletons,
        "renamed": copies.renamed_as,
    }
    repo.cache.put_facts(_copies_key(conversion.modular), _basis(entry), value)


def _patched(repo, path: str, entry: dict, changed: dict[str, list[str]]) -> _Raw | None:
    """The conversion of `path` made from its cached `entry`, when the parents' edits since changed only the
    definitions `changed` (parent -> names) and it copied them whole, each keeping its shape and its place
    (patching.py); None when it must be converted."""
    if entry.get("unsupported") is not None:
        return None
    hit, stored = repo.cache.get_facts(_copies_key(path), _basis(entry))
    if not hit or type(stored) is not dict:
        return None
    copies = Copies(shapes=stored["shapes"], renamed_as=stored["renamed"], skeletons=stored["skeletons"])
    replacements = {}
    for parent, names in changed.items():
        text = repo.text(parent)
        if text is None or _unconvertible(text) is not None or parent not in copies.renamed_as:
            return None
        module = parent_module(text)
        transformer = copy_transformer(path, parent, copies.renamed_as[parent], _reader(repo))
        for name in names:
            found = new_texts(copies, parent, name, module.kind_of(name), module.verbatim_source(name), transformer)
            if found is None:
                return None
            replacements.update(((parent, key), new) for key, new in found.items())
    texts = {}
    for generated, text in stored["texts"].items():
        spans = [Span(*span) for span in stored["spans"].get(generated, [])]
        texts[generated], copies.spans[generated] = patched(text, spans, replacements)
    used = {parent: {name for name, _ in listed} for parent, listed in entry["parts"].items()}
    return _Raw(path, tuple(entry["reads"]), texts, used=used, copies=copies)


# -- converting -------------------------------------------------------------------------------------------------

# The file reader of the run, seen by forked workers (a process pool of this module's own conversions).
_READER: Callable[[str], str | None] | None = None


def _convert_one(path: str) -> _Raw:
    read: dict[str, None] = {path: None}
    used: dict[str, set[str]] = {}
    copies = Copies()

    def read_file(other: str) -> str | None:
        read.setdefault(other, None)
        other_text = _READER(other)
        if other_text is not None and other.endswith(".py"):
            problem = _unconvertible(other_text)
            if problem is not None:
                raise Unsupported(f"`{other}` {problem}")
        return other_text

    text = _READER(path)
    if text is None:
        return _Raw(path, tuple(read), unsupported="the modular file cannot be read")
    problem = _unconvertible(text)
    if problem == _DOES_NOT_PARSE:
        return _Raw(path, tuple(read))  # RL001 says it does not parse; it generates nothing to compare
    if problem is not None:
        return _Raw(path, tuple(read), unsupported=f"the modular file {problem}")
    try:
        texts = convert_modular(text, path, read_file, used, copies)
    except Unsupported as error:
        return _Raw(path, tuple(read), unsupported=str(error), used=used)
    except Exception as error:  # noqa: BLE001 - a converter bug is this file's MOD004, never a crash of the run
        return _Raw(path, tuple(read), unsupported=f"the converter failed: {type(error).__name__}: {error}")
    # no `ast.parse` of the texts: each of their top-level statements was parsed when its file's imports were
    # chosen (imports.needed_imports), so code CPython cannot parse already failed above, as this file's MOD004
    return _Raw(path, tuple(read), texts, used=used, copies=copies)


_DOES_NOT_PARSE = "does not parse"


@lru_cache(maxsize=256)
def _unconvertible(text: str) -> str | None:
    """Why a source must not go to libcst: CPython cannot parse it, or it is big enough to stall libcst. Cached:
    every conversion reads its parents and the auto modules again, and the same few come back for many."""
    if len(text) > MAX_SOURCE_BYTES:
        return f"is bigger than {MAX_SOURCE_BYTES} characters"
    if any(len(line) > MAX_LINE_CHARACTERS for line in text.split("\n")):
        return f"has a line longer than {MAX_LINE_CHARACTERS} characters"
    try:
        parsed(text)
    except PARSE_FAILURES:
        return _DOES_NOT_PARSE
    return None


def _reader(repo) -> Callable[[str], str | None]:
    return lambda path: repo.text(path) if repo.exists(path) else None  # absent: not RL002


def _convert_all(repo, modulars: list[str], meanwhile: Callable[[], object]) -> list[_Raw]:
    global _READER
    _READER = _reader(repo)
    thresholds = gc.get_threshold()
    # libcst allocates millions of small objects and the parents stay parsed: with the default thresholds the
    # cycle collector rescans them all the time (a fifth of a conversion); forked workers inherit this
    gc.set_threshold(100_000, 50, 100)
    try:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        workers = min(cpus, 8)
        if len(modulars) >= PARALLEL_THRESHOLD and workers >= 2 and os.name == "posix":
            pooled = _convert_in_pool(modulars, workers, meanwhile)
            if pooled is not None:
                return pooled
        return [_convert_one(path) for path in modulars]
    finally:
        _READER = None
        gc.set_threshold(*thresholds)


def _convert_in_pool(ordered: list[str], workers: int, meanwhile: Callable[[], object]) -> list[_Raw] | None:
    """The conversions, by chunks in a pool of forked workers; a chunk whose worker died (libcst's parser can
    overflow the stack) is converted again one file per process, so only the file that kills it fails. This
    process does `meanwhile` while it waits."""
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, len(ordered) // (workers * 20))  # small chunks: a worker left alone at the end waits less
    chunks = [ordered[start : start + size] for start in range(0, len(ordered), size)]
    try:
        with _pool(workers) as pool:
            futures = [pool.submit(_convert_chunk, chunk) for chunk in chunks]
            meanwhile()
            results = with_progress(_outcomes(futures), len(futures), f"repo-lint: converting {len(ordered)} files")
    except (OSError, RuntimeError):
        return None  # no process pool here: convert in-process
    raws: list[_Raw] = []
    for chunk, outcome in zip(chunks, results, strict=True):
        if isinstance(outcome, BrokenProcessPool):
            raws.extend(_convert_isolated(path) for path in chunk)
        else:
            raws.extend(outcome)
    return raws


def _outcomes(futures):
    from concurrent.futures.process import BrokenProcessPool

    for future in futures:
        try:
            yield future.result()
        except BrokenProcessPool as error:
            yield error


def _convert_chunk(paths: list[str]) -> list[_Raw]:
    return [_convert_one(path) for path in paths]


def _pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _convert_isolated(path: str) -> _Raw:
    from concurrent.futures.process import BrokenProcessPool

    try:
        with _pool(1) as pool:
            return pool.submit(_convert_one, path).result()
    except BrokenProcessPool:
        return _Raw(path, (path,), unsupported="the converter's process died on this file", transient=True)


# -- formatting -------------------------------------------------------------------------------------------------


def _format(repo, raws: list[_Raw]) -> dict[str, dict[str, str] | str]:
    """modular path -> {generated path: text after `ruff check --fix` and `ruff format`}, or why not."""
    if not raws:
        return {}
    try:
        ruff = find_ruff(repo.root)
    except FormatterUnavailable as error:
        return {raw.modular: f"cannot format the converted files: {error}" for raw in raws}
    config = find_ruff_config(repo.root)
    with tempfile.TemporaryDirectory(prefix="repo-lint-modular-") as folder:
        scratch = Path(folder)
        if config is not None:
            shutil.copyfile(config, scratch / config.name)
        paths = []
        for raw in raws:
            for generated, text in raw.texts.items():
                target = scratch / generated
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8", newline="\n")
                paths.append(generated)
        isolation = [] if config is not None else ["--isolated"]
        # `check --fix` exits 1 when unfixable findings remain, as in the repository's pipeline; 2 is an error
        for command in (["check", "--fix"], ["format"]):
            done = subprocess.run(
                [ruff, *command, "--quiet", "--no-cache", *isolation, *paths], cwd=scratch, capture_output=True
            )
            if done.returncode not in (0, 1):
                error = done.stderr.decode("utf-8", "replace").strip().splitlines()
                why = f"`ruff {command[0]}` failed on the converted files: {error[-1] if error else done.returncode}"
                return {raw.modular: why for raw in raws}
        result: dict[str, dict[str, str] | str] = {}
        for raw in raws:
            texts = {}
            for generated in raw.texts:
                texts[generated] = (scratch / generated).read_text(encoding="utf-8")
            result[raw.modular] = texts
        return result
