"""A data-only file format for the cache: JSON with compact type tags, a format version and a digest.

Loading a file never runs code that the file chooses: it only builds built-in values and instances of
repo-lint's own dataclasses and named tuples, looked up in an allow-list (`own_type`), never imported.

A file is a header line and a payload of lines (JSON escapes every control character, so a JSON text is
always one line):

    repo-lint-cache <FORMAT_VERSION> <blake2b-128 hex digest of the payload>\\n
    <types: JSON array of [module:qualname, [field, ...]]>
    <one line per value or row: JSON text, the caller's own framing>  (lines separated by \\n)

A single value is a file of one line (`encode`/`decode`); a table of many lines (`Table`, `TableWriter`)
keeps each line's text, so a cache that changed a few rows re-encodes only those.

In the data, a JSON array is a list and an object always holds exactly one tag: `{"t": [...]}` a tuple,
`{"d": [k1, v1, k2, v2, ...]}` a dict (keys of any type), `{"s": [...]}` a set, `{"f": [...]}` a frozenset,
`{"b": "base64"}` bytes, and `{"<n>": [field values]}` an instance of the n-th entry of the types line.
str, int, float, bool and None are themselves. A tag `<tag>/<mask>` says that the items at the mask's
bits are tuples of plain values written as plain arrays (most tuples in facts are: this halves the calls
a load makes). A file that fails the version, the digest or decoding, or names a type outside the
allow-list, raises `CodecError`.

The allow-list is every top-level dataclass (without __slots__) and named tuple defined in a `repo_lint.*`
module that is already imported: the extractor whose facts a file holds has imported them. A type that is
not (yet) imported makes its file a miss, which costs time, never correctness.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import gc
import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

FORMAT_VERSION = 1
MAGIC = b"repo-lint-cache"
OWN_MODULE_PREFIX = "repo_lint."


class CodecError(ValueError):
    """The bytes are not a cache file this version wrote (or they were changed since)."""


class UnencodableError(TypeError):
    """The value holds something the format does not carry (it is then simply not cached)."""


def payload_digest(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=16).hexdigest()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Building a few hundred thousand small objects triggers the cycle collector again and again (it
    doubles the time of a load); none of them can be garbage while they are being built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- the allow-list ------------------------------------------------------------------------------------
def type_name(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def record_fields(cls: type) -> tuple[str, ...] | None:
    """The fields of one of repo-lint's own dataclasses or named tuples, None for any other type."""
    if not (cls.__module__ + ".").startswith(OWN_MODULE_PREFIX) or "." in cls.__qualname__:
        return None
    if issubclass(cls, tuple):
        fields = getattr(cls, "_fields", None)
        return tuple(fields) if isinstance(fields, tuple) and all(isinstance(f, str) for f in fields) else None
    if dataclasses.is_dataclass(cls) and "__slots__" not in cls.__dict__:
        return tuple(field.name for field in dataclasses.fields(cls))
    return None


def own_type(name: str) -> type | None:
    """The class `name` ("module:qualname") if it is one of repo-lint's own top-level dataclasses or named
    tuples in a module that is already imported; None otherwise. Nothing is imported or called."""
    module_name, _, qualname = name.partition(":")
    module = sys.modules.get(module_name)
    if module is None or not (module_name + ".").startswith(OWN_MODULE_PREFIX):
        return None
    cls = vars(module).get(qualname)
    if not isinstance(cls, type) or cls.__module__ != module_name or cls.__qualname__ != qualname:
        return None
    return cls if record_fields(cls) is not None else None


# -- encoding ------------------------------------------------------------------------------------------
_SCALARS = frozenset({str, int, bool, float, type(None)})


