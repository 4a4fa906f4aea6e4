"""MOD: modular files and the files generated from them (Transformers' `utils/check_modular_conversion.py`).

This first part needs no conversion: a generated file edited by hand (MOD002, on the changed files) and a
generated file whose banner names a modular file that does not exist (MOD003).
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
        "banner-lines",
        "int",
        10,
        "How many lines at the top of a file are searched for that banner.",
    ),
)

__all__ = ["FAMILY", "JUDGE", "MODULAR_EDGES", "OPTIONS", "RECORDS", "RULES", "SECTION"]
