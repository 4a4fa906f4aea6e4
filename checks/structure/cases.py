"""Valid and invalid examples of the STR rules (`tests/test_rule_cases.py` runs each through the CLI)."""

from __future__ import annotations

from repo_lint.cases import invalid, valid

MODELING = "src/pkg/models/acme/modeling_acme.py"
CONFIGURATION = "src/pkg/models/acme/configuration_acme.py"
TF_MODELING = "src/pkg/models/acme/modeling_tf_acme.py"
HEADER = "from ...modeling_utils import PreTrainedModel\nfrom torch import nn\n\n\n"

PRETRAINED = (HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeConfig\n"
              '    base_model_prefix = "acme"\n')


def _model(body: str) -> dict[str, str]:
    return {MODELING: PRETRAINED + "\n\n" + body}


_BASE_MODEL = (
    "class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n        super().__init__(config)\n"
    "        self.post_init()\n\n    def forward(self, input_ids, **kwargs):\n        return input_ids\n"
)

CASES = (
    # STR001
    valid("STR001", {MODELING: PRETRAINED}, note="annotation"),
    valid("STR001", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config_class = AcmeConfig\n"},
          note="config-class-attribute"),
    valid("STR001", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config: AcmeVisionConfig\n"},
          note="same-family-config"),
    valid("STR001", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n"
                                        "    config: AcmeConfig | AcmeTextConfig\n"}, note="union"),
    invalid("STR001", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    config: WileConfig\n"},
            line=6, note="other-model-config"),
    invalid("STR001", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n"
                                          "    config: AcmeVisionConfig\n"}, line=6, note="family-off",
            config="[tool.repo-lint.structure]\nconfig-family = false\n"),
    invalid("STR001", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n    main_input_name = 'x'\n"},
            line=5, note="no-config"),
    # STR002
    valid("STR002", {MODELING: PRETRAINED}, note="identifier"),
    valid("STR002", _model('class AcmeAudioModel(AcmePreTrainedModel):\n    base_model_prefix = "model.audio_tower"\n'),
          note="dotted"),
    invalid("STR002", {MODELING: HEADER + 'class AcmePreTrainedModel(PreTrainedModel):\n    base_model_prefix = ""\n'},
            line=6, note="empty"),
    invalid("STR002", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n"
                                          "    base_model_prefix = PREFIX\n"}, line=6, note="not-a-literal"),
    invalid("STR002", {MODELING: HEADER + "class AcmePreTrainedModel(PreTrainedModel):\n"
                                          '    base_model_prefix = "my model"\n'}, line=6, note="whitespace"),
    # STR003
    valid("STR003", _model(_BASE_MODEL + "\n\nclass AcmeForMaskedLM(AcmePreTrainedModel):\n    pass\n"),
          note="composition"),
    invalid("STR003", _model(_BASE_MODEL + "\n\nclass AcmeForMaskedLM(AcmeModel):\n    pass\n"), line=19,
            note="inherits-model"),
    # STR004
    valid("STR004", _model(_BASE_MODEL), note="two-levels"),
    valid("STR004", {
        MODELING: "from ...modeling_utils import AudioTokenizerBase\n\n\n"
                  "class AcmePreTrainedModel(AudioTokenizerBase):\n    config: AcmeConfig\n\n\n"
                  "class AcmeModel(AcmePreTrainedModel):\n    pass\n",
        "src/pkg/modeling_utils.py": "class PreTrainedModel:\n    pass\n\n\n"
                                     "class AudioTokenizerBase(PreTrainedModel):\n    pass\n",
    }, note="library-intermediate-base"),
    invalid("STR004", _model(_BASE_MODEL + "\n\nclass AcmeBackbone(AcmeModel):\n    pass\n"), line=19,
            note="three-levels"),
    invalid("STR004", _model("class AcmeModel(AcmePreTrainedModel):\n    pass\n"), line=10, note="max-depth-1",
            config="[tool.repo-lint.structure]\nmax-depth = 1\n"),
    # STR005
    valid("STR005", {MODELING: HEADER + "class AcmeMLP(nn.Module):\n    pass\n"}, note="module"),
    invalid("STR005", {MODELING: HEADER + "class AcmeMLP(nn.Sequential):\n    pass\n"}, line=5, note="sequential"),
    # STR006
    valid("STR006", {CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                                    "class AcmeConfig(PreTrainedConfig):\n"
                                    "    def __init__(self, hidden_size=64, **kwargs):\n"
                                    "        self.hidden_size = hidden_size\n        super().__init__(**kwargs)\n"},
          note="forwards"),
    valid("STR006", {CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                                    "@strict(accept_kwargs=True)\nclass AcmeConfig(PreTrainedConfig):\n"
                                    "    hidden_size: int = 64\n"},
          note="dataclass-without-init"),
    invalid("STR006", {CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                                      "class AcmeConfig(PreTrainedConfig):\n    def __init__(self, hidden_size=64):\n"
                                      "        self.hidden_size = hidden_size\n        super().__init__()\n"},
            line=5, note="no-kwargs"),
    invalid("STR006", {CONFIGURATION: "from ...configuration_utils import PreTrainedConfig\n\n\n"
                                      "class AcmeConfig(PreTrainedConfig):\n"
                                      "    def __init__(self, hidden_size=64, **kwargs):\n"
                                      "        self.hidden_size = hidden_size\n        super().__init__()\n"},
            line=5, note="kwargs-dropped"),
    # STR007
    valid("STR007", _model(_BASE_MODEL), note="calls-post-init"),
    valid("STR007", _model(_BASE_MODEL + "\n\nclass AcmeDeprecatedModel(AcmeModel):\n"
                                         "    def __init__(self, *args, **kwargs):\n"
                                         "        super().__init__(*args, **kwargs)\n"), note="parent-calls-it"),
    invalid("STR007", _model("class AcmeModel(AcmePreTrainedModel):\n    def __init__(self, config):\n"
                             "        super().__init__(config)\n        self.layer = nn.Linear(2, 2)\n"),
            line=11, note="missing"),
    # STR008
    valid("STR008", _model(_BASE_MODEL), note="kwargs"),
    invalid("STR008", _model("class AcmeModel(AcmePreTrainedModel):\n    def forward(\n        self,\n"
                             "        input_ids,\n    ):\n        return input_ids\n"), line=11, note="no-kwargs"),
    # STR009
    valid("STR009", {TF_MODELING: "@keras_serializable\nclass TFAcmeMainLayer(keras.layers.Layer):\n"
                                  "    @unpack_inputs\n    def call(self, input_ids=None):\n"
                                  "        return input_ids\n\n\n"
                                  "class TFAcmeModel(TFAcmePreTrainedModel):\n    @unpack_inputs\n"
                                  "    def call(self, input_ids=None):\n        return input_ids\n\n\n"
                                  "class TFAcmePreTrainedModel(TFPreTrainedModel):\n    pass\n"}, note="conventions"),
    invalid("STR009", {TF_MODELING: "class TFAcmeMainLayer(keras.layers.Layer):\n    @unpack_inputs\n"
                                    "    def call(self, input_ids=None):\n        return input_ids\n"},
            line=1, note="main-layer-not-serializable"),
    invalid("STR009", {TF_MODELING: "class TFAcmePreTrainedModel(TFPreTrainedModel):\n    pass\n\n\n"
                                    "class TFAcmeModel(TFAcmePreTrainedModel):\n"
                                    "    def call(self, input_ids=None):\n        return input_ids\n"},
            line=6, note="call-not-unpacked"),
    invalid("STR009", {TF_MODELING: "class AcmeBias(keras.layers.Layer):\n    pass\n"}, line=1, note="no-tf-prefix"),
)
