"""AUT101-AUT105: custom-code registration with the auto classes (`checks/auto/registration.py`).

Unit tests of the per-file extractor and of the static resolution (through a tiny in-memory repo), the
`fixtures/custom_model` package (through the real engine's `RepoView`), and the released trees.
"""

from __future__ import annotations

import ast
import json
import sys
import textwrap
from pathlib import Path

import pytest
from repo_lint.checks.auto import OPTIONS, SECTION
from repo_lint.checks.auto.registration import (
    External,
    Found,
    Literal,
    Module,
    Resolver,
    Unknown,
    extract_registration_facts,
    judge_registration,
)
from repo_lint.checks.auto.registration_rules import REGISTRATION_RULES

from repo_lint import datacodec
from repo_lint.config import load_config
from repo_lint.parsing import Unparsable
from repo_lint.presets.transformers import AUTO_CLASSES
from repo_lint.registry import check_sections
from repo_lint.repo_view import RepoView
from repo_lint.report import rule_examples
from repo_lint.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "custom_model"


class FakeRepo:
    """Just what the judge uses: `config`, `settings`, `python_files`, `contains`, `facts` (no memoisation)."""

    def __init__(self, files: dict[str, str], package: str = "pkg") -> None:
        self.source = f"src/{package}"
        self.files = {f"{self.source}/{rel}": textwrap.dedent(text) for rel, text in files.items()}
        self.config = {"package": package, "source": self.source}
        self.extracted: list[str] = []

    def settings(self, section):
        assert section == SECTION
        return {option.name: option.default for option in OPTIONS}  # no configuration: the defaults

    def python_files(self, under=None):
        return sorted(p for p in self.files if p.endswith(".py") and (not under or p.startswith(under + "/")))

    def contains(self, path, needle):
        return needle in self.files[path]

    def facts(self, path, extractor, *args):
        self.extracted.append(path)
        return extractor(self.files[path], *args)


CONFIG = """\
    from transformers import PretrainedConfig

    class XConfig(PretrainedConfig):
        model_type = "x"
"""
MODELING = """\
    from transformers import PreTrainedModel
    from .configuration_x import XConfig

    class XPreTrainedModel(PreTrainedModel):
        config_class = XConfig

    class XModel(XPreTrainedModel):
        pass
"""


def judge(files: dict[str, str]) -> list[tuple]:
    repo = FakeRepo({"__init__.py": "", "configuration_x.py": CONFIG, "modeling_x.py": MODELING, **files})
    return [(d.code, d.path.rsplit("/", 1)[-1], d.line, d.data) for d in judge_registration(repo, repo.source)]


def codes(files: dict[str, str]) -> list[str]:
    return [code for code, *_ in judge(files)]


# --- the extractor ------------------------------------------------------------------------------------------------


def test_extractor_reads_classes_imports_assignments_and_calls():
    facts = extract_registration_facts(
        textwrap.dedent("""\
        import pkg.modeling_x as m
        import pkg.utils
        from . import configuration_x
        from ..base import Base as B
        from .models import *
        from transformers import AutoConfig, PretrainedConfig
        KEY = "x"
        Alias = m.XModel

        class XConfig(B, PretrainedConfig):
            model_type: str = "x"
            config_class = None

        class Generic2(typing.Generic[T]):
            config_class = m.XConfig

        AutoConfig.register(KEY, XConfig)
        XConfig.register_for_auto_class(auto_class="AutoConfig")
    """)
    )
    assert facts.parsed
    assert facts.imports == {
        "m": ("pkg.modeling_x", None, 0),
        "pkg": ("pkg", None, 0),
        "configuration_x": ("", "configuration_x", 1),
        "B": ("base", "Base", 2),
        "AutoConfig": ("transformers", "AutoConfig", 0),
        "PretrainedConfig": ("transformers", "PretrainedConfig", 0),
    }
    assert facts.stars == [("models", 1)]
    assert facts.assigns == {"KEY": ("str", "x"), "Alias": ("name", "m.XModel")}
    config = facts.classes["XConfig"]
    assert (config.line, config.column, config.bases) == (10, 1, (("name", "B"), ("name", "PretrainedConfig")))
    assert config.attrs == {"model_type": ("str", "x"), "config_class": ("none", "")}
    assert facts.classes["Generic2"].bases == (("name", "typing.Generic"),)
    assert facts.classes["Generic2"].attrs == {"config_class": ("name", "m.XConfig")}
    register, for_auto = facts.calls
    assert (register.method, register.receiver, register.args, register.line, register.column) == (
        "register",
        ("name", "AutoConfig"),
        (("name", "KEY"), ("name", "XConfig")),
        17,
        1,
    )
    assert for_auto.method == "register_for_auto_class" and for_auto.keywords == {"auto_class": ("str", "AutoConfig")}
    assert datacodec.decode(datacodec.encode(facts)) == facts  # the engine caches facts on disk


