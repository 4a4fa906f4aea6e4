"""Judgement of the STR rules on tests: the decorator order of tests (STR011), whether each model class is tested
by its test module (STR012), and whether a test module imports each class of the tested bases (STR013)."""

from __future__ import annotations

import posixpath

from repo_lint.checks.structure import rules, test_decorators, tested_models

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.facts.classes import classes_of
from repo_lint.workspace import matches_any


def judge_test_decorators(repo, options) -> list[Diagnostic]:
    """STR011: `@parameterized...` is the first decorator of its definition in the test files."""
    found = []
    for path in [path for path in repo.python_files(None) if matches_any(path, options["test-files"])]:
        if not repo.contains(path, "@" + test_decorators.PREFIX):
            continue
        for late in repo.facts(path, test_decorators.late_decorators) or ():
            fix = None
            if late.movable:
                text = test_decorators.moved_first(repo.lines(path), late)
                fix = Fix((Edit(late.first_line - 1, late.end_line, text),), f"move `@{late.decorator}` first")
            rule = rules.PARAMETERIZED_NOT_FIRST
            message = rule.message.format(decorator=late.decorator, name=late.definition)
            found.append(Diagnostic(rule.code, path, late.line, 1, message, fix=fix, data={"class": late.definition}))
    return found


def judge_tested_models(repo, options, hierarchy, model_files: list[str]) -> list[Diagnostic]:
    """STR012: each model class of a modeling module is tested by the test module named after it."""
    tests = options["tests-folder"].strip("/")
    if not tests or not repo.is_folder(f"{tests}/models"):
        return []  # no model tests in this tree (a released sdist)
    test_files = _test_files(repo, tests)
    testers = tested_models.model_testers(options["model-testers"])
    untested, suffixes = set(options["untested-models"]), tuple(options["untested-suffixes"])
    without_common = set(options["tests-without-common-tests"])
    ignored = set(options["untested-modules"])
    found = []
    for path in model_files:
        stem = posixpath.basename(path)[: -len(".py")]
        if "/deprecated/" in path or stem in ignored:
            continue
        models = [
            (name, line)
            for name, line in _top_level_classes(repo, path, hierarchy)
            if "Pretrained" not in name and "PreTrained" not in name
        ]
        expected = f"test_{stem}.py"
        candidates = test_files.get(expected, [])
        if len(candidates) != 1:
            where = f"`{tests}/` or `{tests}/models/*/`"
            why = (
                f"has no test module `{expected}` in {where}"
                if not candidates
                else (f"has several test modules: {', '.join(f'`{c}`' for c in candidates)}")
            )
            found.append(_finding(path, 1, f"`{stem}.py` {why}", stem))
            continue
        test_file = candidates[0]
        tested = repo.facts(test_file, tested_models.tested_classes, testers)
        if tested is None:
            continue  # RL001 says the test module does not parse
        if not tested:
            if test_file[len(tests) + 1 :] not in without_common:
                why = f"`{test_file}` tests no model class (no `all_model_classes`, no model tester attributes)"
                found.append(_finding(test_file, 1, why, stem))
            continue
        for name, line in models:
            if name in tested or name in untested or tested_models.is_building_block(name, suffixes):
                continue
            why = f"`{name}` is not tested: `{test_file}` names it neither in `all_model_classes` nor in a model tester"
            found.append(_finding(path, line, why, name))
    return found


def _test_files(repo, tests: str) -> dict[str, list[str]]:
    """The `test_modeling*` modules directly in `tests/` or in a folder of `tests/models/`, by file name."""
    found: dict[str, list[str]] = {}
    for path in repo.files(tests, ".py"):
        parts = path[len(tests) + 1 :].split("/")
        if len(parts) == 1 or (len(parts) == 3 and parts[0] == "models"):
            if "test_modeling" in parts[-1]:
                found.setdefault(parts[-1], []).append(path)
    return found


def _top_level_classes(repo, path: str, hierarchy):
    """(name, line) of the classes of the module that derive from the base model class."""
    for fact in classes_of(repo, path):
        chain = hierarchy.chain(fact.name, path)
        if chain is not None and len(chain) >= 2:
            yield fact.name, fact.line


def _finding(path: str, line: int, why: str, name: str, rule=rules.MODEL_UNTESTED) -> Diagnostic:
    return Diagnostic(rule.code, path, line, 1, rule.message.format(why=why), data={"class": name})


def judge_imported_by_tests(repo, options, source: str) -> list[Diagnostic]:
    """STR013: each class deriving from one of `tested-bases` is imported by some module of the tests folder."""
    bases, tests = set(options["tested-bases"]), options["tests-folder"].strip("/")
    if not bases or not tests or (repo.codes is not None and rules.CLASS_UNTESTED.code not in repo.codes):
        return []
    folders = [folder.replace("{source}", source).strip("/") for folder in options["tested-folders"]]
    paths = sorted({path for folder in folders if folder for path in repo.files(folder, ".py")})
    if repo.changed is not None:
        paths = [path for path in paths if path in repo.changed]  # the others are not reported
    candidates = [(path, fact) for path in paths for fact in classes_of(repo, path) if bases & set(fact.bases)]
    if not candidates:
        return []
    test_files = repo.files(tests, ".py")
    found = []
    for path, fact in candidates:
        if not any(_imports(repo, test, fact.name) for test in test_files):
            base = next(base for base in fact.bases if base in bases)
            why = f"`{fact.name}` (a `{base}`) is imported by no module of `{tests}/`: it has no test"
            found.append(_finding(path, fact.line, why, fact.name, rules.CLASS_UNTESTED))
    return found


def _imports(repo, path: str, name: str) -> bool:
    return repo.contains(path, name) and name in (repo.facts(path, tested_models.imported_names) or ())
