"""The NAM family: its extractors (column-0 classes, file kinds, the style walk), the judge on small
repositories (generated files, classes in strings, `--select`), and the released trees: transformers 5.23.0
gives exactly the listed NAM001/NAM002 defects with its preset, diffusers 0.42.1 nothing."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from repo_lint.parsing import Unparsable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repo_lint.checks.naming.facts import file_kind, normalized, read_class_names, read_file_classes  # noqa: E402
from repo_lint.checks.naming.style import StyleSpec, read_style_facts  # noqa: E402

from tests.helpers import check_json, write  # noqa: E402
from tests.realtree_expected_naming import TRANSFORMERS_NAMING_DEFECTS  # noqa: E402
from tests.realtrees import lint_json, tree_or_skip  # noqa: E402

MARKER = "This file was automatically generated from"
ALL = StyleSpec(
    codes=("NAM003", "NAM004", "NAM005"),
    one_letter_allowed=("_", "x"),
    abbreviations=(("act", "activation"), ("bsz", "batch_size")),
)


def style(text: str, spec: StyleSpec = ALL) -> list[tuple[str, int, str]]:
    facts = read_style_facts(textwrap.dedent(text), spec)
    assert facts is not None
    return [(f.code, f.line, f.name) for f in facts.findings]


# --- facts: classes and file kinds -----------------------------------------------------------------------


def test_column_zero_classes_with_lines_and_columns():
    text = "import torch\n\n\n@dataclass\nclass BertOutput:\n    class Inner:\n        pass\n\nclass  BertModel(X):\n"
    facts = read_file_classes(text, MARKER)
    assert [(c.name, c.line, c.column) for c in facts.classes] == [("BertOutput", 5, 7), ("BertModel", 9, 8)]
    assert facts.generated_from == ""


def test_generated_banner_names_its_modular_source():
    text = (
        "#  This file was automatically generated from src/transformers/models/bert/modular_bert.py.\n"
        "class BertModel:\n    pass\n"
    )
    assert read_file_classes(text, MARKER).generated_from == "modular_bert.py"
    assert read_file_classes(text, "").generated_from == ""


def test_ast_confirms_only_real_top_level_classes():
    text = 'DOC = """\nclass NotAClass:\n"""\n\n\nclass Real:\n    pass\n'
    assert [c.name for c in read_file_classes(text, MARKER).classes] == ["NotAClass", "Real"]
    assert read_class_names(text) == frozenset({"Real"})
    assert isinstance(read_class_names("class Broken(:\n"), Unparsable)


def test_file_kind_accepts_variants_and_prefers_the_longest_kind():
    kinds = ("modeling_", "modeling_tf_", "tokenization_", "image_processing_", "image_processing_pil_")
    assert file_kind("modeling_bert", "bert", kinds) == "modeling_"
    assert file_kind("modeling_tf_bert", "bert", kinds) == "modeling_tf_"
    assert file_kind("tokenization_t5_fast", "t5", kinds) == "tokenization_"
    assert file_kind("image_processing_pil_donut", "donut", kinds) == "image_processing_pil_"
    assert file_kind("modeling_esmfold", "esm", kinds) is None  # `esmfold` is not `esm` nor `esm_<variant>`
    assert file_kind("layers", "bert", kinds) is None


def test_prefixes_compare_without_case_and_underscores():
    assert normalized("Qwen2_5_VLModel").startswith(normalized("Qwen2_5_VL"))
    assert normalized("PaligemmaModelOutputWithPast").startswith(normalized("PaliGemma"))


# --- facts: the style walk ---------------------------------------------------------------------------------


def test_one_letter_names_parameters_variables_attributes_once_per_scope():
    found = style("""\
        def scale(h: float, factor: float) -> float:
            b = h * factor
            b = b + 1
            return b

        class Layer:
            def __init__(self) -> None:
                self.w = 1

            def forward(self) -> int:
                self.w = 2
                return self.w
        """)
    assert found == [("NAM003", 1, "h"), ("NAM003", 2, "b"), ("NAM003", 8, "w")]


def test_loop_indices_comprehensions_lambdas_and_allowed_letters_are_fine():
    found = style("""\
        def total(values: list, x: int) -> int:
            squares = [v * v for v in values]
            key = lambda k: k
            for i, (_, y) in enumerate(zip(squares, values)):
                x += i + y
            return x + key(0)
        """)
    assert found == []


def test_unpacking_with_targets_and_exception_names_count():
    found = style("""\
        def shape(hidden_states: object) -> None:
            b, seq_length = hidden_states.shape
            with open("f") as f:
                pass
            try:
                pass
            except ValueError as e:
                pass
        """)
    assert [name for _, _, name in found] == ["b", "f", "e"]


def test_abbreviations_are_words_of_bound_snake_case_names():
    found = style("""\
        class Mlp:
            def __init__(self, config: object) -> None:
                self.act = config.hidden_act
                self.activation = config.act
                self.react = 1

        def run(bsz: int) -> int:
            return bsz
        """)
    assert found == [("NAM004", 3, "act"), ("NAM004", 7, "bsz")]
    spec = StyleSpec(codes=("NAM004",), abbreviations=(("act", "activation"),))
    facts = read_style_facts("my_act_fn = 1\n", spec)
    assert facts.findings[0].detail == "act=activation"


def test_annotations_of_public_functions_and_methods():
    found = style("""\
        class Model:
            def __init__(self, config: object):
                pass

            def forward(self, hidden_states, mask: int = 0, **kwargs):
                pass

            @staticmethod
            def build(self) -> None:
                pass

            @classmethod
            def make(cls) -> "Model":
                pass

            def _private(self, value):
                def inner(thing):
                    pass

        def helper(value: int):
            pass

        class _Hidden:
            def method(self, value):
                pass
        """)
    assert found == [("NAM005", 5, "Model.forward"), ("NAM005", 9, "Model.build"), ("NAM005", 20, "helper")]
    facts = read_style_facts(
        "def f(*args, **kwargs) -> None:\n    pass\n", StyleSpec(codes=("NAM005",), annotate_star_args=False)
    )
    assert facts.findings == ()


def test_annotation_finding_lists_what_is_missing():
    facts = read_style_facts("def forward(self, a, b: int, **kwargs):\n    pass\n", StyleSpec(codes=("NAM005",)))
    assert facts.findings[0].kind == "parameters `self`, `a`, `**kwargs`; return"  # `self` outside a class


def test_unparsable_text_gives_no_facts():
    assert isinstance(read_style_facts("def broken(:\n", ALL), Unparsable)  # RL001


# --- the judge on small repositories ------------------------------------------------------------------------


def _repo(tmp_path: Path, files: dict[str, str], select: str, extra: str = "") -> list[dict]:
    write(
        tmp_path,
        "pyproject.toml",
        f'[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["{select}"]\n{extra}',
    )
    write(tmp_path, "src/pkg/__init__.py", "")
    write(tmp_path, "src/pkg/models/bert/__init__.py", "")
    for path, text in files.items():
        write(tmp_path, path, text)
    return check_json(tmp_path, "--no-cache")[1]


GENERATED = "# This file was automatically generated from src/pkg/models/bert/modular_bert.py.\n"


def test_generated_files_skip_style_rules_and_name_their_source(tmp_path):
    findings = _repo(
        tmp_path,
        {
            "src/pkg/models/bert/configuration_bert.py": "class BertConfig:\n    pass\n",
            "src/pkg/models/bert/modeling_bert.py": GENERATED
            + "def f(h):\n    return h\n\n\nclass Helper:\n    pass\n",
            "src/pkg/models/bert/modular_bert.py": "def g(h):\n    return h\n",
        },
        "NAM",
    )
    got = sorted((d["code"], d["path"].rsplit("/", 1)[1]) for d in findings)
    assert got == [("NAM002", "modeling_bert.py"), ("NAM003", "modular_bert.py"), ("NAM005", "modular_bert.py")]
    prefix = next(d for d in findings if d["code"] == "NAM002")
    assert "modular_bert.py" in prefix["message"] and prefix["data"]["prefixes"] == ["Bert", "bert"]


def test_class_text_in_a_string_is_not_a_class(tmp_path):
    findings = _repo(
        tmp_path,
        {
            "src/pkg/models/bert/configuration_bert.py": "class BertConfig:\n    pass\n",
            "src/pkg/models/bert/modeling_bert.py": 'EXAMPLE = """\nclass Helper:\n"""\n\n\nclass Other:\n    pass\n',
        },
        "NAM002",
    )
    assert [(d["line"], d["data"]["class"]) for d in findings] == [(6, "Other")]


def test_folder_without_config_uses_its_name_and_files_outside_folders_are_free(tmp_path):
    findings = _repo(
        tmp_path,
        {
            "src/pkg/models/bert/tokenization_bert.py": "class BertTokenizer:\n    pass\n\n\nclass Tweet:\n    pass\n",
            "src/pkg/models/helpers.py": "class Anything:\n    pass\n",
            "src/pkg/models/bert/sub/deep.py": "class Deep:\n    pass\n",
        },
        "NAM00",
        extra="[tool.repo-lint.naming]\nstyle-files = []\nannotation-files = []\n",
    )
    assert [(d["code"], d.get("data", {}).get("class")) for d in findings] == [("NAM002", "Tweet")]


# --- the released trees ------------------------------------------------------------------------------------


@pytest.mark.realtree
def test_transformers_file_names_and_class_prefixes_are_the_known_defects():
    findings = lint_json(tree_or_skip("transformers"), "--select", "NAM001,NAM002")
    got = sorted((d["code"], d["path"], d["data"].get("class") or d["data"].get("file")) for d in findings)
    assert got == sorted((code, path, name) for code, path, name, _ in TRANSFORMERS_NAMING_DEFECTS)


@pytest.mark.realtree
def test_diffusers_preset_gives_no_naming_finding():
    assert lint_json(tree_or_skip("diffusers"), "--select", "NAM") == []


@pytest.mark.realtree
@pytest.mark.slow
def test_transformers_style_rules_report_written_code_only():
    findings = lint_json(tree_or_skip("transformers"), "--select", "NAM003,NAM004,NAM005")
    codes = {d["code"] for d in findings}
    assert codes == {"NAM003", "NAM004", "NAM005"}
    root = tree_or_skip("transformers")
    paths = {d["path"] for d in findings}
    assert not [p for p in paths if MARKER in (root / p).read_text(encoding="utf-8")[:2048]]
    assert all("/models/" in p for p in paths)
    annotated = {d["path"].rsplit("/", 1)[1].split("_", 1)[0] for d in findings if d["code"] == "NAM005"}
    assert annotated <= {"modeling", "modular"}
