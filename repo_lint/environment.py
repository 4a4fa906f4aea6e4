"""What of the Python environment a run's result can depend on.

The copies check compares markers that name an installed package with that package's files, so a run's
answer depends on the interpreter's search path as well as on the repository. Installing, upgrading or
removing a package changes the modification time of the folder it is installed in.
"""

from __future__ import annotations

import os
import sys


def search_path_signature() -> tuple[tuple[str, int], ...]:
    """Each entry of `sys.path` with its folder's modification time (-1 when it cannot be read). The current
    folder (`''`) is left out: it is the repository, whose files the run signature already covers."""
    signature = []
    for entry in sys.path:
        if not entry:
            continue
        try:
            mtime = os.stat(entry).st_mtime_ns
        except OSError:
            mtime = -1
        signature.append((entry, mtime))
    return tuple(signature)
