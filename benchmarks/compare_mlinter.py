"""Time repo-lint's naming and structure rules next to `transformers-mlinter` on the released transformers tree.

    python benchmarks/compare_mlinter.py [--repeat N] [--select CODES] [--mlinter-version VER]
                                         [--mlinter PATH] [--venv DIR] [--markdown]

Not a test: it prints a table (min / median wall time over N repeats, findings count per tool). Both tools
run on the same tree in the same run, each measured command in its own process:

- ``repo-lint cold``  ``repo-lint check --select NAM,STR --no-cache`` (nothing cached)
- ``repo-lint warm``  the same with a ``--cache-dir`` that one untimed run filled first (nothing changes
                      in the tree, so this is the no-op run answered from the cache)
- ``mlinter cold``    ``mlinter --no-cache --no-progress --output-json FILE`` in the tree root (mlinter
                      checks ``src/transformers/models`` and ``tests/models`` relative to the current
                      directory, skipping files generated from a ``modular_*.py``)
- ``mlinter warm``    the same without ``--no-cache``, its cache (``$XDG_CACHE_HOME/mlinter``) pointed at a
                      temporary folder that one untimed run filled first. mlinter caches only files without
                      findings, so a warm run still re-checks every file that has one.

The tree is ``transformers`` of ``tests/realtrees.py`` (downloaded once into the git-ignored
``.cache/realtrees/``); nothing writes into it: both tools' caches live in a temporary folder.

mlinter is not a dependency of repo-lint and nothing of it is committed here. Unless ``--mlinter PATH``
names an installed ``mlinter`` executable, the script creates a virtual environment under the git-ignored
``.cache/mlinter-venv/`` (``--venv``) and installs ``transformers-mlinter==VER`` into it with pip, once;
VER defaults to the version the transformers tree itself pins (``setup.py``), else 0.1.6. By hand:

    python -m venv .cache/mlinter-venv && .cache/mlinter-venv/bin/pip install transformers-mlinter==0.1.6

The rule families do not map one to one (mlinter's TRF rules check other conventions of the same files than
NAM/STR), so the findings columns say how much each reports, not that they agree. A repo-lint family that
has no rules yet runs nothing and reports 0 findings; the script works all the same.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realtrees import TREES, TreeUnavailable, fetch_tree  # noqa: E402

DEFAULT_MLINTER = "0.1.6"
TIMEOUT = 1800


@dataclass
class Row:
    tool: str
    scenario: str
    command: str
    times: list[float] = field(default_factory=list)
    findings: int | None = None
    by_code: collections.Counter = field(default_factory=collections.Counter)
    error: str = ""
    expected: bool = False  # the row could not run for a known reason (no rules yet): not a failure


def pinned_mlinter_version(tree: Path) -> str:
    """The `transformers-mlinter==X` the tree's setup.py pins, else the default."""
    try:
        match = re.search(r'"transformers-mlinter==([^"]+)"', (tree / "setup.py").read_text(encoding="utf-8"))
    except OSError:
        match = None
    return match.group(1) if match else DEFAULT_MLINTER


