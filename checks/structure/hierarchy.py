"""Where a class sits below the library's base classes, found statically through the package's class index
(`repo_lint.facts.classes.class_index`: every class of the package with its bases, by name)."""

from __future__ import annotations

from repo_lint.facts.classes import ClassFact

Index = dict[str, list[tuple[str, ClassFact]]]


class Hierarchy:
    """Chains from classes up to a root class (`PreTrainedModel`), memoised.

    A class defined in one of `counted` (the model files) is one level; a class defined elsewhere in the
    package that reaches a root is library code and ends the chain (level 0), like a root itself. A base name
    is looked up in the class's own file first, then in the whole package; when several files define it, the
    shortest chain wins (never report on a guess).
    """

    def __init__(self, index: Index, roots: set[str], counted: set[str]) -> None:
        self.index = index
        self.roots = roots
        self.counted = counted
        self._chains: dict[tuple[str, str], tuple[str, ...] | None] = {}

    def definitions(self, name: str, path: str) -> list[tuple[str, ClassFact]]:
        places = self.index.get(name, [])
        local = [place for place in places if place[0] == path]
        return local or places

    def chain(self, name: str, path: str, visiting: frozenset = frozenset()) -> tuple[str, ...] | None:
        """`(name, parent, ..., library class)` along the longest path to a root; None if none is reached."""
        if name in self.roots:
            return (name,)
        key = (name, path)
        if key in self._chains:
            return self._chains[key]
        if key in visiting:
            return None  # an inheritance cycle (or a name shadowing its base): no answer
        candidates = []
        for where, fact in self.definitions(name, path):
            longest = None
            for base in fact.bases:
                if base == name and where == path:
                    continue
                found = self.chain(base, where, visiting | {key})
                if found is not None and (longest is None or len(found) > len(longest)):
                    longest = found
            if longest is not None:
                candidates.append((name,) + longest if where in self.counted else (name,))
        result = min(candidates, key=len) if candidates else None
        if result is not None or not visiting:  # a None found inside a cycle may be the cycle's doing
            self._chains[key] = result
        return result

    def level(self, name: str, path: str) -> int | None:
        """How many model-file classes deep `name` (as seen from `path`) is; None if not derived from a root."""
        found = self.chain(name, path)
        return None if found is None else len(found) - 1
