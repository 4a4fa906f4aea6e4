"""A first slice of Transformers' modular converter: from the text of `modular_<name>.py` (and the parent modules
it imports from), the texts of the files it generates, before ruff formats them.

Handled: classes defined in the modular file (copied as written); classes that inherit from another model's class
(`class Qwen2MLP(LlamaMLP)`), which become the parent class renamed in all casings (with the per-parent prefix
the converter infers, `NewModelText...`) with the modular docstring, decorators, class attributes and methods laid
over it (`Base.method(self, ...)` becomes `super().method(...)`, `x = AttributeError()` drops an attribute,
`super().method(...)` is unrolled and `**super_kwargs` takes the parent's signature, see unroll.py); the
functions, assignments and classes of the parent modules the code uses, in the converter's order; imports kept
when used; `__all__` split per file; routing by class name suffix, with imports between the generated files.
A class named unlike its renamed parent keeps its name (docs renamed, prefixes.docs_renamed_to), other bases are
merged with the parent's (bases.py), a module `__getattr__` goes before `__all__` (module_level.py). Anything else
raises `Unsupported` rather than producing a file that differs from the converter's.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst
from repo_lint.checks.modular.banner import generated_banner
from repo_lint.checks.modular.bases import merged_bases
from repo_lint.checks.modular.classes import (
    check_modular_class,
    class_members,
    dotted_name,
    inherited_methods,
    kept_decorators,
    merged_attributes,
    merged_method,
    removes_parent_method,
)
from repo_lint.checks.modular.code import forget_codes, module_code, statement_code
from repo_lint.checks.modular.copied import copied_spans, describe_copies
from repo_lint.checks.modular.imports import needed_imports
from repo_lint.checks.modular.module_level import getattr_file_type, without_trailing_comma
from repo_lint.checks.modular.namespace import (
    Unsupported,
    is_import_block,
    parent_module_path,
    read_namespace,
    used_names,
)
from repo_lint.checks.modular.parent_view import Parent, parent_module
from repo_lint.checks.modular.patching import Copies, Span
from repo_lint.checks.modular.prefixes import class_prefix, docs_renamed_to, parent_model_names
from repo_lint.checks.modular.renaming import (
    AUTO_CONFIGURATION,
    NameRenamer,
    cased_name,
)
from repo_lint.checks.modular.segments import class_line_key
from repo_lint.checks.modular.torch_guard import SOFT_TORCH_FILE_TYPES, protect_torch_imports
from repo_lint.checks.modular.unroll import unroll_super_calls

from repo_lint.facts.config_mapping import config_class_names

__all__ = ["Unsupported", "convert_modular"]


# Class name suffix (once the model's own name is removed) -> generated file type; anything else is modeling.
SUFFIX_FILE_TYPES = {
    "Config": "configuration",
    "Tokenizer": "tokenization",
    "Processor": "processing",
    "ImageProcessor": "image_processing",
    "ImageProcessorPil": "image_processing_pil",
    "VideoProcessor": "video_processing",
    "VideoProcessorInitKwargs": "video_processing",
    "VideoProcessorKwargs": "video_processing",  # in 5.23.0 (the Aug 2026 converter routes it to processing)
    "ImageProcessorKwargs": "image_processing",
    "FeatureExtractor": "feature_extraction",
    "ProcessorKwargs": "processing",
    "VideosKwargs": "processing",
    "ImagesKwargs": "processing",
    "TextKwargs": "processing",
}
_SUFFIX = re.compile("({})$".format("|".join(SUFFIX_FILE_TYPES)))

# Assignments the converter always places first, in this order.
LEADING_VARIABLES = ("logger", "_CHECKPOINT_FOR_DOC", "_CONFIG_FOR_DOC")

# Assignments of the modular file that replace the parent's in code taken from it (the others keep the parent's).
KEPT_MODULAR_ASSIGNMENTS = re.compile("_CHECKPOINT|_EXPECTED|_FOR_DOC|_HIDDEN_STATES_START_POSITION")
KEPT_UNLESS_NONE = re.compile("_DOCSTRING")

MODULAR_ORIGIN = ""  # origin of a definition made in the modular file itself (parents are named by their path)


@dataclass
class _Entry:
    order: int
    node: cst.CSTNode


class _Conversion:
    def __init__(self, text: str, path: str, read_file: Callable[[str], str | None]):
        match = re.fullmatch(r"modular_(.+)\.py", posixpath.basename(path))
        if match is None:
            raise ValueError(f"{path} is not a modular file")
        self.path = path
        self.model = match.group(1)
        self.read_file = read_file
        models_folder = posixpath.dirname(posixpath.dirname(path))
        self.config_names = config_class_names(
            *(read_file(posixpath.join(models_folder, auto)) for auto in AUTO_CONFIGURATION)
        )
        self.cased_model = cased_name(self.model, self.config_names)
        self.module = cst.parse_module(text)
        self.modular = read_namespace(self.module, text, strict=True)
        self.parents: dict[str, Parent] = {}
        self.parent_paths: dict[str, None] = {}  # in import order
        self.parent_of_name: dict[str, str] = {}
        self.own_imports = self._split_imports()
        self.files: dict[str, dict[str, _Entry]] = {}
        self.next_order: dict[str, int] = {}
        self.cross_file_imports: list[cst.CSTNode] = []
        self.class_line_searches: dict[str, set[str]] = {}  # parent path -> X of the lines `class X` searched
        self.spans: dict[str, list[Span]] = {}  # generated path -> where parent definitions copied whole lie
        # id(merged class) -> (it, parent path, parent class, the parent's methods it holds as they are)
        self.merged_copies: dict[int, tuple[cst.ClassDef, str, str, list[str]]] = {}
        self.merge_counts: Counter[tuple[str, str]] = Counter()  # (parent path, parent class) -> merges

    # -- imports and parents -------------------------------------------------------------------------------------

    def _split_imports(self) -> list[cst.CSTNode]:
        """The modular file's own imports; imports from other models' modules register their names as parents."""
        own = []
        for node in self.modular.imports:
            if is_import_block(node):
                own.append(node)
                continue
            parent_imports = [small for small in node.body if isinstance(small, cst.ImportFrom)]
            paths = [parent_module_path(small, self.path) for small in parent_imports]
            if not any(paths):
                own.append(node)
                continue
            for small, parent_path in zip(parent_imports, paths, strict=True):
                if parent_path is not None and "auto" not in parent_path.split("/")[-2:-1]:
                    self._register_parent_import(small, parent_path)
        return own

    def _register_parent_import(self, node: cst.ImportFrom, parent_path: str) -> None:
        if isinstance(node.names, cst.ImportStar):
            raise Unsupported("star import from a parent", parent_path)
        self.parent_paths.setdefault(parent_path, None)
        for alias in node.names:
            if alias.asname is not None:
                raise Unsupported("aliased import from a parent", alias.evaluated_name)
            self.parent_of_name[alias.evaluated_name] = parent_path

    def _load_parents(self) -> None:
        texts = {}
        for parent_path in self.parent_paths:
            texts[parent_path] = self.read_file(parent_path)
            if texts[parent_path] is None:
                raise Unsupported("parent module missing", parent_path)
        prefixes: dict[str, list[str]] = {}
        for name, node in self.modular.definitions.items():
            if not isinstance(node, cst.ClassDef):
                continue
            parent_bases = [base for base in _base_names(node) if base in self.parent_of_name]
            if not parent_bases:
                continue
            if len(parent_bases) > 1:
                raise Unsupported("several parent bases", name)
            parent_path = self.parent_of_name[parent_bases[0]]
            folder = parent_path.split("/")[-2]
            prefix = class_prefix(name, parent_bases[0], self.cased_model, folder, self.config_names)
            prefixes.setdefault(parent_path, []).append(prefix)
        names = parent_model_names(
            prefixes, texts, self.model, self.cased_model, self.config_names, self.class_line_searches
        )
        for parent_path, text in texts.items():
            renamer = NameRenamer(parent_path.split("/")[-2], names[parent_path], self.config_names)
            self.parents[parent_path] = Parent(parent_module(text), renamer, self.model)

    # -- classes -------------------------------------------------------------------------------------------------

    def run(self) -> dict[str, str]:
        self._load_parents()
        self.imported_definitions = self._imported_definitions()
        for name, node in self.modular.definitions.items():
            if isinstance(node, cst.ClassDef):
                self._add_class(name, node)
        self._add_module_getattr()
        self._add_all()
        if "image_processing" in self.files and "image_processing_pil" in self.files:
            self._copy_into_pil_image_processor()
        return {
            self._file_path(file_type): self._render(file_type, entries) for file_type, entries in self.files.items()
        }

    def _copy_into_pil_image_processor(self) -> None:
        """`image_processing` needs torchvision, so `image_processing_pil` may not import from it: the names of its
        first such import are copied in instead, just before the entry that has their position in the pil file
        (after it when that entry is not a class or function). The entries are shared: the moved position
        shows in both files, as in the converter."""
        pil, torchvision = self.files["image_processing_pil"], self.files["image_processing"]
        body = [entry.node for entry in sorted(pil.values(), key=lambda entry: entry.order)]
        imported = next(
            (
                names
                for node in needed_imports(self._all_imports(), body, set(pil))
                if (names := _names_from_sibling(node))
            ),
            None,
        )
        for name in imported or ():
            entry = torchvision.get(name)
            neighbours = [other for other in pil.values() if other.order == entry.order] if entry else []
            if not neighbours:
                raise Unsupported("image_processing_pil import without a place to copy it", name)
            entry.order += -0.5 if isinstance(neighbours[0].node, (cst.ClassDef, cst.FunctionDef)) else 0.5
            pil[name] = entry

    def _add_class(self, name: str, node: cst.ClassDef) -> None:
        parent_bases = [base for base in _base_names(node) if base in self.parent_of_name]
        if len(parent_bases) > 1:
            raise Unsupported("several parent bases", name)
        file_type = self._file_type(name)
        if parent_bases:
            parent_path = self.parent_of_name[parent_bases[0]]
            new_node = self._merged_class(name, node, parent_bases[0], parent_path)
            dependencies = self._dependencies(new_node, parent_path, file_type, follow_classes=True)
        else:
            new_node = node
            dependencies = self._dependencies(node, MODULAR_ORIGIN, file_type, follow_classes=False)
        for dependency, dependency_node in dependencies:
            self._place(file_type, dependency, dependency_node)
        self._place(file_type, name, new_node)

    def _merged_class(self, name: str, node: cst.ClassDef, base: str, parent_path: str) -> cst.ClassDef:
        """The parent class (renamed) with the modular class's docstring, attributes and methods laid over it."""
        check_modular_class(node)
        parent = self.parents[parent_path]
        renamed_base = parent.renamer(base)
        parent_node = parent.class_to_merge(renamed_base)
        if not isinstance(parent_node, cst.ClassDef):
            raise Unsupported("parent class not found", f"{base} in {parent_path}")
        if renamed_base != name:
            parent_node = docs_renamed_to(parent_node, name, self.config_names)
        parent_members, modular_members = class_members(parent_node, name), class_members(node, name)
        docstring = modular_members.docstring or parent_members.docstring
        attributes = merged_attributes(parent_members, modular_members, name)
        new_bases = merged_bases(parent_node, node, base)
        bases = [dotted_name(base.value) for base in new_bases]
        methods = inherited_methods(parent_members, modular_members, name)
        for method_name, method in modular_members.methods.items():
            if method_name in methods and removes_parent_method(method):
                del methods[method_name]
                continue
            methods[method_name] = merged_method(parent_members.methods.get(method_name), method)
        body = [*docstring, *attributes, *methods.values()]
        merged = parent_node.with_changes(name=node.name, bases=new_bases, body=cst.IndentedBlock(body=body))
        merged = unroll_super_calls(merged, parent_members.methods, set(modular_members.methods), bases)
        merged = merged.with_changes(decorators=kept_decorators(node, parent_node))
        self.merge_counts[parent_path, renamed_base] += 1
        if renamed_base == name:  # (docs renamed to another name: the methods' text is not the parent's)
            held = {id(member) for member in merged.body.body}
            copied = [key for key, method in parent_members.methods.items() if id(method) in held]
            self.merged_copies[id(merged)] = (merged, parent_path, renamed_base, copied)
        return merged

    # -- dependencies --------------------------------------------------------------------------------------------

    def _uses(self, name: str, origin: str) -> set[str]:
        return self.modular.uses.get(name, set()) if origin == MODULAR_ORIGIN else self.parents[origin].uses(name)

    def _line_order(self, name: str, origin: str) -> int:
        return self.modular.line_order[name] if origin == MODULAR_ORIGIN else self.parents[origin].line_order(name)

    def _resolve(self, name: str, origin: str) -> str | None:
        """Where `name`, used by code from `origin`, is defined (MODULAR_ORIGIN or a parent's path): definitions
        of the modular file first, then functions and assignments it imports from a parent (with what they use),
        then the module the code comes from."""
        if name in self.modular.definitions:
            if origin != MODULAR_ORIGIN and self._parent_assignment_wins(name, origin):
                return origin
            return MODULAR_ORIGIN
        if name in self.imported_definitions:
            return self.imported_definitions[name]
        if origin != MODULAR_ORIGIN and self.parents[origin].defines(name):
            return origin
        return None

    def _definition(self, name: str, origin: str) -> cst.CSTNode:
        return self.modular.definitions[name] if origin == MODULAR_ORIGIN else self.parents[origin].definition(name)

    def _is_class(self, name: str, origin: str) -> bool:
        if origin == MODULAR_ORIGIN:
            return isinstance(self.modular.definitions[name], cst.ClassDef)
        return self.parents[origin].is_class(name)

    def _parent_assignment_wins(self, name: str, parent_path: str) -> bool:
        """For code taken from a parent, an assignment both files make is the parent's (the converter keeps the
        modular's only for doc constants: `_CHECKPOINT_FOR_DOC`, `..._DOCSTRING` unless None, ...)."""
        parent = self.parents[parent_path]
        modular_node = self.modular.definitions[name]
        if not (parent.is_assignment(name) and _is_assignment(modular_node)):
            return False
        if KEPT_MODULAR_ASSIGNMENTS.search(name):
            return False
        value = modular_node.body[0].value
        return not (KEPT_UNLESS_NONE.search(name) and not (isinstance(value, cst.Name) and value.value == "None"))

    def _imported_definitions(self) -> dict[str, str]:
        """Functions and assignments imported from parents, and what they use in their module -> that module.
        An imported name comes from the first module importing it; a name it uses directly comes from the last
        module whose imported function uses it (the converter records each import's direct dependencies in
        import order, overwriting earlier ones: `rotate_half` of `apply_rotary_pos_emb_vision` from qwen2_5_vl
        wins over the one of llama's `apply_rotary_pos_emb`, and is placed with qwen2_5_vl's definitions)."""
        direct = self._direct_imported_definitions()
        found: dict[str, str] = {}
        for imported, parent_path in self.parent_of_name.items():
            pending = [(self.parents[parent_path].renamer(imported), parent_path)]
            while pending:
                name, path = pending.pop()
                path = direct.get(name, path)
                parent = self.parents[path]
                if name in found or not parent.defines(name) or (parent.is_class(name) and name not in direct):
                    continue
                found[name] = path
                if not parent.is_class(name):
                    pending.extend((used, path) for used in parent.uses(name))
        return found

    def _direct_imported_definitions(self) -> dict[str, str]:
        """Functions and assignments imported from parents (first import wins, unless an earlier import uses it)
        and their direct uses (last import wins, even over a name imported itself) -> their module. A class used
        directly comes along like a function (d_fine's `replace_batch_norm` brings `DFineFrozenBatchNorm2d`)."""
        found: dict[str, str] = {}
        for imported, parent_path in self.parent_of_name.items():
            parent = self.parents[parent_path]
            name = parent.renamer(imported)
            if name in found or not parent.defines(name) or parent.is_class(name):
                continue
            found[name] = parent_path
            for used in parent.uses(name):
                if parent.defines(used) and used not in self.modular.definitions:
                    found[used] = parent_path
        return found

    def _dependencies(self, node, origin: str, file_type: str, follow_classes: bool) -> list[tuple[str, cst.CSTNode]]:
        placed = self.files.get(file_type, {})
        found: dict[str, tuple[str, cst.CSTNode]] = {}
        pending = [(name, origin) for name in used_names(node)]
        followed_placed: set[str] = set()
        while pending:
            name, current_origin = pending.pop()
            if name in found or name in followed_placed:
                continue
            definition_origin = self._resolve(name, current_origin)
            if definition_origin is None:
                continue
            if name in placed:
                # a placed function or assignment is not added again, but what it uses still is (the converter
                # adds every function's dependencies along with it); a placed class is not followed
                if not self._is_class(name, definition_origin):
                    followed_placed.add(name)
                    pending.extend(
                        (used, definition_origin) for used in self._followed_uses(name, definition_origin, origin)
                    )
                continue
            if self._is_class(name, definition_origin) and name not in self.imported_definitions:
                if self._file_type(name) != file_type:
                    self.cross_file_imports.append(
                        cst.parse_statement(f"from .{self._file_type(name)}_{self.model} import {name}")
                    )
                    continue
                # classes of the modular file are placed on their own; those of a modular class are not followed
                if not follow_classes or self.modular.is_class(name):
                    continue
            found[name] = definition_origin, self._definition(name, definition_origin)
            pending.extend((used, definition_origin) for used in self._followed_uses(name, definition_origin, origin))
        if origin == MODULAR_ORIGIN:
            return self._in_converter_order(found)
        return self._in_parent_order(found, origin)

    def _followed_uses(self, name: str, definition_origin: str, origin: str) -> set[str]:
        """What `name` uses, as seen from a class of `origin`: the converter links a modular definition into a
        parent's graph before it knows the names the modular file imports from other parents, so from a parent's
        class those are not followed."""
        uses = self._uses(name, definition_origin)
        if origin == MODULAR_ORIGIN or definition_origin != MODULAR_ORIGIN:
            return uses
        return {used for used in uses if used in self.modular.definitions or self.parents[origin].defines(used)}

    def _in_converter_order(self, found: dict[str, tuple[str, cst.CSTNode]]) -> list[tuple[str, cst.CSTNode]]:
        """Dependencies from parent modules first, one module at a time, then those of the modular file; each
        group in its module's order."""
        groups: dict[str, list[str]] = {}
        for name in sorted(found):
            groups.setdefault(found[name][0], []).append(name)
        modular_group = groups.pop(MODULAR_ORIGIN, [])
        ordered = []
        for origin, names in [*groups.items(), (MODULAR_ORIGIN, modular_group)]:
            ordered.extend(sorted(names, key=lambda name, origin=origin: self._line_order(name, origin)))
        return [(name, found[name][1]) for name in ordered]

    def _in_parent_order(
        self, found: dict[str, tuple[str, cst.CSTNode]], parent_path: str
    ) -> list[tuple[str, cst.CSTNode]]:
        """Dependencies of a class taken from a parent: each class dependency comes right after what it uses, the
        names the parent defines first, in its order (even when the modular file redefines them), then the others;
        what remains comes last, the names the parent defines first again, then the names defined elsewhere (in
        reverse alphabetical order, as the converter's stable sort leaves them), then those the modular file
        defines, in its order."""
        parent = self.parents[parent_path]

        def near_class(name: str) -> tuple[int, int]:
            if parent.defines(name):
                return 0, parent.line_order(name)
            return 1, self._line_order(name, found[name][0])

        def remaining_position(name: str) -> tuple[int, int]:
            if name in self.modular.definitions:
                return 2, self.modular.line_order[name]
            return (0, parent.line_order(name)) if parent.defines(name) else (1, 0)

        def in_order(names, position) -> list[str]:
            return sorted(sorted(names, reverse=True), key=position)

        remaining, ordered = set(found), []
        classes = in_order((name for name in found if isinstance(found[name][1], cst.ClassDef)), near_class)
        for class_name in classes:
            reached = self._reachable_without_classes(class_name, found, parent_path)
            for name in in_order(reached & remaining, near_class):
                remaining.discard(name)
                ordered.append(name)
            if class_name in remaining:
                remaining.discard(class_name)
                ordered.append(class_name)
        ordered.extend(in_order(remaining, remaining_position))
        return [(name, found[name][1]) for name in ordered]

    def _reachable_without_classes(
        self, start: str, found: dict[str, tuple[str, cst.CSTNode]], parent_path: str
    ) -> set[str]:
        """The names of `found` a class reaches through functions and assignments, those already placed included
        (the converter follows the parent's recursive dependencies: RfDetrAttention reaches `repeat_kv` through
        `eager_attention_forward`, placed earlier with another class)."""
        parent = self.parents[parent_path]
        reached, visited, pending = set(), set(), list(self._uses(start, found[start][0]))
        while pending:
            name = pending.pop()
            if name in visited:
                continue
            visited.add(name)
            if name in found:
                reached.add(name)
                if not isinstance(found[name][1], cst.ClassDef):
                    pending.extend(self._uses(name, found[name][0]))
            elif parent.defines(name) and not parent.is_class(name):
                pending.extend(parent.uses(name))
        return reached

    def _place(self, file_type: str, name: str, node: cst.CSTNode) -> None:
        entries = self.files.setdefault(file_type, {})
        if name in LEADING_VARIABLES:
            order = -1000 + LEADING_VARIABLES.index(name)
        else:
            order = self.next_order.get(file_type, 0)
            self.next_order[file_type] = order + 1
        entries[name] = _Entry(order, node)

    def _add_module_getattr(self) -> None:
        """`__getattr__ = deprecate_attr(...)` goes after the classes of its file, before `__all__`, with what it
        uses from the modular file."""
        node = self.modular.module_getattr
        if node is None:
            return
        file_type = getattr_file_type(node, self._file_type)
        for dependency, dependency_node in self._dependencies(node, MODULAR_ORIGIN, file_type, follow_classes=False):
            self._place(file_type, dependency, dependency_node)
        self._place(file_type, "__getattr__", without_trailing_comma(node))

    def _add_all(self) -> None:
        if not self.modular.all_names:
            return
        per_file: dict[str, list[str]] = {}
        for name in self.modular.all_names:
            per_file.setdefault(self._file_type(name), []).append(name)
        for file_type, names in per_file.items():
            elements = ", ".join(f'"{name}"' for name in names)
            # the blank lines before the modular's `__all__` come along (they show after a plain statement)
            statement = cst.parse_statement(f"__all__ = [{elements}]\n")
            leading_lines = self.modular.all_statement.leading_lines
            self._place(file_type, "__all__", statement.with_changes(leading_lines=leading_lines))

    def _file_type(self, class_name: str) -> str:
        match = _SUFFIX.search(class_name.replace(self.cased_model, ""))
        return SUFFIX_FILE_TYPES[match.group(1)] if match else "modeling"

    def _file_path(self, file_type: str) -> str:
        return posixpath.join(posixpath.dirname(self.path), f"{file_type}_{self.model}.py")

    # -- rendering -----------------------------------------------------------------------------------------------

    def _all_imports(self) -> list[cst.CSTNode]:
        imports, seen = [], set()
        candidates = [*self.own_imports, *self.cross_file_imports]
        for parent in self.parents.values():
            candidates.extend(parent.imports)
        for node in candidates:
            code = statement_code(node).code.strip()
            if code not in seen:
                seen.add(code)
                imports.append(node)
        return imports

    def _render(self, file_type: str, entries: dict[str, _Entry]) -> str:
        body = [entry.node for entry in sorted(entries.values(), key=lambda entry: entry.order)]
        imports = needed_imports(self._all_imports(), body, set(entries))
        if file_type in SOFT_TORCH_FILE_TYPES:
            imports = protect_torch_imports(imports)
        code = generated_banner(self.path) + module_code(self.module.header, [*imports, *body])
        self.spans[self._file_path(file_type)] = copied_spans(
            code, body, self.parents, self.merged_copies, self.merge_counts
        )
        return code


