"""STR: structure rules from the contributor guides (model classes, configs, inheritance), with the static
forms of the reference `utils/check_repo.py` (`forward` accepts `**kwargs`) and
`utils/check_modeling_structure.py` (`config_class`, `base_model_prefix`, `post_init`) rules."""

from __future__ import annotations

from repo_lint.checks.structure.rules import RULES

from repo_lint.config import Option

FAMILY = "STR"
SECTION = "structure"
JUDGE = "repo_lint.checks.structure.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "model-files",
        "list[str]",
        ["{source}/models/**/modeling_*.py"],
        "Globs of the files whose model classes are checked (STR001-STR005, STR007, STR008).",
        path="globs",
    ),
    Option(
        "config-files",
        "list[str]",
        ["{source}/models/**/configuration_*.py"],
        "Globs of the files whose config classes are checked (STR006).",
        path="globs",
    ),
    Option(
        "tf-files",
        "list[str]",
        ["{source}/models/**/modeling_tf_*.py"],
        "Globs of the TensorFlow model files (STR009); they are not model files for the other rules.",
        path="globs",
    ),
    Option(
        "ignore-files",
        "list[str]",
        ["**/modeling_flax_*.py"],
        "Globs of files no STR rule reads (other frameworks' model files).",
        path="globs",
    ),
    Option(
        "base-class",
        "str",
        "PreTrainedModel",
        "The library's base model class: a model class derives from it through the package's classes.",
    ),
    Option(
        "config-bases",
        "list[str]",
        ["PreTrainedConfig", "PretrainedConfig"],
        "The library's base config classes (STR006).",
    ),
    Option(
        "config-attributes",
        "bool",
        False,
        "Report configuration arguments no `modeling_*.py` of the folder reads (STR010).",
    ),
    Option(
        "config-attributes-allowed",
        "list[str]",
        [],
        "Glob patterns (`*`, `?`) of configuration arguments that may stay unread (STR010).",
    ),
    Option(
        "config-attributes-allowed-by-class",
        "dict[str,list[str]]",
        {},
        "Configuration class -> glob patterns of its arguments that may stay unread (STR010).",
    ),
    Option(
        "test-files",
        "list[str]",
        ["tests/**/*.py"],
        "Globs of the test files whose decorator order is checked (STR011; empty: not checked).",
        path="globs",
    ),
    Option(
        "model-tests",
        "bool",
        False,
        "Report model classes the test module named after their modeling module does not test (STR012).",
    ),
    Option("tests-folder", "str", "tests", "The tests folder; STR012 reads it and `<it>/models/*/`.", path="path"),
    Option("untested-models", "list[str]", [], "Model classes that need no test (STR012)."),
    Option(
        "untested-suffixes",
        "list[str]",
        ["Wrapper", "Encoder", "Decoder", "Prenet"],
        "Name endings of building blocks, which need no test of their own (STR012).",
    ),
    Option("untested-modules", "list[str]", [], "Modeling modules (file stems) STR012 does not look at."),
    Option(
        "tests-without-common-tests",
        "list[str]",
        [],
        "Test modules (below the tests folder) that test no model class on purpose (STR012).",
    ),
    Option(
        "model-testers",
        "dict[str,list[str]]",
        {},
        "Tester base class -> the attributes naming the classes it tests, `name` or `name=Suffix` (the class "
        "inferred when unset: the base model class's name without `Model`, plus the suffix) (STR012).",
    ),
    Option(
        "tested-bases",
        "list[str]",
        [],
        "Base class names whose direct subclasses in `tested-folders` must be imported by a test module (STR013; "
        "empty: not checked).",
    ),
    Option(
        "tested-folders",
        "list[str]",
        ["{source}/models", "{source}/pipelines", "{source}/schedulers"],
        "The folders whose classes STR013 looks at.",
        path="paths",
    ),
    Option("tf-base-class", "str", "TFPreTrainedModel", "The library's TensorFlow base model class (STR009)."),
    Option("max-depth", "int", 2, "How many levels a model class may be below the library's base classes (STR004)."),
    Option(
        "config-family",
        "bool",
        True,
        "STR001 also accepts a config of the same model family: `<X><Part>Config` (PixtralVisionConfig for "
        "PixtralPreTrainedModel) or a config whose prefix starts `<X>` (DecisionTransformerConfig for "
        "DecisionTransformerGPT2PreTrainedModel); underscores are ignored when comparing.",
    ),
    Option("post-init", "bool", True, "Check that model `__init__`s call `self.post_init()` (STR007)."),
    Option("forward-kwargs", "bool", True, "Check that model `forward`s accept `**kwargs` (STR008)."),
    Option(
        "exempt",
        "dict[str,list[str]]",
        {},
        "Rule code -> class names that rule does not report (upstream allow-lists, deliberate designs).",
    ),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
