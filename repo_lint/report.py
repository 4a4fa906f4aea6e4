"""Turn diagnostics into the text `repo-lint` prints: every output format, statistics, `rules` and `explain`.

Every function here is pure: data in, one string out. The returned text ends with a newline when it is
not empty, so callers write it as is (`sys.stdout.write(text)` or `click.echo(text, nl=False)`).
"""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .diagnostics import Diagnostic, Rule

if TYPE_CHECKING:
    from .cases import Case

FORMATS = ("concise", "full", "json", "github", "sarif", "junit")
RULE_FORMATS = ("text", "json", "markdown")

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FIX_COMMAND = "repo-lint check --fix"

# ANSI styles (used only when color=True).
_RESET = "\x1b[0m"
_BOLD = "1"
_RED = "31"
_GREEN = "32"
_CYAN = "36"


# What a terminal or a log would interpret: C0 controls (but tab and newline), DEL and C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape_char(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode carries it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def unicode_safe(text: str) -> str:
    """`text` without lone surrogates (a file name that is not UTF-8 carries them): `caf\\xe9.py`."""
    return _SURROGATE.sub(lambda m: _escape_char(m.group()), text) if _SURROGATE.search(text) else text


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`unicode_safe(text)` with control characters written as `\\xNN`, so that text taken from a checked
    file (a marker, a file name) cannot move the cursor, recolour or rewrite the terminal or a CI log."""
    pattern = _CONTROL if keep_newlines else _CONTROL_OR_NEWLINE
    return pattern.sub(lambda m: _escape_char(m.group()), unicode_safe(text))


def _json_safe(value: Any) -> Any:
    if isinstance(value, str):
        return unicode_safe(value)
    if isinstance(value, dict):
        return {_json_safe(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return value


def _printable_diagnostic(d: Diagnostic, *, multiline_message: bool = False) -> Diagnostic:
    return dataclasses.replace(
        d,
        path=printable(d.path),
        message=printable(d.message, keep_newlines=multiline_message),
        detail=printable(d.detail, keep_newlines=True),
    )


def _style(text: str, *codes: str, color: bool) -> str:
    if not color or not codes or not text:
        return text
    return f"\x1b[{';'.join(codes)}m{text}{_RESET}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _finish(lines: list[str]) -> str:
    return "\n".join(lines) + "\n" if lines else ""


# --------------------------------------------------------------------------------------------- text


def _location(d: Diagnostic, *, color: bool = False) -> str:
    path = _style(d.path, _BOLD, color=color)
    return f"{path}:{d.line}:{d.column}:"


def _headline(d: Diagnostic, *, color: bool = False, mark_fixable: bool = True) -> str:
    line = f"{_location(d, color=color)} {_style(d.code, _BOLD, _RED, color=color)} {d.message}"
    if mark_fixable and d.fixable:
        line += " " + _style("[*]", _CYAN, color=color)
    return line


def _looks_like_diff(text: str) -> bool:
    return any(line.startswith(("@@", "--- ", "+++ ")) for line in text.splitlines())


def _detail_lines(detail: str, *, color: bool) -> list[str]:
    text = detail.strip("\n")
    if not text:
        return []
    is_diff = _looks_like_diff(text)
    out = []
    for line in text.splitlines():
        if is_diff and line.startswith(("+++", "---")):
            line = _style(line, _BOLD, color=color)
        elif is_diff and line.startswith("+"):
            line = _style(line, _GREEN, color=color)
        elif is_diff and line.startswith("-"):
            line = _style(line, _RED, color=color)
        elif is_diff and line.startswith("@@"):
            line = _style(line, _CYAN, color=color)
        out.append("    " + line if line else "")
    return out


MAX_FRAME_LINES = 4
_TOKEN = re.compile(r""""[^"\n]*"|'[^'\n]*'|[\w.]+|\S""")


