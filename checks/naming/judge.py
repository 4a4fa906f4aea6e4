"""Judgement of the NAM family: model file names (NAM001) and class prefixes (NAM002) from file names and
column-0 `class` lines, then the style rules (NAM003-NAM005) from one `ast` walk per file in their scope."""

from __future__ import annotations

from fnmatch import fnmatchcase

from repo_lint.checks.naming import rules
from repo_lint.checks.naming.facts import FileClasses, file_kind, normalized, read_class_names, read_file_classes
from repo_lint.checks.naming.style import StyleFacts, StyleSpec, read_style_facts

from repo_lint.diagnostics import Diagnostic
from repo_lint.workspace import matches_any

SECTION = "naming"
STYLE_CODES = (rules.NAM_ONE_LETTER.code, rules.NAM_ABBREVIATION.code, rules.NAM_ANNOTATION.code)


def _wanted(repo) -> set[str] | None:
    """The NAM codes this run reports, when the engine says (`repo.codes`); None: all of them. Lets a run
    that reports only NAM001/NAM002 (a full run where NAM003-NAM005 are `changed-only`) skip parsing every
    file for the style rules; `repo.changed` (the changed set of `--changed-since`) limits them likewise."""
    codes = repo.codes
    return None if codes is None else {code for code in codes if code.startswith("NAM")}


def _expand(pattern: str, source: str) -> str | None:
    if "{source}" in pattern and not source:
        return None
    return pattern.replace("{source}", source).strip("/")


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    source = (repo.config["source"] or "").strip("/")
    wanted = _wanted(repo)
    found: list[Diagnostic] = []
    folder = _expand(options["models-folder"], source) if options["models-folder"] else None
    if folder and (wanted is None or wanted & {rules.NAM_FILE_NAME.code, rules.NAM_CLASS_PREFIX.code}):
        models = _model_files(repo, folder, set(options["ignore-folders"]))
        if wanted is None or rules.NAM_FILE_NAME.code in wanted:
            found.extend(judge_file_names(folder, models, options))
        if wanted is None or rules.NAM_CLASS_PREFIX.code in wanted:
            found.extend(judge_class_prefixes(repo, folder, models, options))
    style = [code for code in STYLE_CODES if wanted is None or code in wanted]
    if style:
        found.extend(judge_style(repo, options, source, style, repo.changed))
    return found


def _model_files(repo, folder: str, ignored: set[str]) -> dict[str, list[str]]:
    """Model folder name -> the Python files directly in it, for the subfolders with an `__init__.py`."""
    models: dict[str, list[str]] = {}
    for path in repo.python_files(folder):
        parts = path[len(folder) + 1 :].split("/")
        if len(parts) == 2 and parts[0] not in ignored:
            models.setdefault(parts[0], []).append(path)
    return {name: sorted(paths) for name, paths in sorted(models.items()) if f"{folder}/{name}/__init__.py" in paths}


# --- NAM001 ----------------------------------------------------------------------------------------------


def judge_file_names(folder: str, models: dict[str, list[str]], options: dict) -> list[Diagnostic]:
    kinds = tuple(options["file-kinds"])
    ignored = list(options["ignore-files"])
    found = []
    for name, paths in models.items():
        for path in paths:
            file = path.rsplit("/", 1)[1]
            stem = file[:-3]
            if file == "__init__.py" or file_kind(stem, name, kinds) or matches_any(f"{name}/{file}", ignored):
                continue
            found.append(
                Diagnostic(
                    rules.NAM_FILE_NAME.code,
                    path,
                    1,
                    1,
                    f"`{file}` in model folder `{name}` is not named `<kind>_{name}.py` "
                    f"(or `<kind>_{name}_<variant>.py`) "
                    f"with a known kind ({', '.join(f'`{k}`' for k in kinds[:4])}, ...)",
                    data={"folder": name, "file": file},
                )
            )
    return found


# --- NAM002 ----------------------------------------------------------------------------------------------


