"""The TOC rules and their documentation (`repo-lint explain TOC001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import INIT_FOLDER, Rule

TOCTREE = "docs/source/en/_toctree.yml"
PACKAGE = {"src/pkg/__init__.py": ""}  # the configured `source` folder must exist
MODELS_PART = "- title: API\n  sections:\n  - title: Models\n    sections:\n"
BERT = ("bert", "BERT")
GPT2 = ("gpt2", "GPT-2")
DOC = "docs/source/en/"
BERT_PAGE = {DOC + "model_doc/bert.md": "BERT is a bidirectional transformer encoder.\n"}
PAGES = {**BERT_PAGE, DOC + "quicktour.md": "Get up and running.\n"}
NOT_DOCTESTED = "utils/not_doctested.txt"
SLOW_DOCS = "utils/slow_documentation_tests.txt"
MODELS = "src/pkg/models/"
COMMENT = "      # the first transformer encoder\n"


def _entry(page: str, title: str) -> str:
    return f"      - local: model_doc/{page}\n        title: {title}\n"


def _modality(title: str, *entries: tuple[str, str]) -> str:
    """A modality of the model part listing `(page, title)` entries in that order."""
    return f"    - title: {title}\n      sections:\n" + "".join(_entry(*entry) for entry in entries)


def _toctree(*entries: tuple[str, str]) -> dict[str, str]:
    """A toctree whose API -> Models part has one modality, `Text models`, listing `entries`."""
    return {TOCTREE: MODELS_PART + _modality("Text models", *entries), **PACKAGE}


def _sorted(*parts: str) -> str:
    """The TOC configuration of Diffusers' layout: these parts of API sorted, `Overview` first."""
    listed = ", ".join(f'"API / {part}"' for part in parts)
    return f'[tool.repo-lint.toc]\nmodels-part = []\nsorted-parts = [{listed}]\nfixed-titles = ["overview"]\n'


def _part(title: str, *items: str) -> dict[str, str]:
    """A toctree whose API part has the part `title` listing `items` (YAML blocks at the list's indentation)."""
    return {TOCTREE: f"- title: API\n  sections:\n  - title: {title}\n    sections:\n" + "".join(items), **PACKAGE}


def _page(folder: str, page: str, title: str) -> str:
    return f"    - local: api/{folder}/{page}\n      title: {title}\n"


def _subsection(title: str, *pages: tuple[str, str]) -> str:
    """A sub-section laid out as Diffusers writes it: `- sections:` first, its `title` last."""
    entries = "".join(f"      - local: api/pipelines/{page}\n        title: {name}\n" for page, name in pages)
    return f"    - sections:\n{entries}      title: {title}\n"


OVERVIEW = _page("schedulers", "overview", "Overview")
DDIM = _page("schedulers", "ddim", "DDIMScheduler")
PNDM = _page("schedulers", "pndm", "PNDMScheduler")
PIPELINES_OVERVIEW = _page("pipelines", "overview", "Overview")
VIDEO = _subsection("Video", ("mochi", "Mochi"), ("wan", "Wan"))
AUDIO = _subsection("Audio", ("audioldm", "AudioLDM"))

_NO_DOCS = (
    "\n\nWhen the configured files do not exist (a released sdist ships no `docs/` and no `utils/` lists), "
    "the rule reports nothing: there is nothing to check, and that is not a failure."
)

