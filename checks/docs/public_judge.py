"""Judgement of the public objects' docstrings (Transformers' `check_docstrings.py`, static) and of the
config classes' checkpoint links (`check_config_docstrings.py`, static)."""

from __future__ import annotations

import re

from repo_lint.checks.docs import rules
from repo_lint.checks.docs.public import (
    ClassDoc,
    ModuleExports,
    read_class_docs,
    read_module_exports,
    read_top_imports,
)
from repo_lint.checks.docs.sections import HEADER, Param, find_args_section, judge_section

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.facts.auto_mappings import extract_mapping_facts
from repo_lint.facts.classes import class_index, class_lines
from repo_lint.workspace import matches_any

_CHECKPOINT_LINK = re.compile(r"\[(.+?)\]\((https://huggingface\.co/.+?)\)")
_CHECKPOINT_ARGUMENT = re.compile(r"""@auto_docstring\((?s:.*?)checkpoint\s*=\s*["']([^"']+)["']""")


class Exports:
    """Follows a package's imports from its main init to the files that define what it exports."""

    def __init__(self, repo):
        self.repo = repo
        self._stars: dict[str, dict[str, str]] = {}
        self._targets: dict[tuple[str, int, str], str | None] = {}

    def module(self, path: str) -> ModuleExports | None:
        if not self.repo.exists(path):
            return None
        return self.repo.facts(path, read_module_exports, path.endswith("/__init__.py"))

    def target(self, path: str, level: int, module: str) -> str | None:
        """The file `from <dots><module> import ...` in `path` reads (string operations: called ~10,000 times)."""
        key = (path.rsplit("/", 1)[0], level, module)
        if key not in self._targets:
            parts = key[0].split("/")
            base = parts[: len(parts) - (level - 1)] if level > 1 else parts
            stem = "/".join(base + (module.split(".") if module else []))
            found = None
            if not stem.rsplit("/", 1)[-1].startswith("dummy_"):
                found = next((c for c in (f"{stem}.py", f"{stem}/__init__.py") if self.repo.exists(c)), None)
            self._targets[key] = found
        return self._targets[key]

    def star(self, path: str) -> dict[str, str]:
        """What `from <path> import *` binds: name -> file that defines the class (classes only)."""
        if path in self._stars:
            return self._stars[path]
        self._stars[path] = {}  # an import cycle ends here
        facts = self.module(path)
        found: dict[str, str] = {}
        if facts is not None:
            if facts.all_names is not None:
                for name in facts.all_names:
                    where = self.locate(path, name)
                    if where:
                        found[name] = where
            elif path.endswith("__init__.py"):
                found = self.imported(path, facts)
            else:
                found = {name: path for name in facts.classes if not name.startswith("_")}
        self._stars[path] = found
        return found

    def imported(self, path: str, facts: ModuleExports) -> dict[str, str]:
        found: dict[str, str] = {}
        for fact in facts.imports:
            target = self.target(path, fact.level, fact.module)
            if target is None:
                continue
            if not fact.names:
                found.update(self.star(target))
                continue
            for original, bound in fact.names:
                where = self.locate(target, original)
                if where:
                    found[bound] = where
        return found

    def locate(self, path: str, name: str, depth: int = 0) -> str | None:
        facts = self.module(path)
        if facts is None or depth > 20:
            return None
        if name in facts.classes:
            return path
        imports = facts.imports if path.endswith("/__init__.py") else self.repo.facts(path, read_top_imports)
        for fact in imports or ():
            target = self.target(path, fact.level, fact.module)
            if target is None:
                continue
            if not fact.names:
                where = self.star(target).get(name)
                if where:
                    return where
                continue
            for original, bound in fact.names:
                if bound == name:
                    return self.locate(target, original, depth + 1)
        return None


