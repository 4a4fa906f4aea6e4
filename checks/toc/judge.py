"""Judgement of the TOC family: the model part of the docs toctree, the doctest lists, model doc pages."""

from __future__ import annotations

from difflib import get_close_matches

from repo_lint.checks.toc import rules
from repo_lint.checks.toc.autodoc import Undocumentable, documented_names, module_all
from repo_lint.checks.toc.dates import dates_line, inserted_line, is_date
from repo_lint.checks.toc.doctest_lists import first_unsorted, read_doctest_list, sorted_text
from repo_lint.checks.toc.support_lists import class_statements, support_lists
from repo_lint.checks.toc.toctree import Section, cleaned, duplicates, read_toctree, rewrite_section

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.facts.config_mapping import config_class_names
from repo_lint.facts.lazy_init import extract_init
from repo_lint.parsing import PARSE_FAILURES

SECTION = "toc"


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    fixed = tuple(title.lower() for title in options["fixed-titles"])
    found = judge_toctree(repo, options["toctree"], tuple(options["models-part"]), fixed=fixed)
    for part in options["sorted-parts"]:
        titles = tuple(title.strip() for title in part.split(PART_SEPARATOR))
        found.extend(judge_toctree(repo, options["toctree"], titles, whole=True, fixed=fixed))
    for path in options["doctest-lists"]:
        found.extend(judge_doctest_list(repo, path))
    found.extend(judge_model_pages(repo, options))
    found.extend(judge_page_dates(repo, options))
    found.extend(judge_undocumented(repo, options))
    found.extend(judge_page_types(repo, options))
    found.extend(judge_support_lists(repo, options))
    found.extend(judge_toctree_pages(repo, options))
    return found


# --- the toctree -----------------------------------------------------------------------------------------

PART_SEPARATOR = "/"  # `sorted-parts` spells a part by its titles: `API / Schedulers`


def judge_toctree(
    repo, path: str, titles: tuple[str, ...], whole: bool = False, fixed: tuple[str, ...] = ()
) -> list[Diagnostic]:
    """The lists of the part `titles` leads to: its sub-sections, and its own list too when `whole`."""
    if not path or not titles or not repo.exists(path):
        return []  # no docs in this tree (a released sdist): nothing to check
    toctree = repo.facts(path, read_toctree, titles, whole)
    if toctree is None:
        return []  # unreadable: the engine reports RL002
    if toctree.error:
        part = f"`{' / '.join(titles)}`" if whole else "model"
        return [
            Diagnostic(
                rules.TOC_UNSORTED.code,
                path,
                toctree.error_line + 1,
                1,
                f"the {part} part of the toctree cannot be checked: {toctree.error}",
            )
        ]
    lines = repo.lines(path)
    found: list[Diagnostic] = []
    for section in toctree.sections:
        found.extend(judge_section(path, lines, section, fixed))
    return found


def judge_section(path: str, lines: list[str], section: Section, fixed: tuple[str, ...] = ()) -> list[Diagnostic]:
    entries = section.entries
    if not entries:
        return []
    found: list[Diagnostic] = []
    exact, conflicting = duplicates(entries)
    first_of = {}
    for entry in entries:
        first_of.setdefault(entry.local, entry)
    for index in sorted(exact | conflicting):
        entry = entries[index]
        earlier = first_of[entry.local]
        data = {"section": section.title, "local": entry.local, "title": entry.title}
        if index in exact:
            fix = Fix((_delete_block(lines, entry.start, entry.end),), f"remove the repeated `{entry.local}` entry")
            message = (
                f"`{entry.local}` is listed again in `{section.title}` (first at line {earlier.line + 1}, same title)"
            )
        else:
            fix = None
            message = (
                f"`{entry.local}` is listed twice in `{section.title}` with different titles "
                f"(`{earlier.title}` at line {earlier.line + 1}, `{entry.title}` here): keep one"
            )
        found.append(Diagnostic(rules.TOC_DUPLICATE.code, path, entry.line + 1, 1, message, fix=fix, data=data))
    kept = [entry for index, entry in enumerate(entries) if index not in exact]
    order = cleaned(entries, fixed)
    if kept == order:
        return found
    position = next(i for i, (a, b) in enumerate(zip(kept, order, strict=True)) if a != b)
    here, wanted = kept[position], order[position]
    fix = None
    if section.editable:
        start, end, text = rewrite_section(lines, entries, order)
        fix = Fix((Edit(start, end, text),), f"sort the entries of `{section.title}` by title")
    found.append(
        Diagnostic(
            rules.TOC_UNSORTED.code,
            path,
            here.line + 1,
            1,
            _unsorted_message(section.title, wanted, here, fixed),
            fix=fix,
            data={"section": section.title, "local": here.local, "title": here.title},
        )
    )
    return found


