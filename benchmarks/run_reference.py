"""Run a reference ``utils/check_copies.py`` on a source tree, the way its project runs it.

The reference scripts (Hugging Face ``transformers`` / ``diffusers``) are not part of this
repository: `benchmarks/fetch_reference.py` explains how to place them in ``reference-scripts/``.
Each run happens in a fresh interpreter whose working directory is the tree root (the scripts use
relative paths), and the wall time of that process is reported. ``ruff`` is taken from the
running interpreter's scripts folder first, then from ``PATH``, as the scripts call ``ruff format``.

- diffusers: the script is run as is: ``cd TREE && python check_copies.py [--fix_and_overwrite]``.
- transformers: the script imports ``transformers.utils`` (``direct_transformers_import``, ``logging``)
  and its ``__main__`` also checks files the sdist lacks. A small driver therefore imports the library
  when the interpreter can (installed, or ``PYTHONPATH=src``), else stubs those two names, loads the
  script, and runs the copies loop of its ``check_copies``
  (``is_copy_consistent`` over ``src/transformers/**/*.py`` then ``tests/models/**/*.py``, raising
  the reference's own message), then ``check_full_copies`` only when all of ``FULL_COPIES`` exist.

Library use::

    result = run_check_copies("diffusers", tree)          # RefResult(seconds, findings, error, ...)
    result = run_check_copies("transformers", tree, fix=True)

Command line::

    python benchmarks/run_reference.py transformers|diffusers [TREE] [--fix] [--script PATH] [--json]

Without TREE, the released tree of the spec is fetched with ``tests/realtrees.py``.
Exit status: 0 clean, 1 findings reported, 2 the reference crashed or could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import sysconfig
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = REPO_ROOT / "reference-scripts"
FLAVORS = ("transformers", "diffusers")

_FINDING = re.compile(r"^- (?P<file>.+?): copy does not match (?P<object>\S+) at line (?P<line>\d+)\s*$")
_REWRITE = re.compile(r"^Detected changes, rewriting (?P<file>.+)\.\s*$")
_FINDINGS_MESSAGE = "Found the following copy inconsistencies"

# Runs inside the tree (cwd) with argv = [script, "0"|"1"]. Only the import of the library is faked.
_TRANSFORMERS_DRIVER = r"""
import glob, os, runpy, sys, types

script, overwrite = sys.argv[1], sys.argv[2] == "1"
try:  # as upstream runs it: the library importable (installed, or PYTHONPATH=src)
    import transformers.utils
except ImportError:
    import logging
    package = types.ModuleType("transformers")
    package.__path__ = []
    utils = types.ModuleType("transformers.utils")
    utils.direct_transformers_import = lambda *args, **kwargs: None  # the copies check never uses the module
    utils.logging = types.SimpleNamespace(get_logger=logging.getLogger)
    package.utils = utils
    sys.modules.update({"transformers": package, "transformers.utils": utils})
ref = runpy.run_path(script, run_name="reference_check_copies")

# The copies part of the reference `check_copies` (same file order, same message), nothing else.
buffer = {}
all_files = glob.glob(os.path.join(ref["TRANSFORMERS_PATH"], "**/*.py"), recursive=True)
all_files += glob.glob(os.path.join(ref["MODEL_TEST_PATH"], "**/*.py"), recursive=True)
diffs = []
for filename in all_files:
    new_diffs = ref["is_copy_consistent"](filename, overwrite, buffer)
    diffs += [f"- {filename}: copy does not match {d[0]} at line {d[1]}" for d in new_diffs]
if not overwrite and diffs:
    raise Exception(
        "Found the following copy inconsistencies:\n"
        + "\n".join(diffs)
        + "\nRun `make fix-copies` or `python utils/check_copies.py --fix_and_overwrite` to fix them."
    )
full_copies = ref.get("FULL_COPIES", {})
if full_copies and all(os.path.isfile(p) for pair in full_copies.items() for p in pair):
    ref["check_full_copies"](overwrite)
else:
    print("note: FULL_COPIES files are not in this tree; full-file copies not checked", file=sys.stderr)