def code_frame(lines: list[str], d: Diagnostic) -> str:
    """The finding's lines with their numbers and a `^` under its span on the first one (as ruff shows it);
    empty when the file has no such line (a finding about a file as a whole, a file that is gone)."""
    if not 1 <= d.line <= len(lines):
        return ""
    last = min(d.end_line or d.line, d.line + MAX_FRAME_LINES - 1, len(lines))
    width = len(str(last))
    frame = [" " * width + " |"]
    for number in range(d.line, last + 1):
        text = printable(lines[number - 1].rstrip("\r\n").expandtabs(4))
        frame.append(f"{str(number).rjust(width)} | {text}")
        if number == d.line:
            start = max(d.column - 1, 0)
            if d.end_line == d.line and (d.end_column or 0) > d.column:
                end = d.end_column - 1
            elif d.end_line != d.line:
                end = len(text.rstrip())
            else:  # a point: the token there
                token = _TOKEN.match(text, start)
                end = token.end() if token else start + 1
            frame.append(" " * width + " | " + " " * start + "^" * max(end - start, 1))
    return "\n".join(frame) + "\n"


def _fix_hint(d: Diagnostic, rules: dict[str, Rule]) -> str:
    """The `help:` text of a fixable diagnostic: its own fix description, else the rule's."""
    if d.fix is None:
        return (
            f"unsafe fix, applied with `{FIX_COMMAND} --unsafe-fixes`: {d.hidden_unsafe_fix}"
            if d.hidden_unsafe_fix
            else ""
        )
    if d.fix.description:
        return d.fix.description
    rule = rules.get(d.code)
    return rule.fix if rule is not None else ""


def _summary(diagnostics: list[Diagnostic]) -> str:
    if not diagnostics:
        return "All checks passed!"
    safe = sum(1 for d in diagnostics if d.fix is not None and d.fix.safe)
    unsafe = sum(1 for d in diagnostics if (d.fix is not None and not d.fix.safe) or d.hidden_unsafe_fix)
    text = f"Found {_plural(len(diagnostics), 'error')}"
    notes = [f"{safe} fixable with `{FIX_COMMAND}`"] if safe else []
    if unsafe:
        notes.append(f"{unsafe}{' more' if safe else ''} with `{FIX_COMMAND} --unsafe-fixes`")
    if notes:
        text += f" ({'; '.join(notes)})"
    return text + "."


def _fixed_lines(fixed: list[Diagnostic] | None, *, show_fixes: bool, color: bool) -> list[str]:
    if not fixed:
        return []
    lines = []
    if show_fixes:
        lines.append("Fixed:")
        lines.extend(_headline(d, color=color, mark_fixable=False) for d in fixed)
    lines.append(f"Fixed {_plural(len(fixed), 'error')}.")
    return lines


def _render_text(
    diagnostics: list[Diagnostic],
    *,
    full: bool,
    rules: dict[str, Rule],
    color: bool,
    show_fixes: bool,
    fixed: list[Diagnostic] | None,
) -> str:
    lines: list[str] = []
    for d in diagnostics:
        lines.append(_headline(d, color=color))
        if full:
            lines.extend(_detail_lines(d.detail, color=color))
            hint = _fix_hint(d, rules)
            if hint:
                lines.append(f"    {_style('help:', _BOLD, _CYAN, color=color)} {hint}")
            lines.append("")
    lines.extend(_fixed_lines(fixed, show_fixes=show_fixes, color=color))
    lines.append(_summary(diagnostics))
    return _finish(lines)


# --------------------------------------------------------------------------------------- statistics


def statistics_rows(diagnostics: list[Diagnostic], rules: dict[str, Rule]) -> list[dict[str, Any]]:
    """One row per code: `{code, name, count, fixable, unsafe_fixable}` (how many of its findings `--fix`
    fixes, and how many more `--unsafe-fixes` would), by count (descending) then code."""
    counts = Counter(d.code for d in diagnostics)
    fixable = Counter(d.code for d in diagnostics if d.fixable)
    hidden = Counter(d.code for d in diagnostics if d.hidden_unsafe_fix)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        rows.append(
            {
                "code": code,
                "name": rule.name if rule else "",
                "count": count,
                "fixable": fixable[code],
                "unsafe_fixable": hidden[code],
            }
        )
    return rows


