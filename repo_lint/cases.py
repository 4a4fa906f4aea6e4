"""Valid and invalid examples written next to a rule, Fixit-style; `tests/test_rule_cases.py` turns each
into a test by writing its files into a scratch repository and running the rule through the CLI.

A family module lists them as `CASES` (a tuple of `Case`). The scratch repository's `pyproject.toml` holds
`package = "pkg"`, `source = "src/pkg"`, `select = [<the case's code>]` and the case's `config` lines
(TOML appended as written, e.g. a `[tool.repo-lint.naming]` table).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    code: str  # the rule the case is about
    files: dict[str, str] = field(default_factory=dict)  # repository path -> text; the first is the one judged
    valid: bool = True  # True: the rule reports nothing; False: it reports the first file
    line: int | None = None  # for an invalid case, the line it must report (1-based)
    config: str = ""  # extra TOML for the scratch pyproject.toml
    note: str = ""  # what the case shows (the test's id)

    @property
    def path(self) -> str:
        return next(iter(self.files))


def valid(code: str, files: dict[str, str], note: str = "", config: str = "") -> Case:
    return Case(code, files, True, None, config, note)


def invalid(code: str, files: dict[str, str], line: int | None = None, note: str = "", config: str = "") -> Case:
    return Case(code, files, False, line, config, note)
