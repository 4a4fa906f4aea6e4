"""Markers naming a package outside the repository: compared with the installed source, or CPY010.

Never skipped silently; the installed files are read (found without importing them), never written.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from repo_lint.checks.copies.external import find_installed_package, find_installed_source, search_path
from repo_lint.checks.copies.markers import parse_marker_line

from tests.helpers import SOURCE_A, check_json, make_repo, run_cli, write

PROSE = [
    "# Copied from https://github.com/google-research/language/blob/master/special_codepoints.py",
    "# Copied from PEFT: https://github.com/huggingface/peft/blob/main/src/peft/utils/integrations.py#L41",
    "# Copied from the original repo",
    "# Copied from GPT_OSS repo and vllm",
    "# Copied from transformers",
    "# Copied from transformers.models",  # a module with no object
    "# Copied from foo.bar.baz-qux",
]
MARKERS = [
    ("# Copied from transformers.models.bert.modeling_bert.BertPooler", "transformers"),
    ("# Copied from models.bart.modeling_bart.BartModel.forward different to other models", "models"),
    ("    # Copied from loss.loss_for_object_detection.ImageLoss.loss_boxes", "loss"),
]
INSTALLED_PACKAGE = "extlib"
INSTALLED_SOURCE = "class Pooler:\n    def forward(self, x):\n        return x[:, 0]\n"
COPY = (
    "# Copied from extlib.layers.Pooler with Pooler->MyPooler\n"
    "class MyPooler:\n"
    "    def forward(self, x):\n"
    "        return x[:, 1]\n"
)


@pytest.mark.parametrize("line", PROSE)
def test_prose_after_copied_from_is_not_a_marker(line):
    assert parse_marker_line(line, 0, ("mylib",), foreign=True) is None


@pytest.mark.parametrize(("line", "prefix"), MARKERS)
def test_a_dotted_identifier_path_is_a_foreign_marker(line, prefix):
    marker = parse_marker_line(line, 0, ("mylib",), foreign=True)
    assert marker is not None and marker.prefix == prefix
    assert parse_marker_line(line, 0, ("mylib",)) is None  # only when asked for foreign markers


def installed_tree(site: Path) -> Path:
    """A package `extlib` as an installed package would look (its folder on the search path)."""
    write(site, f"{INSTALLED_PACKAGE}/__init__.py", "raise SystemExit('imported!')\n")
    return write(site, f"{INSTALLED_PACKAGE}/layers.py", INSTALLED_SOURCE)


def run_with_path(root: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    """`repo-lint <args>` in `root` with `site` on PYTHONPATH, as an installed package would be."""
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_installed_package_is_found_without_importing_it(tmp_path):
    installed_tree(tmp_path / "site")
    package = find_installed_package(INSTALLED_PACKAGE, [str(tmp_path / "site")])
    assert package is not None and INSTALLED_PACKAGE not in sys.modules
    source = find_installed_source(package, "layers.Pooler")
    assert source is not None and source.names == ("Pooler",) and source.text == INSTALLED_SOURCE
    assert find_installed_source(package, "nothing.Here") is None


def test_search_path_leaves_out_the_repository(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "src").mkdir(parents=True)
    monkeypatch.chdir(repo)
    monkeypatch.setattr(sys, "path", ["", str(repo / "src"), str(tmp_path / "site")])
    assert search_path(repo) == [str(tmp_path / "site")]


def test_custom_model_repository_without_the_package_reports_cpy010(tmp_path):
    # The "Sharing custom models" layout: a package folder, no configuration, a marker into transformers.
    write(tmp_path, "mymodel/__init__.py", "")
    write(tmp_path, "mymodel/modeling_mymodel.py", COPY.replace("extlib.layers", "notinstalled.layers"))
    result = run_cli(tmp_path, "check", "--output-format", "concise")
    assert result.returncode == 1 and "All checks passed" not in result.stdout
    assert "CPY010" in result.stdout and "neither in this repository nor installed" in result.stdout


def test_installed_source_is_compared_and_only_the_copy_is_fixed(tmp_path):
    site = tmp_path / "site"
    source = installed_tree(site)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    repo = make_repo(tmp_path / "repo", {"src/mylib/b.py": COPY})
    result = run_with_path(repo, site, "check", "--output-format", "json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in findings] == [("CPY001", 4)]
    data = findings[0]["data"]
    assert "source_path" not in data  # the engine reads `source_path` as a repository path
    assert Path(data["installed_source"]).resolve() == source.resolve()

    fixed = run_with_path(repo, site, "check", "--fix")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "return x[:, 0]" in (repo / "src/mylib/b.py").read_text()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before


def test_installed_package_without_the_module_is_cpy002(tmp_path):
    installed_tree(tmp_path / "site")
    repo = make_repo(tmp_path / "repo", {"src/mylib/b.py": COPY.replace("extlib.layers", "extlib.nowhere")})
    result = run_with_path(repo, tmp_path / "site", "check", "--output-format", "concise")
    assert "CPY002" in result.stdout and "installed package `extlib`" in result.stdout


def test_typo_in_the_package_name_gets_a_hint(tmp_path):
    copy = "# Copied from mylibb.a.helper\ndef helper2(a, b):\n    return a * b\n"
    make_repo(tmp_path, {"src/mylib/b.py": copy})
    _, findings = check_json(tmp_path)
    assert [f["code"] for f in findings] == ["CPY010"]
    assert "did you mean `mylib.a.helper`?" in findings[0]["message"]
    assert "source_path" not in findings[0]["data"]


def test_package_in_the_repository_but_not_a_root_says_so(tmp_path):
    copy = "# Copied from other.a.helper\ndef helper2(a, b):\n    return a * b\n"
    make_repo(tmp_path, {"src/mylib/b.py": copy, "other/__init__.py": "", "other/a.py": SOURCE_A})
    _, findings = check_json(tmp_path)
    assert [f["code"] for f in findings] == ["CPY010"]
    assert "in this repository but not configured" in findings[0]["message"]


def test_cpy010_can_be_suppressed_on_the_marker_line(tmp_path):
    copy = "# Copied from nowhere_pkg.a.helper  # repo-lint: ignore[CPY010]\ndef helper2(a, b):\n    return a\n"
    make_repo(tmp_path, {"src/mylib/b.py": copy})
    _, findings = check_json(tmp_path)
    assert findings == []


def test_a_root_prefix_outside_its_root_keeps_its_scope(tmp_path):
    config = (
        '[tool.repo-lint]\npackage = "mylib"\nselect = ["CPY"]\n'
        '[tool.repo-lint.copies]\nroots = { mylib = "src/mylib", tests = "tests" }\n'
    )
    copy = "# Copied from tests.models.test_x.helper\ndef helper2(a, b):\n    return a\n"
    make_repo(tmp_path, {"src/mylib/b.py": copy}, config=config)
    _, findings = check_json(tmp_path)
    assert findings == []


def test_prose_markers_in_a_repository_are_not_findings(tmp_path):
    text = "\n".join(PROSE) + "\ndef helper2(a, b):\n    return a\n"
    make_repo(tmp_path, {"src/mylib/b.py": text})
    _, findings = check_json(tmp_path)
    assert findings == []


def test_an_empty_folder_is_a_clean_run(tmp_path):
    result = run_cli(tmp_path, "check", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pyproject.toml" not in result.stdout


def test_a_folder_without_package_or_markers_is_a_clean_run(tmp_path):
    write(tmp_path, "script.py", "x = 1\n")
    result = run_cli(tmp_path, "check", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr
