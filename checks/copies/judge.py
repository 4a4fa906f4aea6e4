"""Judgement of the CPY family: resolve every marker, compare each copy with its source, offer fixes."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from repo_lint.checks.copies import COPY_EDGES, rules
from repo_lint.checks.copies.compare import (
    CopyPlan,
    Differences,
    decorator_difference,
    expected_text,
    find_differences,
    header_lines,
    plan_copy,
    stylify_input,
    stylify_output,
)
from repo_lint.checks.copies.definitions import (
    Definition,
    decorators_of,
    definition_at,
    indent_of,
    index_definitions,
    resolve,
    split_lines,
    string_continuation_lines,
    without_decorators,
)
from repo_lint.checks.copies.drift import (
    decorator_edit,
    decorator_names,
    is_static_instance_copy,
    one_line_header_edit,
    without_static_instance,
)
from repo_lint.checks.copies.external import (
    InstalledSource,
    find_installed_package,
    find_installed_source,
    search_path,
)
from repo_lint.checks.copies.markers import Marker, apply_replacements, find_markers, without_skipped_pieces
from repo_lint.checks.copies.signatures import header_drift

from repo_lint.diagnostics import Diagnostic, Edit, Fix

SECTION = "copies"


@dataclass
class CopyFacts:
    """What one file says about copies: its markers, where its definitions are and, for each marker with a
    definition below it, that definition's line and the end of the region compared (`placements`: read from
    the facts, a copy is located without its file's text)."""

    markers: list[Marker]
    definitions: list[Definition]
    strings: set[int]
    placements: dict[int, tuple[int, int]]  # marker line -> (line of the definition below, end of the copy)


def extract_copy_facts(text: str, prefixes: tuple[str, ...]) -> CopyFacts:
    lines = split_lines(text)
    strings = string_continuation_lines(lines)
    markers = (
        [m for m in find_markers(lines, prefixes, foreign=True) if m.line not in strings]
        if "Copied from" in text
        else []
    )
    definitions = index_definitions(lines, strings)
    placements = {}
    for marker in markers:
        copy = definition_below(lines, marker, definitions)
        if copy is not None:
            placements[marker.line] = (copy.line, copy_end(lines, copy, strings))
    return CopyFacts(markers=markers, definitions=definitions, strings=strings, placements=placements)


def definition_below(lines: list[str], marker: Marker, definitions: list[Definition]) -> Definition | None:
    """The definition a marker stands above (its decorators in between), at the marker's indentation."""
    index = marker.line + 1
    while index < len(lines) and lines[index].startswith(marker.indent + "@"):
        index += 1
        while index < len(lines) and len(indent_of(lines[index])) > len(marker.indent):
            index += 1
        if index < len(lines) and lines[index].strip().startswith(")"):
            index += 1
    definition = definition_at(definitions, index)
    if definition is None or definition.indent != marker.indent:
        return None
    return definition


def copy_end(lines: list[str], copy: Definition, strings: set[int]) -> int:
    """End of the compared region: the definition's end, or an `# End copy` line at body indentation."""
    for index in range(copy.header_end, copy.end):
        line = lines[index]
        if index not in strings and line.lstrip().startswith("# End copy"):
            body = indent_of(line)
            if len(body) > len(copy.indent):
                end = index
                while end > copy.header_end and not lines[end - 1].strip():
                    end -= 1
                return end
    return copy.end


@dataclass
class Site:
    """One marker together with the copy under it and (once resolved) its source."""

    path: str
    marker: Marker
    copy: Definition | None = None
    copy_end: int = 0
    source_path: str | None = None  # a repository path, or the absolute path of an installed module
    source: Definition | None = None
    installed: bool = False  # the source is an installed package's file (read-only, outside the repository)

    @property
    def key(self) -> tuple[str, int]:
        return (self.path, self.copy.line if self.copy else -1)


