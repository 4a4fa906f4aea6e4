"""Wall time of `repo-lint check --select INI,DUM` next to the reference `check_dummies.py` +
`check_inits.py` (+ `custom_init_isort.py --check_only`), on the released trees, in one run. Not a test.

    python benchmarks/compare_inits.py [--repeat 3]

Each reference script runs in its own interpreter from the tree root, the way its project runs it. The
transformers `check_inits.py` ends with `check_submodules()`, which imports the library; the driver runs
its static part (`check_all_inits()`) only. The reference columns stay empty without `reference-scripts/`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realtrees import TREES, fetch_tree  # noqa: E402

REFERENCE = ROOT / "reference-scripts"
DRIVER = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('ref', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "spec.loader.exec_module(module)\n"
    "getattr(module, sys.argv[2])(*sys.argv[3:])\n"
)
CALLS = {
    "check_dummies.py": ("check_dummies",),
    "check_inits.py": ("check_all_inits",),
    "custom_init_isort.py": ("sort_imports_in_all_inits", "True"),
}


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, result.returncode, (result.stderr.strip().splitlines() or [""])[-1]


def run_references(name: str, tree: Path) -> tuple[float, list[str]] | None:
    folder = REFERENCE / name / "utils"
    if not folder.is_dir():
        return None
    total, notes = 0.0, []
    for script, (function, *args) in CALLS.items():
        path = folder / script
        if not path.is_file():
            continue
        seconds, code, last = timed([sys.executable, "-c", DRIVER, str(path), function, *args], tree)
        total += seconds
        notes.append(f"{script}: {seconds:.2f}s exit {code}{' (' + last[:70] + ')' if code else ''}")
    return total, notes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for name in sorted(TREES):
        tree = fetch_tree(name)
        ours, refs, notes = [], [], []
        for _ in range(args.repeat):
            seconds, code, _ = timed(
                [sys.executable, "-m", "repo_lint", "check", "--select", "INI,DUM", "-q", "--no-cache"], tree
            )
            ours.append(seconds)
            reference = run_references(name, tree)
            if reference:
                refs.append(reference[0])
                notes = reference[1]
        ref_text = f"{min(refs):.2f} / {statistics.median(refs):.2f}" if refs else "-"
        print(
            f"{name:<14} repo-lint INI,DUM min/median {min(ours):.2f} / {statistics.median(ours):.2f} s"
            f" | reference scripts min/median {ref_text} s"
        )
        for note in notes:
            print(f"    {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
