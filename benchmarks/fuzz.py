"""Fuzz repo-lint with mutated copies of the released transformers/diffusers trees (issue 12, item 6).

Each run copies a small subset of a real tree (a few model folders, the files their `# Copied from` markers
name, the package init and the tree's pyproject.toml) into a temporary folder next to an `outside/` folder,
applies mutations of one class, runs `repo-lint check` in several output formats and `check --fix`, and checks
the invariants: no traceback, exit code in {0,1,2} with a message on 2, no hang, output valid in its format,
nothing outside the root touched, no planted cache file executed, every written file parses, binds every
top-level name it bound and has no more undefined names (ruff F821) than before, and the run with the cache (warmed
on the subset before the mutations: stored family verdicts and facts) reports exactly what a `--no-cache` run
reports.

    python benchmarks/fuzz.py --tree both --minutes 10 --seed 1

Prints a table per mutation class and exits 1 on any violation; each failing case is saved (the mutated
repository before the runs, the mutations, the commands and the problems) under `--save` for reproduction.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from tests.hostile_helpers import (  # noqa: E402
    OUTSIDE_TOKEN,
    check_run,
    crash_problems,
    fix_problems,
    mutate_bytes,
    output_problems,
    pickle_payload,
    random_config_line,
    state_changes,
    tree_state,
    with_setting,
    written_files,
)
from tests.realtrees import TREES, fetch_tree  # noqa: E402

PACKAGES = {"transformers": "transformers", "diffusers": "diffusers"}
UNIT_FOLDERS = {"transformers": ("models",), "diffusers": ("pipelines", "models/transformers", "schedulers")}
BYTE_CLASSES = ("line-endings", "bom", "nul", "truncate", "random-bytes", "nesting", "marker")
CLASSES = BYTE_CLASSES + ("config", "symlink-outside", "cache-payload")
REPORT_FORMATS = ("json", "concise", "full", "github", "sarif", "junit")
MARKER = re.compile(rb"#\s*Copied from\s+([\w.]+)")
MAX_FILES = 40
TIMEOUT = 60


# ------------------------------------------------------------------------------------------ the subset


def module_file(tree: Path, dotted: str) -> Path | None:
    """The file of the longest module prefix of `dotted` (`a.b.C.f` -> `src/a/b.py` or `src/a/b/__init__.py`)."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        base = tree / "src" / Path(*parts[:end])
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return candidate
    return None


def with_package_inits(tree: Path, files: set[Path]) -> set[Path]:
    """`files` plus the `__init__.py` of every folder between them and `src/`."""
    result = set(files)
    for path in files:
        for folder in path.parents:
            if folder == tree / "src" or tree / "src" not in folder.parents:
                break
            init = folder / "__init__.py"
            if init.is_file():
                result.add(init)
    return result


def choose_subset(tree: Path, name: str, rng: random.Random, units: int) -> list[Path]:
    """A few unit folders of the tree plus, one level deep, the files their markers copy from."""
    package = tree / "src" / PACKAGES[name]
    folders = [
        p
        for base in UNIT_FOLDERS[name]
        for p in sorted((package / base).iterdir())
        if p.is_dir() and (p / "__init__.py").is_file()
    ]
    chosen: set[Path] = set()
    for folder in rng.sample(folders, min(units, len(folders))):
        chosen.update(sorted(folder.glob("*.py"))[:6])
    for path in sorted(chosen):
        for target in MARKER.findall(path.read_bytes()):
            found = module_file(tree, target.decode())
            if found is not None and len(chosen) < MAX_FILES:
                chosen.add(found)
    chosen.add(package / "__init__.py")
    return sorted(with_package_inits(tree, chosen))


def copy_subset(tree: Path, files: list[Path], repo: Path) -> None:
    for path in files:
        target = repo / path.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    shutil.copyfile(tree / "pyproject.toml", repo / "pyproject.toml")


def marker_targets(repo: Path) -> list[str]:
    targets = set()
    for path in repo.rglob("*.py"):
        targets.update(t.decode() for t in MARKER.findall(path.read_bytes()))
    return sorted(targets)


# ------------------------------------------------------------------------------------------ mutations


