"""MOD002 in a git repository: a generated file edited by hand is reported at the edited line, for
`--changed-since` and for `--changed-files` (pre-commit); editing its modular file or a parent along with it
is a regeneration, not a finding. On the released transformers tree: every generated file's banner names an
existing modular file (MOD003), and a hand edit of `modeling_qwen2.py` is found at its line. `repo-lint graph`
draws the generated files and the modules their modular files import from."""

from __future__ import annotations

import json
import shutil

import pytest
from repo_lint.checks.modular.rules import FAMILY_FILES, GENERATED, MODULAR, PARENT

from tests.helpers import check_json, run_cli, write
from tests.realtrees import fresh_copy, tree_or_skip
from tests.scratch_git import git, isolated_git_env

CONFIG = '[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["MOD"]\n'


def committed(root, env, files):
    write(root, "pyproject.toml", CONFIG)
    for path, text in files.items():
        write(root, path, text)
    git(root, env, "init", "-q")
    git(root, env, "checkout", "-q", "-b", "main")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "start")
    return root


def mod002(findings):
    return [(f["path"], f["line"], f["data"]["modular"]) for f in findings if f["code"] == "MOD002"]


@pytest.fixture
def library(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("GIT NOT ON PATH: MOD002 against a commit is not tested")
    env = isolated_git_env(tmp_path)
    for key, value in env.items():  # the CLI runs in this process: its git reads the same settings
        monkeypatch.setenv(key, value)
    return committed(tmp_path / "repo", env, FAMILY_FILES), env


def test_a_hand_edit_is_reported_at_its_line(library):
    root, _ = library
    text = (root / GENERATED).read_text()
    (root / GENERATED).write_text(text.replace("    pass\n", "    hidden_size = 64\n"))
    _, since = check_json(root, "--changed-since", "main")
    _, staged = check_json(root, "--changed-files", GENERATED)
    assert mod002(since) == mod002(staged) == [(GENERATED, 4, MODULAR)]
    _, full = check_json(root)
    assert mod002(full) == []  # a full run has no changed set: MOD002 needs one


@pytest.mark.parametrize("also", [MODULAR, PARENT], ids=["modular", "parent"])
def test_a_regeneration_is_not_a_hand_edit(library, also):
    root, _ = library
    (root / GENERATED).write_text((root / GENERATED).read_text() + "\n\nEXTRA = 1\n")
    (root / also).write_text((root / also).read_text() + "\n\nEXTRA = 1\n")
    _, findings = check_json(root, "--changed-since", "main")
    assert mod002(findings) == []


def test_committed_hand_edit_on_a_branch(library):
    root, env = library
    git(root, env, "checkout", "-q", "-b", "feature")
    text = (root / GENERATED).read_text()
    (root / GENERATED).write_text(text.replace("class BertMLP", "class BertMLP2"))
    git(root, env, "commit", "-q", "-am", "edit the generated file")
    _, findings = check_json(root, "--changed-since", "main")
    assert mod002(findings) == [(GENERATED, 3, MODULAR)]


@pytest.mark.realtree
def test_transformers_banners_and_a_hand_edit(tmp_path, monkeypatch):
    tree = tree_or_skip("transformers")
    if shutil.which("git") is None:
        pytest.skip("GIT NOT ON PATH: MOD002 on the real tree is not tested")
    root = fresh_copy(tree, tmp_path / "transformers")
    _, clean = check_json(root, "--select", "MOD002,MOD003", "--no-cache")
    assert clean == []  # 667 banners, each naming an existing modular file
    env = isolated_git_env(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    git(root, env, "init", "-q")
    git(root, env, "checkout", "-q", "-b", "main")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "release")
    generated = "src/transformers/models/qwen2/modeling_qwen2.py"
    lines = (root / generated).read_text().split("\n")
    target = next(n for n, line in enumerate(lines) if line.startswith("class Qwen2MLP"))
    lines[target + 1] = lines[target + 1] + "  # edited by hand"
    (root / generated).write_text("\n".join(lines))
    _, findings = check_json(root, "--select", "MOD002,MOD003", "--no-cache", "--changed-since", "main")
    assert mod002(findings) == [(generated, target + 2, "src/transformers/models/qwen2/modular_qwen2.py")]
    parents = next(f["data"]["parents"] for f in findings if f["code"] == "MOD002")
    assert "src/transformers/models/llama/modeling_llama.py" in parents
    (root / "src/transformers/models/llama/modeling_llama.py").write_text(
        (root / "src/transformers/models/llama/modeling_llama.py").read_text() + "\n# a parent changed\n"
    )
    _, findings = check_json(root, "--select", "MOD002,MOD003", "--no-cache", "--changed-since", "main")
    assert mod002(findings) == []  # the parent changed: regenerating rewrites qwen2 legitimately
    modular = "src/transformers/models/qwen2/modular_qwen2.py"
    banner = f"This file was automatically generated from {modular}."
    generated_from_it = sorted(
        p.relative_to(root).as_posix() for p in (root / modular).parent.glob("*.py") if banner in p.read_text()
    )
    (root / modular).unlink()
    _, findings = check_json(root, "--select", "MOD002,MOD003", "--no-cache")
    assert sorted(f["path"] for f in findings if f["code"] == "MOD003") == generated_from_it
    assert generated_from_it  # modeling_qwen2.py at least


def test_graph_draws_generated_files_and_modular_parents(tmp_path):
    root = tmp_path / "repo"
    write(root, "pyproject.toml", CONFIG)
    for path, text in FAMILY_FILES.items():
        write(root, path, text)
    result = run_cli(root, "graph", "--output-format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    edges = {(e["kind"], e["copy"], e["source"]) for e in json.loads(result.stdout)["edges"] if "kind" in e}
    assert edges == {("generated", GENERATED, MODULAR), ("parent", MODULAR, PARENT)}
    text = run_cli(root, "graph", "--no-cache").stdout
    assert text.splitlines()[-1] == "3 objects, 0 copies, 1 generated from modular files, 0 drifted"
    assert f"<- {GENERATED}  (generated)" in text and f"<- {MODULAR}  (modular, imports it)" in text


def test_a_hand_edit_in_a_crlf_file_is_found_at_its_line(library):
    root, env = library
    crlf = (root / GENERATED).read_text().replace("\n", "\r\n")
    (root / GENERATED).write_bytes(crlf.encode())
    git(root, env, "commit", "-q", "-am", "CRLF line endings")
    (root / GENERATED).write_bytes(crlf.replace("    pass", "    hidden_size = 64").encode())
    _, findings = check_json(root, "--changed-files", GENERATED)
    assert mod002(findings) == [(GENERATED, 4, MODULAR)]
