"""The INI rules and their documentation (`repo-lint explain INI001`)."""

from repo_lint.diagnostics import INIT_FOLDER, Rule

HALVES_DIFFER = Rule(
    code="INI001",
    name="init-halves-differ",
    depends_on=(INIT_FOLDER,),
    summary="An object is exported by one half of a lazy init and not by the other.",
    why=(
        "A lazy `__init__.py` lists each object twice: in `_import_structure` (what `import lib` serves at run\n"
        "time) and under `if TYPE_CHECKING:` (what type checkers, IDEs and slow-import modes see). An object\n"
        "in only one half is missing at run time or invisible to tools. Each object is reported on its own."
    ),
    bad=(
        '_import_structure = {"models.bert": ["BertModel", "BertConfig"]}\n'
        "if TYPE_CHECKING:\n    from .models.bert import BertModel\n"
    ),
    good=(
        '_import_structure = {"models.bert": ["BertModel", "BertConfig"]}\n'
        "if TYPE_CHECKING:\n    from .models.bert import BertConfig, BertModel\n"
    ),
)

BACKEND_DIFFERS = Rule(
    code="INI002",
    name="init-backend-differs",
    depends_on=(INIT_FOLDER,),
    summary="The two halves of a lazy init guard the same object with different optional backends.",
    why=(
        "The backend guard decides when an object is real and when it is a dummy; the two halves must agree\n"
        "or one of them imports the object when its dependencies are missing."
    ),
    bad=(
        "try:\n    if not (is_torch_available() and is_scipy_available()):\n"
        "        raise OptionalDependencyNotAvailable()\n...\n"
        "# TYPE_CHECKING half guards the same object with is_torch_available() only\n"
    ),
    good="# both halves guard the object with `is_torch_available() and is_scipy_available()`\n",
)

DUPLICATE = Rule(
    code="INI003",
    name="init-duplicate-export",
    depends_on=(INIT_FOLDER,),
    summary="An object is listed twice in the same half of a lazy init.",
    why="A duplicate entry is dead weight at best and hides a copy-paste mistake (the wrong module) at worst.",
    bad='_import_structure["pipelines"].extend(["SanaPipeline", "SanaPipeline"])\n',
    good='_import_structure["pipelines"].extend(["SanaPipeline"])\n',
)

SUBMODULE_NOT_REGISTERED = Rule(
    code="INI004",
    name="submodule-not-registered",
    depends_on=(INIT_FOLDER,),
    summary="A submodule of the package is not a key of the main init's `_import_structure`.",
    why=(
        "With a lazy main init, `import lib.sub` works only for submodules the init knows about. The check\n"
        "reads the package folder, never imports it; the preset carries the reference's ignore list."
    ),
    bad='# src/mylib/new_utils.py exists, but `_import_structure` has no "new_utils" key\n',
    good='_import_structure = {"new_utils": [], ...}\n',
)

UNSORTED = Rule(
    code="INI005",
    name="init-unsorted",
    depends_on=(INIT_FOLDER,),
    summary="The keys or object lists of `_import_structure` are not sorted as `custom_init_isort` sorts them.",
    why="A fixed order keeps merges of the huge init files conflict-free and diffs readable.",
    bad='_import_structure["models.bert"] = ["BertModel", "BertConfig"]\n',
    good='_import_structure["models.bert"] = ["BertConfig", "BertModel"]\n',
    fixable=True,
    fix="Sorts keys and object lists exactly as `utils/custom_init_isort.py` does (UPPER_CASE, CamelCase, lowercase).",
)

UNREADABLE = Rule(
    code="INI006",
    name="init-not-understood",
    depends_on=(INIT_FOLDER,),
    summary="A lazy init uses a construct the reader does not understand, so part of it is not checked.",
    why="Rather than guess what a dynamic construct exports, the checker says what it skipped and where.",
    bad="_import_structure[name] = objects  # computed key\n",
    good='_import_structure["models.bert"] = ["BertModel"]\n',
)

MODEL_INIT_OUTDATED = Rule(
    code="INI007",
    name="model-init-outdated",
    depends_on=(INIT_FOLDER,),
    summary="A model folder's generated `__init__.py` does not import exactly the folder's modules with `__all__`.",
    why=(
        "In Transformers v5 a model folder's init is generated: one `from .<module> import *` per module that\n"
        "declares `__all__`. A module missing from it is never exported; a stale line imports a module that\n"
        "exports nothing."
    ),
    bad="if TYPE_CHECKING:\n    from .configuration_bert import *\n# modeling_bert.py has __all__ but is missing\n",
    good="if TYPE_CHECKING:\n    from .configuration_bert import *\n    from .modeling_bert import *\n",
    fixable=True,
    fix="Regenerates the init from the template, keeping its license header.",
)

ALL_NAME_UNDEFINED = Rule(
    code="INI008",
    name="all-name-undefined",
    depends_on=(INIT_FOLDER,),
    summary="A name listed in a module's `__all__` is not defined in that module.",
    why="`from module import *` fails at import time on a name that does not exist.",
    bad='class BertModel: ...\n__all__ = ["BertModel", "BertForPretraining"]\n',
    good='class BertModel: ...\n__all__ = ["BertModel"]\n',
)

MISSING_FROM_ALL = Rule(
    code="INI009",
    name="public-class-not-in-all",
    depends_on=(INIT_FOLDER,),
    summary="A public config or model class of a configuration/modeling file is not listed in `__all__`.",
    why="The generated model init exports only what `__all__` lists, so the class is unreachable from the library.",
    bad="class BertConfig(PreTrainedConfig): ...\n__all__ = []\n",
    good='class BertConfig(PreTrainedConfig): ...\n__all__ = ["BertConfig"]\n',
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
)
