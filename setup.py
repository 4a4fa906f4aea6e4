"""Package discovery for setuptools (everything else is in pyproject.toml): the engine `repo_lint/` and the
top-level `checks/` folder, installed as `repo_lint.checks`. Every folder with an `__init__.py` below them is a
package, so a new check family is packaged without being listed anywhere."""

from pathlib import Path

from setuptools import setup

HERE = Path(__file__).parent


def packages_under(folder: str, name: str) -> list[str]:
    found = [name]
    for init in sorted((HERE / folder).rglob("__init__.py")):
        relative = init.parent.relative_to(HERE / folder)
        if relative.parts:
            found.append(".".join((name, *relative.parts)))
    return found


setup(
    packages=packages_under("repo_lint", "repo_lint") + packages_under("checks", "repo_lint.checks"),
    package_dir={"repo_lint": "repo_lint", "repo_lint.checks": "checks"},
)
