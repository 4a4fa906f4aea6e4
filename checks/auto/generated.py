"""The generated auto-mappings module (Transformers' `models/auto/auto_mappings.py`, written by its
`utils/check_auto.py`): what its mappings should hold, from the model folders' classes, and what they hold.

Expected, for each model folder `models/<module>/` in path order:

- the config mapping: each top-level class of its `configuration_*.py` files deriving from `config-base` with a
  `model_type`, `model_type -> class`; a later class of another folder does not replace the class of a folder
  named after the model type (its "natural" owner);
- the special mapping: `model_type -> module` for the model types whose owner is a folder of another name;
- each processor mapping: for each model type, the last top-level class of `models/<type>/<prefix>_<type>.py`
  deriving from one of the given bases (`-` spelled `_`); with labelled sources (`pil`, `torchvision`), a table
  of label -> class per model type.

The classes come from the cached text scan of the class index (`repo_lint.facts.classes`), not from parsing
each file; the module itself is read with `ast`. Nothing is imported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from repo_lint.facts.classes import ClassFact
from repo_lint.parsing import PARSE_FAILURES

Value = str | dict[str, str]


@dataclass(frozen=True)
class ProcessorSource:
    prefix: str  # `image_processing` for `models/<type>/image_processing_<type>.py`
    bases: frozenset[str]
    label: str | None  # the key of this source's class in a table value; None: the class name is the value


def processor_sources(option: dict[str, list[str]]) -> dict[str, tuple[ProcessorSource, ...]]:
    """`generated-processors`: mapping name -> `"<prefix>:<Base>|<Base>[:<label>]"` sources, in file order."""
    parsed = {}
    for name, specs in option.items():
        sources = []
        for spec in specs:
            prefix, _, rest = spec.partition(":")
            bases, _, label = rest.partition(":")
            names = frozenset(base.strip() for base in bases.split("|"))
            sources.append(ProcessorSource(prefix.strip(), names, label or None))
        parsed[name] = tuple(sources)
    return parsed


def config_mappings(
    configs: list[tuple[str, tuple[ClassFact, ...]]], config_base: str
) -> tuple[dict[str, str], dict[str, str]]:
    """(model_type -> config class, model_type -> module for the types owned by a folder of another name), from
    the classes of each config file (`(path, classes)`, in path order)."""
    types: dict[str, str] = {}
    special: dict[str, str] = {}
    natural: set[str] = set()
    for path, classes in configs:
        module = path.rsplit("/", 2)[-2]
        for fact in classes:
            if config_base not in fact.bases or not fact.model_type:
                continue
            owned = fact.model_type == module
            if fact.model_type in natural and not owned:
                continue
            types[fact.model_type] = fact.name
            if owned:
                natural.add(fact.model_type)
                special.pop(fact.model_type, None)
            else:
                special[fact.model_type] = module
    return types, special


def processor_mapping(model_types, sources: tuple[ProcessorSource, ...], classes_of) -> dict[str, Value]:
    """model_type -> class (or label -> class) for one processor mapping; `classes_of(prefix, module)` gives the
    classes of `models/<module>/<prefix>_<module>.py`, empty when it does not exist."""
    mapping: dict[str, Value] = {}
    for model_type in model_types:
        module = model_type.replace("-", "_")
        found = {}
        for source in sources:
            matching = [fact.name for fact in classes_of(source.prefix, module) if source.bases & set(fact.bases)]
            if matching:
                found[source.label] = matching[-1]
        if not found:
            continue
        labelled = {label: name for label, name in found.items() if label is not None}
        mapping[model_type] = labelled if labelled else found[None]
    return mapping


@dataclass(frozen=True)
class WrittenMapping:
    line: int  # 1-based, of `NAME = OrderedDict(`
    entries: dict[str, tuple[Value, int]]  # key -> (value, 1-based line)


def written_mappings(text: str) -> dict[str, WrittenMapping] | None:
    """The `NAME = OrderedDict([("key", value), ...])` assignments of the module, in order; None when it does not
    parse. An entry that is not a literal pair of a string and a string or a table of strings is left out."""
    try:
        tree = ast.parse(text)
    except PARSE_FAILURES:
        return None
    found = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        call = node.value
        if not (isinstance(call, ast.Call) and len(call.args) == 1 and isinstance(call.args[0], (ast.List, ast.Tuple))):
            continue
        entries = {}
        for element in call.args[0].elts:
            try:
                pair = ast.literal_eval(element)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            if isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str) and _is_value(pair[1]):
                entries[pair[0]] = (pair[1], element.lineno)
        found[node.targets[0].id] = WrittenMapping(node.lineno, entries)
    return found


def _is_value(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    return isinstance(value, str)


def mapping_module(header: str, mappings: dict[str, dict[str, Value]]) -> str:
    """The module text before formatting: `header`, the import, then each mapping sorted by key."""
    blocks = [header + "from collections import OrderedDict\n\n"]
    for name, mapping in mappings.items():
        entries = "".join(f"        ({_literal(key)}, {_literal(mapping[key])}),\n" for key in sorted(mapping))
        blocks.append(f"\n{name} = OrderedDict(\n    [\n{entries}    ]\n)\n")
    return "".join(blocks)


def _literal(value: Value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def header_of(text: str) -> str:
    """What the module holds before its `from collections import OrderedDict` line (its banner and license)."""
    index = text.find("from collections import OrderedDict")
    return text[:index] if index != -1 else ""
