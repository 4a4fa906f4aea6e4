"""AUT101-AUT105: custom code registered with the auto classes, checked statically (standard `ast`).

`AutoConfig.register("x", XConfig)`, `Auto*.register(XConfig, XModel)` and `X.register_for_auto_class(...)`
are read from every file of the package that calls them. The names they pass are followed through the
package's imports (absolute, relative, `import pkg.m as m`, star imports, `A = B` aliases) to the class
definitions, and `model_type` / `config_class` through the bases defined in the package. Nothing is
imported. What cannot be followed (a class from outside the package whose attribute matters, a computed
value) is AUT105 instead of a guess. Values bound inside a function (parameters, locals: generic helpers
such as the library's own auto machinery) are not registrations of a known class and are skipped.
"""

from __future__ import annotations

import ast
import difflib
from collections import namedtuple
from dataclasses import dataclass, field

from repo_lint.checks.auto import SECTION
from repo_lint.checks.auto.registration_rules import (
    CONFIG_CLASS_MISMATCH,
    CONFIG_WITHOUT_MODEL_TYPE,
    MODEL_TYPE_MISMATCH,
    UNKNOWN_AUTO_CLASS,
    UNRESOLVABLE_REGISTRATION,
)

from repo_lint.diagnostics import Diagnostic, Rule
from repo_lint.facts.ast_names import dotted_name, last_part
from repo_lint.parsing import Unparsable, parse_module

# Auto classes whose `register(config, ...)` takes no model class (nothing with a `config_class` to compare).
NON_MODEL_AUTO_CLASSES = frozenset(
    {"AutoConfig", "AutoFeatureExtractor", "AutoImageProcessor", "AutoProcessor", "AutoTokenizer", "AutoVideoProcessor"}
)
# Outside bases known to leave `model_type` empty / `config_class` None: a chain ending there lacks it. The base
# classes of the `auto-classes` option (preset data, tied to a transformers release) are added by the Resolver.
_ROOTS = frozenset(
    {
        "object",
        "Module",
        "GenerationMixin",
        "PushToHubMixin",
        "ABC",
        "Generic",
        "ModelMixin",
        "ConfigMixin",
    }
)
_CLASS_ATTRS = ("model_type", "config_class")
_METHODS = ("register", "register_for_auto_class")


# --- facts of one file (pure, picklable) -----------------------------------------------------------------------
# A value is ("str", text) | ("name", dotted) | ("local", dotted: bound in a function) | ("none", "") |
# ("other", source text).


# A class: its bases (values) and the `model_type` / `config_class` its body sets (name -> value).
ClassFacts = namedtuple("ClassFacts", "name line column bases attrs")
# `<receiver>.register(...)` or `<receiver>.register_for_auto_class(...)`: the values passed, where.
RegisterCall = namedtuple("RegisterCall", "method receiver args keywords line column")


@dataclass
class RegistrationFacts:
    parsed: bool = True
    classes: dict[str, ClassFacts] = field(default_factory=dict)
    imports: dict[str, tuple[str, str | None, int]] = field(default_factory=dict)  # local -> (module, name, level)
    stars: list[tuple[str, int]] = field(default_factory=list)  # `from module import *`: (module, level)
    assigns: dict[str, tuple[str, str]] = field(default_factory=dict)  # module-level `A = value`
    exports: tuple | None = None  # `__all__`, when it is a literal list
    calls: list[RegisterCall] = field(default_factory=list)


def _value(node: ast.AST, local: frozenset[str] = frozenset()) -> tuple[str, str]:
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, str)):
        return ("none", "") if node.value is None else ("str", node.value)
    named = node.value if isinstance(node, ast.Subscript) else node  # a base `Generic[T]` -> Generic
    dotted = dotted_name(named, outer_calls_and_subscripts=False)
    if dotted:
        return ("local" if dotted.split(".")[0] in local else "name", dotted)
    text = ast.unparse(node)
    return ("other", text if len(text) <= 60 else text[:57] + "...")