"""


class ReferenceUnavailable(FileNotFoundError):
    """The reference script is not in ``reference-scripts/`` (see ``benchmarks/fetch_reference.py``)."""


@dataclass
class RefResult:
    """Outcome of one reference run.

    ``findings`` are ``(file, object_name, line)`` as the reference prints them (file relative to
    the tree); ``error`` is the text of the exception the reference ended with (it raises when it
    finds inconsistencies, and when it crashes), ``None`` when it exited cleanly.
    """

    seconds: float
    findings: list[tuple[str, str, int]]
    error: str | None
    rewritten: list[str] = field(default_factory=list)  # files the fix rewrote ("Detected changes, ...")
    returncode: int = 0
    output: str = ""  # everything the run printed (stdout then stderr)

    @property
    def crashed(self) -> bool:
        """True when the run ended with an exception other than the findings report."""
        return self.error is not None and _FINDINGS_MESSAGE not in self.error


def reference_script(flavor: str, name: str = "check_copies.py") -> Path:
    """Path of a reference script in ``reference-scripts/<flavor>/utils/``; raise if it is missing."""
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}; expected one of {FLAVORS}")
    path = REFERENCE_DIR / flavor / "utils" / name
    if not path.is_file():
        raise ReferenceUnavailable(f"{path} is missing; run `python benchmarks/fetch_reference.py --help`")
    return path


def _environment() -> dict[str, str]:
    """The child environment: this interpreter's scripts folder (pip-installed ruff) first on PATH."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    scripts = sysconfig.get_path("scripts")
    env["PATH"] = os.pathsep.join(p for p in (scripts, env.get("PATH", "")) if p)
    return env


def _exception_text(stderr: str) -> str | None:
    """The exception lines at the end of the last traceback in ``stderr`` (None without traceback)."""
    start = stderr.rfind("Traceback (most recent call last):")
    if start < 0:
        return None
    lines = stderr[start:].splitlines()[1:]
    index = 0
    while index < len(lines) and (lines[index][:1].isspace() or not lines[index]):
        index += 1  # frames, source lines and carets are indented
    return "\n".join(lines[index:]).strip() or None


def run_check_copies(flavor: str, tree: Path, fix: bool = False, script: Path | None = None) -> RefResult:
    """Run the reference copies check of ``flavor`` on ``tree`` (``fix``: ``--fix_and_overwrite``)."""
    script = Path(script).resolve() if script else reference_script(flavor)
    tree = Path(tree).resolve()
    if not (tree / "src" / flavor).is_dir():
        raise FileNotFoundError(f"{tree} has no src/{flavor} folder")
    if flavor == "transformers":
        command = [sys.executable, "-c", _TRANSFORMERS_DRIVER, str(script), "1" if fix else "0"]
    else:
        command = [sys.executable, str(script)] + (["--fix_and_overwrite"] if fix else [])

    start = time.perf_counter()
    proc = subprocess.run(command, cwd=tree, env=_environment(), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start

    output = proc.stdout + proc.stderr
    findings = [(m["file"], m["object"], int(m["line"])) for m in map(_FINDING.match, output.splitlines()) if m]
    rewritten = [m["file"] for m in map(_REWRITE.match, proc.stdout.splitlines()) if m]
    error = None
    if proc.returncode != 0:
        error = _exception_text(proc.stderr) or f"exit status {proc.returncode}: {proc.stderr.strip()}"
    return RefResult(seconds, findings, error, rewritten, proc.returncode, output)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("flavor", choices=FLAVORS)
    parser.add_argument("tree", nargs="?", type=Path, help="tree root (default: the released sdist)")
    parser.add_argument("--fix", action="store_true", help="run with --fix_and_overwrite (rewrites files!)")
    parser.add_argument("--script", type=Path, help="reference check_copies.py to use")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    tree = args.tree
    if tree is None:
        sys.path.insert(0, str(REPO_ROOT))
        from tests.realtrees import TreeUnavailable, fetch_tree

        if args.fix:
            parser.error("--fix needs an explicit TREE (a scratch copy): it rewrites files")
        try:
            tree = fetch_tree(args.flavor)
        except TreeUnavailable as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    try:
        result = run_check_copies(args.flavor, tree, fix=args.fix, script=args.script)
    except (ReferenceUnavailable, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    if args.json:
        print(json.dumps({**asdict(result), "crashed": result.crashed}, indent=2))
    else:
        status = "crashed" if result.crashed else f"{len(result.findings)} finding(s)"
        print(f"reference check_copies ({args.flavor}) on {tree}: {result.seconds:.2f} s, {status}")
        for file, name, line in result.findings:
            print(f"  {file}:{line}: {name}")
        for file in result.rewritten:
            print(f"  rewritten: {file}")
        if result.crashed:
            print(f"error: {result.error}")
    return 2 if result.crashed else (1 if result.findings else 0)


if __name__ == "__main__":
    sys.exit(main())
