"""The progress bar of a cold run: drawn on stderr for a person at a terminal, never in a pipe or in CI."""

from __future__ import annotations

import os
import sys


def progress_stream():
    """Where a progress bar goes: stderr when a person watches it (a terminal, not CI), else nowhere."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return None
    stream = sys.stderr
    try:
        return stream if stream is not None and stream.isatty() else None
    except (AttributeError, ValueError):  # replaced or closed stream
        return None


def with_progress(items, length: int, label: str) -> list:
    """`list(items)`, drawing a bar on `progress_stream()` while it fills; silent in pipes and CI."""
    stream = progress_stream()
    if stream is None:
        return list(items)
    import click

    with click.progressbar(items, length=length, label=label, file=stream, show_pos=True) as bar:
        return list(bar)
