"""Named presets: the defaults (and the reference scripts' hard-coded allow-lists) of known libraries.

Each library's preset is one data module here (`transformers.py`, `diffusers.py`) holding its top-level
settings (`TOP`) and one block per check family (`SECTIONS`, by section name). This module only collects them;
a new family adds its values to the library modules, a new library adds a module and a line to `LIBRARIES`.
Detecting which preset applies to a repository without configuration is `repo_lint.config.detect`.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from repo_lint.presets import diffusers, transformers

# In the order `repo_lint.config.detect` tries them.
LIBRARIES: tuple[ModuleType, ...] = (transformers, diffusers)

PRESETS: dict[str, dict[str, Any]] = {
    library.__name__.rsplit(".", 1)[-1]: {"top": library.TOP, "sections": library.SECTIONS} for library in LIBRARIES
}

NAMES = tuple(PRESETS)


def get(name: str) -> dict[str, Any]:
    return PRESETS.get(name, {})
