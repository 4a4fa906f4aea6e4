"""The STR rules and their documentation (`repo-lint explain STR001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

MODELING = "src/pkg/models/acme/modeling_acme.py"
CONFIGURATION = "src/pkg/models/acme/configuration_acme.py"
TF_MODELING = "src/pkg/models/acme/modeling_tf_acme.py"
HEADER = "from ...modeling_utils import PreTrainedModel\nfrom torch import nn\n\n\n"
PRETRAINED = (
    HEADER + 'class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeConfig\n    base_model_prefix = "acme"\n'
)


def _model(body: str) -> dict[str, str]:
    return {MODELING: PRETRAINED + "\n\n" + body}


_BASE_MODEL = (
    "class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n        super().__init__(config)\n"
    "        self.post_init()\n\n    def forward(self, input_ids, **kwargs):\n        return input_ids\n"
)

_MODEL_CLASS = (
    "\n\nA model class is a class of a `model-files` file that derives from `base-class` (`PreTrainedModel`)\n"
    "through the package's own classes, found statically by name (same file first, then the whole package).\n"
    "`exempt` lists classes a rule does not report."
)

CONFIG_CLASS = Rule(
    code="STR001",
    message=(
        "`{class_name}` declares config class `{declared}`, expected `{expected}`\n"
        "`{class_name}` declares no config class (`config: {expected}`)"
    ),
    name="config-class-mismatch",
    summary="`<X>PreTrainedModel` declares a config class other than `<X>Config`, or none at all.",
    why=(
        "`from_pretrained`, the auto classes and `AutoModel.register` find a model's configuration through\n"
        "`config_class`; the convention that `<X>PreTrainedModel` pairs with `<X>Config` is what lets a reader\n"
        "(and the tooling) go from one to the other. The declaration is `config_class = XConfig` (the reference\n"
        "`check_modeling_structure.py` form) or, in Transformers v5, the annotation `config: XConfig`, from\n"
        "which `PreTrainedModel.__init_subclass__` derives `config_class`. A union annotation passes when one\n"
        "of its names matches. With `config-family` (default) a config of the same model family passes too\n"
        "(`PixtralVisionConfig` for `PixtralPreTrainedModel`). A class that declares nothing is reported only\n"
        "when it derives directly from the library's base classes (otherwise it inherits its parent's config);\n"
        "its `config_class` is then `None` and loading needs an explicit config." + _MODEL_CLASS
    ),
    cases=(
        valid({MODELING: PRETRAINED}, note="annotation"),
        valid(
            {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config_class = AcmeConfig\n"},
            note="config-class-attribute",
        ),
        valid(
            {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeVisionConfig\n"},
            note="same-family-config",
        ),
        valid(
            {
                MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n"
                "    config: AcmeConfig | AcmeTextConfig\n"
            },
            note="union",
        ),
        invalid(
            {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config: WileConfig\n"},
            line=6,
            note="other-model-config",
        ),
        invalid(
            {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeVisionConfig\n"},
            line=6,
            note="family-off",
            config="[tool.repo-lint.structure]\nconfig-family = false\n",
        ),
        invalid(
            {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    main_input_name = 'x'\n"},
            line=5,
            note="no-config",
        ),
    ),
)

BASE_MODEL_PREFIX = Rule(
    code="STR002",
    message="`{class_name}.base_model_prefix` is {value}: it must be a non-empty identifier (or dotted identifiers)",
    name="bad-base-model-prefix",
    summary="A model class sets `base_model_prefix` to something other than a non-empty identifier string.",
    why=(
        "`base_model_prefix` is the attribute name under which a head model holds its base model; weight\n"
        "loading adds or strips it from checkpoint keys to load a base checkpoint into a head model and back.\n"
        "An empty string, whitespace or a computed value breaks that mapping silently. A dotted path of\n"
        "identifiers (`model.audio_tower`, used by Transformers v5 sub-models) is accepted. Absence is fine:\n"
        "the class inherits its parent's prefix." + _MODEL_CLASS
    ),
    cases=(
        valid({MODELING: PRETRAINED}, note="identifier"),
        valid(
            _model('class AcmeAudioModel(AcmePreTrainedModel):\n    base_model_prefix = "model.audio_tower"\n'),
            note="dotted",
        ),
        invalid(
            {MODELING: HEADER + 'class AcmePreTrainedModel(PreTrainedModel):\n    base_model_prefix = ""\n'},
            line=6,
            note="empty",
        ),
        invalid(
            {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    base_model_prefix = PREFIX\n"},
            line=6,
            note="not-a-literal",
        ),
        invalid(
            {MODELING: HEADER + 'class AcmePreTrainedModel(PreTrainedModel):\n    base_model_prefix = "my model"\n'},
            line=6,
            note="whitespace",
        ),
    ),
)

HEAD_INHERITS_MODEL = Rule(
    code="STR003",
    message=(
        "head model `{head}` inherits from `{base}`: derive it from the pre-trained base class and hold the "
        "`{base}` in an attribute instead"
    ),
    name="head-inherits-base-model",
    summary="A head model `<X>For<Task>` inherits from `<X>Model` instead of holding one.",
    why=(
        "The contributor guides build a head model by composition: `<X>ForTask` derives from\n"
        "`<X>PreTrainedModel` and keeps an `<X>Model` in an attribute named `base_model_prefix`. Inheriting\n"
        "from `<X>Model` instead changes the parameter names (no prefix), so base checkpoints and head\n"
        "checkpoints stop loading into each other, and the head drags the base model's whole interface\n"
        "along." + _MODEL_CLASS
    ),
    cases=(
        valid(_model(_BASE_MODEL + "\n\nclass AcmeForMaskedLM(AcmePreTrainedModel):\n    pass\n"), note="composition"),
        invalid(
            _model(_BASE_MODEL + "\n\nclass AcmeForMaskedLM(AcmeModel):\n    pass\n"), line=19, note="inherits-model"
        ),
    ),
)

TOO_DEEP = Rule(
    code="STR004",
    message="`{class_name}` is {depth} levels below `{base}` ({chain}); at most {allowed} are allowed",
    name="model-hierarchy-too-deep",
    summary="A model class is more than `max-depth` (2) levels below the library's base model classes.",
    why=(
        "One folder per model means a model reads top to bottom in one file: `<X>PreTrainedModel` derives from\n"
        "the library base (level 1) and every model derives from it (level 2). Each further level hides code a\n"
        "reader must chase through another class, and a change to the middle class silently changes every model\n"
        "below it. Depth counts the classes of model files along the longest chain; a class defined elsewhere in\n"
        "the package that derives from `base-class` (Transformers' `PreTrainedAudioTokenizerBase`) is part of the\n"
        "library and counts as level 0, like `base-class` itself." + _MODEL_CLASS
    ),
    cases=(
        valid(_model(_BASE_MODEL), note="two-levels"),
        valid(
            {
                MODELING: "from ...modeling_utils import AudioTokenizerBase\n\n\n"
                "class AcmePreTrainedModel(AudioTokenizerBase):\n    config: AcmeConfig\n\n\n"
                "class AcmeModel(AcmePreTrainedModel):\n    pass\n",
                "src/pkg/modeling_utils.py": "class PreTrainedModel:\n    pass\n\n\n"
                "class AudioTokenizerBase(PreTrainedModel):\n    pass\n",
            },
            note="library-intermediate-base",
        ),
        invalid(_model(_BASE_MODEL + "\n\nclass AcmeBackbone(AcmeModel):\n    pass\n"), line=19, note="three-levels"),
        invalid(
            _model("class AcmeModel(AcmePreTrainedModel):\n    pass\n"),
            line=10,
            note="max-depth-1",
            config="[tool.repo-lint.structure]\nmax-depth = 1\n",
        ),
    ),
)

SEQUENTIAL_SUBCLASS = Rule(
    code="STR005",
    message="`{class_name}` subclasses `{sequential}`: declare named sub-modules and a `forward` instead",
    name="sequential-subclass",
    summary="A class of a model file subclasses `nn.Sequential`.",
    why=(
        "`nn.Sequential` names its children by position (`0.weight`, `2.weight`) and hides the forward pass:\n"
        "checkpoint keys, tied-weight lists and parallelism plans then depend on indices, and adding a layer\n"
        "renames every one after it. Declare the sub-modules as named attributes and write `forward`. (The\n"
        "transformers-mlinter TRF036 rule also flags building an `nn.Sequential(...)`; this rule is about\n"
        "subclassing it, and checks every class of a `model-files` file.)"
    ),
    cases=(
        valid({MODELING: HEADER + "class AcmeMLP(nn.Module):\n    pass\n"}, note="module"),
        invalid({MODELING: HEADER + "class AcmeMLP(nn.Sequential):\n    pass\n"}, line=5, note="sequential"),
    ),
)

CONFIG_KWARGS = Rule(
    code="STR006",
    message=(
        "`{class_name}.__init__` does not accept `**kwargs` (for the base config's arguments)\n"
        "`{class_name}.__init__` does not pass `**kwargs` to `super().__init__`: "
        "the base config's arguments are dropped"
    ),
    name="config-init-drops-kwargs",
    summary="A config class's `__init__` does not accept `**kwargs`, or does not pass them to `super().__init__`.",
    why=(
        "The base config's `__init__` takes the common attributes (`pad_token_id`, `tie_word_embeddings`,\n"
        "`output_hidden_states`, ...) and unknown keys of a saved `config.json`; a subclass that does not\n"
        "accept `**kwargs` fails on any of them, and one that accepts but does not forward them silently drops\n"
        "them, so a saved config does not round-trip. Only config classes (deriving from `config-bases`) of\n"
        "`config-files` that define `__init__` are checked: Transformers v5 configs are dataclasses without\n"
        "one (their `@strict(accept_kwargs=True)` decorator is transformers-mlinter TRF010's business)."
    ),
    cases=(
        valid(
            {
                CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                "class AcmeConfig(PreTrainedConfig):\n"
                "    def __init__(self, hidden_size=64, **kwargs):\n"
                "        self.hidden_size = hidden_size\n        super().__init__(**kwargs)\n"
            },
            note="forwards",
        ),
        valid(
            {
                CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                "@strict(accept_kwargs=True)\nclass AcmeConfig(PreTrainedConfig):\n"
                "    hidden_size: int = 64\n"
            },
            note="dataclass-without-init",
        ),
        invalid(
            {
                CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                "class AcmeConfig(PreTrainedConfig):\n    def __init__(self, hidden_size=64):\n"
                "        self.hidden_size = hidden_size\n        super().__init__()\n"
            },
            line=5,
            note="no-kwargs",
        ),
        invalid(
            {
                CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                "class AcmeConfig(PreTrainedConfig):\n"
                "    def __init__(self, hidden_size=64, **kwargs):\n"
                "        self.hidden_size = hidden_size\n        super().__init__()\n"
            },
            line=5,
            note="kwargs-dropped",
        ),
    ),
)

MISSING_POST_INIT = Rule(
    code="STR007",
    message="`{class_name}.__init__` does not call `self.post_init()` (and no base `__init__` it inherits does)",
    name="model-init-without-post-init",
    summary="A model class defines `__init__` without calling `self.post_init()`.",
    why=(
        "`post_init()` finishes building a model: it initialises the weights, ties embeddings and sets up\n"
        "gradient checkpointing and parallelism plans. A model that skips it loads with uninitialised or\n"
        "untied weights. As in the reference `check_modeling_structure.py`, the call may sit anywhere in\n"
        "`__init__`. A class whose base's `__init__` already calls it (a subclass of a concrete model, or of a\n"
        "`GenericFor...` head), found through the package's classes, is not reported: `super().__init__` runs\n"
        "it. Turned off by `post-init = false` (libraries without `post_init`)." + _MODEL_CLASS
    ),
    cases=(
        valid(_model(_BASE_MODEL), note="calls-post-init"),
        valid(
            _model(
                _BASE_MODEL + "\n\nclass AcmeDeprecatedModel(AcmeModel):\n"
                "    def __init__(self, *args, **kwargs):\n"
                "        super().__init__(*args, **kwargs)\n"
            ),
            note="parent-calls-it",
        ),
        invalid(
            _model(
                "class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n"
                "        super().__init__(config)\n        self.layer = nn.Linear(2, 2)\n"
            ),
            line=11,
            note="missing",
        ),
    ),
)

FORWARD_KWARGS = Rule(
    code="STR008",
    message="`{class_name}.forward` does not accept `**kwargs`",
    name="model-forward-without-kwargs",
    summary="A model class's `forward` does not accept `**kwargs`.",
    why=(
        "Transformers passes attention-backend and loss arguments (`output_attentions`, flash-attention\n"
        "kwargs, `num_items_in_batch`, ...) through every model's `forward` as keyword arguments; a model whose\n"
        "`forward` has no `**kwargs` raises `TypeError` on them. This is the static form of the reference\n"
        "`utils/check_repo.py` `check_models_have_kwargs`, applied to every model class of every model file\n"
        "(the reference reads the first modeling file of each folder). Turned off by\n"
        "`forward-kwargs = false`." + _MODEL_CLASS
    ),
    cases=(
        valid(_model(_BASE_MODEL), note="kwargs"),
        invalid(
            _model(
                "class AcmeModel(AcmePreTrainedModel):\n    def forward(\n        self,\n"
                "        input_ids,\n    ):\n        return input_ids\n"
            ),
            line=11,
            note="no-kwargs",
        ),
    ),
)

TF_LAYERS = Rule(
    code="STR009",
    message=(
        "main layer `{class_name}` is not decorated `@keras_serializable`\n"
        "`{class_name}.call` is not decorated `@unpack_inputs`\n"
        "TensorFlow class `{class_name}` does not carry the `TF` prefix (`{expected}`)"
    ),
    name="tf-layer-conventions",
    summary="A TensorFlow model file breaks the Keras conventions: main layer, `call` decorator or `TF` prefix.",
    why=(
        "In `tf-files` (`modeling_tf_*.py`): a `TF<X>MainLayer` must be `@keras_serializable`, or the Keras model\n"
        "cannot be saved and reloaded with its config; the `call` of a `@keras_serializable` layer and of every\n"
        "TF model class (deriving from `tf-base-class`) must be `@unpack_inputs`, which turns the dict / tuple /\n"
        "keyword input forms Keras allows into keyword arguments; and every Keras layer or model class of the\n"
        "file carries the `TF` prefix, so it never shadows the PyTorch class of the same name. Transformers v5\n"
        "dropped TensorFlow: with no such file the rule reports nothing."
    ),
    cases=(
        valid(
            {
                TF_MODELING: "@keras_serializable\nclass TFAcmeMainLayer(keras.layers.Layer):\n"
                "    @unpack_inputs\n    def call(self, input_ids=None):\n"
                "        return input_ids\n\n\n"
                "class TFAcmeModel(TFAcmePreTrainedModel):\n    @unpack_inputs\n"
                "    def call(self, input_ids=None):\n        return input_ids\n\n\n"
                "class TFAcmePreTrainedModel(TFPreTrainedModel):\n    pass\n"
            },
            note="conventions",
        ),
        invalid(
            {
                TF_MODELING: "class TFAcmeMainLayer(keras.layers.Layer):\n    @unpack_inputs\n"
                "    def call(self, input_ids=None):\n        return input_ids\n"
            },
            line=1,
            note="main-layer-not-serializable",
        ),
        invalid(
            {
                TF_MODELING: "class TFAcmePreTrainedModel(TFPreTrainedModel):\n    pass\n\n\n"
                "class TFAcmeModel(TFAcmePreTrainedModel):\n"
                "    def call(self, input_ids=None):\n        return input_ids\n"
            },
            line=6,
            note="call-not-unpacked",
        ),
        invalid({TF_MODELING: "class AcmeBias(keras.layers.Layer):\n    pass\n"}, line=1, note="no-tf-prefix"),
    ),
)

_ACME_CONFIG = (
    "from ...configuration_utils import PreTrainedConfig\n\n\n"
    "class AcmeConfig(PreTrainedConfig):\n"
    '    model_type = "acme"\n'
    "    hidden_size: int = 64\n"
    "    dropout: float = 0.1\n"
    "    pad_token_id: int | None = None\n"
)
_ACME_MODELING = "class AcmeModel:\n    def __init__(self, config):\n        self.size = config.hidden_size\n"
_CONFIG_ATTRIBUTES = (
    '[tool.repo-lint.structure]\nconfig-attributes = true\nconfig-attributes-allowed = ["*_token_id"]\n'
)

CONFIG_ARGUMENT_UNUSED = Rule(
    code="STR010",
    message="`{argument}` of `{name}` is read by no `modeling_*.py` of its folder (`config.{argument}`)",
    name="config-argument-unused",
    summary="A configuration argument is read by none of its model's modeling files.",
    why=(
        "An argument a configuration accepts but the model never reads is a setting that silently does nothing\n"
        "(Transformers' `utils/check_config_attributes.py` fails on it). The arguments of a configuration class\n"
        "(one of `config-files` deriving from `config-bases`, not under `deprecated/`) are its own `__init__`'s\n"
        "parameters, or the annotated fields of the dataclass configurations, with those of the classes it\n"
        "derives from (the library's `configuration_utils.py` included). An argument is read when a\n"
        '`modeling_*.py` file of the same folder holds `config.<name>`, `getattr(config, "<name>"` or\n'
        '`getattr(self.config, "<name>"` (for a `...TextConfig`, `config.get_text_config().<name>`), for the\n'
        "argument or its alias in `attribute_map`; or when it matches `config-attributes-allowed` or its class's\n"
        "`config-attributes-allowed-by-class` (the `transformers` preset holds the script's lists), or is\n"
        "`is_encoder_decoder` defaulting to `True`. Off unless `config-attributes` is set (the `transformers`\n"
        "preset sets it). The finding is on the argument's line."
    ),
    cases=(
        invalid(
            {CONFIGURATION: _ACME_CONFIG, MODELING: _ACME_MODELING, "src/pkg/__init__.py": ""},
            line=7,
            config=_CONFIG_ATTRIBUTES,
            note="unread",
        ),
        valid(
            {
                CONFIGURATION: _ACME_CONFIG,
                MODELING: _ACME_MODELING + '        self.dropout = getattr(\n            config, "dropout", 0.0)\n',
                "src/pkg/__init__.py": "",
            },
            config=_CONFIG_ATTRIBUTES,
            note="read-with-getattr",
        ),
        valid(
            {CONFIGURATION: _ACME_CONFIG, MODELING: _ACME_MODELING, "src/pkg/__init__.py": ""},
            config=_CONFIG_ATTRIBUTES + 'config-attributes-allowed-by-class = { AcmeConfig = ["dropout"] }\n',
            note="allowed-for-the-class",
        ),
        valid({CONFIGURATION: _ACME_CONFIG, MODELING: _ACME_MODELING, "src/pkg/__init__.py": ""}, note="not-asked-for"),
    ),
)

_TEST = "tests/models/acme/test_modeling_acme.py"
_TEST_HEADER = "import unittest\n\nfrom parameterized import parameterized\n\nfrom pkg.testing_utils import slow\n\n\n"
_EXPAND = "    @parameterized.expand(\n        [(1,), (2,)]\n    )\n"
_SLOW = "    @slow\n"
_TEST_BODY = "    def test_sizes(self, size):\n        self.assertGreater(size, 0)\n"


def _test_case(decorators: str) -> dict[str, str]:
    test = _TEST_HEADER + "class AcmeTest(unittest.TestCase):\n" + decorators + _TEST_BODY
    return {_TEST: test, "src/pkg/__init__.py": ""}


PARAMETERIZED_NOT_FIRST = Rule(
    code="STR011",
    message="`@{decorator}` of `{name}` must be its first decorator: a decorator above it is lost for the generated "
    "tests",
    name="parameterized-not-first",
    summary="A `@parameterized...` decorator of a test is below another decorator.",
    why=(
        "`parameterized.expand` puts one generated test per case into the class and returns a stand-in, so a\n"
        "decorator written above it (`@slow`, `@require_torch_accelerator`, `@unittest.skip(...)`) decorates only\n"
        "the stand-in and never applies to the tests that run: a slow or accelerator-only test then runs\n"
        "everywhere. Transformers' and Diffusers' `utils/check_repo.py` fail on it, for the files directly in\n"
        "`tests/` and only where each decorator is one line without spaces; this rule reads the definitions of\n"
        "every `test-files` file with `ast`, whatever the layout of the decorators. The fix moves the decorator's\n"
        "lines above the others when every decorator of the definition starts its own line."
    ),
    cases=(
        invalid(
            _test_case(_SLOW + _EXPAND),
            line=10,
            note="slow-above",
            fixed={_TEST: _TEST_HEADER + "class AcmeTest(unittest.TestCase):\n" + _EXPAND + _SLOW + _TEST_BODY},
        ),
        valid(_test_case(_EXPAND + _SLOW), note="parameterized-first"),
    ),
)

_LLAMA_TEST = "tests/models/acme/test_modeling_acme.py"
_TESTS_CONFIG = "[tool.repo-lint.structure]\nmodel-tests = true\n"
_HEAD_MODEL = "\n\nclass AcmeForCausalLM(AcmePreTrainedModel):\n    pass\n"


def _tested(*names: str) -> dict[str, str]:
    listed = ", ".join(names)
    test = f"class AcmeModelTest(ModelTesterMixin, unittest.TestCase):\n    all_model_classes = ({listed},)\n"
    return {**_model(_BASE_MODEL + _HEAD_MODEL), _LLAMA_TEST: test, "src/pkg/__init__.py": ""}


MODEL_UNTESTED = Rule(
    code="STR012",
    message="{why}",
    name="model-untested",
    summary="A model class is not tested by the test module named after its modeling module.",
    why=(
        "Every model class gets the common tests: its modeling module `modeling_x.py` has one test module\n"
        "`test_modeling_x.py` (in the tests folder or a folder of `tests/models/`) whose `all_model_classes`\n"
        "lists it, or whose model tester names it (`base_model_class = AcmeModel` in a `CausalLMModelTester`,\n"
        "which also tests `AcmeForCausalLM` unless told otherwise: `model-testers` says which attributes each\n"
        "tester base reads and what it infers). Transformers' `utils/check_repo.py` fails otherwise; it imports\n"
        "every modeling module (torch needed), where this rule reads the modules and the tests with `ast`.\n"
        "Classes whose names hold `PreTrained`, end in `untested-suffixes` (building blocks) or are listed in\n"
        "`untested-models` need no test; `tests-without-common-tests` lists test modules that test none on\n"
        "purpose. Off unless `model-tests = true` (the `transformers` preset); silent when the tests folder has\n"
        "no `models/` (a released sdist)."
    ),
    cases=(
        invalid(_tested("AcmeModel"), line=19, config=_TESTS_CONFIG, note="head-untested"),
        valid(_tested("AcmeModel", "AcmeForCausalLM"), config=_TESTS_CONFIG, note="all-tested"),
        valid(_tested("AcmeModel"), note="not-asked-for"),
    ),
)

_PIPELINE = "src/pkg/pipelines/acme/pipeline_acme.py"
_PIPELINE_CODE = (
    "from ..pipeline_utils import DiffusionPipeline\n\n\nclass AcmePipeline(DiffusionPipeline):\n    pass\n"
)
_TESTED_BASES = '[tool.repo-lint.structure]\ntested-bases = ["DiffusionPipeline"]\n'

CLASS_UNTESTED = Rule(
    code="STR013",
    message="{why}",
    name="class-untested",
    summary="A model, scheduler or pipeline class is imported by no test module.",
    why=(
        "A new pipeline, model or scheduler comes with its tests. Diffusers labels a pull request `missing-tests`\n"
        "when a class it adds that derives from `ModelMixin`, `SchedulerMixin` or `DiffusionPipeline` is imported\n"
        "by none of the test files it adds (`utils/check_test_missing.py`); this rule asks that each such class of\n"
        "`tested-folders` (a direct subclass of one of `tested-bases`, by name) be imported by some module of the\n"
        "tests folder, read with `ast`. `tested-bases` is empty by default (not checked); the `diffusers` preset\n"
        "names the three bases and reports the rule for changed files only (`changed-only`), as the labeller does:\n"
        "older classes without tests are not a pull request's business."
    ),
    cases=(
        invalid({_PIPELINE: _PIPELINE_CODE, "src/pkg/__init__.py": ""}, line=4, config=_TESTED_BASES, note="no-test"),
        valid(
            {
                _PIPELINE: _PIPELINE_CODE,
                "tests/pipelines/test_acme.py": "from pkg import AcmePipeline\n",
                "src/pkg/__init__.py": "",
            },
            config=_TESTED_BASES,
            note="tested",
        ),
    ),
)

RULES = (
    CONFIG_CLASS,
    BASE_MODEL_PREFIX,
    HEAD_INHERITS_MODEL,
    TOO_DEEP,
    SEQUENTIAL_SUBCLASS,
    CONFIG_KWARGS,
    MISSING_POST_INIT,
    FORWARD_KWARGS,
    TF_LAYERS,
    CONFIG_ARGUMENT_UNUSED,
    PARAMETERIZED_NOT_FIRST,
    MODEL_UNTESTED,
    CLASS_UNTESTED,
)
