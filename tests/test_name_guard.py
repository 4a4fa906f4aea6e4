"""A fix never leaves a name undefined: it adds the import its source uses, or the file is not written.

Each repository holds a source module `mylib/models/clip/modeling_clip.py` whose `ClipAttention` uses a name
the copy's module (`mylib/models/idefics/modeling_idefics.py`) does not bind; the copy has drifted, so
`--fix` rewrites it to use that name.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from repo_lint.name_guard import (
    NeededImport,
    _PackageDirs,
    add_imports,
    guard,
    module_bindings,
    resolve_imports,
    undefined_names,
)
from tests.helpers import check, make_repo, ruff_undefined_names, snapshot, write

SOURCE = "src/mylib/models/clip/modeling_clip.py"
COPY = "src/mylib/models/idefics/modeling_idefics.py"
PACKAGES = ["src/mylib/models/__init__.py", "src/mylib/models/clip/__init__.py", "src/mylib/models/idefics/__init__.py"]
CONFIGURATION = "src/mylib/models/clip/configuration_clip.py"


def source_module(header: str, annotation: str) -> str:
    return header + textwrap.dedent(f"""\


        class ClipAttention:
            def __init__(self, config: {annotation}):
                self.config = config
        """)


def copy_module(header: str = "") -> str:
    """The copy: drifted (no annotation), so the fix writes the source's annotation into it."""
    body = textwrap.dedent("""\


        # Copied from mylib.models.clip.modeling_clip.ClipAttention
        class IdeficsAttention:
            def __init__(self, config):
                self.config = config
        """)
    return header + body if header else body.lstrip("\n")


def repo(tmp_path: Path, source: str, copy: str, extra: dict[str, str] | None = None) -> Path:
    files = {path: "" for path in PACKAGES}
    files[CONFIGURATION] = "class ClipConfig:\n    pass\n\n\nclass OtherConfig:\n    pass\n"
    files.update({SOURCE: source, COPY: copy, **(extra or {})})
    return make_repo(tmp_path, files)


def fix_and_read(root: Path) -> str:
    result = check(root, "--fix")
    assert result.returncode == 0, result.stdout + result.stderr
    text = (root / COPY).read_text()
    assert "config: " in text  # the fix was written
    assert not ruff_undefined_names(root, [COPY])[COPY]
    assert check(root, "--fix").returncode == 0 and (root / COPY).read_text() == text  # settled
    return text


# -- the fix adds the import ----------------------------------------------------------------------------


def test_relative_import_is_translated_to_the_copy_location(tmp_path):
    root = repo(
        tmp_path,
        source_module("from .configuration_clip import ClipConfig\n", "ClipConfig"),
        copy_module("from ...utils import nothing\n"),
        {"src/mylib/utils.py": "nothing = None\n"},
    )
    text = fix_and_read(root)
    assert text.startswith("from ...utils import nothing\nfrom ..clip.configuration_clip import ClipConfig\n\n")


def test_absolute_import_is_kept_absolute(tmp_path):
    header = "from mylib.models.clip.configuration_clip import ClipConfig\n"
    root = repo(tmp_path, source_module(header, "ClipConfig"), copy_module("import os\n"))
    text = fix_and_read(root)
    assert text.startswith("import os\n" + header + "\n")


def test_aliases_are_kept(tmp_path):
    header = "import collections.abc as cabc\n\nfrom .configuration_clip import ClipConfig as Cfg\n"
    root = repo(tmp_path, source_module(header, "Cfg | cabc.Sequence"), copy_module())
    text = fix_and_read(root)
    assert "import collections.abc as cabc\n" in text
    assert "from ..clip.configuration_clip import ClipConfig as Cfg\n" in text


def test_a_name_defined_in_the_source_module_is_imported_from_it(tmp_path):
    header = "class LocalConfig:\n    pass\n\n\nDEFAULT = LocalConfig\n"
    root = repo(tmp_path, source_module(header, "DEFAULT"), copy_module())
    text = fix_and_read(root)
    assert text.startswith("from ..clip.modeling_clip import DEFAULT\n\n\n# Copied from")