@dataclass
class Case:
    number: int
    tree: str
    kind: str
    repo: Path
    outside: Path
    mutations: list[str] = field(default_factory=list)
    files_mutated: set[str] = field(default_factory=set)
    sentinel: Path | None = None


def python_files(repo: Path) -> list[Path]:
    return sorted(p for p in repo.rglob("*.py") if ".repo-lint-cache" not in p.parts)


def mutate_files(case: Case, rng: random.Random) -> None:
    targets = marker_targets(case.repo)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(python_files(case.repo))
        data, detail = mutate_bytes(path.read_bytes(), rng, case.kind, targets)
        path.write_bytes(data)
        rel = path.relative_to(case.repo).as_posix()
        case.files_mutated.add(rel)
        case.mutations.append(f"{case.kind} {rel}: {detail[:160]!r}")


def mutate_config(case: Case, rng: random.Random) -> None:
    pyproject = case.repo / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    if "[tool.repo-lint]" not in text:
        text = text.rstrip("\n") + f'\n\n[tool.repo-lint]\npreset = "{case.tree}"\n'
    for _ in range(rng.randint(1, 3)):
        table, line = random_config_line(rng)
        line = line.replace(OUTSIDE_TOKEN, case.outside.as_posix())
        text = with_setting(text, table, line)
        case.mutations.append(f"config [{table}] {line[:160]!r}")
    pyproject.write_text(text, encoding="utf-8")
    case.files_mutated.add("pyproject.toml")


def link_outside(case: Case, rng: random.Random) -> None:
    """Move a file out of the repository and leave a symlink to it: a write through it leaves the root."""
    for _ in range(rng.randint(1, 3)):
        path = rng.choice([p for p in python_files(case.repo) if not p.is_symlink()])
        rel = path.relative_to(case.repo).as_posix()
        target = case.outside / rel.replace("/", "__")
        shutil.move(path, target)
        path.symlink_to(os.path.relpath(target, path.parent))  # relative: a saved case still links
        if rng.random() < 0.5:  # drift it, so a fix wants to write it
            target.write_bytes(target.read_bytes().replace(b"return ", b"return  (", 1))
        case.files_mutated.add(rel)
        case.mutations.append(f"symlink {rel} -> outside/{target.name}")


def plant_cache(case: Case) -> None:
    """After a first run, overwrite every cache file with a payload that creates a sentinel when unpickled."""
    check_run(case.repo, "--output-format", "json", timeout=TIMEOUT)
    cache = case.repo / ".repo-lint-cache"
    case.sentinel = case.outside.parent / "PWNED"  # beside outside/, so "outside touched" counts only the tool
    payload = pickle_payload(case.sentinel)
    names = [p for p in cache.rglob("*") if p.is_file() and p.name != ".gitignore"] if cache.is_dir() else []
    for path in names:
        path.write_bytes(payload)
    case.mutations.append(f"cache payload over {len(names)} file(s): {sorted(p.name for p in names)}")


def mutate(case: Case, rng: random.Random) -> None:
    if case.kind == "config":
        mutate_config(case, rng)
    elif case.kind == "symlink-outside":
        link_outside(case, rng)
    elif case.kind == "cache-payload":
        plant_cache(case)
    else:
        mutate_files(case, rng)


# ------------------------------------------------------------------------------------------ the runs


@dataclass
class Outcome:
    problems: dict[str, list[str]] = field(default_factory=dict)  # category -> problems
    commands: list[str] = field(default_factory=list)

    def add(self, category: str, items: list[str]) -> None:
        if items:
            self.problems.setdefault(category, []).extend(items)


def categorize_crash(items: list[str]) -> tuple[list[str], list[str]]:
    hangs = [p for p in items if p.startswith("hang")]
    return hangs, [p for p in items if not p.startswith("hang")]