def test_extractor_marks_function_locals_and_keeps_function_imports():
    facts = extract_registration_facts(
        textwrap.dedent("""\
        def from_pretrained(cls, config_class, **kwargs):
            model_class = get_class(config_class)
            model_class.register_for_auto_class(auto_class=cls)
            config_class.register_for_auto_class()

        def register():
            from .configuration_x import XConfig
            AutoConfig.register("x", XConfig)
    """)
    )
    first, second, third = facts.calls
    assert first.receiver == ("local", "model_class") and first.keywords == {"auto_class": ("local", "cls")}
    assert second.receiver == ("local", "config_class")
    assert third.args == (("str", "x"), ("name", "XConfig"))  # an import inside a function is not a local
    assert facts.imports["XConfig"] == ("configuration_x", "XConfig", 1)


def test_extractor_definitions_under_if_and_try_and_a_file_that_does_not_parse():
    facts = extract_registration_facts(
        textwrap.dedent("""\
        if TYPE_CHECKING:
            from .configuration_x import XConfig
        try:
            import torch
        except ImportError:
            class XModel: ...
        else:
            MODEL = torch.nn.Linear(1, 1)
    """)
    )
    assert set(facts.imports) == {"XConfig", "torch"} and "XModel" in facts.classes
    assert facts.assigns["MODEL"][0] == "other"
    assert isinstance(extract_registration_facts("class (:\n"), Unparsable)


# --- resolution -----------------------------------------------------------------------------------------------------


def resolver(files: dict[str, str]) -> Resolver:
    repo = FakeRepo({"__init__.py": "", **files})
    return Resolver(repo, repo.source)


def test_resolution_follows_every_kind_of_import():
    r = resolver(
        {
            "models/__init__.py": "from .x import *\n",
            "models/x/__init__.py": "from .configuration_x import XConfig\n",
            "models/x/configuration_x.py": "class XConfig: ...\n",
            "models/x/modeling_x.py": (
                "from ..x import configuration_x\nfrom ...models.x.configuration_x import XConfig\n"
            ),
            "register.py": textwrap.dedent("""\
            import pkg.models.x.configuration_x as cx
            import pkg.models
            from pkg.models import XConfig as Reexported
            from .models.x import modeling_x
            from transformers import AutoConfig
            Alias = cx.XConfig
        """),
        }
    )
    path = "src/pkg/register.py"
    expected = ("src/pkg/models/x/configuration_x.py", "XConfig")
    for dotted in (
        "cx.XConfig",
        "pkg.models.x.configuration_x.XConfig",
        "Reexported",
        "Alias",
        "modeling_x.configuration_x.XConfig",
        "modeling_x.XConfig",
    ):
        found = r.resolve(path, dotted)
        assert isinstance(found, Found) and (found.path, found.cls.name) == expected, dotted
    assert r.resolve(path, "pkg.models") == Module("pkg.models", "src/pkg/models/__init__.py")
    assert r.resolve(path, "AutoConfig") == External("transformers.AutoConfig")
    assert isinstance(r.resolve(path, "Missing"), Unknown)
    assert isinstance(r.resolve(path, "cx.Missing"), Unknown)


def test_resolution_reports_cycles_and_computed_values():
    r = resolver({"a.py": "from .b import X\nY = make()\nKEY = 'k'\n", "b.py": "from .a import X\n"})
    assert "cycle" in r.resolve("src/pkg/a.py", "X").why
    assert "computed" in r.resolve("src/pkg/a.py", "Y").why
    assert r.resolve("src/pkg/a.py", "KEY") == Literal("k")