def copy_roots(repo) -> dict[str, str]:
    """Marker prefix -> folder: the `roots` option, else the configured package and its source folder."""
    roots = dict(repo.settings(SECTION)["roots"])
    if not roots and repo.config["package"] and repo.config["source"]:
        roots = {repo.config["package"]: repo.config["source"]}
    return roots


def judge(repo) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    # With no package configured every Python file is scanned and every marker names a foreign package:
    # an installed one is compared, any other is reported (CPY010); a folder without markers is clean.
    judge_run = CopyJudge(repo, copy_roots(repo), options)
    found = judge_run.run()
    if repo.wants(COPY_EDGES):
        from repo_lint.checks.copies.edges import copy_edges

        repo.record(COPY_EDGES, copy_edges(judge_run))
    return found


class CopyJudge:
    def __init__(self, repo, roots: dict[str, str], options: dict) -> None:
        self.repo = repo
        self.roots = {prefix: folder.strip("/") for prefix, folder in roots.items()}
        self.prefixes = tuple(sorted(self.roots))
        self.flavor = options["flavor"]
        self.options = options
        self.formatter = repo.formatter if options["formatter"] == "ruff" else None
        self.diagnostics: list[Diagnostic] = []
        self.located: list[Site] = []  # every marker's site once `run` located it (resolved or not)
        self.installed: dict[str, InstalledSource] = {}  # absolute path -> an installed module's text
        self._installed_facts: dict[str, CopyFacts] = {}
        self._packages: dict[str, object] = {}

    # -- facts -----------------------------------------------------------------------------------------
    def facts(self, path: str) -> CopyFacts | None:
        if path in self.installed:
            if path not in self._installed_facts:
                self._installed_facts[path] = extract_copy_facts(self.installed[path].text, self.prefixes)
            return self._installed_facts[path]
        return self.repo.facts(path, extract_copy_facts, self.prefixes)

    def lines(self, path: str) -> list[str]:
        if path in self.installed:
            return split_lines(self.installed[path].text)
        return self.repo.lines(path)

    def digest(self, path: str) -> str | None:
        return self.installed[path].digest if path in self.installed else self.repo.digest(path)

    def scanned_files(self) -> list[tuple[str, tuple[str, ...]]]:
        """(path, accepted prefixes) of every file that may hold markers.

        A file under a root accepts only that root's prefix (the most specific root wins), as the
        reference scripts do; a file under an `extend-scan` folder outside every root accepts them all.
        """
        result: dict[str, tuple[str, ...]] = {}
        if not self.roots:
            result.update((path, ()) for path in self.repo.python_files())
        for folder in self.options["extend-scan"]:
            for path in self.repo.python_files(folder.strip("/")):
                result[path] = self.prefixes
        for prefix, folder in sorted(self.roots.items(), key=lambda item: len(item[1])):
            for path in self.repo.python_files(folder):
                result[path] = (prefix,)
        return sorted(result.items())

    # -- the run ---------------------------------------------------------------------------------------
    def sites(self) -> list[Site]:
        """Every marker of a scanned file whose prefix that file accepts or that names no root at all (a
        package outside the repository); markers not located yet."""
        sites = []
        with_markers = [(p, a) for p, a in self.scanned_files() if self.repo.contains(p, "Copied from")]
        self.repo.prefetch([p for p, _ in with_markers], extract_copy_facts, self.prefixes)
        for path, accepted in with_markers:
            facts = self.facts(path)
            if facts is None:
                continue
            for marker in facts.markers:
                if marker.prefix in accepted or marker.prefix not in self.roots:
                    sites.append(Site(path, marker))
        return sites

    def run(self) -> list[Diagnostic]:
        self.located = self.sites()
        resolved = [site for site in self.located if self.locate(site)]
        checkable = self.drop_cycles(resolved)
        self.compare_cached(checkable)
        self.check_full_copies()
        return self.diagnostics

    def report(self, rule, site: Site, message: str, line: int | None = None, column: int = 1, **extra) -> None:
        data = {"target": site.marker.target}
        if site.source_path and site.installed:
            # Not `source_path`: the engine reads that as a repository path (suppressions, --changed-since).
            data["installed_source"] = site.source_path
        elif site.source_path:
            data["source_path"] = site.source_path
        if site.source is not None:
            data["source_line"] = site.source.line + 1
        data.update(extra.pop("data", {}))
        self.diagnostics.append(
            Diagnostic(
                rule.code,
                site.path,
                (site.marker.line + 1) if line is None else line,
                column,
                message,
                data=data,
                suppression_lines=(site.marker.line + 1,),
                **extra,
            )
        )

    # -- resolution ------------------------------------------------------------------------------------
    def locate(self, site: Site) -> bool:
        marker = site.marker
        skips = any(problem.reference_skips for problem in marker.problems)
        honest = without_skipped_pieces(self.lines(site.path)[marker.line], marker) if skips else None
        for problem in marker.problems:
            fix = None
            if problem.reference_skips and honest is not None:
                # Dropping a piece nobody applies keeps what is checked; it is unsafe because the text may be
                # the intent (apply it by hand: write it without spaces and fix the copy).
                edit = Edit(marker.line, marker.line + 1, honest.rstrip("\r\n") + "\n")
                fix = Fix((edit,), "drop the pieces the reference never applies from the marker", safe=False)
            self.report(
                rules.BAD_PATTERN,
                site,
                f"in the marker for `{marker.target}`: {problem.message}",
                column=marker.column_of_pattern + 1,
                fix=fix,
            )
        installed = None
        if marker.prefix not in self.roots:
            installed = self.find_installed(site)
            if installed is None:
                return False
        facts = self.facts(site.path)
        placement = facts.placements.get(marker.line)
        copy = definition_at(facts.definitions, placement[0]) if placement else None
        if copy is None:
            self.report(
                rules.UNSUPPORTED,
                site,
                f"`# Copied from {marker.full_target}` is not directly above a class or function "
                "definition, so nothing is checked",
            )
            return False
        site.copy = copy
        site.copy_end = placement[1]
        if installed is not None:
            self.installed[installed.path] = installed
            module_path, names, site.installed = installed.path, list(installed.names), True
        else:
            module_path, names = self.find_module(marker.prefix, marker.target)
        if module_path is None:
            self.report(
                rules.SOURCE_MISSING,
                site,
                f"`{marker.full_target}`: no module of `{marker.prefix}` "
                f"(under `{self.roots[marker.prefix]}/`) matches any prefix of this name",
            )
            return False
        site.source_path = module_path
        source_facts = self.facts(module_path)
        if source_facts is None:
            self.report(rules.SOURCE_MISSING, site, f"`{marker.full_target}`: `{module_path}` cannot be read")
            return False
        source, found = resolve(source_facts.definitions, names) if names else (None, [])
        if source is None:
            self.report(
                rules.SOURCE_MISSING,
                site,
                self.missing_message(marker, module_path, names, found, source_facts.definitions),
            )
            return False
        site.source = source
        return True

    def find_module(self, prefix: str, target: str) -> tuple[str | None, list[str]]:
        """The longest dotted prefix that is a module file, and the names that follow it."""
        parts = target.split(".")
        folder = self.roots[prefix]
        base = f"{folder}/" if folder not in ("", ".") else ""
        for cut in range(len(parts) - 1, 0, -1):
            stem = base + "/".join(parts[:cut])
            for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
                if self.repo.exists(candidate):
                    return candidate, parts[cut:]
        return None, []

    # -- packages outside the repository --------------------------------------------------------------
    def find_installed(self, site: Site) -> InstalledSource | None:
        """The installed module a foreign-prefix marker names; reports why when there is none."""
        marker = site.marker
        if marker.prefix not in self._packages:
            path = search_path(Path(self.repo.root))
            self._packages[marker.prefix] = find_installed_package(marker.prefix, path)
        package = self._packages[marker.prefix]
        if package is None:
            self.report(
                rules.SOURCE_UNAVAILABLE,
                site,
                f"`# Copied from {marker.full_target}`: {self.unavailable_reason(marker)}; the copy is not checked",
            )
            return None
        source = find_installed_source(package, marker.target)
        if source is None:
            where = ", ".join(str(folder) for folder in package.folders) or str(package.module_file)
            self.report(
                rules.SOURCE_MISSING,
                site,
                f"`{marker.full_target}`: no module of the installed package "
                f"`{marker.prefix}` (at `{where}`) matches any prefix of this name, or it cannot be read",
            )
            return None
        return source

    def unavailable_reason(self, marker: Marker) -> str:
        """Why a foreign prefix names nothing, with the repository name it probably meant."""
        prefix = marker.prefix
        if any(self.repo.exists(f"{base}{prefix}{end}") for base in ("", "src/") for end in ("/__init__.py", ".py")):
            return (
                f"package `{prefix}` is in this repository but not configured for copies (set `package` "
                "and `source` in [tool.repo-lint], or `roots` in [tool.repo-lint.copies])"
            )
        reason = f"package `{prefix}` is neither in this repository nor installed"
        for root in self.prefixes:
            for target in (marker.full_target, marker.target):
                module_path, names = self.find_module(root, target)
                facts = self.facts(module_path) if module_path else None
                if facts is not None and names and resolve(facts.definitions, names)[0] is not None:
                    return f"{reason} (did you mean `{root}.{target}`?)"
        return reason

    @staticmethod
    def missing_message(marker, module_path, names, found, definitions) -> str:
        missing = names[len(found)]
        scope = definitions
        for name in found:
            scope = next(d for d in scope if d.name == name).children
        where = f"`{'.'.join(found)}`" if found else f"`{module_path}`"
        close = difflib.get_close_matches(missing, [d.name for d in scope], n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        return f"`{marker.full_target}`: `{missing}` is not defined in {where}{hint}"

    # -- cycles ----------------------------------------------------------------------------------------
    def drop_cycles(self, sites: list[Site]) -> list[Site]:
        by_copy = {site.key: site for site in sites}
        bad: set[tuple[str, int]] = set()
        for site in sites:
            source_key = (site.source_path, site.source.line)
            if source_key == site.key or _overlaps(site):
                self.report(
                    rules.COPY_CYCLE,
                    site,
                    f"`{site.marker.full_target}` names this copy itself (or a definition containing "
                    "or contained in it): a copy needs a different source",
                )
                bad.add(site.key)
        for site in sites:
            if site.key in bad:
                continue
            chain, seen = [site.key], {site.key}
            current = site
            while True:
                next_key = (current.source_path, current.source.line)
                if next_key not in by_copy:
                    break
                if next_key in seen:
                    cycle = chain[chain.index(next_key) :]
                    if site.key in cycle:
                        names = " -> ".join(by_copy[k].marker.target for k in cycle)
                        self.report(rules.COPY_CYCLE, site, f"copies form a cycle: {names} -> ...")
                        bad.add(site.key)
                    break
                chain.append(next_key)
                seen.add(next_key)
                current = by_copy[next_key]
        return [site for site in sites if site.key not in bad]

    # -- comparison ------------------------------------------------------------------------------------
    def site_key(self, site: Site) -> tuple:
        """What a copy's verdict depends on: both files' contents, the marker, and how code is formatted."""
        formatting = self.formatter.identity() if self.formatter else "none"
        return (
            "cpy-site",
            site.path,
            site.marker.line,
            self.repo.digest(site.path),
            site.source_path,
            self.digest(site.source_path),
            self.flavor,
            formatting,
            tuple(self.options["ignore-decorators"]),
            self.options["compare-decorators"],
        )

    def compare_cached(self, sites: list[Site]) -> None:
        """Compare only the copies whose file or source changed since a run that judged them."""
        cache = self.repo.cache
        todo = []
        for site in sites:
            hit, found = cache.get_shared(self.site_key(site))
            if hit:
                self.diagnostics.extend(found)
            else:
                todo.append(site)
        if not todo:
            return
        start = len(self.diagnostics)
        self.compare_all(todo)
        by_site: dict[tuple[str, int], list[Diagnostic]] = {}
        for diagnostic in self.diagnostics[start:]:
            by_site.setdefault((diagnostic.path, diagnostic.suppression_lines[0]), []).append(diagnostic)
        for site in todo:
            cache.put_shared(self.site_key(site), by_site.get((site.path, site.marker.line + 1), []))

    def plan(self, site: Site) -> CopyPlan:
        source_facts = self.facts(site.source_path)
        copy_facts = self.facts(site.path)
        return plan_copy(
            self.lines(site.source_path),
            site.source,
            source_facts.strings,
            self.lines(site.path),
            site.copy,
            site.copy_end,
            copy_facts.strings,
            site.marker.replacements,
            site.marker.has_pattern,
            self.flavor,
        )

    def formatted(self, codes: list[str]) -> list[str | None]:
        if self.formatter is None:
            return list(codes)
        inputs = [stylify_input(code) for code in codes]
        outputs = self.formatter.format_many([text for text, _ in inputs])
        pairs = zip(outputs, inputs, strict=False)
        return [None if out is None else stylify_output(out, wrapped) for out, (_, wrapped) in pairs]

    def compare_all(self, sites: list[Site]) -> None:
        plans = [self.plan(site) for site in sites]
        formatting = bool(self.formatter)
        needs = [i for i, plan in enumerate(plans) if plan.format_compare and formatting]
        results = dict(zip(needs, self.formatted([plans[i].compare_code for i in needs]), strict=False))
        drifted = []
        for index, (site, plan) in enumerate(zip(sites, plans, strict=False)):
            expected = results.get(index, plan.compare_code)
            if expected is None:
                self.report_unformattable(site, plan.compare_code)
                continue
            if self.options["compare-decorators"]:
                self.compare_decorators(site)
            differences = find_differences(expected_text(expected, plan), plan, self.lines(site.path))
            if differences.signature is not None or differences.body is not None:
                drifted.append((site, plan, differences))
        # The fix text may differ from the compared text (blank lines, `# Ignore copy` blocks): format it too.
        to_format = [plan.fix_code for _, plan, _ in drifted if plan.format_fix and formatting]
        formatted = iter(self.formatted(to_format))
        for site, plan, differences in drifted:
            fix_code = next(formatted) if plan.format_fix and formatting else plan.fix_code
            self.report_drift(site, plan, differences, None if fix_code is None else expected_text(fix_code, plan))

    def report_unformattable(self, site: Site, code: str) -> None:
        formatter = self.formatter
        message = formatter.errors.get(formatter.digest(stylify_input(code)[0]), "") if formatter else ""
        self.report(
            rules.UNSUPPORTED,
            site,
            f"the code expected from `{site.marker.full_target}` after the replacements does not "
            f"parse, so the copy cannot be checked{': ' + message if message else ''}",
        )

    def report_drift(self, site: Site, plan: CopyPlan, differences: Differences, fix_text: str | None) -> None:
        lines = self.lines(site.path)
        actual = "".join(lines[plan.copy_start : plan.copy_end])
        edits = []
        # A piece the reference skips is left out of the expected code as the reference leaves it out, so its
        # fix is the reference's; one the reference would apply but repo-lint cannot read blocks the fix.
        unreadable = any(not p.applied and not p.reference_skips for p in site.marker.problems)
        skipped = any(p.reference_skips for p in site.marker.problems)
        shown_expected = fix_text if fix_text is not None else plan.fix_code
        if unreadable:
            fix_text = None  # the fix would bake in the reference's misreading of the pattern
        elif fix_text is not None and fix_text != actual:
            edits.append(Edit(plan.copy_start, plan.copy_end, fix_text))
        detail = "".join(
            difflib.unified_diff(
                actual.splitlines(keepends=True),
                shown_expected.splitlines(keepends=True),
                fromfile=f"{site.path} (copy)",
                tofile=f"expected from {site.source_path}:{site.source.line + 1}",
                n=2,
            )
        )
        source = f"`{site.source_path}:{site.source.line + 1}`"
        chained = " (its source is itself a copy: it is fixed first)" if self.is_copy_itself(site) else ""
        if unreadable:
            chained += "; not fixable until the marker's replacements are readable (CPY003)"
        description = f"rewrite the copy from `{site.source_path}`"
        if differences.signature is not None:
            self.report_header_drift(site, plan, differences, edits, detail, shown_expected, source, chained)
        if differences.body is not None:
            start, end = _span(lines, differences.body, plan.copy_end)
            self.report(
                rules.COPY_DRIFT,
                site,
                f"copy of `{site.marker.target}` does not match its source {source}{chained}",
                line=start[0],
                column=start[1],
                end_line=end[0],
                end_column=end[1],
                # With a piece the reference skips, its fix ignores what the marker meant: unsafe.
                fix=Fix(tuple(edits), description, safe=not skipped) if edits else None,
                detail=detail,
            )

    def report_header_drift(
        self,
        site: Site,
        plan: CopyPlan,
        differences: Differences,
        edits: list[Edit],
        detail: str,
        shown_expected: str,
        source: str,
        chained: str,
    ) -> None:
        """CPY008 with what differs in words. Transformers flavor: the whole copy is rewritten, as the reference
        does. Diffusers flavor (its reference never touches the header): only the header line is rewritten;
        either way the fix is safe only when the drift cannot change a call (see `signatures`)."""
        lines = self.lines(site.path)
        static = self.is_static_instance_copy(site)
        if plan.body_only:
            actual = lines[plan.copy_start - 1]
            expected = plan.signature or ""
        else:
            actual = "".join(lines[site.copy.line : site.copy.header_end])
            expected = header_lines(shown_expected)
        drift = header_drift(expected, actual, static)
        if drift is None:
            return  # only the instance's own name differs in a `@staticmethod` copy
        fix = None
        if plan.body_only and plan.signature and not chained.endswith("(CPY003)"):
            edit = one_line_header_edit(actual, plan.copy_start - 1, plan.signature, static)
            fix = Fix((edit,), f"rewrite the header from `{site.source_path}`", safe=drift.safe)
            detail = f"-{actual.rstrip(chr(13) + chr(10))}\n+{edit.text}"
        elif not plan.body_only and any(edits):
            # The header is part of a Transformers copy: the reference rewrites it with the body, so does this.
            fix = Fix(tuple(edits), f"rewrite the copy from `{site.source_path}`")
        start, end = _span(lines, differences.signature, differences.signature + 1)
        self.report(
            rules.SIGNATURE_DRIFT,
            site,
            f"signature of the copy of `{site.marker.target}` differs from its source {source}{chained}: "
            f"{drift.description}",
            line=start[0],
            column=start[1],
            end_line=end[0],
            end_column=end[1],
            fix=fix,
            detail=detail,
        )

    def is_static_instance_copy(self, site: Site) -> bool:
        copy_lines, source_lines = self.lines(site.path), self.lines(site.source_path)
        return is_static_instance_copy(
            site.copy,
            decorators_of(copy_lines, site.copy.line, site.copy.indent),
            site.source,
            decorators_of(source_lines, site.source.line, site.source.indent),
        )

    def is_copy_itself(self, site: Site) -> bool:
        facts = self.facts(site.source_path)
        return any(m.line == site.source.line - 1 for m in facts.markers)

    def compare_decorators(self, site: Site) -> None:
        copy_lines = self.lines(site.path)
        source_lines = self.lines(site.source_path)
        copy_decorators = decorators_of(copy_lines, site.copy.line, site.copy.indent)
        source_decorators = decorators_of(source_lines, site.source.line, site.source.indent)
        ignored = set(self.options["ignore-decorators"])
        expected = without_decorators(
            [apply_replacements(line, site.marker.replacements) for line in source_decorators], ignored
        )
        actual = without_decorators(copy_decorators, ignored)
        static = is_static_instance_copy(site.copy, copy_decorators, site.source, source_decorators)
        if static:
            actual = without_static_instance(expected, actual)
        expected_text, actual_text = [line.strip() for line in expected], [line.strip() for line in actual]
        if expected_text != actual_text:
            edit = None
            if not ignored & (decorator_names(copy_decorators) | decorator_names(source_decorators)):
                # A static instance copy keeps its `@staticmethod` (its callers pass the instance).
                edit = decorator_edit(copy_lines, site.copy, ["@staticmethod", *expected] if static else expected)
            self.report(
                rules.DECORATOR_DRIFT,
                site,
                rules.DECORATOR_DRIFT.message.format(
                    target=site.marker.target, difference=decorator_difference(expected_text, actual_text)
                ),
                line=site.copy.decorator_start + 1,
                # Unsafe: a decorator changes what the definition does.
                fix=Fix((edit,), f"use the decorators of `{site.source_path}`", safe=False) if edit else None,
            )

    # -- full-file copies ------------------------------------------------------------------------------
    def check_full_copies(self) -> None:
        for copy_path, source_path in sorted(self.options["full-copies"].items()):
            copy_exists, source_exists = self.repo.exists(copy_path), self.repo.exists(source_path)
            if not copy_exists:
                continue  # the copy is not part of this tree (a preset default for another layout)
            if not source_exists:
                self.diagnostics.append(
                    Diagnostic(
                        rules.SOURCE_MISSING.code,
                        copy_path,
                        1,
                        1,
                        f"full copy of `{source_path}`, which does not exist",
                        data={"source_path": source_path},
                    )
                )
                continue
            source_text = self.repo.text(source_path)
            copy_text = self.repo.text(copy_path)
            if source_text is None or copy_text is None or source_text == copy_text:
                continue
            copy_lines, source_lines = split_lines(copy_text), split_lines(source_text)
            first = next(
                (i for i, (a, b) in enumerate(zip(copy_lines, source_lines, strict=False)) if a != b),
                min(len(copy_lines), len(source_lines)),
            )
            self.diagnostics.append(
                Diagnostic(
                    rules.FULL_COPY_DRIFT.code,
                    copy_path,
                    first + 1,
                    1,
                    f"full copy of `{source_path}` differs from it",
                    fix=Fix((Edit(0, len(copy_lines), source_text),), f"copy `{source_path}` over it"),
                    data={"source_path": source_path},
                    detail="".join(difflib.unified_diff(copy_lines, source_lines, copy_path, source_path, n=2)),
                )
            )


def _column(lines: list[str], index: int) -> int:
    return len(indent_of(lines[index])) + 1 if index < len(lines) else 1


def _span(lines: list[str], first: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """1-based (line, column) of the start and end of the lines `first` to `end` (exclusive): from the first
    line's code to the end of the last line's text, never ending before it starts (a difference can sit on
    the last line of a copy, on a blank line, or just past the copy when the source is longer)."""
    start = (first + 1, _column(lines, first))
    last = max(end, first + 1) - 1
    text = lines[last].rstrip("\r\n") if last < len(lines) else ""
    return start, max(start, (last + 1, len(text.rstrip()) + 1))


def _overlaps(site: Site) -> bool:
    if site.source_path != site.path:
        return False
    copy, source = site.copy, site.source
    return copy.line <= source.line < site.copy_end or source.line <= copy.line < source.end