def convert_modular(
    text: str,
    path: str,
    read_file: Callable[[str], str | None],
    used: dict[str, set[str]] | None = None,
    copies: Copies | None = None,
) -> dict[str, str]:
    """The files generated from the modular file `path` (repository path -> text before ruff), given its text and
    `read_file` (a repository path -> its text, None when absent). Raises Unsupported for what it cannot do yet.
    `used`, when given, receives for each parent module the names of the definitions whose code was read;
    `copies`, where the parent definitions copied whole lie in the texts (patching.py)."""
    conversion = _Conversion(text, path, read_file)
    try:
        texts = conversion.run()
        if copies is not None:
            describe_copies(conversion.spans, conversion.parents, copies)
        return texts
    finally:
        forget_codes()
        if used is not None:
            for parent_path, parent in conversion.parents.items():
                used.setdefault(parent_path, set()).update(parent.used)
            for parent_path, searched in conversion.class_line_searches.items():
                used.setdefault(parent_path, set()).update(class_line_key(prefix) for prefix in searched)


def _names_from_sibling(node: cst.CSTNode) -> list[str]:
    """The names of `from .image_processing_<model> import ...` (not `image_processing_utils`, `_backends` or
    `_outputs`); empty for any other statement."""
    small = node.body[0] if isinstance(node, cst.SimpleStatementLine) else None
    if not isinstance(small, cst.ImportFrom) or small.module is None or isinstance(small.names, cst.ImportStar):
        return []
    if not re.match(r"image_processing_(?!backends|utils|outputs)", dotted_name(small.module) or ""):
        return []
    return [alias.name.value for alias in small.names]


def _is_assignment(node: cst.CSTNode | None) -> bool:
    return isinstance(node, cst.SimpleStatementLine)


def _base_names(node: cst.ClassDef) -> list[str]:
    return [base.value.value for base in node.bases if isinstance(base.value, cst.Name)]