def _unsorted_message(section: str, wanted, here, fixed: tuple[str, ...]) -> str:
    if (wanted.title or "").lower() in fixed:
        return f"`{section}` is not sorted by title: `{wanted.title}` stays first, before `{here.title}`"
    return f"`{section}` is not sorted by title: `{wanted.title}` should come before `{here.title}`"


def _delete_block(lines: list[str], start: int, end: int) -> Edit:
    if end == len(lines) and not lines[end - 1].endswith("\n") and start > 0:
        # the block ends the file without a newline: the line before it loses its newline instead
        return Edit(start - 1, end, lines[start - 1][:-1])
    return Edit(start, end, "")


# --- doctest lists ---------------------------------------------------------------------------------------


def _path_exists(repo, path: str) -> bool:
    if repo.exists(path):
        return True
    target = repo.root / path
    return target.is_file() or target.is_dir()


def judge_doctest_list(repo, path: str) -> list[Diagnostic]:
    if not repo.exists(path):
        return []
    entries = repo.facts(path, read_doctest_list)
    if entries is None:
        return []
    found = [
        Diagnostic(
            rules.TOC_DOCTEST_MISSING.code,
            path,
            entry.line,
            1,
            f"`{entry.path}` does not exist (no such file or folder in the repository)",
            data={"listed": entry.path},
        )
        for entry in entries
        if not _path_exists(repo, entry.path)
    ]
    index = first_unsorted(entries)
    if index is not None:
        entry = entries[index]
        lines = repo.lines(path)
        fix = Fix((Edit(0, len(lines), sorted_text(entries)),), f"sort `{path}`")
        found.append(
            Diagnostic(
                rules.TOC_DOCTEST_UNSORTED.code,
                path,
                entry.line,
                1,
                f"`{path}` is not sorted: `{entry.path}` should come before `{entries[index - 1].path}`",
                fix=fix,
                data={"listed": entry.path},
            )
        )
    return found


# --- model doc pages -------------------------------------------------------------------------------------


def doc_page_candidates(template: str, name: str) -> list[str]:
    """The folder name as is, with `_` spelled `-`, and with `_` dropped (`x_clip` -> `xclip`)."""
    spellings = dict.fromkeys([name, name.replace("_", "-"), name.replace("_", "")])
    return [template.replace("{name}", spelling) for spelling in spellings]


def model_doc_pages(repo, template: str) -> list[tuple[str, str]]:
    """(path, page name) of the pages directly in the folder of the `model-doc` template: the name is the file
    name without the template's ending (`llama` for `model_doc/llama.md`); none without `{name}`."""
    if "{name}" not in template:
        return []
    folder, _, page_name = template.rpartition("/")
    suffix = page_name.split("{name}")[-1]
    depth = folder.count("/") + 1
    return [
        (path, path.rsplit("/", 1)[1][: -len(suffix) or None])
        for path in repo.files(folder, suffix)
        if path.count("/") == depth
    ]


def judge_model_pages(repo, options: dict) -> list[Diagnostic]:
    source = (repo.config["source"] or "").strip("/")
    folder = options["models-folder"].replace("{source}", source).strip("/")
    template = options["model-doc"]
    if not folder or (not source and "{source}" in options["models-folder"]) or "{name}" not in template:
        return []
    docs_folder = template.split("{name}")[0].rsplit("/", 1)[0] + "/"
    files = repo.workspace.files
    if not any(path.startswith(docs_folder) for path in files):
        return []  # no doc pages in this tree (a released sdist): nothing to check
    ignored = set(options["ignore-models"]) | {"deprecated"}
    prefix = folder + "/"
    found = []
    for path in files:
        if not path.startswith(prefix):
            continue
        name, _, rest = path[len(prefix) :].partition("/")
        if rest != "__init__.py" or name in ignored:
            continue
        candidates = doc_page_candidates(template, name)
        if any(repo.exists(candidate) for candidate in candidates):
            continue
        found.append(
            Diagnostic(
                rules.TOC_MODEL_UNDOCUMENTED.code,
                path,
                1,
                1,
                f"model `{name}` has no doc page (`{candidates[0]}`)",
                data={"model": name, "doc_page": candidates[0]},
            )
        )
    return found


