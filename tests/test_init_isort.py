"""`checks/inits/isort.py`: lazy-init sorting identical to the reference `utils/custom_init_isort.py`.

- Hand-written inputs with expected outputs run everywhere (and are also fed to the reference when it is
  present, so the expectations themselves are checked).
- Where `reference-scripts/` exists (git-ignored, so not in CI), every `__init__.py` of the released
  transformers and diffusers trees, and seeded shuffles of them, are sorted by the reference and by us
  and compared byte for byte.
- `unsorted_regions` applied bottom-up always gives `sort_init`, and is empty for sorted text.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import random
import re
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repo_lint.checks.inits.isort import sort_init, sort_names, unsorted_regions  # noqa: E402

from repo_lint.facts.regions import Region, apply_regions  # noqa: E402
from tests.realtrees import TreeUnavailable, fetch_tree  # noqa: E402

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference-scripts"
SOURCE_ROOT = {"transformers": "src/transformers", "diffusers": "src/diffusers"}
# What the reference (and so repo-lint) would rewrite in the clean released trees: diffusers 0.42.1 ships
# `loaders/__init__.py` with `_import_structure["lora_pipeline"]` after `"utils"` in its torch block.
UNSORTED_IN_RELEASE = {"transformers": set(), "diffusers": {"loaders/__init__.py"}}
# Shuffled copies per init: few transformers inits are classic lazy ones (v5 generates the rest).
VARIANTS = {"transformers": 25, "diffusers": 4}


def d(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- hand-written cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    before: str
    after: str
    flavor: str = "transformers"
    fixed_point: bool = True  # sorting `after` again changes nothing

    def __str__(self) -> str:
        return self.name


DICT_BEFORE = d("""
    # header
    from typing import TYPE_CHECKING

    _import_structure = {
        "models.bert": ["load_tf_weights", "BertModel", "BERT_LIST", "Bert_Config"],
        "configuration_utils": ["PretrainedConfig"],
        # a comment stays on its line
        "models.albert": [
            "AlbertModel",
            "ALBERT_LIST",
            "albert_fn",
        ],
        "activations": [
            "gelu", "ACT2FN", "Activation"
        ],
    }

    if TYPE_CHECKING:
        from .models.bert import BertModel, BertConfig
""")
DICT_AFTER = d("""
    # header
    from typing import TYPE_CHECKING

    _import_structure = {
        "activations": [
            "ACT2FN", "Activation", "gelu"
        ],
        "configuration_utils": ["PretrainedConfig"],
        # a comment stays on its line
        "models.albert": [
            "ALBERT_LIST",
            "AlbertModel",
            "albert_fn",
        ],
        "models.bert": ["BERT_LIST", "Bert_Config", "BertModel", "load_tf_weights"],
    }

    if TYPE_CHECKING:
        from .models.bert import BertModel, BertConfig
""")

GUARDED_BEFORE = d("""
    from typing import TYPE_CHECKING

    _import_structure = {"utils": ["logging"]}

    try:
        if not is_torch_available():
            raise OptionalDependencyNotAvailable()
    except OptionalDependencyNotAvailable:
        from .utils import dummy_pt_objects

        _import_structure["utils.dummy_pt_objects"] = [n for n in dir(dummy_pt_objects) if n[0] != "_"]
    else:
        _import_structure["models.bert"].append("BertModel")
        _import_structure["activations"].extend(
            [
                "gelu",
                "ACT2FN",
                "Activation",
            ]
        )
        _import_structure["models.albert"].extend(["AlbertModel", "ALBERT_LIST", "albert_fn"])

    if TYPE_CHECKING:
        pass