def judge_class_prefixes(repo, folder: str, models: dict[str, list[str]], options: dict) -> list[Diagnostic]:
    marker = options["generated-marker"]
    class_kinds = tuple(options["class-kinds"])
    config_kinds = tuple(options["config-kinds"])
    suffix = options["config-suffix"]
    frameworks = [""] + [normalized(p) for p in options["framework-prefixes"]]
    ignored = list(options["ignore-classes"])
    scoped: dict[str, list[str]] = {}
    for name, paths in models.items():
        for path in paths:
            stem = path.rsplit("/", 1)[1][:-3]
            if file_kind(stem, name, class_kinds + config_kinds):
                scoped.setdefault(name, []).append(path)
    # No `repo.prefetch`: a regex over the text is cheaper in-process than shipping the files to a pool.
    found = []
    for name, paths in scoped.items():
        facts: dict[str, FileClasses] = {}
        for path in paths:
            value = repo.facts(path, read_file_classes, marker)
            if value is not None:
                facts[path] = value
        configs = _config_prefixes(name, facts, config_kinds, suffix)
        prefixes = configs | ({name} if options["folder-prefix"] else set())
        wanted = [normalized(f) + normalized(p) for p in prefixes for f in frameworks]
        shown = ", ".join(f"`{p}`" for p in sorted(configs or prefixes, key=lambda p: (len(p), p))[:4])
        for path, value in facts.items():
            stem = path.rsplit("/", 1)[1][:-3]
            if not file_kind(stem, name, class_kinds):
                continue
            bad = [
                c
                for c in value.classes
                if not c.name.startswith("_")
                and not any(normalized(c.name).startswith(w) for w in wanted)
                and not any(fnmatchcase(c.name, p) or fnmatchcase(f"{name}/{c.name}", p) for p in ignored)
            ]
            if bad:  # confirm with the syntax tree that these are real top-level classes (not text in a string)
                real = repo.facts(path, read_class_names)
                bad = [c for c in bad if real is not None and c.name in real]
            for item in bad:
                where = f" (generated from `{value.generated_from}`: rename it there)" if value.generated_from else ""
                found.append(
                    Diagnostic(
                        rules.NAM_CLASS_PREFIX.code,
                        path,
                        item.line,
                        item.column,
                        f"class `{item.name}` in model folder `{name}` does not start with the model prefix "
                        f"({shown or 'none found'}){where}",
                        end_column=item.column + len(item.name),
                        data={"class": item.name, "folder": name, "prefixes": sorted(prefixes)},
                    )
                )
    return found


def _config_prefixes(name: str, facts: dict[str, FileClasses], config_kinds: tuple[str, ...], suffix: str) -> set[str]:
    """`Bert` for `BertConfig`, for each config class of the folder's configuration files."""
    prefixes = set()
    for path, value in facts.items():
        if file_kind(path.rsplit("/", 1)[1][:-3], name, config_kinds):
            prefixes.update(
                c.name[: -len(suffix)]
                for c in value.classes
                if suffix and c.name.endswith(suffix) and len(c.name) > len(suffix)
            )
    return prefixes


# --- NAM003-NAM005 ---------------------------------------------------------------------------------------


def judge_style(repo, options: dict, source: str, codes: list[str], changed=None) -> list[Diagnostic]:
    """NAM003-NAM005 for the files of their scope (only the changed ones when the engine gives a changed set:
    a finding in another file would not be reported anyway)."""
    style_globs = [g for g in (_expand(p, source) for p in options["style-files"]) if g]
    annotation_globs = [g for g in (_expand(p, source) for p in options["annotation-files"]) if g]
    marker = options["generated-marker"]
    base = dict(
        one_letter_allowed=tuple(options["one-letter-allowed"]),
        abbreviations=tuple(sorted(options["abbreviations"].items())),
        annotate_star_args=options["annotate-star-args"],
    )
    groups: dict[tuple[str, ...], list[str]] = {}
    for path in repo.python_files():
        if changed is not None and path not in changed:
            continue
        wanted = []
        if style_globs and matches_any(path, style_globs):
            wanted += [c for c in codes if c != rules.NAM_ANNOTATION.code]
        if annotation_globs and rules.NAM_ANNOTATION.code in codes and matches_any(path, annotation_globs):
            wanted.append(rules.NAM_ANNOTATION.code)
        if wanted and not (marker and repo.contains(path, marker)):
            groups.setdefault(tuple(sorted(wanted)), []).append(path)
    allowed = list(options["allowed-names"])
    found = []
    for wanted, paths in sorted(groups.items()):
        spec = StyleSpec(codes=wanted, **base)
        repo.prefetch(paths, read_style_facts, spec)
        for path in paths:
            facts: StyleFacts | None = repo.facts(path, read_style_facts, spec)
            if facts is None:
                continue  # unreadable or unparsable: RL001 / RL002
            for finding in facts.findings:
                if finding.code == rules.NAM_ABBREVIATION.code and any(fnmatchcase(finding.name, p) for p in allowed):
                    continue
                found.append(_style_diagnostic(path, finding))
    return found


def _style_diagnostic(path: str, finding) -> Diagnostic:
    if finding.code == rules.NAM_ONE_LETTER.code:
        message = f"one-letter {finding.kind} name `{finding.name}`: use a descriptive name"
        data = {"name": finding.name, "kind": finding.kind}
    elif finding.code == rules.NAM_ABBREVIATION.code:
        word, preferred = finding.detail.split("=", 1)
        message = f"{finding.kind} name `{finding.name}` abbreviates `{preferred}` as `{word}`: spell it out"
        data = {"name": finding.name, "kind": finding.kind, "word": word, "preferred": preferred}
    else:
        message = f"public `{finding.name}` lacks type annotations: {finding.kind}"
        data = {"function": finding.name, "missing": finding.kind}
    end = finding.column + len(finding.name.rsplit(".", 1)[-1])
    return Diagnostic(finding.code, path, finding.line, finding.column, message, end_column=end, data=data)
