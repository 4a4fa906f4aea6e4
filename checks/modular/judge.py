"""Judgement of the MOD family: generated files that differ from their modular file's conversion (MOD001),
modular files that cannot be converted (MOD004), banners that name a missing modular file (MOD003) and
generated files edited by hand in the changed set (MOD002)."""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass

from repo_lint.checks.modular import MODULAR_EDGES, SECTION, rules
from repo_lint.checks.modular.facts import banner_source, modular_parents

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.workspace import matches_any, split_lines, text_at_revision

CONVERSION_CODES = frozenset({rules.GENERATED_DIFFERS.code, rules.NOT_CONVERTIBLE.code})


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
    if repo.codes is None or repo.codes & CONVERSION_CODES:
        found.extend(_conversion_findings(repo, options, generated_from))
    return found


def _conversion_findings(repo, options: dict, generated_from: list[tuple[str, int, str]]) -> list[Diagnostic]:
    """MOD001 for each generated file that is not what its modular file converts to, MOD004 for each modular
    file that cannot be converted. With a changed set, only the modular files it can affect are converted: the
    modular file, one of its generated files or a module it imports from changed."""
    from repo_lint.checks.modular.conversions import conversions, stale_outputs

    patterns = options["modular-files"]
    modulars = [path for path in repo.python_files() if matches_any(path, patterns)]
    generated_by: dict[str, set[str]] = {}
    for generated, _, modular in generated_from:
        generated_by.setdefault(modular, set()).add(generated)
    if repo.changed is not None:
        # files a fix rewrote in an earlier round count as changed: a regenerated parent calls for its children
        changed = repo.changed | repo.workspace.modified
        modulars = [
            path
            for path in modulars
            if {path, *generated_by.get(path, ()), *parents_of(repo, path, existing_only=False)} & changed
        ]
    # in path order: each worker of the pool keeps every parent it read (parent_view.parent_module), and the
    # parents are read (their facts extracted) while the pool converts
    modulars.sort()
    found = []
    results = conversions(repo, modulars, lambda path: parents_of(repo, path))
    for modular, conversion in sorted(results.items()):
        parents = list(parents_of(repo, modular))
        if conversion.unsupported is not None:
            generated = sorted(generated_by.get(modular, ()))
            found.append(_not_convertible(repo, modular, conversion.unsupported, parents, generated))
            continue
        for generated in stale_outputs(repo, conversion):
            finding = _generated_differs(repo, conversion, generated, parents)
            if finding is not None:
                found.append(finding)
    return found


def _generated_differs(repo, conversion, generated: str, parents: list[str]) -> Diagnostic | None:
    """MOD001 for one generated file whose digest is not the expected one (a file that differs only by its line
    endings is not reported)."""
    expected = (conversion.texts or {}).get(generated)
    if expected is None:
        return None
    modular = conversion.modular
    data = {"generated": generated, "modular": modular, "parents": parents}
    if not repo.exists(generated):
        message = f"`{generated}` is missing: it is generated from `{modular}`"
        fix = Fix((Edit(0, 0, expected, path=generated),), f"generate `{generated}` from `{modular}`")
        return Diagnostic(rules.GENERATED_DIFFERS.code, modular, 1, 1, message, fix=fix, data=data)
    actual = repo.text(generated)
    if actual is None or actual == expected:
        return None
    actual_lines, expected_lines = split_lines(actual), split_lines(expected)
    line = next(
        (n for n, (a, b) in enumerate(zip(actual_lines, expected_lines, strict=False), start=1) if a != b),
        min(len(actual_lines), len(expected_lines)) + 1,
    )
    line = max(1, min(line, len(actual_lines)))
    message = f"`{generated}` differs from what `{modular}` generates (first at line {line}); regenerate it"
    mismatch = _ruff_mismatch(repo)
    if mismatch:
        message += f" ({mismatch})"
    fix = Fix((Edit(0, len(actual_lines), expected),), f"regenerate `{generated}` from `{modular}`")
    detail = "".join(
        difflib.unified_diff(actual_lines, expected_lines, generated, f"{generated} (from {modular})", n=2)
    )
    return Diagnostic(rules.GENERATED_DIFFERS.code, generated, line, 1, message, fix=fix, data=data, detail=detail)


_PINNED_RUFF = re.compile(r"""["']ruff==([0-9][0-9A-Za-z.]*)["']""")


