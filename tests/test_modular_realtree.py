"""MOD001/MOD004 on the released transformers 5.23.0 tree, by mutation: a hand edit in a generated file, an edit
of a modular file that was not regenerated, an edit of a parent module that several modular files inherit from,
a renamed parent class and a removed parent module. Each is found at the right file and line, and `--fix`
writes the expected bytes (the release's own bytes for an edit that it undoes).

Only modular files that repo-lint's converter reproduces byte for byte are mutated (the others are MOD004; the
reproduction is measured by `benchmarks/modular_reproduction.py`). Runs use `--changed-files`, so that only the
modular files a mutation can affect are converted, as in the pre-commit hook."""

from __future__ import annotations

import pytest

from tests.helpers import check_json, run_cli
from tests.realtrees import fresh_copy, tree_or_skip

pytestmark = pytest.mark.realtree

M = "src/transformers/models/"
EDITED = "# edited\n{indent}return"  # a comment line above a `return`: carried to the generated file as it is


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return fresh_copy(tree_or_skip("transformers"), tmp_path_factory.mktemp("modular") / "transformers")


@pytest.fixture(scope="module")
def select(tmp_path_factory):
    """The rules, with one cache folder for the module's runs (outside the tree): a run converts only what its
    mutation changed, which is also what this tests (a conversion is cached by the content of what it read)."""
    return ("--select", "MOD001,MOD004", "--cache-dir", str(tmp_path_factory.mktemp("cache")))


class Mutation:
    """Replace the first `old` after `anchor` in a file of the tree, undone on exit."""

    def __init__(self, root, path: str, old: str, new: str, anchor: str = ""):
        self.file = root / path
        self.original = self.file.read_bytes()
        text = self.original.decode()
        start = text.index(anchor) if anchor else 0
        at = text.index(old, start)
        self.line = text.count("\n", 0, at) + 1
        line_start = text.rfind("\n", 0, at) + 1
        new = new.format(indent=text[line_start:at])
        self.file.write_bytes((text[:at] + new + text[at + len(old) :]).encode())

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.write_bytes(self.original)


def line_of(root, path: str, needle: str, anchor: str = "") -> int:
    text = (root / path).read_text()
    return text.count("\n", 0, text.index(needle, text.index(anchor) if anchor else 0)) + 1


def mod001(findings) -> dict[str, int]:
    return {f["path"]: f["line"] for f in findings if f["code"] == "MOD001"}


def built_on(root, module: str) -> set[str]:
    """The generated files whose modular file imports from `module` (read here with the banners and the
    imports, independently of the check)."""
    from repo_lint.checks.modular.facts import modular_parents

    found = set()
    for modular in (root / M).glob("*/modular_*.py"):
        path = modular.relative_to(root).as_posix()
        if module.removesuffix(".py") not in modular_parents(
            modular.read_text(), path, "transformers", "src/transformers"
        ):
            continue
        banner = f"This file was automatically generated from {path}."
        found |= {p.relative_to(root).as_posix() for p in modular.parent.glob("*.py") if banner in p.read_text()[:2000]}
    return found


# (generated file, text replaced, its replacement, where to look for it) - in files of eight different models
HAND_EDITS = [
    (M + "arcee/modeling_arcee.py", "self.act_fn(self.up_proj(x))", "self.act_fn(self.up_proj(x * 2))", ""),
    (M + "gpt_neox/modeling_gpt_neox.py", "return", EDITED, "def forward"),
    (M + "sew/modeling_sew.py", "return", EDITED, "def forward"),
    (M + "vipllava/modeling_vipllava.py", "super().__init__()", "super().__init__()  # edited", ""),
    (M + "dbrx/modeling_dbrx.py", "return", EDITED, "def forward"),
    (M + "ministral3/modeling_ministral3.py", "eps: float = 1e-6", "eps: float = 1e-5", ""),
    (M + "timesfm/modeling_timesfm.py", "return", EDITED, "def forward"),
    (M + "voxtral/modeling_voxtral.py", "return", EDITED, "def forward"),
]


