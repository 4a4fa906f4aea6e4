"""The whole consistency step on the Diffusers development tree: repo-lint with the `diffusers` preset next to the
scripts Diffusers itself runs for that step, from the same tree, in the same run. Not a test: it prints tables.

    python benchmarks/devtree_bench.py [--checkout PATH] [--reference-python PATH] [--repeat N] [--skip-reference]

The tree is the git repository of huggingface/diffusers (`--checkout`, else `REPO_LINT_DIFFUSERS_CHECKOUT`: a work
tree or a bare git folder) at the commit pinned in `tests/devtrees.py` (`COMMITS["diffusers"]`). It is only read:
`git archive <commit>` is unpacked twice into a temporary folder, one copy for the reference scripts (they import
the tree, write `__pycache__`, `setup.py deps_table_update` rewrites its table), one for repo-lint. Nothing is
kept: the temporary folder goes at the end.

Reference side: every script of the tree's consistency step, each its own process from the tree root with
`PYTHONPATH=src` (as the Makefile exports it), run by `--reference-python` with its `bin/` first on PATH (the
tree's `ruff==0.9.10` for `check_copies.py`, `doc-builder` for `modular_auto_docstring.py`):

- Makefile `quality` without ruff and doc-builder: `check_doc_toc.py`, `check_ai.py`;
- `repo-consistency`: `check_dummies.py`, `check_repo.py`, `check_inits.py`, `check_forward_call_docstrings.py`;
- `extra_style_checks` in check mode: `custom_init_isort.py --check_only`, `check_doc_toc.py` (already counted);
- the CI job `check_repository_consistency` (`.github/workflows/pr_tests.yml`): `check_copies.py`,
  `check_dummies.py`, `check_support_list.py`, `check_forward_call_docstrings.py` (the last two already counted
  above) and `make deps_table_check_updated`: `python setup.py deps_table_update`, then the table compared with
  what it was (and put back);
- `utils/modular_auto_docstring.py` (target `modular-autodoctrings`, in check mode): it imports every block, so the
  reference interpreter needs torch, torchvision and transformers (without them it imports none and passes having
  checked nothing). repo-lint's MPB generates 154 of its 274 docstrings statically and reports the others as not
  checkable, so the reference sum is also given without it.

Each script runs once per repeat, whatever its exit code (a crash is timed and reported with the last line of its
output). A reference interpreter: a venv with `pip install -e <a diffusers checkout of that commit> "ruff==0.9.10"
"urllib3<=2.0.0" isort hf-doc-builder` (the `quality` extra), no torch.

repo-lint side, `python -m repo_lint check --output-format json -q` with a config file written at the root of its
copy (`[tool.repo-lint] preset = "diffusers"`, passed with `--config`: the tree's pyproject.toml has no
`[tool.repo-lint]` section), each run its own process:

- `cold`   a new, empty `--cache-dir` (outside the tree) per repeat;
- `warm`   the same command again, same cache dir, nothing changed;
- `touch`  a comment line appended to one modeling file (`--touch`), then the same command, same cache dir.

The reference scripts keep no cache: each row compares with the same reference runs (their sum per repeat).
Times are min / median over `--repeat` repeats; peak RSS is that of the largest process
(`/usr/bin/time -f %M`, else `RUSAGE_CHILDREN` of a wrapper; see `benchmarks/bench.py`).
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import Measured, Meter, RepoLint, findings, last_line, log  # noqa: E402


def pinned(name: str) -> dict[str, str]:
    """`COMMITS` or `REPOSITORIES` of `tests/devtrees.py`, read without importing it (it imports pytest)."""
    tree = ast.parse((ROOT / "tests" / "devtrees.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"no {name} in tests/devtrees.py")


COMMITS, REPOSITORIES = pinned("COMMITS"), pinned("REPOSITORIES")
COMMIT = COMMITS["diffusers"]
CHECKOUT_ENV = "REPO_LINT_DIFFUSERS_CHECKOUT"
CONFIG_NAME = "repo-lint-bench.toml"  # written at the root of repo-lint's copy only
CONFIG = '[tool.repo-lint]\npreset = "diffusers"\n'
TOUCHED = "src/diffusers/models/unets/unet_2d_condition.py"
DEPS_TABLE = "src/diffusers/dependency_versions_table.py"
DEPS_STALE = "the version dependency table is outdated"  # what `make deps_table_check_updated` prints
PARTLY_COVERED = "utils/modular_auto_docstring.py"


@dataclass(frozen=True)
class Script:
    name: str  # as shown in the table
    argv: tuple[str, ...]  # after the interpreter, from the tree root
    source: str  # where the consistency step runs it
    rules: str  # the repo-lint rules that check the same thing (informative)


SCRIPTS = (
    Script("utils/check_copies.py", ("utils/check_copies.py",), "CI", "CPY"),
    Script("utils/check_dummies.py", ("utils/check_dummies.py",), "repo-consistency, CI", "DUM"),
    Script("utils/check_repo.py", ("utils/check_repo.py",), "repo-consistency", "STR011"),
    Script("utils/check_inits.py", ("utils/check_inits.py",), "repo-consistency", "INI001-INI004"),
    Script(
        "utils/check_forward_call_docstrings.py",
        ("utils/check_forward_call_docstrings.py",),
        "repo-consistency, CI",
        "DOC",
    ),
    Script("utils/check_doc_toc.py", ("utils/check_doc_toc.py",), "quality, extra_style_checks", "TOC001, TOC002"),
    Script("utils/check_ai.py", ("utils/check_ai.py",), "quality", "AGT"),
    Script(
        "utils/custom_init_isort.py --check_only",
        ("utils/custom_init_isort.py", "--check_only"),
        "extra_style_checks",
        "INI005",
    ),
    Script("utils/check_support_list.py", ("utils/check_support_list.py",), "CI", "TOC010"),
    Script("make deps_table_check_updated", ("setup.py", "deps_table_update"), "CI", "DEP"),
    Script(PARTLY_COVERED, (PARTLY_COVERED,), "modular-autodoctrings", "MPB (154 of 274 classes)"),
)

# Why a script fails on this tree, when its output shows it: (script, text of its output, explanation).
KNOWN_FAILURES = (
    ("utils/check_repo.py", "diffusers.models.auto", "a Transformers layout: the tree has no `diffusers.models.auto`"),
    (
        "utils/check_inits.py",
        "src/transformers",
        "it walks `src/transformers`: copied from Transformers, never adapted",
    ),
)


@dataclass
class Series:
    """The runs of one measured command, one per repeat."""

    runs: list[Measured] = field(default_factory=list)
    error: str | None = None

    def add(self, measured: Measured) -> None:
        self.runs.append(measured)
        if measured.error and self.error is None:
            self.error = measured.error

    @property
    def times(self) -> list[float]:
        return [run.seconds for run in self.runs]

    @property
    def peak_mb(self) -> float | None:
        values = [run.rss_mb for run in self.runs if run.rss_mb is not None]
        return max(values) if values else None


def min_median(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f}" if values else "-"


def cell(text: str, limit: int = 140) -> str:
    text = text.replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --------------------------------------------------------------------------------------------- the tree


def git_location(checkout: Path) -> list[str]:
    """`git` arguments that read the repository `checkout` (a bare git folder or a work tree)."""
    return ["--git-dir", str(checkout)] if (checkout / "HEAD").is_file() else ["-C", str(checkout)]


def unavailable(checkout: str | None) -> str | None:
    """Why the pinned commit cannot be read from `checkout` (None when it can)."""
    if not checkout:
        return (
            f"no Diffusers checkout: pass --checkout PATH or set {CHECKOUT_ENV} (a clone of "
            f"https://github.com/{REPOSITORIES['diffusers']} holding commit {COMMIT})"
        )
    if not Path(checkout).is_dir():
        return f"{checkout} is not a folder"
    for tool in ("git", "tar"):
        if not shutil.which(tool):
            return f"`{tool}` is not on PATH"
    done = subprocess.run(
        ["git", *git_location(Path(checkout)), "cat-file", "-e", f"{COMMIT}^{{commit}}"], capture_output=True, text=True
    )
    if done.returncode != 0:
        return f"commit {COMMIT} is not in {checkout}: {done.stderr.strip() or 'git cat-file failed'}"
    return None


def unpack(checkout: Path, archive: Path, target: Path) -> Path:
    """The pinned commit's files in `target` (the archive is made once; the checkout is only read)."""
    if not archive.is_file():
        subprocess.run(["git", *git_location(checkout), "archive", "-o", str(archive), COMMIT], check=True)
    target.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-f", str(archive), "-C", str(target)], check=True)
    return target


