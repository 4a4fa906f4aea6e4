"""TOC: docs lists (replaces `utils/check_doc_toc.py` and `utils/check_doctest_list.py`, and checks that
every model folder has a doc page)."""

from __future__ import annotations

from repo_lint.checks.toc.rules import RULES

from repo_lint.config import Option

FAMILY = "TOC"
SECTION = "toc"
JUDGE = "repo_lint.checks.toc.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "toctree",
        "str",
        "docs/source/en/_toctree.yml",
        "The docs table of contents (TOC001, TOC002); nothing is reported when it does not exist.",
        path="path",
    ),
    Option(
        "models-part",
        "list[str]",
        ["API", "Models"],
        "Titles leading to the model part of the toctree, whose modalities are checked (empty: skip it).",
    ),
    Option(
        "sorted-parts",
        "list[str]",
        [],
        "Parts of the toctree given by their titles (`API / Schedulers`) whose own list and whose sub-sections' "
        "lists are kept sorted by title (TOC001, TOC002).",
    ),
    Option(
        "fixed-titles",
        "list[str]",
        [],
        "Titles (any case) that stay first, in their order, in every sorted list of the toctree (`Overview`).",
    ),
    Option(
        "doctest-lists",
        "list[str]",
        ["utils/not_doctested.txt", "utils/slow_documentation_tests.txt"],
        "Doctest lists: one repository path per line, sorted (TOC003, TOC004); missing lists are skipped.",
        path="paths",
    ),
    Option(
        "model-doc",
        "str",
        "docs/source/en/model_doc/{name}.md",
        "Doc page of a model folder (`{name}`: folder name, or with `_` spelled `-` or dropped).",
        path="path",
    ),
    Option(
        "models-folder",
        "str",
        "{source}/models",
        "Folder whose subfolders with an `__init__.py` are models that need a doc page (empty: skip TOC005).",
        path="path",
    ),
    Option("ignore-models", "list[str]", [], "Model folders that need no doc page (`deprecated` never does)."),
    Option(
        "dates-library",
        "str",
        "",
        "The library named in the dates line every `model-doc` page carries (`*This model was ... contributed to "
        "<library> on YYYY-MM-DD.*`, TOC006); empty: no dates line is asked for.",
    ),
    Option("undated-pages", "list[str]", [], "Pages of the `model-doc` folder (by `{name}`) that need no dates line."),
    Option(
        "autodoc-folder",
        "str",
        "",
        "The docs folder whose pages' `[[autodoc]] Name` lines must cover every public name of the package "
        "(TOC008); empty, or absent: nothing is checked.",
        path="path",
    ),
    Option(
        "config-mapping-files",
        "list[str]",
        [],
        "Files that build `CONFIG_MAPPING_NAMES`, in the order they run: every `model-doc` page must be named after "
        "one of its model types (TOC009); empty: not checked.",
        path="paths",
    ),
    Option(
        "doc-page-types", "dict[str,str]", {}, "Model type -> the doc page it is documented on, when named otherwise."
    ),
    Option("doc-pages-not-in-auto", "list[str]", [], "Doc pages of `model-doc` that name no model type on purpose."),
    Option("undocumented-objects", "list[str]", [], "Public names that need no `[[autodoc]]` (TOC008)."),
    Option("undocumented-prefixes", "list[str]", [], "Prefixes of public names that need no `[[autodoc]]`."),
    Option("undocumented-suffixes", "list[str]", [], "Suffixes of public names that need no `[[autodoc]]`."),
    Option(
        "support-lists",
        "dict[str,table]",
        {},
        "Doc page -> the classes it must document with `[[autodoc]]` (TOC010): `source` (module path, or a list), "
        "`names` (globs), `bases` (dotted base names, `nn.Module`), `exclude` (globs); empty: nothing is checked.",
        path="keys-and-sources",
        fields=("source", "names", "bases", "exclude"),
    ),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