@pytest.mark.parametrize(("path", "old", "new", "anchor"), HAND_EDITS, ids=[e[0].split("/")[-2] for e in HAND_EDITS])
def test_a_hand_edit_in_a_generated_file(tree, select, path, old, new, anchor):
    dependents = built_on(tree, path)  # modular files that inherit from this generated file see the edit too
    originals = {other: (tree / other).read_bytes() for other in dependents}
    original = (tree / path).read_bytes()
    baseline = mod001(check_json(tree, *select, "--changed-files", path)[1])  # the files converted wrongly
    with Mutation(tree, path, old, new, anchor) as edit:
        _, findings = check_json(tree, *select, "--changed-files", path)
        found = {key: line for key, line in mod001(findings).items() if baseline.get(key) != line}
        assert found[path] == edit.line and set(found) <= {path, *dependents}
        finding = next(f for f in findings if f["code"] == "MOD001" and f["path"] == path)
        assert finding["data"]["modular"] == path.replace("/modeling_", "/modular_")
        result = run_cli(tree, "check", *select, "--changed-files", path, "--fix")
        assert "Fixed" in result.stdout, result.stdout
        assert (tree / path).read_bytes() == original  # the regeneration undoes the edit
        for other in dependents:  # and its dependents are judged again with the regenerated file
            (tree / other).write_bytes(originals[other])


# (modular file, text replaced, replacement, anchor, the generated file and the text that shows the edit there)
MODULAR_EDITS = [
    (M + "arcee/modular_arcee.py", "ArceeMLP", "ArceeMLP", "", None),  # unchanged text: still clean, no MOD004
    (M + "gpt_neox/modular_gpt_neox.py", "return", EDITED, "    def ", M + "gpt_neox/modeling_gpt_neox.py"),
    (M + "sew/modular_sew.py", "return", EDITED, "    def ", M + "sew/modeling_sew.py"),
    (M + "vipllava/modular_vipllava.py", "return", EDITED, "    def ", M + "vipllava/modeling_vipllava.py"),
    (M + "voxtral/modular_voxtral.py", "return", EDITED, "    def ", M + "voxtral/modeling_voxtral.py"),
    (M + "dbrx/modular_dbrx.py", "return", EDITED, "    def ", M + "dbrx/modeling_dbrx.py"),
    (M + "radio/modular_radio.py", "return", EDITED, "    def ", M + "radio/modeling_radio.py"),
    (M + "timesfm/modular_timesfm.py", "return", EDITED, "    def ", M + "timesfm/modeling_timesfm.py"),
]


@pytest.mark.parametrize(
    ("path", "old", "new", "anchor", "generated"), MODULAR_EDITS, ids=[e[0].split("/")[-2] for e in MODULAR_EDITS]
)
def test_an_edit_in_a_modular_file_not_regenerated(tree, select, path, old, new, anchor, generated):
    with Mutation(tree, path, old, new, anchor):
        _, findings = check_json(tree, *select, "--changed-files", path)
        found = mod001(findings)
        if generated is None:
            assert found == {} and [f for f in findings if f["code"] == "MOD004"] == []
            return
        assert list(found) == [generated]
        original = (tree / generated).read_bytes()
        try:
            run_cli(tree, "check", *select, "--changed-files", path, "--fix")
            fixed = (tree / generated).read_text()
            marker = "# edited"
            assert fixed.count(marker) == original.decode().count(marker) + 1
            assert found[generated] == line_of(tree, generated, marker)  # the finding was where the edit lands
            _, again = check_json(tree, *select, "--changed-files", path)
            assert mod001(again) == {}
        finally:
            (tree / generated).write_bytes(original)


# (parent module, text replaced, replacement): the RMSNorm docstring, which many models inherit
PARENT_EDITS = [
    (M + "mistral/modeling_mistral.py", "is equivalent to T5LayerNorm", "is the same as T5LayerNorm"),
    (M + "llama/modeling_llama.py", "is equivalent to T5LayerNorm", "is the same as T5LayerNorm"),
]


# read from the modular files: these take their RMSNorm from that parent (directly or through a layer)
MUST_FOLLOW = {
    M + "mistral/modeling_mistral.py": {M + "ministral3/modeling_ministral3.py", M + "mistral3/modeling_mistral3.py"},
    M + "llama/modeling_llama.py": {M + "arcee/modeling_arcee.py", M + "timesfm/modeling_timesfm.py"},
}


