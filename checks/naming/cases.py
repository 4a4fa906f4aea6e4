"""Valid and invalid examples of the NAM rules (run by `tests/test_rule_cases.py`)."""

from repo_lint.cases import invalid, valid

M = "src/pkg/models/bert/"
INIT = {M + "__init__.py": ""}
CONFIG = {M + "configuration_bert.py": "class BertConfig:\n    model_type = 'bert'\n"}
TYPED = "import torch\n\n\n"

CASES = (
    valid("NAM001", {M + "modeling_bert.py": "", M + "tokenization_bert_fast.py": "", **INIT},
          note="kind-name-and-variant"),
    valid("NAM001", {M + "layers.py": "", **INIT}, note="ignore-files",
          config='[tool.repo-lint.naming]\nignore-files = ["bert/layers.py"]\n'),
    valid("NAM001", {"src/pkg/models/helpers/layers.py": ""}, note="not-a-model-folder-without-init"),
    invalid("NAM001", {M + "layers.py": "", **INIT}, line=1, note="helper-module"),
    invalid("NAM001", {M + "modeling_roberta.py": "", **INIT}, line=1, note="other-model-name"),
    valid("NAM002", {M + "modeling_bert.py": "class BertModel:\n    pass\n\n\nclass TFBertModel:\n    pass\n\n\n"
                     "class _Helper:\n    pass\n", **CONFIG, **INIT}, note="prefix-framework-private"),
    valid("NAM002", {M + "modeling_bert.py": "class MultiHeadAttention:\n    pass\n", **CONFIG, **INIT},
          note="ignore-classes", config='[tool.repo-lint.naming]\nignore-classes = ["bert/MultiHead*"]\n'),
    valid("NAM002", {M + "modular_bert.py": "class LlamaAttention:\n    pass\n", **CONFIG, **INIT},
          note="modular-out-of-scope"),
    invalid("NAM002", {M + "modeling_bert.py": "import torch\n\n\nclass SelfAttention:\n    pass\n", **CONFIG, **INIT},
            line=4, note="missing-prefix"),
    invalid("NAM003", {M + "modeling_bert.py": "def scale(h, factor):\n    return h * factor\n", **INIT},
            line=1, note="one-letter-parameter"),
    invalid("NAM003", {M + "modeling_bert.py": "class BertLayer:\n    def __init__(self):\n        self.w = 1\n",
                       **INIT},
            line=3, note="one-letter-attribute"),
    valid("NAM003", {M + "modeling_bert.py": "def total(values, x):\n    squares = [v * v for v in values]\n"
                     "    for i, _ in enumerate(squares):\n        x += squares[i]\n    return x\n", **INIT},
          note="loop-comprehension-allowed"),
    invalid("NAM004", {M + "modeling_bert.py": "class BertMLP:\n    def __init__(self, act_fn):\n"
                       "        self.act = act_fn\n", **INIT}, line=2, note="act"),
    valid("NAM004", {M + "modeling_bert.py": "class BertMLP:\n    def __init__(self, activation_fn):\n"
                     "        self.activation = activation_fn\n        self.config.hidden_act = 'gelu'\n", **INIT},
          note="spelled-out-and-foreign-attribute"),
    valid("NAM004", {M + "modeling_bert.py": "def build(hidden_act):\n    return hidden_act\n", **INIT},
          note="allowed-names", config='[tool.repo-lint.naming]\nallowed-names = ["hidden_act"]\n'),
    invalid("NAM005", {M + "modeling_bert.py": TYPED + "class BertModel:\n    def forward(self, hidden_states):\n"
                       "        return hidden_states\n", **INIT}, line=5, note="unannotated-method"),
    valid("NAM005", {M + "modeling_bert.py": TYPED + "class BertModel:\n    def __init__(self, size: int):\n"
                     "        self.size = size\n\n    def forward(self, hidden_states: torch.Tensor, **kwargs: object)"
                     " -> torch.Tensor:\n        return hidden_states\n\n    def _private(self, value):\n"
                     "        return value\n", **INIT}, note="annotated-and-private"),
    valid("NAM005", {M + "tokenization_bert.py": "def split(text):\n    return text.split()\n", **INIT},
          note="not-a-modeling-file"),
)
