"""The built-in check families. Each module exposes FAMILY, SECTION, OPTIONS, RULES and `judge(repo)`.

Adding a family means writing its module and listing it here; the engine needs nothing else.
"""

from repo_lint.checks import auto, copies, docs, dummies, inits, toc

ALL_CHECKS = (copies, inits, dummies, auto, toc, docs)

__all__ = ["ALL_CHECKS"]
