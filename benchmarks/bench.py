"""Benchmark repo-lint on the released transformers / diffusers trees, next to the reference scripts.

    python benchmarks/bench.py [--repeat N] [--tree transformers|diffusers ...]
                               [--reference-dir DIR] [--scenario NAME ...] [--markdown]

Not a test: it prints a table (min / median wall time, files/s, peak RSS, the reference scripts'
time measured in the same run, the ratio, the target and whether it is met). Every scenario runs on
scratch copies of the cached trees in a temporary folder (never on the cache itself); every measured
command is its own process. `benchmarks/README.md` describes the scenarios and how to read the table.

Scenarios (each run ``--repeat`` times; the cache-directory ones use a new ``--cache-dir`` per repeat):

- ``cold``               all families, first run with an empty cache dir (``--no-cache`` if
                         ``--cache-dir`` is not supported)
- ``warm``               the same command again, same cache dir
- ``noop``               the same command a third time (nothing changed since the last run)
- ``touch``              a comment line appended to one modeling file, then the same command
- ``changed-since``      git scratch repo, one modeling file modified, ``--changed-since main``,
                         empty cache dir
- ``changed-since-warm`` the same after a full run filled the cache dir on the committed tree
- ``cpy-cold``           ``--select CPY``, empty cache dir, vs the reference ``check_copies.py``
- ``doc-cold``           ``--select DOC``, empty cache dir, vs the reference ``check_forward_call_docstrings.py``
                         (diffusers; Transformers' docstring scripts import the library: no reference)
- ``cpy-warm``           ``--select CPY`` again, same cache dir, vs the same reference runs
- ``fix``                20 copies drifted, ``--fix --select CPY --no-cache``, then the tree is
                         compared byte for byte with the original (reference: ``--fix_and_overwrite``
                         on its own mutated copy)

A scenario whose command fails (exit status 2, a traceback, output that is not JSON) is reported as
``n/a: <last line of stderr>``; the others still run.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import run_reference  # noqa: E402
from tests.realtrees import MARKER, TREES, TreeUnavailable, fetch_tree, fresh_copy  # noqa: E402

SCENARIOS = (
    "cold",
    "warm",
    "noop",
    "touch",
    "changed-since",
    "changed-since-warm",
    "cpy-cold",
    "cpy-warm",
    "doc-cold",
    "fix",
)
FULL_GROUP = ("cold", "warm", "noop", "touch")
CHANGED_GROUP = ("changed-since", "changed-since-warm")
CPY_GROUP = ("cpy-cold", "cpy-warm")

#: The modeling file that `touch` and `changed-since` modify.
MODELING_FILE = {
    "transformers": "src/transformers/models/bert/modeling_bert.py",
    "diffusers": "src/diffusers/models/unets/unet_2d_condition.py",
}
DRIFTS = 20
RSS_LIMIT_MB = 1024.0
RUN_TIMEOUT = 1800  # seconds, per measured command

#: scenario -> (target text, kind, value); kind "s" = median seconds, "x" = median ratio to the reference.
TARGETS = {
    "cold": ("<= 30 s", "s", 30.0),
    "warm": ("<= 1.0 s", "s", 1.0),
    "noop": ("<= 0.3 s", "s", 0.3),
    "touch": ("<= 1.0 s (as warm)", "s", 1.0),
    "changed-since": ("<= 1.0 s", "s", 1.0),
    "changed-since-warm": ("<= 1.0 s", "s", 1.0),
    "cpy-cold": ("<= 0.5x ref", "x", 0.5),
    "cpy-warm": ("<= 0.1x ref", "x", 0.1),
    "doc-cold": ("<= 1x ref", "x", 1.0),
    "fix": ("tree restored", "fix", None),
}

# The reference scripts other than check_copies.py that the full-run scenarios are compared with: each is
# loaded in a fresh interpreter from the tree root and one function is called (as in compare_inits.py; the
# transformers check_inits.py `__main__` also imports the library, so only its static part runs).
REFERENCE_DRIVER = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('ref', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "getattr(module, sys.argv[2])(*sys.argv[3:])\n"
)
REFERENCE_CALLS = {
    "check_dummies.py": ("check_dummies",),
    "check_inits.py": ("check_all_inits",),
    "custom_init_isort.py": ("sort_imports_in_all_inits", "True"),  # check_only
}
# The reference scripts report findings by raising these; any other exception is a crash.
FINDING_EXCEPTIONS = ("ValueError", "Exception")


def exception_kind(exception: str) -> str:
    """The exception's class name from its last line (`subprocess.CalledProcessError: ...` -> `CalledProcessError`)."""
    return exception.split(":", 1)[0].strip().rsplit(".", 1)[-1]


