"""INI, Transformers v5 `__all__`-style model folders (`repo_lint.checks.inits.model_folders`).

- Unit tests on small hand-written texts (no reference script, no real tree needed).
- On the released transformers 5.23.0 tree: every model-folder `__init__.py` is reproduced byte for
  byte (except the documented `EXCEPTIONS`), the clean tree gives no false `undefined_in_all` /
  `missing_from_all` results (only `KNOWN_MISSING`, real missing exports), seeded mutations are
  detected, and the full scan is timed (printed, not asserted).
"""

from __future__ import annotations

import re
import sys
import textwrap
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repo_lint.checks.inits.model_folders import (  # noqa: E402
    declares_all,
    default_header,
    expected_model_init,
    init_modules,
    missing_from_all,
    top_level_names,
    undefined_in_all,
)

from repo_lint.presets.transformers import INITS  # noqa: E402
from tests.realtrees import TreeUnavailable, fetch_tree  # noqa: E402

# The private models the INI family exempts with the transformers preset (`private-models`).
TRANSFORMERS_PRIVATE_MODELS = frozenset(INITS["private-models"])

#: Model folders whose real `__init__.py` is not the generated template, and why.
EXCEPTIONS = {
    "deprecated": "hand-written placeholder: no banner, `pass` plus two comment lines, no module to import",
}
#: Real missing exports of 5.23.0: the sibling minicpmv4_7 and minicpm_ocr export their vision models.
KNOWN_MISSING = {
    ("minicpmv4_6", "modeling_minicpmv4_6", "MiniCPMV4_6VisionPreTrainedModel"),
    ("minicpmv4_6", "modeling_minicpmv4_6", "MiniCPMV4_6VisionModel"),
}


#: Exported helper configs (no `model_type`, built on `PreTrainedConfig`): exporting them is fine, but
#: the rule does not require it, so dropping them from `__all__` goes unreported.
EXPORTED_HELPER_CONFIGS = {
    "FunAsrNanoAdaptorConfig",
    "GradiumPhononTTSFlowHeadConfig",
    "Nemotron3DiarizationHeadConfig",
    "Nemotron3DiarizationStreamingConfig",
    "PocketTTSFlowHeadConfig",
    "Qwen3OmniMoeTalkerConfig",
}


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


# -- declares_all ----------------------------------------------------------------------------------


def test_declares_all_one_line_and_multi_line_forms():
    assert declares_all('x = 1\n__all__ = ["A", "B"]\n') == (["A", "B"], 2)
    text = dedent(
        """
        import os

        __all__ = (
            "A",  # noqa: F822
            'B',
        )
        """
    )
    assert declares_all(text) == (["A", "B"], 3)


def test_declares_all_accumulates_and_restarts():
    text = dedent(
        """
        __all__ = ["A"]
        __all__ += ["B"]
        __all__.extend(["C", "D"])
        __all__.append("E")
        """
    )
    assert declares_all(text) == (["A", "B", "C", "D", "E"], 1)
    assert declares_all('__all__ = ["A"]\n__all__ = ["Z"]\n') == (["Z"], 1)
    assert declares_all('__all__: list[str] = ["A"]\n') == (["A"], 1)
    assert declares_all("__all__ = []\n") == ([], 1)


def test_declares_all_ignores_strings_and_nested_scopes():
    assert declares_all("x = 1\n") is None
    assert declares_all('"""Doc.\n__all__ = ["Fake"]\n"""\n') is None
    assert declares_all('def f():\n    __all__ = ["A"]\n') is None
    assert declares_all("__all__ == 3\n") is None
    assert declares_all('s = """\n"""\n__all__ = ["A"]\n') == (["A"], 3)


# -- top_level_names ----------------------------------------------------------------------------------

SAMPLE = dedent(
    '''
    """Module doc.
    class Fake:
    fake_name = 1
    """
    import os, numpy.linalg as la
    import a.b.c
    from typing import (
        Any,
        Optional as Opt,  # comment
    )
    from .x import *
    A = 1
    b: int = 2
    annotated_only: int
    d, (e) = 1, 2
    f = g = 3
    h == 4
    obj.attr = 5
    lst[0] = 6
    print(k=7)
    class K(Base):
        inner = 1
    def fn(): pass
    async def afn(): pass
    @decorator
    class D: pass
    if TYPE_CHECKING:
        from foo import T1
        T2 = 1
        if nested:
            T3 = 2
    else:
        T4 = "x"
    try:
        import yaml
    except ImportError:
        yaml = None
    S = """
    in_string = 1
    def not_real(): pass
    """
    R = 'it\\'s "tricky" \\'\\'\\' no'
    Q = \'\'\'
    also_in_string = 2
    \'\'\'
    Z = 1  # """ not a string
    __all__ = ["A", "K",
        "missing",  # noqa
    ]
    '''
)