def test_class_values_are_inherited_through_package_bases_only():
    r = resolver(
        {
            "base.py": "from transformers import PretrainedConfig, BertConfig\n"
            "class Base(PretrainedConfig):\n    model_type = 'base'\n"
            "class Empty(PretrainedConfig):\n    pass\n"
            "class FromBert(BertConfig):\n    pass\n"
            "class Dynamic(make_base()):\n    pass\n",
            "c.py": "from .base import Base, Empty, FromBert, Dynamic\n"
            "class A(Base): ...\nclass B(Empty): ...\nclass C(FromBert): ...\nclass D(Dynamic): ...\n",
        }
    )
    values = {name: r.class_value(r.resolve("src/pkg/c.py", name), "model_type") for name in "ABCD"}
    assert values["A"] == ("base", None)
    assert values["B"] == (None, None)  # PretrainedConfig is a known root: it sets no model_type
    assert values["C"][0] is None and "transformers.BertConfig" in values["C"][1]
    assert values["D"][0] is None and "computed base" in values["D"][1]
    assert r.default_auto_class(r.resolve("src/pkg/c.py", "B")) == "AutoConfig"


def test_transformers_5_config_annotation_and_star_imports_honour_all():
    r = resolver(
        {
            "configuration_x.py": "class XConfig: ...\nclass Hidden: ...\n__all__ = ['XConfig']\n",
            "models.py": "from .configuration_x import *\n"
            "class XPreTrainedModel(PreTrainedModel):\n    config: XConfig\n"
            "class XModel(XPreTrainedModel): ...\n"
            "class YModel(XPreTrainedModel):\n    config: 'YConfig'\n    config_class = XConfig\n"
            "class ZModel(PreTrainedModel):\n    config_class = None\n    config: 'XConfig'\n",
        }
    )
    path = "src/pkg/models.py"
    assert r.resolve(path, "XConfig").cls.name == "XConfig"
    assert "not defined" in r.resolve(path, "Hidden").why  # not in `__all__`: `import *` does not bind it
    values = {name: r.class_value(r.resolve(path, name), "config_class") for name in ("XModel", "YModel", "ZModel")}
    assert values == {"XModel": ("XConfig", None), "YModel": ("XConfig", None), "ZModel": ("XConfig", None)}


# --- the rules --------------------------------------------------------------------------------------------------------


def test_clean_registrations_give_nothing():
    assert (
        judge(
            {
                "register.py": """\
        from transformers import AutoConfig, AutoModel, AutoModelForCausalLM
        from .configuration_x import XConfig
        from . import modeling_x
        XConfig.register_for_auto_class()
        modeling_x.XModel.register_for_auto_class("AutoModel")
        modeling_x.XModel.register_for_auto_class(auto_class=AutoModelForCausalLM)
        AutoConfig.register("x", XConfig)
        AutoConfig.register(model_type=XConfig.model_type, config=XConfig)
        AutoModel.register(XConfig, modeling_x.XModel)
        AutoModelForCausalLM.register(config_class=XConfig, model_class=modeling_x.XModel, exist_ok=True)
    """
            }
        )
        == []
    )


def test_aut101_model_type_mismatch_with_literal_constant_and_keyword_keys():
    found = judge(
        {
            "register.py": """\
        from transformers import AutoConfig
        from .configuration_x import XConfig
        KEY = "y"
        AutoConfig.register("y", XConfig)
        AutoConfig.register(KEY, XConfig)
        AutoConfig.register(model_type="y", config=XConfig)
    """
        }
    )
    assert [(c, line) for c, _, line, _ in found] == [("AUT101", 4), ("AUT101", 5), ("AUT101", 6)]
    assert found[0][3] == {"class": "XConfig", "key": "y", "auto_class": "AutoConfig", "model_type": "x"}


def test_aut102_config_class_mismatch_missing_and_none():
    found = judge(
        {
            "other.py": "from transformers import PreTrainedModel\n"
            "class NoConfig(PreTrainedModel): ...\n"
            "class NoneConfig(PreTrainedModel):\n    config_class = None\n",
            "register.py": """\
            from transformers import AutoModel, AutoModelForCausalLM
            from .configuration_x import XConfig as YConfig
            from .modeling_x import XModel
            from .other import NoConfig, NoneConfig
            from transformers import BertConfig
            AutoModel.register(BertConfig, XModel)
            AutoModelForCausalLM.register(YConfig, NoConfig)
            AutoModelForCausalLM.register(YConfig, NoneConfig)
            AutoModel.register(YConfig, XModel)
        """,
        }
    )
    assert [(c, line) for c, _, line, _ in found] == [("AUT102", 6), ("AUT102", 7), ("AUT102", 8)]
    assert found[0][3] == {
        "class": "XModel",
        "auto_class": "AutoModel",
        "config_class": "BertConfig",
        "actual": "XConfig",
    }
    assert "actual" not in found[1][3]