def test_a_second_name_joins_the_existing_import_of_that_module(tmp_path):
    root = repo(
        tmp_path,
        source_module("from .configuration_clip import ClipConfig, OtherConfig\n", "ClipConfig | OtherConfig"),
        copy_module("from ..clip.configuration_clip import OtherConfig\n\nx = OtherConfig\n"),
    )
    text = fix_and_read(root)
    assert text.startswith("from ..clip.configuration_clip import ClipConfig, OtherConfig\n\nx = OtherConfig\n")


def test_a_string_annotation_under_future_annotations_is_checked_too(tmp_path):
    header = "from __future__ import annotations\n\nfrom .configuration_clip import ClipConfig\n"
    root = repo(tmp_path, source_module(header, '"ClipConfig"'), copy_module("from __future__ import annotations\n"))
    text = fix_and_read(root)
    assert text.startswith("from __future__ import annotations\nfrom ..clip.configuration_clip import ClipConfig\n")


def test_a_type_checking_import_goes_into_the_copy_type_checking_block(tmp_path):
    header = "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .configuration_clip import ClipConfig\n"
    root = repo(
        tmp_path,
        source_module(header, '"ClipConfig"'),
        copy_module("from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import os\n"),
    )
    text = fix_and_read(root)
    assert "if TYPE_CHECKING:\n    import os\n    from ..clip.configuration_clip import ClipConfig\n" in text


def test_diff_shows_the_added_import_and_writes_nothing(tmp_path):
    root = repo(tmp_path, source_module("from .configuration_clip import ClipConfig\n", "ClipConfig"), copy_module())
    before = snapshot(root)
    result = check(root, "--diff")
    assert result.returncode == 1
    assert "+from ..clip.configuration_clip import ClipConfig\n" in result.stdout
    assert "+    def __init__(self, config: ClipConfig):\n" in result.stdout
    assert snapshot(root) == before


# -- no import can be found: the file is not written --------------------------------------------------


@pytest.mark.parametrize(
    "header, annotation, names",
    [
        ("", "MissingConfig", "`MissingConfig`"),  # bound nowhere
        ("if is_available():\n    from .configuration_clip import ClipConfig\n", "ClipConfig", "`ClipConfig`"),
        (
            "from .configuration_clip import ClipConfig\n",
            "ClipConfig | Unknown",
            "`Unknown`",
        ),  # the one without an import
    ],
)
def test_a_name_without_an_import_keeps_the_file_unwritten(tmp_path, header, annotation, names):
    root = repo(tmp_path, source_module(header, annotation), copy_module())
    before = (root / COPY).read_bytes()
    result = check(root, "--fix")
    assert result.returncode == 1
    assert (
        f"repo-lint: {COPY}: fix not written: it would leave {names} undefined (no import for them found in {SOURCE})"
    ) in result.stderr
    assert f"{COPY}:3:5: CPY001" in result.stdout  # the drift is still reported
    assert (root / COPY).read_bytes() == before


def test_a_type_checking_import_without_a_block_in_the_copy_is_refused(tmp_path):
    header = "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from .configuration_clip import ClipConfig\n"
    root = repo(tmp_path, source_module(header, '"ClipConfig"'), copy_module())
    before = (root / COPY).read_bytes()
    result = check(root, "--fix")
    assert result.returncode == 1 and "fix not written: it would leave `ClipConfig` undefined" in result.stderr
    assert (root / COPY).read_bytes() == before


def test_diff_leaves_out_a_refused_file(tmp_path):
    root = repo(tmp_path, source_module("", "MissingConfig"), copy_module())
    result = check(root, "--diff")
    assert COPY not in result.stdout and "fix not written" in result.stderr


# -- the pieces -----------------------------------------------------------------------------------------


def test_undefined_names_counts_each_use():
    found = undefined_names({("a", "x/__init__.py"): "a = b + b\n", ("b", "y/m.py"): "import os\nos\n"})
    assert found[("a", "x/__init__.py")] == {"b": 2}
    assert found[("b", "y/m.py")] == {}