TOC_UNSORTED = Rule(
    code="TOC001",
    message=(
        "`{section}` is not sorted by title: `{title}` should come before `{other}`\n"
        "`{section}` is not sorted by title: `{title}` stays first, before `{other}`\n"
        "the {part} part of the toctree cannot be checked: {reason}"
    ),
    name="toctree-models-unsorted",
    depends_on=(INIT_FOLDER,),
    summary="A list of `_toctree.yml` that is kept sorted (the modalities of API -> Models) is not sorted by title.",
    why=(
        "The docs sidebar lists hundreds of models per modality; readers find one by scanning an alphabetical\n"
        "list. Titles are compared case-insensitively, as `utils/check_doc_toc.py` does. The lists checked are\n"
        "the modalities of the part `models-part` leads to (`API` -> `Models`, Transformers' layout; empty:\n"
        "none): each of its entries with `sections` is one; and for each part of `sorted-parts` (Diffusers'\n"
        "`API / Schedulers`, `API / Pipelines`, `API / Models`), the part's own list (its pages and\n"
        "sub-sections) and the list of each sub-section. `fixed-titles` (Diffusers: `Overview`, `AutoPipeline`)\n"
        "stay first in their order. The rule is also reported, without a fix, when the toctree does not parse or\n"
        "has no such part." + _NO_DOCS
    ),
    cases=(
        invalid(_toctree(GPT2, BERT), line=7, note="unsorted", fixed={TOCTREE: _toctree(BERT, GPT2)[TOCTREE]}),
        valid(_toctree(BERT, GPT2), note="sorted"),
        invalid(
            _toctree(BERT, ("bertweet", "Bertweet"), ("bert-generation", "BertGeneration")),
            line=9,
            note="case-insensitive",
            fixed={TOCTREE: _toctree(BERT, ("bert-generation", "BertGeneration"), ("bertweet", "Bertweet"))[TOCTREE]},
        ),
        invalid(
            {TOCTREE: MODELS_PART + _modality("Text models", GPT2) + COMMENT + _entry(*BERT), **PACKAGE},
            line=7,
            note="comment-moves-with-its-entry",
            fixed={TOCTREE: MODELS_PART + _modality("Text models") + COMMENT + _entry(*BERT) + _entry(*GPT2)},
        ),
        valid(
            {
                TOCTREE: "- title: Get started\n  sections:\n  - local: index\n    title: Transformers\n"
                + MODELS_PART
                + _modality("Text models", BERT, GPT2)
                + _modality("Vision models", ("beit", "BEiT"), ("vit", "Vision Transformer (ViT)")),
                **PACKAGE,
            },
            note="one-order-per-modality",
        ),
        invalid(
            {TOCTREE: "- title: Get started\n  sections:\n  - local: index\n    title: Home\n", **PACKAGE},
            line=1,
            note="no-models-part",
        ),
        invalid({TOCTREE: MODELS_PART + "    - title: [Text models\n", **PACKAGE}, line=6, note="not-yaml"),
        valid(
            {TOCTREE: "- title: Get started\n  sections:\n  - local: index\n    title: Home\n", **PACKAGE},
            note="models-part-off",
            config="[tool.repo-lint.toc]\nmodels-part = []\n",
        ),
        valid(_part("Schedulers", OVERVIEW, DDIM, PNDM), note="sorted-part", config=_sorted("Schedulers")),
        invalid(
            _part("Schedulers", OVERVIEW, PNDM, DDIM),
            line=7,
            note="sorted-part-unsorted",
            config=_sorted("Schedulers"),
            fixed={TOCTREE: _part("Schedulers", OVERVIEW, DDIM, PNDM)[TOCTREE]},
        ),
        invalid(
            _part("Schedulers", DDIM, OVERVIEW, PNDM),
            line=5,
            note="fixed-title-first",
            config=_sorted("Schedulers"),
            fixed={TOCTREE: _part("Schedulers", OVERVIEW, DDIM, PNDM)[TOCTREE]},
        ),
        invalid(
            _part("Pipelines", PIPELINES_OVERVIEW, VIDEO, AUDIO),
            line=7,
            note="sub-sections-of-a-sorted-part",
            config=_sorted("Pipelines"),
            fixed={TOCTREE: _part("Pipelines", PIPELINES_OVERVIEW, AUDIO, VIDEO)[TOCTREE]},
        ),
        invalid(
            _part("Pipelines", PIPELINES_OVERVIEW, _subsection("Video", ("wan", "Wan"), ("mochi", "Mochi"))),
            line=8,
            note="inside-a-sub-section",
            config=_sorted("Pipelines"),
            fixed={TOCTREE: _part("Pipelines", PIPELINES_OVERVIEW, VIDEO)[TOCTREE]},
        ),
        invalid(
            _part("Pipelines", PIPELINES_OVERVIEW),
            line=1,
            note="sorted-part-missing",
            config=_sorted("Pipelines", "Schedulers"),
        ),
    ),
    fixable=True,
    fix=(
        "Moves the entries' line blocks (an entry with all its keys and the comment lines above it) into title order "
        "and drops exact duplicates; every other byte of the file stays as written (the reference script "
        "re-dumps the whole YAML file instead)."
    ),
)

