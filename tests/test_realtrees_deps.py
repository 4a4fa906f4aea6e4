"""DEP on the released trees: transformers 5.23.0 and diffusers 0.42.1 give nothing, and for each seeded edit of
`setup.py`'s requirements or of the generated table, DEP001 is reported at the table and `--fix` writes the same
bytes as the command it replaces, `python setup.py deps_table_update`, run beside it on a second copy (the
released `setup.py`, run by the test, never by repo-lint; skipped, saying why, when it cannot run here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import run_cli
from tests.realtrees import fresh_copy, lint_json, tree_or_skip

pytestmark = pytest.mark.realtree

TABLE = "src/{library}/dependency_versions_table.py"


def _entry_lines(text: str, first: str) -> list[int]:
    """The numbers of the lines of `text` that start with `first`."""
    return [n for n, line in enumerate(text.splitlines(keepends=True)) if line.startswith(first)]


def _version_changed(text: str) -> str:  # numpy's requirement, whatever it says in this release
    start = text.index('    "numpy')
    return text[:start] + '    "numpy>=1.99,<9.0' + text[text.index('",', start) :]


def _requirement_added(text: str) -> str:
    return text.replace('    "Pillow', '    "pillow-heif>=0.1",\n    "Pillow', 1)


def _requirement_repeated(text: str) -> str:  # the name keeps its first place, with the last requirement
    start = text.index("_deps = [")
    end = text.index("\n]", start)
    return text[:end] + '\n    "numpy>=2.0",' + text[end:]


def _table_edited(text: str) -> str:
    lines = text.splitlines(keepends=True)
    first = _entry_lines(text, '    "')[0]
    lines[first] = lines[first].replace('": "', '": ">=1.0,', 1)
    return "".join(lines)


def _table_swapped(text: str) -> str:
    lines = text.splitlines(keepends=True)
    first = _entry_lines(text, '    "')[0]
    lines[first], lines[first + 1] = lines[first + 1], lines[first]
    return "".join(lines)


# edit -> (the file it edits, how)
EDITS = {
    "version-changed": ("setup.py", _version_changed),
    "requirement-added": ("setup.py", _requirement_added),
    "requirement-repeated": ("setup.py", _requirement_repeated),
    "table-edited-by-hand": (TABLE, _table_edited),
    "table-entries-swapped": (TABLE, _table_swapped),
}


def _run_setup_command(root) -> None:
    done = subprocess.run(
        [sys.executable, "setup.py", "-q", "deps_table_update"], cwd=root, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        pytest.skip(f"`python setup.py deps_table_update` cannot run here: {done.stderr.strip()[-300:]}")


@pytest.mark.parametrize("library", ["transformers", "diffusers"])
def test_the_released_tree_has_no_finding(library):
    assert lint_json(tree_or_skip(library), "--select", "DEP") == []


@pytest.mark.parametrize("name", list(EDITS))
@pytest.mark.parametrize("library", ["transformers", "diffusers"])
def test_an_edit_is_reported_and_fixed_as_the_setup_command_writes_the_table(tmp_path, library, name):
    released = tree_or_skip(library)
    path, edit = EDITS[name]
    path = path.format(library=library)
    table = TABLE.format(library=library)
    ours, theirs = (fresh_copy(released, tmp_path / side) for side in ("ours", "theirs"))
    for root in (ours, theirs):
        text = (root / path).read_text(encoding="utf-8")
        edited = edit(text)
        assert edited != text
        (root / path).write_text(edited, encoding="utf-8")
    findings = lint_json(ours, "--select", "DEP", "--no-cache")
    start = (ours / table).read_text(encoding="utf-8").splitlines().index("deps = {") + 1
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [("DEP001", table, start)]
    run_cli(ours, "check", "--select", "DEP", "--no-cache", "--fix")
    _run_setup_command(theirs)
    assert (ours / table).read_bytes() == (theirs / table).read_bytes()
    assert lint_json(ours, "--select", "DEP", "--no-cache") == []
