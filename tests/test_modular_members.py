"""How the modular converter slice (`checks/modular/classes.py`) merges the members of a modular class with those
of its parent: methods removed by `raise`, statements other than members dropped, property setters kept as pairs,
attributes removed with `AttributeError()`. Expected texts are before ruff."""

from __future__ import annotations

import pytest
from repo_lint.checks.modular.convert import Unsupported

from tests.test_modular_convert import MODELS, banner, convert

PARENT = f"{MODELS}/llama/modeling_llama.py"
LLAMA_THING = '''from torch import nn


class LlamaThing(nn.Module):
    """The Llama thing."""

    size = 4
    kind = "llama"

    @property
    def scale(self):
        return self._scale

    @scale.setter
    def scale(self, value):
        self._scale = value

    def helper(self) -> int:
        """Helper of the Llama thing."""
        return 1

    def extra(self):
        return 2
'''
GENERATED = f"{MODELS}/qwen2/modeling_qwen2.py"


def converted_class(body: str) -> str:
    """The generated class for `class Qwen2Thing(LlamaThing):` with `body`, without the banner and imports."""
    modular = f"from ..llama.modeling_llama import LlamaThing\n\n\nclass Qwen2Thing(LlamaThing):\n{body}"
    generated = convert(modular, {PARENT: LLAMA_THING})[GENERATED]
    assert generated.startswith(banner() + "from torch import nn\n\n\n")
    return generated[len(banner() + "from torch import nn\n\n\n") :]


def test_a_raise_right_after_a_blank_line_and_a_one_line_def_removes_the_parent_method():
    body = (
        "    def helper(self):\n"
        '        raise AttributeError("kept: the first member has no blank line before it")\n'
        "\n"
        "    def extra(self):\n"
        '        raise NotImplementedError("removed")\n'
        "    ...\n"
    )
    assert converted_class(body) == (
        "class Qwen2Thing(nn.Module):\n"
        '    """The Qwen2 thing."""\n'
        "\n"
        "    size = 4\n"
        '    kind = "qwen2"\n'
        "\n"
        "    @property\n"
        "    def scale(self):\n"
        "        return self._scale\n"
        "\n"
        "    @scale.setter\n"
        "    def scale(self, value):\n"
        "        self._scale = value\n"
        "\n"
        "    def helper(self) -> int:\n"
        '        """Helper of the Qwen2 thing."""\n'
        '        raise AttributeError("kept: the first member has no blank line before it")\n'
    )


@pytest.mark.parametrize(
    "method",
    [
        '    @property\n    def extra(self):\n        raise AttributeError("decorated")\n',
        '    def extra(self):\n        """Docstring first."""\n        raise AttributeError("no")\n',
        "    def extra(\n        self,\n    ):\n        raise AttributeError('signature on several lines')\n",
        "    def extra(self):\n        raise NotImplementedError\n",
        "\n    def extra(self):\n        raise AttributeError('two blank lines')\n",
        "    # a comment\n    def extra(self):\n        raise AttributeError('comment before')\n",
    ],
)
def test_other_raising_methods_are_ordinary_overrides(method):
    generated = converted_class("    size = 5\n\n" + method)
    assert "def extra(" in generated and "return 2" not in generated and "        raise " in generated


