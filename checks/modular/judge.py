"""Judgement of the MOD family: banners that name a missing modular file (MOD003) and generated files edited
by hand in the changed set (MOD002)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from repo_lint.checks.modular import MODULAR_EDGES, SECTION, rules
from repo_lint.checks.modular.facts import banner_source, modular_parents

from repo_lint.diagnostics import Diagnostic
from repo_lint.workspace import text_at_revision


@dataclass(frozen=True)
class ModularEdges:
    """Which file is generated from which modular file, and which modules each modular file imports from."""

    generated: tuple[tuple[str, int, str], ...]  # (generated file, banner line, modular file), sorted
    parents: tuple[tuple[str, str], ...]  # (modular file, model module it is built from: `parents_of`)


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    marker = options["generated-marker"]
    if not marker:
        return []
    found = []
    generated_from = []
    for path in repo.python_files():
        if not repo.contains(path, marker):
            continue
        banner = repo.facts(path, banner_source, marker, options["banner-lines"])
        if banner is None:
            continue
        modular, line = banner
        if not _is_repository_file(repo, modular):
            message = f"`{path}` is generated from `{modular}`, which is not a file of the repository"
            data = {"generated": path, "modular": modular}
            found.append(Diagnostic(rules.MODULAR_MISSING.code, path, line, 1, message, data=data))
            continue
        generated_from.append((path, line, modular))
        if repo.changed is not None and path in repo.changed:
            found.extend(_edited_by_hand(repo, path, modular))
    if repo.wants(MODULAR_EDGES):
        modulars = sorted({modular for _, _, modular in generated_from})
        parents = tuple((modular, parent) for modular in modulars for parent in parents_of(repo, modular))
        repo.record(MODULAR_EDGES, ModularEdges(tuple(sorted(generated_from)), parents))
    return found


def _is_repository_file(repo, path: str) -> bool:
    normal = posixpath.normpath(path)
    return normal == path and not normal.startswith(("/", "../")) and repo.exists(path)


def _edited_by_hand(repo, generated: str, modular: str) -> list[Diagnostic]:
    """MOD002 when the generated file changed while neither its modular file nor a module it imports from did
    (those changes call for a regeneration, which rewrites the generated file legitimately)."""
    parents = parents_of(repo, modular)
    if modular in repo.changed or any(parent in repo.changed for parent in parents):
        return []
    message = (
        f"`{generated}` was edited by hand: it is generated from `{modular}`, which did not change; edit the "
        "modular file and regenerate"
    )
    data = {"generated": generated, "modular": modular, "parents": list(parents)}
    line = _first_changed_line(repo, generated)
    return [Diagnostic(rules.GENERATED_EDITED.code, generated, line, 1, message, data=data)]


def parents_of(repo, modular: str) -> tuple[str, ...]:
    """The model modules the modular file imports from (`models/llama/modeling_llama.py`, its own folder's
    `configuration_*.py`): the files its generated code is built from. Imports of the library's shared modules
    (`modeling_utils`, `utils`) and of packages (`from ..auto import AutoModel`) stay imports in the generated
    code, so a change there calls for no regeneration."""
    modules = repo.facts(modular, modular_parents, modular, repo.config["package"] or "", repo.config["source"] or "")
    models_folder = posixpath.dirname(posixpath.dirname(modular)) + "/"
    return tuple(
        f"{module}.py" for module in modules or () if module.startswith(models_folder) and repo.exists(f"{module}.py")
    )


def _first_changed_line(repo, path: str) -> int:
    """The first line of `path` that differs from the commit the changed set is compared with (1 when there is
    no such commit, or the file is new there)."""
    if repo.changed_base is None:
        return 1
    old = text_at_revision(repo.root, repo.changed_base, path)
    if old is None:
        return 1
    now = repo.text(path) or ""
    differing = (n for n, (a, b) in enumerate(zip(old.split("\n"), now.split("\n"), strict=False), start=1) if a != b)
    return min(next(differing, 1), max(1, len(now.splitlines())))
