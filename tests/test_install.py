"""Both a wheel install (`pip install .`) and an editable install (`pip install -e .`) provide the
`repo-lint` command and the `repo_lint.checks` package mapped from the top-level `checks/` folder."""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

# Every package of the source tree imports from the install (setup.py finds them; none is listed by hand).
PROBE = (
    "import importlib, pkgutil, repo_lint, repo_lint.checks, repo_lint.checks.copies as c; "
    "[importlib.import_module(m.name) for m in pkgutil.walk_packages(repo_lint.__path__, 'repo_lint.') if m.ispkg]; "
    "print(repo_lint.checks.__file__); print(c.FAMILY, len(c.RULES)); "
    "print(len([m for m in pkgutil.walk_packages(repo_lint.__path__, 'repo_lint.') if m.ispkg]))"
)
SOURCE_PACKAGES = (
    len({p.parent for p in (ROOT / "repo_lint").rglob("__init__.py")})
    + len({p.parent for p in (ROOT / "checks").rglob("__init__.py")})
    - 1
)  # repo_lint itself is not listed by walk_packages


def make_venv(folder: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    return folder / ("Scripts" if os.name == "nt" else "bin")


def pip_install(bin_dir: Path, *args: str) -> None:
    result = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", *args], capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        if "Could not find a version" in result.stderr or "connection" in result.stderr.lower():
            pytest.skip(f"PACKAGE INDEX UNAVAILABLE, install not tested: {result.stderr[-500:]}")
        raise AssertionError(result.stderr)


def probe(bin_dir: Path, cwd: Path) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(bin_dir / "python"), "-c", PROBE], capture_output=True, text=True, cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    rules = subprocess.run([str(bin_dir / "repo-lint"), "rules"], capture_output=True, text=True, cwd=cwd, env=env)
    assert rules.returncode == 0, rules.stderr
    assert "CPY001" in rules.stdout
    fixture = subprocess.run(
        [str(bin_dir / "repo-lint"), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT / "fixtures" / "copies" / "clean",
        env=env,
    )
    assert fixture.returncode == 0, fixture.stdout + fixture.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("editable", [False, True], ids=["wheel", "editable"])
def test_install(tmp_path: Path, editable: bool):
    bin_dir = make_venv(tmp_path / "venv")
    pip_install(bin_dir, *(["-e", str(ROOT)] if editable else [str(ROOT)]))
    checks_file, summary, packages = probe(bin_dir, tmp_path)
    assert summary.startswith("CPY ")
    if editable:
        assert Path(checks_file).resolve() == (ROOT / "checks" / "__init__.py").resolve()
    else:
        assert Path(checks_file).resolve().is_relative_to((tmp_path / "venv").resolve())
        assert Path(checks_file).parent.name == "checks"
        assert Path(checks_file).parent.parent.name == "repo_lint"
        assert int(packages) == SOURCE_PACKAGES  # the wheel holds every package of the source tree
