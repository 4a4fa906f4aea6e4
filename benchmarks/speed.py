"""The speed of the whole consistency step, next to the scripts it replaces: one table for issue 17.

    python benchmarks/speed.py [--tree transformers|diffusers|diffusers-dev ...] [--repeat N]
                               [--reference-dir DIR] [--reference-python PY] [--diffusers-checkout PATH]
                               [--with-modular] [--markdown]

Not a test: it prints a table. Every measured command is its own process on a scratch copy of the tree; each
row gives repo-lint's min / median wall time over the repeats, the reference scripts' min / median measured in
the same repeats (run between repo-lint's runs, on their own copy of the same tree), the ratio of the medians,
repo-lint's peak RSS, the target and whether it is met. `benchmarks/README.md` ("speed.py") has the details.

Trees: the released sdists `transformers` and `diffusers` (`tests/realtrees.py`), and `diffusers-dev`, the
Diffusers development tree at the commit `tests/devtrees.py` pins (`--diffusers-checkout` or
`REPO_LINT_DIFFUSERS_CHECKOUT`: a clone, bare or not); a tree that cannot be had is a row saying why.

Rows, per tree (`all` is `repo-lint check` with the preset's default selection):

- `cold`        all, empty `--cache-dir`         vs every reference script the default selection replaces that
                                                   runs on that tree (the footer lists them, with their status)
- `cold-five`   the families of the five scripts   vs `check_copies`, `check_dummies`, `check_inits`,
                (CPY, DUM, INI, AUT001)              `custom_init_isort --check_only`, `sort_auto_mappings
                                                     --check_only` (Diffusers has no `sort_auto_mappings`)
- `cpy-cold`    `--select CPY`, empty cache dir    vs `check_copies.py`
- `noop`        all again, nothing changed
- `touch-N`     all, after appending a comment line to N modeling files (N = 1, 10, 100) that no modular
                file depends on; warm cache (the files are put back, and the cache brought up to date, between)
- `cold-2x`, `cold-4x`  all, empty cache dir, on the tree with its per-model folders copied once / three
                times more under new names (`models/bert` -> `models/bert_x2`, ...)
- `mod-cold`    (`--with-modular`, transformers) `--select MOD001,MOD004` on every modular file, empty cache
                dir, vs `check_modular_conversion.py --check_all`

The reference scripts come from `--reference-dir` (`<repo>/utils/`, see `benchmarks/fetch_reference.py`) for the
sdists and from the tree itself for `diffusers-dev`; they run as their projects run them: `python utils/<script>`
from the tree root, `PYTHONPATH=src`, with `--reference-python` (an interpreter that has the library's
dependencies: the transformers scripts import `transformers`, `check_copies.py` calls `ruff`). Transformers'
`check_copies.py` runs its copies loop only (`benchmarks/run_reference.py`: its `__main__` also checks files the
sdist lacks).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import bench, devtree_bench, run_reference  # noqa: E402
from benchmarks.bench import RSS_LIMIT_MB, Measured, Meter, RepoLint, last_line, log, scratch_copy  # noqa: E402
from benchmarks.run_reference import _TRANSFORMERS_DRIVER  # noqa: E402
from tests.realtrees import TREES, TreeUnavailable, fetch_tree  # noqa: E402

TREE_NAMES = ("transformers", "diffusers", "diffusers-dev")
TOUCH_COUNTS = (1, 10, 100)
SCALES = (2, 4)
FIVE_SELECT = "CPY,DUM,INI,AUT001"  # AUT001: the auto mappings sorted (sort_auto_mappings.py)
MODULAR_SELECT = "MOD001,MOD004"


@dataclass(frozen=True)
class Script:
    """A reference script: ``argv`` after the interpreter, from the tree root; ``five``: one of the five."""

    name: str
    argv: tuple[str, ...]
    five: bool


def _script(line: str, five: bool) -> Script:
    argv = tuple(line.split())
    return Script(line, argv, five)


TRANSFORMERS_SCRIPTS = (
    # check_copies.py: its copies loop, through the driver (see the module docstring)
    Script("utils/check_copies.py", ("-c", _TRANSFORMERS_DRIVER, "utils/check_copies.py", "0"), True),
    _script("utils/check_dummies.py", True),
    _script("utils/check_inits.py", True),
    _script("utils/custom_init_isort.py --check_only", True),
    _script("utils/sort_auto_mappings.py --check_only", True),
    _script("utils/check_config_docstrings.py", False),  # DOC
    _script("utils/check_config_attributes.py", False),  # STR010
    _script("utils/check_pipeline_typing.py", False),  # PIP
    _script("utils/check_doctest_list.py", False),  # TOC
)
DIFFUSERS_SCRIPTS = (
    _script("utils/check_copies.py", True),
    _script("utils/check_dummies.py", True),
    _script("utils/check_inits.py", True),
    _script("utils/custom_init_isort.py --check_only", True),
    _script("utils/check_forward_call_docstrings.py", False),  # DOC
)
DEV_SCRIPTS = tuple(
    Script(s.name, s.argv, s.name in {script.name for script in DIFFUSERS_SCRIPTS if script.five})
    for s in devtree_bench.SCRIPTS
    if s.name != devtree_bench.PARTLY_COVERED  # it needs torch to check anything (see devtree_bench.py)
)
# What the reference scripts need beside themselves, copied from the reference folder when present.
SCRIPT_DATA = ("not_doctested.txt", "slow_documentation_tests.txt")
MODULAR_SCRIPTS = (
    "check_modular_conversion.py",
    "modular_model_converter.py",
    "create_dependency_mapping.py",
    "modular_integrations.py",
)
#: The per-model folders `cold-2x` / `cold-4x` copy under new names.
MODEL_FOLDERS = {
    "transformers": ("src/transformers/models",),
    "diffusers": ("src/diffusers/models", "src/diffusers/pipelines"),
}
#: scenario -> (target text, kind, value): "x" ratio to the reference, "s" seconds, "" no target but RSS.
TARGETS = {
    "cold": ("<= 0.5x ref", "x", 0.5),
    "cold-five": ("<= 0.5x ref", "x", 0.5),
    "cpy-cold": ("<= 0.3x ref", "x", 0.3),
    "noop": ("<= 0.1 s", "s", 0.1),
    "touch-1": ("<= 0.5 s", "s", 0.5),
    "touch-10": ("near touch-1", "", None),
    "touch-100": ("near touch-1", "", None),
    "cold-2x": ("near 2x cold", "", None),
    "cold-4x": ("near 4x cold", "", None),
    "mod-cold": ("<= 0.5x ref", "x", 0.5),
}


@dataclass
class Row(bench.Row):
    """A row of bench.py's table (times, RSS, reference times, error, notes) with its median."""

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times and not self.error else None


