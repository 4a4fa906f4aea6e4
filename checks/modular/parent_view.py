"""A parent module as one conversion sees it: through the renaming of its model's name, its definitions parsed
and renamed only when used, and every question the conversion asks of it recorded for its cache entry
(segments.py: the code of what it read, or only the answer: a kind, a place, the names a definition uses)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import libcst as cst
from repo_lint.checks.modular.parent_module import ParentModule
from repo_lint.checks.modular.patching import definition_shape
from repo_lint.checks.modular.renaming import NameRenamer, RenameTransformer
from repo_lint.checks.modular.segments import kind_key, order_key, uses_key


class Parent:
    """A parent module seen through the renaming: names, uses and nodes come out renamed; a definition is parsed
    and renamed only when it is used (parsing and renaming whole modules dominates the run time otherwise)."""

    def __init__(self, module: ParentModule, renamer: NameRenamer, model: str):
        self.renamer = renamer
        self.model = model
        self._module = module
        self._namespace = module.namespace
        self._original_name = {renamer(name): name for name in self._namespace.definitions}
        self._renamed_nodes: dict[str, cst.CSTNode] = {}
        self._renamed_sources: dict[str, str] = {}  # the renamed text of those parsed from it
        self._transformer = RenameTransformer(renamer, model)
        self.imports = module.renamed_imports(self._transformer)
        # the parent's definitions whose code the conversion read (original names): what its cache entry keeps
        self.used: set[str] = set()
        self.merged: set[str] = set()  # definitions read to merge a class (original names): not copied whole

    def _original(self, name: str) -> str:
        """The parent's name for `name`, whose definition's code the conversion reads."""
        original = self._original_name[name]
        self.used.add(original)
        return original

    def defines(self, name: str) -> bool:
        return name in self._original_name

    def _asked(self, name: str, key: Callable[[str], str]) -> str:
        """The parent's name for `name`, of which the conversion asks only what `key` records (its kind or
        its place), not its code."""
        original = self._original_name[name]
        self.used.add(key(original))
        return original

    def is_class(self, name: str) -> bool:
        return self.defines(name) and self._module.is_class(self._asked(name, kind_key))

    def is_assignment(self, name: str) -> bool:
        return self.defines(name) and self._module.is_assignment(self._asked(name, kind_key))

    def definition(self, name: str) -> cst.CSTNode | None:
        if name not in self._original_name:
            return None
        if name not in self._renamed_nodes:
            node, source = self._module.renamed_with_source(self._original(name), self._transformer)
            self._renamed_nodes[name] = node
            if source is not None:
                self._renamed_sources[name] = source
        return self._renamed_nodes[name]

    def class_to_merge(self, name: str) -> cst.CSTNode | None:
        """The definition `name`, read to lay a modular class over it."""
        if name in self._original_name:
            self.merged.add(self._original_name[name])
        return self.definition(name)

    def copied_whole(self) -> dict[int, tuple[cst.CSTNode, str, str]]:
        """id(node) -> (node, original name, renamed text) of the definitions this conversion may have copied
        whole: read as they are (not to merge a class) and made from their renamed text (patching.py)."""
        found = {}
        for name, node in self._renamed_nodes.items():
            original = self._original_name[name]
            if name in self._renamed_sources and original not in self.merged:
                if self._module.verbatim_source(original) is not None:
                    found[id(node)] = (node, original, self._renamed_sources[name])
        return found

    def merged_sources(self, name: str) -> tuple[str, str, str] | None:
        """(original name, text, renamed text) of the class `name` read to merge, when made from its text."""
        original = self._original_name[name]
        source = self._module.verbatim_source(original)
        renamed = self._renamed_sources.get(name)
        return None if source is None or renamed is None else (original, source, renamed)

    def source(self, original: str) -> str | None:
        """The text of the definition (original name) when it may be copied (ParentModule.verbatim_source)."""
        return self._module.verbatim_source(original)

    def shape(self, original: str) -> str | None:
        """The shape (patching.definition_shape) of a definition copied whole."""
        source = self._module.verbatim_source(original)
        kind = self._module.kind_of(original)
        return None if source is None or kind is None else definition_shape(kind, source)

    def uses(self, name: str) -> set[str]:
        original = self._original_name[name]
        # the uses of a definition parsed on demand are read with `ast` (segments.py answers the question the same
        # way); of any other, from its code
        original = self._asked(name, uses_key) if self._module.kind_of(original) else self._original(name)
        return {self.renamer(used) for used in self._namespace.uses.get(original, ())}

    def line_order(self, name: str) -> int:
        return self._namespace.line_order[self._asked(name, order_key)]


@lru_cache(maxsize=256)
def parent_module(text: str) -> ParentModule:
    """A parent module's namespace, before renaming (the same parents come back for many modular files)."""
    return ParentModule(text)