""")
GUARDED_AFTER = d("""
    from typing import TYPE_CHECKING

    _import_structure = {"utils": ["logging"]}

    try:
        if not is_torch_available():
            raise OptionalDependencyNotAvailable()
    except OptionalDependencyNotAvailable:
        from .utils import dummy_pt_objects

        _import_structure["utils.dummy_pt_objects"] = [n for n in dir(dummy_pt_objects) if n[0] != "_"]
    else:
        _import_structure["activations"].extend(
            [
                "ACT2FN",
                "Activation",
                "gelu",
            ]
        )
        _import_structure["models.albert"].extend(["ALBERT_LIST", "AlbertModel", "albert_fn"])
        _import_structure["models.bert"].append("BertModel")

    if TYPE_CHECKING:
        pass
""")

# Diffusers style: `if is_x_available():` blocks. Only the statements at the block's first indentation
# level are reordered; the reference leaves a nested `if` block (and what is inside it) as it is.
NESTED_BEFORE = d("""
    import os

    _import_structure = {}

    if is_torch_available():
        _import_structure["modeling_b"] = ["BModel"]
        _import_structure["modeling_a"] = ["a_fn", "AModel", "A_CONST"]
        if is_transformers_available():
            _import_structure["pipeline_d"] = ["DPipeline"]
            _import_structure["pipeline_c"] = ["CPipeline"]
        _import_structure["modeling_c"] = ["CModel"]

    if TYPE_CHECKING or DIFFUSERS_SLOW_IMPORT:
        pass
