"""The top-level definitions of a module as the modular converter sees them: classes, functions and simple
assignments by name (with their order and the names each one uses), and its import statements."""

from __future__ import annotations

import ast
import posixpath
from dataclasses import dataclass, field

import libcst as cst
from repo_lint.checks.modular.code import statement_code
from repo_lint.checks.modular.renaming import FILE_TYPES


class Unsupported(Exception):
    """The modular file uses something the converter does not reproduce yet; `reason` is a short category (for
    counting), `detail` says where."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Namespace:
    definitions: dict[str, cst.CSTNode] = field(default_factory=dict)
    line_order: dict[str, int] = field(default_factory=dict)
    uses: dict[str, set[str]] = field(default_factory=dict)
    imports: list[cst.CSTNode] = field(default_factory=list)
    all_names: list[str] | None = None
    all_statement: cst.SimpleStatementLine | None = None
    # `__getattr__ = deprecate_attr(...)` of a modular file: placed by the converter, not as a definition
    module_getattr: cst.SimpleStatementLine | None = None

    def is_class(self, name: str) -> bool:
        return isinstance(self.definitions.get(name), cst.ClassDef)


# node type -> the field that holds the identifier it names
_NAMING_FIELD = {
    ast.Name: "id",
    ast.Attribute: "attr",
    ast.arg: "arg",
    ast.keyword: "arg",  # None for `**kwargs`
    ast.FunctionDef: "name",
    ast.AsyncFunctionDef: "name",
    ast.ClassDef: "name",
}


def identifiers(tree: ast.AST) -> set[str]:
    """Every identifier in `tree`: names, attribute names, parameters, keywords and definition names (the
    converter's dependency graph counts them all); read with `ast`, which is much faster than visiting libcst,
    and with an explicit stack, twice as fast as `ast.walk`."""
    found = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        field = _NAMING_FIELD.get(type(node))
        if field is not None and (value := getattr(node, field)):
            found.add(value)
        for name in node._fields:
            value = getattr(node, name, None)
            if isinstance(value, list):
                pending.extend(item for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST):
                pending.append(value)
    return found


def used_names(node: cst.CSTNode) -> set[str]:
    """Every identifier in a libcst statement."""
    return identifiers(statement_code(node).tree)


def top_level_uses(tree: ast.Module) -> dict[str, set[str]]:
    """Top-level definition name -> the identifiers its code holds (but its own name)."""
    uses = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            uses[node.name] = identifiers(node) - {node.name}
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            uses[node.targets[0].id] = identifiers(node) - {node.targets[0].id}
    return uses


def is_import_statement(node: cst.CSTNode) -> bool:
    return isinstance(node, cst.SimpleStatementLine) and all(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in node.body
    )


def is_import_block(node: cst.CSTNode) -> bool:
    """`if is_torch_available():` holding only imports (a protected import), possibly followed by `elif` / `else`
    branches holding only imports (`if is_torchvision_v2_available(): ... elif is_torchvision_available(): ...`)."""
    if not isinstance(node, cst.If) or not _holds_only_imports(node.body):
        return False
    if isinstance(node.orelse, cst.Else):
        return _holds_only_imports(node.orelse.body)
    return node.orelse is None or is_import_block(node.orelse)


def _holds_only_imports(block: cst.BaseSuite) -> bool:
    return isinstance(block, cst.IndentedBlock) and all(is_import_statement(statement) for statement in block.body)


def import_block_branches(node: cst.If) -> list[cst.If]:
    """The `elif` branches of a protected import, each as its own `if` block: the converter lists every module-level
    `if` of a module among its imports, an `elif` included (it is an `if` nested in the first one's `orelse`), so
    its condition reads names and its imports are kept when the first branch's are not."""
    branches = []
    while isinstance(node.orelse, cst.If):
        node = node.orelse
        branches.append(node)
    return branches


def _is_docstring(node: cst.CSTNode) -> bool:
    return (
        isinstance(node, cst.SimpleStatementLine)
        and len(node.body) == 1
        and isinstance(node.body[0], cst.Expr)
        and isinstance(node.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def _assigned_name(node: cst.CSTNode) -> str | None:
    if not (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1):
        return None
    small = node.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value
    return None


def read_namespace(module: cst.Module, text: str, strict: bool) -> Namespace:
    """The definitions and imports of `module`. `strict` (a modular file): a top-level statement the converter
    does not place raises Unsupported; otherwise (a parent module) such statements are ignored."""
    namespace = Namespace()
    uses = top_level_uses(ast.parse(text))
    for position, node in enumerate(module.body):
        add_statement(namespace, position, node, module, uses, strict)
    return namespace


def add_statement(
    namespace: Namespace, position: int, node: cst.CSTNode, module: cst.Module, uses: dict, strict: bool
) -> None:
    """Adds the top-level statement `node` (at `position` in its module's body) to `namespace`; `uses` is
    `top_level_uses` of the module's text and `module` the one `node` was parsed in (for its code)."""
    name = None
    if isinstance(node, (cst.ClassDef, cst.FunctionDef)):
        name = node.name.value
    elif is_import_statement(node):
        namespace.imports.append(node)
    elif is_import_block(node):
        namespace.imports.extend([node, *import_block_branches(node)])
    elif _is_docstring(node) and position == 0:
        pass  # the converter drops a module docstring
    elif (name := _assigned_name(node)) == "__getattr__" and strict:
        namespace.module_getattr = node
        name = None
    elif name == "__all__":
        namespace.all_names = _all_names(node, strict)
        namespace.all_statement = node
        name = None
    elif (indexed := _indexed_variable(node)) is not None:
        # `MAPPING["key"] = value` comes with MAPPING: a dependency of it, named by its code
        name = module.code_for_node(node)
        namespace.uses.setdefault(indexed, set()).update({name} | (identifiers(ast.parse(name.strip())) - {indexed}))
        uses[name] = set()
    elif name is None and strict:
        raise Unsupported("top-level statement", module.code_for_node(node).strip().splitlines()[0])
    if name is not None:
        namespace.definitions[name] = node
        namespace.line_order[name] = position
        namespace.uses[name] = namespace.uses.get(name, set()) | uses.get(name, set())


def _indexed_variable(node: cst.CSTNode) -> str | None:
    """`X` in a top-level `X[...] = ...` or `X.attr = ...`."""
    if not (isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1):
        return None
    small = node.body[0]
    if not (isinstance(small, cst.Assign) and len(small.targets) == 1):
        return None
    target = small.targets[0].target
    if isinstance(target, (cst.Subscript, cst.Attribute)) and isinstance(target.value, cst.Name):
        return target.value.value
    return None


def _all_names(node: cst.SimpleStatementLine, strict: bool) -> list[str] | None:
    value = node.body[0].value
    elements = value.elements if isinstance(value, (cst.List, cst.Tuple)) else None
    if elements is None or not all(isinstance(element.value, cst.SimpleString) for element in elements):
        if strict:
            raise Unsupported("__all__ is not a list of strings")
        return None
    return [element.value.evaluated_value for element in elements]


def parent_module_path(node: cst.ImportFrom, modular_path: str) -> str | None:
    """The repository path of the other model's module a modular file imports from (`from ..llama.modeling_llama
    import LlamaMLP` or `from transformers.models.llama.modeling_llama import ...`); None for any other import."""
    if node.module is None:
        return None
    dotted = cst.Module(body=[]).code_for_node(node.module).split(".")
    models_folder = posixpath.dirname(posixpath.dirname(modular_path))
    if node.relative:
        if len(node.relative) == 2 and len(dotted) == 2:
            folder, file = dotted
        elif len(node.relative) == 3 and len(dotted) == 3 and dotted[0] == "models":
            folder, file = dotted[1:]
        else:
            return None
    elif len(dotted) == 4 and dotted[:2] == ["transformers", "models"]:
        folder, file = dotted[2:]
    else:
        return None
    if folder == "auto" or not any(file.startswith(f"{file_type}_") for file_type in FILE_TYPES):
        return None
    return posixpath.join(models_folder, folder, f"{file}.py")
