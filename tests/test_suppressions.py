"""Suppression comments, `skip-file`, `per-file-ignores`, and RL003 for bad suppressions (CLI in a subprocess)."""

from __future__ import annotations

from tests.helpers import THREE_LINE_CONFIG, check, check_json, codes_at, drifted_helper, make_repo

# `h1` drifts on line 3 of this file.
DRIFT = drifted_helper("h1")


def suppress_at_end(text: str, line: int, codes: str) -> str:
    lines = text.split("\n")
    lines[line - 1] += f"  # repo-lint: ignore[{codes}]"
    return "\n".join(lines)


def test_baseline_finding_is_reported(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": DRIFT})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 3)]


def test_ignore_at_end_of_flagged_line(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": suppress_at_end(DRIFT, 3, "CPY001")})
    result, findings = check_json(tmp_path)
    assert findings == []
    assert result.returncode == 0


def test_ignore_on_marker_line(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": suppress_at_end(DRIFT, 1, "CPY001")})
    result, findings = check_json(tmp_path)
    assert findings == []
    assert result.returncode == 0


def test_ignore_by_prefix_and_several_codes(tmp_path):
    make_repo(
        tmp_path,
        {
            "src/mylib/b.py": suppress_at_end(DRIFT, 3, "CPY"),
            "src/mylib/c.py": suppress_at_end(drifted_helper("h2"), 1, "CPY002, CPY001"),
        },
    )
    _, findings = check_json(tmp_path)
    # `CPY002` in c.py suppresses nothing: it is the only finding left.
    assert codes_at(findings) == [("RL003", "src/mylib/c.py", 1)]
    assert "CPY002" in findings[0]["message"]


def test_ignore_for_another_code_does_not_suppress(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": suppress_at_end(DRIFT, 3, "CPY002")})
    _, findings = check_json(tmp_path)
    assert ("CPY001", "src/mylib/b.py", 3) in codes_at(findings)
    assert ("RL003", "src/mylib/b.py", 3) in codes_at(findings)


def test_ignore_on_an_unrelated_line_does_not_suppress(tmp_path):
    text = DRIFT + "\n\ndef other():  # repo-lint: ignore[CPY001]\n    return 1\n"
    make_repo(tmp_path, {"src/mylib/b.py": text})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 3), ("RL003", "src/mylib/b.py", 6)]


def test_suppressed_finding_is_not_fixed(tmp_path):
    text = suppress_at_end(DRIFT, 3, "CPY001")
    make_repo(tmp_path, {"src/mylib/b.py": text, "src/mylib/c.py": drifted_helper("h2")})
    result = check(tmp_path, "--fix")
    assert result.returncode == 0
    assert (tmp_path / "src/mylib/b.py").read_text() == text
    assert (tmp_path / "src/mylib/c.py").read_text() != drifted_helper("h2")


def test_skip_file_in_first_lines(tmp_path):
    skipped = "# repo-lint: skip-file\n" + DRIFT
    make_repo(tmp_path, {"src/mylib/b.py": skipped, "src/mylib/c.py": drifted_helper("h2")})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("CPY001", "src/mylib/c.py", 3)]


def test_skip_file_after_a_module_docstring(tmp_path):
    skipped = '"""A module."""\n\n# repo-lint: skip-file\n\n' + DRIFT
    make_repo(tmp_path, {"src/mylib/b.py": skipped})
    result, findings = check_json(tmp_path)
    assert findings == []
    assert result.returncode == 0


def test_skip_file_far_below_the_top_does_not_skip(tmp_path):
    late = DRIFT + "\n" * 40 + "# repo-lint: skip-file\n"
    make_repo(tmp_path, {"src/mylib/b.py": late})
    _, findings = check_json(tmp_path)
    assert ("CPY001", "src/mylib/b.py", 3) in codes_at(findings)


def test_skipped_file_is_not_fixed(tmp_path):
    skipped = "# repo-lint: skip-file\n" + DRIFT
    make_repo(tmp_path, {"src/mylib/b.py": skipped})
    assert check(tmp_path, "--fix").returncode == 0
    assert (tmp_path / "src/mylib/b.py").read_text() == skipped


def test_per_file_ignores(tmp_path):
    config = THREE_LINE_CONFIG + 'per-file-ignores = { "src/mylib/legacy/**" = ["CPY001"], "c.py" = ["CPY"] }\n'
    make_repo(
        tmp_path,
        {
            "src/mylib/b.py": DRIFT,
            "src/mylib/c.py": drifted_helper("h2"),
            "src/mylib/legacy/__init__.py": "",
            "src/mylib/legacy/old.py": drifted_helper("h3"),
            "src/mylib/legacy/gone.py": "# Copied from mylib.a.Gone\ndef g():\n    pass\n",
        },
        config=config,
    )
    _, findings = check_json(tmp_path)
    # Only CPY001 is ignored under legacy/: the CPY002 there stays; c.py ignores the whole family.
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 3), ("CPY002", "src/mylib/legacy/gone.py", 1)]