def _add_import(node: ast.Import | ast.ImportFrom, facts: RegistrationFacts, override: bool) -> None:
    put = facts.imports.__setitem__ if override else facts.imports.setdefault
    for alias in node.names:
        if isinstance(node, ast.Import):
            local = alias.asname or alias.name.split(".")[0]
            put(local, (alias.name if alias.asname else local, None, 0))
        elif alias.name == "*":
            facts.stars.append((node.module or "", node.level))
        else:
            put(alias.asname or alias.name, (node.module or "", alias.name, node.level))


def _class_attrs(node: ast.ClassDef) -> dict[str, tuple[str, str]]:
    """`model_type` / `config_class` set in a class body. transformers 5 also takes `config_class` from a
    `config: XConfig` annotation when the class sets none (`PreTrainedModel.__init_subclass__`)."""
    attrs, annotation = {}, None
    for item in node.body:
        targets = (
            item.targets if isinstance(item, ast.Assign) else [item.target] if isinstance(item, ast.AnnAssign) else []
        )
        for name in (getattr(target, "id", None) for target in targets):
            if name in _CLASS_ATTRS and item.value is not None:
                attrs[name] = _value(item.value)
            elif name == "config" and isinstance(item, ast.AnnAssign):
                annotation = _value(item.annotation)
    if annotation and attrs.get("config_class", ("none", ""))[0] == "none":
        attrs["config_class"] = ("name", annotation[1]) if annotation[0] == "str" else annotation  # "XConfig"
    return attrs


def _scan_statements(body: list[ast.stmt], facts: RegistrationFacts) -> None:
    """Module-level definitions, also inside `if` / `try` / `with` blocks (not inside functions)."""
    for node in body:
        if isinstance(node, ast.ClassDef):
            attrs = _class_attrs(node)
            bases = tuple(_value(base) for base in node.bases)
            facts.classes[node.name] = ClassFacts(node.name, node.lineno, node.col_offset + 1, bases, attrs)
            facts.assigns.pop(node.name, None)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            _add_import(node, facts, override=True)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if isinstance(target, ast.Name):
                    facts.assigns[target.id] = _value(node.value)
                if getattr(target, "id", None) == "__all__" and isinstance(node.value, (ast.List, ast.Tuple)):
                    facts.exports = tuple(getattr(e, "value", None) for e in node.value.elts)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for block in (
                getattr(node, "body", []),
                getattr(node, "orelse", []),
                getattr(node, "finalbody", []),
                *(handler.body for handler in getattr(node, "handlers", [])),
            ):
                _scan_statements(block if isinstance(block, list) else [], facts)


def _bound_in(function: ast.AST) -> frozenset[str]:
    """Names a function binds itself: parameters, assignment / loop / `with` targets, inner definitions."""
    arguments = function.args
    params = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
    defined = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.ExceptHandler)
    return frozenset(
        {p.arg for p in params if p}
        | {
            node.id if isinstance(node, ast.Name) else node.name
            for node in ast.walk(function)
            if (isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store))
            or (isinstance(node, defined) and node is not function and node.name)
        }
    )


class _CallFinder(ast.NodeVisitor):
    def __init__(self, facts: RegistrationFacts) -> None:
        self.facts = facts
        self.scopes: list[frozenset[str]] = []

    def visit_FunctionDef(self, node) -> None:
        self.scopes.append(_bound_in(node))
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_Lambda = visit_FunctionDef

    def visit_Import(self, node) -> None:
        if self.scopes:  # `def register(): from .configuration_x import XConfig` binds an import, not a local
            _add_import(node, self.facts, override=False)

    visit_ImportFrom = visit_Import

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _METHODS:
            local = frozenset().union(*self.scopes)
            args = tuple(("other", "*") if isinstance(a, ast.Starred) else _value(a, local) for a in node.args)
            keywords = {k.arg: _value(k.value, local) for k in node.keywords if k.arg}
            self.facts.calls.append(
                RegisterCall(func.attr, _value(func.value, local), args, keywords, node.lineno, node.col_offset + 1)
            )
        self.generic_visit(node)


