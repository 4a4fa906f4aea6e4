"""Which arguments of a configuration class its model's code reads (Transformers' `utils/check_config_attributes.py`,
statically): the arguments are the class's `__init__` parameters, or, for the dataclass configurations of
Transformers v5, its annotated fields with those of the configuration classes it derives from; an argument is
used when a `modeling_*.py` file of the same folder reads `config.<name>` or `getattr(config, "<name>"` (or
through `self.config`), or one of its names in `attribute_map`."""

from __future__ import annotations

import ast
import bisect
import fnmatch
import functools
import re
from dataclasses import dataclass

from repo_lint.parsing import PARSE_FAILURES


@dataclass(frozen=True)
class ConfigArgument:
    name: str
    line: int
    default_is_true: bool  # `= True` (an encoder-decoder configuration says so by default)


@dataclass(frozen=True)
class ConfigClass:
    name: str
    line: int
    bases: tuple[str, ...]
    fields: tuple[ConfigArgument, ...]  # annotated class attributes (not ClassVar)
    init: tuple[ConfigArgument, ...] | None  # the parameters of its own `__init__`, when it has one
    attribute_map: tuple[tuple[str, str], ...]


def config_classes(text: str) -> tuple[ConfigClass, ...]:
    """The top-level classes of a module, as far as their arguments go."""
    try:
        body = ast.parse(text).body
    except PARSE_FAILURES:
        return ()
    return tuple(_read_class(node) for node in body if isinstance(node, ast.ClassDef))


def _read_class(node: ast.ClassDef) -> ConfigClass:
    fields, init, attribute_map = [], None, ()
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            if not _is_class_var(statement.annotation):
                fields.append(ConfigArgument(statement.target.id, statement.lineno, _is_true(statement.value)))
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) and statement.name == "__init__":
            init = tuple(_parameters(statement.args))
        if _assigns(statement, "attribute_map"):
            attribute_map = _string_pairs(statement.value)
    bases = tuple(base.id if isinstance(base, ast.Name) else getattr(base, "attr", "") for base in node.bases)
    return ConfigClass(node.name, node.lineno, bases, tuple(fields), init, attribute_map)


def _is_class_var(annotation: ast.expr) -> bool:
    target = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return (isinstance(target, ast.Name) and target.id == "ClassVar") or (
        isinstance(target, ast.Attribute) and target.attr == "ClassVar"
    )


def _is_true(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and value.value is True


def _parameters(arguments: ast.arguments):
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = [None] * (len(positional) - len(arguments.defaults)) + list(arguments.defaults)
    for argument, default in zip(positional, defaults, strict=True):
        if argument.arg != "self":
            yield ConfigArgument(argument.arg, argument.lineno, _is_true(default))
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
        yield ConfigArgument(argument.arg, argument.lineno, _is_true(default))


def _assigns(statement: ast.stmt, name: str) -> bool:
    if isinstance(statement, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in statement.targets)
    return (
        isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) and statement.target.id == name
    )


def _string_pairs(value: ast.expr | None) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, ast.Dict):
        return ()
    return tuple(
        (key.value, item.value)
        for key, item in zip(value.keys, value.values, strict=True)
        if isinstance(key, ast.Constant)
        and isinstance(item, ast.Constant)
        and isinstance(key.value, str)
        and isinstance(item.value, str)
    )


def arguments(name: str, classes: dict[str, ConfigClass], seen: frozenset[str] = frozenset()) -> list[ConfigArgument]:
    """The arguments of the configuration class `name` (`classes`: every configuration class by name): its own
    `__init__`'s, else its bases' fields then its own (a field defined again keeps its first place)."""
    config = classes.get(name)
    if config is None or name in seen:
        return []
    if config.init is not None:
        return list(config.init)
    found: dict[str, ConfigArgument] = {}
    for base in config.bases:
        for argument in arguments(base, classes, seen | {name}):
            found.setdefault(argument.name, argument)
    for field in config.fields:
        found[field.name] = field  # a field defined again keeps its first place, with its new default
    return list(found.values())


def attribute_map(name: str, classes: dict[str, ConfigClass], seen: frozenset[str] = frozenset()) -> dict[str, str]:
    config = classes.get(name)
    if config is None or name in seen:
        return {}
    if config.attribute_map:
        return dict(config.attribute_map)
    for base in config.bases:
        inherited = attribute_map(base, classes, seen | {name})
        if inherited:
            return inherited
    return {}


@dataclass(frozen=True)
class ConfigReads:
    """What the modeling files of a folder read from their configuration, found in one pass per file: the
    identifiers after `config.` (and after `config.get_text_config().`), sorted for prefix lookups, and the
    names of `getattr(config, "name"` / `getattr(self.config, "name"` (spaces and line breaks allowed)."""

    attributes: tuple[str, ...]
    text_attributes: tuple[str, ...]
    getattr_names: frozenset[str]

    @classmethod
    def of(cls, per_file: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]) -> ConfigReads:
        """The reads of a folder from those of its files (`config_reads_in`, cached per file content)."""
        attributes, text_attributes, getattr_names = set(), set(), set()
        for file_attributes, file_text_attributes, file_getattr_names in per_file:
            attributes.update(file_attributes)
            text_attributes.update(file_text_attributes)
            getattr_names.update(file_getattr_names)
        return cls(tuple(sorted(attributes)), tuple(sorted(text_attributes)), frozenset(getattr_names))

    def reads(self, names: list[str], text_config: bool) -> bool:
        """Whether any of `names` is read. `config.<name>` is a text match, as in the reference: it also counts
        `config.<name>_more` and `text_config.<name>`."""
        return any(
            _has_prefix(self.attributes, name)
            or name in self.getattr_names
            or (text_config and _has_prefix(self.text_attributes, name))
            for name in names
        )