@pytest.mark.parametrize(("path", "old", "new"), PARENT_EDITS, ids=[e[0].split("/")[-2] for e in PARENT_EDITS])
def test_an_edit_in_a_parent_reports_every_dependent(tree, select, path, old, new):
    # a generated file built on the parent that holds the edited text, at the line that holds it (the parent
    # itself too when it is a generated file: then it was edited by hand); one that holds the same text from
    # another parent is not reported
    candidates = built_on(tree, path) | (
        {path} if "automatically generated" in (tree / path).read_text()[:2000] else set()
    )
    holding = {
        generated: line_of(tree, generated, old) for generated in candidates if old in (tree / generated).read_text()
    }
    baseline = mod001(check_json(tree, *select, "--changed-files", path)[1])  # the files converted wrongly
    with Mutation(tree, path, old, new):
        _, findings = check_json(tree, *select, "--changed-files", path)
    found = {key: line for key, line in mod001(findings).items() if baseline.get(key) != line}
    assert {key: holding.get(key) for key in found} == found
    assert MUST_FOLLOW[path] <= set(found), sorted(found)
    assert all(path in [f["path"], *f["data"]["parents"]] for f in findings if f["code"] == "MOD001")


def test_a_renamed_parent_class(tree, select):
    with Mutation(tree, M + "mistral/modeling_mistral.py", "class MistralRMSNorm(", "class MistralRootNorm("):
        _, findings = check_json(tree, *select, "--changed-files", M + "mistral/modeling_mistral.py")
    mistral3 = M + "mistral3/modular_mistral3.py"
    found = {f["path"]: f for f in findings if f["code"] == "MOD004" and f["path"] == mistral3}
    assert "MistralRMSNorm" in found[mistral3]["message"]
    assert found[mistral3]["line"] == line_of(tree, mistral3, "(MistralRMSNorm)")  # the class built on it


def test_a_removed_parent_module(tree, select):
    parent = tree / M / "wav2vec2/modeling_wav2vec2.py"
    original = parent.read_bytes()
    parent.unlink()
    try:
        _, findings = check_json(tree, *select, "--changed-files", M + "sew/modular_sew.py")
    finally:
        parent.write_bytes(original)
    sew = M + "sew/modular_sew.py"
    found = [f for f in findings if f["path"] == sew]
    assert [f["code"] for f in found] == ["MOD004"]
    assert "modeling_wav2vec2" in found[0]["message"]
    assert found[0]["line"] == line_of(tree, sew, "from ..wav2vec2.modeling_wav2vec2")


def test_an_edit_inside_a_definition_many_files_copy_is_patched_into_their_conversions(tree, select, monkeypatch):
    # llama's `rotate_half` is copied whole into the generated files of the rotary models built on llama: an edit
    # that keeps its names and strings (a comment, a changed number) is patched into their cached conversions,
    # with the findings (the full diff included) of converting them all from scratch
    from repo_lint.checks.modular import conversions

    path = M + "llama/modeling_llama.py"
    baseline = mod001(check_json(tree, *select, "--changed-files", path)[1])
    calls = []
    real = conversions.convert_modular
    monkeypatch.setattr(conversions, "PARALLEL_THRESHOLD", 10_000)  # in-process, so the calls are seen
    monkeypatch.setattr(
        conversions, "convert_modular", lambda text, modular, *a: calls.append(modular) or real(text, modular, *a)
    )
    edit = "def rotate_half(x):\n    # edited\n"
    with Mutation(tree, path, "def rotate_half(x):\n", edit), Mutation(tree, path, "dim=-1)", "dim=-1 + 0)", edit):
        _, patched = check_json(tree, *select, "--changed-files", path)
        assert calls == []
        monkeypatch.undo()
        _, converted = check_json(tree, "--select", "MOD001,MOD004", "--no-cache", "--changed-files", path)
    new = {key for key, line in mod001(patched).items() if baseline.get(key) != line}
    holding = {
        generated for generated in built_on(tree, path) if "def rotate_half(x):\n" in (tree / generated).read_text()
    }
    assert len(new) >= 40 and new <= holding
    assert sorted(patched, key=repr) == sorted(converted, key=repr)
