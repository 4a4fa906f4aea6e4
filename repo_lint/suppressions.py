"""Suppression comments: `# repo-lint: ignore[CODE,...]`, `# repo-lint: skip-file`, and per-file ignores."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from repo_lint.core_rules import BAD_SUPPRESSION
from repo_lint.diagnostics import Diagnostic
from repo_lint.workspace import matches_any

_IGNORE = re.compile(r"#\s*repo-lint:\s*ignore\[(?P<codes>[^\]]*)\]")
_SKIP_FILE = re.compile(r"#\s*repo-lint:\s*skip-file\b")
SKIP_FILE_LINES = 10


@dataclass
class FileSuppressions:
    skip_file: bool = False
    by_line: dict[int, list[str]] = field(default_factory=dict)  # 1-based line -> codes
    columns: dict[int, int] = field(default_factory=dict)


def parse(text: str) -> FileSuppressions:
    result = FileSuppressions()
    if "repo-lint:" not in text:
        return result
    for number, column, comment in _comments(text):
        if number <= SKIP_FILE_LINES and _SKIP_FILE.search(comment):
            result.skip_file = True
        match = _IGNORE.search(comment)
        if match:
            codes = [c.strip() for c in match.group("codes").split(",") if c.strip()]
            result.by_line[number] = codes
            result.columns[number] = column + match.start() + 1
    return result


def _comments(text: str):
    """(line, 0-based column, text) of the comments that mention `repo-lint:` — real comments only, so a
    string that merely shows a suppression (documentation, tests) suppresses nothing."""
    import io
    import tokenize

    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT and "repo-lint:" in token.string:
                found.append((token.start[0], token.start[1], token.string))
    except (tokenize.TokenError, SyntaxError):  # not Python: every line that mentions it counts
        found = [(number, 0, line) for number, line in enumerate(text.split("\n"), start=1) if "repo-lint:" in line]
    return found


def code_matches(code: str, selector: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


@dataclass
class Suppressor:
    """Drops suppressed findings and reports suppressions that are unknown or unused (RL003)."""

    known_codes: set[str]
    active_families: set[str]  # code prefixes whose rules ran: only their unused suppressions are reported
    per_file_ignores: dict[str, list[str]]
    files: dict[str, FileSuppressions] = field(default_factory=dict)

    def add_file(self, path: str, text: str | None) -> None:
        if text is not None and path not in self.files:
            self.files[path] = parse(text)

    def is_skipped_file(self, path: str) -> bool:
        entry = self.files.get(path)
        return bool(entry and entry.skip_file)

    def filter(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        used: set[tuple[str, int, str]] = set()
        kept = []
        for diagnostic in diagnostics:
            if self.is_skipped_file(diagnostic.path):
                continue
            if any(
                matches_any(diagnostic.path, [glob]) and any(code_matches(diagnostic.code, c) for c in codes)
                for glob, codes in self.per_file_ignores.items()
            ):
                continue
            entry = self.files.get(diagnostic.path)
            hit = None
            if entry is not None:
                for line in (diagnostic.line, *diagnostic.suppression_lines):
                    for code in entry.by_line.get(line, ()):
                        if code_matches(diagnostic.code, code):
                            hit = (diagnostic.path, line, code)
                            break
                    if hit:
                        break
            if hit:
                used.add(hit)
                continue
            kept.append(diagnostic)
        return kept + self.bad_suppressions(used)

    def bad_suppressions(self, used: set[tuple[str, int, str]]) -> list[Diagnostic]:
        found = []
        for path, entry in sorted(self.files.items()):
            if entry.skip_file:
                continue
            for line, codes in sorted(entry.by_line.items()):
                for code in codes:
                    column = entry.columns[line]
                    if not any(known.startswith(code) for known in self.known_codes) and code != "ALL":
                        message = f"unknown rule code `{code}` in suppression comment"
                    elif (path, line, code) not in used and any(
                        code.startswith(f) or f.startswith(code) for f in self.active_families
                    ):
                        message = f"unused suppression: no `{code}` finding on this line"
                    else:
                        continue
                    found.append(
                        Diagnostic(BAD_SUPPRESSION.code, path, line, column, message, data={"suppressed_code": code})
                    )
        return found
