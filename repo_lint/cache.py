"""The on-disk cache: per-file facts, ruff results, and whole-run results for no-op runs.

Layout (`.repo-lint-cache/` at the repository root; `<ns>` is the namespace, 16 hex digits):

- `facts-<ns>-<group>.rlc`, one per extractor (`group`: 16 hex digits of its name): (path, arguments) ->
  (content digest, facts). A file's facts are reused while its content is unchanged; entries of files
  that left the repository are pruned. A run loads only the extractors it calls.
- `facts-<ns>-<digests group>.rlc`: path -> (size, mtime, content digest), so unchanged files are not read.
- `shared-<ns>.rlc`: content-addressed results (ruff formatting of snippets, syntax errors).
- `runs-<ns>-<request>.rlc`, one per request (the last `MAX_RUNS`): the diagnostics of a run with a digest
  of the file stats it saw, so a run where nothing changed answers without judging anything.
- `verdicts-<ns>-<key>.rlc`, one per family and request (the last `MAX_VERDICTS`): a family's findings with
  what it read (`repo_lint.verdicts`), so a run where some files changed judges only the families that read
  something that changed.

Every file is data (`repo_lint.datacodec`: versioned JSON with a digest, decoded into built-in values and
repo-lint's own dataclasses only), never pickle: a cache planted in a checkout cannot run code. A file that
is unreadable, corrupt, foreign, too big or not a regular file is a miss, never an error. The namespace is
the tool version, its code and the configuration fingerprint, so any of them changing starts from
scratch. Every write goes to a temporary file renamed over the target, so two runs sharing the cache
never see half a file. repo-lint only ever deletes files with its own names (`OWN_FILE`), and writes the
`.gitignore` only into a directory it created (or one holding nothing but its own files).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

from repo_lint import __version__
from repo_lint.datacodec import FORMAT_VERSION, CodecError, Table, TableWriter, UnencodableError, encode
from repo_lint.workspace import read_regular_file

MAX_RUNS = 8
MAX_VERDICTS = 64
STALE_NAMESPACE_SECONDS = 7 * 24 * 3600
STALE_TEMP_SECONDS = 3600  # a temporary file this old was left by an interrupted run
MAX_FILE_BYTES = 256 * 1024 * 1024  # a bigger file is not ours to read (facts of transformers: ~2 MB a file)
EXTENSION = ".rlc"

# Every name repo-lint writes into the cache directory, and the only names it ever deletes.
OWN_FILE = re.compile(r"(?P<kind>facts|shared|runs|verdicts)-(?P<namespace>[0-9a-f]{16})(-[0-9a-f]{16})?\.rlc")
OWN_TEMP_FILE = re.compile(r"\.(?:facts|shared|runs|verdicts)-[0-9a-f]{16}(-[0-9a-f]{16})?\.rlc\.[a-z0-9_]{1,16}\.tmp")
# The pickle files earlier versions of repo-lint wrote: never loaded; deleted like another namespace's when stale.
OLD_PICKLE_FILE = re.compile(r"(?P<kind>facts|shared|runs)-(?P<namespace>[0-9a-f]{16})\.pickle")
GITIGNORE = ".gitignore"

DIGESTS_GROUP = ("__digests__",)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def short_id(text: str) -> str:
    return digest(text.encode("utf-8", "surrogatepass"))[:16]


def read_table(path: Path) -> Table | None:
    """The cache file `path`, or None when it is missing, not a regular file (a symlink, a FIFO), too big,
    or not a valid cache file of this version."""
    try:
        return Table(read_regular_file(path, follow_links=False, max_bytes=MAX_FILE_BYTES))
    except (OSError, CodecError):
        return None  # a corrupt, foreign or vanished cache file is a miss, by design


def read_value(path: Path) -> Any:
    """The single value in the cache file `path` (None: a miss)."""
    table = read_table(path)
    if table is None or len(table.lines) != 1:
        return None
    try:
        return table.value(table.lines[0])
    except CodecError:
        return None


def write_cache_file(path: Path, data: bytes) -> bool:
    """Write atomically (a temporary file renamed over `path`); False if it could not be written."""
    try:
        import tempfile  # a run the run cache answers writes nothing: not imported by it

        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, path)
        return True
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass  # already gone: nothing of ours is left behind
        return False


_CODE_FINGERPRINT: str | None = None


def code_fingerprint() -> str:
    """The size and mtime of every module of repo-lint and its checks: facts extracted by other code (an
    editable install between two releases) are never read back. Stats of a few dozen files, once per process."""
    global _CODE_FINGERPRINT
    if _CODE_FINGERPRINT is None:
        import repo_lint
        import repo_lint.checks

        stats = []
        for package in (repo_lint, repo_lint.checks):
            for folder in package.__path__:
                for path in sorted(Path(folder).rglob("*.py")):
                    stat_result = path.stat()
                    stats.append(f"{path.relative_to(folder)}:{stat_result.st_size}:{stat_result.st_mtime_ns}")
        _CODE_FINGERPRINT = digest("\n".join(stats).encode())
    return _CODE_FINGERPRINT


def group_of(key: tuple) -> tuple:
    """The file a fact key lives in: (module, qualname) of its extractor, ("contains",) for the
    prefilter answers. Keys are (path, module, qualname, arguments) or (path, "contains")."""
    return key[1:3]


_PENDING = object()  # a fact entry whose value is still the text of its line


class FactGroup:
    """The facts of one extractor: key -> (content digest, line text or None, value or _PENDING).

    A row is `<content digest>\t<arguments index>\t<path as a JSON string>\t<facts as JSON>`, after a first
    line `[group, [arguments, ...]]`. Values are decoded when first asked for; a row nobody changed is
    written back as the text it was read as."""

    def __init__(self, group: tuple, table: Table | None = None) -> None:
        self.group = group
        self.table = table
        self.entries: dict[tuple, tuple[str, str | None, Any]] = {}
        self.arguments: list[Any] = []
        self.dirty = False
        self._writer: TableWriter | None = None  # one per run: lines it encodes share its types line
        self._rows: dict[tuple, str] = {}  # rows as read, written back as they are while nobody changes them
        if table is not None:
            self._read(table)

    def writer(self) -> TableWriter:
        if self._writer is None:
            self._writer = TableWriter(self.table.types if self.table is not None else None)
        return self._writer

    def value_digest(self, key: tuple, content_digest: str) -> str | None:
        """A digest of the encoded facts of `key` for that content (None: none, or not encodable): equal digests,
        equal facts. The encoded line is kept for `encoded()`."""
        entry = self.entries.get(key)
        if entry is None or entry[0] != content_digest:
            return None
        content, line, value = entry
        if line is None:
            try:
                line = self.writer().line(value)
            except UnencodableError:
                return None
            self.entries[key] = (content, line, value)
        return digest(line.encode("ascii"))[:16]

    def _read(self, table: Table) -> None:
        if not table.lines:
            raise CodecError("no group line")
        meta = table.value(table.lines[0])
        if type(meta) is not list or len(meta) != 2 or meta[0] != list(self.group) or type(meta[1]) is not list:
            raise CodecError("another group")
        self.arguments = meta[1]
        keyed = len(self.group) == 2  # extractor groups key by arguments; the prefilter group does not
        entries, rows = self.entries, self._rows
        for line in table.lines[1:]:
            content, index, path, value = line.split("\t", 3)
            if len(path) < 3 or path[0] != '"' or path[-1] != '"':  # a JSON string, which cannot nest
                raise CodecError("a malformed row")
            path = json.loads(path) if "\\" in path else path[1:-1]
            if type(path) is not str:
                raise CodecError("a malformed row")
            position = int(index)
            if keyed:
                if not 0 <= position < len(self.arguments):
                    raise CodecError("a row with no arguments")
                key = (path, *self.group, self.arguments[position])
            else:
                key = (path, *self.group)
            entries[key] = (content, value, _PENDING)
            rows[key] = line

    def get(self, key: tuple, content_digest: str) -> tuple[bool, Any]:
        entry = self.entries.get(key)
        if entry is None or entry[0] != content_digest:
            return False, None
        value = entry[2]
        if value is _PENDING:
            assert self.table is not None and entry[1] is not None
            try:
                value = self.table.value(entry[1])
            except CodecError:
                del self.entries[key]
                self.dirty = True
                return False, None
            self.entries[key] = (entry[0], entry[1], value)
        return True, value

    def put(self, key: tuple, content_digest: str, value: Any) -> None:
        self.entries[key] = (content_digest, None, value)
        self._rows.pop(key, None)
        self.dirty = True

    def prune(self, existing_paths: set[str]) -> None:
        gone = [key for key in self.entries if key[0] not in existing_paths]
        for key in gone:
            del self.entries[key]
        self.dirty = self.dirty or bool(gone)

    def encoded(self) -> bytes:
        """The file bytes; rows whose facts the format cannot carry are left out (a bug in a fact type,
        which tests on both real trees guard against)."""
        writer = self.writer()
        index_of = {}
        for position, arguments in enumerate(self.arguments):
            index_of.setdefault(arguments, position)
        arguments_list = list(self.arguments)
        rows = []
        kept = self._rows
        for key, (content, line, value) in self.entries.items():
            row = kept.get(key)
            if row is not None:  # as read: its arguments keep their index (new ones are appended)
                rows.append(row)
                continue
            if line is None:
                try:
                    line = writer.line(value)
                except UnencodableError:
                    continue
            position = -1
            if len(key) == 4:
                position = index_of.get(key[3], -1)
                if position < 0:
                    position = index_of[key[3]] = len(arguments_list)
                    arguments_list.append(key[3])
            rows.append(f"{content}\t{position}\t{json.dumps(key[0])}\t{line}")
        return writer.file([writer.line([list(self.group), arguments_list]), *rows])


_PLAIN = (str, int, float, bool, type(None))


def _plain(value: Any) -> bool:
    """A tuple of strings, numbers, booleans, None and such tuples (what `ascii()` writes the same way)."""
    return type(value) is tuple and all(type(v) in _PLAIN or _plain(v) for v in value)


class SharedTable:
    """Content-addressed results: one row per entry, `<key>\t<value as JSON>`, found by the key's text (keys are
    tuples of strings, numbers and such tuples, written as `ascii()` writes them: always the same text, never
    a tab or a line break), values decoded when first asked for and rows nobody changed written back as read."""

    def __init__(self, table: Table | None = None) -> None:
        self.table = table
        self.writer = TableWriter(table.types if table is not None else None)
        self.rows: dict[str, tuple[str | None, Any]] = {}  # key text -> (value text or None, value or _PENDING)
        self.used: set[str] = set()
        self.dirty = False
        for line in table.lines if table is not None else ():
            key, tab, value = line.partition("\t")
            if not tab:
                raise CodecError("a malformed row")
            self.rows[key] = (value, _PENDING)

    @staticmethod
    def _key(key: tuple) -> str | None:
        return ascii(key) if _plain(key) else None  # another kind of key is not kept

    def get(self, key: tuple) -> tuple[bool, Any]:
        text = self._key(key)
        row = self.rows.get(text) if text is not None else None
        if row is None:
            return False, None
        line, value = row
        if value is _PENDING:
            assert self.table is not None and line is not None
            try:
                value = self.table.value(line)
            except CodecError:
                del self.rows[text]
                self.dirty = True
                return False, None
            self.rows[text] = (line, value)
        self.used.add(text)
        return True, value

    def put(self, key: tuple, value: Any) -> None:
        text = self._key(key)
        if text is not None:
            self.rows[text] = (None, value)
            self.used.add(text)
            self.dirty = True

    def keep_used_only(self) -> None:
        if self.used and len(self.used) < len(self.rows):
            self.rows = {key: row for key, row in self.rows.items() if key in self.used}
            self.dirty = True

    def encoded(self) -> bytes:
        """The file bytes; entries the format cannot carry are left out (a bug in a value type, which tests on
        both real trees guard against)."""
        lines = []
        for key, (line, value) in self.rows.items():
            if line is None:
                try:
                    line = self.writer.line(value)
                except UnencodableError:
                    continue
            lines.append(f"{key}\t{line}")
        return self.writer.file(lines)

    def as_dict(self) -> dict[tuple, Any]:
        """Every entry, decoded (for tests)."""
        import ast

        result = {}
        for text in list(self.rows):
            key = ast.literal_eval(text)
            found, value = self.get(key)
            if found:
                result[key] = value
        return result


class Cache:
    """One run's view of the cache; `save()` writes what the run learned."""

    def __init__(self, directory: Path | None, config_fingerprint: str) -> None:
        self.directory = directory
        self.disabled_reason = ""  # why the run uses no cache although it asked for one
        self.namespace = short_id(f"{__version__}|{FORMAT_VERSION}|{code_fingerprint()}|{config_fingerprint}")
        self._groups: dict[tuple, FactGroup] = {}  # loaded on first use
        self._digests: dict[str, tuple[int, int, str]] | None = None
        self._digests_dirty = False
        self._shared: SharedTable | None = None
        self.keep_unused_shared = False  # set when some family was not judged (its entries went unused)
        # Per-file facts found on disk for the file's content (what makes a warm run warm), and computed anew.
        self._reused_keys: set[tuple] = set()
        self._computed_keys: set[tuple] = set()

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def _path(self, kind: str, part: str | None = None) -> Path:
        assert self.directory is not None
        return self.directory / f"{kind}-{self.namespace}{'' if part is None else '-' + part}{EXTENSION}"

    def _group_path(self, group: tuple) -> Path:
        return self._path("facts", short_id("\0".join(group)))

    def warm(self) -> bool:
        """Whether earlier runs left facts to reuse (without loading them)."""
        return self.directory is not None and self._group_path(DIGESTS_GROUP).is_file()

    # -- per-file facts --------------------------------------------------------------------------------
    def _group(self, group: tuple) -> FactGroup:
        loaded = self._groups.get(group)
        if loaded is None:
            loaded = self._groups[group] = self._load_group(group)
        return loaded

    def _load_group(self, group: tuple) -> FactGroup:
        table = read_table(self._group_path(group)) if self.directory is not None else None
        if table is not None:
            try:
                return FactGroup(group, table)
            except (ValueError, TypeError):  # CodecError included: the right name, another content
                pass
        return FactGroup(group)

    def get_facts(self, key: tuple, content_digest: str) -> tuple[bool, Any]:
        found = self._group(group_of(key)).get(key, content_digest)
        if found[0] and key not in self._computed_keys:
            self._reused_keys.add(key)
        return found

    def usage(self) -> str:
        """What this run took from the cache, in words (`-v`, the GitHub Action's summary)."""
        if self.directory is None:
            return "no cache" + (f" ({self.disabled_reason})" if self.disabled_reason else "")
        reused = len(self._reused_keys - self._computed_keys)
        return f"{reused} of {reused + len(self._computed_keys)} file facts reused from {self.directory.name}/"

    def put_facts(self, key: tuple, content_digest: str, value: Any) -> None:
        self._computed_keys.add(key)
        self._group(group_of(key)).put(key, content_digest, value)

    def fact_value_digest(self, key: tuple, content_digest: str) -> str | None:
        return self._group(group_of(key)).value_digest(key, content_digest)

    # -- file digests by (size, mtime) -----------------------------------------------------------------
    def known_digests(self) -> dict[str, tuple[int, int, str]]:
        if self._digests is None:
            self._digests = self._load_digests() if self.directory is not None else {}
        return self._digests

    def _load_digests(self) -> dict[str, tuple[int, int, str]]:
        """The table is one JSON text inside the cache file (a run that changed one file writes it whole: plain
        JSON is several times faster to write and read than tagged values)."""
        stored = read_value(self._group_path(DIGESTS_GROUP))
        try:
            table = json.loads(stored) if type(stored) is str else None
        except (ValueError, RecursionError):
            return {}
        if type(table) is not dict:
            return {}
        result = {}
        for path, entry in table.items():
            if type(entry) is not list or len(entry) != 3 or type(entry[2]) is not str:
                return {}
            size, mtime, content = entry
            if type(size) is not int or type(mtime) is not int:
                return {}
            result[path] = (size, mtime, content)
        return result

    def put_digests(self, table: dict[str, tuple[int, int, str]]) -> None:
        known = self.known_digests()
        if any(known.get(path) != value for path, value in table.items()):
            known.update(table)
            self._digests_dirty = True

    # -- content-addressed results ---------------------------------------------------------------------
    def _shared_table(self) -> SharedTable:
        if self._shared is None:
            table = read_table(self._path("shared")) if self.directory is not None else None
            try:
                self._shared = SharedTable(table)
            except (ValueError, TypeError):  # CodecError included: a malformed row
                self._shared = SharedTable()
        return self._shared

    @property
    def shared(self) -> dict[tuple, Any]:
        """Every content-addressed entry, decoded (for tests: runs look entries up one by one)."""
        return self._shared_table().as_dict()

    def get_shared(self, key: tuple) -> tuple[bool, Any]:
        return self._shared_table().get(key)

    def put_shared(self, key: tuple, value: Any) -> None:
        self._shared_table().put(key, value)

    # -- whole runs ------------------------------------------------------------------------------------
    @staticmethod
    def _signature_digest(signature: Any) -> str:
        # Signatures are tuples of strings and numbers (file stats, tool versions): their repr is stable.
        return digest(repr(signature).encode("utf-8", "surrogatepass"))

    def get_run(self, request_key: str, signature: Any) -> Any:
        if self.directory is None:
            return None
        stored = read_value(self._path("runs", short_id(request_key)))
        if type(stored) is not list or len(stored) != 3 or stored[0] != request_key:
            return None
        if stored[1] != self._signature_digest(signature) or type(stored[2]) is not list:
            return None
        return stored[2]

    def put_run(self, request_key: str, signature: Any, result: Any) -> None:
        if self.directory is None:
            return
        try:
            data = encode([request_key, self._signature_digest(signature), result])
        except UnencodableError:
            return  # not cached: the next run judges again
        if self._ensure_directory() and write_cache_file(self._path("runs", short_id(request_key)), data):
            self._prune()

    # -- family verdicts ------------------------------------------------------------------------------
    def get_verdict(self, key: str) -> Any:
        """The stored verdict of `key` (its value after the key), None for a miss."""
        if self.directory is None:
            return None
        stored = read_value(self._path("verdicts", short_id(key)))
        if type(stored) is not list or len(stored) != 2 or stored[0] != key:
            return None
        return stored[1]

    def put_verdict(self, key: str, value: Any) -> None:
        if self.directory is None:
            return
        try:
            data = encode([key, value])
        except UnencodableError:
            return  # judged again next time
        if self._ensure_directory():
            write_cache_file(self._path("verdicts", short_id(key)), data)

    # -- persistence -----------------------------------------------------------------------------------
    def save(self, existing_paths: set[str]) -> None:
        if self.directory is None:
            return
        for loaded in self._groups.values():
            loaded.prune(existing_paths)
        if self._digests is not None:
            gone = [path for path in self._digests if path not in existing_paths]
            for path in gone:
                del self._digests[path]
            self._digests_dirty = self._digests_dirty or bool(gone)
        dirty_groups = [loaded for loaded in self._groups.values() if loaded.dirty]
        # Content-addressed entries are kept while some run uses them; a run that used none keeps all, and so
        # does one that reused some family's verdict (that family's entries were not asked for).
        dirty = bool(dirty_groups) or self._digests_dirty
        shared = self._shared
        if dirty and shared is not None and not self.keep_unused_shared:
            shared.keep_used_only()
        shared_dirty = shared is not None and shared.dirty
        if not (dirty or shared_dirty) or not self._ensure_directory():
            return
        for loaded in dirty_groups:
            try:
                write_cache_file(self._group_path(loaded.group), loaded.encoded())
            except UnencodableError:
                pass  # its arguments cannot be stored: the next run extracts these facts again
            loaded.dirty = False
        if self._digests_dirty and self._digests is not None:
            table = json.dumps(self._digests, separators=(",", ":"), ensure_ascii=True)
            write_cache_file(self._group_path(DIGESTS_GROUP), encode(table))
        if shared_dirty:
            write_cache_file(self._path("shared"), shared.encoded())
            shared.dirty = False
        self._digests_dirty = False
        self._prune()

    def _ensure_directory(self) -> bool:
        """Create the cache directory if needed; the `.gitignore` goes only into a directory repo-lint created
        or one that holds nothing but repo-lint's own files (never among a user's files)."""
        assert self.directory is not None
        try:
            created = not self.directory.exists()
            if created:
                self.directory.mkdir(parents=True, exist_ok=True)
            elif not self.directory.is_dir():
                return False
            marker = self.directory / GITIGNORE
            if not created and (marker.exists() or marker.is_symlink()):
                return True
            if created or all(_is_own_name(name) for name in os.listdir(self.directory)):
                with open(marker, "x", encoding="utf-8") as stream:
                    stream.write("# Created by repo-lint.\n*\n")
        except FileExistsError:
            pass  # a concurrent run wrote it
        except OSError:
            return False
        return True

    def _own_files(self) -> list[Path]:
        assert self.directory is not None
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        return [self.directory / name for name in names if _is_own_name(name) and name != GITIGNORE]

    def _prune(self) -> None:
        """Keep the runs files of the last MAX_RUNS requests of this namespace and its MAX_VERDICTS newest verdict
        files; drop repo-lint's own files of other versions/configurations unused for a week, and temporary files
        an interrupted run left. Nothing else in the directory is ever touched."""
        now = time.time()
        kept: dict[str, list] = {"runs": [], "verdicts": []}
        for path in self._own_files():
            match = OWN_FILE.fullmatch(path.name) or OLD_PICKLE_FILE.fullmatch(path.name)
            try:
                info = path.lstat()
            except OSError:
                continue  # removed by a concurrent run
            if not stat.S_ISREG(info.st_mode):
                continue
            if match is not None and match["namespace"] == self.namespace:
                if match["kind"] in kept and path.suffix == EXTENSION:
                    kept[match["kind"]].append((info.st_mtime_ns, path))
                continue
            limit = STALE_NAMESPACE_SECONDS if match is not None else STALE_TEMP_SECONDS
            if now - info.st_mtime > limit:
                _remove(path)
        for kind, limit in (("runs", MAX_RUNS), ("verdicts", MAX_VERDICTS)):
            for _, path in sorted(kept[kind], reverse=True)[limit:]:
                _remove(path)


def _is_own_name(name: str) -> bool:
    return (
        name == GITIGNORE
        or OWN_FILE.fullmatch(name) is not None
        or OWN_TEMP_FILE.fullmatch(name) is not None
        or OLD_PICKLE_FILE.fullmatch(name) is not None
    )


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # removed by a concurrent run, or not ours to remove after all: the cache only grows
