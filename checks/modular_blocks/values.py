"""Static values of block declarations: literals, `InputParam`/`OutputParam`/`ComponentSpec`/`ConfigSpec` calls
(and `InputParam.template(...)` looked up in the repository's template tables), module constants, and type
hints rendered the way the runtime prints their `__name__`. Anything else raises `Unresolved`: never guessed."""

from __future__ import annotations

import ast
from typing import Any

from repo_lint.checks.modular_blocks.index import SPEC_MODULE, Module, Unresolved

LOAD_FIELDS = ("pretrained_model_name_or_path", "subfolder", "variant", "revision")
TORCH_DTYPES = {"float32", "float16", "bfloat16", "float64", "int64", "int32", "uint8", "bool", "long", "float", "half"}
FIELDS = {
    "InputParam": ("name", "type_hint", "default", "required", "description", "kwargs_type", "metadata"),
    "OutputParam": ("name", "type_hint", "description", "kwargs_type", "metadata"),
    "ComponentSpec": (
        "name",
        "type_hint",
        "description",
        "config",
        "pretrained_model_name_or_path",
        "subfolder",
        "variant",
        "revision",
        "default_creation_method",
        "repo",
    ),
    "ConfigSpec": ("name", "default", "description"),
}
TEMPLATE_TABLES = {"InputParam": "INPUT_PARAM_TEMPLATES", "OutputParam": "OUTPUT_PARAM_TEMPLATES"}
TYPING_MODULES = ("typing", "typing_extensions")


def short(node: ast.AST) -> str:
    return ast.unparse(node)[:60]