class TableWriter:
    """Encodes values into JSON lines that share one types line; `types` continues a loaded file's table
    (so its kept lines stay valid)."""

    def __init__(self, types: list[list[Any]] | None = None) -> None:
        self.types: list[list[Any]] = [list(entry) for entry in types or ()]
        self.tags: dict[type, str] = {}
        for index, (name, _) in enumerate(self.types):
            cls = own_type(name)
            if cls is not None:
                self.tags[cls] = str(index)

    def _tag_of(self, cls: type) -> tuple[str, tuple[str, ...]]:
        tag = self.tags.get(cls)
        if tag is None:
            fields = record_fields(cls)
            if fields is None:
                raise UnencodableError(f"{type_name(cls)} is not one of repo-lint's own data types")
            tag = self.tags[cls] = str(len(self.types))
            self.types.append([type_name(cls), list(fields)])
        return tag, tuple(self.types[int(tag)][1])

    def _tagged(self, value: Any) -> Any:
        kind = type(value)
        if kind in _SCALARS:
            return value
        if kind is list:
            return [self._tagged(item) for item in value]
        if kind is tuple:
            return self._folded("t", value)
        if kind is dict:
            return self._folded("d", [part for pair in value.items() for part in pair])
        if kind is set:
            return {"s": [self._tagged(item) for item in value]}
        if kind is frozenset:
            return {"f": [self._tagged(item) for item in value]}
        if kind is bytes:
            return {"b": base64.b64encode(value).decode("ascii")}
        tag, fields = self._tag_of(kind)
        if issubclass(kind, tuple):
            return self._folded(tag, value)
        if len(vars(value)) != len(fields):  # state outside the fields would be lost on the way back
            raise UnencodableError(f"{type_name(kind)} holds attributes that are not fields")
        return self._folded(tag, [getattr(value, name) for name in fields])

    def _folded(self, tag: str, items: Any) -> dict[str, list]:
        """`{tag: items}`, where items that are tuples of plain values become plain arrays and the tag says
        which (`tag/mask`): the decoder then makes tuples of them without a call per tuple."""
        encoded = []
        mask = 0
        for position, item in enumerate(items):
            if position < MAX_FOLDED and type(item) is tuple and all(type(part) in _SCALARS for part in item):
                encoded.append(list(item))
                mask |= 1 << position
            else:
                encoded.append(self._tagged(item))
        return {f"{tag}/{mask}" if mask else tag: encoded}

    def line(self, value: Any) -> str:
        """`value` as one line of JSON text (ASCII: lone surrogates of undecodable file names survive)."""
        try:
            with gc_paused():
                return json.dumps(self._tagged(value), separators=(",", ":"))
        except RecursionError as error:
            raise UnencodableError("the value is nested too deeply") from error

    def file(self, lines: list[str]) -> bytes:
        """The file bytes: header, the types line, then `lines`."""
        types = json.dumps(self.types, separators=(",", ":"))
        payload = "\n".join([types, *lines]).encode("ascii")
        header = b"%s %d %s\n" % (MAGIC, FORMAT_VERSION, payload_digest(payload).encode("ascii"))
        return header + payload


def encode(value: Any) -> bytes:
    """The file bytes for one value; `UnencodableError` if it holds a type the format does not carry."""
    writer = TableWriter()
    line = writer.line(value)
    return writer.file([line])


# -- decoding ------------------------------------------------------------------------------------------
def _pairs(items: list) -> dict:
    if len(items) % 2:
        raise CodecError("a dict with an odd number of items")
    iterator = iter(items)
    return dict(zip(iterator, iterator, strict=True))


def _bytes(text: Any) -> bytes:
    if type(text) is not str:
        raise CodecError("bytes that are not a string")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error as error:
        raise CodecError("bytes that are not base64") from error


def _record_builder(cls: type, fields: tuple[str, ...], folded: tuple[int, ...] = ()) -> Callable[[Any], Any]:
    """Restores an instance field by field, without calling its __init__, __new__ or __setattr__; the
    fields at `folded` are tuples stored as plain arrays."""
    count = len(fields)

    def checked(values: Any) -> list:
        if type(values) is not list or len(values) != count:
            raise CodecError(f"{type_name(cls)} with the wrong number of fields")
        for position in folded:
            if type(values[position]) is not list:
                raise CodecError("a folded item that is not an array")
            values[position] = tuple(values[position])
        return values

    if issubclass(cls, tuple):

        def named_tuple(values: Any) -> Any:
            return tuple.__new__(cls, checked(values))

        return named_tuple
    new = object.__new__

    def dataclass(values: Any) -> Any:
        if folded or type(values) is not list or len(values) != count:  # the common case without a call
            values = checked(values)
        instance = new(cls)
        state = instance.__dict__
        for name, value in zip(fields, values, strict=True):  # faster than dict.update(zip(...))
            state[name] = value
        return instance

    return dataclass


# A malformed value under a built-in tag ({"t": 5}) raises TypeError, reported as CodecError by `Table`.
_BUILTINS: dict[str, Callable[[Any], Any]] = {"t": tuple, "d": _pairs, "s": set, "f": frozenset, "b": _bytes}
MAX_FOLDED = 64  # only the first items of a value are folded, so a mask stays short
_FOLDING_TAG = re.compile(r"(?P<base>t|d|[0-9]+)/(?P<mask>[1-9][0-9]{0,19})")