# Runs a command and writes its wall time and its children's peak RSS (ru_maxrss) to argv[1].
RSS_WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:])
seconds = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
with open(sys.argv[1], "w") as handle:
    json.dump({"seconds": seconds, "maxrss": rss}, handle)
sys.exit(code)
"""

SKIP_DIRS = {".git", ".repo-lint-cache", "__pycache__", ".ruff_cache"}
GIT = [
    "git",
    "-c",
    "user.name=repo-lint-bench",
    "-c",
    "user.email=bench@localhost",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "init.defaultBranch=main",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- measuring


@dataclass
class Measured:
    seconds: float
    rss_mb: float | None
    returncode: int
    stdout: str
    stderr: str
    error: str | None = None  # set when the command failed (not merely reported findings)


class Meter:
    """Run one command as its own process and measure its wall time and peak RSS.

    Peak RSS comes from GNU ``/usr/bin/time -f %M`` when available, otherwise from a tiny Python wrapper
    that prints ``RUSAGE_CHILDREN.ru_maxrss`` of its only child (``RUSAGE_CHILDREN`` of this process would
    be the maximum over every child waited for so far, useless after the first run). On Linux the value a
    parent gets for a reaped child also covers that child's own reaped children (a process pool), as the
    largest single process, not a sum.
    """

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.time_binary = self._gnu_time()
        try:
            import resource  # noqa: F401

            self.wrapper = True
        except ImportError:  # pragma: no cover - not POSIX
            self.wrapper = False
        self.method = (
            "/usr/bin/time -f %M"
            if self.time_binary
            else "python wrapper (RUSAGE_CHILDREN of its own child)"
            if self.wrapper
            else "unavailable"
        )

    def _gnu_time(self) -> str | None:
        binary = shutil.which("time") or ("/usr/bin/time" if os.path.exists("/usr/bin/time") else None)
        if not binary:
            return None
        out = self.scratch / "time-probe.txt"
        try:
            subprocess.run(
                [binary, "-f", "%M", "-o", str(out), sys.executable, "-c", "pass"],
                capture_output=True,
                check=True,
                timeout=60,
            )
            int(out.read_text().split()[-1])
        except (OSError, subprocess.SubprocessError, ValueError, IndexError):
            return None
        return binary

    def run(self, command: list[str], cwd: Path, env: dict[str, str]) -> Measured:
        handle, name = tempfile.mkstemp(prefix="rss-", dir=self.scratch)
        os.close(handle)
        out = Path(name)
        if self.time_binary:
            full = [self.time_binary, "-f", "%M", "-o", str(out), *command]
        elif self.wrapper:
            full = [sys.executable, "-c", RSS_WRAPPER, str(out), *command]
        else:
            full = command
        start = time.perf_counter()
        proc = subprocess.Popen(
            full,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            return Measured(
                time.perf_counter() - start, None, -9, stdout, stderr, error=f"timed out after {RUN_TIMEOUT} s"
            )
        seconds = time.perf_counter() - start
        rss_mb = None
        try:
            text = out.read_text()
            if self.time_binary:  # GNU time may write "Command exited with non-zero status N" first
                rss_mb = int(text.split()[-1]) / 1024
            elif self.wrapper:
                data = json.loads(text)
                seconds = data["seconds"]  # without the wrapper's own start-up
                rss_mb = data["maxrss"] / (1024 * 1024 if sys.platform == "darwin" else 1024)
        except (OSError, ValueError, IndexError, KeyError):
            pass
        finally:
            out.unlink(missing_ok=True)
        return Measured(seconds, rss_mb, proc.returncode, stdout, stderr)


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def compile_repo_lint() -> None:
    """Byte-compile repo-lint's own modules (the `repo_lint` package and the `checks` folder it maps)."""
    import repo_lint.checks

    import repo_lint

    folders = {str(Path(repo_lint.__file__).parent), *map(str, repo_lint.checks.__path__)}
    subprocess.run([sys.executable, "-m", "compileall", "-q", *sorted(folders)], check=False, capture_output=True)


