"""Which model classes a test module tests (STR012, the "all models are tested" part of Transformers'
`utils/check_repo.py`, which imports every modeling module and so needs torch; here everything is read with
`ast`).

A test module tests the names of its `all_model_classes = (...)` assignments (any layout, `(...) if
is_torch_available() else ()` included), and, for each class deriving from a model tester base of
`model-testers` (`CausalLMModelTester`), the classes its attributes name: `base_model_class = LlamaModel`, and,
for an attribute the class leaves unset that has a default suffix, the base model class's name without `Model`
plus that suffix (`LlamaForCausalLM`), as the testers infer them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from repo_lint.facts.ast_names import last_name
from repo_lint.parsing import PARSE_FAILURES

ALL_MODEL_CLASSES = "all_model_classes"
BASE_ATTRIBUTE = "base_model_class"


@dataclass(frozen=True)
class TesterAttribute:
    name: str  # `causal_lm_class`
    suffix: str | None  # `ForCausalLM`: what the tester infers when the attribute is not set; None: nothing


def model_testers(option: dict[str, list[str]]) -> tuple[tuple[str, tuple[TesterAttribute, ...]], ...]:
    """`model-testers`: tester base -> `attribute` or `attribute=Suffix` entries."""
    return tuple(
        (base, tuple(TesterAttribute(*_attribute(entry)) for entry in entries)) for base, entries in option.items()
    )


def _attribute(entry: str) -> tuple[str, str | None]:
    name, _, suffix = entry.partition("=")
    return name.strip(), suffix.strip() or None


def tested_classes(text: str, testers) -> frozenset[str] | None:
    """The class names a test module tests; None when it does not parse."""
    try:
        tree = ast.parse(text)
    except PARSE_FAILURES:
        return None
    tested: set[str] = set()
    wanted = dict(testers)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and ALL_MODEL_CLASSES in _targets(node):
            tested.update(_named_classes(node.value))
        elif isinstance(node, ast.ClassDef):
            for base in node.bases:
                attributes = wanted.get(last_name(base))
                if attributes is not None:
                    tested.update(_tester_classes(node, attributes))
    return frozenset(tested)


def _targets(node: ast.Assign | ast.AnnAssign) -> set[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return {target.id for target in targets if isinstance(target, ast.Name)}


def _named_classes(value: ast.expr | None) -> set[str]:
    """The names in the tuples and lists of a value (both branches of a conditional), not those of calls."""
    if isinstance(value, ast.IfExp):
        return _named_classes(value.body) | _named_classes(value.orelse)
    if isinstance(value, (ast.Tuple, ast.List)):
        return {name for element in value.elts for name in _named_classes(element)}
    if isinstance(value, ast.Name):
        return {value.id}
    return set()


def _tester_classes(node: ast.ClassDef, attributes: tuple[TesterAttribute, ...]) -> set[str]:
    assigned = _class_attributes(node)
    found = set()
    base = assigned.get(BASE_ATTRIBUTE)
    if base:
        found.add(base)
    for attribute in attributes:
        value = assigned.get(attribute.name)
        if value:
            found.add(value)
        elif attribute.name not in assigned and attribute.suffix and base:
            found.add(base.replace("Model", "") + attribute.suffix)
    return found


def _class_attributes(node: ast.ClassDef) -> dict[str, str | None]:
    """`name = Name` assignments of the class body (in `if` blocks too), the first of each; None for a value
    that names no class (`None`)."""
    found: dict[str, str | None] = {}
    pending = list(node.body)
    while pending:
        statement = pending.pop(0)
        if isinstance(statement, ast.If):
            pending[:0] = statement.body + statement.orelse
            continue
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            value = statement.value.body if isinstance(statement.value, ast.IfExp) else statement.value  # `X if
            # is_torch_available() else None`
            value = value.id if isinstance(value, ast.Name) and value.id != "None" else None
            for target in _targets(statement):
                found.setdefault(target, value)
    return found


def is_building_block(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.endswith(suffixes)


def imported_names(text: str) -> frozenset[str] | None:
    """The names a module imports (`from a import B` -> `B`, `import a.b` -> `b`); None when it does not parse."""
    try:
        tree = ast.parse(text)
    except PARSE_FAILURES:
        return None
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name.rsplit(".", 1)[-1] for alias in node.names)
    return frozenset(names)
