"""Renaming a parent model's code to the modular model's name, in all casings (`Llama` -> `Qwen2`, `llama` ->
`qwen2`, `LLAMA` -> `QWEN2`), the way Transformers' modular converter does: in names, strings and comments, never
inside absolute imports, and never in the few package names that contain a model name (`mamba_ssm`)."""

from __future__ import annotations

import io
import re
import tokenize
from keyword import iskeyword

import libcst as cst

from repo_lint.parsing import lines_as_parsed

# Names that contain a model name but belong to other packages; the converter leaves them as they are.
NAMES_NEVER_RENAMED = frozenset(
    {
        "mamba_ssm",
        "mamba-ssm",
        "use_mambapy",
        "mamba_inner_fn",
        "mamba_selective_state_update",
        "mamba_selective_scan",
        "is_mambapy_available",
        "mamba2_split_conv1d_scan_combined",
        "mamba2_selective_state_update",
        "mamba2_chunk_scan",
    }
)

AUTO_CONFIGURATION = ("auto/auto_mappings.py", "auto/configuration_auto.py")

FILE_TYPES = (
    "modeling",
    "configuration",
    "tokenization",
    "processing",
    "image_processing",
    "image_processing_pil",
    "video_processing",
    "feature_extraction",
)


def cased_name(lowercase_name: str, config_names: dict[str, str]) -> str:
    """`my_model` -> `MyModel`, unless the auto mapping spells the config class differently (`LlavaNext`)."""
    for key in (lowercase_name, lowercase_name.replace("_", "-")):
        if key in config_names:
            return config_names[key].removesuffix("Config")
    return "".join(part.title() for part in lowercase_name.split("_"))


class NameRenamer:
    """Replaces `old` (a model folder name such as `llama`) with `new` in a piece of text, in all casings."""

    def __init__(self, old: str, new: str, config_names: dict[str, str]):
        old, new = old.replace("-", "_"), new.replace("-", "_")
        self.old, self.new = old, new
        self.cased_new = cased_name(new, config_names)
        self.patterns = {old: new, old.upper(): new.upper()}
        # when the cased name is the upper case one (old models), this replaces the previous entry
        self.patterns[cased_name(old, config_names)] = self.cased_new
        alternatives = "|".join(re.escape(key) for key in self.patterns)
        self._regex = re.compile(f"(?<![a-z0-9])({alternatives})(.|$)", re.IGNORECASE | re.DOTALL)

    def __call__(self, text: str) -> str:
        if text in NAMES_NEVER_RENAMED or text.strip('"') in NAMES_NEVER_RENAMED:
            return text
        return self._regex.sub(self._replacement, text)

    def _replacement(self, match: re.Match) -> str:
        found, next_char = match.group(1), match.group(2)
        replacement = self.patterns.get(found, self.cased_new)
        # An all-upper-case cased name (`GPTJ`) is ambiguous: followed by a non-letter it is the upper case name.
        if len(self.patterns) == 2 and found.isupper() and not next_char.isalpha():
            replacement = self.patterns[found.lower()].upper()
        return replacement + next_char


class RenameTransformer(cst.CSTTransformer):
    """Renames names, strings and comments of a module; `# Copied from` comments are dropped and absolute imports
    are left alone. `only_doc`: strings and comments only (a class taken under another name keeps the names its
    code uses, its docstrings and comments speak of the new name)."""

    def __init__(self, renamer: NameRenamer, model: str = "", only_doc: bool = False):
        super().__init__()
        self.renamer = renamer
        self.only_doc = only_doc
        # renamed to a prefix (`new_model_text`): sibling modules keep the model's own name (`.configuration_new_model`)
        new_name = renamer.patterns[renamer.old]
        self._sibling = re.compile(rf"({'|'.join(FILE_TYPES)})_{re.escape(new_name)}") if model != new_name else None
        self.model = model

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        return bool(node.relative)

    def leave_ImportFrom(self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom) -> cst.ImportFrom:
        if self._sibling is None or not updated_node.relative or not isinstance(updated_node.module, cst.Name):
            return updated_node
        module = self.module_name(updated_node.module.value)
        return updated_node.with_changes(module=updated_node.module.with_changes(value=module))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if self.only_doc:
            return updated_node
        return updated_node.with_changes(value=self.renamer(updated_node.value))

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.SimpleString:
        return updated_node.with_changes(value=self.renamer(updated_node.value))

    def leave_Comment(self, original_node: cst.Comment, updated_node: cst.Comment):
        if "# Copied from" in updated_node.value:
            return cst.RemoveFromParent()
        return updated_node.with_changes(value=self.renamer(updated_node.value))

    def may_change(self, text: str) -> bool:
        """False when renaming `text` certainly leaves it as it is (no token can hold the old name, a `# Copied
        from` or a sibling module named after the new one): no need to tokenize it."""
        return bool(
            self.renamer._regex.search(text)
            or "# Copied from" in text
            or (self._sibling is not None and self._sibling.search(text))
        )

    def module_name(self, value: str) -> str:
        """The module of a relative `from .<value> import ...` once its name is renamed (leave_ImportFrom)."""
        if self._sibling is None:
            return value
        return self._sibling.sub(lambda match: f"{match.group(1)}_{self.model}", value)


