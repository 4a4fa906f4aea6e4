"""The AUT mapping rules and their documentation (the registration rules live in `registration_rules.py`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

AUTO = "src/pkg/models/auto/"
MODELING_AUTO = AUTO + "modeling_auto.py"
CONFIGURATION_AUTO = AUTO + "configuration_auto.py"
MODELING_BERT = "src/pkg/models/bert/modeling_bert.py"
CONFIGURATION_BERT = "src/pkg/models/bert/configuration_bert.py"
DEPRECATED = "src/pkg/models/deprecated/"
MAPPING_FILES = '[tool.repo-lint.auto]\nmapping-files = ["src/pkg/models/auto/*.py"]\n'
IMPORT = "from collections import OrderedDict\n\n"


def _mapping(name: str, *entries: str) -> str:
    """A mapping in the layout of `models/auto/*.py`, one entry (or comment) a line."""
    return f"{name} = OrderedDict(\n    [\n" + "".join(f"        {e}\n" for e in entries) + "    ]\n)\n"


def _line(name: str, *entries: str) -> str:
    """A mapping on one line (the rules other than AUT001 read any layout)."""
    return f"{name} = OrderedDict([{', '.join(entries)}])\n"


CONFIG_MAPPING = {CONFIGURATION_AUTO: _line("CONFIG_MAPPING_NAMES", '("bert", "BertConfig")')}
BERT_MODEL = {MODELING_BERT: "class BertModel(PreTrainedModel):\n    pass\n"}

UNSORTED = Rule(
    code="AUT001",
    message="entries of `{mapping}` are not sorted by key",
    name="mapping-unsorted",
    summary="The entries of an auto mapping are not sorted by key as `sort_auto_mappings.py` sorts them.",
    why=(
        "The auto mappings hold hundreds of entries edited by every model addition; a fixed order keeps\n"
        "merges conflict-free. Keys compare as Python strings (`gpt-sw3` before `gpt2`: `-` sorts before\n"
        "digits and letters). Comment lines move with the entry below them (the reference crashes on them).\n"
        "Only the mappings of `mapping-files` are looked at; `sort = false` turns the rule off."
    ),
    fixable=True,
    fix="Sorts the entries byte for byte as `utils/sort_auto_mappings.py` does, comments kept with their entry.",
    cases=(
        invalid(
            {
                MODELING_AUTO: IMPORT
                + _mapping("MODEL_MAPPING_NAMES", '("bert", "BertModel"),', '("albert", "AlbertModel"),')
            },
            line=5,
            note="unsorted",
            config=MAPPING_FILES,
            fixed={
                MODELING_AUTO: IMPORT
                + _mapping("MODEL_MAPPING_NAMES", '("albert", "AlbertModel"),', '("bert", "BertModel"),')
            },
        ),
        valid(
            {
                MODELING_AUTO: IMPORT
                + _mapping("MODEL_MAPPING_NAMES", '("albert", "AlbertModel"),', '("bert", "BertModel"),')
            },
            note="sorted",
            config=MAPPING_FILES,
        ),
        valid(
            {
                MODELING_AUTO: IMPORT
                + _mapping("MODEL_MAPPING_NAMES", '("gpt-sw3", "GPT2Model"),', '("gpt2", "GPT2Model"),')
            },
            note="python-string-order",
            config=MAPPING_FILES,
        ),
        invalid(
            {
                MODELING_AUTO: IMPORT
                + _mapping(
                    "MODEL_MAPPING_NAMES",
                    '("bert", "BertModel"),',
                    "# ALBERT: a lighter BERT",
                    '("albert", "AlbertModel"),',
                )
            },
            line=5,
            note="comment-moves-with-its-entry",
            config=MAPPING_FILES,
            fixed={
                MODELING_AUTO: IMPORT
                + _mapping(
                    "MODEL_MAPPING_NAMES",
                    "# ALBERT: a lighter BERT",
                    '("albert", "AlbertModel"),',
                    '("bert", "BertModel"),',
                )
            },
        ),
        valid(
            {
                MODELING_AUTO: IMPORT
                + _mapping("MODEL_MAPPING_NAMES", '("bert", "BertModel"),', '("albert", "AlbertModel"),')
            },
            note="sort-off",
            config=MAPPING_FILES + "sort = false\n",
        ),
        valid(
            {
                "src/pkg/models/bert/modeling_bert.py": IMPORT
                + _mapping("MODEL_MAPPING_NAMES", '("bert", "BertModel"),', '("albert", "AlbertModel"),')
            },
            note="not-a-mapping-file",
            config=MAPPING_FILES,
        ),
    ),
)

UNKNOWN_KEY = Rule(
    code="AUT002",
    message="`{key}` in `{mapping}` is not a key of `{config_mapping}`",
    name="mapping-key-not-a-config",
    summary="A key of a model/processor mapping is not a model type of `CONFIG_MAPPING_NAMES`.",
    why=(
        "Auto classes find a model through its config's model type; an entry whose key is no config key is\n"
        "unreachable (a typo, or a model type that was renamed). The mappings checked are those named by\n"
        "`key-checked-mappings` (model, processor, feature extractor and tokenizer mappings); keys added with\n"
        "`CONFIG_MAPPING_NAMES.update({...})` count as config keys, and `non-config-keys` lists keys that are\n"
        "no model type on purpose."
    ),
    cases=(
        invalid(
            {MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bret", "BertModel")'), **CONFIG_MAPPING},
            line=1,
            note="typo",
            config=MAPPING_FILES,
        ),
        valid(
            {MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")'), **CONFIG_MAPPING},
            note="config-key",
            config=MAPPING_FILES,
        ),
        valid(
            {
                AUTO + "tokenization_auto.py": _line(
                    "TOKENIZER_MAPPING_NAMES",
                    '("bert", "BertTokenizer")',
                    '("bert-japanese", "BertJapaneseTokenizer")',
                ),
                **CONFIG_MAPPING,
            },
            note="non-config-keys",
            config=MAPPING_FILES + 'non-config-keys = ["bert-japanese"]\n',
        ),
        valid(
            {
                MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("gpt-sw3", "GPT2Model")'),
                CONFIGURATION_AUTO: CONFIG_MAPPING[CONFIGURATION_AUTO]
                + '\nCONFIG_MAPPING_NAMES.update({"gpt-sw3": "GPT2Config"})\n',
            },
            note="key-added-by-update",
            config=MAPPING_FILES,
        ),
    ),
)

UNDEFINED_CLASS = Rule(
    code="AUT003",
    message="`{class_name}` (`{mapping}[{key}]`) is not defined in the package",
    name="mapping-class-undefined",
    summary="A class named in an auto mapping (tuple values included) is not defined anywhere in the package.",
    why=(
        "The auto class fails at run time with an import error for that model type. A class counts as\n"
        "defined when a file of the package has a top-level `class Name` or `Name = ...` (an alias); `None` in\n"
        "a tuple value (a tokenizer without its fast or slow half) names nothing."
    ),
    cases=(
        invalid(
            {MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModle")'), **BERT_MODEL},
            line=1,
            note="typo",
            config=MAPPING_FILES,
        ),
        valid(
            {MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")'), **BERT_MODEL},
            note="defined",
            config=MAPPING_FILES,
        ),
        invalid(
            {
                AUTO + "tokenization_auto.py": _line(
                    "TOKENIZER_MAPPING_NAMES", '("bert", ("BertTokenizer", "BertTokenizerFast"))'
                ),
                "src/pkg/models/bert/tokenization_bert.py": "class BertTokenizer(PreTrainedTokenizer):\n    pass\n",
            },
            line=1,
            note="tuple-value",
            config=MAPPING_FILES,
        ),
        valid(
            {
                AUTO + "tokenization_auto.py": _line(
                    "TOKENIZER_MAPPING_NAMES",
                    '("bert", ("BertTokenizer", None))',
                    '("roberta", ("RobertaTokenizer", None))',
                ),
                "src/pkg/models/bert/tokenization_bert.py": "class BertTokenizer(PreTrainedTokenizer):\n    pass\n",
                "src/pkg/models/roberta/tokenization_roberta.py": "RobertaTokenizer = BertTokenizer\n",
            },
            note="none-and-alias",
            config=MAPPING_FILES,
        ),
    ),
)

_MODELS = MAPPING_FILES + 'models-folder = "src/pkg/models"\n'
_BERT_HEADS = "class BertModel(PreTrainedModel):\n    pass\n\n\nclass BertForTokenTagging(PreTrainedModel):\n    pass\n"
_BERT_MODELS = (
    "from ...modeling_utils import PreTrainedModel\n\n\n"
    "class BertPreTrainedModel(PreTrainedModel):\n    pass\n\n\n"
    "class BertModel(BertPreTrainedModel):\n    pass\n\n\n"
    "class BertForTokenTagging(BertPreTrainedModel):\n    pass\n"
)

MODEL_NOT_MAPPED = Rule(
    code="AUT004",
    message=(
        "model `{class_name}` is in no auto mapping (add it to a `MODEL_*_MAPPING_NAMES`, or to "
        "`[tool.repo-lint.auto] unmapped-models`)"
    ),
    name="model-not-in-auto-mapping",
    summary="A public model class of a modeling file is in no `MODEL_*_MAPPING_NAMES` auto mapping.",
    why=(
        "Users load models through the auto classes; a model in no mapping cannot be loaded that way. Like\n"
        "the reference `check_repo.py` (which imports the library and needs torch), classes named\n"
        "`*PreTrained*`, building blocks (`Encoder`/`Decoder` in the name) and the preset's allow-list are\n"
        "exempt; here the check is static. A model is a class of a `modeling_*.py` file directly in a model\n"
        "folder of `models-folder` (the rule is off without it) that derives from `base-model-class`\n"
        "(`PreTrainedModel`) through classes of the package, found by name; `unmapped-models` lists models\n"
        "that need no mapping, `unchecked-modules` modeling modules not looked at."
    ),
    cases=(
        invalid(
            {MODELING_BERT: _BERT_HEADS, MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")')},
            line=5,
            note="head-in-no-mapping",
            config=_MODELS,
        ),
        valid(
            {
                MODELING_BERT: _BERT_HEADS,
                MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")')
                + _line("MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING_NAMES", '("bert", "BertForTokenTagging")'),
            },
            note="every-model-mapped",
            config=_MODELS,
        ),
        invalid(
            {MODELING_BERT: _BERT_MODELS, MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")')},
            line=12,
            note="model-through-a-package-base",
            config=_MODELS,
        ),
        valid(
            {
                MODELING_BERT: _BERT_MODELS,
                MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")'),
            },
            note="unmapped-models",
            config=_MODELS + 'unmapped-models = ["BertForTokenTagging"]\n',
        ),
        valid(
            {
                MODELING_BERT: _BERT_MODELS.replace("BertForTokenTagging", "BertEncoder"),
                MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")'),
            },
            note="building-block",
            config=_MODELS,
        ),
    ),
)

MODEL_TYPE_MISMATCH = Rule(
    code="AUT005",
    message="`{class_name}.model_type` is `{model_type}` but its key in `{config_mapping}` is `{key}`",
    name="config-model-type-mismatch",
    summary="A config class's `model_type` differs from its key in `CONFIG_MAPPING_NAMES`.",
    why=(
        "Saving and reloading a config goes through `model_type`; a different key sends it to another class.\n"
        "The `model_type` is the string the class sets in its body, or one it inherits from a base class of\n"
        "the package; a config that sets none is not judged."
    ),
    cases=(
        invalid(
            {
                **CONFIG_MAPPING,
                CONFIGURATION_BERT: 'class BertConfig(PreTrainedConfig):\n    model_type = "bert-base"\n',
            },
            line=1,
            note="other-model-type",
            config=MAPPING_FILES,
        ),
        valid(
            {**CONFIG_MAPPING, CONFIGURATION_BERT: 'class BertConfig(PreTrainedConfig):\n    model_type = "bert"\n'},
            note="same-model-type",
            config=MAPPING_FILES,
        ),
        invalid(
            {
                CONFIGURATION_AUTO: _line(
                    "CONFIG_MAPPING_NAMES", '("bert", "BertConfig")', '("bert-generation", "BertGenerationConfig")'
                ),
                CONFIGURATION_BERT: 'class BertConfig(PreTrainedConfig):\n    model_type = "bert"\n\n\n'
                "class BertGenerationConfig(BertConfig):\n    pass\n",
            },
            line=1,
            note="inherited-model-type",
            config=MAPPING_FILES,
        ),
    ),
)

_DEPRECATED = MAPPING_FILES + f'deprecated-folder = "{DEPRECATED.rstrip("/")}"\n'

DEPRECATED_MISMATCH = Rule(
    code="AUT006",
    message=(
        "`{folder}` is not in `DEPRECATED_MODELS`\n`{model}` is in `DEPRECATED_MODELS` but `{folder}` does not exist"
    ),
    name="deprecated-models-mismatch",
    summary="The model folders under `models/deprecated/` differ from the `DEPRECATED_MODELS` list.",
    why=(
        "Deprecated models are imported from another folder; the list and the folders must agree or imports\n"
        "break. The list is the `DEPRECATED_MODELS = [...]` of a `mapping-files` file (`-` in a name stands for\n"
        "`_` in the folder name), the folders those of `deprecated-folder` (the rule is off without it); the\n"
        "findings are reported on the first line of `configuration_auto.py` (else of the first mapping file)."
    ),
    cases=(
        invalid(
            {
                CONFIGURATION_AUTO: 'DEPRECATED_MODELS = ["mctct"]\n',
                DEPRECATED + "mctct/__init__.py": "",
                DEPRECATED + "tvlt/__init__.py": "",
            },
            line=1,
            note="folder-not-listed",
            config=_DEPRECATED,
        ),
        valid(
            {
                CONFIGURATION_AUTO: 'DEPRECATED_MODELS = ["mctct", "tvlt"]\n',
                DEPRECATED + "mctct/__init__.py": "",
                DEPRECATED + "tvlt/__init__.py": "",
            },
            note="same-models",
            config=_DEPRECATED,
        ),
        invalid(
            {CONFIGURATION_AUTO: 'DEPRECATED_MODELS = ["mctct", "tvlt"]\n', DEPRECATED + "mctct/__init__.py": ""},
            line=1,
            note="listed-without-folder",
            config=_DEPRECATED,
        ),
        valid(
            {
                CONFIGURATION_AUTO: 'DEPRECATED_MODELS = ["open-llama"]\n',
                DEPRECATED + "open_llama/__init__.py": "",
            },
            note="dash-for-underscore",
            config=_DEPRECATED,
        ),
    ),
)

UNREADABLE = Rule(
    code="AUT007",
    message="`{mapping}`: line {line}: {problem}\n`{mapping}`: the file cannot be read by `ast` ({reason})",
    name="mapping-not-understood",
    summary="An auto mapping uses a layout the reader does not understand, so it is not checked.",
    why=(
        "Rather than guess, the checker says which mapping it skipped and where. It reads the literal\n"
        "`(key, value)` entries of `OrderedDict([...])`, `OrderedDict({...})` and dict literals, with string\n"
        "keys and class names (strings, names, `None`, tuples of them) as values; `**OTHER` and\n"
        "`*OTHER.items()` merge another mapping. Anything else (a computed argument, a non-string key) is\n"
        "reported, with the line of each part it could not read."
    ),
    cases=(
        invalid(
            {MODELING_AUTO: "MODEL_MAPPING_NAMES = OrderedDict(build_entries())\n"},
            line=1,
            note="computed-entries",
            config=MAPPING_FILES,
        ),
        valid(
            {MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")')},
            note="literal-entries",
            config=MAPPING_FILES,
        ),
        invalid(
            {MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '(BERT_KEY, "BertModel")')},
            line=1,
            note="key-not-a-string",
            config=MAPPING_FILES,
        ),
        invalid(
            {MODELING_AUTO: 'MODEL_MAPPING_NAMES = OrderedDict(\n    [("bert", "BertModel")\n)\n'},
            line=1,
            note="syntax-error",
            config=MAPPING_FILES,
        ),
        valid(
            {
                MODELING_AUTO: _line("MODEL_MAPPING_NAMES", '("bert", "BertModel")')
                + "\nMODEL_FOR_PRETRAINING_MAPPING_NAMES = OrderedDict(**MODEL_MAPPING_NAMES)\n"
            },
            note="merged-mapping",
            config=MAPPING_FILES,
        ),
    ),
)

_GENERATED = AUTO + "auto_mappings.py"
_GENERATED_CONFIG = (
    '[tool.repo-lint.auto]\nmodels-folder = "src/pkg/models"\ngenerated-file = "src/pkg/models/auto/auto_mappings.py"\n'
    'generated-processors = { PROCESSOR_MAPPING_NAMES = ["processing:ProcessorMixin"] }\n'
)
_BANNER = "# Generated from the model folders: do not edit.\n"
_MODELS = {
    CONFIGURATION_BERT: 'class BertConfig(PreTrainedConfig):\n    model_type = "bert"\n\n\n'
    'class BertGenerationConfig(PreTrainedConfig):\n    model_type = "bert-generation"\n',
    "src/pkg/models/llama/configuration_llama.py": 'class LlamaConfig(PreTrainedConfig):\n    model_type = "llama"\n',
    "src/pkg/models/llama/processing_llama.py": "class LlamaProcessor(ProcessorMixin):\n    pass\n",
}


def _generated(*configs: str, processors: tuple[str, ...] = ()) -> str:
    return (
        _BANNER
        + IMPORT
        + "\n"
        + _mapping("CONFIG_MAPPING_NAMES", *configs)
        + "\n"
        + _mapping("SPECIAL_MODEL_TYPE_TO_MODULE_NAME", '("bert-generation", "bert"),')
        + "\n"
        + _mapping("PROCESSOR_MAPPING_NAMES", *processors)
    )


_GENERATED_WHOLE = _generated(
    '("bert", "BertConfig"),',
    '("bert-generation", "BertGenerationConfig"),',
    '("llama", "LlamaConfig"),',
    processors=('("llama", "LlamaProcessor"),',),
)

GENERATED_STALE = Rule(
    code="AUT008",
    message="the generated auto mappings are stale: {why}",
    name="generated-mappings-stale",
    summary="The generated auto-mappings module does not hold what the model folders' classes give.",
    why=(
        "Transformers generates `models/auto/auto_mappings.py` from the model folders (`utils/check_auto.py`):\n"
        "`CONFIG_MAPPING_NAMES` maps each config class's `model_type` to it, the special mapping names the folder\n"
        "of a model type owned by a folder of another name, and the processor mappings give, for each model\n"
        "type, the last class of `models/<type>/<prefix>_<type>.py` deriving from the given bases (a table of\n"
        "`pil` / `torchvision` classes where sources are labelled). A new model, a renamed config or processor\n"
        "that is not generated again breaks `AutoConfig` and the auto processors. The classes come from the\n"
        "class index's text scan; nothing is imported. Options: `generated-file` (empty, the default: not\n"
        "checked), `models-folder`, `generated-config-base`, `generated-special-mapping`, `generated-processors`\n"
        "(mapping name -> `<prefix>:<Base>|<Base>[:<label>]` sources, in the order of the file); the\n"
        "`transformers` preset holds those of 5.23.0."
    ),
    fixable=True,
    fix="Writes the module again: its banner kept, each mapping sorted by key, formatted with ruff.",
    cases=(
        invalid(
            {
                _GENERATED: _generated('("bert", "BertConfig"),', '("bert-generation", "BertGenerationConfig"),'),
                **_MODELS,
            },
            line=5,
            note="new-model",
            config=_GENERATED_CONFIG,
            fixed={_GENERATED: _GENERATED_WHOLE},
        ),
        valid({_GENERATED: _GENERATED_WHOLE, **_MODELS}, config=_GENERATED_CONFIG, note="generated"),
    ),
)

MAPPING_RULES = (
    UNSORTED,
    UNKNOWN_KEY,
    UNDEFINED_CLASS,
    MODEL_NOT_MAPPED,
    MODEL_TYPE_MISMATCH,
    DEPRECATED_MISMATCH,
    UNREADABLE,
    GENERATED_STALE,
)
