"""Blocks and their composition, as the modular framework composes them at runtime: a leaf block's own
declarations; a Sequential block's inputs (those no earlier child produces), outputs and components; an
Auto/Conditional block's combined inputs (with per-workflow defaults) and the intersection of required inputs;
a Loop block's loop inputs and its last child's outputs."""

from __future__ import annotations

import ast
import copy
from typing import Any

from repo_lint.checks.modular_blocks.index import FRAMEWORK_KINDS, Module, Unresolved
from repo_lint.checks.modular_blocks.values import BlockRef, Evaluator, Param

# framework methods a block may not redefine: the docstring would then come from code we do not emulate
REDEFINED = ("__init__", "required_inputs", "_get_inputs", "_get_outputs", "doc", "loop_required_inputs")
MAX_BASES = 20


def _substitute(expression: ast.expr, local: dict[str, ast.expr]) -> ast.expr:
    if not local:
        return expression

    class Substitute(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.AST:
            return local.get(node.id, node) if isinstance(node.ctx, ast.Load) else node

    return Substitute().visit(copy.deepcopy(expression))


def _is_string_statement(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


class Resolver:
    """Builds each block once per run (a block that cannot be built is remembered with its reason)."""

    def __init__(self, evaluator: Evaluator | None = None) -> None:
        self.evaluator = evaluator or Evaluator()
        self._blocks: dict[tuple[str, str], Any] = {}
        self.paths: dict[str, str] = {}  # block class name -> its file (where a blocking block is)

    def block(self, module: Module, facts) -> Block:
        key = (module.name, facts.name)
        self.paths.setdefault(facts.name, module.path)
        if key not in self._blocks:
            self._blocks[key] = None  # a block containing itself is a cycle
            try:
                self._blocks[key] = Block(self, module, facts)
            except Unresolved as error:
                error.origin = error.origin or facts.name
                self._blocks[key] = error
        built = self._blocks[key]
        if built is None:
            raise Unresolved("block contains itself", facts.name, facts.name)
        if isinstance(built, Unresolved):
            raise built
        return built


class Block:
    def __init__(self, resolver: Resolver, module: Module, facts) -> None:
        self.resolver, self.module, self.name = resolver, module, facts.name
        chain, self.kind = [], None
        where, cls = module, facts
        while self.kind is None:
            chain.append((where, cls))
            if len(chain) > MAX_BASES:
                raise Unresolved("inheritance too deep", self.name, self.name)
            if len(cls.bases) != 1 or cls.keywords:
                raise Unresolved("multiple or no bases", cls.name, self.name)
            base = cls.bases[0]
            if not base.isidentifier():
                raise Unresolved("base not a plain name", base, self.name)
            kind, found, payload = where.lookup(base)
            if kind == "framework":
                self.kind = FRAMEWORK_KINDS[payload]
            elif kind == "class":
                where, cls = found, payload
            else:
                raise Unresolved("base class not found in the repository", base, self.name)
        self.defs: dict[str, tuple[Module, Any, str]] = {}
        for where, cls in reversed(chain):
            for member in cls.members:
                self.defs[member.name] = (where, member, member.kind)
        for name in REDEFINED:
            if name in self.defs:
                reason = "custom __init__" if name == "__init__" else f"redefines framework {name}"
                raise Unresolved(reason, self.name, self.name)
        self._values: dict[str, Any] = {}
        self._children = None
        self.files = {where.path for where, _ in chain}  # what its own declarations read (see `all_files`)
        self._resolving = False

    def has(self, prop: str) -> bool:
        return prop in self.defs

    def _expression(self, prop: str) -> tuple[Module, ast.expr]:
        where, member, how = self.defs[prop]
        node = where.node(member.statement)
        if how == "attr":
            if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
                raise Unresolved(f"computed {prop}", f"{self.name}.{prop}", self.name)
            return where, node.value
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            raise Unresolved(f"computed {prop}", f"{self.name}.{prop}", self.name)
        body = [statement for statement in node.body if not _is_string_statement(statement)]
        # (string statements are dropped: `return "a"` followed by dead strings is a style some blocks have)
        local: dict[str, ast.expr] = {}
        for statement in body[:-1]:  # `x = [...]` then `return x`: local names bound once, substituted
            single = isinstance(statement, ast.Assign) and len(statement.targets) == 1
            if single and isinstance(statement.targets[0], ast.Name) and statement.targets[0].id not in local:
                local[statement.targets[0].id] = _substitute(statement.value, local)
            else:
                raise Unresolved(f"computed {prop} (statements besides one return)", f"{self.name}.{prop}", self.name)
        if not body or not isinstance(body[-1], ast.Return) or body[-1].value is None:
            raise Unresolved(f"computed {prop} (statements besides one return)", f"{self.name}.{prop}", self.name)
        expression = _substitute(body[-1].value, local)
        if isinstance(expression, (ast.ListComp, ast.GeneratorExp, ast.SetComp, ast.DictComp)):
            raise Unresolved(f"computed {prop} (comprehension)", f"{self.name}.{prop}", self.name)
        for sub in ast.walk(expression):
            if isinstance(sub, ast.Attribute) and isinstance(sub.value, ast.Name) and sub.value.id == "self":
                raise Unresolved(f"{prop} reads self", f"{self.name}.{prop}", self.name)
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name) and sub.func.id == "super":
                raise Unresolved(f"{prop} calls super()", f"{self.name}.{prop}", self.name)
        return where, expression

    def get(self, prop: str) -> Any:
        if prop not in self._values:
            where, expression = self._expression(prop)
            try:
                with where.index.recording() as touched:
                    self._values[prop] = self.resolver.evaluator.eval(expression, where)
                self.files |= touched
            except Unresolved as error:
                origin = error.origin or self.name
                raise Unresolved(f"{prop}: {error.reason}", f"{self.name}: {error.detail}", origin) from None
        return self._values[prop]

    # ---- children -------------------------------------------------------------------------------------------
    def children(self) -> list[tuple[str, Block]]:
        if self._children is None:
            classes = self.get("block_classes") if self.has("block_classes") else []
            names = self.get("block_names") if self.has("block_names") else []
            if not isinstance(classes, (list, tuple)) or not isinstance(names, (list, tuple)):
                raise Unresolved("block_classes/block_names not lists", self.name, self.name)
            if len(classes) != len(names):
                raise Unresolved("block_classes/block_names length mismatch", self.name, self.name)
            if self._resolving:
                raise Unresolved("block contains itself", self.name, self.name)
            self._resolving = True
            try:
                children = []
                for name, ref in zip(names, classes, strict=True):
                    if not isinstance(ref, BlockRef):
                        raise Unresolved("block_classes element not a block class", self.name, self.name)
                    child = self.resolver.block(ref.module, ref.facts)
                    if child.kind != "leaf":
                        child.children()  # the whole tree now: a block that contains itself is found here
                    children.append((name, child))
            finally:
                self._resolving = False
            self._children = children
        return self._children

    def all_files(self) -> set[str]:
        """The files its docstring depends on: those of its declarations and of its children's, recursively."""
        files = set(self.files)
        for _, child in self._children or ():
            files |= child.all_files()
        return files

    def default_block_name(self) -> str | None:
        if self.kind == "auto":
            triggers = self.get("block_trigger_inputs") if self.has("block_trigger_inputs") else []
            names = [name for name, _ in self.children()]
            if not isinstance(triggers, (list, tuple)):
                raise Unresolved("block_trigger_inputs not a list", self.name, self.name)
            if None in triggers and triggers.index(None) < len(names):
                return names[triggers.index(None)]
            return None
        if self.kind == "cond":
            return self.get("default_block_name") if self.has("default_block_name") else None
        return None

    def description(self) -> str:
        if self.has("description"):
            text = self.get("description")
            if not isinstance(text, str):
                raise Unresolved("description not a string", self.name, self.name)
            return text
        if self.kind == "loop":
            raise Unresolved("loop block without description", self.name, self.name)
        return ""

    def own(self, prop: str) -> list:
        value = self.get(prop) if self.has(prop) else []
        if not isinstance(value, list):
            raise Unresolved(f"{prop} not a list", self.name, self.name)
        return [item.copy() if isinstance(item, Param) else item for item in value]  # fresh objects per call

    def _union(self, prop: str, loop_prop: str) -> list:
        if self.has(prop) or self.kind == "leaf":
            return self.own(prop)
        combined = []
        for _, child in self.children():
            for item in getattr(child, prop)():
                if item not in combined:
                    combined.append(item)
        if self.kind == "loop":
            for item in self.own(loop_prop):
                if item not in combined:
                    combined.append(item)
        return combined

    def expected_components(self) -> list:
        return self._union("expected_components", "loop_expected_components")

    def expected_configs(self) -> list:
        return self._union("expected_configs", "loop_expected_configs")

    def required_inputs(self) -> set:
        if self.kind == "leaf":
            return {param.name for param in self.inputs() if param.required}
        children = self.children()
        if self.kind in ("cond", "auto"):
            if self.default_block_name() is None or not children:
                return set()
            required = set(children[0][1].required_inputs())
            for _, child in children[1:]:
                required &= child.required_inputs()
            return required
        required = set()
        for _, child in children:
            required |= child.required_inputs()
        if self.kind == "loop":
            required |= {param.name for param in self.own("loop_inputs") if param.required}
        return required

    def inputs(self) -> list[Param]:
        if self.has("inputs") or self.kind == "leaf":
            return self.own("inputs")
        children = self.children()
        if self.kind == "seq":
            inputs, produced = [], set()
            for _, child in children:
                for param in child.inputs():
                    if param.name not in produced and param.name not in {i.name for i in inputs}:
                        inputs.append(param)
                if not (child.kind in ("cond", "auto") and child.default_block_name() is None):
                    produced.update(out.name for out in child.intermediate_outputs())
            return inputs
        if self.kind in ("cond", "auto"):
            combined = combine_inputs([(name, child.inputs()) for name, child in children])
            required = self.required_inputs()
            for param in combined:
                param.required = param.name in required
            return combined
        inputs, produced = list(self.own("loop_inputs")), set()
        for _, child in children:
            for param in child.inputs():
                if param.name not in produced and param not in inputs:
                    inputs.append(param)
            produced.update(out.name for out in child.intermediate_outputs())
        required = self.required_inputs()
        for param in inputs:
            param.required = param.name in required
        return inputs

    def intermediate_outputs(self) -> list[Param]:
        if self.has("intermediate_outputs") or self.kind == "leaf":
            return self.own("intermediate_outputs")
        children = self.children()
        if self.kind == "seq":
            kept = [
                (name, child.intermediate_outputs())
                for name, child in children
                if name not in {param.name for param in child.inputs()}  # the framework's own filter
            ]
            return combine_outputs(kept)
        combined = combine_outputs([(name, child.intermediate_outputs()) for name, child in children])
        if self.kind == "loop":
            for param in self.own("loop_intermediate_outputs"):
                if param.name not in {out.name for out in combined}:
                    combined.append(param)
        return combined

    def outputs(self) -> list[Param]:
        if self.has("outputs"):
            return self.own("outputs")
        if self.kind in ("leaf", "seq"):
            return self.intermediate_outputs()
        children = self.children()
        if self.kind in ("cond", "auto"):
            return combine_outputs([(name, child.outputs()) for name, child in children])
        return children[-1][1].intermediate_outputs() if children else []

    def workflow_map(self) -> dict | None:
        if self.kind != "seq" or not self.has("_workflow_map"):
            return None
        value = self.get("_workflow_map")
        if value is not None and not isinstance(value, dict):
            raise Unresolved("_workflow_map not a dict", self.name, self.name)
        return value


def combine_inputs(named: list[tuple[str, list[Param]]]) -> list[Param]:
    """The first input of each name; when the children's defaults differ, no default and the defaults by block."""
    combined: dict[Any, Param] = {}
    by_block: dict[Any, dict] = {}
    for block_name, params in named:
        for param in params:
            if param.name is None and param.kwargs_type is not None:
                key = "*_" + str(param.kwargs_type)
            else:
                key = param.name
            if param.defaults_by_block:
                defaults = {f"{block_name}.{k}": v for k, v in param.defaults_by_block.items()}
            else:
                defaults = {block_name: param.default}
            if key not in combined:
                combined[key], by_block[key] = param, defaults
                continue
            by_block[key].update(defaults)
            values = list(by_block[key].values())
            if any(value != values[0] for value in values[1:]):
                combined[key] = combined[key].copy(default=None, defaults_by_block=dict(by_block[key]))
    return list(combined.values())


def combine_outputs(named: list[tuple[str, list[Param]]]) -> list[Param]:
    """The first output of each name, replaced by a later one that has a `kwargs_type` when it had none."""
    combined: dict[Any, Param] = {}
    for _, params in named:
        for param in params:
            if param.name not in combined or (
                combined[param.name].kwargs_type is None and param.kwargs_type is not None
            ):
                combined[param.name] = param
    return list(combined.values())