def test_top_level_names_kinds_and_lines():
    names = top_level_names(SAMPLE)
    expected = {
        "os": 5, "la": 5, "a": 6, "Any": 7, "Opt": 7, "A": 12, "b": 13, "d": 15, "e": 15, "f": 16,
        "g": 16, "K": 21, "fn": 23, "afn": 24, "D": 26, "T1": 28, "T2": 29, "T4": 33, "yaml": 35,
        "S": 38, "R": 42, "Q": 43, "Z": 46, "__all__": 47,
    }  # fmt: skip
    assert names == expected


def test_top_level_names_never_come_from_strings_or_bodies():
    names = top_level_names(SAMPLE)
    for fake in ("Fake", "fake_name", "in_string", "not_real", "also_in_string", "inner", "T3", "k", "h"):
        assert fake not in names
    assert "annotated_only" not in names  # a bare annotation binds no value


def test_top_level_names_string_edge_cases():
    lines = [
        'A = """has \\""" inside and \'\'\' too',
        "fake_a = 1",
        '"""',
        "B = '''x''' + \"'''\" + '\"\"\"'",
        "C = 1  # ''' a comment, not a string",
        'D = r"""raw \\""" still open',
        "fake_d = 2",
        '"""',
        'E = """unterminated',
        "fake_e = 3",
    ]
    assert top_level_names("\n".join(lines) + "\n") == {"A": 1, "B": 4, "C": 5, "D": 6, "E": 9}


def test_long_lines_do_not_backtrack():
    numbers = ", ".join(str(number) for number in range(3000))
    text = f"PRIMES = [{numbers}]\ncall({numbers}, key=1)\n"
    assert top_level_names(text) == {"PRIMES": 1}


def test_equal_texts_in_different_objects_are_scanned_separately():
    first = "".join(["A = 1\n", "__all__ = ['A']\n"])
    second = "".join(["A = 1\n", "__all__ = ['A']\n"])
    assert first == second and first is not second
    assert undefined_in_all(first) == undefined_in_all(second) == []
    changed = first.replace("A = 1", "B = 1")
    assert undefined_in_all(changed) == [("A", 2)]


def test_undefined_in_all_reports_name_and_line():
    assert undefined_in_all(SAMPLE) == [("missing", 48)]
    assert undefined_in_all("A = 1\n") == []
    assert undefined_in_all('__all__ = ["A"]\nA = 1\n') == []


# -- missing_from_all ---------------------------------------------------------------------------------

CONFIG = dedent(
    """
    class FooConfig(PreTrainedConfig):
        model_type = "foo"

    class FooVisionConfig(PreTrainedConfig):
        model_type: str = "foo_vision"
        base_config_key = "vision_config"

    class FooAttentionConfig(PreTrainedConfig):
        base_config_key = "attn_config"

    class _FooPrivateConfig(PreTrainedConfig):
        model_type = "private"

    class FooHelper:
        model_type = "not a config name"

    class FooLegacyConfig(configuration_bar.BarConfig):
        pass
    """
)

MODELING = dedent(
    '''
    """Docs.
    class FakeModel(FooPreTrainedModel):
    """
    class FooPreTrainedModel(PreTrainedModel):
        config: FooConfig

    class FooEncoder(FooPreTrainedModel):
        pass

    class FooModel(FooPreTrainedModel):
        pass

    class FooForThing(
        GenerationMixin,
        modeling_utils.FooPreTrainedModel,
    ):
        class Inner(FooPreTrainedModel):
            pass

    class FooStack(FooPreTrainedModel):
        pass

    class _FooHidden(FooPreTrainedModel):
        pass

    class FooLayer(nn.Module):
        pass

    class FooGeneric(Generic[T], FooPreTrainedModel):
        pass
    '''
)


def test_missing_from_all_configs_with_a_model_type_or_a_model_config_base():
    found = missing_from_all("src/pkg/models/foo/configuration_foo.py", CONFIG, [])
    assert found == [("FooConfig", 1), ("FooVisionConfig", 4), ("FooLegacyConfig", 17)]
    exported = ["FooConfig", "FooVisionConfig", "FooLegacyConfig"]
    assert missing_from_all("configuration_foo.py", CONFIG, exported) == []


def test_missing_from_all_models_subclassing_a_pretrained_model():
    found = missing_from_all("models/foo/modeling_foo.py", MODELING, ["FooModel"])
    assert found == [
        ("FooPreTrainedModel", 4),
        ("FooForThing", 13),
        ("FooStack", 20),
        ("FooGeneric", 29),
    ]
    private = {"FooStack"}
    names = [name for name, _ in missing_from_all("modeling_foo.py", MODELING, ["FooModel"], private=private)]
    assert "FooStack" not in names and "FooEncoder" not in names


