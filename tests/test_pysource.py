"""The string/comment scanner (`repo_lint.pysource`) agrees with Python's `tokenize`: on hand-picked
cases, on generated snippets, and on every .py file of both released trees."""

from __future__ import annotations

import io
import sys
import tokenize
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repo_lint.pysource import line_code, scan, source_lines, string_continuation_lines
from repo_lint.workspace import decode, split_lines
from tests.realtrees import TREES, TreeUnavailable, fetch_tree

F_STRINGS_ARE_TOKENS = sys.version_info < (3, 12)  # 3.12 splits f-strings into FSTRING_* tokens


class Untokenizable(Exception):
    pass


def tokenize_spans(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) offsets of every STRING and COMMENT token, an f-string counting as one."""
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: tuple[int, int]) -> int:
        return starts[position[0] - 1] + position[1]

    spans = []
    f_depth, f_start = 0, 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            name = tokenize.tok_name[token.type]
            if name == "ERRORTOKEN" and token.string.strip():
                raise Untokenizable(f"error token {token.string!r} at {token.start}")
            if name == "FSTRING_START":
                f_depth += 1
                f_start = offset(token.start) if f_depth == 1 else f_start
            elif name == "FSTRING_END":
                f_depth -= 1
                if f_depth == 0:
                    spans.append(("string", f_start, offset(token.end)))
            elif f_depth == 0 and name in ("STRING", "COMMENT"):
                spans.append((name.lower(), offset(token.start), offset(token.end)))
    except (tokenize.TokenError, SyntaxError) as error:
        raise Untokenizable(str(error)) from error
    return spans


def lines_inside_strings(text: str, spans: list[tuple[str, int, int]]) -> set[int]:
    inside: set[int] = set()
    for kind, start, end in spans:
        if kind == "string":
            first = text.count("\n", 0, start)
            inside.update(range(first + 1, first + text.count("\n", start, end) + 1))
    return inside


def code_by_line(text: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """Each line with the characters of strings and comments removed, and no line ending (the code that
    `SourceLines.code` gives, which may keep or drop the ending)."""
    masked = list(text)
    for _, start, end in spans:
        for index in range(start, end):
            if masked[index] != "\n":
                masked[index] = ""
    return [line.rstrip("\n") for line in split_lines("".join(masked))]


def assert_agrees(text: str) -> None:
    expected = tokenize_spans(text)
    assert [tuple(span) for span in scan(text)] == expected
    lines = split_lines(text)
    inside = lines_inside_strings(text, expected)
    assert string_continuation_lines(lines) == inside
    located = source_lines(text)
    codes = code_by_line(text, expected)
    for index, line in enumerate(lines):
        assert located.code(index, line).rstrip("\n") == codes[index], (index, line)
        if index not in inside:
            assert line_code(line).rstrip("\n") == codes[index], (index, line)


# --- the cases of issue 12 and their neighbours -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        'def f():\n    """An escaped \\""" does not close.\n\n    x = 1\n    """\n    return 1\n',
        'def f():\n    """An escaped backslash \\\\"""\n    return 1\n',
        'x = "#" + """\nstill a string # not a comment\n"""\ny = 2  # a comment """\n',
        "x = '\"' + '''\n'\" inside\n'''\n",
        'x = "\'" + """\nstring\n"""\n',
        'x = r"\\"" + """\nstring\n"""\n',
        'x = rb"""\\"""\nstill\n"""\n',
        'x = Rb"a" + bR"b" + fR"{c}" + U"d" + F"""\ne\n"""\n',
        'xr = 1\nprint(xr"""a""")\nabcr"""\nb\n"""\n',
        'x = "a\\\nb" + 1\n',
        'x = 1 + \\\n    2  # """\n',
        "x = f'{y!r}' + f\"{'#'}\" + '''\n'''\n",
        'x = """"quoted" \n"""\n',
        "x = ''''\n'''\n",
        '"""unclosed at the end\n',
    ],
)
def test_scanner_agrees_with_tokenize_on_tricky_lines(text):
    if text.startswith('"""unclosed'):
        assert string_continuation_lines(split_lines(text + "more\n")) == {1}
        return
    assert_agrees(text)


def test_an_escaped_triple_quote_keeps_the_docstring_open():
    lines = split_lines('def f():\n    """A \\""" inside.\n\n    def g():\n    """\n')
    assert string_continuation_lines(lines) == {2, 3, 4}


def test_a_hash_inside_a_short_string_does_not_hide_the_triple_quote_after_it():
    lines = split_lines('x = "#" + """\ndef g():\n"""\n')
    assert string_continuation_lines(lines) == {1, 2}


# --- generated snippets -------------------------------------------------------------------------------

PREFIXES = ["", "r", "u", "b", "br", "rb", "R", "B", "Rb", "bR", "BR", "U"]
if F_STRINGS_ARE_TOKENS:
    PREFIXES += ["f", "F", "fr", "rf", "Rf", "fR"]


