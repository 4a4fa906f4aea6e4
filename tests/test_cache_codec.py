"""The cache's data format: every value the cache holds round-trips, and anything else is a miss.

A miss is `CodecError` from `datacodec` (and None from `cache.read_table`): never another exception,
never code chosen by the file.
"""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from repo_lint.checks.copies.definitions import Definition
from repo_lint.checks.docs.sections import Param

from repo_lint import cache, datacodec
from repo_lint.datacodec import CodecError, UnencodableError, decode, encode
from repo_lint.diagnostics import Diagnostic, Edit, Fix


def forged(types: list, *lines: str, version: int = datacodec.FORMAT_VERSION) -> bytes:
    """A file with a valid header and digest around whatever payload a planter chose."""
    payload = "\n".join([json.dumps(types), *lines]).encode()
    return b"repo-lint-cache %d %s\n" % (version, datacodec.payload_digest(payload).encode()) + payload


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(), st.binary())
hashables = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.tuples(inner, inner), st.frozensets(inner, max_size=3), st.lists(inner, max_size=3).map(tuple)
    ),
    max_leaves=8,
)
values = st.recursive(
    hashables,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=4).map(tuple),
        st.sets(hashables, max_size=3),
        st.dictionaries(hashables, inner, max_size=4),
        st.builds(Edit, st.integers(), st.integers(), st.text(), st.none() | st.text()),
        st.builds(Param, st.text(), st.text(), inner, st.integers()),
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_every_value_kind_round_trips(value):
    assert decode(encode(value)) == value


def test_dataclasses_are_restored_without_running_their_code():
    fix = Fix((Edit(0, 1, "x\n"), Edit(2, 2, "", "other.py")), "why")
    finding = Diagnostic("CPY001", "a.py", 3, 1, "drift", fix=fix, data={"target": "a.B", 1: (2, 3)})
    finding.end_line = None  # __post_init__ would set it again: decoding must not call it
    tree = Definition("A", "class", False, "", 0, 2, 9, 0, [Definition("f", "def", True, "    ", 1, 2, 4, 1)])
    back = decode(encode([finding, tree, {frozenset({("a", 1)}): {"s"}}]))
    assert back == [finding, tree, {frozenset({("a", 1)}): {"s"}}]
    assert back[0].end_line is None and type(back[0].fix.edits) is tuple and type(back[1].children) is list


def test_a_value_the_format_does_not_carry_is_refused_when_written():
    @dataclass
    class NotOurs:  # a dataclass outside repo-lint's own modules
        x: int

    for value in (object(), NotOurs(1), [Path("a")], {"k": range(3)}):
        with pytest.raises(UnencodableError):
            encode(value)
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    with pytest.raises(UnencodableError):
        encode(nested)


def test_a_truncated_or_changed_file_is_a_miss():
    data = encode({("src/a.py", "m", "f", ()): ("digest", [Edit(0, 1, "x")])})
    for end in range(0, len(data), 7):
        with pytest.raises(CodecError):
            decode(data[:end])
    for position in range(len(data)):
        for bit in (0x01, 0x20, 0x80):
            flipped = bytearray(data)
            flipped[position] ^= bit
            with pytest.raises(CodecError):
                decode(bytes(flipped))


def test_another_version_or_magic_is_a_miss():
    assert decode(forged([], "1")) == 1
    with pytest.raises(CodecError):
        decode(forged([], "1", version=datacodec.FORMAT_VERSION + 1))
    with pytest.raises(CodecError):
        decode(b"\x80\x04" + encode(1))
    with pytest.raises(CodecError):
        decode(pickle.dumps({"a": 1}))


@pytest.mark.parametrize(
    "types, line",
    [
        ([], '{"x":[1]}'),  # unknown tag
        ([], '{"t":[1],"d":[]}'),  # two tags in one object
        ([], '{"0":[1]}'),  # a type index the types line does not have
        ([], '{"t/99999999999999999999":[[1]]}'),  # a folding mask beyond the folded items
        ([], '{"t/2":[1]}'),  # a folding mask beyond the items
        ([], '{"d":[1]}'),  # a dict with an odd number of items
        ([], '{"d":[[1],2]}'),  # an unhashable key
        ([], '{"b":"not base64!"}'),
        ([["posix:system", []]], '{"0":["touch planted"]}'),
        ([["os:system", []]], '{"0":["touch planted"]}'),
        ([["builtins:eval", []]], '{"0":["1"]}'),
        ([["pathlib:Path", []]], '{"0":["x"]}'),
        ([["repo_lint.cache:Cache", ["directory"]]], '{"0":[null]}'),  # one of ours, not a data type
        ([["repo_lint.diagnostics:Edit", ["start_line"]]], '{"0":[1]}'),  # other fields than the class has now
        ([["repo_lint.diagnostics:Edit", ["start_line", "end_line", "text", "path"]]], '{"0":[1,2]}'),  # too few
        ([["repo_lint.not_imported:Thing", []]], '{"0":[]}'),  # never imported to find out
        ([["repo_lint.diagnostics:Edit", ["start_line", "end_line", "text", "path"]], "oops"], "1"),
        ([], "[" * 100_000 + "]" * 100_000),  # deeper than the JSON parser's recursion limit
        ([], "[1,"),
        ([], "1\n2"),  # two values where one is expected
    ],
)
def test_a_planted_file_with_a_valid_digest_but_foreign_content_is_a_miss(types, line):
    with pytest.raises(CodecError):
        decode(forged(types, *line.split("\n")))
    assert "repo_lint.not_imported" not in __import__("sys").modules


def test_a_valid_file_names_one_of_our_types():
    edit = [["repo_lint.diagnostics:Edit", ["start_line", "end_line", "text", "path"]]]
    assert decode(forged(edit, '{"0":[1,2,"x\\n",null]}')) == Edit(1, 2, "x\n")


def test_read_table_misses_files_it_must_not_read(tmp_path, monkeypatch):
    good = tmp_path / "good.rlc"
    good.write_bytes(encode([1, 2]))
    assert cache.read_value(good) == [1, 2]
    huge = tmp_path / "huge.rlc"
    with open(huge, "wb") as stream:  # sparse: no disk space used
        stream.truncate(cache.MAX_FILE_BYTES + 1)
    assert cache.read_table(huge) is None
    monkeypatch.setattr(cache, "MAX_FILE_BYTES", len(good.read_bytes()) - 1)
    assert cache.read_table(good) is None  # the size is checked before decoding, whatever the content
    monkeypatch.undo()
    link = tmp_path / "link.rlc"
    link.symlink_to(good)
    assert cache.read_table(link) is None  # a planted symlink is never followed
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.rlc"
        os.mkfifo(fifo)
        assert cache.read_table(fifo) is None  # and a FIFO never blocks the run
    folder = tmp_path / "folder.rlc"
    folder.mkdir()
    assert cache.read_table(folder) is None
    assert cache.read_table(tmp_path / "missing.rlc") is None
