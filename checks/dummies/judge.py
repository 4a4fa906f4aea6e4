"""Judgement of the DUM family: each backend guard of the main init against its dummy file."""

from __future__ import annotations

from dataclasses import dataclass, field

from repo_lint.checks.dummies import rules
from repo_lint.checks.dummies.generate import (
    dummy_file_text,
    dummy_object_text,
    dummy_path,
    first_difference_line,
    read_dummy_file,
)

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.facts.lazy_init import Export, extract_init
from repo_lint.workspace import matches_any, split_lines

SECTION = "dummies"


@dataclass
class DummyPlan:
    """The dummy file one or more guard blocks fall back on, and the objects it must hold (init order)."""

    path: str
    key: str
    exports: list[Export] = field(default_factory=list)


def plan_dummy_files(init, init_half: str, template: str, aliases: dict[str, str], source: str) -> list[DummyPlan]:
    """Guards that fall back on the same dummy module are merged (the Diffusers reference drops all but one)."""
    plans: dict[str, DummyPlan] = {}
    for guard in init.guards:
        if guard.half != init_half:
            continue
        if guard.dummy_module:
            path = f"{source}/utils/{guard.dummy_module}.py"
        else:
            path = dummy_path(guard.key, template, aliases)
        plan = plans.setdefault(path, DummyPlan(path, guard.key))
        plan.exports.extend(guard.exports)
    return list(plans.values())


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    source = (repo.config["source"] or "").strip("/")
    main_init = f"{source}/__init__.py"
    if not source or not repo.exists(main_init):
        return [
            Diagnostic(
                rules.DUMMY_FILE_DIFFERS.code,
                "pyproject.toml",
                1,
                1,
                f"dummies cannot be checked: no main init `{main_init}`",
            )
        ]
    key_order = repo.settings("inits")["backend-key-order"]
    init = repo.facts(main_init, extract_init, key_order)
    if init is None or not init.guards:
        return []  # no backend guards: nothing needs dummies
    template = options["path"].replace("{source}", source)
    plans = plan_dummy_files(init, options["init-half"], template, options["backend-aliases"], source)
    found: list[Diagnostic] = []
    for plan in plans:
        found.extend(judge_file(repo, plan, main_init, options))
    found.extend(orphans(repo, {p.path for p in plans}, template, options["ignore-files"]))
    return found


def judge_file(repo, plan: DummyPlan, main_init: str, options: dict) -> list[Diagnostic]:
    flavor, names_map = options["flavor"], options["backend-names"]
    names = [e.name for e in plan.exports]
    expected = dummy_file_text(plan.key, names, flavor, backend_names=names_map)
    exists = repo.exists(plan.path)
    actual = repo.text(plan.path) if exists else ""
    if actual is None or actual == expected:
        return []
    fix = Fix((Edit(0, len(split_lines(actual)), expected, path=plan.path),), f"regenerate `{plan.path}`")
    data = {"backend": plan.key, "dummy_path": plan.path}
    objects = read_dummy_file(actual)
    present = {o.name for o in objects}
    wanted = set(names)
    found = []
    for export in plan.exports:
        if export.name not in present:
            found.append(
                Diagnostic(
                    rules.DUMMY_MISSING.code,
                    main_init,
                    export.line,
                    export.column,
                    f"`{export.name}` needs backend `{plan.key}` but has no dummy in `{plan.path}`",
                    fix=fix,
                    data={**data, "object": export.name},
                )
            )
    for obj in objects:
        if obj.name not in wanted:
            found.append(
                Diagnostic(
                    rules.DUMMY_EXTRA.code,
                    plan.path,
                    obj.line,
                    1,
                    f"dummy `{obj.name}` matches no object guarded by `{plan.key}` in `{main_init}`",
                    fix=fix,
                    data={**data, "object": obj.name},
                )
            )
        elif obj.text != dummy_object_text(obj.name, plan.key, flavor, backend_names=names_map).lstrip("\n"):
            found.append(
                Diagnostic(
                    rules.DUMMY_STALE.code,
                    plan.path,
                    obj.line,
                    1,
                    f"dummy `{obj.name}` differs from the generated placeholder for backend `{plan.key}`",
                    fix=fix,
                    data={**data, "object": obj.name},
                )
            )
    if not found:
        line = first_difference_line(expected, actual) or 1
        what = "is missing" if not exists else "differs from the generated file (order, header or spacing)"
        found.append(
            Diagnostic(
                rules.DUMMY_FILE_DIFFERS.code,
                plan.path if exists else main_init,
                line,
                1,
                f"dummy file `{plan.path}` {what}",
                fix=fix,
                data=data,
            )
        )
    return found


def orphans(repo, expected_paths: set[str], template: str, ignored: list[str]) -> list[Diagnostic]:
    pattern = template.replace("{backend}", "*")
    found = []
    for path in repo.workspace.files:
        if matches_any(path, [pattern]) and path not in expected_paths and not matches_any(path, ignored):
            found.append(
                Diagnostic(
                    rules.DUMMY_ORPHAN.code,
                    path,
                    1,
                    1,
                    "no backend guard of the main init falls back on this dummy file (its backend is gone)",
                    data={"dummy_path": path},
                )
            )
    return found