def min_median(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}" if values else "-"


# --------------------------------------------------------------------------------------------- trees


def modular_dependencies(src: Path) -> set[str]:
    """The model folders some modular file imports from (a touched file there has modular dependents)."""
    names: set[str] = set()
    pattern = re.compile(r"(?:from\s+\.\.|models\.)(\w+)\.")
    for path in src.glob("models/*/modular_*.py"):
        names.add(path.parent.name)
        names.update(pattern.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def touch_candidates(tree: Path, name: str, count: int) -> list[str]:
    """`count` modeling files, spread evenly over the sorted candidates, that no modular file depends on."""
    package = "diffusers" if name.startswith("diffusers") else name
    src = tree / "src" / package
    if package == "transformers":
        skip = modular_dependencies(src)
        paths = [
            p
            for p in sorted(src.glob("models/*/modeling_*.py"))
            if p.parent.name not in skip and p.name == f"modeling_{p.parent.name}.py"
        ]
    else:
        paths = sorted(p for p in src.glob("models/**/*.py") if p.name != "__init__.py")
        paths += sorted(p for p in src.glob("pipelines/*/pipeline_*.py"))
    if len(paths) < count:
        return [str(p.relative_to(tree)) for p in paths]
    step = len(paths) / count
    return [str(paths[int(i * step)].relative_to(tree)) for i in range(count)]


def scaled_copy(plain: Path, name: str, factor: int, dest: Path) -> int:
    """A copy of `plain` whose per-model folders are there `factor` times; returns its number of .py files."""
    scratch_copy(plain, dest)
    for folder in MODEL_FOLDERS["diffusers" if name.startswith("diffusers") else name]:
        parent = dest / folder
        for model in sorted(p for p in parent.iterdir() if p.is_dir() and p.name != "__pycache__"):
            for k in range(2, factor + 1):
                shutil.copytree(model, parent / f"{model.name}_x{k}")
    return sum(1 for _ in dest.rglob("*.py"))


def append_comment(tree: Path, paths: list[str], text: str) -> dict[str, bytes]:
    originals = {}
    for rel in paths:
        path = tree / rel
        originals[rel] = path.read_bytes()
        path.write_bytes(originals[rel] + f"\n# {text}\n".encode())
    return originals


def put_back(tree: Path, originals: dict[str, bytes]) -> None:
    for rel, data in originals.items():
        (tree / rel).write_bytes(data)


# --------------------------------------------------------------------------------------------- reference side


class Reference:
    """The reference scripts of one tree, on their own copy of it (they write `__pycache__`, some rewrite)."""

    def __init__(self, name: str, tree: Path, folder: Path | None, python: str, meter: Meter) -> None:
        self.name, self.tree, self.python, self.meter = name, tree, python, meter
        self.env = devtree_bench.reference_env(python)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # the scripts run as a developer runs them
        flavor = "diffusers" if name.startswith("diffusers") else name
        scripts = {"transformers": TRANSFORMERS_SCRIPTS, "diffusers": DIFFUSERS_SCRIPTS}.get(name, DEV_SCRIPTS)
        if name != "diffusers-dev":  # the sdists have no utils/: the scripts come from the reference folder
            utils = tree / "utils"
            utils.mkdir(exist_ok=True)
            source = folder / flavor / "utils" if folder else None
            for file in {*(self._path(s) for s in scripts), *SCRIPT_DATA, *MODULAR_SCRIPTS}:
                base = Path(file).name
                if source and (source / base).is_file():
                    shutil.copyfile(source / base, utils / base)
        self.scripts = [script for script in scripts if (tree / self._path(script)).is_file()]
        self.missing = [script.name for script in scripts if script not in self.scripts]
        self.seconds: dict[str, list[float]] = {}
        self.status: dict[str, str] = {}

    @staticmethod
    def _path(script: Script) -> str:
        return script.argv[2] if script.argv[0] == "-c" else script.argv[0]

    def run(self, script: Script) -> float:
        if self.name == "diffusers-dev":
            dev = next(s for s in devtree_bench.SCRIPTS if s.name == script.name)
            measured = devtree_bench.run_script(self.meter, self.python, self.tree, self.env, dev)
        else:
            measured = self.meter.run([self.python, *script.argv], self.tree, self.env)
        self.seconds.setdefault(script.name, []).append(measured.seconds)
        status = self._status(measured)
        if status != "ok" or script.name not in self.status:
            self.status[script.name] = status
        return measured.seconds

    @staticmethod
    def _status(measured: Measured) -> str:
        """ok, findings (an exit status, or the exceptions the scripts report findings with), or crashed."""
        if measured.error:
            return f"failed: {measured.error}"
        if measured.returncode == 0:
            return "ok"
        exception = run_reference._exception_text(measured.stderr)
        if exception is None:
            return "findings"
        findings = bench.exception_kind(exception) in bench.FINDING_EXCEPTIONS
        return "findings" if findings else f"crashed: {last_line(exception)[:90]}"

    def counted(self, script: Script) -> bool:
        """Whether the script did its work (crashed runs are left out of the sums, and said so)."""
        return not self.status.get(script.name, "ok").startswith(("crashed", "failed"))

    def sums(self) -> tuple[float | None, float | None, float | None]:
        """One repeat of every script: (all, five, check_copies) seconds."""
        times = {script.name: self.run(script) for script in self.scripts}
        total = sum(times[s.name] for s in self.scripts if self.counted(s))
        five = sum(times[s.name] for s in self.scripts if s.five and self.counted(s))
        copies = next((times[s.name] for s in self.scripts if s.name.startswith("utils/check_copies.py")), None)
        return (total or None), (five or None), copies

    def modular(self) -> float | None:
        """One run of the modular check over every modular file; it asks git for the branch and the diff, so its
        copy of the tree becomes a git repository (everything committed on `main`) first."""
        script = self.tree / "utils" / "check_modular_conversion.py"
        if not script.is_file():
            return None
        if not (self.tree / ".git").exists():
            error = bench.make_git_repo(self.tree)
            if error:
                self.status["utils/check_modular_conversion.py --check_all"] = f"not run: {error}"
                return None
        return self.run(_script("utils/check_modular_conversion.py --check_all", False))

    def footer(self) -> str:
        parts = [
            f"`{name}` {min_median(times)} s ({self.status.get(name, '?')})" for name, times in self.seconds.items()
        ]
        parts += [f"`{name}` absent" for name in self.missing]
        return "; ".join(parts)


# --------------------------------------------------------------------------------------------- one tree


class TreeSpeed:
    def __init__(self, name: str, plain: Path, ref: Reference | None, lint: RepoLint, scratch: Path, args) -> None:
        self.name, self.plain, self.ref, self.lint, self.scratch = name, plain, ref, lint, scratch
        self.modular = args.with_modular and name == "transformers"
        scenarios = ["cold", "cold-five", "cpy-cold", "noop", *(f"touch-{n}" for n in TOUCH_COUNTS)]
        scenarios += [f"cold-{k}x" for k in SCALES] + (["mod-cold"] if self.modular else [])
        self.rows = {s: Row(name, s) for s in scenarios}
        self.touched = {n: touch_candidates(plain, name, n) for n in TOUCH_COUNTS}
        self.scaled: dict[int, Path] = {}
        self.sizes = {1: sum(1 for _ in plain.rglob("*.py"))}
        self.extra_args = args.extra_args.get(name, [])
        self.counter = 0

    def cache(self) -> Path:
        self.counter += 1
        return Path(tempfile.mkdtemp(prefix=f"cache-{self.name}-{self.counter}-", dir=self.scratch))

    def lint_run(self, tree: Path, cache: Path, *args: str) -> Measured:
        return self.lint.cached(tree, cache, *self.extra_args, *args)

    def repeat(self, index: int) -> None:
        log(f"  [{self.name}] all families: cold, no-op, touch 1/10/100")
        cache = self.cache()
        self.rows["cold"].add(self.lint_run(self.plain, cache))
        self.rows["noop"].add(self.lint_run(self.plain, cache))
        for count in TOUCH_COUNTS:
            originals = append_comment(self.plain, self.touched[count], f"repo-lint speed: touched ({index})")
            try:
                self.rows[f"touch-{count}"].add(self.lint_run(self.plain, cache))
            finally:
                put_back(self.plain, originals)
            self.lint_run(self.plain, cache)  # not measured: the cache is up to date again
        shutil.rmtree(cache, ignore_errors=True)
        for scenario, args in (("cold-five", ("--select", FIVE_SELECT)), ("cpy-cold", ("--select", "CPY"))):
            log(f"  [{self.name}] {scenario}")
            cache = self.cache()
            self.rows[scenario].add(self.lint_run(self.plain, cache, *args))
            shutil.rmtree(cache, ignore_errors=True)
        for factor in SCALES:
            if factor not in self.scaled:
                log(f"  [{self.name}] making the {factor}x tree")
                dest = self.scratch / f"{self.name}-{factor}x"
                self.sizes[factor] = scaled_copy(self.plain, self.name, factor, dest)
                self.scaled[factor] = dest
            log(f"  [{self.name}] cold-{factor}x")
            cache = self.cache()
            self.rows[f"cold-{factor}x"].add(self.lint_run(self.scaled[factor], cache))
            shutil.rmtree(cache, ignore_errors=True)
        if self.modular:
            log(f"  [{self.name}] mod-cold (every modular file converted)")
            cache = self.cache()
            self.rows["mod-cold"].add(self.lint_run(self.plain, cache, "--select", MODULAR_SELECT))
            shutil.rmtree(cache, ignore_errors=True)
        if self.ref:
            log(f"  [{self.name}] reference scripts")
            total, five, copies = self.ref.sums()
            for scenario, value in (("cold", total), ("cold-five", five), ("cpy-cold", copies)):
                if value is not None:
                    self.rows[scenario].ref_times.append(value)
            if self.modular:
                log(f"  [{self.name}] reference check_modular_conversion.py --check_all")
                seconds = self.ref.modular()
                if seconds is not None:
                    self.rows["mod-cold"].ref_times.append(seconds)

    def finish(self) -> list[Row]:
        cold = self.rows["cold"].median
        for count in TOUCH_COUNTS:
            self.rows[f"touch-{count}"].note(f"{len(self.touched[count])} file(s)")
        one = self.rows["touch-1"].median
        for count in TOUCH_COUNTS[1:]:
            row = self.rows[f"touch-{count}"]
            if one and row.median:
                row.note(f"{row.median / one:.2f}x touch-1")
        self.rows["cold"].note(f"{self.sizes[1]} .py files")
        for factor in SCALES:
            row = self.rows[f"cold-{factor}x"]
            if factor in self.sizes:
                row.note(f"{self.sizes[factor]} .py files")
            if cold and row.median:
                row.note(f"{row.median / cold:.2f}x cold")
        return list(self.rows.values())


def verdict(row: Row) -> tuple[str, str]:
    """(ratio, met?) of a row; met? is yes / NO / ? (no reference) / n/a (the command failed)."""
    text, kind, value = TARGETS[row.scenario]
    if row.median is None:
        return "-", "n/a"
    ratio = row.median / statistics.median(row.ref_times) if row.ref_times else None
    ok = not row.rss or max(row.rss) <= RSS_LIMIT_MB
    if kind == "x":
        if ratio is None:
            return "-", "?" if ok else "NO"
        ok = ok and ratio <= value
    elif kind == "s":
        ok = ok and row.median <= value
    return (f"{ratio:.2f}x" if ratio is not None else "-"), ("yes" if ok else "NO")


def table(rows: list[Row], markdown: bool) -> str:
    header = ["tree", "scenario", "repo-lint min / med s", "peak RSS MB", "ref min / med s", "ratio", "target"]
    header += ["met?", "notes"]
    body = []
    for row in rows:
        ratio, met = verdict(row)
        notes = ([f"n/a: {row.error}"] if row.error else []) + row.notes
        body.append(
            [
                row.tree,
                row.scenario,
                min_median(row.times),
                f"{max(row.rss):.0f}" if row.rss else "-",
                min_median(row.ref_times),
                ratio,
                TARGETS[row.scenario][0],
                met,
                "; ".join(notes),
            ]
        )
    right = {2, 3, 4, 5}
    if markdown:
        lines = ["| " + " | ".join(header) + " |"]
        lines.append("|" + "|".join("---:" if i in right else "---" for i in range(len(header))) + "|")
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(header[i]), *(len(cells[i]) for cells in body)) for i in range(len(header) - 1)]

    def line(cells: list[str]) -> str:
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False))]
        return "  ".join(parts + [cells[-1]]).rstrip()

    return "\n".join([line(header), line(["-" * w for w in widths] + ["-----"])] + [line(c) for c in body])


