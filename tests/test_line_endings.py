"""Line endings are read per line ("\\r\\n", "\\r" and "\\n" alike) and written back per line: a fix
changes the bytes of the lines it changes and no others."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from repo_lint.fixer import encode
from repo_lint.workspace import decode
from tests.helpers import GOOD_COPY, check, check_json, codes_at, make_repo

ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])
LINE_TEXT = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=8)


@st.composite
def files(draw) -> tuple[list[str], list[str], bool]:
    """Lines, one ending per line (the last line may have none), and whether a BOM leads."""
    lines = draw(st.lists(LINE_TEXT, min_size=1, max_size=12))
    endings = [draw(ENDINGS) for _ in lines]
    if draw(st.booleans()):
        endings[-1] = ""
    for index in range(len(lines) - 1):
        if endings[index] == "\r" and not lines[index + 1] and endings[index + 1].startswith("\n"):
            lines[index + 1] = "x"  # else "\r" + "\n" would be one CRLF ending, not two endings
    return lines, endings, draw(st.booleans())


def to_bytes(lines: list[str], endings: list[str], bom: bool) -> bytes:
    data = "".join(line + ending for line, ending in zip(lines, endings, strict=True)).encode("utf-8")
    return b"\xef\xbb\xbf" + data if bom else data


@settings(max_examples=300, deadline=None)
@given(files())
def test_unchanged_text_is_written_back_byte_for_byte(file):
    raw = to_bytes(*file)
    source = decode(raw)
    assert "\r" not in source.text
    assert source.text.count("\n") == sum(1 for ending in file[1] if ending)
    assert encode(source, source.text) == raw


@settings(max_examples=300, deadline=None)
@given(files(), st.data())
def test_a_changed_line_takes_the_common_ending_and_the_others_keep_theirs(file, data):
    lines, endings, bom = file
    source = decode(to_bytes(lines, endings, bom))
    index = data.draw(st.integers(0, len(lines) - 1))
    changed = list(lines)
    changed[index] = lines[index] + "CHANGED"
    new_text = "\n".join(changed) + ("\n" if endings[-1] else "")
    expected_endings = list(endings)
    if endings[index]:
        expected_endings[index] = source.newline
    assert encode(source, new_text) == to_bytes(changed, expected_endings, bom)


@settings(max_examples=200, deadline=None)
@given(files(), st.data())
def test_inserted_and_deleted_lines_leave_the_other_endings_alone(file, data):
    lines, endings, bom = file
    source = decode(to_bytes(lines, endings, bom))
    index = data.draw(st.integers(0, len(lines) - 1))
    if endings[index]:  # insert a line after it
        new_lines = lines[: index + 1] + ["INSERTED"] + lines[index + 1 :]
        new_endings = endings[: index + 1] + [source.newline] + endings[index + 1 :]
    else:  # the last line, without an ending: delete it
        new_lines, new_endings = lines[:index], endings[:index]
    new_text = "".join(line + ("\n" if ending else "") for line, ending in zip(new_lines, new_endings, strict=True))
    assert encode(source, new_text) == to_bytes(new_lines, new_endings, bom)


def test_the_most_common_ending_is_the_files_newline():
    assert decode(b"a\r\nb\r\nc\nd\r").newline == "\r\n"
    assert decode(b"a\rb\rc\n").newline == "\r"
    assert decode(b"a\r\nb\r\n").endings is None  # uniform: nothing per line to remember


# --- through the CLI ----------------------------------------------------------------------------------

DRIFTED_LINE = "        return self.x - y"


def mixed_copy_bytes(drifted: bool) -> bytes:
    """GOOD_COPY (or its drifted version) with CRLF endings except on lines 3 and 9, which end in LF."""
    text = GOOD_COPY.replace("return self.x + y", "return self.x - y") if drifted else GOOD_COPY
    lines = text.split("\n")[:-1]
    return b"".join(
        line.encode() + (b"\n" if number in (3, 9) else b"\r\n") for number, line in enumerate(lines, start=1)
    )


def test_a_one_line_fix_in_a_mixed_file_changes_only_that_lines_bytes(tmp_path):
    root = make_repo(tmp_path, {"src/mylib/b.py": mixed_copy_bytes(drifted=True)})
    _, findings = check_json(root, "--no-cache")
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 7)]

    assert check(root, "--fix", "--no-cache").returncode == 0
    assert (root / "src/mylib/b.py").read_bytes() == mixed_copy_bytes(drifted=False)
    second = check(root, "--fix", "--no-cache")
    assert second.returncode == 0 and (root / "src/mylib/b.py").read_bytes() == mixed_copy_bytes(drifted=False)


def test_a_cr_only_file_shows_its_drifted_copy_and_keeps_cr_when_fixed(tmp_path):
    drifted = GOOD_COPY.replace("return self.x + y", "return self.x - y").replace("\n", "\r").encode()
    root = make_repo(tmp_path, {"src/mylib/b.py": drifted})
    _, findings = check_json(root, "--no-cache")
    assert codes_at(findings) == [("CPY001", "src/mylib/b.py", 7)]

    assert check(root, "--fix", "--no-cache").returncode == 0
    assert (root / "src/mylib/b.py").read_bytes() == GOOD_COPY.replace("\n", "\r").encode()
    assert check(root, "--fix", "--no-cache").returncode == 0
    assert (root / "src/mylib/b.py").read_bytes() == GOOD_COPY.replace("\n", "\r").encode()