TOC_DUPLICATE = Rule(
    code="TOC002",
    message=(
        "`{local}` is listed again in `{section}` (first at line {line}, same title)\n"
        "`{local}` is listed twice in `{section}` with different titles (`{first}` at line {line}, `{title}` here): "
        "keep one"
    ),
    name="toctree-models-duplicate",
    depends_on=(INIT_FOLDER,),
    summary="A sorted list of `_toctree.yml` (a modality, a part of `sorted-parts`) lists the same `local` page twice.",
    why=(
        "A page listed twice shows twice in the sidebar. With two different titles the tool cannot know which\n"
        "one is right (`utils/check_doc_toc.py` stops with an error); with the same title the later entry is\n"
        "simply redundant. Duplicates are looked for within one list (a modality, a sorted part's own list or one of\n"
        "its sub-sections), as the reference does; its fix writes the repeated entry a third time, which this one\n"
        "does not." + _NO_DOCS
    ),
    cases=(
        invalid(_toctree(BERT, GPT2, BERT), line=11, note="same-title", fixed={TOCTREE: _toctree(BERT, GPT2)[TOCTREE]}),
        valid(_toctree(BERT, GPT2), note="once"),
        invalid(_toctree(BERT, ("bert", "BERT (base)")), line=9, note="different-titles"),
        valid(
            {
                TOCTREE: MODELS_PART
                + _modality("Text models", BERT)
                + _modality("Multimodal models", ("bert", "BERT")),
                **PACKAGE,
            },
            note="in-two-modalities",
        ),
    ),
    fixable=True,
    fix="Removes the later entry (and the comment lines above it) when it repeats an earlier one's `local` "
    "and title; a duplicate with another "
    "title is not fixable (choose a title and delete the other entry by hand).",
)

TOC_DOCTEST_MISSING = Rule(
    code="TOC003",
    message="`{path}` does not exist (no such file or folder in the repository)",
    name="doctest-list-missing-path",
    depends_on=(INIT_FOLDER,),
    summary="A doctest list (`utils/not_doctested.txt`, ...) names a path that does not exist.",
    why=(
        "Each line of a doctest list is a file or folder relative to the repository root (only the first word\n"
        "counts). A stale line means a file was moved or deleted and the list no longer says what it seems to.\n"
        "Folders count as existing, as in `utils/check_doctest_list.py`. The lists are `doctest-lists`." + _NO_DOCS
    ),
    cases=(
        invalid(
            {NOT_DOCTESTED: f"{DOC}model_doc/bert.md\n{DOC}model_doc/removed_model.md\n", **BERT_PAGE, **PACKAGE},
            line=2,
            note="deleted-page",
        ),
        valid({NOT_DOCTESTED: f"{DOC}model_doc/bert.md\n", **BERT_PAGE, **PACKAGE}, note="existing-page"),
        valid(
            {NOT_DOCTESTED: f"{DOC}model_doc/bert.md  # needs a GPU\nsrc/pkg\n", **BERT_PAGE, **PACKAGE},
            note="folder-and-comment",
        ),
        invalid(
            {"utils/doctests.txt": "src/pkg/modeling_bert.py\n", **PACKAGE},
            line=1,
            note="configured-list",
            config='[tool.repo-lint.toc]\ndoctest-lists = ["utils/doctests.txt"]\n',
        ),
    ),
)

