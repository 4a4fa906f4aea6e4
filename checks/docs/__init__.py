"""DOC: docstrings (for now: Diffusers' `utils/check_forward_call_docstrings.py` — `forward` / `__call__`
arguments documented — and docstring placeholders left in the code)."""

from __future__ import annotations

from repo_lint.checks.docs.rules import RULES

from repo_lint.config import Option

FAMILY = "DOC"
SECTION = "docstrings"
JUDGE = "repo_lint.checks.docs.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option("forward-folders", "list[str]", ["{source}/models"],
           "Folders whose classes have their `forward` checked (DOC001-DOC003, DOC005); empty: none."),
    Option("forward-bases", "list[str]", ["ModelMixin"],
           "Base class names (last dotted part, as written) that make a class's `forward` checked."),
    Option("call-folders", "list[str]", ["{source}/pipelines"],
           "Folders whose classes have their `__call__` checked (DOC001-DOC003, DOC005); empty: none."),
    Option("call-bases", "list[str]", ["DiffusionPipeline"],
           "Base class names (last dotted part, as written) that make a class's `__call__` checked."),
    Option("check-order", "bool", True, "Report `Args:` entries out of signature order (DOC003)."),
    Option("ignore-order-marker", "str", "# ignore-order",
           "A comment that turns DOC003 off for the method whose header or docstring holds it."),
    Option("import-time-decorators", "list[str]",
           ["add_start_docstrings", "add_start_docstrings_to_model_forward", "auto_docstring"],
           "Decorators that write a method's argument docs at import time (DOC005 instead of DOC001)."),
    Option("placeholder-folders", "list[str]", ["{source}"],
           "Folders whose docstrings are searched for `<fill_type>` / `<fill_docstring>` (DOC004)."),
    Option("ignore", "list[str]", [], "`Class.method` names never checked (the reference IGNORE set)."),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
