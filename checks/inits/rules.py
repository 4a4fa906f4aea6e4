"""The INI rules and their documentation (`repo-lint explain INI001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import INIT_FOLDER, Rule

# Classic lazy inits: the main init of the package `pkg` (`src/pkg/`).
INIT = "src/pkg/__init__.py"
TYPING = "from typing import TYPE_CHECKING\n\n"
BACKENDS = "from .utils import OptionalDependencyNotAvailable, is_torch_available, is_vision_available\n\n"
BERT_STRUCTURE = '_import_structure = {"models.bert": ["BertConfig", "BertModel"]}\n'
BERT_IMPORTS = "    from .models.bert import BertConfig, BertModel\n"
BERT_MODEL_IMPORT = "    from .models.bert import BertModel\n"
TORCH = "is_torch_available()"
VISION = "is_vision_available()"
UTILS_STRUCTURE = '_import_structure = {"modeling_utils": ["PreTrainedModel"]}\n'
UTILS_IMPORTS = "    from .modeling_utils import PreTrainedModel\n"
UTILS = {"src/pkg/modeling_utils.py": "class PreTrainedModel:\n    pass\n"}
NEW, NEW_TEXT = "src/pkg/new_utils.py", "def helper():\n    pass\n"
PT_FALLBACK = (
    "from .utils import dummy_pt_objects\n\n"
    '_import_structure["utils.dummy_pt_objects"] = [name for name in dir(dummy_pt_objects) if not name.startswith("_")]'
)


def _lazy(structure: str, type_checking: str, header: str = TYPING) -> str:
    """A lazy init: `header`, the `_import_structure` half as written, then the `TYPE_CHECKING` half."""
    return header + structure + "\nif TYPE_CHECKING:\n" + type_checking


def _guard(condition: str, body: str, indent: str = "", fallback: str = "pass") -> str:
    """A backend guard, `try: if not <condition>: raise ... except ...: <fallback> else: <body>`, indented."""
    lines = [
        "try:",
        f"    if not {condition}:",
        "        raise OptionalDependencyNotAvailable()",
        "except OptionalDependencyNotAvailable:",
        *(f"    {line}" for line in fallback.split("\n")),
        "else:",
        *(f"    {line}" for line in body.split("\n")),
    ]
    return "".join(f"{indent}{line}\n" if line.strip() else "\n" for line in lines)


def _statements_in_a_guard(*keys: str) -> str:
    """A main init whose torch guard registers the model `keys` one statement each, in that order."""
    models = {"models.albert": "AlbertModel", "models.bert": "BertModel"}
    body = "\n".join(f'_import_structure["{key}"] = ["{models[key]}"]' for key in keys)
    imports = "\n".join(f"from .{key} import {models[key]}" for key in sorted(keys))
    return _lazy(
        '_import_structure = {"utils": []}\n\n' + _guard(TORCH, body), _guard(TORCH, imports, "    "), TYPING + BACKENDS
    )


# `custom_init_isort` order: constants, classes, functions, case and underscores ignored (not `sorted()`).
ISORT_ORDER = (
    '_import_structure = {\n    "utils": [\n        "CONFIG_NAME",\n        "CONFIGURATION_FILE_PATTERN",\n'
    '        "PushToHubMixin",\n        "is_torch_available",\n    ],\n}\n'
)
PLAIN_SORTED_ORDER = ISORT_ORDER.replace(
    '"CONFIG_NAME",\n        "CONFIGURATION_FILE_PATTERN"', '"CONFIGURATION_FILE_PATTERN",\n        "CONFIG_NAME"'
)
UTILS_NAMES_IMPORTS = (
    "    from .utils import CONFIG_NAME, CONFIGURATION_FILE_PATTERN, PushToHubMixin, is_torch_available\n"
)
SORTED_STRUCTURE = '_import_structure = {\n    "models.bert": ["BertConfig", "BertModel"],\n}\n'
SORTED_KEYS = SORTED_STRUCTURE.replace("],\n}", '],\n    "utils": ["is_torch_available"],\n}')
UNSORTED_KEYS = (
    '_import_structure = {\n    "utils": ["is_torch_available"],\n    "models.bert": ["BertConfig", "BertModel"],\n}\n'
)


def _backend_halves(structure_guard: str, type_checking_guard: str) -> str:
    """A main init exporting `BertImageProcessor` under `structure_guard` and `type_checking_guard`."""
    return _lazy(
        '_import_structure = {"models.bert": ["BertConfig"]}\n\n'
        + _guard(structure_guard, '_import_structure["models.bert"].append("BertImageProcessor")'),
        "    from .models.bert import BertConfig\n\n"
        + _guard(type_checking_guard, "from .models.bert import BertImageProcessor", "    "),
        TYPING + BACKENDS,
    )


# Transformers v5 model folders (`model-folders`): a generated init importing each module that declares `__all__`.
M = "src/pkg/models/bert/"
MODEL_FOLDERS = '[tool.repo-lint.inits]\nmodel-folders = ["src/pkg/models"]\n'
LICENSE = "# Copyright 2025 The HuggingFace Team. All rights reserved.\n"


def _model_init(*modules: str, extra: str = "") -> str:
    """The generated init of `models/bert/` importing `modules` (with `extra` code before `if TYPE_CHECKING:`)."""
    imports = "".join(f"    from .{module} import *\n" for module in modules) or "    pass\n"
    return (
        LICENSE + "from typing import TYPE_CHECKING\n\nfrom ...utils import _LazyModule\n"
        "from ...utils.import_utils import define_import_structure\n\n\n"
        + extra
        + "if TYPE_CHECKING:\n"
        + imports
        + 'else:\n    import sys\n\n    _file = globals()["__file__"]\n    sys.modules[__name__] = _LazyModule('
        "__name__, _file, define_import_structure(_file), module_spec=__spec__)\n"
    )


CONFIGURATION = 'class BertConfig(PreTrainedConfig):\n    model_type = "bert"\n\n\n__all__ = ["BertConfig"]\n'
MODELING = (
    "class BertPreTrainedModel(PreTrainedModel):\n    pass\n\n\n"
    "class BertModel(BertPreTrainedModel):\n    pass\n\n\n"
    '__all__ = ["BertModel", "BertPreTrainedModel"]\n'
)
BERT_MODULES = {M + "configuration_bert.py": CONFIGURATION, M + "modeling_bert.py": MODELING}
MODEL_FOLDER = {M + "__init__.py": _model_init("configuration_bert", "modeling_bert")}
MODELING_ONLY = {M + "__init__.py": _model_init("modeling_bert")}

HALVES_DIFFER = Rule(
    code="INI001",
    message=(
        "`{name}` is in `_import_structure[{module}]` but not imported under TYPE_CHECKING\n"
        "`{name}` is imported under TYPE_CHECKING from `.{module}` but is not in `_import_structure`"
    ),
    name="init-halves-differ",
    depends_on=(INIT_FOLDER,),
    summary="An object is exported by one half of a lazy init and not by the other.",
    why=(
        "A lazy `__init__.py` lists each object twice: in `_import_structure` (what `import lib` serves at run\n"
        "time) and under `if TYPE_CHECKING:` (what type checkers, IDEs and slow-import modes see). An object\n"
        "in only one half is missing at run time or invisible to tools. Each object is reported on its own.\n"
        "A module-level `from .x import a` also makes `a` visible to type checkers; the dummy modules of the\n"
        "`except` branches of backend guards are not compared."
    ),
    cases=(
        invalid(
            {INIT: _lazy(BERT_STRUCTURE, "    from .models.bert import BertModel\n")},
            line=3,
            note="not-under-type-checking",
            unsafe_fixed={INIT: _lazy(BERT_STRUCTURE, BERT_IMPORTS)},
        ),
        valid({INIT: _lazy(BERT_STRUCTURE, BERT_IMPORTS)}, note="both-halves"),
        invalid(
            {INIT: _lazy('_import_structure = {"models.bert": ["BertModel"]}\n', BERT_IMPORTS)},
            line=6,
            note="not-in-import-structure",
        ),
        valid(
            {
                INIT: _lazy(
                    '_import_structure = {"models.bert": ["BertConfig"]}\n\n'
                    + _guard(TORCH, '_import_structure["models.bert"].append("BertModel")', fallback=PT_FALLBACK),
                    "    from .models.bert import BertConfig\n\n"
                    + _guard(
                        TORCH, "from .models.bert import BertModel", "    ", "from .utils.dummy_pt_objects import *"
                    ),
                    TYPING + BACKENDS,
                )
            },
            note="guarded-with-dummy-fallback",
        ),
    ),
    fixable=True,
    fix=(
        "Unsafe, for objects `_import_structure` lists outside every backend guard: imports them at the top of\n"
        "the TYPE_CHECKING half (`from .module import Name`). Unsafe because eager imports (Diffusers'\n"
        "`DIFFUSERS_SLOW_IMPORT`) then import those modules at once, which fails if one needs a backend after all.\n"
        "An object in only one half under a backend guard, or only under TYPE_CHECKING, has no fix: which half\n"
        "is right is for a person."
    ),
)

BACKEND_DIFFERS = Rule(
    code="INI002",
    message="`{name}` is guarded by {structure_backend} in `_import_structure` but by {backend} under TYPE_CHECKING",
    name="init-backend-differs",
    depends_on=(INIT_FOLDER,),
    summary="The two halves of a lazy init guard the same object with different optional backends.",
    why=(
        "The backend guard decides when an object is real and when it is a dummy; the two halves must agree\n"
        "or one of them imports the object when its dependencies are missing. The backends of a guard are\n"
        "compared as a set (`is_torch_available() and is_vision_available()` in one half and the same two in\n"
        "the other order in the other half agree); only an init whose `TYPE_CHECKING` half has guards is checked."
    ),
    cases=(
        invalid({INIT: _backend_halves(VISION, TORCH)}, line=24, note="other-backend"),
        valid({INIT: _backend_halves(VISION, VISION)}, note="same-backend"),
        invalid({INIT: _backend_halves(f"({TORCH} and {VISION})", TORCH)}, line=24, note="one-backend-of-two"),
        valid(
            {INIT: _backend_halves(f"({TORCH} and {VISION})", f"({VISION} and {TORCH})")},
            note="same-backends-in-another-order",
        ),
    ),
)

DUPLICATE = Rule(
    code="INI003",
    message=(
        "`{name}` is listed more than once in `_import_structure` (backend `{backend}`)\n"
        "`{name}` is listed more than once in the TYPE_CHECKING half (backend `{backend}`)"
    ),
    name="init-duplicate-export",
    depends_on=(INIT_FOLDER,),
    summary="An object is listed twice in the same half of a lazy init.",
    why=(
        "A duplicate entry is dead weight at best and hides a copy-paste mistake (the wrong module) at worst.\n"
        "Each half is looked at per backend guard; the later occurrence is reported."
    ),
    cases=(
        invalid(
            {
                INIT: _lazy(
                    '_import_structure = {"models.bert": ["BertConfig", "BertModel", "BertModel"]}\n', BERT_IMPORTS
                )
            },
            line=3,
            note="in-import-structure",
            fixed={INIT: _lazy('_import_structure = {"models.bert": ["BertConfig", "BertModel"]}\n', BERT_IMPORTS)},
        ),
        valid({INIT: _lazy(BERT_STRUCTURE, BERT_IMPORTS)}, note="once-each"),
        invalid(
            {INIT: _lazy(BERT_STRUCTURE, "    from .models.bert import BertConfig, BertModel, BertModel\n")},
            line=6,
            note="under-type-checking",
        ),
        invalid(
            {
                INIT: _lazy(
                    '_import_structure = {"pipelines": []}\n'
                    '_import_structure["pipelines"].extend(["SanaPipeline", "SanaPipeline"])\n',
                    "    from .pipelines import SanaPipeline\n",
                )
            },
            line=4,
            note="extend",
        ),
    ),
    fixable=True,
    fix=(
        "Removes the second entry when it is the next one in the same list (on the same line, or the same\n"
        "line again right below). Entries further apart can be in the lists of two modules: no fix."
    ),
)

SUBMODULE_NOT_REGISTERED = Rule(
    code="INI004",
    message=(
        'submodule `{module}` is not a key of `_import_structure` (add `"{module}": []`, or list it in '
        "`[tool.repo-lint.inits] ignore-submodules`)"
    ),
    name="submodule-not-registered",
    depends_on=(INIT_FOLDER,),
    summary="A submodule of the package is not a key of the main init's `_import_structure`.",
    why=(
        "With a lazy main init, `import lib.sub` works only for submodules the init knows about. The check\n"
        "reads the package folder, never imports it: every top-level module and package folder whose name does\n"
        "not start with `_` must be a key, or the prefix of one (`models.bert` registers `models`), or lie under\n"
        "a `define_import_structure(..., prefix=...)`. `ignore-submodules` lists the exceptions (the\n"
        "Transformers preset carries the reference's ignore list). Reported on the main init's first line."
    ),
    cases=(
        invalid({INIT: _lazy(UTILS_STRUCTURE, UTILS_IMPORTS), **UTILS, NEW: NEW_TEXT}, line=1, note="new-module"),
        valid(
            {INIT: _lazy(UTILS_STRUCTURE.replace("]}", '], "new_utils": []}'), UTILS_IMPORTS), **UTILS, NEW: NEW_TEXT},
            note="registered",
        ),
        valid(
            {INIT: _lazy(UTILS_STRUCTURE, UTILS_IMPORTS), **UTILS, NEW: NEW_TEXT},
            note="ignore-submodules",
            config='[tool.repo-lint.inits]\nignore-submodules = ["new_utils"]\n',
        ),
        valid(
            {
                INIT: _lazy(
                    UTILS_STRUCTURE.replace("]}", '], "models.bert": ["BertModel"]}'),
                    UTILS_IMPORTS + "    from .models.bert import BertModel\n",
                ),
                **UTILS,
                "src/pkg/_version.py": "",
                "src/pkg/models/bert/__init__.py": "",
            },
            note="private-module-and-package-prefix",
        ),
    ),
)

UNSORTED = Rule(
    code="INI005",
    message=(
        'objects of `_import_structure["{key}"]` are not sorted\n'
        "keys of `_import_structure` are not sorted\n"
        "the `_import_structure[...]` statements are not sorted\n"
        "blank line the reference adds above a leading `_import_structure = {`\n"
        "blank line the reference adds before a block's last line naming `_import_structure`"
    ),
    name="init-unsorted",
    depends_on=(INIT_FOLDER,),
    summary="The keys or object lists of `_import_structure` are not sorted as `custom_init_isort` sorts them.",
    why=(
        "A fixed order keeps merges of the huge init files conflict-free and diffs readable. The order is that of\n"
        "`utils/custom_init_isort.py`, not `sorted()`: UPPER_CASE constants, then CamelCase classes, then\n"
        "lowercase functions, each group compared case-insensitively with underscores ignored (`CONFIG_NAME`\n"
        "before `CONFIGURATION_FILE_PATTERN`). Only the `_import_structure` half is sorted (from\n"
        "`_import_structure = {` to `if TYPE_CHECKING:`; the imports under it are ruff's business), with the\n"
        "reference's text algorithm and its quirks, so that `--fix` and `make style` write the same bytes:\n"
        "where the reference gives up (a name list with a comment in it) nothing is reported, and where it adds a\n"
        "blank line (above an `_import_structure = {` on the very first line) that is reported too.\n"
        "`isort-flavor` picks the Transformers or Diffusers copy of the script; `sort = false` turns the rule off."
    ),
    cases=(
        invalid(
            {INIT: _lazy('_import_structure = {\n    "models.bert": ["BertModel", "BertConfig"],\n}\n', BERT_IMPORTS)},
            line=4,
            note="objects",
            fixed={INIT: _lazy(SORTED_STRUCTURE, BERT_IMPORTS)},
        ),
        valid({INIT: _lazy(SORTED_STRUCTURE, BERT_IMPORTS)}, note="sorted"),
        invalid(
            {INIT: _lazy(UNSORTED_KEYS, BERT_IMPORTS + "    from .utils import is_torch_available\n")},
            line=4,
            note="keys",
            fixed={INIT: _lazy(SORTED_KEYS, BERT_IMPORTS + "    from .utils import is_torch_available\n")},
        ),
        invalid(
            {INIT: _statements_in_a_guard("models.bert", "models.albert")},
            line=13,
            note="statements-in-a-guard",
            fixed={INIT: _statements_in_a_guard("models.albert", "models.bert")},
        ),
        valid({INIT: _lazy(ISORT_ORDER, UTILS_NAMES_IMPORTS)}, note="custom-init-isort-order"),
        invalid(
            {INIT: _lazy(PLAIN_SORTED_ORDER, UTILS_NAMES_IMPORTS)},
            line=4,
            note="plain-sorted-order",
            fixed={INIT: _lazy(ISORT_ORDER, UTILS_NAMES_IMPORTS)},
        ),
    ),
    fixable=True,
    fix="Sorts keys and object lists exactly as `utils/custom_init_isort.py` does (UPPER_CASE, CamelCase, lowercase).",
)

UNREADABLE = Rule(
    code="INI006",
    message=(
        "`_import_structure[...]` with a key that is not a string literal\n"
        "`_import_structure` is not built from a dict literal\n"
        "an `_import_structure` entry whose key is not a string literal\n"
        "objects of `_import_structure[{module}]` are not a list literal\n"
        "an object of `_import_structure[{module}]` is not a string literal\n"
        "`_import_structure[...].{method}(...)` is not understood\n"
        "the init does not parse; not checked\n"
        "inits cannot be checked: no package `source` is configured"
    ),
    name="init-not-understood",
    depends_on=(INIT_FOLDER,),
    summary="A lazy init uses a construct the reader does not understand, so part of it is not checked.",
    why=(
        "Rather than guess what a dynamic construct exports, the checker says what it skipped and where. It\n"
        'understands string keys and list literals of strings in the dict literal, `_import_structure["k"] = [...]`,\n'
        "`+=`, `.append(...)`, `.extend([...])`, `.update({...})` and `.setdefault(...)`, inside backend guards\n"
        "and `if` blocks too."
    ),
    cases=(
        invalid(
            {
                INIT: _lazy(
                    'MODULE = "models.bert"\n_import_structure = {}\n_import_structure[MODULE] = ["BertModel"]\n',
                    BERT_MODEL_IMPORT,
                )
            },
            line=5,
            note="computed-key",
        ),
        valid({INIT: _lazy('_import_structure = {"models.bert": ["BertModel"]}\n', BERT_MODEL_IMPORT)}, note="literal"),
        invalid(
            {INIT: _lazy('_import_structure = {"models.bert": BERT_OBJECTS}\n', BERT_MODEL_IMPORT)},
            line=3,
            note="objects-not-a-list",
        ),
        invalid(
            {
                INIT: _lazy(
                    '_import_structure = {"models.bert": []}\n'
                    '_import_structure["models.bert"].insert(0, "BertModel")\n',
                    BERT_MODEL_IMPORT,
                )
            },
            line=4,
            note="unknown-method",
        ),
        invalid({INIT: _lazy("_import_structure = dict(models=[])\n", "    pass\n")}, line=3, note="not-a-dict"),
        valid(
            {
                INIT: _lazy(
                    '_import_structure = {"models.bert": []}\n'
                    '_import_structure["models.bert"].append("BertConfig")\n'
                    '_import_structure["models.bert"] += ["BertModel"]\n'
                    '_import_structure.update({"models.gpt2": ["GPT2Model"]})\n',
                    BERT_IMPORTS + "    from .models.gpt2 import GPT2Model\n",
                )
            },
            note="understood-forms",
        ),
        # The finding is on line 1 whatever the line of the syntax error (RL001 reports that line).
        invalid({INIT: _lazy('_import_structure = {"models.bert": ["BertModel"]\n', BERT_MODEL_IMPORT)}, note="syntax"),
    ),
)

MODEL_INIT_OUTDATED = Rule(
    code="INI007",
    message=(
        "`{init}` is not the generated init for the modules with `__all__` ({modules})\n"
        "`{init}` is not the generated init for the modules with `__all__` ({modules}); not fixed: regenerating it "
        "would drop {names}"
    ),
    name="model-init-outdated",
    depends_on=(INIT_FOLDER,),
    summary="A model folder's generated `__init__.py` does not import exactly the folder's modules with `__all__`.",
    why=(
        "In Transformers v5 a model folder's init is generated: one `from .<module> import *` per module that\n"
        "declares `__all__`, sorted (`modular_*` and `convert_*` files are never imported, as the runtime\n"
        "`define_import_structure` skips them). A module missing from it is never exported; a stale line imports a\n"
        "module that exports nothing. Checked in the folders of `model-folders` whose init uses\n"
        "`define_import_structure`; the finding is on the first line that differs from the generated text."
    ),
    cases=(
        invalid(
            {M + "__init__.py": _model_init("configuration_bert"), **BERT_MODULES},
            line=10,
            note="module-not-imported",
            config=MODEL_FOLDERS,
            fixed=MODEL_FOLDER,
        ),
        valid({**MODEL_FOLDER, **BERT_MODULES}, note="generated", config=MODEL_FOLDERS),
        invalid(
            {
                M + "__init__.py": _model_init("configuration_bert", "generation_bert", "modeling_bert"),
                M + "generation_bert.py": "def top_k(scores, k):\n    return scores.topk(k)\n",
                **BERT_MODULES,
            },
            line=10,
            note="module-without-all",
            config=MODEL_FOLDERS,
            fixed=MODEL_FOLDER,
        ),
        invalid(
            {M + "__init__.py": _model_init("configuration_bert", extra="BERT_LAYERS = 12\n\n"), **BERT_MODULES},
            line=8,
            note="hand-written-code-not-fixed",
            config=MODEL_FOLDERS,
        ),
        valid(
            {
                **MODEL_FOLDER,
                **BERT_MODULES,
                M + "modular_bert.py": '__all__ = ["BertConfig", "BertModel", "BertPreTrainedModel"]\n',
                M + "convert_bert_checkpoint.py": '__all__ = ["convert"]\n',
            },
            note="modular-and-convert-not-imported",
            config=MODEL_FOLDERS,
        ),
    ),
    fixable=True,
    fix=(
        "Regenerates the init from the template, keeping its leading comment block (license, banner); an init\n"
        "without one gets the generator's banner and license. Not offered when the init defines names of its own\n"
        "that regenerating would drop."
    ),
)

ALL_NAME_UNDEFINED = Rule(
    code="INI008",
    message="`{name}` is in `__all__` but not defined in this module",
    name="all-name-undefined",
    depends_on=(INIT_FOLDER,),
    summary="A name listed in a module's `__all__` is not defined in that module.",
    why=(
        "`from module import *` fails at import time on a name that does not exist, and the generated model\n"
        "init star-imports every module with `__all__`. Checked in the model folders of `model-folders` whose\n"
        "init is generated; names bound at module level (classes, functions, assignments, imports) count as\n"
        "defined. `modular_*` files are skipped: they list names only the generated files define."
    ),
    cases=(
        invalid(
            {
                M + "modeling_bert.py": MODELING.replace('["BertModel"', '["BertForMaskedLM", "BertModel"'),
                **MODELING_ONLY,
            },
            line=9,
            note="renamed-class",
            config=MODEL_FOLDERS,
        ),
        valid({M + "modeling_bert.py": MODELING, **MODELING_ONLY}, note="defined", config=MODEL_FOLDERS),
        valid(
            {
                M + "modular_bert.py": "from ..llama.modeling_llama import LlamaModel\n\n\n"
                'class BertModel(LlamaModel):\n    pass\n\n\n__all__ = ["BertModel", "BertPreTrainedModel"]\n',
                M + "modeling_bert.py": MODELING,
                **MODELING_ONLY,
            },
            note="modular-file-skipped",
            config=MODEL_FOLDERS,
        ),
    ),
)

MISSING_FROM_ALL = Rule(
    code="INI009",
    message="public class `{name}` is not listed in `__all__` (line {line})",
    name="public-class-not-in-all",
    depends_on=(INIT_FOLDER,),
    summary="A public config or model class of a configuration/modeling file is not listed in `__all__`.",
    why=(
        "The generated model init exports only what `__all__` lists, so the class is unreachable from the library.\n"
        "Public means: in `configuration_*.py`, a `...Config` class that sets its own `model_type` or derives from\n"
        "another model's config (helper configs built directly on `PreTrainedConfig` are not exported upstream);\n"
        "in `modeling_*.py`, a class deriving from a `...PreTrainedModel`, except building blocks (`...Encoder`,\n"
        "`...Decoder`, `...Wrapper`, `...Prenet`), `_private` classes and `private-models`. Checked in the model\n"
        "folders of `model-folders` whose init is generated, in modules that declare `__all__`."
    ),
    cases=(
        invalid(
            {M + "modeling_bert.py": MODELING.replace('"BertModel", ', ""), **MODELING_ONLY},
            line=5,
            note="model",
            config=MODEL_FOLDERS,
        ),
        valid({M + "modeling_bert.py": MODELING, **MODELING_ONLY}, note="exported", config=MODEL_FOLDERS),
        invalid(
            {
                M + "configuration_bert.py": CONFIGURATION.replace('["BertConfig"]', "[]"),
                M + "__init__.py": _model_init("configuration_bert"),
            },
            line=1,
            note="config",
            config=MODEL_FOLDERS,
        ),
        valid(
            {
                M + "modeling_bert.py": MODELING.replace(
                    "\n\n__all__",
                    "\n\nclass BertEncoder(BertPreTrainedModel):\n    pass\n\n\n"
                    "class _BertBackbone(BertPreTrainedModel):\n    pass\n\n\n__all__",
                ),
                M + "configuration_bert.py": CONFIGURATION.replace(
                    "\n\n__all__", "\n\nclass BertAttentionConfig(PreTrainedConfig):\n    num_heads = 12\n\n\n__all__"
                ),
                **MODEL_FOLDER,
            },
            note="building-block-private-helper-config",
            config=MODEL_FOLDERS,
        ),
        valid(
            {M + "modeling_bert.py": MODELING.replace('"BertModel", ', ""), **MODELING_ONLY},
            note="private-models",
            config=MODEL_FOLDERS + 'private-models = ["BertModel"]\n',
        ),
    ),
)

MODELS_INIT = "src/pkg/models/__init__.py"


def _models_init(*folders: str) -> str:
    """The generated init of `models/` importing the model `folders` (a `_model_init` one level up)."""
    imports = "".join(f"    from .{folder} import *\n" for folder in folders) or "    pass\n"
    return (
        "from typing import TYPE_CHECKING\n\nfrom ..utils import _LazyModule\n"
        "from ..utils.import_utils import define_import_structure\n\n\nif TYPE_CHECKING:\n" + imports
    )


ROBERTA = "src/pkg/models/roberta/"
ROBERTA_FOLDER = {
    ROBERTA + "__init__.py": _model_init("modeling_roberta"),
    ROBERTA + "modeling_roberta.py": '__all__ = ["RobertaModel"]\n\n\nclass RobertaModel:\n    pass\n',
}
BERT_FOLDER = {**MODEL_FOLDER, **BERT_MODULES}

MODEL_FOLDER_NOT_IMPORTED = Rule(
    code="INI010",
    message="model folder `{name}` is not imported by `{init}` (`from .{name} import *`)",
    name="model-folder-not-imported",
    depends_on=(INIT_FOLDER,),
    summary="A model folder is not imported by the generated `__init__.py` of the folder holding the models.",
    why=(
        "In Transformers v5 `models/__init__.py` is generated too: one `from .<folder> import *` per model\n"
        "folder, which is how `transformers.models.<folder>` and everything it exports become reachable. A folder\n"
        "missing from it ships code nobody can import through the package (the reference `utils/check_repo.py`\n"
        "`check_model_list` compares the folders with `dir(transformers.models)`). Checked for each folder of\n"
        "`model-folders` whose `__init__.py` imports its subfolders with `import *`; subfolders whose\n"
        "`__init__.py` is empty (a conversion script only) or that hold no module besides it (`deprecated/`) are\n"
        "not model folders."
    ),
    cases=(
        invalid(
            {MODELS_INIT: _models_init("bert"), **BERT_FOLDER, **ROBERTA_FOLDER},
            line=9,
            note="folder-not-imported",
            config=MODEL_FOLDERS,
        ),
        valid({MODELS_INIT: _models_init("bert", "roberta"), **BERT_FOLDER, **ROBERTA_FOLDER}, config=MODEL_FOLDERS),
        valid(
            {
                MODELS_INIT: _models_init("bert"),
                **BERT_FOLDER,
                "src/pkg/models/deprecated/__init__.py": _model_init(),
                "src/pkg/models/gpt2/__init__.py": "",
                "src/pkg/models/gpt2/convert_gpt2_checkpoint.py": "def convert():\n    pass\n",
            },
            note="deprecated-and-conversion-only-folders",
            config=MODEL_FOLDERS,
        ),
    ),
)


RULES = (
    HALVES_DIFFER,
    BACKEND_DIFFERS,
    DUPLICATE,
    SUBMODULE_NOT_REGISTERED,
    UNSORTED,
    UNREADABLE,
    MODEL_INIT_OUTDATED,
    ALL_NAME_UNDEFINED,
    MISSING_FROM_ALL,
    MODEL_FOLDER_NOT_IMPORTED,
)