def test_property_getter_and_setter_are_merged_pairwise_getter_first():
    body = (
        '    """Doc."""\n'
        "\n"
        "    @scale.setter\n"
        "    def scale(self, value):\n"
        "        self._scale = 2 * value\n"
        "\n"
        "    @property\n"
        "    def scale(self):\n"
        "        return 2 * self._scale\n"
        "\n"
        "    @property\n"
        "    def ratio(self):\n"
        "        return 1\n"
        "\n"
        "    @ratio.setter\n"
        "    def ratio(self, value):\n"
        "        pass\n"
        "\n"
        "    size = AttributeError()\n"
        '    kind = "qwen"\n'
    )
    assert converted_class(body) == (
        "class Qwen2Thing(nn.Module):\n"
        '    """Doc."""\n'
        '    kind = "qwen"\n'
        "\n"
        "    @property\n"
        "    def scale(self):\n"
        "        return 2 * self._scale\n"
        "\n"
        "    @scale.setter\n"
        "    def scale(self, value):\n"
        "        self._scale = 2 * value\n"
        "\n"
        "    def helper(self) -> int:\n"
        '        """Helper of the Qwen2 thing."""\n'
        "        return 1\n"
        "\n"
        "    def extra(self):\n"
        "        return 2\n"
        "\n"
        "    @property\n"
        "    def ratio(self):\n"
        "        return 1\n"
        "\n"
        "    @ratio.setter\n"
        "    def ratio(self, value):\n"
        "        pass\n"
    )


def test_a_lone_setter_takes_the_place_of_the_parent_property_as_the_converter_keys_it():
    generated = converted_class("    @scale.setter\n    def scale(self, value):\n        self._scale = 2 * value\n")
    assert generated.count("    @scale.setter\n") == 2 and "@property" not in generated


def test_statements_other_than_members_are_dropped():
    generated = converted_class("    if True:\n        size = 5\n    pass\n    ...\n    print(size)\n")
    assert generated.count("    size = 4\n") == 1 and "print" not in generated and "if True" not in generated


def test_a_modular_redefinition_survives_its_own_attribute_error_removal():
    generated = converted_class("    kind = 'qwen'\n    kind = AttributeError()\n")
    assert "    size = 4\n    kind = 'qwen'\n" in generated


def test_a_modular_attribute_drops_the_parent_method_it_shadows():
    assert converted_class("    extra: int = 3\n") == (
        "class Qwen2Thing(nn.Module):\n"
        '    """The Qwen2 thing."""\n'
        "\n"
        "    size = 4\n"
        '    kind = "qwen2"\n'
        "    extra: int = 3\n"
        "\n"
        "    @property\n"
        "    def scale(self):\n"
        "        return self._scale\n"
        "\n"
        "    @scale.setter\n"
        "    def scale(self, value):\n"
        "        self._scale = value\n"
        "\n"
        "    def helper(self) -> int:\n"
        '        """Helper of the Qwen2 thing."""\n'
        "        return 1\n"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("    scale: int = 3\n", "shadows a parent property with a setter"),
        ("    missing = AttributeError()\n", "the parent lacks"),
        ("    def extra(self):\n        return 3\n    def extra(self):\n        return 4\n", "twice"),
        ("    self.size = 3\n", "other than a name"),
        ("    def extra(self):\n        raise ValueError('x')\n        return 3\n", "after a raise"),
    ],
)
def test_member_merges_it_does_not_reproduce_are_reported(body, reason):
    with pytest.raises(Unsupported) as raised:
        converted_class(body)
    assert reason in raised.value.reason


def test_only_a_bare_no_inherit_decorator_drops_the_parent_decorators():
    parent = LLAMA_THING.replace("    def extra(self):", "    @staticmethod\n    @cache\n    def extra(self):")
    modular = (
        "from ..llama.modeling_llama import LlamaThing\n\n\n"
        "@no_inherit_decorator\n"
        "class Qwen2Thing(LlamaThing):\n"
        "    @no_inherit_decorator\n"
        "    def helper(self):\n"
        "        return 3\n\n"
        "    @no_inherit_decorator()\n"
        "    def extra(self):\n"
        "        return 4\n"
    )
    parent = parent.replace("\n\n\nclass", "\n\n\n@decorated\nclass")
    generated = convert(modular, {PARENT: parent})[GENERATED]
    assert "@decorated" not in generated and "@staticmethod" not in generated
    assert "\n\n\nclass Qwen2Thing(nn.Module):\n" in generated
    assert "\n    def helper(self) -> int:\n" in generated
    assert "    @no_inherit_decorator()\n    def extra(self):\n" in generated
