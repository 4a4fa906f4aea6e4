"""How much of the released transformers tree the modular converter slice (`checks/modular/convert.py`)
reproduces byte for byte. Not a test (tests/test_modular_convert.py holds the floor).

    python benchmarks/modular_reproduction.py [--ruff /path/to/ruff] [--samples 15] [--only NAME ...] [--where]

The models folder and the tree's pyproject.toml are copied to a temp folder; every modular file is converted,
the outputs are written there and formatted with ONE `ruff check --fix` and ONE `ruff format` call using the
tree's configuration (as `utils/modular_model_converter.py` does per file). The tree pins ruff==0.14.10 in its
setup.py; pass that ruff with --ruff for exact formatting (the installed one is used otherwise).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from repo_lint.checks.modular.convert import Unsupported, convert_modular  # noqa: E402

from tests.realtrees import TREES, TreeUnavailable, fetch_tree  # noqa: E402

MODELS = "src/transformers/models"
BANNER_START = "This file was automatically generated from"


@dataclass
class Reproduction:
    ruff_version: str
    converted: list[str] = field(default_factory=list)
    unsupported: Counter = field(default_factory=Counter)
    unsupported_where: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    generated: list[str] = field(default_factory=list)
    identical: list[str] = field(default_factory=list)
    differing: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


def generated_files(tree: Path) -> list[str]:
    """The files whose banner names a modular file of the models folder."""
    marker = f"{BANNER_START} {MODELS}/"
    return sorted(
        path.relative_to(tree).as_posix()
        for path in (tree / MODELS).glob("*/*.py")
        if marker in path.read_text(encoding="utf-8")[:2000]
    )


def measure(tree: Path, ruff: str = "ruff", only: tuple[str, ...] = ()) -> Reproduction:
    started = time.perf_counter()
    ruff = str(Path(ruff).resolve()) if Path(ruff).exists() else shutil.which(ruff) or ruff  # ruff runs elsewhere
    version = subprocess.run([ruff, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    result = Reproduction(version)
    result.generated = [path for path in generated_files(tree) if not only or path.split("/")[-2] in only]
    with tempfile.TemporaryDirectory(prefix="modular-reproduction-") as temp:
        source, output = Path(temp) / "source", Path(temp) / "output"
        shutil.copytree(tree / MODELS, source / MODELS)
        output.mkdir()
        shutil.copy(tree / "pyproject.toml", output / "pyproject.toml")
        written = _convert_all(source, output, result, only)
        if written:
            _run_ruff(ruff, output, written)
        for path in result.generated:
            produced = output / path
            if not produced.exists():
                continue
            expected = (tree / path).read_text(encoding="utf-8")
            actual = produced.read_text(encoding="utf-8")
            if actual == expected:
                result.identical.append(path)
            else:
                result.differing[path] = _first_difference(expected, actual)
    result.seconds = time.perf_counter() - started
    return result


def _convert_all(source: Path, output: Path, result: Reproduction, only: tuple[str, ...]) -> list[str]:
    def read_file(path: str) -> str | None:
        file = source / path
        return file.read_text(encoding="utf-8") if file.is_file() else None

    written = []
    for modular in sorted((source / MODELS).glob("*/modular_*.py")):
        path = modular.relative_to(source).as_posix()
        if only and modular.parent.name not in only:
            continue
        try:
            files = convert_modular(modular.read_text(encoding="utf-8"), path, read_file)
        except Unsupported as exc:
            result.unsupported[exc.reason] += 1
            result.unsupported_where[path] = str(exc)
            continue
        except Exception as exc:  # a converter bug: counted and shown, the run goes on
            result.errors[path] = f"{type(exc).__name__}: {exc}"
            continue
        result.converted.append(path)
        for generated_path, text in files.items():
            target = output / generated_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(generated_path)
    return written


def _run_ruff(ruff: str, output: Path, paths: list[str]) -> None:
    # exit codes are ignored: unfixable findings are expected, as in the upstream pipeline
    subprocess.run([ruff, "check", "--fix", "--quiet", *paths], cwd=output, capture_output=True)
    subprocess.run([ruff, "format", "--quiet", *paths], cwd=output, capture_output=True)


def _first_difference(expected: str, actual: str) -> str:
    expected_lines, actual_lines = expected.splitlines(), actual.splitlines()
    for number, (want, got) in enumerate(zip(expected_lines, actual_lines, strict=False), start=1):
        if want != got:
            return f"line {number}: expected {want.strip()[:70]!r}, got {got.strip()[:70]!r}"
    return f"length: expected {len(expected_lines)} lines, got {len(actual_lines)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ruff", default="ruff", help="the ruff executable (the tree pins 0.14.10)")
    parser.add_argument("--samples", type=int, default=15, help="how many differing files to show")
    parser.add_argument("--only", nargs="*", default=(), help="model folder names to convert (default: all)")
    parser.add_argument("--where", action="store_true", help="list every unsupported modular file and why")
    arguments = parser.parse_args()
    try:
        tree = fetch_tree("transformers", TREES["transformers"])
    except TreeUnavailable as exc:
        print(f"SKIPPED: the transformers {TREES['transformers']} tree is not available ({exc})", file=sys.stderr)
        return 0
    result = measure(tree, arguments.ruff, tuple(arguments.only))
    modular_count = len(result.converted) + sum(result.unsupported.values()) + len(result.errors)
    print(f"formatted with {result.ruff_version}; {result.seconds:.1f} s")
    print(f"modular files: {modular_count}, converted {len(result.converted)}")
    print(f"unsupported: {sum(result.unsupported.values())}")
    for reason, count in result.unsupported.most_common():
        print(f"  {count:4d}  {reason}")
    if arguments.where:
        for path, why in sorted(result.unsupported_where.items()):
            print(f"  {path}: {why}")
    if result.errors:
        print(f"converter errors: {len(result.errors)}")
        for path, error in list(result.errors.items())[: arguments.samples]:
            print(f"  {path}: {error}")
    print(f"generated files reproduced byte for byte: {len(result.identical)} / {len(result.generated)}")
    print(f"produced but differing: {len(result.differing)}")
    for path, difference in list(result.differing.items())[: arguments.samples]:
        print(f"  {path}: {difference}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