# --------------------------------------------------------------------------------------------- reference side


def reference_env(python: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH="src", PYTHONIOENCODING="utf-8")
    env["PATH"] = os.pathsep.join(p for p in (str(Path(python).parent), env.get("PATH", "")) if p)
    for name in ("VIRTUAL_ENV", "PYTHONHOME"):  # this interpreter's, not the reference's
        env.pop(name, None)
    return env


def reference_problems(python: str, tree: Path, env: dict[str, str]) -> list[str]:
    """What the reference interpreter lacks (each makes some script fail or skip part of its work)."""
    problems = []
    probe = subprocess.run(
        [python, "-c", "import importlib.util as u; print(u.find_spec('torch') is not None)"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return [f"`{python}` does not run: {last_line(probe.stderr)}"]
    if probe.stdout.strip() == "True":
        problems.append("torch is installed in the reference interpreter (the scripts import more)")
    done = subprocess.run([python, "-c", "import diffusers"], cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        problems.append(f"`import diffusers` fails with PYTHONPATH=src: {last_line(done.stderr)}")
    for tool, user in (("ruff", "utils/check_copies.py"), ("doc-builder", PARTLY_COVERED)):
        if not shutil.which(tool, path=env["PATH"]):
            problems.append(f"no `{tool}` on the reference PATH: {user} fails or skips formatting")
    return problems


def run_script(meter: Meter, python: str, tree: Path, env: dict[str, str], script: Script) -> Measured:
    table = tree / DEPS_TABLE
    before = table.read_bytes() if script.argv[0] == "setup.py" and table.is_file() else None
    measured = meter.run([python, *script.argv], tree, env)
    if before is not None and measured.returncode == 0:
        if table.read_bytes() != before:
            measured.returncode = 1  # what `md5sum -c` makes of it
            measured.stdout += f"\nError: {DEPS_STALE}.\n"
        else:
            measured.stdout += f"\n(compared: {DEPS_TABLE} unchanged)\n"
    if before is not None:
        table.write_bytes(before)  # as the next repeat (and the committed tree) has it
    return measured


def output_line(measured: Measured, tree: Path) -> str:
    if measured.error:
        return measured.error
    first, second = (measured.stderr, measured.stdout) if measured.returncode else (measured.stdout, measured.stderr)
    line = last_line(first) or last_line(second) or "(no output)"
    return line.replace(str(tree), "<tree>")


def failure_reason(script: Script, runs: list[Measured]) -> str:
    text = "".join(run.stdout + run.stderr for run in runs)
    for name, marker, why in KNOWN_FAILURES:
        if name == script.name and marker in text:
            return why
    return ""


# --------------------------------------------------------------------------------------------- repo-lint side


def rule_names() -> dict[str, str]:
    done = subprocess.run([sys.executable, "-m", "repo_lint", "rules"], capture_output=True, text=True)
    names = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            names[parts[0]] = parts[1]
    return names


def touch(tree: Path, repeat: int) -> None:
    with open(tree / TOUCHED, "a", encoding="utf-8") as handle:
        handle.write(f"# repo-lint bench: touched ({repeat})\n")


# --------------------------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkout", default=os.environ.get(CHECKOUT_ENV), help=f"default: ${CHECKOUT_ENV}")
    parser.add_argument("--reference-python", help="an interpreter with the tree's `quality` extra (no torch)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measured command (default 3)")
    parser.add_argument("--skip-reference", action="store_true", help="measure repo-lint only")
    arguments = parser.parse_args()
    if arguments.repeat < 1:
        parser.error("--repeat must be at least 1")
    why = unavailable(arguments.checkout)
    if why:
        print(f"SKIPPED: the Diffusers development tree is not available: {why}", file=sys.stderr)
        return 0
    python = arguments.reference_python
    run_reference = not arguments.skip_reference
    if run_reference and not (python and os.access(python, os.X_OK)):
        log(f"NO REFERENCE: pass --reference-python (got {python!r}); measuring repo-lint only")
        run_reference = False

    checkout = Path(arguments.checkout)
    scenarios = {name: Series() for name in ("cold", "warm", "touch")}
    scripts = {script.name: Series() for script in SCRIPTS}
    cold_findings: list[dict] = []
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="devtree-bench-") as temp:
        scratch = Path(temp)
        meter = Meter(scratch)
        archive = scratch / "tree.tar"
        log(f"unpacking {COMMIT} of {checkout}")
        lint_tree = unpack(checkout, archive, scratch / "lint" / "diffusers")
        (lint_tree / CONFIG_NAME).write_text(CONFIG, encoding="utf-8")
        if run_reference:
            ref_tree = unpack(checkout, archive, scratch / "reference" / "diffusers")
            env = reference_env(python)
            problems = reference_problems(python, ref_tree, env)
            for problem in problems:
                log(f"REFERENCE: {problem}")
        archive.unlink()
        repo_lint = RepoLint(meter)
        config = ("--config", CONFIG_NAME)
        for repeat in range(1, arguments.repeat + 1):
            if run_reference:
                for script in SCRIPTS:
                    log(f"[{repeat}/{arguments.repeat}] reference {script.name}")
                    scripts[script.name].add(run_script(meter, python, ref_tree, env, script))
            cache = scratch / f"cache-{repeat}"
            log(f"[{repeat}/{arguments.repeat}] repo-lint cold")
            cold = repo_lint.check(lint_tree, *config, "--cache-dir", str(cache))
            scenarios["cold"].add(cold)
            if repeat == 1:
                cold_findings = findings(cold)
            log(f"[{repeat}/{arguments.repeat}] repo-lint warm")
            scenarios["warm"].add(repo_lint.check(lint_tree, *config, "--cache-dir", str(cache)))
            touch(lint_tree, repeat)
            log(f"[{repeat}/{arguments.repeat}] repo-lint touch")
            scenarios["touch"].add(repo_lint.check(lint_tree, *config, "--cache-dir", str(cache)))
        counts = {name: len(findings(run)) for name, series in scenarios.items() for run in series.runs[-1:]}
        method = meter.method

    # per repeat: the sum of the scripts' times (every script ran once in each repeat)
    sums = [sum(series.runs[i].seconds for series in scripts.values()) for i in range(arguments.repeat)]
    sums_counterpart = [
        sum(series.runs[i].seconds for name, series in scripts.items() if name != PARTLY_COVERED)
        for i in range(arguments.repeat)
    ]
    if not run_reference:
        sums = sums_counterpart = []
    ref_peak = max((s.peak_mb for s in scripts.values() if s.peak_mb is not None), default=None)

    print(f"# The consistency step on the Diffusers development tree ({REPOSITORIES['diffusers']} @ {COMMIT})\n")
    print(
        f"repo-lint `check` with the `diffusers` preset (`--config {CONFIG_NAME}`) vs the tree's own scripts, "
        f"{arguments.repeat} repeat(s); times in seconds (min / median); peak RSS in MB ({method}).\n"
    )
    print("| scenario | repo-lint min / median s | reference (sum of scripts) min / median s | ratio | peak RSS MB |")
    print("| --- | --- | --- | --- | --- |")
    descriptions = {
        "cold": "cold (empty --cache-dir)",
        "warm": "warm (same cache, no change)",
        "touch": f"touch (a comment line appended to `{TOUCHED.rsplit('/', 1)[-1]}`)",
    }
    for name, series in scenarios.items():
        ours = f"n/a: {cell(series.error)}" if series.error else min_median(series.times)
        ratio = (
            f"{statistics.median(series.times) / statistics.median(sums):.3f}x"
            if sums and series.times and not series.error
            else "-"
        )
        peak = f"{series.peak_mb:.0f}" if series.peak_mb is not None else "-"
        peak += f" (reference: {ref_peak:.0f}, largest script)" if ref_peak is not None else ""
        print(f"| {descriptions[name]} | {ours} | {min_median(sums)} | {ratio} | {peak} |")
    if sums:
        print(
            "\nThe reference scripts keep no cache: every row compares with the same runs (all scripts, once per "
            f"repeat). Without `{PARTLY_COVERED}` (MPB covers part of it) their sum is "
            f"{min_median(sums_counterpart)} s (ratio of cold: "
            + (
                f"{statistics.median(scenarios['cold'].times) / statistics.median(sums_counterpart):.3f}x"
                if scenarios["cold"].times and not scenarios["cold"].error
                else "-"
            )
            + ")."
        )
    print(f"\nFindings of repo-lint per run (last repeat): {', '.join(f'{k} {v}' for k, v in counts.items())}.")

    if run_reference:
        print("\n## Reference scripts (each its own process, from the tree root, PYTHONPATH=src)\n")
        print(f"Interpreter: `{python}`.")
        for problem in problems:
            print(f"- NOTE: {problem}")
        print(
            "\n| script | run by | min / median s | exit code | peak RSS MB | last line of output | repo-lint rules |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for script in SCRIPTS:
            series = scripts[script.name]
            codes = sorted({run.returncode for run in series.runs})
            line = output_line(series.runs[-1], ref_tree)
            reason = failure_reason(script, series.runs) if any(codes) else ""
            if reason:
                line = f"{line} ({reason})"
            peak = f"{series.peak_mb:.0f}" if series.peak_mb is not None else "-"
            print(
                f"| `{script.name}` | {script.source} | {min_median(series.times)} | "
                f"{', '.join(map(str, codes))} | {peak} | {cell(line, 220)} | {script.rules} |"
            )
        failed = [name for name, series in scripts.items() if any(run.returncode for run in series.runs)]
        print(f"\nScripts that exited non-zero: {', '.join(f'`{n}`' for n in failed) or 'none'}.")
    else:
        print("\n(reference scripts not run: no --reference-python, or --skip-reference)")

    names = rule_names()
    by_code = Counter(finding.get("code", "?") for finding in cold_findings)
    print(f"\n## repo-lint findings per rule, cold run ({sum(by_code.values())} in all)\n")
    if scenarios["cold"].error:
        print(f"n/a: the cold run failed: {cell(scenarios['cold'].error)}")
    elif not by_code:
        print("No finding.")
    else:
        print("| rule | name | findings |")
        print("| --- | --- | --- |")
        for code, count in sorted(by_code.items()):
            print(f"| {code} | {names.get(code, '?')} | {count} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