""")
NESTED_AFTER = NESTED_BEFORE.replace(
    '    _import_structure["modeling_b"] = ["BModel"]\n'
    '    _import_structure["modeling_a"] = ["a_fn", "AModel", "A_CONST"]',
    '    _import_structure["modeling_a"] = ["A_CONST", "AModel", "a_fn"]\n'
    '    _import_structure["modeling_b"] = ["BModel"]',
)


def lines(*text: str) -> str:
    """A small file: `text` lines, each ended by a newline."""
    return "".join(line + "\n" for line in text)


DICT = ("#", "_import_structure = {")
V5 = ("#", "from .utils.import_utils import define_import_structure", "_import_structure = {")
CASES = [
    Case("dict keys and the three list layouts", DICT_BEFORE, DICT_AFTER),
    Case("try/else guard with append and extend", GUARDED_BEFORE, GUARDED_AFTER),
    Case("nested if levels (diffusers)", NESTED_BEFORE, NESTED_AFTER, flavor="diffusers"),
    Case(
        "one-line dict entry",
        lines(*DICT, '    "a": ["b_fn", "Bc", "B", "B_C", "BA"],', "}"),
        lines(*DICT, '    "a": ["B", "BA", "B_C", "Bc", "b_fn"],', "}"),
    ),
    Case(
        "single name left as written",
        lines(*DICT, '    "b": [ "X" ],', '    "a": ["Y"],', "}"),
        lines(*DICT, '    "a": ["Y"],', '    "b": [ "X" ],', "}"),
    ),
    Case("sorted text is left alone", DICT_AFTER, DICT_AFTER),
    Case("not a lazy init", lines("import os", "x = {'b': 1, 'a': 2}"), lines("import os", "x = {'b': 1, 'a': 2}")),
    Case(
        "v5 generated init skipped (transformers)",
        lines("#", "from .utils.import_utils import define_import_structure", "_import_structure = dict(", ")"),
        lines("#", "from .utils.import_utils import define_import_structure", "_import_structure = dict(", ")"),
    ),
    Case(
        "a main init with define_import_structure and a dict is sorted (transformers)",
        lines(*V5, '    "b": [],', '    "a": [],', "}"),
        lines(*V5, '    "a": [],', '    "b": [],', "}"),
    ),
    Case(
        "v5 generated init not skipped (diffusers)",
        lines(*V5, '    "b": [],', '    "a": [],', "}"),
        lines(*V5, '    "a": [],', '    "b": [],', "}"),
        flavor="diffusers",
    ),
    Case(
        "lines after `if TYPE_CHECKING:` untouched",
        lines(*DICT, '    "a": ["Y"],', "}", "if TYPE_CHECKING:", '    x = ["b", "A"]'),
        lines(*DICT, '    "a": ["Y"],', "}", "if TYPE_CHECKING:", '    x = ["b", "A"]'),
    ),
    # Where the reference crashes it writes nothing: a comment inside a one-name-per-line list...
    Case(
        "comment in a one-per-line list: left as is",
        lines(*DICT, '    "b": [', '        "Y",', '        # "Z",', "    ],", '    "a": ["X"],', "}"),
        lines(*DICT, '    "b": [', '        "Y",', '        # "Z",', "    ],", '    "a": ["X"],', "}"),
    ),
    # ... or a one-line top-level statement directly followed by another top-level line.
    Case(
        "one-line top-level statement: left as is",
        lines("#", "_import_structure = {}", '_import_structure["b"] = ["Y", "X"]', '_import_structure["a"] = ["Z"]'),
        lines("#", "_import_structure = {}", '_import_structure["b"] = ["Y", "X"]', '_import_structure["a"] = ["Z"]'),
    ),
    # Reference quirks reproduced on purpose.
    Case(
        "quirk: bracket-less middle line is normalised",
        lines(*DICT, '    "a": [', '        "b","A",', "    ],", "}"),
        lines(*DICT, '    "a": [', '        "A", "b"', "    ],", "}"),
    ),
    Case(
        "quirk: blank line above a leading `_import_structure = {`",
        lines("_import_structure = {", '    "b": [],', '    "a": [],', "}"),
        lines("", "_import_structure = {", '    "a": [],', '    "b": [],', "}"),
    ),
    Case(
        "quirk: `_FOO` is a constant and a function, so listed twice",
        lines(*DICT, '    "a": ["_FOO", "Bar"],', "}"),
        lines(*DICT, '    "a": ["_FOO", "Bar", "_FOO"],', "}"),
        fixed_point=False,
    ),
    Case(
        "quirk: blank line before a block's last line naming `_import_structure`",
        lines(
            "#",
            "_import_structure = {}",
            "",
            "if x:",
            "    y = 1",
            '_import_structure["a"] = ["B"]',
            "",
            "if TYPE_CHECKING:",
            "    pass",
        ),
        lines(
            "#",
            "_import_structure = {}",
            "",
            "if x:",
            "    y = 1",
            "",
            '_import_structure["a"] = ["B"]',
            "",
            "if TYPE_CHECKING:",
            "    pass",
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hand_written_case(case: Case):
    assert sort_init(case.before, case.flavor) == case.after
    assert apply_regions(case.before, unsorted_regions(case.before, case.flavor)) == case.after
    assert (unsorted_regions(case.before, case.flavor) == []) == (case.before == case.after)
    if case.fixed_point:
        assert sort_init(case.after, case.flavor) == case.after
        assert unsorted_regions(case.after, case.flavor) == []


@pytest.mark.parametrize("case", CASES, ids=str)
def test_hand_written_case_matches_reference(case: Case, tmp_path: Path):
    assert run_reference(reference(case.flavor), case.before, tmp_path) == case.after


def test_name_order_groups_and_keys():
    names = ["load_tf", "BertModel", "BERT_LIST", "ALBERT", "Bert_A", "bert", "A_C", "AB", "_private"]
    assert sort_names(names) == [
        "AB",
        "A_C",
        "ALBERT",
        "BERT_LIST",
        "Bert_A",
        "BertModel",
        "bert",
        "load_tf",
        "_private",
    ]


def test_regions_are_per_statement_and_described():
    regions = unsorted_regions(DICT_BEFORE)
    assert regions == [Region(4, 15, "".join(DICT_AFTER.splitlines(True)[4:15]), "keys of `_import_structure`")]
    c_entry = ('    "c": [', '        "W",', '        "V",', "    ],")
    text = lines(*DICT, '    "a": ["Y", "X"],', '    "b": ["Z"],', *c_entry, "}")
    assert unsorted_regions(text) == [
        Region(2, 3, '    "a": ["X", "Y"],\n', 'objects of `_import_structure["a"]`'),
        Region(4, 8, '    "c": [\n        "V",\n        "W",\n    ],\n', 'objects of `_import_structure["c"]`'),
    ]
    regions = unsorted_regions(GUARDED_BEFORE)
    assert [(r.start_line, r.end_line, r.what) for r in regions] == [
        (12, 21, "the `_import_structure[...]` statements")
    ]


def test_crlf_text_keeps_its_line_ends():
    before, after = DICT_BEFORE.replace("\n", "\r\n"), DICT_AFTER.replace("\n", "\r\n")
    assert sort_init(before) == after
    assert all(r.new_text.endswith("\r\n") for r in unsorted_regions(before))
    assert sort_init(after) == after


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n",
        "_import_structure",
        "_import_structure = {",
        "_import_structure = {\n",
        "\x00\r\n\t\x0c",
        '_import_structure = {\n    "a": [\n',
        '#\n_import_structure = {\n    "a": ["", "B"],\n    "b": [],\n}\n',
        '#\n_import_structure = {\n    "b": [\n        "Y",,\n    ],\n    "a": [],\n}\n',
        "if TYPE_CHECKING:\n" * 3,
        '#\n_import_structure = {\n}\n\tx\n\ty\n  z\n_import_structure["\n',
        "\ufeff_import_structure = {\n}",
    ],
)
def test_odd_input_never_raises(text: str):
    for flavor in ("transformers", "diffusers"):
        result = sort_init(text, flavor)
        assert apply_regions(text, unsorted_regions(text, flavor)) == result


def test_unknown_flavor_is_an_error():
    with pytest.raises(ValueError, match="flavor"):
        sort_init("", "tensorflow")


# -- the reference script ------------------------------------------------------------------------------------


@functools.cache
def _load_reference(flavor: str):
    path = REFERENCE_DIR / flavor / "utils" / "custom_init_isort.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"_reference_custom_init_isort_{flavor}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference(flavor: str):
    """The reference module of `flavor`, or skip the test saying why (reference-scripts/ is git-ignored)."""
    module = _load_reference(flavor)
    if module is None:
        pytest.skip(
            f"REFERENCE ABSENT: {REFERENCE_DIR}/{flavor}/utils/custom_init_isort.py not found "
            "(reference-scripts/ is git-ignored, so CI has no reference to compare against)"
        )
    return module


def run_reference(module, text: str, tmp_path: Path) -> str:
    """What the reference leaves in a file holding `text`; when it raises, it has written nothing."""
    path = tmp_path / "__init__.py"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            module.sort_imports(str(path), check_only=False)
    except Exception:  # the reference's crash on odd input means "file untouched", as for us
        return text
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


# -- real trees -------------------------------------------------------------------------------------------


@functools.cache
def _inits(name: str) -> tuple[tuple[str, str], ...]:
    root = fetch_tree(name) / SOURCE_ROOT[name]
    return tuple(
        (p.relative_to(root).as_posix(), p.read_text(encoding="utf-8").replace("\r\n", "\n"))
        for p in sorted(root.rglob("__init__.py"))
    )


def real_inits(name: str) -> tuple[tuple[str, str], ...]:
    try:
        return _inits(name)
    except TreeUnavailable as error:  # skip loudly: say exactly why
        pytest.skip(f"REAL TREE UNAVAILABLE, {name} inits not checked: {error}")


_ENTRY = re.compile(r'^(\s*)("[^"]+"\s*:|_import_structure\[)')
_NAME_LINE = re.compile(r'^\s*"[^"]+",\s*$')
_ONE_LINE_LIST = re.compile(r'\[((?:\s*"[^"]+"\s*,)+\s*"[^"]+"\s*,?\s*)\]')


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _entry_end(lines: list[str], start: int) -> int:
    """End of the entry starting at `start`: deeper lines plus closing `]`/`)` lines at its own indent."""
    level, end = _indent(lines[start]), start + 1
    while (
        end < len(lines)
        and lines[end].strip()
        and (_indent(lines[end]) > level or (_indent(lines[end]) == level and lines[end].strip()[0] in "])"))
    ):
        end += 1
    return end


def shuffle_init(text: str, rng: random.Random) -> str:
    """Shuffle runs of adjacent `_import_structure` entries, one-per-line name runs and one-line lists."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        found = _ENTRY.match(lines[i])
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        run = []
        while i < len(lines) and (m := _ENTRY.match(lines[i])) and m.group(1) == found.group(1):
            end = _entry_end(lines, i)
            run.append(lines[i:end])
            i = end
        rng.shuffle(run)
        out.extend(line for entry in run for line in entry)
    for start in range(len(out)):  # shuffle runs of `"Name",` lines in place
        if _NAME_LINE.match(out[start]) and (start == 0 or not _NAME_LINE.match(out[start - 1])):
            end = start
            while end < len(out) and _NAME_LINE.match(out[end]):
                end += 1
            run = out[start:end]
            rng.shuffle(run)
            out[start:end] = run

    def shuffle_list(match: re.Match) -> str:
        items = [item.strip() for item in match.group(1).split(",") if item.strip()]
        rng.shuffle(items)
        return "[" + ", ".join(items) + "]"

    return "\n".join(_ONE_LINE_LIST.sub(shuffle_list, line) for line in out)


