"""The AUT101-AUT105 rules and their documentation (apart, so listing the rules imports no checker)."""

from repo_lint.diagnostics import Rule


def _rule(code, name, summary, why, bad, good):
    return Rule(code=code, name=name, summary=summary, why=why, bad=bad, good=good)


MODEL_TYPE_MISMATCH = _rule(
    "AUT101",
    "register-model-type-mismatch",
    "`AutoConfig.register(key, Config)` with a key that is not the config's `model_type`.",
    "`AutoConfig.register` raises a ValueError when `config.model_type != key`, so the custom code fails at\n"
    "import; and `config.json` files saved with the class carry its `model_type`, not the key.",
    'class ResnetConfig(PretrainedConfig):\n    model_type = "resnet"\n\nAutoConfig.register("rn50", ResnetConfig)\n',
    'class ResnetConfig(PretrainedConfig):\n    model_type = "resnet"\n\nAutoConfig.register("resnet", ResnetConfig)\n',
)
CONFIG_CLASS_MISMATCH = _rule(
    "AUT102",
    "register-config-class-mismatch",
    "`Auto*.register(Config, Model)` where `Model.config_class` is not `Config` (or is not set).",
    "The auto class raises a ValueError when the model's `config_class` is not the config it is registered\n"
    "with (an unset `config_class` is None and fails too), so the custom code fails when it is imported.",
    "class ResnetBackbone(PreTrainedModel):\n    config_class = ResnetBackboneConfig\n\n"
    "AutoBackbone.register(ResnetConfig, ResnetBackbone)\n",
    "class ResnetBackbone(PreTrainedModel):\n    config_class = ResnetBackboneConfig\n\n"
    "AutoBackbone.register(ResnetBackboneConfig, ResnetBackbone)\n",
)
UNKNOWN_AUTO_CLASS = _rule(
    "AUT103",
    "unknown-auto-class",
    "`register_for_auto_class(...)` (or `.register` on a transformers auto class) names no auto class.",
    "transformers raises `ValueError: X is not a valid auto class.` (or the import fails), so the code\n"
    "pushed to the Hub cannot be saved or loaded with `trust_remote_code`.",
    'ResnetModelForImageClassification.register_for_auto_class("AutoModelForImageClassifier")\n',
    'ResnetModelForImageClassification.register_for_auto_class("AutoModelForImageClassification")\n',
)
CONFIG_WITHOUT_MODEL_TYPE = _rule(
    "AUT104",
    "registered-config-without-model-type",
    "A config registered with the auto classes defines no (non-empty) `model_type`.",
    '"Defining a `model_type` is not mandatory, unless you want to register your model with the auto classes"\n'
    "(Sharing custom models): `AutoConfig.register` raises without one, and a config registered with\n"
    '`register_for_auto_class()` is saved with `"model_type": ""`, which no auto mapping can point to.',
    "class ResnetConfig(PretrainedConfig):\n    def __init__(self, **kwargs): ...\n\n"
    "ResnetConfig.register_for_auto_class()\n",
    'class ResnetConfig(PretrainedConfig):\n    model_type = "resnet"\n\nResnetConfig.register_for_auto_class()\n',
)
UNRESOLVABLE_REGISTRATION = _rule(
    "AUT105",
    "unresolvable-registration",
    "A registration whose class or value cannot be resolved statically, so it cannot be checked.",
    "The registration rules follow names through the package without importing it. A class defined outside\n"
    "the package, or a computed value, hides the `model_type` / `config_class` the rules need; say so\n"
    "instead of guessing (suppress the finding where the registration is known to be right).",
    "from timm.models.resnet import ResNet\n\nAutoModel.register(ResnetConfig, ResNet)\n",
    "from .modeling_resnet import ResnetModel\n\nAutoModel.register(ResnetConfig, ResnetModel)\n",
)
REGISTRATION_RULES = (
    MODEL_TYPE_MISMATCH,
    CONFIG_CLASS_MISMATCH,
    UNKNOWN_AUTO_CLASS,
    CONFIG_WITHOUT_MODEL_TYPE,
    UNRESOLVABLE_REGISTRATION,
)