class RepoLint:
    """Runs `python -m repo_lint check --output-format json -q ...` through the meter."""

    def __init__(self, meter: Meter) -> None:
        self.meter = meter
        self.env = run_reference._environment()  # ruff of this interpreter first on PATH
        # repo-lint runs as installed: from bytecode compiled once (pip does it on install), not compiled anew
        # by every run as PYTHONDONTWRITEBYTECODE=1 would make it (about 0.06-0.1 s a run here).
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        compile_repo_lint()
        self.python = sys.executable  # benchmarks/speed.py runs an installed copy instead
        self.cache_dir_supported: bool | None = None
        self.cache_dir_error = ""

    def check(self, tree: Path, *args: str) -> Measured:
        command = [self.python, "-m", "repo_lint", "check", "--output-format", "json", "-q", *args]
        result = self.meter.run(command, tree, self.env)
        if result.error:
            return result
        if "Traceback (most recent call last)" in result.stderr:
            result.error = last_line(result.stderr) or "traceback"
        elif result.returncode not in (0, 1):
            result.error = last_line(result.stderr) or last_line(result.stdout) or f"exit {result.returncode}"
        else:
            try:
                json.loads(result.stdout or "[]")
            except ValueError:
                result.error = "output is not JSON: " + (last_line(result.stderr) or last_line(result.stdout))
        return result

    def cached(self, tree: Path, cache: Path | None, *args: str) -> Measured:
        """A run with ``--cache-dir cache`` (``cache=None``: ``--no-cache``)."""
        return self.check(tree, *(["--cache-dir", str(cache)] if cache else ["--no-cache"]), *args)

    def cold(self, tree: Path, cache: Path, *args: str) -> tuple[Measured, bool]:
        """First run with an empty cache dir; ``--no-cache`` when ``--cache-dir`` is not supported.

        Returns the run and whether the cache dir was used (so warm runs can follow)."""
        if self.cache_dir_supported is not False:
            result = self.cached(tree, cache, *args)
            if not (result.error and "cache-dir" in result.error):
                if not result.error:
                    self.cache_dir_supported = True
                return result, not result.error
            self.cache_dir_supported, self.cache_dir_error = False, result.error
        return self.cached(tree, None, *args), False


def findings(result: Measured) -> list[dict]:
    try:
        data = json.loads(result.stdout or "[]")
    except ValueError:
        return []
    return data if isinstance(data, list) else data.get("diagnostics", []) if isinstance(data, dict) else []


# --------------------------------------------------------------------------------------------- results


@dataclass
class Row:
    tree: str
    scenario: str
    times: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    ref_times: list[float] = field(default_factory=list)
    error: str | None = None
    notes: list[str] = field(default_factory=list)
    check_ok: bool | None = None  # fix: was the tree restored?

    def add(self, result: Measured) -> bool:
        """Record a measured run; False (and the row becomes n/a) when it failed."""
        if self.error:
            return False
        if result.error:
            self.error = result.error
            return False
        self.times.append(result.seconds)
        if result.rss_mb is not None:
            self.rss.append(result.rss_mb)
        return True

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def fmt_times(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}" if values else "-"


def verdict(row: Row) -> tuple[str, str, str]:
    """(ratio, met?, extra note) of a row."""
    target_text, kind, value = TARGETS[row.scenario]
    if row.error or not row.times:
        return "-", "n/a", ""
    median = statistics.median(row.times)
    ratio = median / statistics.median(row.ref_times) if row.ref_times else None
    failures, unknown = [], []
    if kind == "s" and median > value:
        failures.append(f"{median:.2f} s")
    if kind == "x":
        if ratio is None:
            unknown.append("no reference")
        elif ratio > value:
            failures.append(f"{ratio:.2f}x")
    if kind == "fix":
        if row.check_ok is None:
            unknown.append("not verified")
        elif not row.check_ok:
            failures.append("tree not restored")
    if row.rss and max(row.rss) > RSS_LIMIT_MB:
        failures.append(f"RSS {max(row.rss):.0f} MB > 1 GB")
    met = "NO" if failures else ("?" if unknown else "yes")
    extra = "; ".join(failures + unknown)
    return (f"{ratio:.2f}x" if ratio is not None else "-"), met, extra


def table(rows: list[Row], counts: dict[str, int], markdown: bool) -> str:
    header = [
        "tree",
        "scenario",
        "repo-lint min / med s",
        "files/s",
        "peak RSS MB",
        "ref min / med s",
        "ratio",
        "target",
        "met?",
        "notes",
    ]
    body = []
    for row in rows:
        ratio, met, extra = verdict(row)
        median = statistics.median(row.times) if row.times else None
        notes = ([f"n/a: {row.error}"] if row.error else []) + ([extra] if extra and met == "NO" else []) + row.notes
        body.append(
            [
                row.tree,
                row.scenario,
                fmt_times(row.times),
                f"{counts[row.tree] / median:.0f}" if median else "-",
                f"{max(row.rss):.0f}" if row.rss else "-",
                fmt_times(row.ref_times),
                ratio,
                TARGETS[row.scenario][0],
                met,
                "; ".join(notes),
            ]
        )
    if markdown:
        escape = lambda cell: cell.replace("|", "\\|")  # noqa: E731
        lines = [
            "| " + " | ".join(header) + " |",
            "|" + "|".join("---:" if i in (2, 3, 4, 5, 6) else "---" for i in range(len(header))) + "|",
        ]
        lines += ["| " + " | ".join(escape(c) for c in cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(header[i]), *(len(cells[i]) for cells in body)) for i in range(len(header) - 1)]
    right = {2, 3, 4, 5, 6}

    def line(cells: list[str]) -> str:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False))]
        return "  ".join(parts + [cells[-1]]).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths] + ["-----"])] + [line(c) for c in body])