def variants(name: str) -> list[tuple[str, str]]:
    """Seeded shuffled copies of the inits that the flavor actually sorts."""
    result = []
    for rel, text in real_inits(name):
        if "_import_structure" not in text or (name == "transformers" and "_import_structure = {" not in text):
            continue
        for number in range(VARIANTS[name]):
            shuffled = shuffle_init(text, random.Random(f"{name}:{rel}:{number}"))
            if shuffled != text:
                result.append((f"{rel}#{number}", shuffled))
    return result


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["transformers", "diffusers"])
def test_released_inits_sorted_except_known(name: str):
    changed = {rel for rel, text in real_inits(name) if sort_init(text, name) != text}
    assert changed == UNSORTED_IN_RELEASE[name]


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["transformers", "diffusers"])
def test_released_inits_match_reference(name: str, tmp_path: Path):
    inits = real_inits(name)
    for flavor in ("transformers", "diffusers"):  # the other flavor too: more code paths compared
        module = reference(flavor)
        mismatches = [rel for rel, text in inits if run_reference(module, text, tmp_path) != sort_init(text, flavor)]
        assert mismatches == [], f"{flavor} flavor differs from the reference on {name}: {mismatches[:10]}"


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["transformers", "diffusers"])
@pytest.mark.parametrize("flavor", ["transformers", "diffusers"])
def test_shuffled_inits_match_reference(name: str, flavor: str, tmp_path: Path):
    module = reference(flavor)
    cases = variants(name)
    mismatches, rewritten = [], 0
    for label, text in cases:
        expected = run_reference(module, text, tmp_path)
        rewritten += expected != text
        if sort_init(text, flavor) != expected:
            mismatches.append(label)
    assert mismatches == [], f"{flavor} flavor differs on {len(mismatches)} shuffled {name} inits: {mismatches[:10]}"
    # Many shuffles stay as they are, and rightly: e.g. the diffusers script reads `"key":` keys in a
    # `try/else` branch whose first line names `_import_structure`, so it never reorders those statements.
    assert rewritten >= max(5, len(cases) // 20), f"shuffles too weak: {rewritten} of {len(cases)} rewritten"


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["transformers", "diffusers"])
def test_regions_rebuild_sort_init_on_real_inits(name: str):
    cases = list(real_inits(name)) + variants(name)
    assert len(cases) > 100
    for label, text in cases:
        regions = unsorted_regions(text, name)
        fixed = sort_init(text, name)
        assert apply_regions(text, regions) == fixed, label
        assert (regions == []) == (fixed == text), label
        assert all(a.end_line <= b.start_line for a, b in zip(regions, regions[1:], strict=False)), label
        assert sort_init(fixed, name) == fixed, f"{label}: one fix does not reach a fixed point"
