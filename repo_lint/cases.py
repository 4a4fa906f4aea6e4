"""Valid and invalid examples written next to a rule, Fixit-style: a rule lists them as `Rule(cases=...)`,
`tests/test_rule_cases.py` turns each into a test (its files written into a scratch repository, the rule run
through the CLI) and `repo-lint explain` shows the first invalid and the first valid case as the rule's example.

The scratch repository's `pyproject.toml` holds `package = "pkg"`, `source = "src/pkg"`,
`select = [<the rule's code>]` and the case's `config` lines (TOML appended as written, e.g. a
`[tool.repo-lint.naming]` table). Files are written in the case's `encoding`; a path listed in `links` becomes a
symbolic link to the path it maps to (relative to the repository root, `../` leaving it), where its text is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Case:
    files: dict[str, str] = field(default_factory=dict)  # repository path -> text; the first is the one judged
    valid: bool = True  # True: the rule reports nothing; False: it reports the first file
    line: int | None = None  # for an invalid case, the line it must report (1-based)
    config: str = ""  # extra TOML for the scratch pyproject.toml
    note: str = ""  # what the case shows (the test's id)
    fixed: dict[str, str] | None = None  # for a fixable invalid case: files as `--fix` leaves them (path -> text)
    # For an unsafe fix: files as `--fix --unsafe-fixes` leaves them (`--fix` alone leaves them as they are)
    unsafe_fixed: dict[str, str] | None = None
    encoding: str = "utf-8"  # how the files are written (a file that is not UTF-8 is a finding of its own)
    links: dict[str, str] = field(default_factory=dict)  # path of `files` -> where its text is, linked to from it
    changed: tuple[str, ...] | None = None  # the changed files of the run (`--changed-files`); None: a full run

    @property
    def path(self) -> str:
        return next(iter(self.files))


def valid(files: dict[str, str], **options: Any) -> Case:
    """A case the rule reports nothing on; `options` are `Case` fields (`note`, `config`, `changed`, ...)."""
    return Case(files, valid=True, **options)


def invalid(files: dict[str, str], **options: Any) -> Case:
    """A case the rule reports in its first file (at `line` when given; `fixed`: what `--fix` writes)."""
    return Case(files, valid=False, **options)