def test_missing_from_all_only_for_configuration_and_modeling_files():
    assert missing_from_all("models/foo/tokenization_foo.py", CONFIG, []) == []
    assert missing_from_all("models/foo/modular_foo.py", MODELING, []) == []
    assert missing_from_all("models\\foo\\configuration_foo.py", CONFIG, [])[0] == ("FooConfig", 1)


# -- expected_model_init --------------------------------------------------------------------------------

HEADER = "# Copyright 2024 Somebody.\n#\n# Licensed under the Apache License.\n"
BODY_TAIL = dedent(
    """
    else:
        import sys

        _file = globals()["__file__"]
        sys.modules[__name__] = _LazyModule(__name__, _file, define_import_structure(_file), module_spec=__spec__)
    """
)


def test_expected_model_init_template_and_order():
    existing = HEADER + "from .modeling_foo import FooModel\n"
    result = expected_model_init(existing, ["modeling_foo", "configuration_foo", "modular_foo", "convert_foo"])
    assert (
        result
        == HEADER
        + dedent(
            """
        from typing import TYPE_CHECKING

        from ...utils import _LazyModule
        from ...utils.import_utils import define_import_structure


        if TYPE_CHECKING:
            from .configuration_foo import *
            from .modeling_foo import *
        """
        )
        + BODY_TAIL
    )
    assert expected_model_init(result, ["configuration_foo", "modeling_foo"]) == result  # a fixed point


def test_expected_model_init_header_rules():
    with_blanks = "#!/usr/bin/env python\n\n# License.\n\n\n"
    assert expected_model_init(with_blanks + "import x\n", []).startswith("#!/usr/bin/env python\n\n# License.\nfrom")
    assert expected_model_init("# no newline at end", ["a"]).startswith("# no newline at end\nfrom typing")
    fresh = expected_model_init(None, ["modeling_foo"], folder="src/transformers/models/foo", year=2031)
    assert fresh.startswith(default_header("src/transformers/models/foo", 2031))
    assert "modules in `src/transformers/models/foo`." in fresh and "Copyright 2031" in fresh
    assert expected_model_init('"""Docstring only."""\n', [], year=2031).startswith("#")
    assert "if TYPE_CHECKING:\n    pass\nelse:" in expected_model_init(HEADER, [])


def test_init_modules_filters_sorts_and_deduplicates():
    assert init_modules(["b", "a", "modular_a", "convert_x", "a"]) == ["a", "b"]


# -- the real transformers 5.23.0 tree ------------------------------------------------------------------


def read_model_folders(models: Path) -> dict[str, tuple[str | None, dict[str, str]]]:
    """folder name -> (its `__init__.py` text, {module name: text} of the modules an init may import)."""
    folders = {}
    for folder in sorted(models.iterdir()):
        if not folder.is_dir() or folder.name == "__pycache__":
            continue
        init = folder / "__init__.py"
        modules = {
            path.stem: path.read_text(encoding="utf-8")
            for path in sorted(folder.glob("*.py"))
            if path.name != "__init__.py" and not path.name.startswith(("modular_", "convert_"))
        }
        folders[folder.name] = (init.read_text(encoding="utf-8") if init.is_file() else None, modules)
    return folders


def modules_with_all(modules: dict[str, str]) -> list[str]:
    return [name for name, text in modules.items() if declares_all(text) is not None]


def scan_folders(folders) -> tuple[list[str], list[tuple[str, str, str, int]], list[tuple[str, str, str, int]]]:
    """The whole check on every folder: differing inits, missing exports, undefined `__all__` names."""
    differing, missing, undefined = [], [], []
    for folder, (init, modules) in folders.items():
        exporting = []
        for module, text in modules.items():
            found = declares_all(text)
            if found is None:
                continue
            exporting.append(module)
            for name, line in missing_from_all(f"{module}.py", text, found[0], private=TRANSFORMERS_PRIVATE_MODELS):
                missing.append((folder, module, name, line))
            undefined += [(folder, module, name, line) for name, line in undefined_in_all(text)]
        if expected_model_init(init, exporting, folder=f"src/transformers/models/{folder}") != init:
            differing.append(folder)
    return differing, missing, undefined


@pytest.fixture(scope="module")
def real_models() -> Path:
    try:
        tree = fetch_tree("transformers")
    except TreeUnavailable as error:  # skip loudly: say exactly why
        pytest.skip(f"REAL TREE UNAVAILABLE, transformers model folders not checked: {error}")
    return tree / "src" / "transformers" / "models"


@pytest.fixture(scope="module")
def folders(real_models):
    return read_model_folders(real_models)


