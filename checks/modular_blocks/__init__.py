"""MPB: the generated docstrings of modular pipeline blocks (replaces Diffusers' `utils/modular_auto_docstring.py`,
`make modular-autodoctrings`): every class under a `# auto_docstring` line carries the docstring its
declarations generate, read statically across the repository's files."""

from __future__ import annotations

from repo_lint.checks.modular_blocks.rules import RULES

from repo_lint.config import Option

FAMILY = "MPB"
SECTION = "modular-blocks"
JUDGE = "repo_lint.checks.modular_blocks.judge:judge"  # imported on first use: a no-op run never needs it

OPTIONS = (
    Option(
        "marker",
        "str",
        "# auto_docstring",
        "The comment line above a block class whose docstring is generated (spaces inside the comment do not "
        "matter: `#auto_docstring` is the same marker).",
    ),
    Option(
        "folders",
        "list[str]",
        ["{source}/modular_pipelines"],
        "Folders whose Python files are searched for the marker (only files containing it are parsed; the "
        "blocks they use are read wherever they are in the package).",
        path="paths",
    ),
    Option(
        "aliases",
        "dict[str,str]",
        {},
        "The runtime `__name__` of an external class imported under another name (`Qwen2TokenizerFast` -> "
        "`Qwen2Tokenizer`): the installed library decides it, the source cannot tell.",
    ),
)

__all__ = ["FAMILY", "JUDGE", "OPTIONS", "RULES", "SECTION"]