_STATEMENT_END = frozenset({tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER})
_NOT_CODE = frozenset({tokenize.NL, tokenize.COMMENT})
_FSTRING_START = getattr(tokenize, "FSTRING_START", None)  # Python 3.12+ splits f-strings into tokens
_FSTRING_END = getattr(tokenize, "FSTRING_END", None)
_NAME_KEYWORDS = frozenset({"True", "False", "None"})  # keywords that libcst holds as `Name` nodes


def renamed_source(source: str, transformer: RenameTransformer) -> str:
    """`source` (whole statements) renamed as `cst.parse_module(source).visit(transformer)` renames it, but on
    its tokens, which is several times faster: identifiers (not keywords), strings and comments go through the
    renamer, a `# Copied from` comment is removed, the names of a relative import's module are renamed, and an
    absolute `from ... import ...` is left as it is but for the comment that ends its line. In an f-string only
    the code between braces is renamed, so an f-string is renamed with libcst itself. Only for a parent module's
    definitions (`only_doc` is not supported)."""
    if transformer.only_doc:
        raise ValueError("renamed_source renames names: only_doc is not supported")
    if not transformer.may_change(source):
        return source
    line_starts, offset = [], 0
    for line in lines_as_parsed(source):
        line_starts.append(offset)
        offset += len(line)
    line_starts.append(offset)
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    replacements: list[tuple[int, int, str]] = []

    def replace(start: tuple[int, int], end: tuple[int, int], text: str) -> None:
        replacements.append((line_starts[start[0] - 1] + start[1], line_starts[end[0] - 1] + end[1], text))

    statement_start, absolute_import, relative_module = True, False, None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind, string = token.type, token.string
        if kind == _FSTRING_START:
            end = _fstring_end(tokens, index)
            renamed = _renamed_fstring(source, line_starts, token, tokens[end], transformer)
            replace(token.start, tokens[end].end, renamed)
            index, statement_start = end + 1, False
            continue
        if kind in _STATEMENT_END or (kind == tokenize.OP and string == ";"):
            statement_start, absolute_import, relative_module = True, False, None
        elif kind == tokenize.COMMENT:
            next_kind = tokens[index + 1].type if index + 1 < len(tokens) else tokenize.ENDMARKER
            if not absolute_import or next_kind == tokenize.NEWLINE:
                if "# Copied from" in string:
                    replace(token.start, token.end, "")
                else:
                    replace(token.start, token.end, transformer.renamer(string))
        elif kind not in _NOT_CODE:
            if statement_start and kind == tokenize.NAME and string == "from":
                following = next((t for t in tokens[index + 1 :] if t.type not in _NOT_CODE), None)
                relative = following is not None and following.type == tokenize.OP and following.string in {".", "..."}
                absolute_import, relative_module = not relative, [] if relative else None
            elif absolute_import:
                pass
            elif kind == tokenize.NAME and (not iskeyword(string) or string in _NAME_KEYWORDS):
                renamed = transformer.renamer(string)
                if relative_module is not None:
                    relative_module.append((token, renamed))
                else:
                    replace(token.start, token.end, renamed)
            elif kind == tokenize.NAME and string == "import" and relative_module is not None:
                # `from .configuration_llama import`: one name is the sibling module leave_ImportFrom renames
                if len(relative_module) == 1:
                    only, renamed = relative_module[0]
                    replace(only.start, only.end, transformer.module_name(renamed))
                else:
                    for name_token, renamed in relative_module:
                        replace(name_token.start, name_token.end, renamed)
                relative_module = None
            elif kind == tokenize.STRING:
                if re.match(r"[a-zA-Z]*[fF]", string):  # before Python 3.12, an f-string is one token
                    replace(token.start, token.end, _renamed_expression(string, transformer))
                else:
                    replace(token.start, token.end, transformer.renamer(string))
            statement_start = False
        index += 1
    pieces, position = [], 0
    for start, end, text in sorted(replacements):
        pieces.append(source[position:start])
        pieces.append(text)
        position = end
    pieces.append(source[position:])
    return "".join(pieces)


def _fstring_end(tokens: list, start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == _FSTRING_START:
            depth += 1
        elif tokens[index].type == _FSTRING_END:
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("an f-string without its end")


def _renamed_fstring(source: str, line_starts: list[int], first, last, transformer: RenameTransformer) -> str:
    begin = line_starts[first.start[0] - 1] + first.start[1]
    end = line_starts[last.end[0] - 1] + last.end[1]
    return _renamed_expression(source[begin:end], transformer)


def _renamed_expression(code: str, transformer: RenameTransformer) -> str:
    return cst.Module(body=[]).code_for_node(cst.parse_expression(code).visit(transformer))