# --------------------------------------------------------------------------------------------- trees


def py_count(tree: Path) -> int:
    return sum(1 for part in ("src", "tests") if (tree / part).is_dir() for _ in (tree / part).rglob("*.py"))


def scratch_copy(tree: Path, dest: Path) -> Path:
    fresh_copy(tree, dest)
    shutil.rmtree(dest / ".repo-lint-cache", ignore_errors=True)  # a cache someone left in the cached tree
    return dest


def tree_files(root: Path) -> dict[str, Path]:
    found = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in files:
            if name != MARKER:
                path = Path(folder, name)
                found[path.relative_to(root).as_posix()] = path
    return found


def tree_diff(work: Path, original: Path) -> list[str]:
    """Paths (relative) whose bytes differ between the two trees, including files only in one of them."""
    mine, theirs = tree_files(work), tree_files(original)
    differ = sorted(set(mine) ^ set(theirs))
    for rel in set(mine) & set(theirs):
        a, b = mine[rel], theirs[rel]
        if a.stat().st_size != b.stat().st_size or a.read_bytes() != b.read_bytes():
            differ.append(rel)
    return sorted(differ)


def restore(work: Path, original: Path, paths: list[str]) -> None:
    for rel in paths:
        source, target = original / rel, work / rel
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.is_file():
            target.unlink()


def append_line(path: Path, text: str) -> bytes:
    """Append a comment line to ``path``; return the original bytes."""
    original = path.read_bytes()
    newline = b"\r\n" if b"\r\n" in original else b"\n"
    body = original if original.endswith((b"\n", b"\r")) or not original else original + newline
    path.write_bytes(body + text.encode() + newline)
    return original


def make_git_repo(work: Path) -> str | None:
    """Make ``work`` a git repository with everything committed once on ``main``; None or the error."""
    if not shutil.which("git"):
        return "git not found"
    steps = [
        ["init", "-q"],
        ["symbolic-ref", "HEAD", "refs/heads/main"],
        ["add", "-A"],
        ["commit", "-q", "--no-verify", "-m", "bench base"],
    ]
    for step in steps:
        proc = subprocess.run(GIT + step, cwd=work, capture_output=True, text=True)
        if proc.returncode != 0:
            return f"git {step[0]} failed: {last_line(proc.stderr)}"
        if step[0] == "init":
            with open(work / ".git" / "info" / "exclude", "a", encoding="utf-8") as handle:
                handle.write("\n.repo-lint-cache/\n")
    return None


# --------------------------------------------------------------------------------------------- drifts


_MARKER = re.compile(r"^\s*#\s*Copied from\s+(\S+)")
_COMPOUND = tuple(
    getattr(ast, name)
    for name in (
        "FunctionDef",
        "AsyncFunctionDef",
        "ClassDef",
        "If",
        "For",
        "AsyncFor",
        "While",
        "With",
        "AsyncWith",
        "Try",
        "TryStar",
        "Match",
    )
    if hasattr(ast, name)
)


def _marker_targets(tree: Path) -> set[str]:
    targets = set()
    for part in ("src", "tests"):
        for path in (tree / part).rglob("*.py") if (tree / part).is_dir() else ():
            text = path.read_text(encoding="utf-8", errors="replace")
            if "Copied from" in text:
                targets.update(m.group(1) for m in map(_MARKER.match, text.splitlines()) if m)
    return targets


def _drift_line(node: ast.AST) -> int | None:
    """1-based line of the first simple, non-docstring statement inside ``node``'s body (header excluded)."""
    if node.body[0].lineno <= node.lineno:
        return None
    statements = [
        n
        for n in ast.walk(node)
        if isinstance(n, ast.stmt)
        and n is not node
        and not isinstance(n, _COMPOUND)
        and not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str))
    ]
    if not statements:
        return None
    return min(statements, key=lambda n: (n.lineno, n.col_offset)).end_lineno


