"""The pure parts of patching a cached conversion (checks/modular/patching.py): what counts as the same shape, the
methods and skeleton of a class, and replacing spans."""

from __future__ import annotations

from repo_lint.checks.modular.patching import Span, definition_shape, method_lines, method_texts, patched, skeleton

FUNCTION = 'def rotate_half(x):\n    """Rotates half."""\n    return torch.cat((-x, x), dim=-1)\n'


def test_comments_numbers_and_operators_keep_the_shape():
    same = FUNCTION.replace("dim=-1", "dim=-2 + 1").replace("    return", "    # rotate\n    return")
    assert definition_shape("function", same) == definition_shape("function", FUNCTION)


def test_a_new_name_a_new_string_word_a_nested_function_or_another_kind_changes_it():
    shape = definition_shape("function", FUNCTION)
    assert definition_shape("function", FUNCTION.replace("torch.cat", "torch.stack")) != shape
    assert definition_shape("function", FUNCTION.replace("Rotates half", "Rotates the half")) != shape
    assert definition_shape("class", FUNCTION) != shape
    nested = FUNCTION.replace("    return", "    def x():\n        pass\n    return")  # `x` was a word already
    assert definition_shape("function", nested) != shape
    assert definition_shape("function", "def f(:\n") is None


CLASS = (
    "# the MLP\n"
    "class LlamaMLP(nn.Module):\n"
    '    """An MLP."""\n'
    "\n"
    "    def __init__(self, config):\n"
    "        self.size = config.size\n"
    "\n"
    "    @property\n"
    "    def width(self):\n"
    "        return 1\n"
    "\n"
    "    @width.setter\n"
    "    def width(self, value):\n"
    "        pass\n"
)


def test_methods_are_found_with_their_decorators_and_names_defined_twice_are_left_out():
    lines = method_lines(CLASS)
    assert lines == {"__init__": (4, 6)}
    assert method_texts(CLASS, lines) == {
        "__init__": "    def __init__(self, config):\n        self.size = config.size\n"
    }
    assert method_lines("x = 1\n") is None


def test_the_skeleton_ignores_the_cut_methods_only():
    cut = method_lines(CLASS)
    edited_method = CLASS.replace("config.size\n", "config.size  # kept\n")
    assert skeleton(edited_method, cut) == skeleton(CLASS, cut)
    assert skeleton(CLASS.replace("An MLP", "The MLP"), cut) != skeleton(CLASS, cut)
    assert skeleton(CLASS.replace("return 1", "return 2"), cut) != skeleton(CLASS, cut)  # a method not cut


def test_spans_are_replaced_and_the_others_moved():
    text = "a = 1\nXX\nb = 2\nYYY\nc = 3\n"
    spans = [Span("p", "x", 6, 9), Span("p", "y", 15, 19)]
    new, moved = patched(text, spans, {("p", "x"): "XXXXX\n"})
    assert new == "a = 1\nXXXXX\nb = 2\nYYY\nc = 3\n"
    assert [new[span.start : span.end] for span in moved] == ["XXXXX\n", "YYY\n"]