TOC_DOCTEST_UNSORTED = Rule(
    code="TOC004",
    message="`{list}` is not sorted: `{path}` should come before `{previous}`",
    name="doctest-list-unsorted",
    depends_on=(INIT_FOLDER,),
    summary="A doctest list is not in sorted order.",
    why=(
        "Sorted lists merge without conflicts and make a missing or doubled line easy to spot. Lines are\n"
        "compared by their first word, as plain strings." + _NO_DOCS
    ),
    cases=(
        invalid(
            {SLOW_DOCS: f"{DOC}quicktour.md\n{DOC}model_doc/bert.md\n", **PAGES, **PACKAGE},
            line=2,
            note="unsorted",
            fixed={SLOW_DOCS: f"{DOC}model_doc/bert.md\n{DOC}quicktour.md\n"},
        ),
        valid({SLOW_DOCS: f"{DOC}model_doc/bert.md\n{DOC}quicktour.md\n", **PAGES, **PACKAGE}, note="sorted"),
        invalid(
            {SLOW_DOCS: f"{DOC}quicktour.md  # slow\n{DOC}model_doc/bert.md\n", **PAGES, **PACKAGE},
            line=2,
            note="fix-keeps-first-words-only",
            fixed={SLOW_DOCS: f"{DOC}model_doc/bert.md\n{DOC}quicktour.md\n"},
        ),
    ),
    fixable=True,
    fix="Rewrites the list exactly as `utils/check_doctest_list.py --fix_and_overwrite` does: the first word of "
    "every line, sorted, one a line, with a final newline (a comment after a path is dropped).",
)

TOC_MODEL_UNDOCUMENTED = Rule(
    code="TOC005",
    message="model `{name}` has no doc page (`{page}`)",
    name="model-without-doc-page",
    depends_on=(INIT_FOLDER,),
    summary="A model folder has no doc page under `docs/source/en/model_doc/`.",
    why=(
        "Every model the library ships needs a page in the API docs. A model folder is a folder of\n"
        "`models-folder` with an `__init__.py` (not `deprecated`, nor one of `ignore-models`). Its page is\n"
        "`model-doc` with `{name}` the folder name, or the folder name with `_` spelled `-` or dropped\n"
        "(`bert_generation` -> `bert-generation.md`, `x_clip` -> `xclip.md`). The finding is on the folder's\n"
        "`__init__.py`."
        + _NO_DOCS.replace("configured files do not exist", "folder of the `model-doc` pages does not exist")
    ),
    cases=(
        invalid(
            {MODELS + "gpt2/__init__.py": "", MODELS + "bert/__init__.py": "", **BERT_PAGE},
            line=1,
            note="new-model",
        ),
        valid(
            {
                MODELS + "gpt2/__init__.py": "",
                MODELS + "bert/__init__.py": "",
                **BERT_PAGE,
                DOC + "model_doc/gpt2.md": "GPT-2 is a causal language model.\n",
            },
            note="documented",
        ),
        valid(
            {
                MODELS + "bert_generation/__init__.py": "",
                MODELS + "x_clip/__init__.py": "",
                MODELS + "deprecated/__init__.py": "",
                DOC + "model_doc/bert-generation.md": "BertGeneration reuses BERT.\n",
                DOC + "model_doc/xclip.md": "X-CLIP extends CLIP to video.\n",
            },
            note="page-spellings-and-deprecated",
        ),
        valid(
            {MODELS + "gpt2/__init__.py": "", **BERT_PAGE},
            note="ignore-models",
            config='[tool.repo-lint.toc]\nignore-models = ["gpt2"]\n',
        ),
        valid({MODELS + "gpt2/__init__.py": ""}, note="no-doc-pages-at-all"),
    ),
)

_DATES_CONFIG = '[tool.repo-lint.toc]\ndates-library = "Hugging Face Transformers"\nundated-pages = ["auto"]\n'
_COPYRIGHT = "<!--Copyright 2024 The Authors.\n-->\n"
_DATED = "*This model was published in HF papers on 2023-02-27 and contributed to Hugging Face Transformers on "
_DATED += "2023-03-16.*\n"
_PLACEHOLDER = "*This model was contributed to Hugging Face Transformers on {contributed_date}.*\n"

