"""The modular check (MOD001/MOD004) on transformers 5.23.0, next to the upstream `check_modular_conversion.py`
in the same run. Not a test: it prints a table.

    python benchmarks/modular_bench.py --reference-python /path/to/python [--parent llama] [--skip-reference]

Scenarios, each on a git scratch copy of the tree (everything committed on `main`):

- `cold`   `repo-lint check --select MOD001,MOD004` with an empty `--cache-dir`; reference:
           `python utils/check_modular_conversion.py --check_all` (every modular file, the process pool of
           the upstream script; on `main` it checks everything anyway).
- `warm`   the same repo-lint command again, same cache dir (nothing changed).
- `touch`  a comment line appended to `models/<parent>/modeling_<parent>.py` and committed on a branch, then
           the same repo-lint command with the warm cache, and `--changed-files` of that file with the warm
           cache; reference: the upstream script without `--check_all` on that branch (it converts the
           modular files whose dependencies include a model in the diff).
- `edit`   then a comment line added inside the parent's `rotate_half` (committed): the conversions that used
           it are made again (they now differ: MOD001); same commands. The reference would convert the same
           files as for `touch`, so its `touch` time is shown again.

The upstream scripts come from the git-ignored `reference-scripts/transformers/utils/` (see
`benchmarks/fetch_reference.py`): `check_modular_conversion.py`, `modular_model_converter.py`,
`create_dependency_mapping.py`, `modular_integrations.py`. They import `transformers` (its logging and
`CONFIG_MAPPING_NAMES`) and need `libcst`, `rich` and the tree's pinned `ruff==0.14.10` on PATH: pass an
interpreter that has them with `--reference-python` (e.g. a venv with `pip install transformers==5.23.0 libcst
rich ruff==0.14.10`; its `bin/` is put first on PATH). Note that the upstream converter finds a parent module
through `importlib` (the installed `transformers`), which equals the tree only because both are 5.23.0.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import GIT, Measured, Meter, log, scratch_copy  # noqa: E402
from tests.realtrees import TREES, TreeUnavailable, fetch_tree  # noqa: E402

UPSTREAM = ("check_modular_conversion.py", "modular_model_converter.py", "create_dependency_mapping.py")
UPSTREAM_OPTIONAL = ("modular_integrations.py",)
MODELS = "src/transformers/models"
EDITED_DEFINITION = "def rotate_half(x):\n"  # used by the rotary models built on the parent
EDIT = "    # repo-lint bench: edited\n"
# methods many modular classes inherit as they are (or override): a comment line added in each, one after the other
EDITED_METHODS = ("LlamaRMSNorm.forward", "LlamaAttention.forward")


def git(root: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)


def with_method_edited(text: str, method: str) -> str:
    """`text` with a comment line added as the first line of the body of `Class.method`."""
    class_name, name = method.split(".")
    start = text.index(f"    def {name}(", text.index(f"class {class_name}("))
    body = text.index(":\n", start) + 2  # the end of the signature, which may span several lines
    return text[:body] + "    " + EDIT + text[body:]


def repo_lint(meter: Meter, root: Path, cache: Path, *extra: str) -> Measured:
    command = [sys.executable, "-m", "repo_lint", "check", "--output-format", "json", "-q"]
    command += ["--select", "MOD001,MOD004", "--cache-dir", str(cache), *extra]
    return meter.run(command, root, dict(os.environ))


def findings_summary(measured: Measured) -> str:
    import json

    try:
        found = json.loads(measured.stdout)
    except ValueError:
        return f"n/a: {measured.stderr.strip().splitlines()[-1:] or measured.returncode}"
    codes: dict[str, int] = {}
    for finding in found:
        codes[finding["code"]] = codes.get(finding["code"], 0) + 1
    return ", ".join(f"{count} {code}" for code, count in sorted(codes.items())) or "no finding"


def reference(meter: Meter, root: Path, python: str, *extra: str) -> Measured:
    env = dict(os.environ)
    env["PATH"] = f"{Path(python).parent}{os.pathsep}{env.get('PATH', '')}"  # its ruff first
    return meter.run([python, "utils/check_modular_conversion.py", *extra], root, env)


def reference_summary(measured: Measured) -> str:
    text = measured.stderr + measured.stdout
    if "Models in diff:" in text:
        models = [line for line in text.split("Models in diff:")[-1].splitlines() if line.strip().startswith("- ")]
        return f"{len(models)} model(s) differ"
    if measured.returncode == 0:
        return "no difference"
    return f"exit {measured.returncode}: {text.strip().splitlines()[-1:]}"


def dependents(root: Path, parent_module: str) -> int:
    """How many modular files import from `parent_module` (repo-lint's parents, as `--changed-files` uses)."""
    from repo_lint.checks.modular.facts import modular_parents

    count = 0
    for modular in sorted((root / MODELS).glob("*/modular_*.py")):
        path = modular.relative_to(root).as_posix()
        parents = modular_parents(modular.read_text(encoding="utf-8"), path, "transformers", "src/transformers")
        count += f"{parent_module.removesuffix('.py')}" in parents
    return count


def row(name: str, ours: Measured | None, theirs: Measured | None, note: str) -> str:
    def cell(measured: Measured | None) -> str:
        if measured is None:
            return "-"
        rss = f", {measured.rss_mb:.0f} MB" if measured.rss_mb is not None else ""
        return f"{measured.seconds:.2f} s{rss}"

    ratio = f"{ours.seconds / theirs.seconds:.3f}x" if ours and theirs and theirs.seconds else "-"
    return f"| {name} | {cell(ours)} | {cell(theirs)} | {ratio} | {note} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference-python", help="an interpreter with transformers, libcst, rich and ruff")
    parser.add_argument("--reference-dir", default=str(ROOT / "reference-scripts"))
    parser.add_argument("--parent", default="llama", help="the model whose modeling file `touch` edits")
    parser.add_argument("--skip-reference", action="store_true", help="measure repo-lint only")
    arguments = parser.parse_args()
    try:
        tree = fetch_tree("transformers", TREES["transformers"])
    except TreeUnavailable as exc:
        print(f"SKIPPED: the transformers tree is not available ({exc})", file=sys.stderr)
        return 0
    scripts = Path(arguments.reference_dir) / "transformers" / "utils"
    run_reference = not arguments.skip_reference
    if run_reference and (not arguments.reference_python or not all((scripts / s).is_file() for s in UPSTREAM)):
        log(f"no reference: need --reference-python and {', '.join(UPSTREAM)} in {scripts}; repo-lint only")
        run_reference = False
    rows = []
    with tempfile.TemporaryDirectory(prefix="modular-bench-") as temp:
        scratch = Path(temp)
        meter = Meter(scratch)
        root = scratch_copy(tree, scratch / "transformers")
        if run_reference:
            (root / "utils").mkdir(exist_ok=True)
            for name in UPSTREAM + UPSTREAM_OPTIONAL:
                if (scripts / name).is_file():
                    shutil.copy(scripts / name, root / "utils" / name)
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "release")
        cache = scratch / "cache"
        log("repo-lint cold")
        cold = repo_lint(meter, root, cache)
        # warm right after cold: the upstream check writes (and deletes) temporary files in every model folder,
        # so a run after it lists those folders again
        log("repo-lint warm")
        warm = repo_lint(meter, root, cache)
        theirs_cold = None
        if run_reference:
            log("reference --check_all (minutes)")
            theirs_cold = reference(meter, root, arguments.reference_python, "--check_all")
        note = f"repo-lint: {findings_summary(cold)}"
        if theirs_cold is not None:
            note += f"; upstream: {reference_summary(theirs_cold)}"
        rows.append(row("cold (all 326 modular files)", cold, theirs_cold, note))
        rows.append(row("warm (nothing changed)", warm, None, findings_summary(warm)))
        parent = f"{MODELS}/{arguments.parent}/modeling_{arguments.parent}.py"
        git(root, "checkout", "-q", "-b", "touch")
        with open(root / parent, "a", encoding="utf-8") as handle:
            handle.write("# repo-lint bench: touched\n")
        git(root, "commit", "-q", "-am", "touch")
        count = dependents(root, parent)
        log("repo-lint touch")
        touch = repo_lint(meter, root, cache)
        touch_changed = repo_lint(meter, root, cache, "--changed-files", parent)
        theirs_touch = None
        if run_reference:
            log("reference on the touch branch")
            theirs_touch = reference(meter, root, arguments.reference_python)
        note = f"{count} modular files import from `{arguments.parent}`; {findings_summary(touch)}"
        rows.append(row(f"touch `{arguments.parent}`, full run", touch, theirs_touch, note))
        rows.append(row(f"touch `{arguments.parent}`, --changed-files", touch_changed, theirs_touch, ""))
        # an edit inside a definition many modular files use: their conversions are made again
        text = (root / parent).read_text(encoding="utf-8")
        if EDITED_DEFINITION in text:
            (root / parent).write_text(text.replace(EDITED_DEFINITION, EDITED_DEFINITION + EDIT, 1), encoding="utf-8")
            git(root, "commit", "-q", "-am", "edit")
            log("repo-lint edit")
            edit_cache = scratch / "edit-cache"  # the warm cache as it was before the edit, for each of the two
            shutil.copytree(cache, edit_cache)
            edit_changed = repo_lint(meter, root, edit_cache, "--changed-files", parent)
            edit = repo_lint(meter, root, cache)
            note = f"a comment line added in `rotate_half`; {findings_summary(edit)}"
            rows.append(row(f"edit `rotate_half` of `{arguments.parent}`, full run", edit, theirs_touch, note))
            rows.append(row(f"edit `rotate_half` of `{arguments.parent}`, --changed-files", edit_changed, None, ""))
            for method in EDITED_METHODS if arguments.parent == "llama" else ():
                (root / parent).write_text(with_method_edited((root / parent).read_text(encoding="utf-8"), method))
                git(root, "commit", "-q", "-am", f"edit {method}")
                log(f"repo-lint edit {method}")
                edited = repo_lint(meter, root, cache)
                note = f"then a comment line added in `{method}`; {findings_summary(edited)}"
                rows.append(row(f"edit `{method}`, full run", edited, theirs_touch, note))
    print("| scenario | repo-lint (wall, peak RSS) | upstream | ratio | notes |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
