"""The `Args:` reader and the `*optional*, defaults to X` rules of the public-object docstrings (DOC006),
case by case as Transformers' `check_docstrings.py` renders them."""

from __future__ import annotations

import ast

import pytest
from repo_lint.checks.docs.public import read_class_docs, read_module_exports
from repo_lint.checks.docs.sections import (
    Default,
    Param,
    default_of,
    expected_description,
    find_args_section,
    judge_section,
    placeholder_description,
    render_value,
)

from repo_lint.parsing import Unparsable


def default(source: str) -> Default:
    return default_of(ast.parse(source, mode="eval").body, source)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (True, "`True`"),
        (False, "`False`"),
        (3, "3"),
        (-1, "-1"),
        (0.1, "0.1"),
        (1e-12, "1e-12"),
        (0.123456, "0.12"),
        (1e-05, "1e-05"),
        (0.000123456, "0.0"),
        ("gelu", '`"gelu"`'),
        ("0", "0"),
        ((1, 2), "`(1, 2)`"),
        ([0.5, 0.5], "`[0.5, 0.5]`"),
    ],
)
def test_render_value(value, text):
    assert render_value(value) == text


@pytest.mark.parametrize(
    ("description", "source", "expected"),
    [
        # No default: any `*optional*` part goes.
        ("`int`, *optional*, defaults to 3", None, "`int`"),
        ("`int`", None, "`int`"),
        # None: `*optional*` alone; an explicit `defaults to None` goes, another written default stays.
        ("`int`", "None", "`int`, *optional*"),
        ("`int`, *optional*, defaults to `None`", "None", "`int`, *optional*"),
        ("`list`, *optional*, defaults to `[]`", "None", "`list`, *optional*, defaults to `[]`"),
        # Values.
        ("`int`", "3", "`int`, *optional*, defaults to 3"),
        ("`int`, *optional*", "3", "`int`, *optional*, defaults to 3"),
        ("`int`, *optional*, defaults to 2", "3", "`int`, *optional*, defaults to 3"),
        ("`bool`, *optional*, defaults to `False`", "True", "`bool`, *optional*, defaults to `True`"),
        ('`str`, `optional`, defaults to `"a"`', '"a"', '`str`, *optional*, defaults to `"a"`'),
        ("`str`, **optional**", '"a"', '`str`, *optional*, defaults to `"a"`'),
        # Arithmetic equal to the default is kept as written; a different value is replaced.
        ("`float`, *optional*, defaults to `1/255`", "1 / 255", "`float`, *optional*, defaults to `1/255`"),
        ("`float`, *optional*, defaults to `1/256`", "1 / 255", "`float`, *optional*, defaults to 0.0"),
        ("`float`, *optional*, defaults to .5", "0.5", "`float`, *optional*, defaults to 0.5"),
        ("`float`, *optional*, defaults to 1e-5", "1e-05", "`float`, *optional*, defaults to 1e-05"),
        ("`tuple`, *optional*, defaults to `(1, 2)`", "(1, 2)", "`tuple`, *optional*, defaults to `(1, 2)`"),
        # An enum member written with the same member name is kept; written otherwise, it is not judged.
        (
            "`Resampling`, *optional*, defaults to `Resampling.BICUBIC`",
            "PILImageResampling.BICUBIC",
            "`Resampling`, *optional*, defaults to `Resampling.BICUBIC`",
        ),
        ("`Resampling`, *optional*, defaults to 3", "PILImageResampling.BICUBIC", None),
        # A name or a call is never guessed.
        ("`int`, *optional*, defaults to 3", "DEFAULT_SIZE", None),
        ("`list`, *optional*", "list()", None),
    ],
)
def test_expected_description(description, source, expected):
    value = Default("empty") if source is None else default(source)
    assert expected_description(description, value) == expected


def test_section_bounds_entries_and_continuations():
    lines = [
        "Resizes.",
        "",
        "    Args:",
        "        size (`int`):",
        "            The size.",
        "        not an entry line",
        "",
        "        mode (`str`, *optional*): extra (text).",
        "",
        "",
        "    Returns:",
    ]
    section = find_args_section(lines)
    assert (section.header, section.indent, section.start, section.end) == (2, 4, 3, 8)
    assert [(e.name, e.description, e.first, e.end) for e in section.entries] == [
        ("size", "`int`", 3, 7),
        ("mode", "`str`, *optional*", 7, 8),
    ]
    assert find_args_section(["No section here.", "    Returns:"]) is None


