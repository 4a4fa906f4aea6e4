"""Bad input never crashes a run nor loses data: each case gives a diagnostic, other findings are still
reported, and stderr never shows a traceback (checked by `run_cli`). Fixes keep newline style, BOM and mode."""

from __future__ import annotations

import os
import stat
import types

import pytest

from repo_lint.config import load_config
from repo_lint.diagnostics import Diagnostic, Edit, Fix, Rule
from repo_lint.engine import RunRequest, run
from repo_lint.registry import check_sections
from tests.helpers import (
    DRIFT_LINE,
    DRIFTED_COPY,
    GOOD_COPY,
    check,
    check_json,
    codes_at,
    drifted_helper,
    make_repo,
    run_cli,
    snapshot,
)

OTHER = ("CPY001", "src/mylib/b.py", DRIFT_LINE)  # the finding every repository below also holds


def findings_for(tmp_path, files, *args):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, **files})
    result, findings = check_json(tmp_path, *args)
    assert result.returncode == 1
    assert OTHER in codes_at(findings), findings  # the run went on
    return [f for f in findings if (f["code"], f["path"], f["line"]) != OTHER]


# ------------------------------------------------------------------------------- unreadable files


def test_syntax_error_in_a_file_with_a_marker_is_rl001(tmp_path):
    broken = drifted_helper("h3") + "\n\ndef broken(:\n    pass\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": broken})
    rl001 = [f for f in rest if f["code"] == "RL001"]
    assert len(rl001) == 1
    assert rl001[0]["path"] == "src/mylib/c.py"
    assert rl001[0]["line"] == 6
    assert rl001[0]["column"] >= 1
    assert rl001[0]["message"]


def test_syntax_error_in_a_source_file_is_rl001(tmp_path):
    source = "def helper(a, b):\n    return a * b\n\nclass Oops(\n"
    copy = "# Copied from mylib.src_mod.helper\ndef h(a, b):\n    return a * b\n"
    rest = findings_for(tmp_path, {"src/mylib/src_mod.py": source, "src/mylib/c.py": copy})
    assert ("RL001", "src/mylib/src_mod.py") in [(f["code"], f["path"]) for f in rest]


def test_file_that_is_not_utf8_is_rl002(tmp_path):
    latin1 = drifted_helper("h3").encode() + "# café\n".encode("latin-1")
    rest = findings_for(tmp_path, {"src/mylib/c.py": latin1})
    assert [(f["code"], f["path"]) for f in rest] == [("RL002", "src/mylib/c.py")]
    assert "UTF-8" in rest[0]["message"] or "utf-8" in rest[0]["message"].lower()


def test_source_that_is_not_utf8_is_reported(tmp_path):
    source = b"def helper(a, b):\n    return a * b  # \xff\xfe\n"
    copy = "# Copied from mylib.src_mod.helper\ndef h(a, b):\n    return a * b\n"
    rest = findings_for(tmp_path, {"src/mylib/src_mod.py": source, "src/mylib/c.py": copy})
    assert "RL002" in [f["code"] for f in rest]
    assert all(f["code"] in ("RL002", "CPY002") for f in rest)


def test_file_with_null_bytes_does_not_crash(tmp_path):
    rest = findings_for(tmp_path, {"src/mylib/c.py": drifted_helper("h3") + "x = '\0'\n"})
    assert any(f["path"] == "src/mylib/c.py" for f in rest)


def test_empty_files(tmp_path):
    copy = "# Copied from mylib.empty.Foo\nclass Foo:\n    pass\n"
    rest = findings_for(tmp_path, {"src/mylib/empty.py": "", "src/mylib/empty2.py": b"", "src/mylib/c.py": copy})
    assert codes_at(rest) == [("CPY002", "src/mylib/c.py", 1)]


# --------------------------------------------------------------------------------- bad markers


def test_marker_to_missing_module_and_missing_object_is_cpy002(tmp_path):
    text = (
        "# Copied from mylib.nowhere.Foo\ndef f1():\n    pass\n\n\n"
        "# Copied from mylib.a.Nope\ndef f2():\n    pass\n\n\n"
        "# Copied from mylib.a.Foo.nope\ndef f3():\n    pass\n"
    )
    rest = findings_for(tmp_path, {"src/mylib/c.py": text})
    assert codes_at(rest) == [
        ("CPY002", "src/mylib/c.py", 1),
        ("CPY002", "src/mylib/c.py", 6),
        ("CPY002", "src/mylib/c.py", 11),
    ]
    assert "Nope" in rest[1]["message"]