def extract_registration_facts(text: str) -> RegistrationFacts:
    """Classes (bases, `model_type`, `config_class`), imports, module-level assignments and the
    `.register(...)` / `.register_for_auto_class(...)` calls of one file."""
    tree = parse_module(text)
    if isinstance(tree, Unparsable):
        return tree  # the engine reports RL001
    facts = RegistrationFacts()
    _scan_statements(tree.body, facts)
    if ".register" in text or "register_for_auto_class" in text:  # most files are read for their definitions only
        _CallFinder(facts).visit(tree)
    return facts


# --- resolution across the package -----------------------------------------------------------------------------


# What a name resolves to: a class of the package, a module of the package (`path` None: a folder without
# `__init__.py`), something imported from outside the package (`module.Name`), a string, or nothing known.
Found = namedtuple("Found", "path cls")
Module = namedtuple("Module", "name path")
External = namedtuple("External", "name")
Literal = namedtuple("Literal", "value")
Unknown = namedtuple("Unknown", "why")


def _name_of(target) -> str | None:
    """The `__name__` the resolved object has at runtime (None for a literal or an unknown)."""
    if isinstance(target, (External, Module)):
        return last_part(target.name)
    return target.cls.name if isinstance(target, Found) else None


class Resolver:
    """Follows names through the package's files, without importing anything."""

    def __init__(self, repo, source: str) -> None:
        self.repo, self.source = repo, source.strip("/")
        self.package = repo.config["package"] or last_part(self.source.replace("/", "."))
        self.files = set(repo.python_files(self.source or None))
        self.folders = {path.rsplit("/", i)[0] for path in self.files for i in range(1, path.count("/") + 1)}
        self.memo: dict[tuple[str, str], object] = {}
        self.star_names: dict[str, frozenset[str]] = {}
        self.star_paths: dict[str, list[str]] = {}
        # The `auto-classes` option: each auto class -> the base classes whose `register_for_auto_class()`
        # defaults to it (preset data measured on a transformers release; see repo_lint/presets/transformers.py).
        auto_classes = repo.settings(SECTION)["auto-classes"]
        self.auto_classes = frozenset(auto_classes)
        self.default_auto_class_of = {base: auto for auto, bases in auto_classes.items() for base in bases}
        self.roots = frozenset(self.default_auto_class_of) | _ROOTS

    def facts(self, path: str) -> RegistrationFacts | None:
        facts = self.repo.facts(path, extract_registration_facts)
        return facts if facts is not None and facts.parsed else None

    def module_name(self, path: str) -> str:
        parts = (path[len(self.source) + 1 :] if self.source else path)[: -len(".py")].split("/")
        return ".".join([self.package, *(parts[:-1] if parts[-1] == "__init__" else parts)])

    def module(self, name: str) -> Module | External | Unknown:
        if name != self.package and not name.startswith(self.package + "."):
            return External(name)
        rel = "/".join(filter(None, [self.source, *name.split(".")[1:]]))
        for path in (f"{rel}.py", f"{rel}/__init__.py"):
            if path in self.files:
                return Module(name, path)
        if rel in self.folders:
            return Module(name, None)
        return Unknown(f"there is no module `{name}` in the package")

    def absolute(self, path: str, module: str, level: int) -> str:
        if not level:
            return module
        parts = self.module_name(path).split(".")[: None if path.endswith("__init__.py") else -1]
        return ".".join(filter(None, [*parts[: len(parts) - level + 1], module]))

    def resolve(self, path: str, dotted: str, seen: frozenset = frozenset()):
        head, *rest = dotted.split(".")
        found = self.lookup(path, head, seen)
        for attribute in rest:
            found = self.attribute(found, attribute, seen)
        return found

    def lookup(self, path: str, name: str, seen: frozenset = frozenset()):
        found = self.memo.get((path, name)) or self._lookup(path, name, seen)
        if not (isinstance(found, Unknown) and "cycle" in found.why):  # depends on where the cycle was entered
            self.memo[(path, name)] = found
        return found

    def _lookup(self, path: str, name: str, seen: frozenset):
        facts, where = self.facts(path), self.module_name(path)
        if (path, name) in seen or facts is None:
            return Unknown(f"`{name}` is defined through an import cycle" if facts else f"`{path}` does not parse")
        seen = seen | {(path, name)}
        if name in facts.classes:
            return Found(path, facts.classes[name])
        if name in facts.imports:
            module, original, level = facts.imports[name]
            target = self.module(self.absolute(path, module, level))
            return target if original is None else self.attribute(target, original, seen)
        if name in facts.assigns:
            kind, value = facts.assigns[name]
            if kind in ("str", "name"):
                return Literal(value) if kind == "str" else self.resolve(path, value, seen)
            return Unknown(f"`{name}` is computed in `{where}` (`{value or 'None'}`)")
        for star in self.stars(path):
            found = self.lookup(star, name, seen) if name in self.exported(star) else None
            if found is not None and not isinstance(found, Unknown):
                return found
        return Unknown(f"`{name}` is not defined in `{where}`")

    def stars(self, path: str) -> list[str]:
        """The files of the package modules that `path` star-imports."""
        if path not in self.star_paths:
            facts = self.facts(path)
            targets = [self.module(self.absolute(path, module, level)) for module, level in facts.stars]
            self.star_paths[path] = [t.path for t in targets if isinstance(t, Module) and t.path]
        return self.star_paths[path]

    def exported(self, path: str, seen: frozenset = frozenset()) -> frozenset[str]:
        """The names `from module import *` binds: `__all__`, else every public name, star imports included."""
        if path not in self.star_names:
            facts = self.facts(path)
            if facts is None or path in seen:
                return frozenset()
            names = set(facts.classes) | set(facts.imports) | set(facts.assigns)
            for star in self.stars(path) if facts.exports is None else ():
                names |= self.exported(star, seen | {path})
            public = frozenset(facts.exports) if facts.exports is not None else names
            self.star_names[path] = frozenset(n for n in public if isinstance(n, str) and not n.startswith("_"))
        return self.star_names[path]

    def attribute(self, found, name: str, seen: frozenset):
        if isinstance(found, Module):
            sub = self.module(f"{found.name}.{name}")
            return sub if isinstance(sub, Module) or found.path is None else self.lookup(found.path, name, seen)
        if isinstance(found, External):
            return External(f"{found.name}.{name}")
        if isinstance(found, Found):
            value, why = self.class_value(found, name)
            return (
                Unknown(why or f"`{found.cls.name}.{name}` is not set")
                if not value
                else (Literal(value) if name == "model_type" else External(value))
            )  # config_class: its name matters
        return found if isinstance(found, Unknown) else Unknown(f"`{name}` of a string")

    def class_value(self, found: Found, attribute: str, visited: frozenset = frozenset()):
        """(value, None) for the `model_type` string / the `config_class` name, following the bases depth first;
        ("", None) when the class sets it empty or None, (None, None) when no class sets it, (None, why) when it
        cannot be known statically."""
        if attribute in found.cls.attrs:
            kind, text = found.cls.attrs[attribute]
            if kind == "name":
                target = self.resolve(found.path, text)
                if isinstance(target, Literal) or (attribute == "config_class" and _name_of(target)):
                    return (target.value if isinstance(target, Literal) else _name_of(target)), None
                return None, target.why if isinstance(target, Unknown) else f"`{attribute} = {text}` is not usable"
            if kind == "none" or (kind == "str" and attribute == "model_type"):
                return text, None
            return None, f"`{found.cls.name}.{attribute}` is computed (`{text}`)"
        visited = visited | {(found.path, found.cls.name)}
        for kind, base in found.cls.bases:
            target = self.resolve(found.path, base) if kind == "name" else Unknown(f"computed base `{base}`")
            if isinstance(target, Found) and (target.path, target.cls.name) not in visited:
                value, why = self.class_value(target, attribute, visited)
                if value is not None or why:
                    return value, why
            elif isinstance(target, External) and last_part(target.name) not in self.roots:
                return None, (
                    f"`{attribute}` of `{found.cls.name}` may come from its base `{target.name}`, outside the package"
                )
            elif isinstance(target, Unknown):
                return None, f"a base of `{found.cls.name}` cannot be resolved: {target.why}"
        return None, None

    def default_auto_class(self, found: Found) -> str | None:
        """What `register_for_auto_class()` defaults to for the class: found from its own name and its bases."""
        names, queue, seen = [], [found], set()
        while queue:
            item = queue.pop(0)
            if isinstance(item, External):
                names.append(last_part(item.name))
            elif isinstance(item, Found) and (item.path, item.cls.name) not in seen:
                seen.add((item.path, item.cls.name))
                names.append(item.cls.name)
                queue.extend(self.resolve(item.path, base) for kind, base in item.cls.bases if kind == "name")
        known = [self.default_auto_class_of[name] for name in names if name in self.default_auto_class_of]
        return known[0] if known else "AutoConfig" if any(n.endswith("Config") for n in names) else None


