"""Unit tests of the copies check's pieces: marker grammar, definition index, block split, scope."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from repo_lint.checks.copies.compare import split_blocks
from repo_lint.checks.copies.definitions import (
    index_definitions,
    resolve,
    split_lines,
    string_continuation_lines,
)
from repo_lint.checks.copies.markers import apply_replacements, parse_marker_line, parse_pattern


def test_pattern_pieces_read_as_the_reference_reads_them():
    replacements, problems = parse_pattern("with Bert->Roberta, BERT->ROBERTA all-casing")
    assert [(r.old, r.new, r.all_casing) for r in replacements] == [
        ("Bert", "Roberta", False),
        ("BERT", "ROBERTA", True),
    ]
    assert problems == ()


def test_spaced_arrow_is_reported_and_not_applied():
    replacements, problems = parse_pattern("with Bert -> Roberta")
    assert replacements == ()
    assert len(problems) == 1 and "without spaces" in problems[0].message and not problems[0].applied


def test_unknown_option_is_reported_but_applied_like_the_reference():
    replacements, problems = parse_pattern("with MusicGen->Musicgen Melody")
    assert [(r.old, r.new) for r in replacements] == [("MusicGen", "Musicgen")]
    assert "unknown option `Melody`" in problems[0].message and problems[0].applied


def test_missing_with_is_applied_and_reported():
    replacements, problems = parse_pattern("DPT->DepthPro")
    assert [(r.old, r.new) for r in replacements] == [("DPT", "DepthPro")]
    assert problems and problems[0].applied


def test_free_text_after_the_target_is_a_comment():
    assert parse_pattern("different to other models, T5 creates") == ((), ())


def test_invalid_regex_is_reported():
    replacements, problems = parse_pattern("with a(b->c")
    assert replacements == () and "regular expression" in problems[0].message


def test_all_casing_replaces_three_casings_in_order():
    replacements, _ = parse_pattern("with Llama->Mistral all-casing")
    code = "class LlamaModel:  # llama LLAMA\n"
    assert apply_replacements(code, replacements) == "class MistralModel:  # mistral MISTRAL\n"


def test_marker_line_prefixes_and_suppression_comment():
    marker = parse_marker_line(
        "    # Copied from mylib.models.a.A.f with A->B  # repo-lint: ignore[CPY001]\n", 3, ("mylib",)
    )
    assert marker.target == "models.a.A.f" and marker.indent == "    " and marker.pattern_text == "with A->B"
    assert parse_marker_line("# Copied from otherlib.x.y\n", 0, ("mylib",)) is None
    assert parse_marker_line("# Copied from mylib\n", 0, ("mylib",)) is None


SOURCE = textwrap.dedent('''\
    import torch


    def helper(
        x,
        y=1,
    ) -> int:
        """Docstring with a line that looks like code:
    def fake():
        """
        return x


    class Layer:
        attribute = 1

        # a comment that belongs to forward
        @property
        def forward(self):
            return 1

        async def run(self):
            return 2

    class LayerNorm:
        def forward(self):
            return 3
    ''')


def test_definitions_are_exact_nested_and_ignore_strings():
    lines = split_lines(SOURCE)
    roots = index_definitions(lines)
    assert [d.name for d in roots] == ["helper", "Layer", "LayerNorm"]
    helper = roots[0]
    assert lines[helper.header_end - 1].strip() == ") -> int:"
    assert "return x" in lines[helper.end - 1]
    layer = roots[1]
    assert [c.name for c in layer.children] == ["forward", "run"]
    assert layer.children[1].is_async
    assert layer.children[0].decorator_start == layer.children[0].line - 1
    # exact names only: `Layer` never resolves to `LayerNorm`, and a method is looked up in its class
    assert resolve(roots, ["Layer"])[0] is layer
    assert resolve(roots, ["Lay"])[0] is None
    assert resolve(roots, ["Layer", "forward"])[0] is layer.children[0]
    assert resolve(roots, ["helper", "fake"])[0] is None


def test_string_lines_are_not_definitions():
    lines = split_lines(SOURCE)
    strings = string_continuation_lines(lines)
    fake = next(i for i, line in enumerate(lines) if line.startswith("def fake"))
    assert fake in strings


def test_blocks_take_comments_and_decorators_above_inner_definitions():
    lines = split_lines(SOURCE)
    strings = string_continuation_lines(lines)
    layer = index_definitions(lines, strings)[1]
    blocks = split_blocks(lines, layer, layer.end, strings)
    names = [b.name for b in blocks]
    assert names[0] == "_header" and "def forward" in names and "def run" in names
    forward = blocks[names.index("def forward")]
    assert lines[forward.start].strip() == "# a comment that belongs to forward"
    # the blocks cover the definition exactly, in order
    assert blocks[0].start == layer.line and blocks[-1].end == layer.end
    assert all(a.end == b.start for a, b in zip(blocks, blocks[1:], strict=False))


def _repo(tmp_path: Path, config: str) -> Path:
    tmp_path.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text(config)
    package = tmp_path / "src" / "mylib"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def helper(x):\n    return x + 1\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_a.py").write_text("# Copied from mylib.a.helper\ndef helper(x):\n    return x + 2\n")
    return tmp_path


def _findings(root: Path) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--output-format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_extend_scan_widens_the_scope(tmp_path: Path):
    base = '[tool.repo-lint]\npackage = "mylib"\nselect = ["CPY"]\n'
    assert _findings(_repo(tmp_path / "narrow", base)) == []
    wide = _findings(_repo(tmp_path / "wide", base + '[tool.repo-lint.copies]\nextend-scan = ["tests"]\n'))
    assert [(d["code"], d["path"], d["line"]) for d in wide] == [("CPY001", "tests/test_a.py", 3)]