def choose_drifts(tree: Path, package: str, exclude: set[str], count: int = DRIFTS) -> list[tuple[str, int, str]]:
    """Pick ``count`` top-level ``# Copied from`` definitions in different files, deterministically.

    Only definitions whose marker names ``package``, with no decorator, no nested marker, no
    ``# Ignore copy``/``# End copy``, that are not themselves the source of another copy, in files
    outside ``exclude`` (files with a CPY finding or that --fix changes); spread evenly over the
    sorted candidates. Returns (relative path, 1-based line to drift, object name)."""
    targets = _marker_targets(tree)
    candidates = []
    for path in sorted((tree / "src" / package).rglob("*.py")):
        rel = path.relative_to(tree).as_posix()
        if rel in exclude:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "Copied from" not in text:
            continue
        try:
            module = ast.parse(text)
        except SyntaxError:
            continue
        lines = text.splitlines()
        dotted_module = ".".join(Path(rel).with_suffix("").parts[1:])
        for node in module.body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) or node.decorator_list:
                continue
            marker = _MARKER.match(lines[node.lineno - 2]) if node.lineno >= 2 else None
            if not marker or lines[node.lineno - 2][:1].isspace() or not marker.group(1).startswith(package + "."):
                continue  # no marker, a nested one, or one naming another library ("Copied from PEFT: ...")
            segment = "\n".join(lines[node.lineno - 1 : node.end_lineno])
            if "Copied from" in segment or "Ignore copy" in segment or "End copy" in segment:
                continue
            dotted = f"{dotted_module}.{node.name}"
            if any(t == dotted or t.startswith(dotted + ".") for t in targets):
                continue
            line = _drift_line(node)
            if line:
                candidates.append((rel, line, node.name))
                break  # one per file
    if len(candidates) <= count:
        return candidates
    return [candidates[i * len(candidates) // count] for i in range(count)]


def apply_drifts(work: Path, drifts: list[tuple[str, int, str]]) -> None:
    for rel, line, _ in drifts:
        path = work / rel
        data = path.read_bytes().decode("utf-8")
        lines = data.splitlines(keepends=True)
        text = lines[line - 1]
        stripped = text.rstrip("\r\n")
        lines[line - 1] = stripped + "  # drift" + text[len(stripped) :]
        path.write_bytes("".join(lines).encode("utf-8"))


# --------------------------------------------------------------------------------------------- reference


class Reference:
    """The reference scripts of one flavor, or nothing when the folder lacks them."""

    def __init__(self, folder: Path | None, flavor: str) -> None:
        utils = folder / flavor / "utils" if folder else None
        self.flavor = flavor
        self.copies = utils / "check_copies.py" if utils and (utils / "check_copies.py").is_file() else None
        self.others = {name: utils / name for name in REFERENCE_CALLS if utils and (utils / name).is_file()}
        self.missing = [
            name for name in ["check_copies.py", *REFERENCE_CALLS] if not (utils and (utils / name).is_file())
        ]
        docs = utils / "check_forward_call_docstrings.py" if utils else None
        self.docs = docs if docs and docs.is_file() else None
        self.status: dict[str, str] = {}  # script -> "ok" | "findings" | "crashed: ..." (last run)
        self.seconds: dict[str, list[float]] = {}

    @property
    def available(self) -> bool:
        return self.copies is not None or bool(self.others)

    def _record(self, name: str, seconds: float, status: str) -> None:
        self.seconds.setdefault(name, []).append(seconds)
        if status != "ok" or name not in self.status:
            self.status[name] = status

    def check_copies(self, tree: Path, fix: bool = False, record: bool = True) -> run_reference.RefResult | None:
        """One run of the reference check_copies.py; ``record``: count it in the footnote statistics."""
        if not self.copies:
            return None
        result = run_reference.run_check_copies(self.flavor, tree, fix=fix, script=self.copies)
        if record and not fix:
            status = (
                f"crashed: {last_line(result.error or '')[:80]}"
                if result.crashed
                else "findings"
                if result.findings
                else "ok"
            )
            self._record("check_copies.py", result.seconds, status)
        return result

    def forward_docs(self, tree: Path) -> float | None:
        """One run of Diffusers' check_forward_call_docstrings.py (the scope of `--select DOC` there)."""
        if not self.docs:
            return None
        script = tree / "utils" / self.docs.name  # it finds the tree from its own location, as upstream
        script.parent.mkdir(exist_ok=True)
        shutil.copyfile(self.docs, script)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(script)],
            cwd=tree,
            env=run_reference._environment(),
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT,
        )
        seconds = time.perf_counter() - start
        output = last_line(proc.stdout + proc.stderr)[:80]
        status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {output}"
        self._record(self.docs.name, seconds, status)
        return seconds

    def full(self, tree: Path, copies: run_reference.RefResult | None) -> float | None:
        """Sum of check_copies (the given run) + check_dummies + check_inits + custom_init_isort."""
        if not self.available:
            return None
        total = copies.seconds if copies else 0.0
        env = run_reference._environment()
        for name, path in self.others.items():
            function, *args = REFERENCE_CALLS[name]
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-c", REFERENCE_DRIVER, str(path), function, *args],
                cwd=tree,
                env=env,
                capture_output=True,
                text=True,
                timeout=RUN_TIMEOUT,
            )
            seconds = time.perf_counter() - start
            total += seconds
            if proc.returncode == 0:
                status = "ok"
            else:
                exception = run_reference._exception_text(proc.stderr) or last_line(proc.stderr)
                findings = exception_kind(exception) in FINDING_EXCEPTIONS
                status = "findings" if findings else f"crashed: {last_line(exception)[:80]}"
            self._record(name, seconds, status)
        return total


