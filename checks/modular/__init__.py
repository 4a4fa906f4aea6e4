"""MOD: modular files and the files generated from them (Transformers' `utils/check_modular_conversion.py`).

MOD001 converts each modular file and compares the result with the generated files (MOD004 when it cannot be
converted); MOD002 and MOD003 need no conversion: a generated file edited by hand (on the changed files) and
a generated file whose banner names a modular file that does not exist.
"""

from __future__ import annotations

from repo_lint.checks.modular.rules import RULES

from repo_lint.config import Option

FAMILY = "MOD"
SECTION = "modular"
JUDGE = "repo_lint.checks.modular.judge:judge"  # imported on first use: a no-op run never needs it
MODULAR_EDGES = "modular-edges"  # recorded when a run asks (`repo-lint graph`): `judge.ModularEdges`
RECORDS = (MODULAR_EDGES,)

OPTIONS = (
    Option(
        "generated-marker",
        "str",
        "This file was automatically generated from",
        "Text of a generated file's banner, followed by the path of the modular file it comes from (relative to "
        "the repository root); empty: no file is generated.",
    ),
    Option(
        "modular-files",
        "list[str]",
        ["**/models/*/modular_*.py"],
        "The modular files MOD001 converts (globs over repository paths).",
    ),
    Option(
        "banner-lines",
        "int",
        10,
        "How many lines at the top of a file are searched for that banner.",
    ),
)

__all__ = ["FAMILY", "JUDGE", "MODULAR_EDGES", "OPTIONS", "RECORDS", "RULES", "SECTION"]
