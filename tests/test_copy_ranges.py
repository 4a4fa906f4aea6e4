"""Every CPY finding's range ends at or after where it starts, on real copies mutated at random.

A difference on the last line of a copy (or past it, when the source is longer) once gave a CPY001
whose end (`end_line`, `end_column` = 1) came before its start (the line's indentation).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repo_lint.config import load_config
from repo_lint.engine import RunRequest, run
from repo_lint.registry import check_sections
from tests.helpers import make_repo
from tests.realtrees import TreeUnavailable, fetch_tree

CONFIG = '[tool.repo-lint]\npackage = "diffusers"\nselect = ["CPY"]\n[tool.repo-lint.copies]\nflavor = "diffusers"\n'
MARKER = re.compile(r"#\s*Copied from diffusers\.(\S+)")
FILES = 40  # real files with markers the examples draw from


def ranges_are_ordered(root: Path) -> list[tuple]:
    """(code, line, column, end_line, end_column) of every finding whose range ends before it starts."""
    config = load_config(root, None, check_sections())
    result = run(config, RunRequest())
    return [
        (d.code, d.path, d.line, d.column, d.end_line, d.end_column)
        for d in result.diagnostics
        if (d.end_line, d.end_column) < (d.line, d.column)
    ]


def test_a_difference_on_the_last_line_of_a_copy_ends_after_it_starts(tmp_path):
    copy = textwrap.dedent("""\
        class K:
            # Copied from mylib.a.helper
            def helper(a, b):
                return a - b
        """)
    make_repo(tmp_path, {"src/mylib/b.py": copy})
    config = load_config(tmp_path, None, check_sections())
    [finding] = run(config, RunRequest()).diagnostics
    assert (finding.code, finding.line, finding.column) == ("CPY001", 4, 9)
    assert (finding.end_line, finding.end_column) == (4, len("        return a - b") + 1)


class RealCopies(list):
    """The picked files; shown by name only when hypothesis reports a falsifying example."""

    def __repr__(self) -> str:
        return f"RealCopies({[path for path, _ in self]})"


@pytest.fixture(scope="module")
def real_copies() -> RealCopies:
    """(copy file, {path: bytes} of it and the source modules its markers name) from diffusers."""
    try:
        tree = fetch_tree("diffusers")
    except TreeUnavailable as error:
        pytest.skip(f"REAL TREE UNAVAILABLE, diffusers not checked: {error}")
    package = tree / "src/diffusers"
    picked = RealCopies()
    for path in sorted(package.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        targets = MARKER.findall(text)
        if not targets:
            continue
        files = {path.relative_to(tree).as_posix(): path.read_bytes()}
        for target in targets:
            parts = target.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                module = package.joinpath(*parts[:cut]).with_suffix(".py")
                if module.is_file():
                    files[module.relative_to(tree).as_posix()] = module.read_bytes()
                    break
        if len(files) <= 4:  # small repositories keep each example quick
            picked.append((path.relative_to(tree).as_posix(), files))
        if len(picked) == FILES:
            break
    return picked


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "indent", "dedent", "blank", "pass", "truncate", "strip"]),
        st.floats(min_value=0, max_value=1, exclude_max=True),
    ),
    min_size=1,
    max_size=4,
)


def mutate(text: str, mutations: list[tuple[str, float]]) -> str:
    lines = text.split("\n")
    for kind, where in mutations:
        if not lines:
            break
        index = int(where * len(lines))
        line = lines[index]
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, line)
        elif kind == "indent":
            lines[index] = "    " + line
        elif kind == "dedent":
            lines[index] = line[4:] if line.startswith("    ") else line.lstrip()
        elif kind == "blank":
            lines.insert(index, " " * (len(line) - len(line.lstrip())))
        elif kind == "pass":
            lines[index] = line[: len(line) - len(line.lstrip())] + "pass"
        elif kind == "truncate":
            lines = lines[: index + 1]
        elif kind == "strip":
            lines[index] = line.rstrip() + "  "
    return "\n".join(lines)


@pytest.mark.realtree
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(choice=st.integers(min_value=0), mutations=MUTATIONS)
def test_mutated_real_copies_have_ordered_ranges(real_copies, choice, mutations):
    copy_path, files = real_copies[choice % len(real_copies)]
    root = Path(tempfile.mkdtemp(prefix="cpy-ranges-"))
    try:
        (root / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
        (root / "src/diffusers").mkdir(parents=True)
        (root / "src/diffusers/__init__.py").write_text("", encoding="utf-8")
        for path, content in files.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(content)
        copy = root / copy_path
        copy.write_text(mutate(copy.read_text(encoding="utf-8"), mutations), encoding="utf-8")
        assert ranges_are_ordered(root) == []
    finally:
        shutil.rmtree(root, ignore_errors=True)