@pytest.mark.realtree
def test_real_tree_scan_is_clean_and_timed(real_models, capsys):
    start = time.perf_counter()
    folders = read_model_folders(real_models)
    read = time.perf_counter()
    differing, missing, undefined = scan_folders(folders)
    done = time.perf_counter()
    size = sum(len(text) for _, modules in folders.values() for text in modules.values()) / 1e6
    with capsys.disabled():
        print(
            f"\n[model folders] {len(folders)} folders, {size:.1f} MB of modules: "
            f"full scan {done - start:.3f} s (reading {read - start:.3f} s, checks {done - read:.3f} s)"
        )
    assert len(folders) > 500
    assert differing == sorted(EXCEPTIONS)
    assert undefined == []
    assert {(folder, module, name) for folder, module, name, _ in missing} == KNOWN_MISSING


@pytest.mark.realtree
def test_real_inits_reproduce_byte_for_byte(folders):
    checked = 0
    for folder, (init, modules) in folders.items():
        if folder in EXCEPTIONS:
            continue
        assert expected_model_init(init, modules_with_all(modules)) == init, folder
        checked += 1
    assert checked == len(folders) - len(EXCEPTIONS)


@pytest.mark.realtree
def test_private_models_preset_has_no_stale_entry(folders):
    """Every preset private model is really reported without the list (else it is dead weight)."""
    reported = set()
    for _, modules in folders.values():
        for module, text in modules.items():
            found = declares_all(text)
            if found is not None:
                reported |= {name for name, _ in missing_from_all(f"{module}.py", text, found[0])}
    assert TRANSFORMERS_PRIVATE_MODELS <= reported
    assert reported - TRANSFORMERS_PRIVATE_MODELS == {name for *_, name in KNOWN_MISSING}


@pytest.mark.realtree
def test_mutation_removed_import_line_is_detected(folders):
    mutated = 0
    for folder, (init, modules) in folders.items():
        exporting = modules_with_all(modules)
        if folder in EXCEPTIONS or not exporting:
            continue
        line = f"    from .{exporting[-1]} import *\n"
        broken = init.replace(line, "")
        assert broken != init, folder
        assert expected_model_init(broken, exporting) == init, folder
        mutated += 1
    assert mutated > 500


@pytest.mark.realtree
def test_mutation_new_module_with_all_is_imported(folders):
    init, modules = folders["bert"]
    exporting = [*modules_with_all(modules), "modeling_bert_extra"]
    result = expected_model_init(init, exporting)
    assert result != init
    assert "    from .modeling_bert import *\n    from .modeling_bert_extra import *\n" in result
    assert result.replace("    from .modeling_bert_extra import *\n", "") == init


def drop_from_all(text: str, name: str) -> str:
    """`text` with `name` removed from its `__all__` literal."""
    start = text.index("\n__all__") + 1
    return text[:start] + re.sub(rf"""["']{name}["'],?[ \t]*\n?[ \t]*""", "", text[start:], count=1)


def add_to_all(text: str, name: str) -> tuple[str, int]:
    """`text` with `name` inserted first into its `__all__` literal, and the line of the insertion."""
    match = re.search(r"^__all__ = [\[(]", text, re.M)
    line = text.count("\n", 0, match.start()) + 1
    return text[: match.end()] + f'"{name}", ' + text[match.end() :], line


@pytest.mark.realtree
def test_mutation_config_dropped_from_all_is_reported(folders):
    not_required = set()
    checked = 0
    for _, modules in sorted(folders.values()):
        for module, text in modules.items():
            if not module.startswith("configuration_") or declares_all(text) is None:
                continue
            for name in declares_all(text)[0]:
                if not name.endswith("Config") or f"\nclass {name}(" not in text:
                    continue
                mutated = drop_from_all(text, name)
                assert name not in declares_all(mutated)[0], module
                class_line = text.count("\n", 0, text.index(f"\nclass {name}(") + 1) + 1
                found = missing_from_all(f"{module}.py", mutated, declares_all(mutated)[0])
                if (name, class_line) in found:
                    checked += 1
                else:
                    not_required.add(name)
    assert checked > 800
    assert not_required == EXPORTED_HELPER_CONFIGS


@pytest.mark.realtree
def test_mutation_bogus_name_in_all_is_reported(folders):
    checked = 0
    for folder, (_, modules) in sorted(folders.items()):
        for module, text in modules.items():
            if declares_all(text) is None or not re.search(r"^__all__ = [\[(]", text, re.M):
                continue
            mutated, line = add_to_all(text, "BogusNotDefinedAnywhere")
            assert undefined_in_all(mutated) == [("BogusNotDefinedAnywhere", line)], (folder, module)
            checked += 1
    assert checked > 1500