def judge_page_dates(repo, options: dict) -> list[Diagnostic]:
    """TOC006/TOC007: each page of the `model-doc` folder carries its dates line (`dates-library` names the library)."""
    library = options["dates-library"]
    if not library:
        return []
    undated = set(options["undated-pages"])
    found = []
    for path, name in model_doc_pages(repo, options["model-doc"]):
        if name in undated:
            continue
        lines = repo.lines(path)
        dates = dates_line(lines, library)
        if dates.present and is_date(dates.date):
            continue
        if dates.present:
            message = rules.TOC_PAGE_DATE_NOT_FILLED.message.format(date=dates.date)
            found.append(Diagnostic(rules.TOC_PAGE_DATE_NOT_FILLED.code, path, dates.line, 1, message))
            continue
        fix = None
        if dates.after_comment:
            fix = Fix((Edit(dates.line - 1, dates.line - 1, inserted_line(library)),), "add the dates line")
        message = rules.TOC_PAGE_UNDATED.message.format(library=library)
        found.append(Diagnostic(rules.TOC_PAGE_UNDATED.code, path, dates.line, 1, message, fix=fix))
    return found


# --- public objects without a doc page ------------------------------------------------------------------


def judge_undocumented(repo, options: dict) -> list[Diagnostic]:
    """TOC008: every public name of the package is documented by an `[[autodoc]]` line of a doc page."""
    docs, source = options["autodoc-folder"].strip("/"), (repo.config["source"] or "").strip("/")
    main_init = f"{source}/__init__.py"
    if not docs or not source or not repo.is_folder(docs) or not repo.exists(main_init):
        return []  # no docs in this tree (a released sdist): nothing to check
    documented = set()
    for path in repo.files(docs, ".md"):
        if repo.contains(path, "[[autodoc]]"):
            documented.update(repo.facts(path, documented_names) or ())
    excused = Undocumentable(
        frozenset(options["undocumented-objects"]),
        tuple(options["undocumented-prefixes"]),
        tuple(options["undocumented-suffixes"]),
    )
    found = []
    for name, path, line in _public_names(repo, main_init, source):
        if name in documented or excused.excuses(name) or _is_submodule(repo, source, name):
            continue
        message = rules.TOC_OBJECT_UNDOCUMENTED.message.format(name=name, docs=docs)
        found.append(Diagnostic(rules.TOC_OBJECT_UNDOCUMENTED.code, path, line, 1, message, data={"name": name}))
    return found


def _public_names(repo, main_init: str, source: str):
    """(name, file, line) of each public name: the main init's `_import_structure`, then the `__all__` of each
    module of the folders it builds with `define_import_structure`, each name once."""
    init = repo.facts(main_init, extract_init, "sorted")
    if init is None:
        return
    seen = set()
    for exports in init.structure.values():
        for export in exports:
            if export.name not in seen:
                seen.add(export.name)
                yield export.name, main_init, export.line
    for prefix, _ in init.defined_structures:
        folder = f"{source}/{prefix.replace('.', '/')}"
        for path in sorted(repo.files(folder, ".py")):
            base = path.rsplit("/", 1)[1]
            if base.startswith(("modular_", "convert_")) or not repo.contains(path, "__all__"):
                continue
            declared = repo.facts(path, module_all)
            for name in declared[0] if declared else ():
                if name not in seen:
                    seen.add(name)
                    yield name, path, declared[1]


def _is_submodule(repo, source: str, name: str) -> bool:
    return repo.exists(f"{source}/{name}.py") or repo.is_folder(f"{source}/{name}")


# --- doc pages without a model type ---------------------------------------------------------------------