class TypeExpr:
    """An unevaluated type hint, rendered as the runtime's `get_type_str` prints the object it names."""

    def __init__(self, node: ast.expr, module: Module) -> None:
        self.node, self.module = node, module

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TypeExpr) and ast.dump(self.node) == ast.dump(other.node)

    def __hash__(self) -> int:
        return hash(ast.dump(self.node))

    def _typing_name(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            symbol = self.module.symbols.get(node.id)
            if symbol is None or symbol.kind != "from":
                return None
            if symbol.module in TYPING_MODULES and symbol.level == 0:
                return symbol.original
            return None
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            symbol = self.module.symbols.get(node.value.id)
            if symbol is not None and symbol.kind == "import" and symbol.module in TYPING_MODULES:
                return node.attr
        return None

    def is_any(self) -> bool:
        return self._typing_name(self.node) == "Any"

    def union_args(self, node: ast.expr) -> list[ast.expr] | None:
        """The members of `X | Y`, `Union[...]`, `Optional[...]` (flattened and deduplicated as typing does)."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            members = []
            for side in (node.left, node.right):
                sub = self.union_args(side)
                members.extend(sub if sub is not None else [side])
            return _dedup(members)
        if isinstance(node, ast.Subscript) and self._typing_name(node.value) in ("Union", "Optional"):
            elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            members = []
            for element in elements:
                sub = self.union_args(element)
                members.extend(sub if sub is not None else [element])
            if self._typing_name(node.value) == "Optional":
                members.append(ast.Constant(None))
            members = _dedup(members)
            return members if len(members) > 1 else None
        if isinstance(node, ast.Name):
            symbol = self.module.symbols.get(node.id)
            if symbol is not None and symbol.kind in ("assign", "from"):
                try:
                    kind, module, value = self.module.lookup(node.id)
                except Unresolved:
                    return None  # not an alias we can read: rendered by name (render_name says why not)
                if kind == "assign":
                    return TypeExpr(value, module).union_args(value)  # an in-repo type alias
        return None

    def render_name(self, node: ast.expr, in_union: bool = False) -> str:
        """The object's `__name__` (a GenericAlias: its origin's)."""
        if isinstance(node, ast.Constant):
            if node.value is None:
                return "NoneType" if in_union else "None"
            raise Unresolved("string type hint", short(node))
        if isinstance(node, ast.Name):
            try:
                kind, module, payload = self.module.lookup(node.id)
            except Unresolved as error:
                symbol = self.module.symbols.get(node.id)
                if error.reason == "lazy re-export" and symbol is not None and symbol.kind == "from":
                    return symbol.original  # re-exported by a lazy package `__init__`: named as imported
                raise
            if kind == "builtin":
                return node.id
            if kind == "external":
                return self.module.index.aliases.get(payload[1], payload[1])  # its own name, not the `as` one
            if kind == "framework":
                return node.id
            if kind == "class":
                return payload.name
            if kind == "assign":
                return TypeExpr(payload, module).render_name(payload, in_union)
            raise Unresolved("type hint not a class", short(node))
        if isinstance(node, ast.Attribute):
            return node.attr
        if isinstance(node, ast.Subscript):
            return self.render_name(node.value, in_union)
        raise Unresolved("type hint expression", short(node))

    def render(self) -> str:
        members = self.union_args(self.node)
        if members is not None:
            return " | ".join(self.render_name(member, in_union=True) for member in members)
        return self.render_name(self.node)


def _dedup(nodes: list[ast.expr]) -> list[ast.expr]:
    seen, kept = set(), []
    for node in nodes:
        dump = ast.dump(node)
        if dump not in seen:
            seen.add(dump)
            kept.append(node)
    return kept


class Param:
    """An `InputParam` (`kind` "in") or `OutputParam` ("out"), fields as the dataclass has them."""

    def __init__(self, kind: str, **fields: Any) -> None:
        self.kind = kind
        self.name = fields.get("name")
        self.type_hint = fields.get("type_hint")
        self.default = fields.get("default")
        self.required = fields.get("required", False)
        self.description = fields.get("description", "")
        self.kwargs_type = fields.get("kwargs_type")
        self.metadata = fields.get("metadata")
        self.defaults_by_block = None

    def copy(self, **changes: Any) -> Param:
        twin = Param(self.kind)
        twin.__dict__.update(self.__dict__)
        twin.__dict__.update(changes)
        return twin

    def __eq__(self, other: object) -> bool:  # dataclass equality (LoopSequentialPipelineBlocks compares so)
        return isinstance(other, Param) and self.__dict__ == other.__dict__

    __hash__ = None


class Component:
    def __init__(self, **fields: Any) -> None:
        self.name = fields.get("name")
        self.type_hint = fields.get("type_hint")
        self.description = fields.get("description")
        self.pretrained_model_name_or_path = fields.get("pretrained_model_name_or_path", fields.get("repo"))
        self.subfolder = fields.get("subfolder", "")
        self.variant = fields.get("variant")
        self.revision = fields.get("revision")
        self.default_creation_method = fields.get("default_creation_method", "from_pretrained")

    def load_id(self) -> str:
        if self.default_creation_method == "from_config":
            return "null"
        parts = ["null" if getattr(self, key) is None else getattr(self, key) for key in LOAD_FIELDS]
        if not all(isinstance(part, str) for part in parts):
            raise Unresolved("non-string load field", str(self.name))
        return "|".join(parts)

    def __eq__(self, other: object) -> bool:  # ComponentSpec.__eq__
        return (
            isinstance(other, Component)
            and self.name == other.name
            and self.load_id() == other.load_id()
            and self.default_creation_method == other.default_creation_method
        )

    __hash__ = None


class Config:
    def __init__(self, name: Any, default: Any, description: Any = None) -> None:
        self.name, self.default, self.description = name, default, description

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and self.__dict__ == other.__dict__

    __hash__ = None


class Opaque:
    """A value the docstring never shows (`config=FrozenDict(...)`, `metadata=`), compared by its source."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)


