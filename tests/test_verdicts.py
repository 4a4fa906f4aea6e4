"""Family verdicts kept between runs (`repo_lint.verdicts`): a run with the cache reports exactly what a run without
it reports, after every kind of edit, while a family whose reads did not change is not judged again."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from repo_lint.cache import _is_own_name
from repo_lint.config import load_config
from repo_lint.registry import check_sections
from repo_lint.repo_view import RepoView
from repo_lint.workspace import Workspace
from tests.helpers import check_json, run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REUSED = re.compile(r"(\d+) of (\d+) family verdicts reused")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and ".repo-lint-cache" not in p.parts)


def _touch(path: Path) -> None:
    """Make the next run see the file as changed even within the file system's time resolution."""
    later = time.time() + 2
    os.utime(path, (later, later))


def _rewrite(path: Path, pattern: str, new: str) -> bool:
    """Replace the first match of `pattern` (multiline) and make the change visible; whether there was one."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(pattern, new, text, count=1, flags=re.M)
    path.write_text(edited, encoding="utf-8")
    _touch(path)
    return edited != text


def _cached_and_fresh(root: Path, cache: list[str], after: str) -> list[dict]:
    """The findings of a run with the cache, asserted equal to those of a run without it."""
    _, cached = check_json(root, *cache)
    _, fresh = check_json(root, "--no-cache")
    assert cached == fresh, f"after: {after}"
    return cached


def _edits(root: Path) -> list[tuple[str, callable]]:
    """Edits of every kind a verdict must notice (or may ignore), on files spread over the repository."""
    python = [p for p in _files(root) if p.suffix == ".py" and p.name != "__init__.py"]
    others = [
        p for p in _files(root) if p.suffix in (".md", ".yml", ".yaml", ".toml", ".txt") and p.name != "pyproject.toml"
    ]
    inits = [p for p in _files(root) if p.name == "__init__.py"]
    picked = python[:: max(1, len(python) // 3)][:3]
    edits = []

    def append(path: Path, text: str):
        def edit():
            path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
            _touch(path)

        return edit

    def replace(path: Path, pattern: str, new: str):
        return lambda: _rewrite(path, pattern, new)

    for path in picked:
        rel = path.relative_to(root)
        edits.append((f"comment appended to {rel}", append(path, "\n# an edit\n")))
        edits.append((f"line inserted at the top of {rel}", replace(path, r"\A", "import os\n")))
        edits.append((f"first class renamed in {rel}", replace(path, r"^class (\w+)", r"class \1Renamed")))
    if picked:
        source = picked[0]
        edits.append(
            (f"copy of {source.name} added", lambda: shutil.copyfile(source, source.with_name("added_copy.py")))
        )
        edits.append((f"{picked[-1].name} deleted", lambda: picked[-1].unlink()))
        edits.append((f"syntax broken in {source.name}", append(source, "\ndef broken(:\n")))
    if len(picked) > 1:

        def undecodable():
            picked[1].write_bytes(picked[1].read_bytes() + b"\n# \xff\xfe not UTF-8\n")
            _touch(picked[1])

        edits.append((f"bytes that are not UTF-8 added to {picked[1].name}", undecodable))
    for path in inits[:1]:
        edits.append((f"export added to {path.relative_to(root)}", append(path, '\n__all__ = ["Added"]\n')))
    for path in others[:2]:
        edits.append((f"line appended to {path.relative_to(root)}", append(path, "\nadded line\n")))
    return edits


def _fixture_trees() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/broken") if (p / "pyproject.toml").is_file())


@pytest.mark.parametrize("fixture", _fixture_trees(), ids=lambda p: p.parent.name)
def test_a_run_with_verdicts_reports_what_a_run_without_the_cache_reports_after_every_edit(fixture, tmp_path):
    root = Path(shutil.copytree(fixture, tmp_path / "repo"))
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)  # fills the cache
    for what, edit in _edits(root):
        edit()
        _cached_and_fresh(root, cache, what)


def test_a_comment_in_a_file_whose_facts_alone_a_family_read_keeps_that_familys_verdict(tmp_path):
    root = Path(shutil.copytree(FIXTURES / "copies" / "broken", tmp_path / "repo"))
    cache = ["--cache-dir", str(tmp_path / "cache")]
    run_cli(root, "check", "-v", *cache)
    target = root / "src/transformers/models/bert/configuration_bert.py"  # no copy marker: CPY reads its facts only
    assert "Copied from" not in target.read_text(encoding="utf-8")
    target.write_text(target.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    _touch(target)
    second = run_cli(root, "check", "-v", *cache)
    reused, families = map(int, REUSED.search(second.stderr).groups())
    assert reused == families, second.stderr  # every family read only its facts (and prefilter answers)
    target.write_text(target.read_text(encoding="utf-8").replace("\n# an edit\n", "\nclass AddedByAnEdit:\n    pass\n"))
    _touch(target)
    third = run_cli(root, "check", "-v", *cache)
    fewer, _ = map(int, REUSED.search(third.stderr).groups())
    assert fewer < reused, third.stderr  # a new class: the families reading the class facts judge again too


def test_no_verdicts_without_a_cache_or_with_changed_files(tmp_path):
    root = Path(shutil.copytree(FIXTURES / "copies" / "broken", tmp_path / "repo"))
    assert not REUSED.search(run_cli(root, "check", "-v", "--no-cache").stderr)
    cache = tmp_path / "cache"
    run_cli(root, "check", "--cache-dir", str(cache))
    assert any(p.name.startswith("verdicts-") for p in cache.iterdir())
    assert all(_is_own_name(p.name) for p in cache.iterdir())
    changed = next(p for p in _files(root) if p.suffix == ".py").relative_to(root).as_posix()
    result = run_cli(root, "check", "-v", "--cache-dir", str(cache), "--changed-files", changed)
    assert not REUSED.search(result.stderr), result.stderr


def _view(root: Path) -> RepoView:
    (root / "pyproject.toml").write_text("[tool.repo-lint]\n", encoding="utf-8")
    config = load_config(root, None, check_sections())
    return RepoView(config, Workspace.open(root, []))


def test_what_a_memoised_value_read_counts_for_every_judge_that_uses_it(tmp_path):
    (tmp_path / "a.py").write_text("class A:\n    pass\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("x = 1\n", encoding="utf-8")
    repo = _view(tmp_path)

    def index():
        return repo.text("a.py")

    with repo.tracking() as first:
        repo.memo("index", index)
        repo.contains("b.py", "x")
    with repo.tracking() as second:
        repo.memo("index", index)  # computed by the first judge: the second depends on a.py too
    assert first.texts == second.texts == {"a.py"}
    assert first.answers == {("b.py", "x"): True} and second.answers == {}


def test_a_listed_files_existence_is_not_a_read_of_its_content(tmp_path):
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    repo = _view(tmp_path)
    with repo.tracking() as reads:
        assert repo.exists("a.py") and not repo.exists("missing.py")
    assert reads.texts == {"missing.py"}


def test_a_judge_that_depends_on_a_tool_that_could_not_run_keeps_no_verdict(tmp_path):
    repo = _view(tmp_path)
    with repo.tracking() as outer:
        with repo.tracking():
            repo.volatile()
    assert outer.volatile


REAL_EDITS = {
    "transformers": [
        ("src/transformers/models/albert/modeling_albert.py", r"\Z", "\n# an edit\n"),
        ("src/transformers/models/bert/modeling_bert.py", r"^class BertModel\(", "class BertModelRenamed("),
        (
            "src/transformers/models/roberta/modeling_roberta.py",
            r"^(\s+)return hidden_states$",
            r"\1return hidden_states  # drift",
        ),
        (
            "src/transformers/models/auto/modeling_auto.py",
            r'^(\s+)\("bert", "BertModel"\),',
            r'\1("bert", "BertModelMissing"),',
        ),
        ("src/transformers/models/gpt2/__init__.py", r"\A", "import os\n"),
    ],
    "diffusers": [
        ("src/diffusers/models/unets/unet_2d_condition.py", r"\Z", "\n# an edit\n"),
        ("src/diffusers/schedulers/scheduling_ddim.py", r"^class DDIMScheduler\(", "class DDIMSchedulerRenamed("),
        (
            "src/diffusers/pipelines/stable_diffusion/pipeline_stable_diffusion.py",
            r'^(\s+)"""\n',
            r'\1"""\n\1# an edit\n',
        ),
    ],
}