TOC_PAGE_UNDATED = Rule(
    code="TOC006",
    message="no dates line (`*This model was ... contributed to {library} on YYYY-MM-DD.*`)",
    name="model-doc-page-undated",
    fixable=True,
    fix=(
        "Adds `*This model was contributed to <library> on {contributed_date}.*` after the copyright comment:\n"
        "the date is a placeholder to fill in (repo-lint never invents one; `utils/add_dates.py` takes it from\n"
        "git history), which TOC007 reports until it is. A page without the comment gets no fix."
    ),
    summary="A model doc page lacks its dates line.",
    why=(
        "Transformers' model pages say when the model's paper came out and when it was added to the library,\n"
        "on one line right after the copyright comment; `utils/add_dates.py --check-only` fails without it.\n"
        "`dates-library` names the library of that line (empty, the default: no line is asked for; the\n"
        "`transformers` preset sets `Hugging Face Transformers`), the pages are the `*.md` files of the\n"
        "`model-doc` folder but `undated-pages`. Whether a date is the right one needs git history and the\n"
        "paper's metadata: that part of the script is not static and is not checked." + _NO_DOCS
    ),
    cases=(
        invalid(
            {DOC + "model_doc/llama.md": _COPYRIGHT + "\n# Llama\n", **PACKAGE},
            line=3,
            config=_DATES_CONFIG,
            note="missing",
            fixed={DOC + "model_doc/llama.md": _COPYRIGHT + _PLACEHOLDER + "\n# Llama\n"},
        ),
        invalid({DOC + "model_doc/llama.md": "# Llama\n", **PACKAGE}, line=1, config=_DATES_CONFIG, note="no-comment"),
        valid({DOC + "model_doc/llama.md": _COPYRIGHT + _DATED + "\n# Llama\n", **PACKAGE}, config=_DATES_CONFIG),
        valid({DOC + "model_doc/auto.md": "# Auto classes\n", **PACKAGE}, config=_DATES_CONFIG, note="undated-page"),
        valid({DOC + "model_doc/llama.md": "# Llama\n", **PACKAGE}, note="not-asked-for"),
    ),
)

TOC_PAGE_DATE_NOT_FILLED = Rule(
    code="TOC007",
    message="the contributed date `{date}` is not a date (YYYY-MM-DD): fill it in",
    name="model-doc-date-not-filled",
    summary="The dates line of a model doc page holds a placeholder or something else than a date.",
    why=(
        "The `contributed to <library> on ...` date of a page's dates line (TOC006) must be a YYYY-MM-DD date:\n"
        "a placeholder left by TOC006's fix, or a typo, fails `utils/add_dates.py --check-only` as a missing\n"
        "line does. The release date is not judged (`{release_date}` included): whether it is right needs the\n"
        "paper's metadata, which the script looks up on the network for the pages a branch changed." + _NO_DOCS
    ),
    cases=(
        invalid(
            {DOC + "model_doc/llama.md": _COPYRIGHT + _PLACEHOLDER + "\n# Llama\n", **PACKAGE},
            line=3,
            config=_DATES_CONFIG,
            note="placeholder",
        ),
        valid({DOC + "model_doc/llama.md": _COPYRIGHT + _DATED + "\n# Llama\n", **PACKAGE}, config=_DATES_CONFIG),
        valid(
            {DOC + "model_doc/llama.md": _COPYRIGHT + _DATED.replace("2023-02-27", "{release_date}"), **PACKAGE},
            config=_DATES_CONFIG,
            note="release-date-placeholder",
        ),
    ),
)

_AUTODOC_CONFIG = '[tool.repo-lint.toc]\nautodoc-folder = "docs/source/en"\nundocumented-suffixes = ["Layer"]\n'
_LAZY_INIT = (
    "_import_structure = {\n"
    '    "modeling_bert": ["BertForMaskedLM", "BertLayer", "BertModel", "BERT_CONSTANT", "is_bert_available"],\n'
    "}\n"
)
_BERT_AUTODOC = "# BERT\n\n[[autodoc]] BertModel\n    - forward\n"