def undefined_counts(files: dict[str, bytes]) -> dict[str, int]:
    """ruff F821 count of each file's bytes (written to a scratch folder: F821 is per file)."""
    if not files:
        return {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        names = {}
        for index, (rel, data) in enumerate(sorted(files.items())):
            path = folder / f"f{index}.py"
            path.write_bytes(data)
            names[path.name] = rel
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "ruff",
                "check",
                "--isolated",
                "--no-cache",
                "--select",
                "F821",
                "--output-format",
                "concise",
                "--exit-zero",
                ".",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
        )
    counts = dict.fromkeys(files, 0)
    for line in done.stdout.splitlines():
        head = line.split(":", 1)[0]
        if head in names:
            counts[names[head]] += 1
    return counts


def fix_worsened_names(before: dict, after: dict) -> list[str]:
    changed = written_files(before, after)
    old = undefined_counts({k: before[k][1] for k in changed if k in before})
    new = undefined_counts({k: after[k][1] for k in changed if k in before})
    return [f"F821 {old[k]} -> {new[k]} in {k}" for k in sorted(old) if new[k] > old[k]]


def exercise(case: Case, rng: random.Random) -> Outcome:
    outcome = Outcome()
    outside_before = tree_state(case.outside)
    formats = ["json", *rng.sample(REPORT_FORMATS[1:], 2)]
    for fmt in formats:
        run = check_run(case.repo, "--output-format", fmt, timeout=TIMEOUT)
        outcome.commands.append(f"repo-lint check --output-format {fmt}  # exit {run.returncode}")
        hangs, crashes = categorize_crash(crash_problems(run))
        outcome.add("hangs", hangs)
        outcome.add("crashes", crashes)
        if not run.hung:
            outcome.add("invalid output", output_problems(fmt, run.stdout))
        if fmt == "json" and case.kind != "cache-payload" and not run.hung:
            fresh = check_run(case.repo, "--output-format", "json", "--no-cache", timeout=TIMEOUT)
            outcome.commands.append(f"repo-lint check --output-format json --no-cache  # exit {fresh.returncode}")
            if not fresh.hung and fresh.stdout != run.stdout:
                outcome.add("cache disagrees", ["the run with the cache reports otherwise than --no-cache"])
    repo_before = tree_state(case.repo)
    run = check_run(case.repo, "--fix", "--output-format", "json", timeout=TIMEOUT)
    outcome.commands.append(f"repo-lint check --fix --output-format json  # exit {run.returncode}")
    hangs, crashes = categorize_crash(crash_problems(run))
    outcome.add("hangs", hangs)
    outcome.add("crashes", crashes)
    if not run.hung:
        outcome.add("invalid output", output_problems("json", run.stdout))
    repo_after = tree_state(case.repo)
    outcome.add("bad writes", fix_problems(repo_before, repo_after))
    outcome.add("undefined names", fix_worsened_names(repo_before, repo_after))
    outcome.add("outside touched", state_changes(outside_before, tree_state(case.outside)))
    if case.sentinel is not None and case.sentinel.exists():
        outcome.add("code executed", ["a planted cache file ran code"])
    return outcome


# ------------------------------------------------------------------------------------------ reporting

CATEGORIES = (
    "crashes",
    "hangs",
    "invalid output",
    "outside touched",
    "bad writes",
    "undefined names",
    "code executed",
    "cache disagrees",
)


@dataclass
class Tally:
    runs: dict[str, int] = field(default_factory=dict)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    files_mutated: int = 0
    failing_cases: int = 0

    def record(self, kind: str, outcome: Outcome, files_mutated: int) -> None:
        self.runs[kind] = self.runs.get(kind, 0) + 1
        self.files_mutated += files_mutated
        for category in outcome.problems:
            self.counts[(kind, category)] = self.counts.get((kind, category), 0) + 1
        self.failing_cases += bool(outcome.problems)

    def table(self) -> str:
        header = ["class", "runs", *CATEGORIES]
        rows = [
            [kind, str(self.runs[kind]), *(str(self.counts.get((kind, c), 0)) for c in CATEGORIES)]
            for kind in CLASSES
            if kind in self.runs
        ]
        totals = [
            "total",
            str(sum(self.runs.values())),
            *(str(sum(self.counts.get((k, c), 0) for k in CLASSES)) for c in CATEGORIES),
        ]
        widths = [max(len(r[i]) for r in [header, *rows, totals]) for i in range(len(header))]
        lines = [
            " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *rows, totals]
        ]
        lines.insert(1, "-+-".join("-" * w for w in widths))
        return "\n".join(lines)


