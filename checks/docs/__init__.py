"""DOC: docstrings. Public objects' `Args:` sections against their signatures (Transformers'
`utils/check_docstrings.py`), `forward` / `__call__` arguments documented (Diffusers'
`utils/check_forward_call_docstrings.py`), placeholders left in the code, and config classes naming a
checkpoint (Transformers' `utils/check_config_docstrings.py`) — all static."""

from __future__ import annotations

from repo_lint.checks.docs.rules import RULES

from repo_lint.config import Option

FAMILY = "DOC"
SECTION = "docstrings"
JUDGE = "repo_lint.checks.docs.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "forward-folders",
        "list[str]",
        ["{source}/models"],
        "Folders whose classes have their `forward` checked (DOC001-DOC003, DOC005); empty: none.",
        path="paths",
    ),
    Option(
        "forward-bases",
        "list[str]",
        ["ModelMixin"],
        "Base class names (last dotted part, as written) that make a class's `forward` checked.",
    ),
    Option(
        "call-folders",
        "list[str]",
        ["{source}/pipelines"],
        "Folders whose classes have their `__call__` checked (DOC001-DOC003, DOC005); empty: none.",
        path="paths",
    ),
    Option(
        "call-bases",
        "list[str]",
        ["DiffusionPipeline"],
        "Base class names (last dotted part, as written) that make a class's `__call__` checked.",
    ),
    Option("check-order", "bool", True, "Report `Args:` entries out of signature order (DOC003)."),
    Option(
        "ignore-order-marker",
        "str",
        "# ignore-order",
        "A comment that turns DOC003 off for the method whose header or docstring holds it.",
    ),
    Option(
        "import-time-decorators",
        "list[str]",
        ["add_start_docstrings", "add_start_docstrings_to_model_forward", "auto_docstring"],
        "Decorators that write a method's argument docs at import time (DOC005 instead of DOC001).",
    ),
    Option(
        "placeholder-folders",
        "list[str]",
        ["{source}"],
        "Folders whose docstrings are searched for `<fill_type>` / `<fill_docstring>` (DOC004).",
        path="paths",
    ),
    Option(
        "ignore",
        "list[str]",
        [],
        "Names never checked: `Class.method` for DOC001-DOC003/DOC005 methods, class names for public objects.",
    ),
    Option(
        "public-inits",
        "list[str]",
        [],
        "Init files whose exported classes have their `Args:` checked against their signature (DOC001-DOC003, "
        "DOC005, DOC006); empty: none.",
        path="paths",
    ),
    Option("public-ignore-prefixes", "list[str]", [], "Exported names starting so are not checked."),
    Option("public-ignore-suffixes", "list[str]", [], "Exported names ending so are not checked."),
    Option(
        "config-checkpoints", "bool", False, "Check that config classes of the auto mapping name a checkpoint (DOC007)."
    ),
    Option("checkpoint-ignore", "list[str]", [], "Config classes that need no checkpoint (DOC007)."),
    Option(
        "checkpoint-skip-folders",
        "list[str]",
        [],
        "Folders whose config classes DOC007 skips (deprecated).",
        path="paths",
    ),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
