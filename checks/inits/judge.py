"""Judgement of the INI family over the facts of every lazy init of the package."""

from __future__ import annotations

import re
from dataclasses import dataclass

from repo_lint.checks.inits import rules

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.facts.lazy_init import LazyInit, extract_init
from repo_lint.workspace import split_lines

SECTION = "inits"
_STAR_IMPORT_LINE = re.compile(r"^\s+from \.\w+ import \*", re.MULTILINE)


def package_inits(repo, source: str) -> list[str]:
    return [p for p in repo.python_files(source) if p.endswith("/__init__.py") or p == "__init__.py"]


def judge_lazy_inits(repo, options: dict, source: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    main_init = f"{source}/__init__.py"
    for path in package_inits(repo, source):
        if not repo.contains(path, "_import_structure"):
            continue
        init = repo.facts(path, extract_init, options["backend-key-order"])
        if init is None:
            continue
        for line, message in init.problems:
            found.append(Diagnostic(rules.UNREADABLE.code, path, line, 1, message))
        if init.has_type_checking:
            found.extend(compare_halves(path, init, repo.lines(path)))
        found.extend(duplicates(path, init, repo.lines(path)))
        if options["sort"]:
            found.extend(unsorted(path, repo.facts(path, _unsorted_regions, options["isort-flavor"]) or []))
        if path == main_init and options["check-submodules"]:
            found.extend(unregistered_submodules(repo, source, init, options["ignore-submodules"]))
    return found


_TYPE_CHECKING_IF = re.compile(r"if\s+(?:typing\.)?TYPE_CHECKING\b[^#\n]*:\s*(?:#.*)?$")


_RELATIVE_IMPORT = re.compile(r"\s*from \.(?P<module>[\w.]*) import [^()]*$")


@dataclass(frozen=True)
class _TypeCheckingBody:
    index: int  # of its first line
    indent: str
    imports: list[tuple[int, str]]  # (index, module) of the one-line `from .module import ...` lines it starts with


def _type_checking_body(lines: list[str]) -> _TypeCheckingBody | None:
    """The body of the module-level `if TYPE_CHECKING...:` and the relative imports it starts with."""
    for index, line in enumerate(lines):
        if _TYPE_CHECKING_IF.match(line.rstrip("\r\n")):
            body = next((text for text in lines[index + 1 :] if text.strip()), "")
            indent = body[: len(body) - len(body.lstrip())]
            if not indent:
                return None
            imports = []
            for position in range(index + 1, len(lines)):
                found = _RELATIVE_IMPORT.match(lines[position].rstrip("\r\n"))
                if found is None or not lines[position].startswith(indent + "from"):
                    break
                imports.append((position, found.group("module")))
            return _TypeCheckingBody(index + 1, indent, imports)
    return None


def _isort_key(name: str) -> tuple[int, str]:
    """isort's order by type, as ruff applies it: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def _import_under_type_checking(body: _TypeCheckingBody | None, exports: list, lines: list[str]) -> Fix | None:
    """For the objects `_import_structure` lists without a backend guard: their imports in the TYPE_CHECKING
    half, outside every guard, among the relative imports it starts with (by module, as isort orders them),
    in one fix shared by their findings. Unsafe: with eager imports (`DIFFUSERS_SLOW_IMPORT`) the modules are
    then imported at once, which fails if one needs a backend after all."""
    if body is None or not exports:
        return None
    by_module: dict[str, list[str]] = {}
    for export in exports:
        by_module.setdefault(export.module, []).append(export.name)
    after_imports = body.imports[-1][0] + 1 if body.imports else body.index
    inserts: dict[int, str] = {}
    merged: dict[int, str] = {}  # an existing import of the same module, with the new names
    for module, names in sorted(by_module.items()):
        same = next((i for i, existing in body.imports if existing == module), None)
        if same is not None:
            present = [n.strip() for n in lines[same].split(" import ", 1)[1].split("#")[0].split(",") if n.strip()]
            names = present + [n for n in names if n not in present]
        line = f"{body.indent}from .{module} import {', '.join(sorted(names, key=_isort_key))}\n"
        if same is not None:
            merged[same] = line
            continue
        at = next((i for i, existing in body.imports if existing > module), after_imports)
        inserts[at] = inserts.get(at, "") + line
    if not body.imports:
        inserts[body.index] += "\n"  # as ruff format separates imports from the statement after them
    edits = tuple(
        Edit(at, at + 1, inserts.get(at, "") + merged[at]) if at in merged else Edit(at, at, inserts[at])
        for at in sorted(set(inserts) | set(merged))
    )
    return Fix(edits, "import them under TYPE_CHECKING, outside the backend guards", safe=False)


def _is_dotted_name(module: str) -> bool:
    return all(part.isidentifier() for part in module.split("."))


def _covered_by_defined_structure(module: str, init: LazyInit) -> bool:
    prefixes = [prefix for prefix, _ in init.defined_structures if prefix]
    return any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes)


def compare_halves(path: str, init: LazyInit, lines: list[str]) -> list[Diagnostic]:
    """Each object of one half that the other half lacks; per backend when both halves are guarded."""
    found = []
    lazy = {
        e.name: (key, e)
        for key, exports in init.structure.items()
        if not key.startswith("dummy:")
        for e in exports
        if e.module not in init.dummy_modules
    }
    typed = {
        e.name: (key, e) for key, exports in init.type_checking.items() if not key.startswith("dummy:") for e in exports
    }
    missing = [
        (name, key, export)
        for name, (key, export) in sorted(lazy.items(), key=lambda item: item[1][1].line)
        if name not in typed and name not in init.module_imports
    ]
    unguarded = [e for _, key, e in missing if key == "none" and _is_dotted_name(e.module)]
    # The TYPE_CHECKING block is looked for only when there is something to import into it.
    import_fix = _import_under_type_checking(_type_checking_body(lines), unguarded, lines) if unguarded else None
    for name, key, export in missing:
        found.append(
            Diagnostic(
                rules.HALVES_DIFFER.code,
                path,
                export.line,
                export.column,
                f"`{name}` is in `_import_structure[{export.module!r}]` but not imported under TYPE_CHECKING",
                data={"object": name, "backend": key, "half": "type_checking"},
                fix=import_fix if export in unguarded else None,
            )
        )
    star_modules = {module for module, _ in init.star_imports}
    for name, (key, export) in sorted(typed.items(), key=lambda item: item[1][1].line):
        if name in lazy or _covered_by_defined_structure(export.module, init) or export.module in star_modules:
            continue
        found.append(
            Diagnostic(
                rules.HALVES_DIFFER.code,
                path,
                export.line,
                export.column,
                f"`{name}` is imported under TYPE_CHECKING from `.{export.module}` but is not in `_import_structure`",
                data={"object": name, "backend": key, "half": "structure"},
            )
        )
    if init.type_checking_guarded:
        for name, (key, export) in sorted(typed.items(), key=lambda item: item[1][1].line):
            if name in lazy and _backends(lazy[name][0]) != _backends(key):
                found.append(
                    Diagnostic(
                        rules.BACKEND_DIFFERS.code,
                        path,
                        export.line,
                        export.column,
                        rules.BACKEND_DIFFERS.message.format(
                            name=name, structure_backend=guard_words(lazy[name][0]), backend=guard_words(key)
                        ),
                        data={"object": name, "backend": key, "structure_backend": lazy[name][0]},
                    )
                )
    return found


def guard_words(key: str) -> str:
    """How a backend key reads in a message: `torch_and_vision` -> "`torch` and `vision`"; `none` -> no guard."""
    if key == "none":
        return "no backend (always imported)"
    return " and ".join(f"`{backend}`" for backend in key.split("_and_"))


def _backends(key: str) -> frozenset[str]:
    return frozenset(key.split("_and_"))


def duplicates(path: str, init: LazyInit, lines: list[str]) -> list[Diagnostic]:
    found = []
    for half, table in (("structure", init.structure), ("type_checking", init.type_checking)):
        for key, exports in table.items():
            if key.startswith("dummy:"):
                continue
            first: dict[str, object] = {}  # name -> its first entry; a later one is the duplicate
            for export in exports:
                if export.name not in first:
                    first[export.name] = export
                    continue
                where = "`_import_structure`" if half == "structure" else "the TYPE_CHECKING half"
                edit = _duplicate_edit(lines, first[export.name], export)
                found.append(
                    Diagnostic(
                        rules.DUPLICATE.code,
                        path,
                        export.line,
                        export.column,
                        f"`{export.name}` is listed more than once in {where} (backend `{key}`)",
                        data={"object": export.name, "backend": key, "half": half},
                        fix=Fix((edit,), f"remove the second `{export.name}`") if edit else None,
                    )
                )
    return found


_QUOTED_NAME = re.compile(r"""(["'])[A-Za-z_]\w*\1""")


def _duplicate_edit(lines: list[str], earlier, later) -> Edit | None:
    """Removing the later of two entries of the same list (the next one on the same line, or the same line
    again right below): nothing else changes. Entries further apart may be in different modules' lists,
    where which one is right is for a person."""
    index = later.line - 1
    if not 0 <= index < len(lines):
        return None
    text = lines[index]
    start = later.column - 1
    quoted = _QUOTED_NAME.match(text, start)
    if quoted is None:
        return None
    if earlier.line == later.line - 1 and lines[index - 1].strip() == text.strip() == quoted.group(0) + ",":
        return Edit(index, index + 1, "")
    before = text[:start].rstrip()
    if earlier.line == later.line and before.endswith(","):
        return Edit(index, index + 1, before[:-1] + text[quoted.end() :])
    return None


def package_submodules(repo, source: str) -> list[str]:
    """The package's public top-level modules and folders holding Python files (found without importing).

    Nested packages are their own init's business: `import lib.a.b` works through `lib.a`'s path.
    """
    prefix = source.rstrip("/") + "/"
    found: set[str] = set()
    for path in repo.python_files(source):
        parts = path[len(prefix) :].split("/")
        name = parts[0][:-3] if len(parts) == 1 else parts[0]
        if not name.startswith("_"):
            found.add(name)
    return sorted(found)


def unregistered_submodules(repo, source: str, init: LazyInit, ignore: list[str]) -> list[Diagnostic]:
    keys = set(init.structure_keys)
    found = []
    for module in package_submodules(repo, source):
        if module in ignore or module in keys or _covered_by_defined_structure(module, init):
            continue
        if any(key.startswith(module + ".") for key in keys):
            continue  # a package whose submodules are registered is importable
        found.append(
            Diagnostic(
                rules.SUBMODULE_NOT_REGISTERED.code,
                f"{source}/__init__.py",
                1,
                1,
                f'submodule `{module}` is not a key of `_import_structure` (add `"{module}": []`, or list it in '
                "`[tool.repo-lint.inits] ignore-submodules`)",
                data={"object": module},
            )
        )
    return found


def _unsorted_regions(text: str, flavor: str):
    from repo_lint.checks.inits.isort import unsorted_regions

    return unsorted_regions(text, flavor)


def unsorted(path: str, regions) -> list[Diagnostic]:
    """INI005, one finding per unsorted statement or block, each with its own fix."""
    return [
        Diagnostic(
            rules.UNSORTED.code,
            path,
            region.start_line + 1,
            1,
            region.what if region.what.startswith("blank line") else f"{region.what} are not sorted",
            end_line=region.end_line,
            fix=Fix((region.edit(),), "sort as `custom_init_isort` does"),
        )
        for region in regions
    ]


def judge_all(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    source = repo.config["source"]
    if not source:
        return [
            Diagnostic(
                rules.UNREADABLE.code,
                "pyproject.toml",
                1,
                1,
                "inits cannot be checked: no package `source` is configured",
            )
        ]
    source = source.strip("/")
    found = judge_lazy_inits(repo, options, source)
    for folder in options["model-folders"]:
        found.extend(judge_model_folders(repo, folder.strip("/"), tuple(options["private-models"])))
        found.extend(unimported_model_folders(repo, folder.strip("/")))
    return found


def unimported_model_folders(repo, folder: str) -> list[Diagnostic]:
    """INI010: the subfolders holding model code that the generated `<folder>/__init__.py` does not import."""
    init_path = f"{folder}/__init__.py"
    init_text = repo.text(init_path) if repo.exists(init_path) else None
    if init_text is None or not _STAR_IMPORT_LINE.search(init_text):
        return []  # not a generated init of model folders
    imported = {match.group(1): match.start() for match in _IMPORTED_FOLDER.finditer(init_text)}
    found = []
    for name in _model_code_folders(repo, folder):
        if name in imported:
            continue
        # Reported where the import belongs: before the first imported folder that sorts after it.
        after = [offset for other, offset in imported.items() if other > name]
        offset = min(after) if after else max(imported.values())
        line = init_text.count("\n", 0, offset) + 1 + (0 if after else 1)
        message = f"model folder `{name}` is not imported by `{init_path}` (`from .{name} import *`)"
        found.append(
            Diagnostic(rules.MODEL_FOLDER_NOT_IMPORTED.code, init_path, line, 1, message, data={"folder": name})
        )
    return found


_IMPORTED_FOLDER = re.compile(r"^[ \t]+from \.(\w+) import \*", re.MULTILINE)


def _model_code_folders(repo, folder: str) -> list[str]:
    """Subfolders of `folder` with a non-empty `__init__.py` and at least one module besides it."""
    modules: dict[str, list[str]] = {}
    prefix = folder + "/"
    for path in repo.python_files(folder):
        parts = path[len(prefix) :].split("/")
        if len(parts) == 2:
            modules.setdefault(parts[0], []).append(parts[1])
    return sorted(
        name
        for name, files in modules.items()
        if "__init__.py" in files and len(files) > 1 and (repo.text(f"{prefix}{name}/__init__.py") or "").strip()
    )


def judge_model_folders(repo, folder: str, private: tuple[str, ...]) -> list[Diagnostic]:
    """Transformers v5: generated model inits (INI007) and `__all__` of their modules (INI008, INI009)."""
    from repo_lint.checks.inits import model_folders as mf

    modules_by_folder: dict[str, list[str]] = {}
    prefix = folder + "/"
    for path in repo.python_files(folder):
        parts = path[len(prefix) :].split("/")
        if len(parts) == 2:
            modules_by_folder.setdefault(parts[0], []).append(path)
    exported = [
        p
        for p in repo.python_files(folder)
        if p.count("/") == folder.count("/") + 2
        and not p.rsplit("/", 1)[1].startswith(("modular_", "convert_", "__init__"))
        and repo.contains(p, "__all__")
    ]
    repo.prefetch(exported, _all_facts, private)
    found: list[Diagnostic] = []
    for name, paths in sorted(modules_by_folder.items()):
        init_path = f"{prefix}{name}/__init__.py"
        if init_path not in paths:
            continue
        init_text = repo.text(init_path)
        if init_text is None or "define_import_structure" not in init_text:
            continue  # not a generated init
        with_all = []
        for path in sorted(p for p in paths if p != init_path):
            if path.rsplit("/", 1)[1].startswith(("modular_", "convert_")):
                continue  # generated-from or one-off scripts: never exported, may name what they generate
            if not repo.contains(path, "__all__"):
                continue
            declared = repo.facts(path, _all_facts, private)
            if declared is None:
                continue
            names, line, undefined, missing_by_kind = declared
            missing = missing_by_kind.get(path.rsplit("/", 1)[1].split("_", 1)[0], [])
            with_all.append(path.rsplit("/", 1)[1][:-3])
            for undefined_name, at in undefined:
                found.append(
                    Diagnostic(
                        rules.ALL_NAME_UNDEFINED.code,
                        path,
                        at,
                        1,
                        f"`{undefined_name}` is in `__all__` but not defined in this module",
                        data={"object": undefined_name},
                    )
                )
            for missing_name, at in missing:
                found.append(
                    Diagnostic(
                        rules.MISSING_FROM_ALL.code,
                        path,
                        at,
                        1,
                        f"public class `{missing_name}` is not listed in `__all__` (line {line})",
                        data={"object": missing_name},
                    )
                )
        if not with_all and not _STAR_IMPORT_LINE.search(init_text):
            continue  # a folder of folders (`deprecated/`): nothing to generate
        expected = mf.expected_model_init(init_text, with_all)
        if expected != init_text:
            lines = init_text.split("\n")
            first = next(
                (i for i, (a, b) in enumerate(zip(lines, expected.split("\n"), strict=False)) if a != b), len(lines) - 1
            )
            message = (
                f"`{init_path}` is not the generated init for the modules with `__all__` "
                f"({', '.join(with_all) or 'none'})"
            )
            dropped = sorted(mf.top_level_names(init_text).keys() - mf.top_level_names(expected).keys())
            fix = Fix((Edit(0, len(split_lines(init_text)), expected),), "regenerate the model init")
            if dropped:  # hand-written definitions: regenerating would delete them, which is for a person to do
                message += f"; not fixed: regenerating it would drop {', '.join(f'`{n}`' for n in dropped)}"
                fix = None
            found.append(Diagnostic(rules.MODEL_INIT_OUTDATED.code, init_path, first + 1, 1, message, fix=fix))
    return found


def _all_facts(text: str, private: tuple[str, ...]):
    """(`__all__` names, its line, undefined names, {file kind: public classes missing from it}).

    The file name decides which classes must be exported (`configuration_*`: configs, `modeling_*`:
    models); both answers are kept so the facts depend on the text alone and can be extracted in bulk.
    """
    from repo_lint.checks.inits import model_folders as mf

    declared = mf.declares_all(text)
    if declared is None:
        return None
    names, line = declared
    missing = {
        kind: mf.missing_from_all(f"{kind}_x.py", text, names, private=private)
        for kind in ("configuration", "modeling")
    }
    return names, line, mf.undefined_in_all(text), missing