class Classes:
    """Class facts by name, for the signature a class inherits."""

    def __init__(self, repo, source: str):
        self.repo = repo
        self.index = class_index(repo, source)

    def docs(self, path: str) -> dict[str, ClassDoc]:
        facts = self.repo.facts(path, read_class_docs)
        return {c.name: c for c in facts} if facts else {}

    def find(self, name: str, near: str) -> tuple[str, ClassDoc] | None:
        places = [path for path, _ in self.index.get(name, [])]
        if near in places:
            places = [near]
        elif len(places) > 1:
            folder = near.rsplit("/", 1)[0]
            same = [p for p in places if p.rsplit("/", 1)[0] == folder]
            places = same if len(same) == 1 else places
        if len(places) != 1:
            return None
        found = self.docs(places[0]).get(name)
        return (places[0], found) if found else None

    def signature(self, path: str, cls: ClassDoc, depth: int = 0) -> tuple[Param, ...] | None:
        """The parameters `inspect.signature` would show for the class, or None when they are not knowable."""
        if depth > 20:
            return None
        if cls.init is not None:
            return cls.init
        if cls.is_dataclass:
            fields: dict[str, Param] = {}
            for base in reversed(cls.bases):
                found = self.find(base, path)
                if found and found[1].is_dataclass:
                    inherited = self.signature(found[0], found[1], depth + 1)
                    if inherited is None:
                        return None
                    fields.update({p.name: p for p in inherited})
            fields.update({p.name: p for p in cls.fields})
            return tuple(fields.values())
        bases = [b for b in cls.bases if b not in ("object", "Generic", "ABC", "Protocol")]
        if not bases:
            return ()
        found = self.find(bases[0], path)
        if found is None:
            return None
        return self.signature(found[0], found[1], depth + 1)


def _ignored(name: str, options: dict) -> bool:
    if name.startswith("_") or name.isupper() or name in options["ignore"]:
        return True
    if any(name.startswith(prefix) for prefix in options["public-ignore-prefixes"]):
        return True
    return any(name.endswith(suffix) for suffix in options["public-ignore-suffixes"])


def judge_public(repo, options: dict, source: str) -> list[Diagnostic]:
    inits = [init.replace("{source}", source) for init in options["public-inits"] if source or "{source}" not in init]
    exports = Exports(repo)
    exported: dict[str, str] = {}
    for init in inits:
        facts = exports.module(init)
        if facts is not None:
            exported.update(exports.imported(init, facts))
    by_file: dict[str, list[str]] = {}
    for name, path in exported.items():
        if not _ignored(name, options):
            by_file.setdefault(path, []).append(name)
    hinted = [p for p in by_file if any(repo.contains(p, h) for h in _HEADER_HINTS)]
    candidates = sorted(p for p in hinted if repo.facts(p, classes_with_args_docstring, tuple(sorted(by_file[p]))))
    repo.prefetch(candidates, read_class_docs)
    classes = Classes(repo, source)
    found: list[Diagnostic] = []
    for path in candidates:
        docs = classes.docs(path)
        for name in sorted(by_file[path]):
            cls = docs.get(name)
            if cls is not None:
                found.extend(judge_class(repo, path, cls, classes, options))
    return found