def test_marker_does_not_match_a_longer_name(tmp_path):
    text = "# Copied from mylib.a.Fo\nclass Fo:\n    pass\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": text})
    assert codes_at(rest) == [("CPY002", "src/mylib/c.py", 1)]


def test_malformed_pattern_is_cpy003(tmp_path):
    text = "# Copied from mylib.a.helper with A -> B\ndef h3(a, b):\n    return a * b\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": text})
    assert [(f["code"], f["line"]) for f in rest] == [("CPY003", 1)]
    assert rest[0]["column"] == text.index("with") + 1


def test_invalid_regex_in_pattern_is_cpy003(tmp_path):
    text = "# Copied from mylib.a.helper with help(er->x\ndef h3(a, b):\n    return a * b\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": text})
    assert "CPY003" in [f["code"] for f in rest]


def test_copy_of_itself_is_cpy004(tmp_path):
    text = "# Copied from mylib.c.Same\nclass Same:\n    pass\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": text})
    assert codes_at(rest) == [("CPY004", "src/mylib/c.py", 1)]


def test_cycle_of_copies_is_cpy004(tmp_path):
    text = "# Copied from mylib.d.g2\ndef g1():\n    pass\n"
    other = "# Copied from mylib.c.g1\ndef g2():\n    return 1\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": text, "src/mylib/d.py": other})
    assert codes_at(rest) == [("CPY004", "src/mylib/c.py", 1), ("CPY004", "src/mylib/d.py", 1)]


def test_cycle_is_not_fixed_and_fix_terminates(tmp_path):
    text = "# Copied from mylib.d.g2\ndef g1():\n    pass\n"
    other = "# Copied from mylib.c.g1\ndef g2():\n    return 1\n"
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/c.py": text, "src/mylib/d.py": other})
    result = check(tmp_path, "--fix")
    assert result.returncode == 1
    assert "CPY004" in result.stdout
    assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY
    assert (tmp_path / "src/mylib/c.py").read_text() == text
    assert (tmp_path / "src/mylib/d.py").read_text() == other


def test_marker_above_a_non_definition_is_cpy005(tmp_path):
    text = "# Copied from mylib.a.helper\nx = 1\n\n\n# Copied from mylib.a.Foo\n\nclass Far:\n    pass\n"
    rest = findings_for(tmp_path, {"src/mylib/c.py": text})
    assert [(f["code"], f["line"]) for f in rest] == [("CPY005", 1), ("CPY005", 5)]


def test_marker_at_end_of_file_is_cpy005(tmp_path):
    rest = findings_for(tmp_path, {"src/mylib/c.py": "x = 1\n# Copied from mylib.a.helper"})
    assert [(f["code"], f["line"]) for f in rest] == [("CPY005", 2)]


# ------------------------------------------------------------------------ huge files and symlinks


def test_huge_file(tmp_path):
    lines = []
    for i in range(5000):
        lines += [f"def f{i}(x):", f"    return x + {i}", "", ""]
    lines += ["# Copied from mylib.a.helper", "def big_helper(a, b):", "    return a + b", ""]
    text = "\n".join(lines)
    assert text.count("\n") >= 20000
    rest = findings_for(tmp_path, {"src/mylib/big.py": text})
    assert codes_at(rest) == [("CPY001", "src/mylib/big.py", 20003)]
    assert check(tmp_path, "--fix").returncode == 0
    fixed = (tmp_path / "src/mylib/big.py").read_text()
    assert fixed == text.replace("return a + b", "return a * b")


def test_symlink_to_a_copy(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY})
    link = tmp_path / "src/mylib/link.py"
    link.symlink_to("b.py")
    result, findings = check_json(tmp_path)
    assert result.returncode == 1
    assert OTHER in codes_at(findings)
    fix = check(tmp_path, "--fix")
    assert fix.returncode == 0, fix.stdout + fix.stderr
    assert link.is_symlink() and os.readlink(link) == "b.py"  # the link is kept, its target fixed
    assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY


def test_symlink_to_a_source_and_dangling_symlink(tmp_path):
    make_repo(
        tmp_path,
        {
            "src/mylib/b.py": DRIFTED_COPY,
            "src/mylib/c.py": "# Copied from mylib.alias.helper\ndef h3(a, b):\n    return a + b\n",
        },
    )
    (tmp_path / "src/mylib/alias.py").symlink_to("a.py")
    (tmp_path / "src/mylib/dangling.py").symlink_to("does_not_exist.py")
    result, findings = check_json(tmp_path)
    assert result.returncode == 1
    assert OTHER in codes_at(findings)
    assert ("CPY001", "src/mylib/c.py", 3) in codes_at(findings)


