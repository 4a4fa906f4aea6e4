"""What CPY008 says differs between a copy's header and its source's, and which header fixes are safe."""

import pytest
from repo_lint.checks.copies.drift import one_line_header_edit
from repo_lint.checks.copies.signatures import has_comment, header_drift


@pytest.mark.parametrize(
    ("expected", "actual", "parts", "safe"),
    [
        (
            "def f(self, s1: float, s2: float):",
            "def f(self, s1, s2):",
            ["`s1`: annotation `float` lost", "`s2`: annotation `float` lost"],
            True,
        ),
        ("def f(self) -> None:", "def f(self):", ["return annotation `-> None` lost"], True),
        ("def f(self):", "def f(self) -> None:", ["return annotation `-> None` added"], True),
        ('def f(self, size="auto"):', "def f(self, size):", ['`size`: default `"auto"` lost'], True),
        (
            'def f(self, size="auto"):',
            'def f(self, size="max"):',
            ['`size`: default `"max"` instead of `"auto"`'],
            False,
        ),
        ("def f(self, size):", "def f(self, size=1):", ["`size`: default `1` added"], False),
        ("def f(self, a, device):", "def f(self, a):", ["parameter `device` lost"], False),
        (
            "def f(self, generator, eta):",
            "def f(self, eta, generator=None):",
            [
                "parameters in another order or of another kind: "
                "`self, eta, generator` instead of `self, generator, eta`"
            ],
            False,
        ),
        ("def f(self, a):", "async def f(self, a):", ["`async` added"], False),
        ("def f(self, a, b):", "def f(self,  a, b):", None, None),  # the same words: not a drift
        ("def f(self, a, b):", "def f(self, a,b):", ["the same header written another way"], True),
        ("def f(self, a=(1, 2)):", "def f(self, a=(1,2,)):", ["the same header written another way"], True),
        ("class A(B):", "class A(C):", ["bases `(C)` instead of `(B)`"], False),
        (
            "def f(self, x: int | None):",
            "def f(self, x: int):",
            ["`x`: annotation `int` instead of `int | None`"],
            True,
        ),
    ],
)
def test_header_drift_in_words_and_safety(expected, actual, parts, safe):
    drift = header_drift(expected, actual)
    if parts is None:
        assert drift is None
        return
    assert list(drift.parts) == parts
    assert drift.safe is safe


def test_the_instance_of_a_staticmethod_copy_may_have_its_own_name():
    assert header_drift("def get(self, steps):", "def get(components, steps):", instance_renamed=True) is None
    drift = header_drift("def get(self, steps, device):", "def get(components, steps):", instance_renamed=True)
    assert drift.parts == ("parameter `device` lost",)
    edit = one_line_header_edit("    def get(components, steps):\n", 7, "    def get(self, steps, device):", True)
    assert (edit.start_line, edit.end_line, edit.text) == (7, 8, "    def get(components, steps, device):\n")


def test_an_unreadable_header_is_a_difference_that_is_not_safe():
    drift = header_drift("def f(self, a):", "def f(self, a")
    assert drift is not None and not drift.safe


def test_a_comment_on_the_header_line_is_seen_a_hash_in_a_string_is_not():
    assert has_comment("    def f(self, x):  # noqa: E501\n")
    assert not has_comment('    def f(self, x="#"):\n')
    # A rewrite would drop the comment: unsafe, even for a drift that is otherwise safe.
    assert not header_drift("def f(self, s: float):", "def f(self, s):  # noqa: E501").safe
    assert header_drift("def f(self, s: float):", "def f(self, s):").safe