# --- judgement ---------------------------------------------------------------------------------------------------


def judge_registration(repo, source: str) -> list[Diagnostic]:
    """AUT101-AUT105 for every register call in the package's files under `source`."""
    resolver = Resolver(repo, source)
    found: list[Diagnostic] = []
    for path in sorted(resolver.files):
        if repo.contains(path, ".register(") or repo.contains(path, "register_for_auto_class"):
            for call in getattr(resolver.facts(path), "calls", ()):
                found.extend(_Call(resolver, path, call).judge())
    return found


class _Call:
    """The judgement of one register call."""

    def __init__(self, resolver: Resolver, path: str, call: RegisterCall) -> None:
        self.resolver, self.path, self.call = resolver, path, call

    def argument(self, index: int, keyword: str) -> tuple[str, str] | None:
        return self.call.args[index] if len(self.call.args) > index else self.call.keywords.get(keyword)

    def report(self, rule: Rule, message: str, **data) -> list[Diagnostic]:
        data = {key: value for key, value in data.items() if value}
        return [Diagnostic(rule.code, self.path, self.call.line, self.call.column, message, data=data)]

    def unresolvable(self, text: str, why: str, auto: str | None) -> list[Diagnostic]:
        return self.report(
            UNRESOLVABLE_REGISTRATION,
            f"cannot check the registration of `{text}` statically: {why}",
            **{"class": text, "auto_class": auto},
        )

    def resolve(self, value: tuple[str, str]):
        kind, text = value
        return (
            self.resolver.resolve(self.path, text)
            if kind == "name"
            else Literal(text)
            if kind == "str"
            else (Unknown(f"`{text}` is computed"))
        )

    def class_of(self, value: tuple[str, str], auto: str | None) -> tuple[Found | None, list[Diagnostic]]:
        """(the class of the package `value` names, []) or (None, [AUT105])."""
        target = self.resolve(value)
        if isinstance(target, Found):
            return target, []
        why = (
            f"it is defined outside the package (`{target.name}`)"
            if isinstance(target, External)
            else (target.why if isinstance(target, Unknown) else "it is not a class")
        )
        return None, self.unresolvable(value[1], why, auto)

    def judge(self) -> list[Diagnostic]:
        if self.call.method == "register_for_auto_class":
            return self.register_for_auto_class()
        if self.call.receiver[0] != "name":
            return []  # `self._mapping.register(...)`, a parameter: generic code
        target = self.resolver.resolve(self.path, self.call.receiver[1])
        auto = _name_of(target) or last_part(self.call.receiver[1])
        auto_classes = self.resolver.auto_classes
        if isinstance(target, External) and target.name.startswith("transformers.") and auto not in auto_classes:
            return self.report(
                UNKNOWN_AUTO_CLASS,
                f"`{target.name}` is not a transformers auto class{_did_you_mean(auto, auto_classes)}",
                **{"class": self.call.receiver[1], "auto_class": auto},
            )
        if not auto.startswith("Auto") or auto in NON_MODEL_AUTO_CLASSES - {"AutoConfig"}:
            return []  # another registry, or a tokenizer / processor registration: no config relation to check
        if auto == "AutoConfig":
            return self.config_register(self.argument(0, "model_type"), self.argument(1, "config"))
        return self.model_register(auto, self.argument(0, "config_class"), self.argument(1, "model_class"))

    def model_type(self, config: Found, auto: str, key: str | None = None) -> list[Diagnostic]:
        """AUT104 when the registered config has no `model_type`, AUT101 when it is not `key`."""
        name = config.cls.name
        model_type, why = self.resolver.class_value(config, "model_type")
        if why:
            return self.unresolvable(name, why, auto)
        if not model_type:
            how = (
                " (the `register_for_auto_class()` default for a config)"
                if not self.call.args + tuple(self.call.keywords) and self.call.method == "register_for_auto_class"
                else ""
            )
            return self.report(
                CONFIG_WITHOUT_MODEL_TYPE,
                f"`{name}` is registered with `{auto}`{how} but defines no `model_type`",
                **{"class": name, "auto_class": auto, "key": key},
            )
        if key is not None and model_type != key:
            return self.report(
                MODEL_TYPE_MISMATCH,
                f"`{name}` is registered as `{key}` but its `model_type` is `{model_type}`",
                **{"class": name, "key": key, "auto_class": auto, "model_type": model_type},
            )
        return []

    def register_for_auto_class(self) -> list[Diagnostic]:
        argument, auto, receiver = self.argument(0, "auto_class"), None, self.call.receiver
        if argument is not None:
            if argument[0] == "local":
                return []  # generic code (the auto classes' own `register`): nothing is known
            target = self.resolve(argument)
            if isinstance(target, Unknown):
                return self.unresolvable(receiver[1], f"the auto class: {target.why}", None)
            auto = target.value if isinstance(target, Literal) else _name_of(target)
            if auto not in self.resolver.auto_classes:
                return self.report(
                    UNKNOWN_AUTO_CLASS,
                    f"`{auto}` is not a transformers auto class{_did_you_mean(auto, self.resolver.auto_classes)}",
                    **{"class": receiver[1], "auto_class": auto},
                )
        if auto not in (None, "AutoConfig") or receiver[0] == "local":
            return []  # a model / tokenizer / processor registration: nothing more to check
        config, problems = self.class_of(receiver, auto)
        if config is None:
            return problems
        auto = auto or self.resolver.default_auto_class(config)
        return self.model_type(config, auto) if auto == "AutoConfig" else []

    def config_register(self, key, value) -> list[Diagnostic]:
        if key is None or value is None or "local" in (key[0], value[0]):
            return []
        config, problems = self.class_of(value, "AutoConfig")
        if config is None:
            return problems
        if key == ("name", f"{value[1]}.model_type"):  # `AutoConfig.register(XConfig.model_type, XConfig)`
            return self.model_type(config, "AutoConfig")
        resolved = self.resolve(key)
        if not isinstance(resolved, Literal):
            return self.unresolvable(config.cls.name, f"the key `{key[1]}` is not a string", "AutoConfig")
        return self.model_type(config, "AutoConfig", resolved.value)

    def model_register(self, auto: str, config, model) -> list[Diagnostic]:
        if config is None or model is None or "local" in (config[0], model[0]):
            return []
        expected = _name_of(self.resolve(config))
        if not expected:
            return self.unresolvable(config[1], getattr(self.resolve(config), "why", "it is not a class"), auto)
        model, problems = self.class_of(model, auto)
        if model is None:
            return problems
        actual, why = self.resolver.class_value(model, "config_class")
        if why:
            return self.unresolvable(model.cls.name, why, auto)
        if actual == expected:  # transformers compares the classes' `__name__`
            return []
        what = f"its `config_class` is `{actual}`" if actual else "it does not set `config_class`"
        return self.report(
            CONFIG_CLASS_MISMATCH,
            f"`{model.cls.name}` is registered with `{auto}` for `{expected}` but {what}",
            **{"class": model.cls.name, "auto_class": auto, "config_class": expected, "actual": actual or None},
        )


def _did_you_mean(name, known) -> str:
    close = difflib.get_close_matches(str(name), sorted(known), n=1)
    return f": did you mean `{close[0]}`?" if close else ""