def test_a_name_already_undefined_as_often_before_is_not_new(tmp_path):
    changes = {"m.py": ("x = missing\n\n\ny = 1\n", "x = 1\n\n\ny = missing\n")}
    result = guard(tmp_path, changes, {}, lambda path: None)
    assert result.refused == {} and result.texts == {"m.py": changes["m.py"][1]}


def test_only_python_changes_are_checked(tmp_path):
    result = guard(tmp_path, {"docs/a.md": ("a", "`undefined`")}, {}, lambda path: None)
    assert result.texts == {} and result.refused == {}


def test_module_bindings_leave_out_conditional_ones():
    bound = module_bindings(
        textwrap.dedent("""\
        import a.b
        from .c import D as E
        if TYPE_CHECKING:
            from .f import G
        if other():
            from .h import I
        try:
            import j
        except ImportError:
            pass
        K: int = 1
        L, M = 1, 2
        """)
    )
    assert set(bound) == {"a", "E", "G", "K"}
    assert bound["a"].module == "a.b" and bound["E"].name == "D" and bound["G"].type_checking


@pytest.mark.parametrize(
    "source, statement, target, expected",
    [
        # up two levels from the source, then back down from the target
        ("src/lib/models/a/m.py", "from ...utils import X", "src/lib/models/b/n.py", "from ...utils import X"),
        ("src/lib/models/a/m.py", "from . import X", "src/lib/models/b/n.py", "from ..a import X"),
        ("src/lib/models/a/m.py", "from .cfg import X", "src/lib/n.py", "from .models.a.cfg import X"),
        ("src/lib/models/a/m.py", "from .cfg import X", "src/lib/models/a/deep/n.py", "from ..cfg import X"),
        # outside the package: the absolute module name
        ("src/lib/models/a/m.py", "from .cfg import X", "tests/test_n.py", "from lib.models.a.cfg import X"),
        ("src/lib/models/a/m.py", "X = 1", "tests/test_n.py", "from lib.models.a.m import X"),
        ("src/lib/models/a/__init__.py", "X = 1", "src/lib/models/b/n.py", "from ..a import X"),
    ],
)
def test_imports_are_translated_between_locations(tmp_path, source, statement, target, expected):
    for folder in ("src/lib", "src/lib/models", "src/lib/models/a", "src/lib/models/a/deep", "src/lib/models/b"):
        write(tmp_path, f"{folder}/__init__.py", "")
    needed, unknown = resolve_imports(target, {"X"}, [source], {source: statement + "\n"}.get, _PackageDirs(tmp_path))
    assert unknown == set() and [n.statement() for n in needed] == [expected]


def test_add_imports_keeps_the_relative_imports_in_isort_order():
    text = "from ...a import B\nfrom ..z import C\nfrom .y import D\n\n\nclass E:\n    pass\n"
    added = add_imports(text, [NeededImport("m", 2, "X")])
    assert added == text.replace("from ..z", "from ..m import X\nfrom ..z")


def test_a_run_without_fixes_loads_neither_the_guard_nor_libcst():
    code = "import sys, repo_lint.engine; print(sorted(m for m in sys.modules if 'libcst' in m or 'name_guard' in m))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_ruff_no_changed_python_file_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr("repo_lint.name_guard.find_ruff", lambda: str(tmp_path / "no-ruff-here"))
    result = guard(tmp_path, {"m.py": ("x = 1\n", "x = 2\n"), "a.md": ("a", "b")}, {}, lambda path: None)
    assert result.texts == {} and list(result.refused) == ["m.py"]
    assert result.refused["m.py"].reason().startswith("names the fix uses could not be checked")


def test_a_lone_surrogate_in_a_changed_text_is_checked_not_raised():
    found = undefined_names({("new", "m.py"): "s = '\udcff'\nprint(t)\n"})
    assert found[("new", "m.py")] == {"t": 1}