@pytest.mark.realtree
@pytest.mark.parametrize("name", sorted(REAL_EDITS))
def test_on_a_real_tree_a_run_with_verdicts_reports_what_a_run_without_the_cache_reports(name, tmp_path):
    from tests.realtrees import fresh_copy, tree_or_skip

    root = fresh_copy(tree_or_skip(name), tmp_path / name)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)
    for path, pattern, new in REAL_EDITS[name]:
        assert _rewrite(root / path, pattern, new), f"{pattern!r} not in {path}"
        _cached_and_fresh(root, cache, f"editing {path}")


def test_a_file_replaced_by_a_link_to_a_copy_outside_the_root_is_seen_by_a_cached_run(tmp_path):
    """The copy keeps size and mtime: only the link itself says that the file changed (RL005)."""
    root = Path(shutil.copytree(FIXTURES / "copies" / "broken", tmp_path / "repo"))
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)
    outside = tmp_path / "outside"
    outside.mkdir()
    for rel in ("src/transformers/models/bert/modeling_bert.py", "src/transformers/__init__.py"):
        copy = outside / rel.replace("/", "__")
        shutil.copy2(root / rel, copy)  # same bytes, same mtime
        (root / rel).unlink()
        (root / rel).symlink_to(copy)
    cached = _cached_and_fresh(root, cache, "two files replaced by links")
    assert {f["path"] for f in cached if f["code"] == "RL005"} == {
        "src/transformers/models/bert/modeling_bert.py",
        "src/transformers/__init__.py",
    }
