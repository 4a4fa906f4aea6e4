"""The built-in check families. Each package exposes FAMILY, SECTION, OPTIONS, RULES and JUDGE (the
`module:function` of its `judge(repo)`, imported only when the family runs).

Adding a family means writing its module and listing it here; the engine needs nothing else.
"""

from repo_lint.checks import auto, copies, docs, dummies, inits, naming, structure, toc

ALL_CHECKS = (copies, inits, dummies, auto, toc, docs, naming, structure)

__all__ = ["ALL_CHECKS"]