def classes_with_args_docstring(text: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """Which of `names` may have an `Args:`-like header in their class docstring: a text scan of the lines
    between `class Name` and the class's first `def` (most files only have such headers in methods, and are
    then never parsed)."""
    starts = {class_line.name: class_line.name_end for class_line in class_lines(text)}
    found = []
    for name in names:
        start = starts.get(name)
        if start is None:
            continue
        end = len(text)
        for stop in (_METHOD_LINE, _TOP_LEVEL_LINE):
            following = stop.search(text, start)
            if following:
                end = min(end, following.start())
        if HEADER.search(text, start, end):
            found.append(name)
    return tuple(found)


_METHOD_LINE = re.compile(r"^[ \t]+(?:async[ \t]+)?def[ \t]", re.MULTILINE)
_TOP_LEVEL_LINE = re.compile(r"^\S", re.MULTILINE)
_HEADER_HINTS = (
    "Args:",
    "Arg:",
    "Arguments:",
    "Argument:",
    "Attributes:",
    "Attribute:",
    "Params:",
    "Param:",
    "Parameters:",
    "Parameter:",
)
_NOT_JUDGED_BASES = frozenset({"TypedDict", "dict"})


def judge_class(repo, path: str, cls: ClassDoc, classes: Classes, options: dict) -> list[Diagnostic]:
    if not cls.doc_lines or cls.no_format or _NOT_JUDGED_BASES.intersection(cls.bases):
        return []
    lines = list(cls.doc_lines)
    section = find_args_section(lines)
    if section is None:
        return []
    builder = next((d for d in cls.decorators if d in options["import-time-decorators"]), "")
    if builder and not section.entries:
        return []
    header_line = cls.doc_line + section.header if cls.doc_exact else cls.doc_line
    signature = classes.signature(path, cls)
    if builder and signature is not None:
        return _stale_written_entries(repo, path, cls, section, signature, builder)
    if signature is None:
        return [
            Diagnostic(
                rules.DOC_UNCHECKABLE.code,
                path,
                header_line,
                1,
                f"the `Args:` of `{cls.name}` cannot be checked statically: its signature comes from a base class "
                f"outside the package (`{cls.bases[0] if cls.bases else '?'}`)",
                data={"class": cls.name, "reason": "signature"},
            )
        ]
    if any(p.kind == "varkw" and p.annotation for p in signature):
        return []  # typed `**kwargs: Unpack[...]`: not supported by the reference either
    verdict = judge_section(lines, section, signature, cls.ignore_order)
    if verdict.new_lines is None:
        return []
    fix = _fix(repo, path, cls, section, verdict.new_lines)

    def line_of(index: int) -> int:
        return cls.doc_line + index if cls.doc_exact else cls.doc_line

    def column_of(index: int) -> int:
        text = lines[index]
        return len(text) - len(text.lstrip()) + 1

    found = []
    for param in verdict.undocumented:
        found.append(
            Diagnostic(
                rules.DOC_UNDOCUMENTED.code,
                path,
                header_line,
                column_of(section.header),
                f"argument `{param.name}` of `{cls.name}` is not documented in its `Args:` section",
                data={"class": cls.name, "argument": param.name},
                fix=fix,
            )
        )
    for entry in verdict.stale:
        found.append(
            Diagnostic(
                rules.DOC_STALE.code,
                path,
                line_of(entry.first),
                column_of(entry.first),
                f"`Args:` of `{cls.name}` documents `{entry.name}`, which is not in the signature",
                data={"class": cls.name, "argument": entry.name},
                fix=fix,
            )
        )
    if verdict.out_of_order is not None:
        entry = verdict.out_of_order
        found.append(
            Diagnostic(
                rules.DOC_ORDER.code,
                path,
                line_of(entry.first),
                column_of(entry.first),
                f"`Args:` of `{cls.name}` is not in signature order: `{verdict.should_precede}` "
                f"should come before `{entry.name}`",
                data={"class": cls.name, "argument": entry.name},
                fix=fix,
            )
        )
    for entry, expected in verdict.misworded:
        found.append(
            Diagnostic(
                rules.DOC_DEFAULT.code,
                path,
                line_of(entry.first),
                column_of(entry.first),
                f"entry `{entry.name}` of `{cls.name}` should read `{expected.strip()}`",
                data={"class": cls.name, "argument": entry.name, "expected": expected.strip()},
                fix=fix,
            )
        )
    if not found:  # only whitespace or a missing colon differs: still a finding, as in the reference
        entry = section.entries[0] if section.entries else None
        index = entry.first if entry else section.header
        found.append(
            Diagnostic(
                rules.DOC_DEFAULT.code,
                path,
                line_of(index),
                column_of(index),
                f"the `Args:` entries of `{cls.name}` are not laid out as `name (type): text`",
                data={"class": cls.name},
                fix=fix,
            )
        )
    return found


def _stale_written_entries(repo, path: str, cls: ClassDoc, section, signature, builder: str) -> list[Diagnostic]:
    """A docstring completed at import time (`@auto_docstring`) is checked from its written part only: the
    parameters it leaves out come from the library's central tables, but an entry naming no parameter is
    wrong whatever is added to it. The fix deletes that entry's lines."""
    names = {p.name for p in signature}
    found = []
    for entry in section.entries:
        if entry.name in names:
            continue
        fix = _fix(repo, path, cls, section, (), span=(entry.first, entry.end))
        line = cls.doc_line + entry.first if cls.doc_exact else cls.doc_line
        column = len(cls.doc_lines[entry.first]) - len(cls.doc_lines[entry.first].lstrip()) + 1
        found.append(
            Diagnostic(
                rules.DOC_STALE.code,
                path,
                line,
                column,
                f"`Args:` of `{cls.name}` documents `{entry.name}`, which is not in the signature (the rest of its "
                f"docstring is written by `@{builder}` at import time)",
                data={"class": cls.name, "argument": entry.name, "builder": builder},
                fix=fix,
            )
        )
    return found


def _fix(
    repo, path: str, cls: ClassDoc, section, new_lines: tuple[str, ...], span: tuple[int, int] | None = None
) -> Fix | None:
    """Replace the section's source lines, only where each is exactly the docstring's line (a raw or
    escape-free docstring): rewriting through escapes could change what the string means."""
    if not cls.doc_exact:
        return None
    source = repo.lines(path)
    start, end = span or (section.start, section.end)
    first, last = cls.doc_line - 1 + start, cls.doc_line - 1 + end
    if last > len(source) or any(
        source[first + i].rstrip("\r\n") != cls.doc_lines[start + i] for i in range(last - first)
    ):
        return None
    text = "".join(line + "\n" for line in new_lines)
    return Fix(
        (Edit(first, last, text),), "delete the entry" if span else "rewrite the `Args:` entries as the signature reads"
    )


# --- config checkpoints ----------------------------------------------------------------------------------


def judge_config_checkpoints(repo, options: dict, source: str) -> list[Diagnostic]:
    auto = repo.settings("auto")
    mapping_name = auto["config-mapping"]
    files = [p for p in repo.python_files(source) if matches_any(p, auto["mapping-files"])]
    names: set[str] = set()
    for path in files:
        facts = repo.facts(path, extract_mapping_facts, mapping_name)
        if facts is None:
            continue
        for mapping in facts[0]:
            if mapping.name == mapping_name:
                names.update(v for e in mapping.entries for v in e.value if v)
    index = class_index(repo, source)
    deprecated = options["checkpoint-skip-folders"]
    found = []
    for name in sorted(names - set(options["checkpoint-ignore"])):
        places = index.get(name, [])
        if len(places) != 1:
            continue  # undefined or ambiguous: AUT002 / the mapping rules say so
        path, fact = places[0]
        if any(path.startswith(folder.replace("{source}", source).rstrip("/") + "/") for folder in deprecated):
            continue
        segment = _class_source(repo.lines(path), fact.line)
        if _has_checkpoint(segment):
            continue
        found.append(
            Diagnostic(
                rules.DOC_CHECKPOINT.code,
                path,
                fact.line,
                1,
                f'config class `{name}` names no checkpoint: pass `@auto_docstring(checkpoint="org/name")` or link '
                f"`[org/name](https://huggingface.co/org/name)` in its docstring",
                data={"class": name},
            )
        )
    return found


def _class_source(lines: list[str], class_line: int) -> str:
    """The class with its decorators, as `inspect.getsource` returns it: the lines above the `class` line up
    to a blank one, from the first decorator among them, and the indented body below."""
    above = class_line - 1
    while above > 0 and lines[above - 1].strip():
        above -= 1
    start = next((i for i in range(above, class_line - 1) if lines[i].startswith("@")), class_line - 1)
    end = class_line
    while end < len(lines) and (not lines[end].strip() or lines[end][:1].isspace()):
        end += 1
    return "".join(lines[start:end])


def _has_checkpoint(source: str) -> bool:
    if _CHECKPOINT_ARGUMENT.search(source):
        return True
    for name, link in _CHECKPOINT_LINK.findall(source):
        if link.rstrip("/") == f"https://huggingface.co/{name}":
            return True
    return False
