"""The STR rules and their documentation (`repo-lint explain STR001`)."""

from repo_lint.diagnostics import Rule

_MODEL_CLASS = (
    "\n\nA model class is a class of a `model-files` file that derives from `base-class` (`PreTrainedModel`)\n"
    "through the package's own classes, found statically by name (same file first, then the whole package).\n"
    "`exempt` lists classes a rule does not report."
)

CONFIG_CLASS = Rule(
    code="STR001",
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
    bad="class AcmePreTrainedModel(PreTrainedModel):\n    config: WileConfig\n",
    good="class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeConfig\n",
)

BASE_MODEL_PREFIX = Rule(
    code="STR002",
    name="bad-base-model-prefix",
    summary="A model class sets `base_model_prefix` to something other than a non-empty identifier string.",
    why=(
        "`base_model_prefix` is the attribute name under which a head model holds its base model; weight\n"
        "loading adds or strips it from checkpoint keys to load a base checkpoint into a head model and back.\n"
        "An empty string, whitespace or a computed value breaks that mapping silently. A dotted path of\n"
        "identifiers (`model.audio_tower`, used by Transformers v5 sub-models) is accepted. Absence is fine:\n"
        "the class inherits its parent's prefix." + _MODEL_CLASS
    ),
    bad='class AcmePreTrainedModel(PreTrainedModel):\n    base_model_prefix = ""\n',
    good='class AcmePreTrainedModel(PreTrainedModel):\n    base_model_prefix = "acme"\n',
)

HEAD_INHERITS_MODEL = Rule(
    code="STR003",
    name="head-inherits-base-model",
    summary="A head model `<X>For<Task>` inherits from `<X>Model` instead of holding one.",
    why=(
        "The contributor guides build a head model by composition: `<X>ForTask` derives from\n"
        "`<X>PreTrainedModel` and keeps an `<X>Model` in an attribute named `base_model_prefix`. Inheriting\n"
        "from `<X>Model` instead changes the parameter names (no prefix), so base checkpoints and head\n"
        "checkpoints stop loading into each other, and the head drags the base model's whole interface\n"
        "along." + _MODEL_CLASS
    ),
    bad="class AcmeForMaskedLM(AcmeModel):\n    ...\n",
    good="class AcmeForMaskedLM(AcmePreTrainedModel):\n    def __init__(self, config):\n"
         "        super().__init__(config)\n        self.acme = AcmeModel(config)\n        self.post_init()\n",
)

TOO_DEEP = Rule(
    code="STR004",
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
    bad="class AcmePreTrainedModel(PreTrainedModel): ...\nclass AcmeModel(AcmePreTrainedModel): ...\n"
        "class AcmeBackbone(AcmeModel): ...  # level 3\n",
    good="class AcmePreTrainedModel(PreTrainedModel): ...\nclass AcmeModel(AcmePreTrainedModel): ...\n"
         "class AcmeBackbone(AcmePreTrainedModel): ...  # level 2, holds an AcmeModel\n",
)

SEQUENTIAL_SUBCLASS = Rule(
    code="STR005",
    name="sequential-subclass",
    summary="A class of a model file subclasses `nn.Sequential`.",
    why=(
        "`nn.Sequential` names its children by position (`0.weight`, `2.weight`) and hides the forward pass:\n"
        "checkpoint keys, tied-weight lists and parallelism plans then depend on indices, and adding a layer\n"
        "renames every one after it. Declare the sub-modules as named attributes and write `forward`. (The\n"
        "transformers-mlinter TRF036 rule also flags building an `nn.Sequential(...)`; this rule is about\n"
        "subclassing it, and checks every class of a `model-files` file.)"
    ),
    bad="class AcmeMLP(nn.Sequential):\n    def __init__(self, config):\n"
        "        super().__init__(nn.Linear(4, 8), nn.GELU(), nn.Linear(8, 4))\n",
    good="class AcmeMLP(nn.Module):\n    def __init__(self, config):\n        super().__init__()\n"
         "        self.fc1 = nn.Linear(4, 8)\n        self.act = nn.GELU()\n        self.fc2 = nn.Linear(8, 4)\n\n"
         "    def forward(self, hidden_states):\n        return self.fc2(self.act(self.fc1(hidden_states)))\n",
)

CONFIG_KWARGS = Rule(
    code="STR006",
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
    bad="class AcmeConfig(PreTrainedConfig):\n    def __init__(self, hidden_size=64):\n"
        "        self.hidden_size = hidden_size\n        super().__init__()\n",
    good="class AcmeConfig(PreTrainedConfig):\n    def __init__(self, hidden_size=64, **kwargs):\n"
         "        self.hidden_size = hidden_size\n        super().__init__(**kwargs)\n",
)

MISSING_POST_INIT = Rule(
    code="STR007",
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
    bad="class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n        super().__init__(config)\n"
        "        self.layers = nn.ModuleList(...)\n",
    good="class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n        super().__init__(config)\n"
         "        self.layers = nn.ModuleList(...)\n        self.post_init()\n",
)

FORWARD_KWARGS = Rule(
    code="STR008",
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
    bad="class AcmeModel(AcmePreTrainedModel):\n    def forward(self, input_ids):\n        ...\n",
    good="class AcmeModel(AcmePreTrainedModel):\n    def forward(self, input_ids, **kwargs):\n        ...\n",
)

TF_LAYERS = Rule(
    code="STR009",
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
    bad="class TFAcmeMainLayer(keras.layers.Layer):\n    def call(self, input_ids=None):\n        ...\n",
    good="@keras_serializable\nclass TFAcmeMainLayer(keras.layers.Layer):\n    @unpack_inputs\n"
         "    def call(self, input_ids=None):\n        ...\n",
)

RULES = (CONFIG_CLASS, BASE_MODEL_PREFIX, HEAD_INHERITS_MODEL, TOO_DEEP, SEQUENTIAL_SUBCLASS, CONFIG_KWARGS,
         MISSING_POST_INIT, FORWARD_KWARGS, TF_LAYERS)