def _folding_builder(base: Callable[[Any], Any], positions: tuple[int, ...]) -> Callable[[Any], Any]:
    """The builder of a tuple or dict whose items at `positions` are tuples stored as plain arrays."""
    last = positions[-1]

    def unfold(items: Any) -> Any:
        if type(items) is not list or len(items) <= last:
            raise CodecError("a folded value with too few items")
        for position in positions:
            if type(items[position]) is not list:
                raise CodecError("a folded item that is not an array")
            items[position] = tuple(items[position])
        return base(items)

    return unfold


def _builders(types: Any) -> tuple[dict[str, Callable[[Any], Any]], dict[str, tuple[type, tuple[str, ...]]]]:
    """The builder of every tag the types line allows, and the record types by tag."""
    if type(types) is not list:
        raise CodecError("the types line is not an array")
    builders = dict(_BUILTINS)
    records = {}
    for index, entry in enumerate(types):
        if not (type(entry) is list and len(entry) == 2 and type(entry[0]) is str and type(entry[1]) is list):
            raise CodecError("a malformed type entry")
        cls = own_type(entry[0])
        if cls is None:
            raise CodecError(f"{entry[0]!r} is not one of repo-lint's own data types")
        fields = record_fields(cls)
        if fields != tuple(entry[1]):
            raise CodecError(f"{entry[0]} has other fields now")
        builders[str(index)] = _record_builder(cls, fields)
        records[str(index)] = (cls, fields)
    return builders, records


def _folded_builder(
    builders: dict[str, Callable[[Any], Any]], records: dict[str, tuple[type, tuple[str, ...]]], tag: str
) -> Callable[[Any], Any]:
    """The builder of a tag `base/mask` (see `TableWriter._folded`)."""
    match = _FOLDING_TAG.fullmatch(tag)
    if match is None or match["base"] not in builders:
        raise CodecError(f"unknown tag {tag[:40]!r}")
    mask = int(match["mask"])
    if mask >> MAX_FOLDED:
        raise CodecError("a folding mask beyond the folded items")
    positions = tuple(position for position in range(mask.bit_length()) if mask >> position & 1)
    record = records.get(match["base"])
    if record is None:
        return _folding_builder(builders[match["base"]], positions)
    if positions[-1] >= len(record[1]):
        raise CodecError("a folding mask beyond the fields")
    return _record_builder(*record, positions)


class Table:
    """A file checked against its header (magic, version, digest) and its types line (every type in the
    allow-list, with the same fields as now); its lines are decoded one by one, on demand."""

    def __init__(self, data: bytes) -> None:
        header, newline, payload = data.partition(b"\n")
        parts = header.split(b" ")
        if not newline or len(parts) != 3 or parts[0] != MAGIC:
            raise CodecError("not a repo-lint cache file")
        if parts[1] != b"%d" % FORMAT_VERSION:
            raise CodecError("another format version")
        if parts[2] != payload_digest(payload).encode("ascii"):
            raise CodecError("the digest does not match the payload")
        try:
            types_line, *self.lines = payload.decode("ascii").split("\n")
            self.types = json.loads(types_line)
        except (ValueError, RecursionError) as error:
            raise CodecError(f"malformed types line: {type(error).__name__}") from error
        builders, records = _builders(self.types)

        def tagged(pairs: list[tuple[str, Any]]) -> Any:
            ((tag, value),) = pairs  # ValueError unless exactly one tag
            try:
                builder = builders[tag]
            except KeyError:
                builder = builders[tag] = _folded_builder(builders, records, tag)
            return builder(value)

        self._decoder = json.JSONDecoder(object_pairs_hook=tagged)

    def value(self, line: str) -> Any:
        """One line's value; `CodecError` if it is malformed, too deeply nested or holds an unknown tag."""
        collecting = gc.isenabled()
        gc.disable()  # as in `gc_paused`, inlined: this runs once per fact row
        try:
            return self._decoder.decode(line)
        except CodecError:
            raise
        except (ValueError, TypeError, RecursionError, MemoryError) as error:
            # json reports malformed text as ValueError and nesting beyond its limit as RecursionError; a
            # decoded dict key or set item that is not hashable (a list) is a TypeError.
            raise CodecError(f"malformed value: {type(error).__name__}") from error
        finally:
            if collecting:
                gc.enable()


def decode(data: bytes) -> Any:
    """The value `encode` wrote; `CodecError` for anything else (another version, a changed byte, a
    malformed or too deeply nested payload, a type outside the allow-list)."""
    table = Table(data)
    if len(table.lines) != 1:
        raise CodecError("not a single value")
    return table.value(table.lines[0])