# Lookaheads: every occurrence counts, also one inside another (`config.sub_config.name` reads `config.name`
# as a text match, as in the reference).
_ATTRIBUTE = re.compile(r"config\.(?=(\w+))")
_TEXT_ATTRIBUTE = re.compile(r"config\.get_text_config\(\)\.(?=(\w+))")
_GETATTR = re.compile(r'getattr\s*\(\s*(?:self\.)?config,\s*"(\w+)"')


def config_reads_in(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """One modeling file's reads of its configuration (a per-file fact: a touch run scans only that file)."""
    return (
        tuple(sorted(set(_ATTRIBUTE.findall(text)))),
        tuple(sorted(set(_TEXT_ATTRIBUTE.findall(text)))),
        tuple(sorted(set(_GETATTR.findall(text)))),
    )


def _has_prefix(sorted_words: tuple[str, ...], prefix: str) -> bool:
    index = bisect.bisect_left(sorted_words, prefix)
    return index < len(sorted_words) and sorted_words[index].startswith(prefix)


def unused_arguments(repo, config_files: list[str], source: str, options: dict):
    """(path, line, class, argument) of every argument of a configuration class that no modeling file of its
    folder reads and that is not allowed unread (`config-attributes-allowed`, by class
    `config-attributes-allowed-by-class`)."""
    bases = set(options["config-bases"])
    files = [path for path in config_files if "/deprecated/" not in path]
    base_file = f"{source}/configuration_utils.py" if source else "configuration_utils.py"
    classes: dict[str, ConfigClass] = {}
    where: dict[str, str] = {}
    for path in [base_file, *files] if repo.exists(base_file) else files:
        for config in repo.facts(path, config_classes) or ():
            classes.setdefault(config.name, config)
            where.setdefault(config.name, path)
    allowed = tuple(options["config-attributes-allowed"])
    by_class = options["config-attributes-allowed-by-class"]
    for path in files:
        folder = path.rsplit("/", 1)[0]
        reads = None
        for config in repo.facts(path, config_classes) or ():
            if where.get(config.name) != path or not _derives(config.name, classes, bases):
                continue
            if reads is None:
                modeling = [p for p in repo.files(folder, ".py") if _is_modeling(p, folder)]
                reads = ConfigReads.of([repo.facts(p, config_reads_in) or ((), (), ()) for p in modeling])
            reverse = {target: alias for alias, target in attribute_map(config.name, classes).items()}
            for argument in arguments(config.name, classes):
                names = [argument.name] + ([reverse[argument.name]] if argument.name in reverse else [])
                if reads.reads(names, "TextConfig" in config.name):
                    continue
                if any(_allowed(name, argument, config.name, allowed, by_class) for name in names):
                    continue
                line = argument.line if where.get(_owner(argument, config.name, classes)) == path else config.line
                yield path, line, config.name, argument.name


def _is_modeling(path: str, folder: str) -> bool:
    return path.rsplit("/", 1)[0] == folder and path.rsplit("/", 1)[1].startswith("modeling_")


def _derives(name: str, classes: dict[str, ConfigClass], bases: set[str], seen: frozenset[str] = frozenset()) -> bool:
    config = classes.get(name)
    if config is None or name in seen:
        return False
    return any(base in bases or _derives(base, classes, bases, seen | {name}) for base in config.bases)


def _owner(argument: ConfigArgument, name: str, classes: dict[str, ConfigClass]) -> str:
    """The class whose own code holds `argument` (for the line of a finding)."""
    config = classes[name]
    if argument in (config.init or ()) or argument in config.fields:
        return name
    for base in config.bases:
        if base in classes and argument in arguments(base, classes):
            return _owner(argument, base, classes)
    return name


def _allowed(name: str, argument: ConfigArgument, class_name: str, allowed: tuple[str, ...], by_class: dict) -> bool:
    """Whether `name` (the argument's or its alias in `attribute_map`) may stay unread."""
    if name == "is_encoder_decoder" and argument.default_is_true:
        return True
    own = tuple(by_class.get(class_name, ()))
    return _matcher(allowed).match(name) is not None or (bool(own) and _matcher(own).match(name) is not None)


@functools.lru_cache(maxsize=1024)
def _matcher(patterns: tuple[str, ...]) -> re.Pattern:
    """One regular expression for `fnmatchcase` against any of `patterns` (glob patterns: no backtracking
    beyond what `fnmatch.translate` allows, which is linear for `*` and `?`)."""
    return re.compile("|".join(f"(?:{fnmatch.translate(pattern)})" for pattern in patterns) or "(?!)")
