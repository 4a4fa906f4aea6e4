"""`repo_lint/facts/auto_mappings.py`: reading the auto mappings, and sorting them like `utils/sort_auto_mappings.py`.

- Hand-written inputs with expected outputs run everywhere. Each also says whether the reference crashes on
  it; where `reference-scripts/` exists, that and (when it does not crash) its output are checked too.
- On the released transformers tree: every auto module reads without problems, every mapping is sorted,
  seeded shuffles sort back to the original bytes, comments inserted above entries travel with them, and
  the reference (where present) writes exactly what `sort_mappings` returns wherever it does not crash.
"""

from __future__ import annotations

import functools
import importlib.util
import random
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from repo_lint.facts.auto_mappings import (
    Mapping,
    MappingEntry,
    read_mappings,
    sort_mappings,
    unsorted_mappings,
)
from repo_lint.facts.regions import Region, apply_regions
from tests.realtrees import TreeUnavailable, fetch_tree

REFERENCE = Path(__file__).resolve().parent.parent / "reference-scripts/transformers/utils/sort_auto_mappings.py"
AUTO = "src/transformers/models/auto"


def d(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def wrap(entries: str, name: str = "MODEL_MAPPING_NAMES") -> str:
    """A module holding one mapping in the reference layout; `entries` are written at 8 spaces (one
    leading newline, that of a triple-quoted string, is dropped)."""
    body = textwrap.indent(textwrap.dedent(entries).removeprefix("\n"), " " * 8)
    return f"from collections import OrderedDict\n\n{name} = OrderedDict(\n    [\n{body}    ]\n)\n"


# -- hand-written cases ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    before: str
    after: str
    reference_crashes: bool = False
    compare_reference: bool = True  # False where the reference's output is knowingly different (line ends)

    def __str__(self) -> str:
        return self.name


SORTED = wrap("""
    ("albert", "AlbertModel"),
    ("bert", "BertModel"),
    ("gpt2", "GPT2Model"),
""")

CASES = [
    Case("sorted", SORTED, SORTED),
    Case(
        "unsorted",
        wrap("""
        ("gpt2", "GPT2Model"),
        ("albert", "AlbertModel"),
        ("bert", "BertModel"),
    """),
        SORTED,
    ),
    # Keys compare as Python strings: upper case first, then "-" < "_" < letters; equal keys keep their order.
    Case(
        "string order",
        wrap("""
        ("bert_x", "B2"),
        ("bertweet", "B3"),
        ("bert-generation", "B1"),
        ("EvollaModel", "E"),
        ("dup", "First"),
        ("dup", "Second"),
    """),
        wrap("""
        ("EvollaModel", "E"),
        ("bert-generation", "B1"),
        ("bert_x", "B2"),
        ("bertweet", "B3"),
        ("dup", "First"),
        ("dup", "Second"),
    """),
    ),
    # ruff's layout of a long entry moves as one block; tuple, None and conditional values are kept as written.
    Case(
        "multi-line entries",
        wrap("""
        (
            "zamba",
            ("ZambaTokenizer", "ZambaTokenizerFast" if is_tokenizers_available() else None),
        ),
        ("mamba", None),
        (
            "bart",
            (
                "BartTokenizer",
                "BartTokenizerFast",
            ),
        ),
    """),
        wrap("""
        (
            "bart",
            (
                "BartTokenizer",
                "BartTokenizerFast",
            ),
        ),
        ("mamba", None),
        (
            "zamba",
            ("ZambaTokenizer", "ZambaTokenizerFast" if is_tokenizers_available() else None),
        ),
    """),
    ),
    Case(
        "several mappings, text between kept",
        d('''
        A_MAPPING_NAMES = OrderedDict(
            [
                ("bb", "B"),
                ("aa", "A"),
            ]
        )
        """B_MAPPING = OrderedDict is only text here."""
        B_MAPPING_NAMES = OrderedDict[str, str | None](
            [
                ("yy", None),
                ("xx", "X"),
            ]
        )
    '''),
        d('''
        A_MAPPING_NAMES = OrderedDict(
            [
                ("aa", "A"),
                ("bb", "B"),
            ]
        )
        """B_MAPPING = OrderedDict is only text here."""
        B_MAPPING_NAMES = OrderedDict[str, str | None](
            [
                ("xx", "X"),
                ("yy", None),
            ]
        )
    '''),
    ),
    Case(
        "indented mapping under else",
        d("""
        if TYPE_CHECKING:
            X_MAPPING_NAMES: OrderedDict[str, str] = OrderedDict()
        else:
            MISSING_X_MAPPING_NAMES = OrderedDict(
                [
                    ("zz", {"torchvision": "Z", "pil": "ZPil"}),
                    ("aa", {"torchvision": "A", "pil": None}),
                ]
            )
    """),
        d("""
        if TYPE_CHECKING:
            X_MAPPING_NAMES: OrderedDict[str, str] = OrderedDict()
        else:
            MISSING_X_MAPPING_NAMES = OrderedDict(
                [
                    ("aa", {"torchvision": "A", "pil": None}),
                    ("zz", {"torchvision": "Z", "pil": "ZPil"}),
                ]
            )
    """),
    ),
    # Lines before the first entry line (a `*` item, a heading comment) are not sorted by the reference.
    Case(
        "heading lines stay first",
        wrap("""
        *list(OTHER_MAPPING_NAMES.items()),
        # Model for Masked LM mapping
        ("gpt2", "GPT2Model"),
        ("albert", "AlbertModel"),
    """),
        wrap("""
        *list(OTHER_MAPPING_NAMES.items()),
        # Model for Masked LM mapping
        ("albert", "AlbertModel"),
        ("gpt2", "GPT2Model"),
    """),
    ),
    # A comment holding `("xx"` is a block of its own, sorted by that string: what the reference does.
    Case(
        "commented-out entry sorted by its key",
        wrap("""
        ("gpt2", "GPT2Model"),
        # ("bert", "BertModel"),  removed
        ("albert", "AlbertModel"),
    """),
        wrap("""
        ("albert", "AlbertModel"),
        # ("bert", "BertModel"),  removed
        ("gpt2", "GPT2Model"),
    """),
    ),
    # The reference crashes on any other comment or blank line between entries; they move with the entry below.
    Case(
        "comment moves with its entry",
        wrap("""
        ("gpt2", "GPT2Model"),
        # ALBERT: an old one
        # on two lines
        ("albert", "AlbertModel"),
        ("bert", "BertModel"),  # trailing comments are part of the line
    """),
        wrap("""
        # ALBERT: an old one
        # on two lines
        ("albert", "AlbertModel"),
        ("bert", "BertModel"),  # trailing comments are part of the line
        ("gpt2", "GPT2Model"),
    """),
        reference_crashes=True,
    ),
    Case(
        "comment above a multi-line entry",
        wrap("""
        ("gpt2", "GPT2Model"),
        # a note
        (
            "bart",
            ("BartTokenizer", "BartTokenizerFast"),
        ),
    """),
        wrap("""
        # a note
        (
            "bart",
            ("BartTokenizer", "BartTokenizerFast"),
        ),
        ("gpt2", "GPT2Model"),
    """),
        reference_crashes=True,
    ),
    Case(
        "blank line and trailing comment",
        wrap("""
        ("gpt2", "GPT2Model"),

        ("albert", "AlbertModel"),
        # the end
    """),
        wrap('\n\n("albert", "AlbertModel"),\n("gpt2", "GPT2Model"),\n# the end\n'),
        reference_crashes=True,
    ),
    # The reference's key needs two characters; a one-letter key crashes it, we use the key itself.
    Case(
        "one-letter key",
        wrap("""
        ("c", "C"),
        ("ab", "AB"),
    """),
        wrap("""
        ("ab", "AB"),
        ("c", "C"),
    """),
        reference_crashes=True,
    ),
    Case(
        "closing bracket not on its own line",
        d("""
        X_MAPPING_NAMES = OrderedDict(
            [
                ("bb", "B"),
                ("aa", "A"),
            ])
    """),
        d("""
        X_MAPPING_NAMES = OrderedDict(
            [
                ("aa", "A"),
                ("bb", "B"),
            ])
    """),
        reference_crashes=True,
    ),
    # Moving a comma-less last entry up would break the code: left as written.
    Case(
        "comma-less last entry",
        wrap("""
        ("bb", "B"),
        # note
        ("aa", "A")
    """),
        wrap("""
        ("bb", "B"),
        # note
        ("aa", "A")
    """),
        reference_crashes=True,
    ),
    # The one-line call of configuration_auto.py (5.23.0): no entry line follows, the reference's scan for one
    # runs off the end of the file (IndexError). We leave it and sort the rest.
    Case(
        "one-line OrderedDict(**...)",
        d("""
        A_MAPPING_NAMES = OrderedDict(
            [
                ("bb", "B"),
                ("aa", "A"),
            ]
        )
        CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)
        EMPTY_MAPPING = OrderedDict()
    """),
        d("""
        A_MAPPING_NAMES = OrderedDict(
            [
                ("aa", "A"),
                ("bb", "B"),
            ]
        )
        CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)
        EMPTY_MAPPING = OrderedDict()
    """),
        reference_crashes=True,
    ),
    # ...unless a later entry line is found: the reference then sorts that later mapping (without crashing).
    Case(
        "one-line OrderedDict before a mapping",
        d("""
        CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)
        B_MAPPING_NAMES = OrderedDict(
            [
                ("bb", "B"),
                ("aa", "A"),
            ]
        )
    """),
        d("""
        CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)
        B_MAPPING_NAMES = OrderedDict(
            [
                ("aa", "A"),
                ("bb", "B"),
            ]
        )
    """),
    ),
    Case(
        "one-line OrderedDict before a mapping with a comment",
        d("""
        CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)
        B_MAPPING_NAMES = OrderedDict(
            [
                ("bb", "B"),
                # about aa
                ("aa", "A"),
            ]
        )
    """),
        d("""
        CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)
        B_MAPPING_NAMES = OrderedDict(
            [
                # about aa
                ("aa", "A"),
                ("bb", "B"),
            ]
        )
    """),
        reference_crashes=True,
    ),
    # Not an `= OrderedDict` intro: the reference does not sort dict literals, nor do we.
    Case(
        "dict literal",
        'X_MAPPING_NAMES = {\n    "bb": "B",\n    "aa": "A",\n}\n',
        'X_MAPPING_NAMES = {\n    "bb": "B",\n    "aa": "A",\n}\n',
    ),
    # The reference scan is textual: a file that does not parse is still sorted.
    Case(
        "syntax error elsewhere",
        wrap('("bb", "B"),\n("aa", "A"),\n') + "def broken(:\n",
        wrap('("aa", "A"),\n("bb", "B"),\n') + "def broken(:\n",
    ),
    Case(
        "no final newline",
        wrap('("bb", "B"),\n("aa", "A"),\n').rstrip("\n"),
        wrap('("aa", "A"),\n("bb", "B"),\n').rstrip("\n"),
    ),
    Case("empty", "", ""),
    # "\r\n" line ends are kept (the reference, in text mode, would write "\n").
    Case(
        "crlf",
        wrap('("bb", "B"),\n# c\n("aa", "A"),\n').replace("\n", "\r\n"),
        wrap('# c\n("aa", "A"),\n("bb", "B"),\n').replace("\n", "\r\n"),
        compare_reference=False,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_sort_mappings(case: Case):
    assert sort_mappings(case.before) == case.after


@pytest.mark.parametrize("case", CASES, ids=str)
def test_regions_rebuild_the_sorted_text(case: Case):
    regions = unsorted_mappings(case.before)
    assert apply_regions(case.before, regions) == case.after
    assert (regions == []) == (case.before == case.after)
    assert sort_mappings(case.after) == case.after
    assert unsorted_mappings(case.after) == []


@pytest.mark.parametrize("case", [c for c in CASES if c.compare_reference], ids=str)
def test_hand_written_case_matches_reference(case: Case, tmp_path: Path):
    result = run_reference(reference(), case.before, tmp_path)
    assert (result is None) == case.reference_crashes
    if result is not None:
        assert result == case.after


def test_regions_cover_only_changed_lines():
    text = wrap('("aa", "A"),\n("cc", "C"),\n("bb", "B"),\n("dd", "D"),\n')
    regions = unsorted_mappings(text)
    assert regions == [Region(5, 7, '        ("bb", "B"),\n        ("cc", "C"),\n', "MODEL_MAPPING_NAMES")]


# -- reading --------------------------------------------------------------------------------------------------------


def test_read_entries_values_and_positions():
    text = CASES[3].before  # multi-line entries
    [mapping] = read_mappings(text)
    assert (mapping.name, mapping.line, mapping.end_line, mapping.sortable, mapping.problem) == (
        "MODEL_MAPPING_NAMES",
        3,
        18,
        True,
        None,
    )
    assert mapping.entries == [
        MappingEntry("zamba", ("ZambaTokenizer", "ZambaTokenizerFast", None), 5, 8, 9),
        MappingEntry("mamba", (None,), 9, 9, 9),
        MappingEntry("bart", ("BartTokenizer", "BartTokenizerFast"), 10, 16, 9),
    ]


def test_read_dict_values_layouts_and_sortable():
    text = d("""
        if TYPE_CHECKING:
            X_MAPPING_NAMES: OrderedDict[str, str] = OrderedDict()
        else:
            X_MAPPING_NAMES = OrderedDict(
                [
                    ("aa", {"torchvision": "A", "pil": None}),
                ]
            )
        D_MAPPING = {"é": "E", **OTHER_MAPPING, **{"k": "K"}}
        K_MAPPING = dict(kw="KW")
        PLAIN_NAMES = OrderedDict([("a", "A")])
        L_MAPPING = _LazyAutoMapping(A, B)

        def f():
            F_MAPPING = OrderedDict()
    """)
    found = read_mappings(text)
    assert [(m.name, m.line, m.sortable, m.problem, m.merged) for m in found] == [
        ("X_MAPPING_NAMES", 2, False, None, ()),
        ("X_MAPPING_NAMES", 4, True, None, ()),
        ("D_MAPPING", 9, False, None, ("OTHER_MAPPING",)),
        ("K_MAPPING", 10, False, None, ()),
    ]
    assert found[1].entries == [MappingEntry("aa", ("A", None), 6, 6, 13)]
    columns = [(e.key, e.value, e.column) for e in found[2].entries]
    assert columns == [("é", ("E",), 14), ("k", ("K",), 44)]  # characters, not bytes
    assert [(e.key, e.value) for e in found[3].entries] == [("kw", ("KW",))]


def test_read_the_one_line_merge_of_configuration_auto():
    text = 'CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)\n'
    assert read_mappings(text) == [
        Mapping(
            "CONFIG_MAPPING_NAMES",
            1,
            1,
            [MappingEntry("gpt-sw3", ("GPT2Config",), 1, 1, 39)],
            False,
            None,
            ("CONFIG_MAPPING_NAMES",),
        )
    ]


def test_read_star_items_as_merged():
    [mapping] = read_mappings(CASES[6].before)
    assert mapping.merged == ("OTHER_MAPPING_NAMES",)
    assert [e.key for e in mapping.entries] == ["gpt2", "albert"]
    assert mapping.problem is None and mapping.sortable


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("A_MAPPING = OrderedDict(make())", "line 1: the argument is not a list, tuple or dict literal"),
        ("A_MAPPING = OrderedDict([(KEY, 'A')])", "line 1: a key is not a string literal"),
        (
            "A_MAPPING = OrderedDict([('a', get())])",
            "line 1: a value is not class names (strings, names, None, tuples)",
        ),
        ("A_MAPPING = OrderedDict([('a', 'A', 'B')])", "line 1: an item is not a `(key, value)` tuple"),
        ("A_MAPPING = OrderedDict(x, y)", "line 1: more than one positional argument"),
        ("A_MAPPING = {**make()}", "line 1: `**` of something other than a dict literal or a name"),
    ],
)
def test_layouts_not_understood_give_a_problem(source: str, problem: str):
    [mapping] = read_mappings(source + "\n")
    assert mapping.problem == problem
    assert not mapping.sortable


def test_non_literal_key_is_kept_as_none():
    [mapping] = read_mappings("A_MAPPING = OrderedDict([(KEY, 'A'), ('b', 'B')])\n")
    assert [e.key for e in mapping.entries] == [None, "b"]


def test_unparsable_file_gives_problems_not_exceptions():
    [mapping] = read_mappings(wrap('("aa", "A"),\n') + "def broken(:\n")
    assert (mapping.name, mapping.line, mapping.entries, mapping.sortable) == ("MODEL_MAPPING_NAMES", 3, [], False)
    assert mapping.problem == "the file cannot be read by `ast` (line 8: invalid syntax)"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00",
        "\ufeff" + SORTED,
        SORTED.replace("\n", "\r"),
        "X_MAPPING = OrderedDict(",
        "    A_MAPPING = OrderedDict(\n        (\n",
        wrap('("bb"\n'),
        "\n" * 3 + "]",
    ],
)
def test_odd_input_never_raises(text: str):
    read_mappings(text)
    assert apply_regions(text, unsorted_mappings(text)) == sort_mappings(text)