def _render_statistics_table(diagnostics: list[Diagnostic], rules: dict[str, Rule]) -> str:
    rows = statistics_rows(diagnostics, rules)
    if not rows:
        return _finish([_summary(diagnostics)])
    count_width = max(len(str(row["count"])) for row in rows)
    code_width = max(len(row["code"]) for row in rows)
    name_width = max(len(row["name"]) for row in rows)
    lines = []
    for row in rows:
        cells = [
            str(row["count"]).rjust(count_width),
            row["code"].ljust(code_width),
            row["name"].ljust(name_width),
            _fixable_mark(row),
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append(_summary(diagnostics))
    return _finish(lines)


def _fixable_mark(row: dict[str, Any]) -> str:
    """`[*]` all fixable, `[*] 3 of 10` some; `[-]` for fixes `--unsafe-fixes` would add (as ruff marks them)."""
    marks = []
    if row["fixable"]:
        marks.append("[*]" if row["fixable"] == row["count"] else f"[*] {row['fixable']} of {row['count']}")
    if row["unsafe_fixable"]:
        unsafe = row["unsafe_fixable"]
        marks.append("[-]" if unsafe == row["count"] else f"[-] {unsafe} of {row['count']}")
    return "  ".join(marks)


# ------------------------------------------------------------------------------------------- github


def escape_github_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_github_property(value: str) -> str:
    return escape_github_data(value).replace(":", "%3A").replace(",", "%2C")


def _render_github(diagnostics: list[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = ",".join(
            [
                f"file={escape_github_property(d.path)}",
                f"line={d.line}",
                f"col={d.column}",
                f"endLine={d.end_line}",
                f"endColumn={d.end_column}",
                f"title={escape_github_property(d.code)}",
            ]
        )
        lines.append(f"::error {props}::{escape_github_data(d.message)}")
    return _finish(lines)


# -------------------------------------------------------------------------------------------- sarif


def _rule_help(rule: Rule) -> str:
    bad, good = rule_examples(rule)
    return f"Example:\n{_clean_code(bad)}\n\nUse instead:\n{_clean_code(good)}"


def _sarif_rule(code: str, rule: Rule | None) -> dict[str, Any]:
    if rule is None:
        return {"id": code}
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": _rule_help(rule)},
        "properties": {"fixable": rule.fixable},
    }


def sarif_log(diagnostics: list[Diagnostic], *, rules: dict[str, Rule], tool_version: str) -> dict[str, Any]:
    """The SARIF 2.1.0 log as a plain dict."""
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for d in diagnostics:
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": d.end_line,
            "endColumn": d.end_column,
        }
        location = {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": quote(d.path.encode("utf-8", "surrogateescape"), safe="/"),
                    "uriBaseId": "%SRCROOT%",
                },
                "region": region,
            }
        }
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": "error",
                "message": {"text": unicode_safe(d.message)},
                "locations": [location],
            }
        )
    driver = {
        "name": "repo-lint",
        "version": tool_version,
        "rules": [_sarif_rule(code, rules.get(code)) for code in codes],
    }
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# -------------------------------------------------------------------------------------------- junit

# Characters XML 1.0 cannot hold at all (ElementTree would write them and produce an unreadable file).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _XML_INVALID.sub("\ufffd", value)


def _render_junit(diagnostics: list[Diagnostic]) -> str:
    import xml.etree.ElementTree as ET

    total = str(max(len(diagnostics), 1))
    failures = str(len(diagnostics))
    root = ET.Element("testsuites", name="repo-lint", tests=total, failures=failures, errors="0")
    suite = ET.SubElement(root, "testsuite", name="repo-lint", tests=total, failures=failures, errors="0", skipped="0")
    for d in diagnostics:
        case = ET.SubElement(suite, "testcase", classname=_xml_text(d.path), name=f"{d.code}:{d.line}:{d.column}")
        failure = ET.SubElement(case, "failure", message=_xml_text(d.message), type=d.code)
        body = d.detail.strip("\n") or f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
        failure.text = _xml_text(body)
    if not diagnostics:
        ET.SubElement(suite, "testcase", classname="repo-lint", name="repo-lint")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ------------------------------------------------------------------------------------------- render