# ------------------------------------------------------------------------------------ fix safety


def test_read_only_copy_on_fix(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/c.py": drifted_helper("h3")})
    read_only = tmp_path / "src/mylib/c.py"
    read_only.chmod(0o444)
    try:
        if os.access(read_only, os.W_OK):
            pytest.skip("running as a user (root) for whom chmod does not make a file read-only")
        result = check(tmp_path, "--fix")
        assert result.returncode != 0
        assert "src/mylib/c.py" in result.stderr
        assert read_only.read_text() == drifted_helper("h3")
        assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY  # others still fixed
    finally:
        read_only.chmod(0o644)


def test_write_failure_on_fix_is_reported_and_others_fixed(tmp_path, monkeypatch):
    """The same as above, simulated in-process so that it runs as root too."""
    import repo_lint.fix_loop as fix_loop

    make_repo(tmp_path, {"src/mylib/b.py": DRIFTED_COPY, "src/mylib/c.py": drifted_helper("h3")})
    real_write = fix_loop.write_atomically

    def failing_write(path, data, **checks):
        if path.name == "c.py":
            raise PermissionError(13, "Permission denied", str(path))
        real_write(path, data, **checks)

    monkeypatch.setattr(fix_loop, "write_atomically", failing_write)
    config = load_config(tmp_path, None, check_sections())
    result = run(config, RunRequest(fix=True))
    assert any("src/mylib/c.py" in failure for failure in result.failures)
    assert [(d.code, d.path) for d in result.diagnostics] == [("CPY001", "src/mylib/c.py")]
    assert all(d.path != "src/mylib/c.py" for d in result.fixed)  # not claimed as fixed
    assert (tmp_path / "src/mylib/c.py").read_text() == drifted_helper("h3")
    assert (tmp_path / "src/mylib/b.py").read_text() == GOOD_COPY


def _fake_check(target_lines: dict[str, str]):
    """A check family `ZZZ` whose fix replaces line 1 of each file by the given text."""
    rule = Rule("ZZZ001", "fake", "fake rule", "why", fixable=True, fix="rewrite line 1")

    def judge(repo):
        found = []
        for path, wanted in target_lines.items():
            lines = repo.lines(path)
            if lines and lines[0] != wanted:
                found.append(Diagnostic("ZZZ001", path, 1, 1, "line 1 differs", fix=Fix((Edit(0, 1, wanted),))))
        return found

    return types.SimpleNamespace(FAMILY="ZZZ", SECTION="zzz", OPTIONS=(), RULES=(rule,), judge=judge)


def test_fix_whose_result_would_not_parse_is_refused(tmp_path, monkeypatch):
    import repo_lint.checks

    make_repo(tmp_path, {"src/mylib/ok.py": "x = 1\n", "src/mylib/bad.py": "y = 2\nz = 3\n"})
    fake = _fake_check({"src/mylib/ok.py": "x = 2\n", "src/mylib/bad.py": "def broken(:\n"})
    monkeypatch.setattr(repo_lint.checks, "ALL_CHECKS", (*repo_lint.checks.ALL_CHECKS, fake))
    config = load_config(tmp_path, None, check_sections())
    before = (tmp_path / "src/mylib/bad.py").read_bytes()
    result = run(config, RunRequest(select=["ZZZ"], fix=True))
    assert (tmp_path / "src/mylib/bad.py").read_bytes() == before
    assert (tmp_path / "src/mylib/ok.py").read_text() == "x = 2\n"
    assert any("src/mylib/bad.py" in failure and "parse" in failure for failure in result.failures)
    assert [(d.code, d.path) for d in result.diagnostics] == [("ZZZ001", "src/mylib/bad.py")]
    assert all(d.path != "src/mylib/bad.py" for d in result.fixed)
    assert not list((tmp_path / "src/mylib").glob("*.repo-lint-tmp"))  # no temporary file left behind


def test_diff_with_unparsable_fix_writes_nothing(tmp_path, monkeypatch):
    import repo_lint.checks

    make_repo(tmp_path, {"src/mylib/bad.py": "y = 2\n"})
    fake = _fake_check({"src/mylib/bad.py": "def broken(:\n"})
    monkeypatch.setattr(repo_lint.checks, "ALL_CHECKS", (*repo_lint.checks.ALL_CHECKS, fake))
    config = load_config(tmp_path, None, check_sections())
    before = snapshot(tmp_path)
    result = run(config, RunRequest(select=["ZZZ"], diff=True))
    assert "src/mylib/bad.py" in result.changes
    assert snapshot(tmp_path) == before


def test_fix_that_never_settles_and_grows_the_file_is_stopped_and_writes_nothing(tmp_path, monkeypatch):
    """A fix inserting a line that its next round asks for again would grow the file until memory runs out."""
    import repo_lint.checks

    make_repo(tmp_path, {"src/mylib/grow.py": "x = 1\n"})
    rule = Rule("ZZZ001", "fake", "fake rule", "why", fixable=True, fix="insert a line")

    def judge(repo):  # always drifted: the fix inserts, it never replaces
        return [Diagnostic("ZZZ001", "src/mylib/grow.py", 1, 1, "grow", fix=Fix((Edit(0, 0, "y = 2\n" * 1000),)))]

    fake = types.SimpleNamespace(FAMILY="ZZZ", SECTION="zzz", OPTIONS=(), RULES=(rule,), judge=judge)
    monkeypatch.setattr(repo_lint.checks, "ALL_CHECKS", (*repo_lint.checks.ALL_CHECKS, fake))
    config = load_config(tmp_path, None, check_sections())
    result = run(config, RunRequest(select=["ZZZ"], fix=True))
    assert any("fixes keep growing `src/mylib/grow.py`" in failure for failure in result.failures)
    assert (tmp_path / "src/mylib/grow.py").read_text() == "x = 1\n"
    assert result.fixed == []


# ------------------------------------------------------------------- encoding, newlines and mode


def test_crlf_kept_after_fix(tmp_path):
    crlf = DRIFTED_COPY.replace("\n", "\r\n").encode()
    make_repo(tmp_path, {"src/mylib/c.py": crlf})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("CPY001", "src/mylib/c.py", DRIFT_LINE)]
    assert check(tmp_path, "--fix").returncode == 0
    data = (tmp_path / "src/mylib/c.py").read_bytes()
    assert data == GOOD_COPY.replace("\n", "\r\n").encode()
    assert data.count(b"\n") == data.count(b"\r\n")