# -- the reference script ------------------------------------------------------------------------------------------


@functools.cache
def _load_reference():
    if not REFERENCE.is_file():
        return None
    spec = importlib.util.spec_from_file_location("_reference_sort_auto_mappings", REFERENCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference():
    """The reference module, or skip saying why (reference-scripts/ is git-ignored, so CI has none)."""
    module = _load_reference()
    if module is None:
        pytest.skip(
            f"REFERENCE ABSENT: {REFERENCE} not found (reference-scripts/ is git-ignored, "
            "so there is no reference to compare against here)"
        )
    return module


def run_reference(module, text: str, tmp_path: Path) -> str | None:
    """What the reference writes for a file holding `text`, or None when it crashes (and writes nothing)."""
    path = tmp_path / "auto_module.py"
    path.write_bytes(text.encode("utf-8"))
    try:
        module.sort_auto_mapping(str(path), overwrite=True)
    except Exception:
        return None
    return path.read_bytes().decode("utf-8")


# -- the released tree ------------------------------------------------------------------------------------------------

# file -> (mappings, sortable ones, entries); 5.23.0 is pinned, so these are exact.
EXPECTED = {
    "__init__.py": (0, 0, 0),
    "auto_factory.py": (0, 0, 0),
    "auto_mappings.py": (5, 5, 1147),
    "configuration_auto.py": (1, 0, 1),  # the one-line `OrderedDict(**{"gpt-sw3": ...}, **CONFIG_MAPPING_NAMES)`
    "feature_extraction_auto.py": (1, 1, 44),
    "image_processing_auto.py": (2, 1, 96),  # the unsortable one: annotated `... = OrderedDict()` (empty)
    "modeling_auto.py": (54, 54, 1808),
    "processing_auto.py": (2, 1, 37),  # same
    "tokenization_auto.py": (1, 1, 275),
    "video_processing_auto.py": (2, 1, 17),  # same
}
REFERENCE_CRASHES_ON = {"configuration_auto.py"}  # IndexError at the one-line call, on every variant of the file
VARIANTS = 3


@functools.cache
def auto_files() -> tuple[tuple[str, str], ...]:
    try:
        root = fetch_tree("transformers") / AUTO
    except TreeUnavailable as exc:
        pytest.skip(f"TRANSFORMERS TREE UNAVAILABLE: {exc}")
    return tuple((p.name, p.read_bytes().decode("utf-8")) for p in sorted(root.glob("*.py")))


def entry_groups(text: str) -> list[list[tuple[int, int]]]:
    """Per sortable mapping, the 0-based line ranges of its entries (taken from `read_mappings`)."""
    groups = []
    for mapping in read_mappings(text):
        spans = [(e.line - 1, e.end_line) for e in mapping.entries]
        if mapping.sortable and spans and all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False)):
            groups.append(spans)
    return groups