def test_aut102_compares_names_like_transformers_for_outside_configs():
    assert (
        judge(
            {
                "m.py": "from transformers import BertConfig, PreTrainedModel\n"
                "class MyBert(PreTrainedModel):\n    config_class = BertConfig\n",
                "register.py": "from transformers import AutoModel, BertConfig\nfrom .m import MyBert\n"
                "AutoModel.register(BertConfig, MyBert)\n",
            }
        )
        == []
    )


def test_aut103_unknown_auto_class():
    found = judge(
        {
            "register.py": """\
        from transformers import AutoModelForCasualLM, AutoConfig
        from .modeling_x import XModel
        XModel.register_for_auto_class("AutoModelForCausalLLM")
        XModel.register_for_auto_class(AutoModelForCasualLM)
        AutoModelForCasualLM.register(XConfig, XModel)
        XModel.register_for_auto_class("AutoBackbone")
    """
        }
    )
    assert [(c, line, d["auto_class"]) for c, _, line, d in found] == [
        ("AUT103", 3, "AutoModelForCausalLLM"),
        ("AUT103", 4, "AutoModelForCasualLM"),
        ("AUT103", 5, "AutoModelForCasualLM"),
    ]


def test_auto_classes_option_sets_the_known_auto_classes_and_the_defaults():
    """`auto-classes` (preset data of one transformers release) decides which names AUT103 accepts, which outside
    bases leave `model_type` unset and what `register_for_auto_class()` defaults to."""
    repo = FakeRepo(
        {
            "__init__.py": "",
            "modeling_x.py": MODELING,
            "configuration_y.py": "from transformers import NewConfigBase\nclass YBase(NewConfigBase): ...\n",
            "register.py": """\
            from .modeling_x import XModel
            from .configuration_y import YBase
            XModel.register_for_auto_class("AutoModelForNewHead")
            XModel.register_for_auto_class("AutoModelForCausalLM")
            YBase.register_for_auto_class()
        """,
        }
    )
    # The defaults (transformers 5.23.0): no `AutoModelForNewHead`, and nothing known of `NewConfigBase`.
    assert [(d.code, d.line) for d in judge_registration(repo, repo.source)] == [("AUT103", 3)]
    newer = {"AutoConfig": ["NewConfigBase"], "AutoModel": ["PreTrainedModel"], "AutoModelForNewHead": []}
    repo.settings = lambda section: {option.name: option.default for option in OPTIONS} | {"auto-classes": newer}
    found = judge_registration(repo, repo.source)
    assert [(d.code, d.line, d.data["auto_class"]) for d in found] == [
        ("AUT103", 4, "AutoModelForCausalLM"),
        ("AUT104", 5, "AutoConfig"),
    ]


def test_aut104_registered_config_without_model_type():
    found = judge(
        {
            "configuration_y.py": "from transformers import PretrainedConfig\n"
            "class YBase(PretrainedConfig): ...\nclass YConfig(YBase):\n    model_type = ''\n",
            "register.py": """\
            from transformers import AutoConfig
            from .configuration_y import YBase, YConfig
            YBase.register_for_auto_class()
            YConfig.register_for_auto_class("AutoConfig")
            AutoConfig.register("y", YConfig)
            from .modeling_x import XModel
            XModel.register_for_auto_class()
        """,
        }
    )
    assert [(c, line) for c, _, line, _ in found] == [("AUT104", 3), ("AUT104", 4), ("AUT104", 5)]
    assert found[2][3] == {"class": "YConfig", "auto_class": "AutoConfig", "key": "y"}


def test_aut105_unresolvable_names_and_values():
    found = judge(
        {
            "configuration_z.py": "from transformers import BertConfig\nTYPE = compute()\n"
            "class ZConfig(BertConfig): ...\nclass WConfig:\n    model_type = TYPE\n",
            "register.py": """\
            from transformers import AutoConfig, AutoModel, BertConfig
            from .configuration_z import ZConfig, WConfig
            from .configuration_x import XConfig
            AutoConfig.register("bert", BertConfig)
            AutoConfig.register("z", ZConfig)
            AutoConfig.register("w", WConfig)
            AutoModel.register(XConfig, Undefined)
            AutoConfig.register(XConfig.model_type + "2", XConfig)
            XConfig.register_for_auto_class(pick())
        """,
        }
    )
    assert [(c, line, d["class"]) for c, _, line, d in found] == [
        ("AUT105", 4, "BertConfig"),
        ("AUT105", 5, "ZConfig"),
        ("AUT105", 6, "WConfig"),
        ("AUT105", 7, "Undefined"),
        ("AUT105", 8, "XConfig"),
        ("AUT105", 9, "XConfig"),
    ]
    messages = [
        d.message
        for d in judge_registration(
            *_repo_and_source(
                {
                    "register.py": "from transformers import "
                    "AutoConfig, BertConfig\nAutoConfig.register('bert', BertConfig)\n"
                }
            )
        )
    ]
    assert messages == [
        "cannot check the registration of `BertConfig` statically: it is defined outside the package "
        "(`transformers.BertConfig`)"
    ]


