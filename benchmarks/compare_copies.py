"""Wall time of `repo-lint check --select CPY` next to the reference `check_copies.py`, on the released
trees, in one run. Not a test: prints a table.

    python benchmarks/compare_copies.py [--repeat 3] [--tree transformers|diffusers]

The reference column stays empty when `reference-scripts/` is absent (see fetch_reference.py).
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

from benchmarks import run_reference  # noqa: E402
from tests.realtrees import TREES, fetch_tree  # noqa: E402


def time_repo_lint(tree: Path) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--select", "CPY", "--no-cache", "--output-format", "json"],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"repo-lint failed on {tree}: {result.stderr}")
    return elapsed, result.stdout.count('"code"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", choices=sorted(TREES), action="append")
    args = parser.parse_args()
    rows = []
    for name in args.tree or sorted(TREES):
        tree = fetch_tree(name)
        ours, ref = [], []
        findings = ref_findings = None
        for _ in range(args.repeat):
            seconds, findings = time_repo_lint(tree)
            ours.append(seconds)
            try:
                result = run_reference.run_check_copies(name, tree)
            except run_reference.ReferenceUnavailable:
                continue
            ref.append(result.seconds)
            ref_findings = len(result.findings)
        rows.append((name, ours, findings, ref, ref_findings))
    print(
        f"{'tree':<14}{'repo-lint min/median s':>24}{'findings':>10}{'reference min/median s':>26}"
        f"{'findings':>10}{'ratio':>8}"
    )
    for name, ours, findings, ref, ref_findings in rows:
        ref_text = f"{min(ref):.2f} / {statistics.median(ref):.2f}" if ref else "-"
        ratio = f"{statistics.median(ours) / statistics.median(ref):.2f}" if ref else "-"
        print(
            f"{name:<14}{min(ours):>13.2f} / {statistics.median(ours):.2f}{findings:>10}{ref_text:>26}"
            f"{ref_findings if ref_findings is not None else '-':>10}{ratio:>8}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