def render(
    diagnostics: list[Diagnostic],
    fmt: str,
    *,
    rules: dict[str, Rule],
    tool_version: str,
    color: bool = False,
    show_fixes: bool = False,
    statistics: bool = False,
    fixed: list[Diagnostic] | None = None,
) -> str:
    """The whole stdout text for `repo-lint check` in format `fmt` (one of FORMATS).

    Diagnostics are printed in the order given. `fixed` (what `--fix` fixed) and `show_fixes` only
    affect the text formats; `statistics` replaces the per-diagnostic lines of the text formats by a
    table and the json array by per-code rows; the machine formats github/sarif/junit ignore both.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")
    if fmt == "sarif":  # its URIs percent-encode the file name's own bytes
        log = sarif_log(diagnostics, rules=rules, tool_version=tool_version)
        return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
    if fmt == "json":  # json.dumps escapes control characters itself; file names need their bytes written out
        payload: Any = (
            statistics_rows(diagnostics, rules) if statistics else [_json_safe(d.to_json()) for d in diagnostics]
        )
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    # A GitHub annotation or a JUnit message shows a newline as such; one line of text output may not hold one.
    diagnostics = [_printable_diagnostic(d, multiline_message=fmt in ("github", "junit")) for d in diagnostics]
    fixed = None if fixed is None else [_printable_diagnostic(d) for d in fixed]
    if fmt in ("concise", "full"):
        if statistics:
            table = _render_statistics_table(diagnostics, rules)
            return _finish(_fixed_lines(fixed, show_fixes=show_fixes, color=color)) + table
        return _render_text(
            diagnostics, full=fmt == "full", rules=rules, color=color, show_fixes=show_fixes, fixed=fixed
        )
    if fmt == "github":
        return _render_github(diagnostics)
    return _render_junit(diagnostics)


# -------------------------------------------------------------------------------- rules and explain


def render_rules(rules: list[Rule], fmt: str = "text") -> str:
    """`repo-lint rules`: every rule's code, name, whether it is fixable and its summary."""
    if fmt == "json":
        payload = [{"code": r.code, "name": r.name, "summary": r.summary, "fixable": r.fixable} for r in rules]
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _finish(
            ["| code | name | fix | what it reports |", "| --- | --- | --- | --- |"]
            + [f"| {r.code} | {r.name} | {'[*]' if r.fixable else ''} | {_table_cell(r.summary)} |" for r in rules]
        )
    if fmt != "text":
        raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(RULE_FORMATS)})")
    if not rules:
        return ""
    code_width = max(len(r.code) for r in rules)
    name_width = max(len(r.name) for r in rules)
    lines = []
    for r in rules:
        mark = "[*]" if r.fixable else "   "
        lines.append(f"{r.code.ljust(code_width)}  {r.name.ljust(name_width)}  {mark}  {r.summary}".rstrip())
    return _finish(lines)


def _table_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def example_text(case: Case) -> str:
    """A case's files as one example: the text of a single file, or each file under a `# path` line (a
    symbolic link named as one, above its target's text)."""
    if len(case.files) == 1 and not case.links:
        return next(iter(case.files.values()))
    return "\n".join(
        f"# {path}" + (f" (a symbolic link to {case.links[path]})" if path in case.links else "") + f"\n{text}"
        for path, text in case.files.items()
    )


def rule_examples(rule: Rule) -> tuple[str, str]:
    """The rule's example and what to write instead: its first invalid and first valid case."""
    bad = next((case for case in rule.cases if not case.valid), None)
    good = next((case for case in rule.cases if case.valid), None)
    return (example_text(bad) if bad else ""), (example_text(good) if good else "")


def _clean_code(code: str) -> str:
    return textwrap.dedent(code).strip("\n")


def _clean_prose(text: str) -> str:
    return textwrap.dedent(text).strip()


def render_explain(rule: Rule) -> str:
    """`repo-lint explain CODE`: the rule's documentation as Markdown."""
    bad, good = rule_examples(rule)
    lines = [
        f"# {rule.name} ({rule.code})",
        "",
        "Fix is available." if rule.fixable else "Fix is not available.",
        "",
        "## What it does",
        _clean_prose(rule.summary),
        "",
        "## Why is this bad?",
        _clean_prose(rule.why),
        "",
        "## Example",
        "```python",
        _clean_code(bad),
        "```",
        "",
        "Use instead:",
        "```python",
        _clean_code(good),
        "```",
    ]
    if rule.fixable and rule.fix:
        lines += ["", "## Fix", _clean_prose(rule.fix)]
    return _finish(lines)