def test_judge_section_rewrites_in_signature_order_and_keeps_text():
    lines = [
        "",
        "    Args:",
        "        b (`int`):",
        "            B.",
        "        gone (`int`): Old.",
        "        a (`int`):",
        "            A.",
    ]
    params = (
        Param("a", "arg", Default("empty"), "int"),
        Param("b", "arg", Default("value", "2", 2), "int"),
        Param("c", "kwonly", Default("none", "None"), "torch.Tensor"),
        Param("_private", "arg", Default("empty"), ""),
        Param("kwargs", "varkw", Default("empty"), ""),
    )
    verdict = judge_section(lines, find_args_section(lines), params, ignore_order=False)
    assert [p.name for p in verdict.undocumented] == ["c"]
    assert [e.name for e in verdict.stale] == ["gone"]
    assert (verdict.out_of_order.name, verdict.should_precede) == ("b", "a")
    assert verdict.new_lines == (
        "        a (`int`):",
        "            A.",
        "        b (`int`, *optional*, defaults to 2):",
        "            B.",
        "        c (`Tensor`, *optional*): <fill_docstring>",
    )
    kept = judge_section(lines, find_args_section(lines), params, ignore_order=True)
    assert kept.out_of_order is None
    assert kept.new_lines[0] == "        b (`int`, *optional*, defaults to 2):"


def test_a_section_that_reads_as_expected_needs_nothing():
    lines = ["", "    Args:", "        a (`int`, *optional*, defaults to 1):", "            A."]
    params = (Param("a", "arg", Default("value", "1", 1), "int"),)
    assert judge_section(lines, find_args_section(lines), params, ignore_order=False).new_lines is None


def test_placeholder_description():
    assert placeholder_description(Param("x", "arg", Default("empty"), "")) == "`<fill_type>`"
    assert (
        placeholder_description(Param("x", "arg", default("True"), "bool")) == "`bool`, *optional*, defaults to `True`"
    )
    assert (
        placeholder_description(Param("x", "arg", default("SIZE"), "int | None"))
        == "`int | None`, *optional*, defaults to `SIZE`"
    )


def test_class_facts_signature_fields_and_markers():
    text = (
        "from dataclasses import dataclass, field\n\n\n"
        '@dataclass\nclass Out:\n    # no-format\n    """\n    Args:\n        a (`int`): A.\n    """\n\n'
        "    a: int = field(default=1)\n    b: list = field(default_factory=list)\n    c: 'ClassVar[int]' = 0\n\n\n"
        'class Proc(Base):\n    # ignore-order\n    r"""Doc."""\n\n'
        "    def __init__(self, x: int, *args, y='é', **kwargs):\n        pass\n"
    )
    out, proc = read_class_docs(text)
    assert (out.is_dataclass, out.no_format, out.init) == (True, True, None)
    assert [(f.name, f.default.kind, f.default.value) for f in out.fields] == [("a", "value", 1), ("b", "opaque", None)]
    assert (proc.bases, proc.ignore_order, proc.doc_line) == (("Base",), True, 19)
    assert [(p.name, p.kind, p.annotation, p.default.value) for p in proc.init] == [
        ("x", "arg", "int", None),
        ("args", "vararg", "", None),
        ("y", "kwonly", "", "é"),
        ("kwargs", "varkw", "", None),
    ]
    assert isinstance(read_class_docs("class (:\n"), Unparsable)


def test_module_exports():
    init = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .a import A, B as C\n"
        "    from .models import *\ntry:\n    pass\nexcept ImportError:\n    from .dummy import *\n"
    )
    facts = read_module_exports(init, True)
    assert [(i.level, i.module, i.names) for i in facts.imports] == [
        (1, "a", (("A", "A"), ("B", "C"))),
        (1, "models", ()),
    ]
    module = read_module_exports('class A:\n    pass\n\n\n__all__ = ["A"]\n')
    assert (module.all_names, module.classes, module.imports) == (("A",), ("A",), ())
