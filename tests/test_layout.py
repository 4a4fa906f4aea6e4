"""The layout of the rule families: each folder of `checks/` is a family with an `__init__.py` and a
`rules.py`, and no family imports another (what several read lives in `repo_lint.facts`).

Every `.py` file under `checks/` is read with `ast`, imports inside functions included; relative imports are
resolved against the module's own package, as the import system would.
"""

from __future__ import annotations

import ast
from pathlib import Path

CHECKS = Path(__file__).resolve().parent.parent / "checks"
PACKAGE = ("repo_lint", "checks")  # what `checks/` is installed as
REQUIRED = ("__init__.py", "rules.py")


def family_folders(checks: Path) -> list[Path]:
    return sorted(p for p in checks.iterdir() if p.is_dir() and p.name != "__pycache__")


def imported_modules(path: Path, package: tuple[str, ...]) -> list[tuple[int, tuple[str, ...]]]:
    """(line, dotted module as parts) of every import in the file at `path`, a module of `package`; for
    `from X import a, b` both `X.a` and `X.b`, since `a` may be a submodule."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, tuple(alias.name.split("."))) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: max(len(package) - node.level + 1, 0)] if node.level else ()
            module = base + tuple(node.module.split(".") if node.module else ())
            found += [(node.lineno, module + (alias.name,)) for alias in node.names]
    return found


def family_of(module: tuple[str, ...]) -> str | None:
    """The family a module belongs to (`repo_lint.checks.<family>...`), None for any other module."""
    return module[2] if len(module) > 2 and module[:2] == PACKAGE else None


def cross_family_imports(checks: Path) -> list[str]:
    """`path:line imports repo_lint.checks.<other>...` for every import of another family by a family."""
    found = []
    for folder in family_folders(checks):
        for path in sorted(folder.rglob("*.py")):
            package = PACKAGE + path.parent.relative_to(checks).parts
            for line, module in imported_modules(path, package):
                other = family_of(module)
                if other is not None and other != folder.name:
                    found.append(f"{path.relative_to(checks.parent)}:{line} imports {'.'.join(module)}")
    return found


def missing_files(checks: Path) -> list[str]:
    return [
        f"{folder.relative_to(checks.parent)}/{name}"
        for folder in family_folders(checks)
        for name in REQUIRED
        if not (folder / name).is_file()
    ]


def test_no_family_imports_another():
    assert cross_family_imports(CHECKS) == []


def test_every_family_has_an_init_and_rules():
    assert family_folders(CHECKS)
    assert missing_files(CHECKS) == []


# --- the checks themselves catch what they are for ------------------------------------------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / "checks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "checks"


def test_cross_family_imports_are_found_absolute_relative_and_inside_functions(tmp_path):
    checks = _write(
        tmp_path,
        {
            "__init__.py": "from repo_lint.checks import a, b\n",  # the registry is no family
            "a/__init__.py": "from repo_lint.checks.a.rules import RULES\n",
            "a/rules.py": "from . import judge\nfrom .sub import x\nfrom repo_lint.facts.classes import class_index\n",
            "a/judge.py": "import repo_lint.checks.b.rules\n\n\ndef late():\n    from ..b.judge import judge\n",
            "a/sub/x.py": "from ...b import rules\nfrom ... import b\nfrom .. import rules\nimport os\n",
            "b/__init__.py": "",
            "b/rules.py": "from repo_lint.checks import a\n",
        },
    )
    assert cross_family_imports(checks) == [
        "checks/a/judge.py:1 imports repo_lint.checks.b.rules",
        "checks/a/judge.py:5 imports repo_lint.checks.b.judge.judge",
        "checks/a/sub/x.py:1 imports repo_lint.checks.b.rules",
        "checks/a/sub/x.py:2 imports repo_lint.checks.b",
        "checks/b/rules.py:1 imports repo_lint.checks.a",
    ]


def test_a_family_without_init_or_rules_is_found(tmp_path):
    checks = _write(tmp_path, {"a/__init__.py": "", "a/rules.py": "", "b/rules.py": "", "c/__init__.py": ""})
    assert missing_files(checks) == ["checks/b/__init__.py", "checks/c/rules.py"]