TOC_OBJECT_UNDOCUMENTED = Rule(
    code="TOC008",
    message="`{name}` is public but no page of `{docs}` documents it (`[[autodoc]] {name}`)",
    name="public-object-undocumented",
    summary="A public name of the package has no `[[autodoc]]` line in the docs.",
    why=(
        "Every object users can import from the package needs an API page; Transformers' `utils/check_repo.py`\n"
        "fails on any that has none. The public names are those of the main init's `_import_structure` and the\n"
        "`__all__` of every module of the folders it builds with `define_import_structure` (`models/`), read\n"
        "with `ast`; a page documents an object with `[[autodoc]] path.to.Name`. Names need none when they start\n"
        "with `_`, are upper case (constants), are `is_<x>_available`, name a submodule, or are listed in\n"
        "`undocumented-objects` or match `undocumented-prefixes` / `undocumented-suffixes` (the `transformers`\n"
        "preset holds the script's lists: deprecated objects, building blocks such as `...Layer`). The folder is\n"
        "`autodoc-folder` (empty, the default, or absent: nothing is checked). The finding is on the line that\n"
        "makes the name public."
    ),
    cases=(
        invalid(
            {"src/pkg/__init__.py": _LAZY_INIT, DOC + "model_doc/bert.md": _BERT_AUTODOC},
            line=2,
            config=_AUTODOC_CONFIG,
            note="new-class",
        ),
        valid(
            {
                "src/pkg/__init__.py": _LAZY_INIT,
                DOC + "model_doc/bert.md": _BERT_AUTODOC + "\n[[autodoc]] models.bert.BertForMaskedLM\n",
            },
            config=_AUTODOC_CONFIG,
            note="documented",
        ),
        valid({"src/pkg/__init__.py": _LAZY_INIT}, config=_AUTODOC_CONFIG, note="no-docs"),
    ),
)

_AUTO = "src/pkg/models/auto/configuration_auto.py"
_TYPES_CONFIG = f'[tool.repo-lint.toc]\nconfig-mapping-files = ["{_AUTO}"]\ndoc-pages-not-in-auto = ["llama2"]\n'
_CONFIG_MAPPING = 'CONFIG_MAPPING_NAMES = OrderedDict(\n    [\n        ("bert", "BertConfig"),\n'
_CONFIG_MAPPING += '        ("llama", "LlamaConfig"),\n    ]\n)\n'

TOC_PAGE_WITHOUT_MODEL_TYPE = Rule(
    code="TOC009",
    message="doc page `{name}` names no model type of `CONFIG_MAPPING_NAMES`{hint}",
    name="model-doc-page-without-model-type",
    summary="A model doc page is not named after a model type of the auto configuration mapping.",
    why=(
        "A model's doc page is named after its model type (`model_doc/llama.md` for `llama`); a page named\n"
        "otherwise is a typo or a page whose model left (Transformers' `utils/check_repo.py` fails on it, and\n"
        "suggests the close names, as this finding does). The model types are the keys of\n"
        "`CONFIG_MAPPING_NAMES` as the modules of `config-mapping-files` build it, read with `ast` (empty, the\n"
        "default: not checked); `doc-page-types` maps a type to the page it is documented on (`data2vec-text`\n"
        "-> `data2vec`), `doc-pages-not-in-auto` lists the pages that name no type on purpose (`llama2`), and\n"
        "`auto` never does." + _NO_DOCS
    ),
    cases=(
        invalid(
            {DOC + "model_doc/lama.md": "# LLaMA\n", _AUTO: _CONFIG_MAPPING, **PACKAGE},
            line=1,
            config=_TYPES_CONFIG,
            note="misspelled",
        ),
        valid(
            {
                DOC + "model_doc/llama.md": "# LLaMA\n",
                DOC + "model_doc/llama2.md": "# Llama 2\n",
                _AUTO: _CONFIG_MAPPING,
                **PACKAGE,
            },
            config=_TYPES_CONFIG,
            note="model-types",
        ),
    ),
)

_PROCESSORS = "src/pkg/processors.py"
_PROCESSOR_PAGE = DOC + "api/processors.md"
_SUPPORT_CONFIG = (
    f'[tool.repo-lint.toc.support-lists."{_PROCESSOR_PAGE}"]\nsource = "{_PROCESSORS}"\n'
    'names = ["*Processor", "*Processor[0-9]*"]\nexclude = ["*LoRA*"]\n'
)
_PROCESSORS_CODE = (
    "class AttnProcessor:\n    pass\n\n\nclass AttnProcessor2_0:\n    pass\n\n\n"
    "class LoRAAttnProcessor:\n    pass\n\n\nclass Attention:\n    pass\n"
)
_PROCESSOR_DOCS = "# Attention processors\n\n## AttnProcessor\n[[autodoc]] models.processors.AttnProcessor\n"

