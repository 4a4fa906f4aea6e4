"""The `repo-lint` command line run in a subprocess on tiny repositories: config, exit codes, formats."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from repo_lint import __version__
from tests.helpers import (
    DRIFT_LINE,
    DRIFTED_COPY,
    GOOD_COPY,
    SOURCE_A,
    THREE_LINE_CONFIG,
    check,
    check_json,
    codes_at,
    drifted_helper,
    make_repo,
    run_cli,
    snapshot,
    write,
)

# ------------------------------------------------------------------------------------- exit codes


def test_clean_repo_exits_0(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": GOOD_COPY})
    result = check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "CPY" not in result.stdout


def test_drift_exits_1_and_names_file_line_code(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result = check(tmp_path)
    assert result.returncode == 1
    assert re.search(rf"^src/mylib/b\.py:{DRIFT_LINE}:\d+: CPY001 ", result.stdout, re.M), result.stdout


def test_copy_may_rename_only_its_own_name(tmp_path):
    # Renaming anything but the copy's own name on its header line is a drift.
    renamed_inside = GOOD_COPY.replace("self.x = x", "self.y = x")
    make_repo(tmp_path, {"src/mylib/b.py": renamed_inside})
    result = check(tmp_path)
    assert result.returncode == 1
    assert re.search(r"^src/mylib/b\.py:4:\d+: CPY001 ", result.stdout, re.M), result.stdout


_SUPPORT = '[tool.repo-lint]\npackage = "mylib"\n\n[tool.repo-lint.toc.support-lists.'


@pytest.mark.parametrize(
    ("config", "key"),
    [
        ('[tool.repo-lint]\npackage = "mylib"\nbogus-key = 1\n', "bogus-key"),
        ('[tool.repo-lint]\npackage = "mylib"\n\n[tool.repo-lint.copies]\nwrong-option = true\n', "wrong-option"),
        ("[tool.repo-lint]\npackage = 3\n", "package"),
        ('[tool.repo-lint]\npackage = "mylib"\nselect = "CPY"\n', "select"),
        ('[tool.repo-lint]\npackage = "mylib"\n\n[tool.repo-lint.copies]\nfull-copies = ["a.py"]\n', "full-copies"),
        (f'{_SUPPORT}"docs/a.md"]\nsource = "src/mylib/b.py"\nnamed = ["*"]\n', "unknown key `named`"),
        (f'{_SUPPORT}"docs/a.md"]\nsource = 3\n', "docs/a.md.source"),
        (f'{_SUPPORT}"docs/a.md"]\nsource = "../outside.py"\n', "leaves the repository"),
        (f'{_SUPPORT}"../a.md"]\nsource = "src/mylib/b.py"\n', "leaves the repository"),
    ],
    ids=[
        "unknown-top",
        "unknown-copies",
        "wrong-type-str",
        "wrong-type-list",
        "wrong-type-dict",
        "table-unknown-field",
        "table-wrong-type",
        "table-source-outside",
        "table-key-outside",
    ],
)
def test_bad_config_exits_2_naming_the_key(tmp_path, config, key):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY}, config=config)
    result = check(tmp_path)
    assert result.returncode == 2
    assert key in result.stderr
    assert result.stdout == ""


def test_invalid_toml_exits_2(tmp_path):
    make_repo(tmp_path, config='[tool.repo-lint]\npackage = "mylib\n')
    result = check(tmp_path)
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code_on_command_line_exits_2(tmp_path, option):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result = check(tmp_path, option, "NOPE123")
    assert result.returncode == 2
    assert "NOPE123" in result.stderr


def test_select_and_ignore_filter_codes(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    assert check(tmp_path, "--ignore", "CPY001").returncode == 0
    assert check(tmp_path, "--select", "CPY002").returncode == 0
    assert check(tmp_path, "--select", "CPY001").returncode == 1


# ------------------------------------------------------------------------ configuration discovery


def test_three_line_config_works_for_a_plain_library(tmp_path):
    make_repo(
        tmp_path,
        {
            "src/mylib/b.py": DRIFTED_COPY,
            "src/mylib/sub/__init__.py": "",
            "src/mylib/sub/c.py": drifted_helper("helper3"),
        },
    )
    assert (tmp_path / "pyproject.toml").read_text() == THREE_LINE_CONFIG
    result, findings = check_json(tmp_path)
    assert result.returncode == 1
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", DRIFT_LINE), ("CPY001", "src/mylib/sub/c.py", 3)]


def test_config_found_from_a_subfolder(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result = run_cli(tmp_path / "src" / "mylib", "check", "--output-format", "json")
    assert result.returncode == 1
    assert [f["path"] for f in json.loads(result.stdout)] == ["src/mylib/b.py"]


def test_explicit_config_file(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY}, config=None)
    write(tmp_path, "lint.toml", THREE_LINE_CONFIG)
    result = check(tmp_path, "--config", "lint.toml")
    assert result.returncode == 1
    assert "CPY001" in result.stdout
    missing = check(tmp_path, "--config", "missing.toml")
    assert missing.returncode == 2
    assert "missing.toml" in missing.stderr


def test_no_config_finds_the_package_under_src(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY}, config=None)
    result = check(tmp_path)
    assert result.returncode == 1
    assert "src/mylib/b.py" in result.stdout
    assert "mylib" in result.stderr  # says what it checked
    assert "Traceback" not in result.stderr


def test_no_config_clean_library_exits_0(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": GOOD_COPY}, config=None)
    assert check(tmp_path).returncode == 0


def test_no_config_detects_transformers_layout_and_says_which_preset(tmp_path):
    make_repo(tmp_path, config=None, package="transformers")
    write(tmp_path, "src/transformers/a.py", SOURCE_A)
    write(tmp_path, "src/transformers/b.py", DRIFTED_COPY.replace("mylib.", "transformers."))
    result = check(tmp_path)
    assert result.returncode == 1
    assert "src/transformers/b.py" in result.stdout
    assert "transformers" in result.stderr and "preset" in result.stderr
    quiet = check(tmp_path, "-q")
    assert "preset" not in quiet.stderr


def test_no_config_clean_transformers_layout_exits_0_with_note(tmp_path):
    make_repo(tmp_path, config=None, package="transformers")
    result = check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "transformers" in result.stderr


# --------------------------------------------------------------------------------- output formats


def test_json_schema(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result, findings = check_json(tmp_path)
    assert result.returncode == 1
    assert len(findings) == 1
    item = findings[0]
    assert set(item) >= {"code", "path", "line", "column", "end_line", "end_column", "message", "fixable", "data"}
    assert item["code"] == "CPY001"
    assert item["path"] == "src/mylib/b.py"
    assert item["line"] == DRIFT_LINE
    assert item["column"] == 9  # first non-blank character of the differing line
    assert isinstance(item["end_line"], int) and item["end_line"] >= item["line"]
    assert isinstance(item["end_column"], int)
    assert item["fixable"] is True
    assert isinstance(item["message"], str) and item["message"]
    data = item["data"]
    assert data["target"].endswith("a.Foo")
    assert data["source_path"] == "src/mylib/a.py"
    assert data["source_line"] == 1


def test_json_clean_is_empty_list(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": GOOD_COPY})
    result, findings = check_json(tmp_path)
    assert result.returncode == 0
    assert findings == []


def test_github_format(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result = run_cli(tmp_path, "check", "--output-format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    match = re.match(r"^::error (?P<props>[^:]*)::(?P<message>.+)$", lines[0])
    assert match, lines[0]
    props = dict(p.split("=", 1) for p in match.group("props").split(","))
    assert props["file"] == "src/mylib/b.py"
    assert props["line"] == str(DRIFT_LINE)
    assert props["title"] == "CPY001"
    assert "col" in props


def test_sarif_format(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result = run_cli(tmp_path, "check", "--output-format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "repo-lint"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CPY001"]
    (found,) = run["results"]
    assert found["ruleId"] == "CPY001"
    location = found["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "src/mylib/b.py"
    assert location["region"]["startLine"] == DRIFT_LINE


def test_junit_format(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/c.py": drifted_helper("h3")})
    result = run_cli(tmp_path, "check", "--output-format", "junit")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    failures = root.findall(".//failure")
    assert sorted(f.get("type") for f in failures) == ["CPY001", "CPY001"]
    assert sorted(case.get("classname") for case in root.iter("testcase")) == ["src/mylib/b.py", "src/mylib/c.py"]


def test_junit_clean_parses(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": GOOD_COPY})
    result = run_cli(tmp_path, "check", "--output-format", "junit")
    assert result.returncode == 0
    assert ET.fromstring(result.stdout.encode("utf-8")).findall(".//failure") == []


def test_statistics(tmp_path):
    make_repo(
        tmp_path,
        {
            "src/mylib/b.py": DRIFTED_COPY,
            "src/mylib/c.py": drifted_helper("h3"),
            "src/mylib/d.py": "# Copied from mylib.a.Missing\ndef m():\n    pass\n",
        },
    )
    result = check(tmp_path, "--statistics")
    assert result.returncode == 1
    rows = {m.group(2): int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s+(CPY\d{3})\b", result.stdout, re.M)}
    assert rows == {"CPY001": 2, "CPY002": 1}
    assert "src/mylib/b.py" not in result.stdout  # counts instead of findings
    stats_json = run_cli(tmp_path, "check", "--statistics", "--output-format", "json")
    assert {r["code"]: r["count"] for r in json.loads(stats_json.stdout)} == {"CPY001": 2, "CPY002": 1}


def test_exit_zero(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    result = check(tmp_path, "--exit-zero")
    assert result.returncode == 0
    assert "CPY001" in result.stdout


# ------------------------------------------------------------------------------------ diff and fix


def test_diff_prints_unified_diff_writes_nothing(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    before = snapshot(tmp_path)
    result = check(tmp_path, "--diff")
    assert result.returncode == 1
    assert "--- a/src/mylib/b.py" in result.stdout
    assert "+++ b/src/mylib/b.py" in result.stdout
    assert "-        return self.x - y" in result.stdout
    assert "+        return self.x + y" in result.stdout
    assert re.search(r"^@@ -\d+,\d+ \+\d+,\d+ @@", result.stdout, re.M)
    assert snapshot(tmp_path) == before


def test_diff_on_clean_repo_exits_0_prints_nothing(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": GOOD_COPY})
    result = check(tmp_path, "--diff")
    assert result.returncode == 0
    assert result.stdout == ""


def test_fix_then_fix_again_is_idempotent(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/c.py": drifted_helper("h3")})
    first = check(tmp_path, "--fix")
    assert first.returncode == 0, first.stdout + first.stderr
    assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY
    assert (tmp_path / "src/mylib/c.py").read_text() == drifted_helper("h3").replace("a - b", "a * b")
    after_first = snapshot(tmp_path)
    second = check(tmp_path, "--fix")
    assert second.returncode == 0
    assert snapshot(tmp_path) == after_first
    assert check(tmp_path).returncode == 0


def test_fix_copy_of_a_copy_reaches_fixed_point_in_one_run(tmp_path):
    chained = "# Copied from mylib.b.helper2\ndef helper9(a, b):\n    return a + b + 1\n"
    make_repo(
        tmp_path, {"src/mylib/b.py": DRIFTED_COPY.replace("return a * b", "return a ** b"), "src/mylib/c.py": chained}
    )
    assert check(tmp_path, "--fix").returncode == 0
    assert (tmp_path / "src/mylib/c.py").read_text().endswith("    return a * b\n")
    assert check(tmp_path).returncode == 0


def test_fix_leaves_unfixable_findings_and_exits_1(tmp_path):
    make_repo(
        tmp_path,
        {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/d.py": "# Copied from mylib.a.Missing\ndef m():\n    pass\n"},
    )
    result = check(tmp_path, "--fix")
    assert result.returncode == 1
    assert "CPY002" in result.stdout and "CPY001" not in result.stdout
    assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY


# ------------------------------------------------------------------------------------------ PATHS


def test_paths_limit_reporting(tmp_path):
    make_repo(
        tmp_path,
        {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/sub/__init__.py": "", "src/mylib/sub/c.py": drifted_helper("h3")},
    )
    _, only_file = check_json(tmp_path, "src/mylib/b.py")
    assert [f["path"] for f in only_file] == ["src/mylib/b.py"]
    _, only_dir = check_json(tmp_path, "src/mylib/sub")
    assert [f["path"] for f in only_dir] == ["src/mylib/sub/c.py"]
    _, source_only = check_json(tmp_path, "src/mylib/a.py")  # the source is read but has no finding
    assert source_only == []
    _, everything = check_json(tmp_path, ".")
    assert len(everything) == 2


def test_paths_limit_fix(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/c.py": drifted_helper("h3")})
    result = check(tmp_path, "--fix", "src/mylib/b.py")
    assert result.returncode == 0
    assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY
    assert (tmp_path / "src/mylib/c.py").read_text() == drifted_helper("h3")


def test_path_outside_repository_exits_2(tmp_path):
    make_repo(tmp_path / "repo", {"src/mylib/b.py": DRIFTED_COPY})
    write(tmp_path, "elsewhere.py", "x = 1\n")
    result = check(tmp_path / "repo", str(tmp_path / "elsewhere.py"))
    assert result.returncode == 2


# ---------------------------------------------------------------------- rules, explain, version


def test_rules_lists_codes(tmp_path):
    result = run_cli(tmp_path, "rules")
    assert result.returncode == 0
    codes = re.findall(r"^(\w+\d{3})\b", result.stdout, re.M)
    for code in ("CPY001", "CPY002", "CPY003", "CPY004", "CPY005", "RL001", "RL002", "RL003"):
        assert code in codes
    assert codes == sorted(codes)
    as_json = json.loads(run_cli(tmp_path, "rules", "--output-format", "json").stdout)
    by_code = {r["code"]: r for r in as_json}
    assert by_code["CPY001"]["fixable"] is True
    assert by_code["CPY002"]["fixable"] is False
    assert all(r["summary"] and r["name"] for r in as_json)


def test_explain_cpy001(tmp_path):
    result = run_cli(tmp_path, "explain", "CPY001")
    assert result.returncode == 0
    text = result.stdout
    assert "CPY001" in text
    assert "## Why" in text
    why = text.split("## Why", 1)[1].split("##", 1)[0]
    assert len(why.strip().splitlines()) >= 2  # a section heading followed by real text
    assert text.count("```python") >= 2  # a bad and a good example
    assert "# Copied from" in text


def test_explain_is_case_insensitive(tmp_path):
    assert run_cli(tmp_path, "explain", "cpy002").returncode == 0


def test_explain_unknown_code_exits_2(tmp_path):
    result = run_cli(tmp_path, "explain", "NOPE")
    assert result.returncode == 2
    assert "NOPE" in result.stderr


def test_version(tmp_path):
    result = run_cli(tmp_path, "--version")
    assert result.returncode == 0
    assert __version__ in result.stdout
    assert "repo-lint" in result.stdout
