"""Verify the reference scripts that the benchmark and the comparison tests run.

repo-lint is compared with the consistency scripts of the public Hugging Face repositories
``huggingface/transformers`` and ``huggingface/diffusers`` (folder ``utils/``). Their code is
not part of repo-lint and must never be committed here: it lives in the git-ignored folder
``reference-scripts/``, laid out as::

    reference-scripts/
        SOURCES.txt                           # optional: "<repo> utils/<name>.py <commit>" per line
        transformers/utils/check_copies.py    # plus check_dummies.py, check_inits.py,
        diffusers/utils/check_copies.py       #   custom_init_isort.py, sort_auto_mappings.py and, for
                                              #   transformers, the modular conversion check's scripts

How to obtain them (no network access is needed at run time):

    git clone https://github.com/huggingface/transformers ../transformers
    git clone https://github.com/huggingface/diffusers ../diffusers
    python benchmarks/fetch_reference.py --from-checkout transformers ../transformers
    python benchmarks/fetch_reference.py --from-checkout diffusers ../diffusers

or copy ``<checkout>/utils/<name>.py`` into ``reference-scripts/<repo>/utils/`` by hand. Without
options this script only lists what is present (size and SHA-256 prefix, to say in a benchmark
report which versions were used) and checks that the folder is git-ignored. Exit status: 0 when
both ``check_copies.py`` are present, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = REPO_ROOT / "reference-scripts"
SCRIPTS = {
    "transformers": [
        "check_copies.py",
        "check_dummies.py",
        "check_inits.py",
        "custom_init_isort.py",
        "sort_auto_mappings.py",
        # the modular conversion check (issue 14) and what it imports
        "check_modular_conversion.py",
        "modular_model_converter.py",
        "create_dependency_mapping.py",
        "modular_integrations.py",
        # the other scripts `benchmarks/speed.py` runs on the sdist, and the lists they read
        "check_config_docstrings.py",
        "check_config_attributes.py",
        "check_pipeline_typing.py",
        "check_doctest_list.py",
        "not_doctested.txt",
        "slow_documentation_tests.txt",
    ],
    "diffusers": [
        "check_copies.py",
        "check_dummies.py",
        "check_inits.py",
        "custom_init_isort.py",
        "check_forward_call_docstrings.py",
    ],
}
REQUIRED = "check_copies.py"


def _sources(folder: Path) -> dict[tuple[str, str], str]:
    """Read ``SOURCES.txt``: (repo, file name) -> commit."""
    result = {}
    path = folder / "SOURCES.txt"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split()
            if len(parts) >= 3 and not line.startswith("#"):
                result[(parts[0], Path(parts[1]).name)] = parts[2]
    return result


def _is_git_ignored(path: Path) -> bool | None:
    """Whether git ignores ``path`` (None when git or the repository is not available)."""
    try:
        proc = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=REPO_ROOT, capture_output=True, check=False)
    except OSError:
        return None
    return {0: True, 1: False}.get(proc.returncode)


def copy_from_checkout(flavor: str, checkout: Path, folder: Path) -> list[str]:
    """Copy the known scripts of ``flavor`` from a local clone ``checkout``; return the names copied."""
    destination = folder / flavor / "utils"
    destination.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in SCRIPTS[flavor]:
        source = checkout / "utils" / name
        if source.is_file():
            shutil.copyfile(source, destination / name)
            copied.append(name)
    return copied


def report(folder: Path) -> bool:
    """Print which reference scripts are present; return True when every REQUIRED script is."""
    sources = _sources(folder)
    complete = True
    print(f"reference scripts in {folder}:")
    for flavor, names in SCRIPTS.items():
        for name in names:
            path = folder / flavor / "utils" / name
            if path.is_file():
                data = path.read_bytes()
                commit = sources.get((flavor, name), "commit unknown")
                digest = hashlib.sha256(data).hexdigest()[:12]
                print(f"  present  {f'{flavor}/utils/{name}':42} {len(data):7d} B  sha256 {digest}  {commit}")
            else:
                print(f"  MISSING  {flavor}/utils/{name}")
                complete &= name != REQUIRED
    if folder.exists() and _is_git_ignored(folder) is False:
        print(f"WARNING: {folder} is not git-ignored; its content must never be committed")
    return complete


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="reference folder (default: %(default)s)")
    parser.add_argument(
        "--from-checkout",
        nargs=2,
        metavar=("REPO", "CHECKOUT"),
        help="copy the scripts of REPO (transformers or diffusers) from a local clone CHECKOUT",
    )
    args = parser.parse_args(argv)
    if args.from_checkout:
        flavor, checkout = args.from_checkout
        if flavor not in SCRIPTS:
            parser.error(f"REPO must be one of {sorted(SCRIPTS)}")
        copied = copy_from_checkout(flavor, Path(checkout), args.dir)
        print(f"copied {len(copied)} script(s) from {checkout}: {', '.join(copied) or 'none'}")
    return 0 if report(args.dir) else 1


if __name__ == "__main__":
    sys.exit(main())
