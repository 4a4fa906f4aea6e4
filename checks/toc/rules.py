"""The TOC rules and their documentation (`repo-lint explain TOC001`)."""

from repo_lint.diagnostics import INIT_FOLDER, Rule

_NO_DOCS = (
    "\n\nWhen the configured files do not exist (a released sdist ships no `docs/` and no `utils/` lists), "
    "the rule reports nothing: there is nothing to check, and that is not a failure."
)

TOC_UNSORTED = Rule(
    code="TOC001",
    name="toctree-models-unsorted",
    depends_on=(INIT_FOLDER,),
    summary="The model pages of a modality in `_toctree.yml` (API -> Models) are not sorted by title.",
    why=(
        "The docs sidebar lists hundreds of models per modality; readers find one by scanning an alphabetical\n"
        "list. Titles are compared case-insensitively, as `utils/check_doc_toc.py` does. The rule is also\n"
        "reported, without a fix, when the toctree does not parse or has no API -> Models part." + _NO_DOCS
    ),
    bad="- title: Text models\n  sections:\n  - local: model_doc/gpt2\n    title: GPT2\n"
    "  - local: model_doc/bert\n    title: BERT\n",
    good="- title: Text models\n  sections:\n  - local: model_doc/bert\n    title: BERT\n"
    "  - local: model_doc/gpt2\n    title: GPT2\n",
    fixable=True,
    fix=(
        "Moves the entries' line blocks (an entry with all its keys and the comment lines above it) into title order "
        "and drops exact duplicates; every other byte of the file stays as written (the reference script "
        "re-dumps the whole YAML file instead)."
    ),
)

TOC_DUPLICATE = Rule(
    code="TOC002",
    name="toctree-models-duplicate",
    depends_on=(INIT_FOLDER,),
    summary="A modality of `_toctree.yml` lists the same `local` page twice.",
    why=(
        "A page listed twice shows twice in the sidebar. With two different titles the tool cannot know which\n"
        "one is right (`utils/check_doc_toc.py` stops with an error); with the same title the later entry is\n"
        "simply redundant. Duplicates are looked for within one modality, as the reference does." + _NO_DOCS
    ),
    bad="  - local: model_doc/bert\n    title: BERT\n  - local: model_doc/bert\n    title: BERT\n",
    good="  - local: model_doc/bert\n    title: BERT\n",
    fixable=True,
    fix="Removes the later entry (and the comment lines above it) when it repeats an earlier one's `local` "
    "and title; a duplicate with another "
    "title is not fixable (choose a title and delete the other entry by hand).",
)

TOC_DOCTEST_MISSING = Rule(
    code="TOC003",
    name="doctest-list-missing-path",
    depends_on=(INIT_FOLDER,),
    summary="A doctest list (`utils/not_doctested.txt`, ...) names a path that does not exist.",
    why=(
        "Each line of a doctest list is a file or folder relative to the repository root (only the first word\n"
        "counts). A stale line means a file was moved or deleted and the list no longer says what it seems to.\n"
        "Folders count as existing, as in `utils/check_doctest_list.py`." + _NO_DOCS
    ),
    bad="docs/source/en/model_doc/removed_model.md\n",
    good="docs/source/en/model_doc/bert.md\n",
)

TOC_DOCTEST_UNSORTED = Rule(
    code="TOC004",
    name="doctest-list-unsorted",
    depends_on=(INIT_FOLDER,),
    summary="A doctest list is not in sorted order.",
    why=(
        "Sorted lists merge without conflicts and make a missing or doubled line easy to spot. Lines are\n"
        "compared by their first word, as plain strings." + _NO_DOCS
    ),
    bad="src/transformers/models/gpt2/modeling_gpt2.py\nsrc/transformers/models/bert/modeling_bert.py\n",
    good="src/transformers/models/bert/modeling_bert.py\nsrc/transformers/models/gpt2/modeling_gpt2.py\n",
    fixable=True,
    fix="Rewrites the list exactly as `utils/check_doctest_list.py --fix_and_overwrite` does: the first word of "
    "every line, sorted, one a line, with a final newline.",
)

TOC_MODEL_UNDOCUMENTED = Rule(
    code="TOC005",
    name="model-without-doc-page",
    depends_on=(INIT_FOLDER,),
    summary="A model folder has no doc page under `docs/source/en/model_doc/`.",
    why=(
        "Every model the library ships needs a page in the API docs. A model folder is a folder of\n"
        "`models-folder` with an `__init__.py` (not `deprecated`, nor one of `ignore-models`). Its page is\n"
        "`model-doc` with `{name}` the folder name, or the folder name with `_` spelled `-` or dropped\n"
        "(`bert_generation` -> `bert-generation.md`, `x_clip` -> `xclip.md`)."
        + _NO_DOCS.replace("configured files do not exist", "folder of the `model-doc` pages does not exist")
    ),
    bad="src/transformers/models/newmodel/__init__.py  # no docs/source/en/model_doc/newmodel.md\n",
    good="docs/source/en/model_doc/newmodel.md\n",
)

RULES = (TOC_UNSORTED, TOC_DUPLICATE, TOC_DOCTEST_MISSING, TOC_DOCTEST_UNSORTED, TOC_MODEL_UNDOCUMENTED)
