"""Torch as a soft dependency: the generated `image_processing_pil_*.py` and `feature_extraction_*.py` files must
import without torch, so the converter gathers their torch and torchvision imports (bare ones and those already
under an `if is_torch_available():` / `if is_torchvision_available():` without `else`) into one guarded block per
library, placed after every other import, and adds the availability functions to the `...utils` import."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst
from repo_lint.checks.modular.classes import dotted_name
from repo_lint.checks.modular.namespace import is_import_statement

SOFT_TORCH_FILE_TYPES = ("image_processing_pil", "feature_extraction")


@dataclass
class _Guard:
    """One library's guarded block: its availability function and the statements it will hold."""

    function: str
    statements: list[cst.CSTNode] = field(default_factory=list)


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[node]).code.strip()


def protect_torch_imports(imports: list[cst.CSTNode]) -> list[cst.CSTNode]:
    """`imports` (plain first, guarded last) with torch and torchvision moved under their guards."""
    torch, torchvision = _Guard("is_torch_available"), _Guard("is_torchvision_available")
    others = []
    for node in imports:
        code = _code(node)
        if isinstance(node, cst.If):
            if node.orelse is None and "is_torch_available()" in code:
                torch.statements.extend(node.body.body)
            elif node.orelse is None and "is_torchvision_available()" in code:
                torchvision.statements.extend(node.body.body)
            else:
                others.append(node)
        elif is_import_statement(node) and len(node.body) == 1:
            # torchvision first: its name starts with torch's
            if code.startswith(("import torchvision", "from torchvision")):
                torchvision.statements.append(node)
            elif code.startswith(("import torch", "from torch")):
                torch.statements.append(node)
            else:
                others.append(node)
        else:
            others.append(node)
    guards = [guard for guard in (torch, torchvision) if guard.statements]
    others = _with_availability_functions(others, [guard.function for guard in guards])
    return others + [_guarded_block(guard) for guard in guards]


def _guarded_block(guard: _Guard) -> cst.If:
    body = "\n    ".join(_code(statement) for statement in guard.statements)
    return cst.parse_statement(f"if {guard.function}():\n    {body}")


def _with_availability_functions(imports: list[cst.CSTNode], functions: list[str]) -> list[cst.CSTNode]:
    """The first `from ...utils import` (or `transformers.utils`) gains the functions it lacks; with none, a new
    one comes first."""
    if not functions:
        return imports
    for position, node in enumerate(imports):
        small = node.body[0] if isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1 else None
        if not isinstance(small, cst.ImportFrom) or small.module is None:
            continue
        module = dotted_name(small.module) or ""
        if not (module == "utils" or module.endswith(".utils")) or isinstance(small.names, cst.ImportStar):
            continue
        present = {alias.name.value for alias in small.names if isinstance(alias.name, cst.Name)}
        missing = [function for function in functions if function not in present]
        if not missing:
            continue
        names = [*small.names, *(cst.ImportAlias(name=cst.Name(function)) for function in missing)]
        widened = node.with_changes(body=[small.with_changes(names=names)])
        return [*imports[:position], widened, *imports[position + 1 :]]
    return [cst.parse_statement("from ...utils import " + ", ".join(sorted(functions))), *imports]