def test_bom_kept_after_fix(tmp_path):
    bom = b"\xef\xbb\xbf" + DRIFTED_COPY.encode()
    make_repo(tmp_path, {"src/mylib/c.py": bom})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("CPY001", "src/mylib/c.py", DRIFT_LINE)]
    assert check(tmp_path, "--fix").returncode == 0
    assert (tmp_path / "src/mylib/c.py").read_bytes() == b"\xef\xbb\xbf" + GOOD_COPY.encode()


def test_bom_and_crlf_and_non_ascii_kept_after_fix(tmp_path):
    header = '"""Café ✓ — a module outside the copy."""\n\n'
    text = header + DRIFTED_COPY
    make_repo(tmp_path, {"src/mylib/c.py": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()})
    assert check(tmp_path, "--fix").returncode == 0
    expected = (header + GOOD_COPY).replace("\n", "\r\n")
    assert (tmp_path / "src/mylib/c.py").read_bytes() == b"\xef\xbb\xbf" + expected.encode()


@pytest.mark.parametrize("mode", [0o755, 0o640])
def test_file_mode_kept_after_fix(tmp_path, mode):
    make_repo(tmp_path, {"src/mylib/c.py": DRIFTED_COPY})
    path = tmp_path / "src/mylib/c.py"
    path.chmod(mode)
    assert check(tmp_path, "--fix").returncode == 0
    assert path.read_text() == GOOD_COPY
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_no_trailing_newline_fix(tmp_path):
    make_repo(tmp_path, {"src/mylib/c.py": drifted_helper("h3").rstrip("\n")})
    assert check(tmp_path, "--fix").returncode == 0
    assert check(tmp_path, "--fix").returncode == 0
    assert check(tmp_path).returncode == 0
    assert "return a * b" in (tmp_path / "src/mylib/c.py").read_text()


def test_method_copied_as_a_function_is_reindented(tmp_path):
    """A copy at another nesting depth than its source is compared and fixed at its own depth."""
    source = "class A:\n    def helper(self, x):\n        return x + 1\n"
    copy = "# Copied from mylib.src_mod.A.helper\ndef helper(self, x):\n    return x + 2\n"
    make_repo(tmp_path, {"src/mylib/src_mod.py": source, "src/mylib/copy_mod.py": copy})
    _, findings = check_json(tmp_path, "--select", "CPY")
    assert [(f["code"], f["line"]) for f in findings if f["path"] == "src/mylib/copy_mod.py"] == [("CPY001", 3)]
    run_cli(tmp_path, "check", "--select", "CPY", "--fix")
    assert (tmp_path / "src/mylib/copy_mod.py").read_text() == (
        "# Copied from mylib.src_mod.A.helper\ndef helper(self, x):\n    return x + 1\n"
    )
