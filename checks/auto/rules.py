"""The AUT mapping rules and their documentation (the registration rules live in `registration.py`)."""

from repo_lint.diagnostics import Rule

UNSORTED = Rule(
    code="AUT001",
    name="mapping-unsorted",
    summary="The entries of an auto mapping are not sorted by key as `sort_auto_mappings.py` sorts them.",
    why=(
        "The auto mappings hold hundreds of entries edited by every model addition; a fixed order keeps\n"
        "merges conflict-free. Comment lines move with the entry below them (the reference crashes on them)."
    ),
    bad=(
        "MODEL_MAPPING_NAMES = OrderedDict(\n    [\n"
        '        ("bert", "BertModel"),\n        ("albert", "AlbertModel"),\n    ]\n)\n'
    ),
    good=(
        "MODEL_MAPPING_NAMES = OrderedDict(\n    [\n"
        '        ("albert", "AlbertModel"),\n        ("bert", "BertModel"),\n    ]\n)\n'
    ),
    fixable=True,
    fix="Sorts the entries byte for byte as `utils/sort_auto_mappings.py` does, comments kept with their entry.",
)

UNKNOWN_KEY = Rule(
    code="AUT002",
    name="mapping-key-not-a-config",
    summary="A key of a model/processor mapping is not a model type of `CONFIG_MAPPING_NAMES`.",
    why=(
        "Auto classes find a model through its config's model type; an entry whose key is no config key is\n"
        "unreachable (a typo, or a model type that was renamed)."
    ),
    bad='MODEL_MAPPING_NAMES = OrderedDict([("bret", "BertModel")])  # no "bret" config\n',
    good='MODEL_MAPPING_NAMES = OrderedDict([("bert", "BertModel")])\n',
)

UNDEFINED_CLASS = Rule(
    code="AUT003",
    name="mapping-class-undefined",
    summary="A class named in an auto mapping (tuple values included) is not defined anywhere in the package.",
    why="The auto class fails at run time with an import error for that model type.",
    bad='MODEL_MAPPING_NAMES = OrderedDict([("bert", "BertModle")])\n',
    good='MODEL_MAPPING_NAMES = OrderedDict([("bert", "BertModel")])\n',
)

MODEL_NOT_MAPPED = Rule(
    code="AUT004",
    name="model-not-in-auto-mapping",
    summary="A public model class of a modeling file is in no `MODEL_*_MAPPING_NAMES` auto mapping.",
    why=(
        "Users load models through the auto classes; a model in no mapping cannot be loaded that way. Like\n"
        "the reference `check_repo.py` (which imports the library and needs torch), classes named\n"
        "`*PreTrained*`, building blocks (`Encoder`/`Decoder` in the name) and the preset's allow-list are\n"
        "exempt; here the check is static."
    ),
    bad="class BertForTokenTagging(BertPreTrainedModel): ...  # in no MODEL_FOR_*_MAPPING_NAMES\n",
    good='MODEL_FOR_TOKEN_CLASSIFICATION_MAPPING_NAMES = OrderedDict([("bert", "BertForTokenTagging")])\n',
)

MODEL_TYPE_MISMATCH = Rule(
    code="AUT005",
    name="config-model-type-mismatch",
    summary="A config class's `model_type` differs from its key in `CONFIG_MAPPING_NAMES`.",
    why="Saving and reloading a config goes through `model_type`; a different key sends it to another class.",
    bad='("bert", "BertConfig"),  # while BertConfig.model_type = "bert-base"\n',
    good='("bert", "BertConfig"),  # BertConfig.model_type = "bert"\n',
)

DEPRECATED_MISMATCH = Rule(
    code="AUT006",
    name="deprecated-models-mismatch",
    summary="The model folders under `models/deprecated/` differ from the `DEPRECATED_MODELS` list.",
    why="Deprecated models are imported from another folder; the list and the folders must agree or imports break.",
    bad='DEPRECATED_MODELS = ["mctct"]  # while models/deprecated/ holds tvlt/\n',
    good='DEPRECATED_MODELS = ["mctct", "tvlt"]\n',
)

UNREADABLE = Rule(
    code="AUT007",
    name="mapping-not-understood",
    summary="An auto mapping uses a layout the reader does not understand, so it is not checked.",
    why="Rather than guess, the checker says which mapping it skipped and where.",
    bad="MODEL_MAPPING_NAMES = OrderedDict(build_entries())\n",
    good='MODEL_MAPPING_NAMES = OrderedDict([("bert", "BertModel")])\n',
)

MAPPING_RULES = (
    UNSORTED,
    UNKNOWN_KEY,
    UNDEFINED_CLASS,
    MODEL_NOT_MAPPED,
    MODEL_TYPE_MISMATCH,
    DEPRECATED_MISMATCH,
    UNREADABLE,
)
