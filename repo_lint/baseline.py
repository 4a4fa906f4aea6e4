"""Baselines: accept the findings an existing tree has today, so that only new ones fail the check.

`repo-lint check --write-baseline FILE` records every finding of the run (after suppressions and
`per-file-ignores`) as an entry `(code, path, fingerprint, count)`; `baseline = "FILE"` in the configuration
then hides the findings an entry matches. The fingerprint does not depend on line numbers: it hashes the
rule code, the path, the stripped text of the flagged line(s) and the finding's identifying `data` (without
its line and column fields), so lines moving up or down keep a finding matched, while editing the flagged
code makes it a new finding (and its old entry stale: RL004). Identical findings in one file share an
entry whose `count` says how many there are.

The file is TOML (JSON when its name ends in `.json`), one entry per line, sorted, so it reads well in a
diff and RL004 can point at the line of a stale entry.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from repo_lint.config import ConfigError
from repo_lint.core_rules import STALE_BASELINE_ENTRY
from repo_lint.diagnostics import Diagnostic

VERSION = 1
# `data` fields that locate a finding rather than identify it: they move with the code around it.
_POSITIONAL = re.compile(r"(^|_)(line|lines|column|col|offset|start|end)s?($|_)")
HEADER = (
    "repo-lint baseline: findings accepted when this file was written. `repo-lint check` with\n"
    '`baseline = "{name}"` in [tool.repo-lint] reports only findings not listed here, and RL004 for\n'
    "entries that no longer match a finding. Regenerate it with `repo-lint check --write-baseline {name}`\n"
    "rather than editing it. fingerprint: a hash of the code, the path, the flagged line(s) stripped and the\n"
    "finding's data, independent of line numbers; count: how many identical findings the file has."
)


@dataclass(frozen=True)
class Entry:
    code: str
    path: str
    fingerprint: str
    count: int = 1
    line: int = 1  # where the entry is written in the baseline file


@dataclass
class Baseline:
    path: str  # the baseline file, relative to the repository root (where RL004 is reported)
    entries: list[Entry]


def fingerprint(diagnostic: Diagnostic, lines: list[str]) -> str:
    """A line-independent identity of a finding (see the module docstring)."""
    end = max(diagnostic.line, diagnostic.end_line or diagnostic.line)
    flagged = [line.strip() for line in lines[max(diagnostic.line - 1, 0) : end]]
    data = {k: v for k, v in diagnostic.data.items() if not _POSITIONAL.search(k)}
    payload = json.dumps([diagnostic.code, diagnostic.path, flagged, data], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def entries_for(found: list[Diagnostic], lines_of: Callable[[str], list[str]]) -> list[Entry]:
    """The baseline entries of a run's findings: one per (code, path, fingerprint), counted, sorted."""
    counts = Counter(
        (d.path, d.code, fingerprint(d, lines_of(d.path))) for d in found if d.code != STALE_BASELINE_ENTRY.code
    )
    return [Entry(code, path, digest, count) for (path, code, digest), count in sorted(counts.items())]


def render(entries: list[Entry], name: str) -> str:
    header = HEADER.format(name=name)
    if name.endswith(".json"):
        rows = [
            json.dumps({"path": e.path, "code": e.code, "fingerprint": e.fingerprint, "count": e.count})
            for e in entries
        ]
        body = ",\n".join(f"    {row}" for row in rows)
        return (
            f'{{\n  "comment": {json.dumps(header.replace(chr(10), " "))},\n  "version": {VERSION},\n'
            f'  "findings": [\n{body}{chr(10) if rows else ""}  ]\n}}\n'
        )
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"version = {VERSION}", "findings = ["]
    lines += [
        f"  {{ path = {json.dumps(e.path)}, code = {json.dumps(e.code)}, "
        f"fingerprint = {json.dumps(e.fingerprint)}, count = {e.count} }},"
        for e in entries
    ]
    lines.append("]")
    return "\n".join(lines) + "\n"


def write(file: Path, entries: list[Entry]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(render(entries, file.name), encoding="utf-8", newline="\n")


def digest_of(file: Path) -> str:
    """What keys the run cache: the baseline's bytes (or that it is missing)."""
    try:
        return hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "missing"


def load(root: Path, name: str) -> Baseline:
    """Read the configured baseline (`name` relative to the root); ConfigError when it is missing or bad."""
    file = root / name
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            f"baseline file {name} does not exist (write it with `repo-lint check --write-baseline {name}`)"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read baseline file {name}: {error}") from error
    try:
        table = json.loads(text) if name.endswith(".json") else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(
            f"baseline file {name} is not valid {'JSON' if name.endswith('.json') else 'TOML'}: {error}"
        ) from error
    items = table.get("findings") if isinstance(table, dict) else None
    if not isinstance(items, list):
        raise ConfigError(f"baseline file {name} has no `findings` list")
    file_lines = text.split("\n")
    entries = []
    for index, item in enumerate(items):
        ok = isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("code", "path", "fingerprint"))
        count = item.get("count", 1) if isinstance(item, dict) else None
        if not ok or not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ConfigError(
                f"baseline file {name}: entry {index + 1} needs string `code`, `path`, "
                f"`fingerprint` and a positive integer `count`, got {item!r}"
            )
        quoted = json.dumps(item["fingerprint"])
        line = next((number for number, row in enumerate(file_lines, start=1) if quoted in row), 1)
        entries.append(Entry(item["code"], item["path"], item["fingerprint"], count, line))
    rel = Path(name).as_posix()
    return Baseline(rel[2:] if rel.startswith("./") else rel, entries)


def apply(
    baseline: Baseline,
    found: list[Diagnostic],
    lines_of: Callable[[str], list[str]],
    in_scope: Callable[[str, str], bool],
) -> list[Diagnostic]:
    """`found` without the findings the baseline accepts, plus RL004 for each entry (within the run's
    scope: `in_scope(code, path)`) that matches fewer findings than it counts."""
    left = {(e.code, e.path, e.fingerprint): e.count for e in baseline.entries}
    kept = []
    for diagnostic in found:
        key = (diagnostic.code, diagnostic.path, fingerprint(diagnostic, lines_of(diagnostic.path)))
        if left.get(key, 0) > 0:
            left[key] -= 1
        else:
            kept.append(diagnostic)
    for entry in baseline.entries:
        unmatched = left.get((entry.code, entry.path, entry.fingerprint), 0)
        if unmatched <= 0 or not in_scope(entry.code, entry.path):
            continue
        left[(entry.code, entry.path, entry.fingerprint)] = 0  # a duplicated entry is reported once
        if unmatched == entry.count:
            what = f"no {entry.code} finding in {entry.path} matches this baseline entry any more"
        else:
            what = f"{unmatched} of the {entry.count} {entry.code} findings this entry accepts in {entry.path} are gone"
        kept.append(
            Diagnostic(
                STALE_BASELINE_ENTRY.code,
                baseline.path,
                entry.line,
                1,
                f"stale baseline entry: {what} (rewrite it with --write-baseline)",
                data={
                    "baseline_code": entry.code,
                    "baseline_path": entry.path,
                    "fingerprint": entry.fingerprint,
                    "unmatched": unmatched,
                },
            )
        )
    return kept