# --------------------------------------------------------------------------------------------- scenarios


class TreeBench:
    def __init__(
        self, name: str, tree: Path, scratch: Path, lint: RepoLint, reference: Reference, scenarios: list[str]
    ) -> None:
        self.name, self.tree, self.scratch, self.lint, self.ref = name, tree, scratch, lint, reference
        self.scenarios = scenarios
        self.rows = {s: Row(name, s) for s in scenarios}
        self.footnotes: list[str] = []
        self.plain: Path | None = None
        self.git: Path | None = None
        self.git_error: str | None = None
        self.fix_state: dict | None = None
        self.cache_counter = 0

    def wants(self, *names: str) -> bool:
        return any(n in self.scenarios for n in names)

    def new_cache(self) -> Path:
        self.cache_counter += 1
        return Path(tempfile.mkdtemp(prefix=f"cache-{self.name}-{self.cache_counter}-", dir=self.scratch))

    def plain_tree(self) -> Path:
        if self.plain is None:
            self.plain = scratch_copy(self.tree, self.scratch / f"{self.name}-plain")
        return self.plain

    def add(self, scenario: str, result: Measured) -> bool:
        return scenario in self.rows and self.rows[scenario].add(result)

    def fail(self, scenarios: tuple[str, ...], error: str) -> None:
        for s in scenarios:
            if s in self.rows and not self.rows[s].error:
                self.rows[s].error = error

    # -- one repeat of each group
    def repeat(self, index: int) -> None:
        copies_ref = full_ref = None
        if self.wants(*FULL_GROUP, *CPY_GROUP, *CHANGED_GROUP):
            work = self.plain_tree()
            if self.wants(*FULL_GROUP):
                self.full_group(work, index)
            if self.wants(*CPY_GROUP):
                self.cpy_group(work)
            if self.wants(*CHANGED_GROUP):
                self.changed_group(index)
            if self.ref.available:
                log(f"  [{self.name}] reference scripts")
                copies = self.ref.check_copies(work)
                copies_ref = copies.seconds if copies else None
                if self.wants(*FULL_GROUP, *CHANGED_GROUP):
                    full_ref = self.ref.full(work, copies)
        for s in (*FULL_GROUP, *CHANGED_GROUP):
            if s in self.rows and full_ref is not None:
                self.rows[s].ref_times.append(full_ref)
        for s in CPY_GROUP:
            if s in self.rows and copies_ref is not None:
                self.rows[s].ref_times.append(copies_ref)
        if self.wants("doc-cold"):
            work = self.plain_tree()
            log(f"  [{self.name}] --select DOC (cold)")
            cache = self.new_cache()
            self.add("doc-cold", self.lint.cold(work, cache, "--select", "DOC")[0])
            shutil.rmtree(cache, ignore_errors=True)
            seconds = self.ref.forward_docs(work)
            if seconds is not None:
                self.rows["doc-cold"].ref_times.append(seconds)
        if self.wants("fix"):
            self.fix_repeat(index)

    def full_group(self, work: Path, index: int) -> None:
        log(f"  [{self.name}] full runs (cold, warm, no-op, touch)")
        cache = self.new_cache()
        result, cached = self.lint.cold(work, cache)
        if not cached and not result.error:
            self.rows.get("cold", Row("", "")).note("cold via --no-cache (--cache-dir unsupported)")
        self.add("cold", result)
        if result.error:
            self.fail(FULL_GROUP, result.error)
            return
        if not cached:
            self.fail(("warm", "noop", "touch"), self.lint.cache_dir_error)
            return
        warm = self.lint.cached(work, cache)
        self.add("warm", warm)
        if not warm.error:
            self.add("noop", self.lint.cached(work, cache))
        else:
            self.fail(("noop", "touch"), warm.error)
            return
        if "touch" in self.rows:
            path = work / MODELING_FILE[self.name]
            if not path.is_file():
                self.fail(("touch",), f"{MODELING_FILE[self.name]} is not in the tree")
                return
            original = append_line(path, f"# repo-lint bench: touched ({index})")
            try:
                self.add("touch", self.lint.cached(work, cache))
            finally:
                path.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)

    def cpy_group(self, work: Path) -> None:
        log(f"  [{self.name}] --select CPY (cold, warm)")
        cache = self.new_cache()
        result, cached = self.lint.cold(work, cache, "--select", "CPY")
        if not cached and not result.error:
            self.rows.get("cpy-cold", Row("", "")).note("via --no-cache (--cache-dir unsupported)")
        self.add("cpy-cold", result)
        if result.error or not cached:
            self.fail(("cpy-warm",), result.error or self.lint.cache_dir_error)
            return
        self.add("cpy-warm", self.lint.cached(work, cache, "--select", "CPY"))
        shutil.rmtree(cache, ignore_errors=True)

    def changed_group(self, index: int) -> None:
        if self.git is None and self.git_error is None:
            log(f"  [{self.name}] making the git scratch repository")
            work = scratch_copy(self.tree, self.scratch / f"{self.name}-git")
            self.git_error = make_git_repo(work)
            self.git = work
        if self.git_error:
            self.fail(CHANGED_GROUP, self.git_error)
            return
        log(f"  [{self.name}] --changed-since main")
        path = self.git / MODELING_FILE[self.name]
        if not path.is_file():
            self.fail(CHANGED_GROUP, f"{MODELING_FILE[self.name]} is not in the tree")
            return
        if "changed-since" in self.rows and not self.rows["changed-since"].error:
            cache = self.new_cache()
            original = append_line(path, f"# repo-lint bench: changed ({index})")
            try:
                result, cached = self.lint.cold(self.git, cache, "--changed-since", "main")
                if not cached and not result.error:
                    self.rows["changed-since"].note("via --no-cache (--cache-dir unsupported)")
                self.add("changed-since", result)
                self._changed_note("changed-since", result)
            finally:
                path.write_bytes(original)
                shutil.rmtree(cache, ignore_errors=True)
        if "changed-since-warm" in self.rows and not self.rows["changed-since-warm"].error:
            cache = self.new_cache()
            fill, cached = self.lint.cold(self.git, cache)
            if fill.error or not cached:
                self.fail(("changed-since-warm",), fill.error or self.lint.cache_dir_error)
                return
            original = append_line(path, f"# repo-lint bench: changed ({index})")
            try:
                result = self.lint.cached(self.git, cache, "--changed-since", "main")
                self.add("changed-since-warm", result)
                self._changed_note("changed-since-warm", result)
            finally:
                path.write_bytes(original)
                shutil.rmtree(cache, ignore_errors=True)

    def _changed_note(self, scenario: str, result: Measured) -> None:
        if result.error:
            return
        paths = {d.get("path") for d in findings(result)}
        self.rows[scenario].note(f"{len(findings(result))} finding(s) in {len(paths)} file(s)")

    # -- fix
    def fix_prepare(self) -> dict:
        log(f"  [{self.name}] fix: preparing scratch copies and choosing {DRIFTS} copies to drift")
        state: dict = {"work": scratch_copy(self.tree, self.scratch / f"{self.name}-fix")}
        work = state["work"]
        base = self.lint.check(work, "--no-cache", "--select", "CPY")
        if base.error:
            state["error"] = base.error
            return state
        flagged = {d.get("path") for d in findings(base)}
        baseline = self.lint.check(work, "--no-cache", "--select", "CPY", "--fix")
        if baseline.error:
            state["error"] = baseline.error
            return state
        changed = tree_diff(work, self.tree)
        state["baseline"] = {rel: (work / rel).read_bytes() if (work / rel).is_file() else None for rel in changed}
        restore(work, self.tree, changed)
        state["drifts"] = choose_drifts(self.tree, self.name, flagged | set(changed))
        if len(state["drifts"]) < DRIFTS:
            self.rows["fix"].note(f"only {len(state['drifts'])} drift candidates")
        if changed:
            self.footnotes.append(
                f"{self.name}: `--fix --select CPY` on the unmodified tree already rewrites "
                f"{len(changed)} file(s) (fixable findings the release ships with), e.g. " + ", ".join(changed[:3])
            )
        if self.ref.copies:
            state["ref_work"] = scratch_copy(self.tree, self.scratch / f"{self.name}-fix-ref")
        return state

    def fix_repeat(self, index: int) -> None:
        row = self.rows["fix"]
        if self.fix_state is None:
            self.fix_state = self.fix_prepare()
        state = self.fix_state
        if state.get("error"):
            row.error = row.error or state["error"]
            return
        if row.error:
            return
        work, drifts = state["work"], state["drifts"]
        drifted = {rel for rel, _, _ in drifts}
        apply_drifts(work, drifts)
        if index == 0:
            detect = self.lint.check(work, "--no-cache", "--select", "CPY")
            hits = {d.get("path") for d in findings(detect) if d.get("code") == "CPY001"}
            row.note(f"repo-lint detects {len(hits & drifted)}/{len(drifts)} drifts")
        log(f"  [{self.name}] fix: repo-lint --fix --select CPY")
        result = self.lint.check(work, "--no-cache", "--select", "CPY", "--fix")
        ok = row.add(result)
        differ = tree_diff(work, self.tree)
        if ok:
            left = sum(1 for d in findings(result) if d.get("code") == "CPY001")
            if left:
                row.note(f"{left} CPY001 left after --fix")
            unexpected = [
                rel
                for rel in differ
                if rel not in state["baseline"] or (work / rel).read_bytes() != state["baseline"][rel]
            ]
            unexpected += [rel for rel in state["baseline"] if rel not in differ]
            restored = sum(1 for rel in drifted if rel not in unexpected)
            identical = not differ
            good = not unexpected
            row.check_ok = good if row.check_ok is None else (row.check_ok and good)
            if identical:
                row.note("byte-identical to the original")
            elif good:
                row.note(f"identical except the {len(differ)} file(s) --fix also changes on the unmodified tree")
            else:
                row.note(
                    f"NOT restored: {len(unexpected)} file(s) differ ({restored}/{len(drifts)} drifted files ok)"
                    f", e.g. {unexpected[0]}"
                )
        restore(work, self.tree, differ)
        ref_work = state.get("ref_work")
        if ref_work is None:
            return
        apply_drifts(ref_work, drifts)
        if index == 0:
            detect = self.ref.check_copies(ref_work, record=False)
            hits = {f for f, _, _ in detect.findings} if detect else set()
            hits = {h[2:] if h.startswith("./") else h for h in hits}
            row.note(
                f"reference detects {len(hits & drifted)}/{len(drifts)}"
                + (" (crashed)" if detect and detect.crashed else "")
            )
        log(f"  [{self.name}] fix: reference check_copies --fix_and_overwrite")
        reference = self.ref.check_copies(ref_work, fix=True)
        differ = tree_diff(ref_work, self.tree)
        if reference.crashed:
            row.note(f"reference fix crashed: {last_line(reference.error or '')[:60]}")
        else:
            row.ref_times.append(reference.seconds)
            row.note(
                "reference restores the tree"
                if not differ
                else f"reference leaves {len(differ)} file(s) different: " + ", ".join(differ[:3])
            )
        restore(ref_work, self.tree, differ)


