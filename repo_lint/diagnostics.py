"""The plain data every check produces: rules, diagnostics and the text edits that fix them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from repo_lint.cases import Case

# What a finding may depend on besides its own file (`Rule.depends_on`), for `--changed-since`:
INIT_FOLDER = "init-folder"  # a finding in an `__init__.py` concerns every module directly in its folder
# ... and any other name is a key of the finding's `data` whose value is a repository path (`source_path`).


@dataclass(frozen=True)
class Rule:
    """One rule: its code and name, the documentation `repo-lint explain` prints, the runnable examples that
    document and test it, and what its findings depend on besides their own file."""

    code: str
    name: str
    summary: str  # What it does
    why: str  # Why is this bad?
    fixable: bool = False
    fix: str = ""  # what the fix does, when there is one
    message: str = ""  # the shapes of its findings' messages, one a line: literal text with `{placeholders}`
    cases: tuple[Case, ...] = ()  # valid and invalid examples (repo_lint.cases), the first of each shown by explain
    depends_on: tuple[str, ...] = ()  # INIT_FOLDER and/or `data` keys naming other files the finding depends on
    # Under `changed-only`, a finding is kept when a file of `depends_on` changed, not only its own file (a
    # generated file is stale because a parent changed)
    changed_only_follows_dependencies: bool = False


@dataclass(frozen=True)
class Edit:
    """Replace the lines `[start_line, end_line)` (0-based, half-open) of a file by `text`.

    `text` holds whole lines ending with "\\n" (or is empty to delete them). Line-based edits keep every
    fix independent of the file's newline style, which the fixer restores on write.
    """

    start_line: int
    end_line: int
    text: str
    path: str | None = None  # the file to edit when it is not the diagnostic's own file


@dataclass(frozen=True)
class Fix:
    """The edits that fix one finding. An unsafe fix (`safe=False`) may change what the code does (a default
    value, a decorator) or drop text a person wrote; like ruff's, it is applied only with `--unsafe-fixes`."""

    edits: tuple[Edit, ...]
    description: str = ""
    safe: bool = True


@dataclass
class Diagnostic:
    """One finding. Lines and columns are 1-based; `path` is repo-relative with `/` separators."""

    code: str
    path: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # Extra text for the `full` format (for copies: the expected-vs-actual diff).
    detail: str = ""
    # Other lines whose suppression comment also suppresses this finding (the marker line of a copy).
    suppression_lines: tuple[int, ...] = ()
    # The description of an unsafe fix this run does not offer (no `--unsafe-fixes`); `fix` is None then.
    hidden_unsafe_fix: str = ""

    def __post_init__(self) -> None:
        if self.end_line is None:
            self.end_line = self.line
        if self.end_column is None:
            self.end_column = self.column
        if (self.end_line, self.end_column) < (self.line, self.column):  # a range never ends before it starts
            self.end_line, self.end_column = self.line, self.column

    @property
    def fixable(self) -> bool:
        return self.fix is not None

    def without_unsafe_fix(self) -> Diagnostic:
        """This finding as a run without `--unsafe-fixes` reports it: an unsafe fix withdrawn but mentioned.
        A copy: the judges may keep (and cache) the finding itself."""
        if self.fix is None or self.fix.safe:
            return self
        return dataclasses.replace(self, fix=None, hidden_unsafe_fix=self.fix.description or "an unsafe fix")

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "message": self.message,
            "fixable": self.fixable,
            "unsafe_fix_hidden": bool(self.hidden_unsafe_fix),
            "data": self.data,
        }