class DefaultRepr:
    """A default whose `str()` is known without running it: `torch.float32`."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DefaultRepr) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


class BlockRef:
    """A block class named in `block_classes` (`instantiated`: written `Cls()`)."""

    def __init__(self, module: Module, facts, instantiated: bool) -> None:
        self.module, self.facts, self.instantiated = module, facts, instantiated


class Evaluator:
    """Evaluates declaration expressions of a module statically."""

    def __init__(self) -> None:
        self._templates: dict[tuple[str, str], dict] = {}

    def templates(self, module: Module, table: str) -> dict:
        key = (module.name, table)
        if key not in self._templates:
            kind, where, expression = module.lookup(table)
            if kind != "assign":
                raise Unresolved("template table not a module constant", table)
            self._templates[key] = self.eval(expression, where, spec_keys=True)
        module.index.touched.add(module.path)  # every docstring using a template depends on its table's file
        return self._templates[key]

    def eval_default(self, node: ast.expr, module: Module) -> Any:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.attr in TORCH_DTYPES:
            symbol = module.symbols.get(node.value.id)
            if symbol is not None and symbol.kind == "import" and symbol.module == "torch":
                return DefaultRepr(f"torch.{node.attr}")
        return self.eval(node, module)

    def _field(self, key: str, node: ast.expr, module: Module) -> Any:
        if key == "type_hint":
            return TypeExpr(node, module)
        if key == "default":
            return self.eval_default(node, module)
        if key in ("config", "metadata"):
            return Opaque(ast.dump(node))
        return self.eval(node, module)

    def eval(self, node: ast.expr, module: Module, spec_keys: bool = False) -> Any:  # noqa: C901 - one case per node
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.JoinedStr):
            if any(not isinstance(value, ast.Constant) for value in node.values):
                raise Unresolved("f-string with placeholders", short(node))
            return "".join(value.value for value in node.values)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.eval(node.left, module), self.eval(node.right, module)
            if type(left) is not type(right) or not isinstance(left, (str, list, tuple, int, float)):
                raise Unresolved("unsupported '+' operands", short(node))
            return left + right
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            left, right = self.eval(node.left, module), self.eval(node.right, module)
            if isinstance(left, (tuple, list, str)) and type(right) is int and 0 <= right <= 64:
                return left * right  # `(value,) * n`; bounded: a declaration never needs more
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right)):
                return left * right
            raise Unresolved("unsupported '*' operands", short(node))
        if isinstance(node, (ast.List, ast.Tuple)):
            items = []
            for element in node.elts:
                if isinstance(element, ast.Starred):
                    items.extend(self._iterable(self.eval(element.value, module), element))
                else:
                    items.append(self.eval(element, module, spec_keys))
            return items if isinstance(node, ast.List) else tuple(items)
        if isinstance(node, ast.Dict):
            table = {}
            for key_node, value in zip(node.keys, node.values, strict=True):
                if key_node is None:
                    raise Unresolved("dict unpacking", short(node))
                key = self.eval(key_node, module)
                if not isinstance(key, (str, int, float, bool, type(None), tuple)):
                    raise Unresolved("dict key not a constant", short(node))
                if spec_keys and key in ("type_hint", "default"):
                    table[key] = self._field(key, value, module)
                else:
                    table[key] = self.eval(value, module, spec_keys)
            return table
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
            value = node.operand.value
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return -value
        if isinstance(node, ast.Name):
            kind, where, payload = module.lookup(node.id)
            if kind == "assign":
                return self.eval(payload, where, spec_keys)
            if kind == "class":
                return BlockRef(where, payload, False)
            raise Unresolved("non-literal name", f"{node.id} ({kind})")
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "self":
                raise Unresolved("reads self attribute", f"self.{node.attr}")
            raise Unresolved("attribute value", short(node))
        if isinstance(node, ast.Call):
            return self.eval_call(node, module)
        if isinstance(node, ast.Subscript):
            base, key = self.eval(node.value, module, spec_keys), self.eval(node.slice, module)
            if isinstance(base, dict) and _hashable(key) and key in base:
                return base[key]
            if isinstance(base, (list, tuple)) and type(key) is int and -len(base) <= key < len(base):
                return base[key]
            raise Unresolved("subscript", short(node))
        raise Unresolved(f"non-literal {type(node).__name__}", short(node))

    @staticmethod
    def _iterable(value: Any, node: ast.AST) -> list:
        if isinstance(value, (list, tuple)):
            return list(value)
        raise Unresolved("starred value not a list", short(node))

    def _callee(self, node: ast.Call, module: Module) -> tuple[str, Any]:
        function = node.func
        if isinstance(function, ast.Name):
            kind, where, payload = module.lookup(function.id)
            if kind == "class" and where.short == SPEC_MODULE and payload.name in FIELDS:
                return payload.name, where
            if kind == "class" and payload.name in ("InsertableDict", "OrderedDict"):
                return "dict", None
            if kind == "external" and payload[1] == "OrderedDict":
                return "dict", None
            if kind == "external" and payload[1] == "FrozenDict":
                return "opaque", None
            if kind in ("class", "framework"):
                return "block", (kind, where, payload)
            if kind == "builtin" and function.id in ("list", "tuple", "dict"):
                return function.id, None
            return "other", None
        if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
            if function.attr == "template":
                kind, where, payload = module.lookup(function.value.id)
                if kind == "class" and where.short == SPEC_MODULE and payload.name in TEMPLATE_TABLES:
                    return "template", (payload.name, where)
            if function.attr in ("values", "keys") and not node.args and not node.keywords:
                return "view", None
        if isinstance(function, ast.Attribute) and function.attr in ("values", "keys"):
            if not node.args and not node.keywords:
                return "view", None
        return "other", None

    def eval_call(self, node: ast.Call, module: Module) -> Any:
        callee, extra = self._callee(node, module)
        if callee in FIELDS:
            return self._spec(callee, node, module)
        if callee == "template":
            return self._template(extra[0], extra[1], node, module)
        if callee == "block":
            kind, where, payload = extra
            if node.args or node.keywords:
                raise Unresolved("child block built with arguments", short(node))
            if kind == "framework":
                raise Unresolved("bare framework block as child", short(node))
            return BlockRef(where, payload, True)
        if callee in ("dict", "list", "tuple") and len(node.args) == 1 and not node.keywords:
            value = self.eval(node.args[0], module)
            if callee == "dict":
                pairs = list(value.items()) if isinstance(value, dict) else self._iterable(value, node)
                if not all(isinstance(p, (list, tuple)) and len(p) == 2 and _hashable(p[0]) for p in pairs):
                    raise Unresolved("dict of non-pairs", short(node))
                return dict(pairs)
            items = list(value) if isinstance(value, dict) else self._iterable(value, node)
            return items if callee == "list" else tuple(items)
        if callee == "view":
            table = self.eval(node.func.value, module)
            if isinstance(table, dict):
                return list(table.values() if node.func.attr == "values" else table.keys())
        if callee == "opaque":
            return Opaque(ast.dump(node))
        raise Unresolved("call to non-spec function", short(node.func))

    def _spec(self, callee: str, node: ast.Call, module: Module) -> Any:
        names = FIELDS[callee]
        given: dict[str, ast.expr] = {}
        if len(node.args) > len(names):
            raise Unresolved("too many arguments", short(node))
        for position, argument in enumerate(node.args):
            if isinstance(argument, ast.Starred):
                raise Unresolved("*args in spec", short(node))
            given[names[position]] = argument
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Unresolved("**kwargs in spec", short(node))
            if keyword.arg not in names:
                raise Unresolved(f"unknown {callee} field", keyword.arg)
            given[keyword.arg] = keyword.value
        values = {key: self._field(key, value, module) for key, value in given.items()}
        if callee == "InputParam":
            return Param("in", **values)
        if callee == "OutputParam":
            return Param("out", **values)
        if callee == "ComponentSpec":
            return Component(**values)
        return Config(values.get("name"), values.get("default"), values.get("description"))

    def _template(self, cls: str, spec_module: Module, node: ast.Call, module: Module) -> Param:
        table = self.templates(spec_module, TEMPLATE_TABLES[cls])
        if not node.args or len(node.args) > 2 or any(isinstance(a, ast.Starred) for a in node.args):
            raise Unresolved("template call not (name[, note])", short(node))
        name = self.eval(node.args[0], module)
        note = self.eval(node.args[1], module) if len(node.args) > 1 else None
        overrides = {}
        for keyword in node.keywords:
            if keyword.arg is None:
                raise Unresolved("**kwargs in template", short(node))
            if keyword.arg == "note":
                note = self.eval(keyword.value, module)
            else:
                overrides[keyword.arg] = self._field(keyword.arg, keyword.value, module)
        if not _hashable(name) or name not in table or not isinstance(table[name], dict):
            raise Unresolved("unknown template", str(name))
        fields = dict(table[name])
        own_name = overrides.pop("name", fields.pop("name", name))
        if note and "description" in fields:
            fields["description"] = f"{fields['description']} ({note})"
        fields.update(overrides)
        unknown = set(fields) - set(FIELDS[cls])
        if unknown:
            raise Unresolved(f"unknown {cls} field", ", ".join(sorted(unknown)))
        return Param("in" if cls == "InputParam" else "out", name=own_name, **fields)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True
