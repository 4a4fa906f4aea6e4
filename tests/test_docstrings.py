"""The DOC family: the `Args:` reader, the fixture through the CLI, and the released trees."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from repo_lint.parsing import Unparsable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repo_lint.checks.docs.facts import DYNAMIC, MISSING, STATIC, read_docstring_facts  # noqa: E402

from tests.helpers import check_cli
from tests.realtrees import edit_file, fresh_copy, lint_json, tree_or_skip  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "docstrings"
SPECS = (("forward", ("ModelMixin",)), ("__call__", ("DiffusionPipeline",)))
DECORATORS = ("add_start_docstrings", "add_start_docstrings_to_model_forward", "auto_docstring")


def facts(text: str):
    return read_docstring_facts(text, SPECS, DECORATORS, "# ignore-order")


def test_reader_entries_params_and_positions():
    text = (
        "class A(mixins.ModelMixin):\n"
        "    def forward(self, x, /, y, *rest, z=1, **kw):\n"
        '        """Intro.\n'
        "\n"
        "        Args:\n"
        "            x (`int`): first\n"
        "                w: deeper, not an entry\n"
        "            y: second\n"
        "\n"
        "        Returns:\n"
        "            z: not in the section\n"
        '        """\n'
    )
    (method,) = facts(text).methods
    assert [(p.name, p.kind, p.line, p.column) for p in method.params] == [
        ("x", "posonly", 2, 23),
        ("y", "arg", 2, 29),
        ("z", "kwonly", 2, 39),
    ]
    assert method.docstring == STATIC and method.has_args_section
    assert [(e.name, e.line, e.column) for e in method.entries] == [("x", 6, 13), ("y", 8, 13)]


def test_reader_docstring_states_and_nested_classes():
    text = (
        "def outer():\n"
        "    class P(DiffusionPipeline):\n"
        "        @add_start_docstrings('x')\n"
        "        def __call__(self, a):\n"
        "            pass\n"
        "class M(ModelMixin):\n"
        "    def forward(self, a):\n"
        "        f'''{a}'''\n"
        "class N(ModelMixin):\n"
        "    def forward(self, a):\n"
        "        return a\n"
    )
    states = {m.class_name: (m.docstring, m.builder) for m in facts(text).methods}
    assert states == {"P": (DYNAMIC, "add_start_docstrings"), "M": (DYNAMIC, ""), "N": (MISSING, "")}


def test_reader_placeholders_only_in_docstrings():
    text = 'X = "<fill_type>"\n\ndef f():\n    """\n    a (`<fill_type>`): <fill_docstring>\n    """\n'
    found = [(p.text, p.line, p.column) for p in facts(text).placeholders]
    assert found == [("<fill_type>", 5, 9), ("<fill_docstring>", 5, 24)]


def test_unparsable_file_gives_no_facts():
    assert isinstance(facts("class (:\n"), Unparsable)  # the engine reports RL001


def test_options_turn_rules_off(tmp_path):
    broken = Path(shutil.copytree(FIXTURE / "broken", tmp_path / "broken"))
    config = broken / "pyproject.toml"
    config.write_text(
        config.read_text() + "\n[tool.repo-lint.docstrings]\ncheck-order = false\n"
        'ignore = ["ToyUndocumented.forward"]\ncall-folders = []\nplaceholder-folders = []\n'
    )
    codes = sorted(d["code"] for d in json.loads(check_cli(broken, "--output-format", "json").stdout))
    assert codes == ["DOC001", "DOC002", "DOC005"]


def test_explain_documents_every_rule():
    for code in ("DOC001", "DOC002", "DOC003", "DOC004", "DOC005", "DOC006", "DOC007"):
        result = subprocess.run([sys.executable, "-m", "repo_lint", "explain", code], capture_output=True, text=True)
        assert result.returncode == 0 and code in result.stdout, result.stderr