TOC_SUPPORT_LIST_INCOMPLETE = Rule(
    code="TOC010",
    message="`{name}` is not documented on `{page}` (`[[autodoc]] {name}`), which lists the classes of `{source}`",
    name="support-list-incomplete",
    summary="A class that a docs support list covers has no `[[autodoc]]` line on that page.",
    why=(
        "Some doc pages promise the whole list of something the library supports: every attention processor,\n"
        "activation, normalization or LoRA loader mixin. A new class that is not added to its page is invisible\n"
        "to users; Diffusers' `utils/check_support_list.py` fails on it in CI. `support-lists` maps each page to\n"
        "the module(s) it covers (`source`) and which of their classes it lists: `names` (globs), `bases` (a\n"
        "dotted base name: `nn.Module` also matches `torch.nn.Module`), `exclude` (globs); with neither `names` nor\n"
        "`bases`, every class. The classes are every class statement of the module, read with `ast`. The finding\n"
        "is on the class; a page or module that does not exist is reported on the other one, unless the page's\n"
        "folder does not exist either (no docs in this tree, as in a released sdist)."
    ),
    cases=(
        invalid(
            {_PROCESSORS: _PROCESSORS_CODE, _PROCESSOR_PAGE: _PROCESSOR_DOCS, **PACKAGE},
            line=5,
            config=_SUPPORT_CONFIG,
            note="new-processor",
        ),
        valid(
            {
                _PROCESSORS: _PROCESSORS_CODE,
                _PROCESSOR_PAGE: _PROCESSOR_DOCS + "\n[[autodoc]] models.processors.AttnProcessor2_0\n",
                **PACKAGE,
            },
            config=_SUPPORT_CONFIG,
            note="all-documented",
        ),
        valid({_PROCESSORS: _PROCESSORS_CODE, **PACKAGE}, config=_SUPPORT_CONFIG, note="no-docs"),
    ),
)

TOC_PAGE_NOT_IN_TOCTREE = Rule(
    code="TOC011",
    message="`{page}` is in no modality of the toctree's model part (`{toctree}`)\n"
    "the toctree lists `{local}`, but `{page}` does not exist",
    name="model-doc-page-not-in-toctree",
    summary="A model doc page is missing from the toctree's model part, or the toctree lists a page that is gone.",
    why=(
        "A model page that no modality of the toctree lists is built but unreachable from the docs' navigation,\n"
        "and an entry whose page was removed or renamed breaks the docs build. Transformers'\n"
        "`utils/check_doc_toc.py` compares the two sets. The pages are those directly in the folder of\n"
        "`model-doc` (`auto` needs no entry); the toctree's entries are those of the `models-part` modalities."
        + _NO_DOCS
    ),
    cases=(
        invalid(
            {DOC + "model_doc/gpt2.md": "# GPT-2\n", **_toctree(BERT), DOC + "model_doc/bert.md": "# BERT\n"},
            line=1,
            note="page-not-listed",
        ),
        invalid({**_toctree(BERT, GPT2), DOC + "model_doc/bert.md": "# BERT\n"}, line=9, note="page-gone"),
        valid({**_toctree(BERT), DOC + "model_doc/bert.md": "# BERT\n", DOC + "model_doc/auto.md": "# Auto\n"}),
    ),
)

RULES = (
    TOC_UNSORTED,
    TOC_DUPLICATE,
    TOC_DOCTEST_MISSING,
    TOC_DOCTEST_UNSORTED,
    TOC_MODEL_UNDOCUMENTED,
    TOC_PAGE_UNDATED,
    TOC_PAGE_DATE_NOT_FILLED,
    TOC_OBJECT_UNDOCUMENTED,
    TOC_PAGE_WITHOUT_MODEL_TYPE,
    TOC_SUPPORT_LIST_INCOMPLETE,
    TOC_PAGE_NOT_IN_TOCTREE,
)
