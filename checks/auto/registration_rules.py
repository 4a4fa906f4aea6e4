"""The AUT101-AUT105 rules and their documentation (apart, so listing the rules imports no checker)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

P = "src/pkg/"
CONFIGURATION = P + "configuration_resnet.py"
MODELING = P + "modeling_resnet.py"
REGISTER = P + "register.py"

RESNET_CONFIG = 'class ResnetConfig(PretrainedConfig):\n    model_type = "resnet"\n'
BACKBONE_CONFIG = 'class ResnetBackboneConfig(PretrainedConfig):\n    model_type = "resnet-backbone"\n'
CONFIG = {CONFIGURATION: "from transformers import PretrainedConfig\n\n\n" + RESNET_CONFIG}
CONFIGS = {CONFIGURATION: CONFIG[CONFIGURATION] + "\n\n" + BACKBONE_CONFIG}
MODELS = {
    MODELING: "from transformers import PreTrainedModel\n\nfrom .configuration_resnet import ResnetConfig\n\n\n"
    "class ResnetModel(PreTrainedModel):\n    config_class = ResnetConfig\n"
}


def _config_register(key: str) -> str:
    return f"from transformers import AutoConfig, PretrainedConfig\n\n\n{RESNET_CONFIG}\n\nAutoConfig.register({key})\n"


def _backbone(register: str, config_class: str = "    config_class = ResnetBackboneConfig\n") -> dict[str, str]:
    return {
        MODELING: "from transformers import AutoBackbone, PreTrainedModel\n\n"
        "from .configuration_resnet import ResnetBackboneConfig, ResnetConfig\n\n\n"
        f"class ResnetBackbone(PreTrainedModel):\n{config_class}\n\n{register}\n",
        **CONFIGS,
    }


def _registered_config(body: str, register: str = "ResnetConfig.register_for_auto_class()") -> str:
    return (
        f"from transformers import PretrainedConfig\n\n\nclass ResnetConfig(PretrainedConfig):\n{body}\n\n{register}\n"
    )


_NO_MODEL_TYPE = (
    "    def __init__(self, layers=(3, 4, 6, 3), **kwargs):\n        self.layers = layers\n"
    "        super().__init__(**kwargs)\n"
)

MODEL_TYPE_MISMATCH = Rule(
    code="AUT101",
    message="`{class_name}` is registered as `{key}` but its `model_type` is `{model_type}`",
    name="register-model-type-mismatch",
    summary="`AutoConfig.register(key, Config)` with a key that is not the config's `model_type`.",
    why=(
        "`AutoConfig.register` raises a ValueError when `config.model_type != key`, so the custom code fails at\n"
        "import; and `config.json` files saved with the class carry its `model_type`, not the key. Writing the\n"
        "key as `Config.model_type` keeps the two the same."
    ),
    cases=(
        invalid({P + "configuration_resnet.py": _config_register('"rn50", ResnetConfig')}, line=8, note="other-key"),
        valid({P + "configuration_resnet.py": _config_register('"resnet", ResnetConfig')}, note="model-type-as-key"),
        valid(
            {P + "configuration_resnet.py": _config_register("ResnetConfig.model_type, ResnetConfig")},
            note="key-read-from-the-class",
        ),
        invalid(
            {
                REGISTER: "from transformers import AutoConfig\n\nfrom . import configuration_resnet\n\n"
                'AutoConfig.register("resnet50d", configuration_resnet.ResnetConfig)\n',
                **CONFIG,
            },
            line=5,
            note="class-through-a-module",
        ),
    ),
)

CONFIG_CLASS_MISMATCH = Rule(
    code="AUT102",
    message=(
        "`{class_name}` is registered with `{auto_class}` for `{config}` but its `config_class` is `{actual}`\n"
        "`{class_name}` is registered with `{auto_class}` for `{config}` but it does not set `config_class`"
    ),
    name="register-config-class-mismatch",
    summary="`Auto*.register(Config, Model)` where `Model.config_class` is not `Config` (or is not set).",
    why=(
        "The auto class raises a ValueError when the model's `config_class` is not the config it is registered\n"
        "with (an unset `config_class` is None and fails too), so the custom code fails when it is imported.\n"
        "`config_class` may be inherited from a base class of the package, or (transformers 5) come from a\n"
        "`config: XConfig` annotation."
    ),
    cases=(
        invalid(_backbone("AutoBackbone.register(ResnetConfig, ResnetBackbone)"), line=10, note="other-config"),
        valid(_backbone("AutoBackbone.register(ResnetBackboneConfig, ResnetBackbone)"), note="its-config"),
        invalid(
            _backbone("AutoBackbone.register(ResnetBackboneConfig, ResnetBackbone)", config_class="    pass\n"),
            line=10,
            note="config-class-not-set",
        ),
        valid(
            _backbone(
                "AutoBackbone.register(ResnetBackboneConfig, ResnetBackbone)",
                config_class="    config: ResnetBackboneConfig\n",
            ),
            note="config-annotation",
        ),
        valid(
            {
                REGISTER: "from transformers import AutoModel\n\nfrom .configuration_resnet import ResnetConfig\n"
                "from .modeling_resnet import ResnetModelForImageClassification\n\n"
                "AutoModel.register(ResnetConfig, ResnetModelForImageClassification)\n",
                MODELING: "from transformers import PreTrainedModel\n\nfrom .configuration_resnet import ResnetConfig\n"
                "\n\nclass ResnetPreTrainedModel(PreTrainedModel):\n    config_class = ResnetConfig\n\n\n"
                "class ResnetModelForImageClassification(ResnetPreTrainedModel):\n    pass\n",
                **CONFIG,
            },
            note="inherited-config-class",
        ),
    ),
)

UNKNOWN_AUTO_CLASS = Rule(
    code="AUT103",
    message="`{auto_class}` is not a transformers auto class{did_you_mean}",
    name="unknown-auto-class",
    summary="`register_for_auto_class(...)` (or `.register` on a transformers auto class) names no auto class.",
    why=(
        "transformers raises `ValueError: X is not a valid auto class.` (or the import fails), so the code\n"
        "pushed to the Hub cannot be saved or loaded with `trust_remote_code`. The auto classes known are those\n"
        "`transformers.models.auto` exports (5.23.0)."
    ),
    cases=(
        invalid(
            {
                REGISTER: "from .modeling_resnet import ResnetModel\n\n"
                'ResnetModel.register_for_auto_class("AutoModelForImageClassifier")\n'
            },
            line=3,
            note="misspelt-auto-class",
        ),
        valid(
            {
                REGISTER: "from .modeling_resnet import ResnetModel\n\n"
                'ResnetModel.register_for_auto_class("AutoModelForImageClassification")\n'
            },
            note="auto-class",
        ),
        invalid(
            {
                REGISTER: "from transformers import AutoModelForImageClassifier\n\n"
                "from .configuration_resnet import ResnetConfig\nfrom .modeling_resnet import ResnetModel\n\n"
                "AutoModelForImageClassifier.register(ResnetConfig, ResnetModel)\n",
                **MODELS,
                **CONFIG,
            },
            line=6,
            note="register-on-an-unknown-auto-class",
        ),
        valid(
            {
                REGISTER: "from transformers import AutoModel\n\nfrom .modeling_resnet import ResnetModel\n\n"
                "ResnetModel.register_for_auto_class(AutoModel)\n",
                **MODELS,
                **CONFIG,
            },
            note="auto-class-object",
        ),
    ),
)

CONFIG_WITHOUT_MODEL_TYPE = Rule(
    code="AUT104",
    message=(
        "`{class_name}` is registered with `{auto_class}` (the `register_for_auto_class()` default for a config) "
        "but defines no `model_type`\n"
        "`{class_name}` is registered with `{auto_class}` but defines no `model_type`"
    ),
    name="registered-config-without-model-type",
    summary="A config registered with the auto classes defines no (non-empty) `model_type`.",
    why=(
        '"Defining a `model_type` is not mandatory, unless you want to register your model with the auto classes"\n'
        "(Sharing custom models): `AutoConfig.register` raises without one, and a config registered with\n"
        '`register_for_auto_class()` is saved with `"model_type": ""`, which no auto mapping can point to.\n'
        "A `model_type` inherited from a base class of the package counts."
    ),
    cases=(
        invalid({CONFIGURATION: _registered_config(_NO_MODEL_TYPE)}, line=10, note="default-auto-class"),
        valid(
            {CONFIGURATION: _registered_config('    model_type = "resnet"\n\n' + _NO_MODEL_TYPE)},
            note="model-type-set",
        ),
        invalid(
            {
                CONFIGURATION: _registered_config(
                    '    model_type = ""\n', register='AutoConfig.register("resnet", ResnetConfig)'
                ).replace("import PretrainedConfig", "import AutoConfig, PretrainedConfig")
            },
            line=8,
            note="empty-model-type-with-autoconfig-register",
        ),
        valid(
            {
                CONFIGURATION: "from transformers import PretrainedConfig\n\n\n"
                + RESNET_CONFIG
                + "\n\nclass ResnetLargeConfig(ResnetConfig):\n    pass\n\n\n"
                "ResnetLargeConfig.register_for_auto_class()\n"
            },
            note="inherited-model-type",
        ),
    ),
)

UNRESOLVABLE_REGISTRATION = Rule(
    code="AUT105",
    message="cannot check the registration of `{name}` statically: {reason}",
    name="unresolvable-registration",
    summary="A registration whose class or value cannot be resolved statically, so it cannot be checked.",
    why=(
        "The registration rules follow names through the package without importing it. A class defined outside\n"
        "the package, or a computed value, hides the `model_type` / `config_class` the rules need; say so\n"
        "instead of guessing (suppress the finding where the registration is known to be right)."
    ),
    cases=(
        invalid(
            {
                REGISTER: "from timm.models.resnet import ResNet\nfrom transformers import AutoModel\n\n"
                "from .configuration_resnet import ResnetConfig\n\nAutoModel.register(ResnetConfig, ResNet)\n",
                **CONFIG,
            },
            line=6,
            note="class-from-outside-the-package",
        ),
        valid(
            {
                REGISTER: "from transformers import AutoModel\n\n"
                "from .configuration_resnet import ResnetConfig\nfrom .modeling_resnet import ResnetModel\n\n"
                "AutoModel.register(ResnetConfig, ResnetModel)\n",
                **MODELS,
                **CONFIG,
            },
            note="class-of-the-package",
        ),
        invalid(
            {
                CONFIGURATION: "from transformers import AutoConfig, PretrainedConfig\n\nfrom .constants import "
                'MODEL_TYPE\n\n\nclass ResnetConfig(PretrainedConfig):\n    model_type = MODEL_TYPE + "-v2"\n\n\n'
                'AutoConfig.register("resnet-v2", ResnetConfig)\n',
            },
            line=10,
            note="computed-model-type",
        ),
        invalid(
            {REGISTER: 'from transformers import AutoConfig, BertConfig\n\nAutoConfig.register("bert", BertConfig)\n'},
            line=3,
            note="config-from-outside-the-package",
        ),
    ),
)

REGISTRATION_RULES = (
    MODEL_TYPE_MISMATCH,
    CONFIG_CLASS_MISMATCH,
    UNKNOWN_AUTO_CLASS,
    CONFIG_WITHOUT_MODEL_TYPE,
    UNRESOLVABLE_REGISTRATION,
)