def _repo_and_source(files):
    repo = FakeRepo({"__init__.py": "", **files})
    return repo, repo.source


def test_generic_code_and_other_registries_are_not_registrations():
    assert judge(
        {
            "auto.py": """\
        import atexit
        from transformers import AutoConfig, AutoTokenizer
        from .configuration_x import XConfig
        atexit.register(print)
        CONFIG_MAPPING.register("x", XConfig)
        AutoTokenizer.register(XConfig, slow_tokenizer_class=None)

        def from_pretrained(cls, name):
            config_class = get_class_from_dynamic_module(name)
            config_class.register_for_auto_class()
            config_class.register_for_auto_class(auto_class=cls)
            AutoConfig.register(name, config_class)

        def register():
            from .configuration_x import XConfig as Local
            AutoConfig.register("y", Local)
    """
        }
    ) == [("AUT101", "auto.py", 16, {"class": "XConfig", "key": "y", "auto_class": "AutoConfig", "model_type": "x"})]


def test_only_files_calling_register_are_scanned_plus_what_resolution_needs():
    repo = FakeRepo(
        {
            "__init__.py": "",
            "configuration_x.py": CONFIG,
            "modeling_x.py": MODELING,
            "unrelated.py": "x = 1\n",
            "register.py": "from transformers import AutoConfig\nfrom .configuration_x import XConfig\n"
            "AutoConfig.register('x', XConfig)\n",
        }
    )
    assert judge_registration(repo, repo.source) == []
    assert set(repo.extracted) == {"src/pkg/register.py", "src/pkg/configuration_x.py"}


def test_rules_are_documented():
    assert [(r.code, r.name) for r in REGISTRATION_RULES] == [
        ("AUT101", "register-model-type-mismatch"),
        ("AUT102", "register-config-class-mismatch"),
        ("AUT103", "unknown-auto-class"),
        ("AUT104", "registered-config-without-model-type"),
        ("AUT105", "unresolvable-registration"),
    ]
    for rule in REGISTRATION_RULES:
        bad, good = rule_examples(rule)
        assert rule.summary and rule.why and bad and good and not rule.fixable
        ast.parse(good)


# --- the fixture (through the real engine's RepoView) ---------------------------------------------------------------


def fixture_findings(name: str) -> list[dict]:
    root = FIXTURE / name
    config = load_config(root, None, check_sections())
    repo = RepoView(config, Workspace.open(root, []))
    assert config["source"] == "src/resnet_custom"
    return [
        {
            "code": d.code,
            "path": d.path,
            "line": d.line,
            "class": d.data.get("class"),
            "auto_class": d.data.get("auto_class"),
            "key": d.data.get("key"),
        }
        for d in sorted(judge_registration(repo, config["source"]), key=lambda d: d.sort_key())
    ]


def test_clean_fixture_has_no_findings():
    assert fixture_findings("clean") == []


def test_broken_fixture_reports_exactly_the_seeded_defects():
    expected = json.loads((FIXTURE / "expected_diagnostics.json").read_text())
    assert fixture_findings("broken") == expected
    assert sorted(d["code"] for d in expected) == ["AUT101", "AUT102", "AUT103", "AUT104", "AUT105"]
    table = (FIXTURE / "DEFECTS.md").read_text()
    for finding in expected:
        assert f"**{finding['code']}**" in table


# --- the released trees --------------------------------------------------------------------------------------------


def real_tree(name: str) -> Path:
    from tests.realtrees import TreeUnavailable, fetch_tree

    try:
        return fetch_tree(name)
    except TreeUnavailable as error:
        pytest.skip(f"REAL TREE UNAVAILABLE, {name} not checked: {error}")