def ensure_mlinter(venv_dir: Path, version: str) -> tuple[Path, str]:
    """An `mlinter` executable in `venv_dir` and its version: `transformers-mlinter==version`, installed on
    first use, or the newest the index has when it lacks that version (said on stderr)."""
    bindir = venv_dir / ("Scripts" if os.name == "nt" else "bin")
    executable = bindir / ("mlinter.exe" if os.name == "nt" else "mlinter")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    stamp = venv_dir / "installed-version.json"
    try:
        installed = json.loads(stamp.read_text())
    except (OSError, ValueError):
        installed = {}
    if executable.exists() and installed.get("requested") == version:
        return executable, installed.get("installed", version)
    if not python.exists():
        print(f"creating a virtual environment in {venv_dir}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    print(f"installing transformers-mlinter=={version} into {venv_dir}", file=sys.stderr)
    if subprocess.run([*pip, f"transformers-mlinter=={version}"], timeout=TIMEOUT).returncode != 0:
        print(
            f"transformers-mlinter=={version} is not available: installing the newest version instead", file=sys.stderr
        )
        subprocess.run([*pip, "--upgrade", "transformers-mlinter"], check=True, timeout=TIMEOUT)
    actual = subprocess.run(
        [str(python), "-c", "import mlinter; print(mlinter.__version__)"],
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    ).stdout.strip()
    stamp.write_text(json.dumps({"requested": version, "installed": actual}) + "\n")
    return executable, actual


def known_selectors(select: str) -> tuple[list[str], str]:
    """The selectors of `select` that name some rule of this repo-lint (a family still being written may
    have none yet), and an error when the rule list cannot be read."""
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "rules", "--output-format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    try:
        codes = [rule["code"] for rule in json.loads(result.stdout)]
    except (ValueError, KeyError, TypeError):
        lines = result.stderr.strip().splitlines()
        return [], f"`repo-lint rules` failed: {lines[-1] if lines else result.returncode}"
    selectors = [s.strip() for s in select.split(",") if s.strip()]
    return [s for s in selectors if s == "ALL" or any(code.startswith(s) for code in codes)], ""


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    return time.perf_counter() - start, result


def failure(result: subprocess.CompletedProcess) -> str:
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        return f"exit {result.returncode}: {lines[-1] if lines else 'no output'}"
    return ""


def repo_lint_findings(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout or "[]")


def run_repo_lint(tree: Path, select: str, repeat: int, scratch: Path) -> list[Row]:
    cold = Row("repo-lint", "cold", f"repo-lint check --select {select} --no-cache")
    warm = Row("repo-lint", "warm", f"repo-lint check --select {select} --cache-dir DIR (filled)")
    selectors, error = known_selectors(select)
    if error or not selectors:
        for row in (cold, warm):
            row.error = error or f"no rules in {select} yet"
            row.expected = not error
        return [cold, warm]
    if selectors != [s.strip() for s in select.split(",")]:
        for row in (cold, warm):
            row.command = row.command.replace(select, ",".join(selectors)) + f" (no rules yet in the rest of {select})"
    base = [
        sys.executable,
        "-m",
        "repo_lint",
        "check",
        "--output-format",
        "json",
        "-q",
        "--select",
        ",".join(selectors),
    ]
    cache = ["--cache-dir", str(scratch / "repo-lint-cache")]
    _, fill = timed(base + cache, tree)  # fills the cache for the warm rows
    warm.error = failure(fill)
    for _ in range(repeat):
        for row, extra in ((cold, ["--no-cache"]), (warm, cache)):
            if row.error:
                continue
            seconds, result = timed(base + extra, tree)
            row.error = failure(result)
            if row.error:
                continue
            try:
                findings = repo_lint_findings(result)
            except json.JSONDecodeError:
                row.error = "output is not JSON"
                continue
            row.times.append(seconds)
            row.findings = len(findings)
            row.by_code = collections.Counter(f["code"] for f in findings)
    return [cold, warm]


def run_mlinter(tree: Path, mlinter: Path, repeat: int, scratch: Path) -> list[Row]:
    cold = Row("mlinter", "cold", "mlinter --no-cache --no-progress --output-json FILE")
    warm = Row("mlinter", "warm", "mlinter --no-progress --output-json FILE (cache filled)")
    output = scratch / "mlinter-findings.json"
    env = dict(os.environ, XDG_CACHE_HOME=str(scratch / "mlinter-cache"))
    base = [str(mlinter), "--no-progress", "--output-json", str(output)]
    _, fill = timed(base, tree, env)  # fills the cache for the warm rows
    warm.error = failure(fill)
    for _ in range(repeat):
        for row, command in ((cold, [*base, "--no-cache"]), (warm, base)):
            if row.error:
                continue
            output.unlink(missing_ok=True)
            seconds, result = timed(command, tree, env)
            row.error = failure(result)
            if row.error:
                continue
            try:
                findings = json.loads(output.read_text(encoding="utf-8"))["findings"]
            except (OSError, ValueError, KeyError) as error:
                row.error = f"no findings file: {error}"
                continue
            row.times.append(seconds)
            row.findings = len(findings)
            row.by_code = collections.Counter(f.get("rule") or "parse-error" for f in findings)
    return [cold, warm]


def render(rows: list[Row], markdown: bool) -> str:
    header = ["tool", "scenario", "min s", "median s", "findings", "command"]
    table = []
    for row in rows:
        if row.error:
            table.append([row.tool, row.scenario, "n/a", "n/a", "-", f"{row.command}  [{row.error}]"])
        else:
            table.append(
                [
                    row.tool,
                    row.scenario,
                    f"{min(row.times):.2f}",
                    f"{statistics.median(row.times):.2f}",
                    str(row.findings),
                    row.command,
                ]
            )
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in table]
        return "\n".join(lines)
    widths = [max(len(cells[i]) for cells in [header, *table]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()
        for cells in [header, *table]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (default 3)")
    parser.add_argument("--select", default="NAM,STR", help="repo-lint codes to run (default NAM,STR)")
    parser.add_argument(
        "--mlinter-version",
        help=f"transformers-mlinter version to install (default: the tree's pin, else {DEFAULT_MLINTER})",
    )
    parser.add_argument("--mlinter", type=Path, help="an installed mlinter executable to use instead")
    parser.add_argument(
        "--venv",
        type=Path,
        default=ROOT / ".cache" / "mlinter-venv",
        help="where to install mlinter (default .cache/mlinter-venv)",
    )
    parser.add_argument("--markdown", action="store_true", help="print a GitHub table")
    args = parser.parse_args()

    try:
        tree = fetch_tree("transformers", TREES["transformers"])
    except TreeUnavailable as error:
        print(f"cannot get the transformers tree: {error}", file=sys.stderr)
        return 2
    version = args.mlinter_version or pinned_mlinter_version(tree)
    mlinter = args.mlinter
    if mlinter is None:
        try:
            mlinter, version = ensure_mlinter(args.venv, version)
        except (OSError, subprocess.SubprocessError) as error:
            print(f"cannot install transformers-mlinter=={version}: {error} (see --help)", file=sys.stderr)
            mlinter = None
    scratch = Path(tempfile.mkdtemp(prefix="repo-lint-mlinter-"))
    try:
        rows = run_repo_lint(tree, args.select, args.repeat, scratch)
        if mlinter is not None:
            rows += run_mlinter(tree, mlinter, args.repeat, scratch)
        else:
            rows += [Row("mlinter", "cold", "mlinter", error="not installed")]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    models = tree / "src" / "transformers" / "models"
    files = sum(1 for _ in models.rglob("*.py")) if models.is_dir() else 0
    print(render(rows, args.markdown))
    print()
    print(
        f"tree: transformers {TREES['transformers']} ({files} .py files under src/transformers/models); "
        f"mlinter: {'transformers-mlinter ' + version if args.mlinter is None else args.mlinter}; "
        f"repeats: {args.repeat}; times are wall seconds of one process each"
    )
    for row in rows:
        if row.by_code and row.scenario == "cold":
            top = ", ".join(f"{code} {count}" for code, count in sorted(row.by_code.items()))
            print(f"{row.tool} {row.scenario} findings by rule: {top}")
    return 0 if not any(row.error and not row.expected for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