def judge_page_types(repo, options: dict) -> list[Diagnostic]:
    """TOC009: every page of the `model-doc` folder is named after a model type of `CONFIG_MAPPING_NAMES`."""
    files = options["config-mapping-files"]
    if not files or not all(repo.exists(path) for path in files):
        return []
    pages = model_doc_pages(repo, options["model-doc"])
    if not pages:
        return []  # no docs in this tree (a released sdist)
    try:
        types = config_class_names(*(repo.text(path) for path in files))
    except PARSE_FAILURES:
        return []  # RL001 says which file does not parse
    renamed = options["doc-page-types"]
    known = {renamed.get(name, name) for name in types} | set(options["doc-pages-not-in-auto"]) | {"auto"}
    found = []
    for path, name in pages:
        if name in known:
            continue
        close = get_close_matches(name, sorted(known))
        hint = f": did you mean {' / '.join(f'`{match}`' for match in close)}?" if close else ""
        message = rules.TOC_PAGE_WITHOUT_MODEL_TYPE.message.format(name=name, hint=hint)
        found.append(Diagnostic(rules.TOC_PAGE_WITHOUT_MODEL_TYPE.code, path, 1, 1, message, data={"page": name}))
    return found


# --- support lists ------------------------------------------------------------------------------------------


def judge_support_lists(repo, options: dict) -> list[Diagnostic]:
    """TOC010: each page of `support-lists` documents every class of its modules that its selectors pick."""
    found = []
    for support in support_lists(options["support-lists"], (repo.config["source"] or "").strip("/")):
        folder = support.page.rsplit("/", 1)[0] if "/" in support.page else ""
        if not repo.exists(support.page):
            if folder and not repo.is_folder(folder):
                continue  # no docs in this tree (a released sdist)
            for source in filter(repo.exists, support.sources):
                found.append(_support_problem(source, f"its support list page `{support.page}` does not exist"))
            continue
        documented = set(repo.facts(support.page, documented_names) or ())
        for source in support.sources:
            if not repo.exists(source):
                found.append(_support_problem(support.page, f"the module it lists, `{source}`, does not exist"))
                continue
            statements = repo.facts(source, class_statements)
            if statements is None:
                continue  # RL001 says the module does not parse
            for statement in statements:
                if statement.name in documented or not support.lists(statement.name, statement.bases):
                    continue
                rule = rules.TOC_SUPPORT_LIST_INCOMPLETE
                message = rule.message.format(name=statement.name, page=support.page, source=source)
                found.append(Diagnostic(rule.code, source, statement.line, 1, message, data={"name": statement.name}))
    return found


def _support_problem(path: str, why: str) -> Diagnostic:
    code = rules.TOC_SUPPORT_LIST_INCOMPLETE.code
    return Diagnostic(code, path, 1, 1, f"the support list cannot be checked: {why}")


# --- the toctree's model part against the model-doc folder ----------------------------------------------------


def judge_toctree_pages(repo, options: dict) -> list[Diagnostic]:
    """TOC011: the model part of the toctree lists every page of the `model-doc` folder (but `auto`), and each page
    it lists there exists."""
    path, titles = options["toctree"], tuple(options["models-part"])
    pages = model_doc_pages(repo, options["model-doc"])
    if not path or not titles or not pages or not repo.exists(path):
        return []  # no docs in this tree (a released sdist)
    toctree = repo.facts(path, read_toctree, titles, False)
    if toctree is None or toctree.error:
        return []  # TOC001 says why the part cannot be read
    base = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    folder = pages[0][0].rsplit("/", 1)[0] + "/"
    listed = {}
    for section in toctree.sections:
        for entry in section.entries:
            if entry.local and f"{base}{entry.local}".startswith(folder):
                listed.setdefault(f"{base}{entry.local}.md", entry)
    rule, found = rules.TOC_PAGE_NOT_IN_TOCTREE, []
    for page, name in pages:
        if page not in listed and name != "auto":
            message = f"`{page}` is in no modality of the toctree's model part (`{path}`)"
            found.append(Diagnostic(rule.code, page, 1, 1, message, data={"page": name}))
    for page, entry in sorted(listed.items(), key=lambda item: item[1].line):
        if not repo.exists(page):
            message = f"the toctree lists `{entry.local}`, but `{page}` does not exist"
            found.append(Diagnostic(rule.code, path, entry.line + 1, 1, message, data={"page": entry.local}))
    return found