# Every DOC finding on the clean released trees, each a real defect (a test asserts they are exactly these).
_OPTIONAL = (
    "a dataclass field defaulting to `None` whose entry lacks `*optional*`; the reference (run with `--check_all`) "
    "reports the class too, but by default it only looks at files changed since `main`, so this slipped in"
)
_EMBED_TOKENS = (
    "`PPFormulaNetTextModel.__init__(self, config)` takes no `embed_tokens`, yet its (`@auto_docstring`-completed) "
    "docstring documents one: left over from the decoder it was adapted from"
)
REALTREE_DOC = {
    "diffusers": {},
    "transformers": {
        **{
            ("DOC006", "src/transformers/models/diffusion_gemma/generation_diffusion_gemma.py", line): _OPTIONAL
            for line in (254, 257, 260, 262, 264)
        },
        ("DOC002", "src/transformers/models/pp_formulanet/modeling_pp_formulanet.py", 778): _EMBED_TOKENS,
    },
}


@pytest.mark.realtree
@pytest.mark.parametrize("name", ["diffusers", "transformers"])
def test_released_trees_have_only_the_listed_defects(name):
    found = {(d["code"], d["path"], d["line"]) for d in lint_json(tree_or_skip(name), "--select", "DOC")}
    assert found == set(REALTREE_DOC[name])


LOGITS = "src/transformers/generation/logits_process.py"
_SIGNATURE = 'def __init__(self, min_length: int, eos_token_id: int | list[int] | torch.Tensor, device: str = "cpu"):'
_MIN_LENGTH_ENTRY = (
    "        min_length (`int`):\n"
    '            The minimum length below which the score of `eos_token_id` is set to `-float("Inf")`.\n'
)


@pytest.mark.realtree
def test_transformers_mutations_are_reported_and_fixed(tmp_path):
    """Change a default, delete an entry, rename a parameter of `MinLengthLogitsProcessor` (exported by the
    main init through `generation/__init__.py`): each is reported where it is, and `--fix` rewrites the
    `Args:` section so that only the placeholders it had to add are left (DOC004)."""
    work = fresh_copy(tree_or_skip("transformers"), tmp_path / "transformers")
    original = (work / LOGITS).read_text()
    assert _SIGNATURE in original and _MIN_LENGTH_ENTRY in original
    header = original[: original.index("        min_length (`int`):")].count("\n")  # 0-based line of the entry
    mutations = {
        "default": (
            original.replace(_SIGNATURE, _SIGNATURE.replace('"cpu"', '"cuda"')),
            {("DOC006", header + 5)},
            set(),
        ),
        "deleted entry": (original.replace(_MIN_LENGTH_ENTRY, ""), {("DOC001", header)}, {"DOC004"}),
        "renamed parameter": (
            original.replace(_SIGNATURE, _SIGNATURE.replace("eos_token_id:", "eos_ids:")),
            {("DOC001", header), ("DOC002", header + 3)},
            {"DOC004"},
        ),
    }
    for name, (text, expected, left_after_fix) in mutations.items():
        (work / LOGITS).write_text(text)
        found = {(d["code"], d["line"]) for d in lint_json(work, "--select", "DOC") if d["path"] == LOGITS}
        assert found == expected, name
        subprocess.run(
            [sys.executable, "-m", "repo_lint", "check", "--select", "DOC", "--fix", "-q"],
            cwd=work,
            capture_output=True,
            check=False,
        )
        after = lint_json(work, "--select", "DOC")
        assert {d["code"] for d in after if d["path"] == LOGITS} == left_after_fix, name
        fixed = (work / LOGITS).read_text()
        fixed = fixed[fixed.index("class MinLengthLogitsProcessor") :]
        fixed = fixed[: fixed.index("\nclass ")]
        if name == "default":
            assert 'device (`str`, *optional*, defaults to `"cuda"`):' in fixed
        if name == "renamed parameter":
            assert "eos_ids (`int | list[int] | torch.Tensor`): <fill_docstring>" in fixed
            assert "        eos_token_id (" not in fixed
        (work / LOGITS).write_text(original)


