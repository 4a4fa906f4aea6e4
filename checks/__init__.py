"""The built-in check families. Each package exposes FAMILY, SECTION, OPTIONS, RULES and JUDGE (the
`module:function` of its `judge(repo)`, imported only when the family runs), and RECORDS when its judge can
hand the run more than findings (the copies family's copy edges, for `repo-lint graph`).

Adding a family means writing its folder and listing it here; the engine needs nothing else (setup.py
packages every folder with an `__init__.py`). A family imports the engine (`repo_lint.*`, shared facts in
`repo_lint.facts`), never another family: tests/test_layout.py checks it.
"""

from repo_lint.checks import (
    auto,
    copies,
    deps,
    docs,
    dummies,
    guides,
    inits,
    modular,
    modular_blocks,
    naming,
    pipelines,
    structure,
    toc,
)

ALL_CHECKS = (
    copies,
    inits,
    dummies,
    auto,
    toc,
    docs,
    naming,
    structure,
    modular,
    modular_blocks,
    guides,
    pipelines,
    deps,
)

__all__ = ["ALL_CHECKS"]
