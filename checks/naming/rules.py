"""The NAM rules and their documentation (`repo-lint explain NAM001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

M = "src/pkg/models/bert/"
INIT = {M + "__init__.py": ""}
CONFIG = {M + "configuration_bert.py": "class BertConfig:\n    model_type = 'bert'\n"}
TYPED = "import torch\n\n\n"

_STYLE = (
    "\n\nA style rule: a library whose existing code predates it can report it for changed files only "
    "(the `changed-only` setting; the Transformers preset does). Files carrying `generated-marker` (written by "
    "a converter from a `modular_*.py` file) are skipped: their source is checked instead, and code a generated "
    "file copies from another model is not the contributor's to rename."
)

NAM_FILE_NAME = Rule(
    code="NAM001",
    message=(
        "`{file}` in model folder `{folder}` is not named `<kind>_{folder}.py` (or `<kind>_{folder}_<variant>.py`) "
        "with a known kind ({kinds})"
    ),
    name="model-file-name",
    summary="A file in `models/<name>/` is not named `<kind>_<name>.py`.",
    why=(
        "In a one-folder-per-model library the file name says what a file holds and for which model:\n"
        "`modeling_bert.py`, `configuration_bert.py`, `tokenization_bert.py`. Tools (auto classes, the modular\n"
        "converter, test discovery, doc builders) and readers find a model's pieces by that pattern, so a\n"
        "`utils.py` or `layers.py` in a model folder is invisible to them. A file is named\n"
        "`<kind><folder>.py` or `<kind><folder>_<variant>.py` (`tokenization_t5_fast.py`,\n"
        "`configuration_data2vec_audio.py`) with a kind of `file-kinds`; `__init__.py` is always fine.\n"
        "Only files directly in a model folder (a subfolder of `models-folder` with an `__init__.py`) are\n"
        "checked; `ignore-folders` and `ignore-files` list the exceptions (the Transformers preset: `auto/`\n"
        "and the helper modules released models already ship, such as `whisper/english_normalizer.py`)."
    ),
    cases=(
        valid({M + "modeling_bert.py": "", M + "tokenization_bert_fast.py": "", **INIT}, note="kind-name-and-variant"),
        valid(
            {M + "layers.py": "", **INIT},
            note="ignore-files",
            config='[tool.repo-lint.naming]\nignore-files = ["bert/layers.py"]\n',
        ),
        valid({"src/pkg/models/helpers/layers.py": ""}, note="not-a-model-folder-without-init"),
        invalid({M + "layers.py": "", **INIT}, line=1, note="helper-module"),
        invalid({M + "modeling_roberta.py": "", **INIT}, line=1, note="other-model-name"),
    ),
)

NAM_CLASS_PREFIX = Rule(
    code="NAM002",
    message=(
        "class `{name}` in model folder `{folder}` does not start with the model prefix ({prefixes}){source}\n"
        "class `{name}` in model folder `{folder}` does not start with the model prefix ({prefixes})"
    ),
    name="model-class-prefix",
    summary="A class defined in a model folder does not start with the model's prefix.",
    why=(
        "Every public object of a model carries its name (`BertModel`, `BertSelfAttention`,\n"
        "`TFBertModel`, `FlaxBertModel`): names stay unique across hundreds of models exported from one\n"
        "package, tracebacks and `_no_split_modules` strings say which model they mean, and the modular\n"
        "converter renames classes by that prefix. The prefixes of a folder are those of its config classes\n"
        "(`BertConfig` -> `Bert`; a folder with `CLIPConfig`, `CLIPTextConfig`, ... accepts each) and the folder\n"
        "name itself (`bert_japanese` -> `BertJapanese...`); case and underscores are ignored when comparing\n"
        "(`PaliGemma` / `Paligemma`), `framework-prefixes` (`TF`, `Flax`) may come first.\n"
        "Out of scope: private `_Classes`; files of kinds other than `class-kinds` - by default `modular_*.py`\n"
        "(its classes are emitted into the generated files, which are checked, with a message naming the modular\n"
        "file to fix) and `convert_*.py` scripts (never imported by the library). `ignore-classes` lists\n"
        "exceptions as `Name` or `folder/Name` glob patterns (the Transformers preset: names released versions\n"
        "already export, and building blocks shared on purpose such as `MultiScaleDeformableAttention`)."
    ),
    cases=(
        valid(
            {
                M + "modeling_bert.py": "class BertModel:\n    pass\n\n\nclass TFBertModel:\n    pass\n\n\n"
                "class _Helper:\n    pass\n",
                **CONFIG,
                **INIT,
            },
            note="prefix-framework-private",
        ),
        valid(
            {M + "modeling_bert.py": "class MultiHeadAttention:\n    pass\n", **CONFIG, **INIT},
            note="ignore-classes",
            config='[tool.repo-lint.naming]\nignore-classes = ["bert/MultiHead*"]\n',
        ),
        valid(
            {M + "modular_bert.py": "class LlamaAttention:\n    pass\n", **CONFIG, **INIT}, note="modular-out-of-scope"
        ),
        invalid(
            {M + "modeling_bert.py": "import torch\n\n\nclass SelfAttention:\n    pass\n", **CONFIG, **INIT},
            line=4,
            note="missing-prefix",
        ),
    ),
)

NAM_ONE_LETTER = Rule(
    code="NAM003",
    message="one-letter {kind} name `{name}`: use a descriptive name",
    name="one-letter-name",
    summary="A variable, parameter or attribute has a one-letter name.",
    why=(
        "Model code is read far more often than written, by people who did not write it: `hidden_states`,\n"
        "`attention_mask` and `batch_size` say what a value is where `h`, `m` and `b` make the reader trace\n"
        "it back. The exceptions are where a letter is the clearest name: loop indices (`for i in ...`,\n"
        "targets of `for` statements) and comprehension targets, lambda parameters, and `one-letter-allowed`\n"
        "(default `_` and `x`, the input of a small operation). Each name is reported once per scope, at its\n"
        "first binding; `self.h = ...` attributes once per class." + _STYLE
    ),
    cases=(
        invalid(
            {M + "modeling_bert.py": "def scale(h, factor):\n    return h * factor\n", **INIT},
            line=1,
            note="one-letter-parameter",
        ),
        invalid(
            {M + "modeling_bert.py": "class BertLayer:\n    def __init__(self):\n        self.w = 1\n", **INIT},
            line=3,
            note="one-letter-attribute",
        ),
        valid(
            {
                M + "modeling_bert.py": "def total(values, x):\n    squares = [v * v for v in values]\n"
                "    for i, _ in enumerate(squares):\n        x += squares[i]\n    return x\n",
                **INIT,
            },
            note="loop-comprehension-allowed",
        ),
    ),
)

NAM_ABBREVIATION = Rule(
    code="NAM004",
    message="{kind} name `{name}` abbreviates `{word}` as `{abbreviation}`: spell it out",
    name="discouraged-abbreviation",
    summary="A name uses a discouraged abbreviation (`act` instead of `activation`, ...).",
    why=(
        "Spelled-out words keep names searchable and unambiguous across hundreds of models (`activation`,\n"
        "not `act`; `batch_size`, not `bsz`). The words of a snake_case name that is bound in the file\n"
        "(variable, parameter, `self.` attribute, function) are looked up in `abbreviations` (word -> preferred\n"
        "word); names it only uses, such as another object's attributes or keyword arguments, are not\n"
        "reported. `allowed-names` exempts whole identifiers (the Transformers preset: the canonical config\n"
        "field `hidden_act` and the `act_fn` attribute of its reference models, and it keeps `attn` / `emb`,\n"
        "which name state-dict keys such as `self_attn` and `rotary_emb` that checkpoints rely on)." + _STYLE
    ),
    cases=(
        invalid(
            {
                M + "modeling_bert.py": "class BertMLP:\n    def __init__(self, act_fn):\n        self.act = act_fn\n",
                **INIT,
            },
            line=2,
            note="act",
        ),
        valid(
            {
                M + "modeling_bert.py": "class BertMLP:\n    def __init__(self, activation_fn):\n"
                "        self.activation = activation_fn\n        self.config.hidden_act = 'gelu'\n",
                **INIT,
            },
            note="spelled-out-and-foreign-attribute",
        ),
        valid(
            {M + "modeling_bert.py": "def build(hidden_act):\n    return hidden_act\n", **INIT},
            note="allowed-names",
            config='[tool.repo-lint.naming]\nallowed-names = ["hidden_act"]\n',
        ),
    ),
)

NAM_ANNOTATION = Rule(
    code="NAM005",
    message="public `{function}` lacks type annotations: {missing}",
    name="missing-type-annotations",
    summary="A public function or method of a modeling file lacks parameter or return annotations.",
    why=(
        "Annotations document what a model's functions take and return, feed IDEs and type checkers, and\n"
        "are what docstring tooling reads. Public module-level functions and the methods of public top-level\n"
        "classes (dunder methods included) of `annotation-files` (default `modeling_*.py` and `modular_*.py` of\n"
        "model folders) need an annotation on every parameter except the implicit `self` / `cls` (and\n"
        "`*args` / `**kwargs` unless `annotate-star-args` is off) and a return annotation (`__init__` and\n"
        "`__post_init__` excepted). Private (`_name`) and nested functions are not checked. One finding per\n"
        "function lists everything missing." + _STYLE
    ),
    cases=(
        invalid(
            {
                M + "modeling_bert.py": TYPED + "class BertModel:\n    def forward(self, hidden_states):\n"
                "        return hidden_states\n",
                **INIT,
            },
            line=5,
            note="unannotated-method",
        ),
        valid(
            {
                M + "modeling_bert.py": TYPED + "class BertModel:\n    def __init__(self, size: int):\n"
                "        self.size = size\n\n    def forward(self, hidden_states: torch.Tensor, **kwargs: object)"
                " -> torch.Tensor:\n        return hidden_states\n\n    def _private(self, value):\n"
                "        return value\n",
                **INIT,
            },
            note="annotated-and-private",
        ),
        valid(
            {M + "tokenization_bert.py": "def split(text):\n    return text.split()\n", **INIT},
            note="not-a-modeling-file",
        ),
    ),
)

RULES = (NAM_FILE_NAME, NAM_CLASS_PREFIX, NAM_ONE_LETTER, NAM_ABBREVIATION, NAM_ANNOTATION)