def _ruff_mismatch(repo) -> str:
    """When the repository pins another ruff than the one that formatted the conversion, say so: a different
    ruff may format some code differently (read from `setup.py`/`pyproject.toml` as text, never run)."""

    def compute() -> str:
        texts = [repo.text(name) or "" for name in ("setup.py", "pyproject.toml") if repo.exists(name)]
        pins = {pin for text in texts for pin in _PINNED_RUFF.findall(text)}
        installed = repo.formatter.version().removeprefix("ruff ")
        if len(pins) != 1 or installed in pins:
            return ""
        return f"formatted with ruff {installed}; the repository pins ruff=={pins.pop()}"

    return repo.memo("modular-ruff-mismatch", compute)


def _not_convertible(repo, modular: str, reason: str, parents: list[str], generated: list[str]) -> Diagnostic:
    message = f"`{modular}` cannot be converted ({reason}): its generated files are not checked"
    data = {"modular": modular, "generated": generated, "parents": parents, "reason": reason}
    return Diagnostic(rules.NOT_CONVERTIBLE.code, modular, _line_of(repo, modular, reason), 1, message, data=data)


def _line_of(repo, modular: str, reason: str) -> int:
    """The line of what the reason names (`Qwen2MLP.__init__`, `LlamaMLP in ...`): its definition, else a class
    that inherits from it, else its first mention; 1 when it names nothing of the file."""
    lines = repo.lines(modular)
    named = re.sub(r"\S*/(\w+)\.py\b", r"\1", reason.rsplit(": ", 1)[-1])  # a module path: its import names it
    for owner, member in re.findall(r"\b([A-Za-z_]\w*)(?:\.(\w+))?", named):
        if not re.search(r"[A-Z_]", owner):
            continue  # prose (`the`, `in`), not a name of the code
        word = re.escape(owner)
        for pattern in (rf"(class|def) {word}\b", rf"class \w+\(.*\b{word}\b", rf".*\b{word}\b"):
            start = next((i for i, text in enumerate(lines) if re.match(pattern, text)), None)
            if start is not None:
                return _member_line(lines, start, member) + 1
    return 1


def _member_line(lines: list[str], start: int, member: str) -> int:
    """The 0-based line of `def member` in the block that starts at `start`, else `start`."""
    if not member:
        return start
    definition = re.compile(rf"\s+(async\s+)?def {re.escape(member)}\b")
    for index in range(start + 1, len(lines)):
        if lines[index].strip() and not lines[index][0].isspace():
            break  # the block ended
        if definition.match(lines[index]):
            return index
    return start


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
    if line is None:
        return []  # the same text as at the base commit (a fix regenerated it): nothing was edited
    return [Diagnostic(rules.GENERATED_EDITED.code, generated, line, 1, message, data=data)]


def parents_of(repo, modular: str, *, existing_only: bool = True) -> tuple[str, ...]:
    """The model modules the modular file imports from (`models/llama/modeling_llama.py`, its own folder's
    `configuration_*.py`): the files its generated code is built from. Imports of the library's shared modules
    (`modeling_utils`, `utils`) and of packages (`from ..auto import AutoModel`) stay imports in the generated
    code, so a change there calls for no regeneration. `existing_only=False` keeps modules that do not exist
    (a deleted parent is a change that concerns the modular file)."""
    modules = repo.facts(modular, modular_parents, modular, repo.config["package"] or "", repo.config["source"] or "")
    models_folder = posixpath.dirname(posixpath.dirname(modular)) + "/"
    return tuple(
        f"{module}.py"
        for module in modules or ()
        if module.startswith(models_folder)
        and (repo.exists(f"{module}.py") or (not existing_only and not (repo.root / module).is_dir()))
    )


def _first_changed_line(repo, path: str) -> int | None:
    """The first line of `path` that differs from the commit the changed set is compared with (1 when there is
    no such commit, or the file is new there; None when the text is the same)."""
    if repo.changed_base is None:
        return 1
    old = text_at_revision(repo.root, repo.changed_base, path)
    if old is None:
        return 1
    now = repo.text(path) or ""
    if now == old:
        return None
    differing = (n for n, (a, b) in enumerate(zip(old.split("\n"), now.split("\n"), strict=False), start=1) if a != b)
    return min(next(differing, 1), max(1, len(now.splitlines())))