# --------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Scenarios: " + ", ".join(SCENARIOS) + ". See benchmarks/README.md.",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per scenario (default 3)")
    parser.add_argument("--tree", choices=sorted(TREES), action="append", help="tree to use (repeatable; default both)")
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=None,
        help="folder holding <repo>/utils/<script>.py (default: reference-scripts/ if present)",
    )
    parser.add_argument(
        "--scenario", choices=SCENARIOS, action="append", help="scenario to run (repeatable; default all)"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as GitHub markdown")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    scenarios = [s for s in SCENARIOS if s in (args.scenario or SCENARIOS)]
    reference_dir = args.reference_dir
    if reference_dir is None and (ROOT / "reference-scripts").is_dir():
        reference_dir = ROOT / "reference-scripts"
    if reference_dir is not None and not reference_dir.is_dir():
        log(f"warning: {reference_dir} is not a folder; the reference column stays empty")
        reference_dir = None
    names = [n for n in TREES if n in (args.tree or TREES)]

    scratch = Path(tempfile.mkdtemp(prefix="repo-lint-bench-"))
    rows: list[Row] = []
    counts: dict[str, int] = {}
    footnotes: list[str] = []
    try:
        meter = Meter(scratch)
        lint = RepoLint(meter)
        for name in names:
            try:
                tree = fetch_tree(name)
            except TreeUnavailable as exc:
                log(f"{name}: tree unavailable: {exc}")
                rows += [Row(name, s, error=f"tree unavailable: {last_line(str(exc))}") for s in scenarios]
                counts[name] = 0
                continue
            counts[name] = py_count(tree)
            reference = Reference(reference_dir, name)
            bench = TreeBench(name, tree, scratch, lint, reference, scenarios)
            for index in range(args.repeat):
                log(f"{name} {TREES[name]}: repeat {index + 1}/{args.repeat}")
                bench.repeat(index)
            rows += list(bench.rows.values())
            footnotes += bench.footnotes
            if reference.seconds or reference.missing:
                parts = [
                    f"{script} {fmt_times(times)} s ({reference.status.get(script, '?')})"
                    for script, times in reference.seconds.items()
                ]
                parts += [f"{script} absent" for script in reference.missing]
                footnotes.append(f"{name} reference (min / median): " + "; ".join(parts))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(table(rows, counts, args.markdown))
    print()
    bullet = "- " if args.markdown else "  "
    versions = ", ".join(f"{n} {TREES[n]} ({counts.get(n, 0)} .py files in src/ + tests/)" for n in names)
    print(f"{bullet}trees: {versions}; repeats: {args.repeat}; peak RSS via {meter.method}")
    print(
        f"{bullet}reference scripts: {reference_dir if reference_dir else 'absent (reference columns empty)'}"
        "; full-run reference = check_copies + check_dummies + check_inits + custom_init_isort (summed)"
    )
    for note in footnotes:
        print(f"{bullet}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