# --------------------------------------------------------------------------------------------- main


def installed_python(scratch: Path) -> str:
    """An interpreter that imports repo-lint as `pip install repo-lint` leaves it, not through the editable
    install's import hook (which every process of a development venv loads at start-up: ~14 ms here): a venv
    without pip, this checkout installed into it (a wheel, compiled), its dependencies found through a `.pth`
    line naming this interpreter's site-packages (whose own `.pth` files, the editable hook among them, are
    then not run)."""
    import subprocess
    import sysconfig

    venv = scratch / "installed"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    purelib = [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]
    site = Path(subprocess.run(purelib, capture_output=True, text=True, check=True).stdout.strip())
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(ROOT)]
    subprocess.run(pip, check=True, capture_output=True)
    (site / "repo-lint-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return python


def prepare(name: str, scratch: Path, checkout: str | None) -> tuple[Path, Path, str]:
    """(repo-lint's copy, the reference's copy, what the tree is) of a tree; raises TreeUnavailable."""
    if name == "diffusers-dev":
        problem = devtree_bench.unavailable(checkout)
        if problem:
            raise TreeUnavailable(problem)
        archive = scratch / "diffusers-dev.tar"
        plain = devtree_bench.unpack(Path(checkout), archive, scratch / "diffusers-dev")
        ref = devtree_bench.unpack(Path(checkout), archive, scratch / "diffusers-dev-ref")
        return plain, ref, f"huggingface/diffusers at {devtree_bench.COMMIT}"
    tree = fetch_tree(name)
    return scratch_copy(tree, scratch / name), scratch_copy(tree, scratch / f"{name}-ref"), f"{name} {TREES[name]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", choices=TREE_NAMES, action="append", help="repeatable; default all three")
    parser.add_argument("--repeat", type=int, default=3, help="repeats (default 3; medians are reported)")
    parser.add_argument("--reference-dir", type=Path, default=ROOT / "reference-scripts")
    parser.add_argument("--reference-python", default=sys.executable, help="interpreter for the reference scripts")
    parser.add_argument("--diffusers-checkout", default=os.environ.get(devtree_bench.CHECKOUT_ENV))
    parser.add_argument("--with-modular", action="store_true", help="add mod-cold (transformers; ~10+ min a repeat)")
    parser.add_argument("--skip-reference", action="store_true", help="repo-lint only")
    parser.add_argument(
        "--editable", action="store_true", help="run repo-lint from this checkout (default: a scratch install)"
    )
    parser.add_argument("--markdown", action="store_true", help="print the table as GitHub markdown")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    # The development tree is read with the diffusers preset named in a config file, as devtree_bench.py does.
    args.extra_args = {"diffusers-dev": ["--config", devtree_bench.CONFIG_NAME]}
    names = [n for n in TREE_NAMES if n in (args.tree or TREE_NAMES)]
    folder = args.reference_dir if args.reference_dir and args.reference_dir.is_dir() else None

    scratch = Path(tempfile.mkdtemp(prefix="repo-lint-speed-"))
    rows: list[Row] = []
    footer: list[str] = []
    try:
        meter = Meter(scratch)
        lint = RepoLint(meter)
        if not args.editable:
            log("installing repo-lint into a scratch venv (as `pip install` would)")
            lint.python = installed_python(scratch)
        for name in names:
            try:
                plain, ref_tree, what = prepare(name, scratch, args.diffusers_checkout)
            except (TreeUnavailable, OSError) as exc:
                log(f"{name}: unavailable: {exc}")
                rows.append(Row(name, "cold", error=f"tree unavailable: {last_line(str(exc))}"))
                footer.append(f"{name}: not measured: {last_line(str(exc))}")
                continue
            if name == "diffusers-dev":
                (plain / devtree_bench.CONFIG_NAME).write_text(devtree_bench.CONFIG, encoding="utf-8")
            ref = None if args.skip_reference else Reference(name, ref_tree, folder, args.reference_python, meter)
            bench = TreeSpeed(name, plain, ref, lint, scratch, args)
            for index in range(args.repeat):
                log(f"{what}: repeat {index + 1}/{args.repeat}")
                bench.repeat(index)
            rows += bench.finish()
            footer.append(f"{what}: " + (f"reference (min / median): {ref.footer()}" if ref else "no reference run"))
            for path in bench.scaled.values():
                shutil.rmtree(path, ignore_errors=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    print(table(rows, args.markdown))
    print()
    bullet = "- " if args.markdown else "  "
    how = "this checkout (editable)" if args.editable else "installed from this checkout into a scratch venv"
    print(f"{bullet}repeats: {args.repeat}; repo-lint {how}; peak RSS via {meter.method}")
    print(f"{bullet}reference interpreter: {args.reference_python}")
    for line in footer:
        print(f"{bullet}{line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