def test_per_file_ignores_unknown_type_is_config_error(tmp_path):
    config = THREE_LINE_CONFIG + 'per-file-ignores = { "src/**" = "CPY001" }\n'
    make_repo(tmp_path, {"src/mylib/b.py": DRIFT}, config=config)
    result = check(tmp_path)
    assert result.returncode == 2
    assert "per-file-ignores" in result.stderr


def test_unknown_code_in_suppression_is_rl003(tmp_path):
    text = "def plain():  # repo-lint: ignore[CPY999]\n    return 1\n"
    make_repo(tmp_path, {"src/mylib/b.py": text, "src/mylib/c.py": drifted_helper("h2")})
    result, findings = check_json(tmp_path)
    assert result.returncode == 1
    assert codes_at(findings) == [("RL003", "src/mylib/b.py", 1), ("CPY001", "src/mylib/c.py", 3)]
    rl003 = next(f for f in findings if f["code"] == "RL003")
    assert "CPY999" in rl003["message"]
    assert rl003["column"] == text.index("#") + 1


def test_unknown_code_next_to_a_used_one(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": suppress_at_end(DRIFT, 3, "CPY001,XYZ123")})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("RL003", "src/mylib/b.py", 3)]
    assert "XYZ123" in findings[0]["message"]


# A matching copy with a suppression on its marker line (the marker line is not part of the compared code).
UNUSED_ON_MARKER = "# Copied from mylib.a.helper  # repo-lint: ignore[{codes}]\ndef h1(a, b):\n    return a * b\n"


def test_unused_suppression_for_selected_family_is_rl003(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": UNUSED_ON_MARKER.format(codes="CPY001")})
    result, findings = check_json(tmp_path)
    assert result.returncode == 1
    assert codes_at(findings) == [("RL003", "src/mylib/b.py", 1)]
    assert "unused" in findings[0]["message"].lower()


def test_unused_suppression_on_a_plain_line_is_rl003(tmp_path):
    text = "def plain():  # repo-lint: ignore[CPY001]\n    return 1\n"
    make_repo(tmp_path, {"src/mylib/b.py": text})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("RL003", "src/mylib/b.py", 1)]


def test_unused_suppression_for_unselected_family_is_not_reported(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": UNUSED_ON_MARKER.format(codes="CPY001")})
    result, findings = check_json(tmp_path, "--select", "RL")
    assert findings == []
    assert result.returncode == 0


def test_unused_suppression_for_unselected_code_is_not_reported(tmp_path):
    make_repo(tmp_path, {"src/mylib/b.py": UNUSED_ON_MARKER.format(codes="CPY002")})
    result, findings = check_json(tmp_path, "--select", "CPY001")
    assert findings == []
    assert result.returncode == 0


def test_rl_findings_are_reported_with_a_family_selection(tmp_path):
    # `select = ["CPY"]` (the three-line config) must not hide bad suppressions.
    make_repo(tmp_path, {"src/mylib/b.py": UNUSED_ON_MARKER.format(codes="CPY001")})
    _, findings = check_json(tmp_path, "--select", "CPY")
    assert [f["code"] for f in findings] == ["RL003"]


def test_suppression_comment_inside_a_matching_copy_is_unused(tmp_path):
    text = "# Copied from mylib.a.helper\ndef h1(a, b):\n    return a * b  # repo-lint: ignore[CPY001]\n"
    make_repo(tmp_path, {"src/mylib/b.py": text})
    _, findings = check_json(tmp_path)
    assert codes_at(findings) == [("RL003", "src/mylib/b.py", 3)]


def test_rl003_itself_can_be_ignored(tmp_path):
    text = "def plain():  # repo-lint: ignore[CPY999]\n    return 1\n"
    make_repo(tmp_path, {"src/mylib/b.py": text})
    result, findings = check_json(tmp_path, "--ignore", "RL003")
    assert findings == []
    assert result.returncode == 0


def test_ignore_on_marker_line_with_a_pattern(tmp_path):
    # The suppression comment is not read as part of the marker's replacement pattern.
    text = (
        "# Copied from mylib.a.helper with helper->h1  # repo-lint: ignore[CPY001]\ndef h1(a, b):\n    return a - b\n"
    )
    make_repo(tmp_path, {"src/mylib/b.py": text})
    result, findings = check_json(tmp_path)
    assert findings == []
    assert result.returncode == 0


def test_a_suppression_shown_in_a_string_is_not_one(tmp_path):
    """Only real comments suppress: documentation or test data that shows the syntax does nothing."""
    text = 'EXAMPLE = "x = 1  # repo-lint: ignore[CPY999]"\n'
    make_repo(tmp_path, {"src/mylib/b.py": text})
    _, findings = check_json(tmp_path)
    assert findings == []