@pytest.mark.realtree
def test_diffusers_mutations_are_reported(tmp_path):
    work = fresh_copy(tree_or_skip("diffusers"), tmp_path / "diffusers")
    path = "src/diffusers/models/unets/unet_2d.py"
    text = (work / path).read_text()
    start = text.index("            class_labels (`torch.Tensor`, *optional*")
    end = text.index("\n            return_dict", start)
    (work / path).write_text(text[:start] + text[end + 1 :])
    edit_file(
        work,
        path,
        "            return_dict (`bool`, *optional*",
        "            old_arg (`int`): gone.\n            return_dict (`bool`, *optional*",
    )
    found = {(d["code"], d["path"]) for d in lint_json(work, "--select", "DOC")}
    assert found == {("DOC001", path), ("DOC002", path)}
    subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--select", "DOC", "--fix", "-q"], cwd=work, check=False
    )
    after = {(d["code"], d["path"]) for d in lint_json(work, "--select", "DOC")}
    assert after == {("DOC004", path)}  # the entry added for `class_labels` waits for its text
    fixed = (work / path).read_text()
    assert "old_arg" not in fixed
    added = fixed[fixed.index("            class_labels (") :].splitlines()[0]
    assert added.endswith("*optional*): <fill_docstring>"), added
    assert fixed.index("            class_labels (") < fixed.index("            return_dict (`bool`, *optional*")


STALE = "            old_arg (`int`):\n                Removed long ago,\n                over two lines.\n"
SD = "src/diffusers/pipelines/stable_diffusion/pipeline_stable_diffusion.py"
FLUX = "src/diffusers/models/transformers/transformer_flux.py"
UNET = "src/diffusers/models/unets/unet_2d.py"
# file -> (the line a stale entry is put before, or the text it is put after), one per place in a section
STALE_PLACES = {
    "first-entry": (FLUX, "            hidden_states (`torch.Tensor` of shape", "before"),
    "middle-entry": (UNET, "            return_dict (`bool`, *optional*", "before"),
    "last-entry": (SD, "`._callback_tensor_inputs` attribute of your pipeline class.\n", "after"),
    "last-model-entry": (FLUX, "                tuple.\n\n        Returns:", "inside"),
}


def _with_stale_entry(text: str, anchor: str, where: str) -> str:
    at = text.index(anchor)
    if where == "after":
        at += len(anchor)
    elif where == "inside":
        at += anchor.index("\n") + 1  # after the last entry's text, before the blank line that ends the section
    assert text.count(anchor) >= 1
    return text[:at] + STALE + text[at:]


@pytest.mark.realtree
@pytest.mark.parametrize("place", sorted(STALE_PLACES))
def test_diffusers_stale_entry_fix_agrees_with_the_script(tmp_path, place):
    """A stale `Args:` entry of a `forward`/`__call__` on the released diffusers tree: DOC002 reports it, and
    `--fix` removes exactly what `utils/check_forward_call_docstrings.py --fix` removes (read from the
    development tree at its pinned commit, run on a copy): both give back the released file."""
    from tests.devtrees import dev_file_or_skip

    script = dev_file_or_skip("diffusers", "utils/check_forward_call_docstrings.py").read_text(encoding="utf-8")
    path, anchor, where = STALE_PLACES[place]
    ours = fresh_copy(tree_or_skip("diffusers"), tmp_path / "ours")
    original = (ours / path).read_text(encoding="utf-8")
    edited = _with_stale_entry(original, anchor, where)
    (ours / path).write_text(edited, encoding="utf-8")
    stale_line = edited[: edited.index(STALE)].count("\n") + 1
    found = [(d["code"], d["line"]) for d in lint_json(ours, "--select", "DOC") if d["path"] == path]
    assert found == [("DOC002", stale_line)]
    subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--select", "DOC002", "--fix", "-q"], cwd=ours, check=False
    )
    theirs = tmp_path / "theirs"
    (theirs / "utils").mkdir(parents=True)
    (theirs / "utils" / "check_forward_call_docstrings.py").write_text(script, encoding="utf-8")
    (theirs / path).parent.mkdir(parents=True)
    (theirs / path).write_text(edited, encoding="utf-8")
    subprocess.run(
        [sys.executable, "utils/check_forward_call_docstrings.py", "--fix", "--paths", path],
        cwd=theirs,
        capture_output=True,
        check=False,
    )
    assert (theirs / path).read_text(encoding="utf-8") == original  # the script's own fix, for reference
    assert (ours / path).read_text(encoding="utf-8") == original
