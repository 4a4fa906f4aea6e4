"""NAM: naming rules from the contributor guides (file names, class prefixes, names, annotations)."""

from __future__ import annotations

from repo_lint.checks.naming.rules import RULES

from repo_lint.config import Option

FAMILY = "NAM"
SECTION = "naming"
JUDGE = "repo_lint.checks.naming.judge:judge"  # imported on first use: a no-op run never needs it

FILE_KINDS = [
    "configuration_",
    "modeling_",
    "modeling_tf_",
    "modeling_flax_",
    "modular_",
    "tokenization_",
    "image_processing_",
    "image_processing_pil_",
    "video_processing_",
    "feature_extraction_",
    "processing_",
    "generation_",
    "convert_",
]
CLASS_KINDS = [
    "configuration_",
    "modeling_",
    "modeling_tf_",
    "modeling_flax_",
    "tokenization_",
    "image_processing_",
    "image_processing_pil_",
    "video_processing_",
    "feature_extraction_",
    "processing_",
]
ABBREVIATIONS = {
    "act": "activation",
    "attn": "attention",
    "emb": "embedding",
    "embs": "embeddings",
    "bsz": "batch_size",
    "cfg": "config",
    "hid": "hidden",
    "img": "image",
    "imgs": "images",
    "inp": "input",
    "tmp": "temporary",
    "txt": "text",
}

OPTIONS = (
    Option(
        "models-folder",
        "str",
        "{source}/models",
        "Folder whose subfolders (with an `__init__.py`) are model folders (NAM001, NAM002); empty: none.",
        path="path",
    ),
    Option("ignore-folders", "list[str]", [], "Subfolders of `models-folder` that are no model (NAM001, NAM002)."),
    Option(
        "file-kinds",
        "list[str]",
        FILE_KINDS,
        "File name prefixes of a model folder: its files are `<kind><folder>.py` or `<kind><folder>_<variant>.py` "
        "(NAM001).",
    ),
    Option(
        "ignore-files",
        "list[str]",
        [],
        "Model files allowed any name, as `<folder>/<file>.py` glob patterns relative to `models-folder` (NAM001).",
    ),
    Option(
        "class-kinds",
        "list[str]",
        CLASS_KINDS,
        "Kinds of files whose top-level classes must start with the model prefix (NAM002); `modular_` and "
        "`convert_` files are left out by default: their classes end up in generated files, or nowhere.",
    ),
    Option(
        "config-kinds",
        "list[str]",
        ["configuration_"],
        "Kinds of files whose `<Prefix><config-suffix>` classes give the model prefixes (NAM002).",
    ),
    Option("config-suffix", "str", "Config", "Suffix of config class names (`BertConfig` -> prefix `Bert`)."),
    Option(
        "folder-prefix",
        "bool",
        True,
        "Also accept the folder name as a prefix (`bert_japanese` -> `BertJapanese...`; NAM002).",
    ),
    Option("framework-prefixes", "list[str]", ["TF", "Flax"], "Prefixes allowed before the model prefix (NAM002)."),
    Option(
        "ignore-classes",
        "list[str]",
        [],
        "Classes exempt from NAM002: glob patterns of a class name (anywhere) or of `<folder>/<ClassName>`.",
    ),
    Option(
        "style-files",
        "list[str]",
        ["{source}/models/*/*.py"],
        "Glob patterns of the files NAM003 and NAM004 check (empty: none).",
        path="globs",
    ),
    Option(
        "annotation-files",
        "list[str]",
        ["{source}/models/*/modeling_*.py", "{source}/models/*/modular_*.py"],
        "Glob patterns of the files whose public functions and methods NAM005 checks (empty: none).",
        path="globs",
    ),
    Option(
        "generated-marker",
        "str",
        "This file was automatically generated from",
        "Text near the top of a generated file: NAM003-NAM005 skip such files (their source is checked "
        "instead) and NAM002 names the source in its message; empty: no file is generated.",
    ),
    Option("one-letter-allowed", "list[str]", ["_", "x"], "One-letter names NAM003 accepts."),
    Option(
        "abbreviations",
        "dict[str,str]",
        ABBREVIATIONS,
        "Discouraged words of snake_case names and the word to write instead (NAM004).",
    ),
    Option("allowed-names", "list[str]", [], "Identifiers (glob patterns) NAM004 never reports."),
    Option("annotate-star-args", "bool", True, "NAM005 also asks for annotations of `*args` and `**kwargs`."),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