@st.composite
def string_literals(draw) -> str:
    prefix = draw(st.sampled_from(PREFIXES))
    quote = draw(st.sampled_from(["'", '"', "'''", '"""']))
    q = quote[0]
    other = "'" if q == '"' else '"'
    pieces = ["a", " ", "#", other, other * 3, "\\" + q, "\\\\", "\\n", "\\\n", "\\" + other, "{{", "}}", "é"]
    if len(quote) == 3:
        pieces += ["\n", q + "a", q + q + "a", "\\" + q * 3 + "a", "# x\n"]
    body = draw(st.lists(st.sampled_from(pieces), max_size=8))
    return prefix + quote + "".join(body) + quote


COMMENT_TEXT = st.lists(st.sampled_from(["a", " ", "#", "'", '"', '"""', "'''", "\\"]), max_size=6)
CODE_ATOMS = st.sampled_from(["x", "rb", "f", "u", "ab", "1", "+", "=", ",", ".", "and", "if"])


@st.composite
def snippets(draw) -> str:
    out = []
    for _ in range(draw(st.integers(1, 12))):
        choice = draw(st.integers(0, 9))
        if choice <= 3:
            out.append(draw(string_literals()))
        elif choice == 4:
            out.append("xy" + draw(string_literals()))  # a name glued to a string: not a prefix
        elif choice == 5:
            out.append("#" + "".join(draw(COMMENT_TEXT)) + "\n")
            continue
        elif choice == 6:
            out.append("\\\n")
            continue
        elif choice == 7:
            out.append("\n")
            continue
        else:
            out.append(draw(CODE_ATOMS))
        out.append(draw(st.sampled_from([" ", " ", "\n"])))
    return "".join(out)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(snippets())
def test_scanner_agrees_with_tokenize_on_generated_snippets(text):
    try:
        tokenize_spans(text)
    except Untokenizable:
        return  # e.g. a backslash continuation at the end of the text
    assert_agrees(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(string_literals(), min_size=1, max_size=4))
def test_every_generated_literal_is_one_string(literals):
    text = "x = " + " + ".join(literals) + "\n"
    spans = scan(text)
    assert [span.kind for span in spans] == ["string"] * len(literals)
    assert_agrees(text)


# --- every file of both released trees ------------------------------------------------------------------


@pytest.mark.realtree
@pytest.mark.parametrize("name", sorted(TREES))
def test_scanner_agrees_with_tokenize_on_every_file_of_the_released_trees(name):
    try:
        tree = fetch_tree(name, TREES[name])
    except TreeUnavailable as error:
        pytest.skip(f"released tree {name} unavailable: {error}")
    checked, skipped, disagreements = 0, [], []
    for path in sorted(Path(tree).rglob("*.py")):
        try:
            text = decode(path.read_bytes()).text
            expected = tokenize_spans(text)
        except (UnicodeDecodeError, Untokenizable) as error:
            skipped.append(f"{path}: {error}")
            continue
        checked += 1
        lines = split_lines(text)
        located = source_lines(text)
        got = [tuple(span) for span in scan(text)]
        triple_or_multiline = [
            span
            for span in expected
            if span[0] == "string"
            and (
                "\n" in text[span[1] : span[2]] or text[span[1] : span[2]].lstrip("rRbBuUfF").startswith(("'''", '"""'))
            )
        ]
        codes = code_by_line(text, expected)
        touched = sorted(located.touched)
        if (
            got != expected
            or string_continuation_lines(lines) != lines_inside_strings(text, expected)
            or len(located.long_strings) != len(triple_or_multiline)
            or any(located.code(i, lines[i]).rstrip("\n") != codes[i] for i in touched if i < len(lines))
        ):
            disagreements.append(str(path.relative_to(tree)))
    print(f"{name}: {checked} files agree-checked, {len(skipped)} skipped (tokenize rejects them)")
    assert checked > 500
    assert len(skipped) < 0.01 * checked, skipped[:5]
    assert disagreements == []


# --- the copies check reads strings with it ---------------------------------------------------------------

ESCAPED_QUOTE_FILE = '''def intro():
    """An escaped \\""" quote."""
    return 1


# Copied from mylib.a.Foo
class Bar:
    def __init__(self, x):
        self.x = x

    def forward(self, y):
        return self.x - y


def usage():
    """
    Example:

    # Copied from mylib.a.helper
    def helper2(a, b):
        return a - b
    """
'''

HASH_STRING_FILE = '''MESSAGE = "#" + """
# Copied from mylib.a.helper
def helper2(a, b):
    return a - b
"""


# Copied from mylib.a.helper
def helper3(a, b):
    return a - b
'''


def test_drifted_copies_after_tricky_strings_are_found_and_fixed_and_docstrings_left_alone(tmp_path):
    from tests.helpers import check, check_json, codes_at, make_repo

    root = make_repo(tmp_path, {"src/mylib/b.py": ESCAPED_QUOTE_FILE, "src/mylib/c.py": HASH_STRING_FILE})
    _, findings = check_json(root, "--no-cache")
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 12), ("CPY001", "src/mylib/c.py", 10)]

    assert check(root, "--fix", "--no-cache").returncode == 0
    assert (root / "src/mylib/b.py").read_text() == ESCAPED_QUOTE_FILE.replace("self.x - y", "self.x + y")
    fixed_c = HASH_STRING_FILE.replace("def helper3(a, b):\n    return a - b", "def helper3(a, b):\n    return a * b")
    assert (root / "src/mylib/c.py").read_text() == fixed_c
    assert check(root, "--no-cache").returncode == 0