def save_case(case: Case, staged: Path, outcome: Outcome, save: Path) -> Path:
    folder = save / f"case-{case.number:04d}-{case.tree}-{case.kind}"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(staged, folder, symlinks=True)
    lines = [
        f"tree: {case.tree}",
        f"class: {case.kind}",
        "",
        "mutations:",
        *case.mutations,
        "",
        "commands (run in repo/; outside/ is the folder next to it):",
        *outcome.commands,
        "",
        "problems:",
    ]
    for category, items in outcome.problems.items():
        lines += [f"[{category}]", *(f"  {item[:400]}" for item in items)]
    (folder / "CASE.txt").write_text("\n".join(lines) + "\n", encoding="utf-8", errors="replace")
    return folder


def run_case(
    number: int, tree_name: str, tree: Path, kind: str, rng: random.Random, units: int, save: Path, tally: Tally
) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="repo-lint-fuzz-") as scratch:
        base = Path(scratch)
        case = Case(number, tree_name, kind, base / "repo", base / "outside")
        case.outside.mkdir()
        (case.outside / "keep.txt").write_text("not yours\n")
        copy_subset(tree, choose_subset(tree, tree_name, rng, units), case.repo)
        if kind != "cache-payload":  # warmed before the mutations: the first run after them reuses what it can
            check_run(case.repo, "--output-format", "json", timeout=TIMEOUT)
        mutate(case, rng)
        staged = base / "staged"
        shutil.copytree(base, staged, symlinks=True, ignore=shutil.ignore_patterns("staged"))
        outcome = exercise(case, rng)
        tally.record(kind, outcome, len(case.files_mutated))
        if outcome.problems:
            folder = save_case(case, staged, outcome, save)
            print(f"  case {number} ({tree_name}, {kind}): {sorted(outcome.problems)} -> {folder}", flush=True)
        return outcome


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", choices=("transformers", "diffusers", "both"), default="both")
    parser.add_argument("--runs", type=int, default=50, help="Stop after this many runs (default 50).")
    parser.add_argument("--minutes", type=float, default=None, help="Also stop after this many minutes.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--first",
        type=int,
        default=0,
        help="Number of the first run: `--first 111 --runs 1` repeats case 111 of a seed alone.",
    )
    parser.add_argument("--units", type=int, default=3, help="Model/pipeline folders copied per run.")
    parser.add_argument("--classes", default=",".join(CLASSES), help="Comma-separated mutation classes.")
    parser.add_argument(
        "--save",
        type=Path,
        default=Path(tempfile.gettempdir()) / "repo-lint-fuzz-failures",
        help="Where failing cases are saved (default: <tmp>/repo-lint-fuzz-failures).",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    names = ["transformers", "diffusers"] if args.tree == "both" else [args.tree]
    trees = {name: fetch_tree(name, TREES[name]) for name in names}
    classes = [c for c in args.classes.split(",") if c]
    unknown = sorted(set(classes) - set(CLASSES))
    if unknown:
        print(f"unknown classes: {unknown} (known: {', '.join(CLASSES)})", file=sys.stderr)
        return 2
    args.save.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    start = time.monotonic()
    deadline = start + args.minutes * 60 if args.minutes else None
    number = args.first
    while number < args.first + args.runs and (deadline is None or time.monotonic() < deadline):
        rng = random.Random(f"{args.seed}-{number}")
        tree_name = names[number % len(names)]
        kind = classes[(number // len(names)) % len(classes)]
        run_case(number, tree_name, trees[tree_name], kind, rng, args.units, args.save, tally)
        number += 1
    wall = time.monotonic() - start
    print()
    print(tally.table())
    print(
        f"\nruns: {number - args.first}  files mutated: {tally.files_mutated}  failing cases: {tally.failing_cases}  "
        f"wall time: {wall:.0f} s  seed: {args.seed}  saved under: {args.save}"
    )
    return 1 if tally.failing_cases else 0


if __name__ == "__main__":
    sys.exit(main())