def shuffled(text: str, seed: int, comment_every: int = 0) -> tuple[str, str]:
    """`(shuffled text, expected sorted text)`: entries shuffled per mapping, plus, with `comment_every`,
    a comment above every n-th entry (not the first one after shuffling, which the sort keeps as a heading)."""
    rng = random.Random(seed)
    lines, expected = text.split("\n"), text.split("\n")
    for spans in reversed(entry_groups(text)):
        order = list(range(len(spans)))
        rng.shuffle(order)
        notes = {k: f"{' ' * 8}# note {seed}-{k}" for k in order[1:] if comment_every and k % comment_every == 0}
        block = [line for k in order for line in [notes.get(k)] * (k in notes) + lines[slice(*spans[k])]]
        lines[spans[0][0] : spans[-1][1]] = block
        for k in sorted(notes, reverse=True):
            expected.insert(spans[k][0], notes[k])
    return "\n".join(lines), "\n".join(expected)


@pytest.mark.realtree
def test_released_auto_files_read_without_problems():
    counts = {}
    for name, text in auto_files():
        mappings = read_mappings(text)
        assert [(m.name, m.problem) for m in mappings if m.problem] == [], name
        counts[name] = (len(mappings), sum(m.sortable for m in mappings), sum(len(m.entries) for m in mappings))
    assert counts == EXPECTED


