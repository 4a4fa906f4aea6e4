"""doc-builder's `style` pass over a docstring (the paragraph reflow Diffusers' script runs after writing one),
re-implemented for what generated block docstrings contain: consecutive lines at the same indentation are one
paragraph, refilled to the line width; a blank line, a list item, a fence, a `<Tip>` or an `Args:`-style header
starts a new one; the `name (type):` lines of an argument list stay as they are unless too long. A fenced
Python example (doc-builder would run black on it) is not reproduced: `Unresolved`."""

from __future__ import annotations

import re

from repo_lint.checks.modular_blocks.index import Unresolved

# fixed patterns, anchored, over one line each (no user input in them)
_re_list = re.compile(r"^(\s*-\s+|\s*\*\s+|\s*\d+\.\s+)")
_re_code = re.compile(r"^(\s*)```(.*)$")
_re_tip = re.compile(r"^\s*</?Tip(>|\s+warning={true}>)\s*$")
_re_args = re.compile(r"^\s*(Args?|Arguments?|Attributes?|Params?|Parameters?):\s*$")
_re_returns = re.compile(r"^\s*(Return|Yield|Raise)s?:\s*$")


def _indent(line):
    return len(line) - len(line.lstrip())


def _empty(line):
    return len(line.strip()) == 0


def _fill(text, max_len, prefix="", min_indent=None):
    words = re.sub(r"\s+", " ", text).strip().split(" ")
    if min_indent is not None and len(prefix) < min_indent:
        prefix = " " * (min_indent - len(prefix)) + prefix
    ind = " " * len(prefix)
    out, cur = [], prefix + words[0]
    for w in words[1:]:
        if len(cur) + 1 + len(w) > max_len:
            out.append(cur)
            cur = ind + w
        else:
            cur = f"{cur} {w}"
    out.append(cur)
    return "\n".join(out)


def style_docstring(doc, max_len):
    """Paragraph reflow: consecutive lines at the same indentation are joined and refilled to max_len; list items,
    blank lines, ``` fences, <Tip> and Args-style headers start new paragraphs; inside an Args-style block the
    `name (type):` lines are kept unless longer than max_len."""
    if _empty(doc):
        return doc
    lines = doc.split("\n")
    new, para, cur_ind, in_code, param_ind, prefix = [], None, -1, False, -1, ""
    i = 0
    while i < len(lines) and _empty(lines[i]):
        i += 1
    if (
        i + 1 < len(lines)
        and len(lines[i]) > 1
        and lines[i].rstrip().endswith(":")
        and _indent(lines[i + 1]) > _indent(lines[i])
    ):
        param_ind = _indent(lines[i])
    i = 0
    while i < len(lines):
        line = lines[i]
        ls, cs, as_, ts = _re_list.search(line), _re_code.search(line), _re_args.search(line), _re_tip.search(line)
        newp = (
            _indent(line) != cur_ind
            or _empty(line)
            or ls is not None
            or cs is not None
            or ts is not None
            or as_ is not None
        )
        if not in_code and newp and para:
            new.append(_fill(" ".join(para), max_len, prefix, cur_ind))
            if as_ is not None and not _empty(para[-1]):
                new.append("")
            para = None
        if cs is not None:
            if not in_code:
                para, cur_ind, lang, prefix = [], len(cs.group(1)), cs.group(2), ""
                if cur_ind < param_ind:
                    param_ind = -1
            else:
                cur_ind = -1
                if lang in ("py", "python"):
                    raise Unresolved("python code fence in docstring (doc-builder runs black)", "")
                new.append("\n".join(para))
                para = None
            new.append(line)
            in_code = not in_code
        elif in_code:
            para.append(line)
        elif _empty(line):
            para, cur_ind, prefix = None, -1, ""
            new.append(line)
        elif ls is not None:
            prefix = ls.group(1)
            cur_ind = len(prefix)
            para = [line[cur_ind:]]
        elif as_:
            new.append(line)
            i += 1
            while i < len(lines) and _empty(lines[i]):
                i += 1
            if i < len(lines):
                param_ind = _indent(lines[i])
                i -= 1
        elif ts:
            if new and not _empty(new[-1]):
                new.append("")
            new.append(line)
            if i < len(lines) - 1 and not _empty(lines[i + 1]):
                new.append("")
        elif para is None or _indent(line) != cur_ind:
            ind = _indent(line)
            if ind == param_ind:
                if _re_returns.search(line) is not None:
                    param_ind = -1
                    new.append(line)
                elif len(line) < max_len:
                    new.append(line)
                else:
                    intro, _, descr = line.partition(":")
                    new.append(intro + ":")
                    if descr:
                        cur_ind = (
                            _indent(lines[i + 1]) if i + 1 < len(lines) and _indent(lines[i + 1]) > ind else ind + 4
                        )
                        para, prefix = [descr.strip()], ""
            else:
                if ind < param_ind:
                    param_ind = -1
                para, cur_ind, prefix = [line.strip()], _indent(line), ""
        elif para is not None:
            para.append(line.lstrip())
        i += 1
    if para:
        new.append(_fill(" ".join(para), max_len, prefix, cur_ind))
    return "\n".join(new)