@pytest.mark.realtree
def test_auto_class_names_match_transformers_models_auto():
    """The transformers preset's `auto-classes` (also the option's default) are what `transformers.models.auto`
    exports (`register_for_auto_class` checks `hasattr` there), and the `register_for_auto_class` defaults are the
    ones of the real base classes."""
    src = real_tree("transformers") / "src" / "transformers"
    exported = set()
    for module in (src / "models" / "auto").glob("*_auto.py"):
        for node in ast.parse(module.read_text()).body:
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "__all__":
                exported |= {e.value for e in node.value.elts if e.value.startswith("Auto")}
    assert exported == set(AUTO_CLASSES)
    assert {option.name: option.default for option in OPTIONS}["auto-classes"] == AUTO_CLASSES
    default_auto_class = {base: auto for auto, bases in AUTO_CLASSES.items() for base in bases}
    defaults = {}
    for module in src.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "register_for_auto_class":
                        defaults[node.name] = item.args.defaults[0].value
    assert defaults and all(default_auto_class[base] == auto for base, auto in defaults.items())


# Mappings of transformers 5.23.0 that pair a composite config with a text / vision model whose own
# `config_class` is the sub-config (or another model's): `register` would reject them, the built-in mappings
# do not go through it. `VoxtralRealtimeTextModel` is not exported by `transformers` (not in `__all__`).
COMPOSITE_MAPPINGS = {
    ("AutoModel", "TimmWrapperModel"),
    ("AutoModel", "Glm46VModel"),
    ("AutoModel", "LlamaModel"),
    ("AutoModel", "MusicgenModel"),
    ("AutoModel", "MusicgenMelodyModel"),
    ("AutoModelForCausalLM", "LlamaForCausalLM"),
    ("AutoModelForCausalLM", "Dots3NoteForCausalLM"),
    ("AutoModelForCausalLM", "Emu3ForCausalLM"),
    ("AutoModelForCausalLM", "Llama4ForCausalLM"),
    ("AutoModelForCausalLM", "MllamaForCausalLM"),
    ("AutoModelForCausalLM", "MusicgenForCausalLM"),
    ("AutoModelForCausalLM", "MusicgenMelodyForCausalLM"),
    ("AutoModelForCausalLM", "Qwen3_5ForCausalLM"),
    ("AutoModelForCausalLM", "Qwen3_5MoeForCausalLM"),
    ("AutoModelForCausalLM", "Qwen4ExpForCausalLM"),
}


def _mapping(path: Path, name: str) -> dict[str, str]:
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name and node.value.args:
            return {
                e.elts[0].value: e.elts[1].value
                for e in node.value.args[0].elts
                if isinstance(e, ast.Tuple) and isinstance(e.elts[1], ast.Constant)
            }
    return {}


@pytest.mark.realtree
@pytest.mark.slow
def test_registering_every_transformers_model_resolves_through_the_real_tree():
    """Register every built-in config under its key and every base / causal-LM model with its config, from a
    module of the real tree: `transformers.XConfig` is followed through the lazy inits' `import *` chains."""
    root = real_tree("transformers")
    auto = root / "src" / "transformers" / "models" / "auto"
    configs = _mapping(auto / "auto_mappings.py", "CONFIG_MAPPING_NAMES")
    lines = ["import transformers", "from transformers import AutoConfig, AutoModel, AutoModelForCausalLM"]
    lines += [f"AutoConfig.register({key!r}, transformers.{name})" for key, name in configs.items()]
    for mapping, auto_class in (
        ("MODEL_MAPPING_NAMES", "AutoModel"),
        ("MODEL_FOR_CAUSAL_LM_MAPPING_NAMES", "AutoModelForCausalLM"),
    ):
        lines += [
            f"{auto_class}.register(transformers.{configs[key]}, transformers.{model})"
            for key, model in _mapping(auto / "modeling_auto.py", mapping).items()
            if key in configs
        ]
    config = load_config(root, None, check_sections())
    workspace = Workspace.open(root, [])
    workspace.files.append("src/transformers/_registrations.py")
    workspace.replace_text("src/transformers/_registrations.py", "\n".join(lines) + "\n")
    found = judge_registration(RepoView(config, workspace), "src/transformers")
    assert len(lines) > 1000
    assert {(d.data["auto_class"], d.data["class"]) for d in found if d.code == "AUT102"} == COMPOSITE_MAPPINGS
    assert [(d.code, d.data["class"]) for d in found if d.code != "AUT102"] == [
        ("AUT105", "transformers.VoxtralRealtimeTextModel")
    ]


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["transformers", "diffusers"])
def test_released_trees_have_no_registration_findings(name):
    root = real_tree(name)
    config = load_config(root, None, check_sections())
    repo = RepoView(config, Workspace.open(root, []))
    assert judge_registration(repo, f"src/{name}") == []