@pytest.mark.realtree
def test_released_mappings_are_sorted():
    assert {name: unsorted_mappings(text) for name, text in auto_files() if unsorted_mappings(text)} == {}


@pytest.mark.realtree
def test_the_mapping_the_reference_crashes_on():
    text = dict(auto_files())["configuration_auto.py"]
    [mapping] = read_mappings(text)
    assert text.split("\n")[mapping.line - 1] == (
        'CONFIG_MAPPING_NAMES = OrderedDict(**{"gpt-sw3": "GPT2Config"}, **CONFIG_MAPPING_NAMES)'
    )
    assert (mapping.sortable, mapping.merged, [e.key for e in mapping.entries]) == (
        False,
        ("CONFIG_MAPPING_NAMES",),
        ["gpt-sw3"],
    )
    assert sort_mappings(text) == text


@pytest.mark.realtree
@pytest.mark.parametrize("seed", range(VARIANTS))
def test_shuffled_mappings_sort_back(seed: int):
    for name, text in auto_files():
        mixed, expected = shuffled(text, seed)
        assert expected == text
        assert sort_mappings(mixed) == text, name
        assert apply_regions(mixed, unsorted_mappings(mixed)) == text, name


@pytest.mark.realtree
@pytest.mark.parametrize("seed", range(VARIANTS))
def test_comments_travel_with_their_entries(seed: int, tmp_path: Path):
    """The reference crashes on all these (where present, that is checked too): each comment is a block to it."""
    module = _load_reference()
    for name, text in auto_files():
        mixed, expected = shuffled(text, seed, comment_every=7)
        assert sort_mappings(mixed) == expected, name
        if module is not None and "# note" in mixed:
            assert run_reference(module, mixed, tmp_path) is None, name


@pytest.mark.realtree
@pytest.mark.parametrize("seed", [None, *range(VARIANTS)])
def test_released_files_match_reference(seed: int | None, tmp_path: Path):
    module = reference()
    compared = 0
    for name, text in auto_files():
        mixed = text if seed is None else shuffled(text, seed)[0]
        expected = run_reference(module, mixed, tmp_path)
        assert (expected is None) == (name in REFERENCE_CRASHES_ON), name
        if expected is not None:
            assert sort_mappings(mixed) == expected, name
            compared += 1
    assert compared == len(EXPECTED) - len(REFERENCE_CRASHES_ON)


@pytest.mark.realtree
def test_reference_crash_is_the_one_line_call_only(tmp_path: Path):
    """Without its one-line call, configuration_auto.py no longer crashes the reference, and we agree."""
    module = reference()
    text = dict(auto_files())["configuration_auto.py"]
    without = re.sub(r"(?m)^CONFIG_MAPPING_NAMES = OrderedDict\(\*\*.*\n", "", text)
    assert without != text
    assert run_reference(module, without, tmp_path) == sort_mappings(without) == without
