"""MOD001/MOD004 through the engine: a conversion is cached by the content of every file it read (a run that
changes nothing it read converts nothing; an edit of the parent converts again), a changed set converts only
the modular files it can affect, the conversions of many files go through the process pool with the same
result, and a modular file the converter fails on is that file's MOD004, never a crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from repo_lint.checks.modular import conversions
from repo_lint.checks.modular.rules import (
    BERT_MODELING,
    BERT_MODULAR,
    CONVERTIBLE,
    GENERATED,
    LLAMA_MODELING,
    MODULAR,
    PARENT,
)
from repo_lint.checks.modular.segments import IMPORTS, parent_segments

from tests.helpers import check_json, run_cli, write
from tests.scratch_git import git, isolated_git_env

CONFIG = '[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["MOD"]\n'


def model_files(name: str) -> dict[str, str]:
    """A modular model `name` built on llama, with its generated file, like BERT in the rule's cases."""
    cased = name.capitalize()
    folder = f"src/pkg/models/{name}/"
    return {
        folder + f"modeling_{name}.py": BERT_MODELING.replace("bert", name).replace("Bert", cased),
        folder + f"modular_{name}.py": BERT_MODULAR.replace("Bert", cased),
    }


@pytest.fixture
def converted(monkeypatch):
    """The modular files the converter is called on, in this process."""
    calls: list[str] = []
    real = conversions.convert_modular

    def counting(text, path, *args):
        calls.append(path)
        return real(text, path, *args)

    monkeypatch.setattr(conversions, "convert_modular", counting)
    monkeypatch.setattr(conversions, "PARALLEL_THRESHOLD", 10_000)  # in-process, so the calls are seen
    return calls


def repository(tmp_path, files, config=CONFIG):
    root = tmp_path / "repo"  # the cache folder is outside it: a cache inside an unversioned tree is not trusted
    write(root, "pyproject.toml", config)
    for path, text in files.items():
        write(root, path, text)
    return root


def codes(findings):
    return sorted((f["code"], f["path"], f["line"]) for f in findings if f["code"].startswith("MOD"))


def test_a_conversion_is_cached_by_the_files_it_read(tmp_path, converted):
    root = repository(tmp_path, {**CONVERTIBLE, **model_files("gemma")})
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, findings = check_json(root, *cache)
    assert codes(findings) == [] and len(converted) == 2
    write(root, "src/pkg/other.py", "x = 1\n")  # a new file: the run is judged again, nothing it read changed
    converted.clear()
    _, findings = check_json(root, *cache)
    assert codes(findings) == [] and converted == []
    write(root, PARENT, LLAMA_MODELING.replace("hidden_size", "width"))
    _, findings = check_json(root, *cache)
    assert sorted(converted) == ["src/pkg/models/bert/modular_bert.py", "src/pkg/models/gemma/modular_gemma.py"]
    assert codes(findings) == [
        ("MOD001", GENERATED, 13),
        ("MOD001", "src/pkg/models/gemma/modeling_gemma.py", 13),
    ]


@pytest.mark.parametrize(
    ("edit", "converts", "stale"),
    [
        (lambda text: text + "# a comment appended\n", False, False),
        (lambda text: text.replace("return -x", "return -2 * x"), False, False),  # a definition bert does not use
        # LlamaMLP's `__init__`, which bert's MLP takes as it is: a new name used converts again, an edit that keeps
        # the names is patched into the cached conversion (patching.py)
        (lambda text: text.replace("= config.hidden_size", "= config.intermediate_size"), True, True),
        (lambda text: text.replace("= config.hidden_size", "= config.hidden_size + 0"), False, True),
        (lambda text: text.replace("from torch import nn", "from torch import nn\nimport math"), True, False),
        (lambda text: text + "\n\ndef added():\n    pass\n", True, False),  # a new name can change a lookup
    ],
    ids=["comment-appended", "unused-definition", "used-definition", "used-definition-patched", "imports", "new-name"],
)
def test_an_edit_of_a_parent_converts_again_only_when_the_conversion_used_it(
    tmp_path, converted, edit, converts, stale
):
    parent = LLAMA_MODELING + "\n\nclass LlamaOther(nn.Module):\n    def forward(self, x):\n        return -x\n"
    root = repository(tmp_path, {**CONVERTIBLE, PARENT: parent})
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, findings = check_json(root, *cache)
    assert codes(findings) == [] and len(converted) == 1
    converted.clear()
    write(root, PARENT, edit(parent))
    _, findings = check_json(root, *cache)
    assert converted == (["src/pkg/models/bert/modular_bert.py"] if converts else [])
    assert codes(findings) == ([("MOD001", GENERATED, 13)] if stale else [])
    converted.clear()
    _, again = check_json(root, *cache, "--select", "MOD001")  # another run key: judged again, from the cache
    assert codes(again) == codes(findings)
    assert converted == []  # the cache keeps the expected text of a stale generated file


@pytest.mark.parametrize(
    ("edit", "converts"),
    [
        (lambda text: text + "# a comment appended\n", False),
        (lambda text: text + "\n\nclass LlamaTextual:\n    pass\n", True),  # the prefix would now collide
    ],
    ids=["comment-appended", "colliding-class-added"],
)
def test_a_prefix_search_of_a_parent_is_recorded_as_its_answer(tmp_path, converted, edit, converts):
    # `BertTextMLP(LlamaMLP)` renames llama to the prefix `BertText`, unless a line of llama starts `class LlamaText`
    modular = BERT_MODULAR.replace("class BertMLP", "class BertTextMLP")
    root = repository(tmp_path, {MODULAR: modular, PARENT: LLAMA_MODELING})
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)
    assert converted == [MODULAR]
    converted.clear()
    write(root, PARENT, edit(LLAMA_MODELING))
    check_json(root, *cache)
    assert converted == ([MODULAR] if converts else [])


PARENT_WITH_HELPER = LLAMA_MODELING.replace("= config.hidden_size", "= helper(config.hidden_size)") + (
    "\n\ndef helper(x):\n    return x\n"
)
MODULAR_WITH_HELPER = BERT_MODULAR + "\n\ndef helper(x):\n    return x + 1\n"


@pytest.mark.parametrize(
    ("edit", "converts"),
    [
        (lambda text: text.replace("(x):\n    return x\n", "(x):\n    return x * 2\n"), False),  # not read
        (lambda text: text.replace("def helper(x):\n    return x\n", "helper = abs\n"), True),  # its kind
        (lambda text: text.replace("from torch import nn\n", "from torch import nn\n\nhelper = 1\n"), True),
    ],
    ids=["body-edited", "now-an-assignment", "defined-earlier"],
)
def test_a_parent_definition_the_modular_file_redefines_counts_by_its_kind_and_place(
    tmp_path, converted, edit, converts
):
    # BertMLP takes llama's `__init__`, which uses `helper`: bert's own `helper` is placed, and the converter asks
    # only whether llama's is an assignment and where llama defines it
    root = repository(tmp_path, {MODULAR: MODULAR_WITH_HELPER, PARENT: PARENT_WITH_HELPER})
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)
    assert converted == [MODULAR]
    converted.clear()
    assert edit(PARENT_WITH_HELPER) != PARENT_WITH_HELPER
    write(root, PARENT, edit(PARENT_WITH_HELPER))
    check_json(root, *cache)
    assert converted == ([MODULAR] if converts else [])


@pytest.mark.parametrize(
    ("edit", "patches"),
    [
        (lambda text: text.replace("(x):\n    return x\n", "(x):\n    # the identity\n    return x\n"), True),
        (lambda text: text.replace("(x):\n    return x\n", "(x):\n    return x * 2\n"), True),
        (lambda text: text.replace("(x):\n    return x\n", '(x):\n    """Llama\'s helper."""\n    return x\n'), False),
        (lambda text: text.replace("(x):\n    return x\n", "(x):\n    return abs(x)\n"), False),  # uses a new name
        (lambda text: text.replace("(x):\n    return x\n", "(x, y=1):\n    return x\n"), False),
        (lambda text: text.replace("return x\n", "return x + 0\n").replace("helper(config", "helper( config"), False),
        # a method bert's MLP takes as it is from LlamaMLP, whose other members must stay as they were
        (lambda text: text.replace("super().__init__()\n", "super().__init__()\n        # set up\n"), True),
        (lambda text: text.replace("(nn.Module):\n", '(nn.Module):\n    prefix = "model"\n\n'), False),
    ],
    ids=[
        "comment",
        "number",
        "docstring-words",
        "new-name",
        "new-parameter",
        "merged-class-too",
        "inherited-method",
        "class-attribute-added",
    ],
)
def test_an_edit_inside_a_definition_copied_whole_patches_the_conversion(tmp_path, converted, edit, patches):
    # bert's MLP takes llama's `__init__`, which uses `helper`: llama's `helper` is copied whole into bert's file;
    # an edit that keeps its words (names and strings) is patched into the cached text, anything else converts
    files = {**CONVERTIBLE, PARENT: PARENT_WITH_HELPER}
    fresh_root = repository(tmp_path / "fresh", files)
    check_json(fresh_root, "--no-cache", "--fix")  # the generated file as the converter makes it
    files[GENERATED] = (fresh_root / GENERATED).read_text(encoding="utf-8")
    root = repository(tmp_path, files)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    _, findings = check_json(root, *cache)
    assert codes(findings) == [] and converted == [MODULAR, MODULAR]
    converted.clear()
    assert edit(PARENT_WITH_HELPER) != PARENT_WITH_HELPER
    write(root, PARENT, edit(PARENT_WITH_HELPER))
    _, findings = check_json(root, *cache)
    assert converted == ([] if patches else [MODULAR])
    assert [code for code, path, _ in codes(findings)] == ["MOD001"]
    check_json(root, *cache, "--fix")
    patched_text = (root / GENERATED).read_text(encoding="utf-8")
    assert "helper" in patched_text and patched_text != files[GENERATED]
    converted.clear()
    _, findings = check_json(root, "--no-cache")  # converted from scratch: the patched text is the converter's
    assert codes(findings) == [] and converted == [MODULAR]


def test_a_stale_file_found_from_the_cache_is_reported_with_its_diff(tmp_path, converted):
    root = repository(tmp_path, CONVERTIBLE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)
    write(root, GENERATED, BERT_MODELING.replace("2 * x", "5 * x"))
    result, findings = check_json(root, *cache)
    assert codes(findings) == [("MOD001", GENERATED, 16)]
    assert findings[0]["data"] == {
        "generated": GENERATED,
        "modular": "src/pkg/models/bert/modular_bert.py",
        "parents": [PARENT],
    }


def test_a_changed_set_converts_only_what_it_can_affect(tmp_path, converted):
    other_parent = "src/pkg/models/mistral/modeling_mistral.py"
    gemma = model_files("gemma")
    gemma = {
        path: text.replace(
            "llama.modeling_llama import LlamaMLP", "mistral.modeling_mistral import MistralMLP"
        ).replace("(LlamaMLP)", "(MistralMLP)")
        for path, text in gemma.items()
    }
    files = {**CONVERTIBLE, **gemma, other_parent: LLAMA_MODELING.replace("Llama", "Mistral")}
    root = repository(tmp_path, files)
    _, findings = check_json(root, "--changed-files", PARENT)
    assert codes(findings) == [] and converted == ["src/pkg/models/bert/modular_bert.py"]
    converted.clear()
    _, findings = check_json(root, "--changed-files", "src/pkg/models/gemma/modeling_gemma.py")
    assert converted == ["src/pkg/models/gemma/modular_gemma.py"]


def test_the_process_pool_gives_the_same_findings(tmp_path, monkeypatch):
    files = dict(CONVERTIBLE)
    for name in ("gemma", "phi", "olmo", "cohere"):
        files.update(model_files(name))
    files["src/pkg/models/phi/modeling_phi.py"] += "# edited\n"
    root = repository(tmp_path, files)
    monkeypatch.setattr(conversions, "PARALLEL_THRESHOLD", 10_000)
    _, alone = check_json(root, "--no-cache")
    monkeypatch.setattr(conversions, "PARALLEL_THRESHOLD", 2)
    _, pooled = check_json(root, "--no-cache")
    assert codes(alone) == codes(pooled) == [("MOD001", "src/pkg/models/phi/modeling_phi.py", 17)]


def test_the_preset_converts_only_for_changed_files_or_when_selected(tmp_path, converted):
    config = '[tool.repo-lint]\npreset = "transformers"\npackage = "pkg"\nsource = "src/pkg"\n'
    root = repository(tmp_path, {**CONVERTIBLE, GENERATED: BERT_MODELING.replace("2 * x", "5 * x")}, config)
    _, findings = check_json(root, "--no-cache")
    assert [f for f in findings if f["code"] == "MOD001"] == [] and converted == []
    _, findings = check_json(root, "--no-cache", "--select", "MOD")
    assert codes(findings) == [("MOD001", GENERATED, 16)]
    # the pre-commit hook with only the parent changed: the generated file built on it is reported
    write(root, GENERATED, BERT_MODELING)
    write(root, PARENT, LLAMA_MODELING.replace("hidden_size", "width"))
    _, findings = check_json(root, "--no-cache", "--changed-files", PARENT)
    assert codes(findings) == [("MOD001", GENERATED, 13)]


NESTED = "from ..llama.modeling_llama import LlamaMLP\n\nclass BertMLP(LlamaMLP):\n    x = " + "(" * 400 + ")" * 400
# 90 nested `if` blocks in a method parse in CPython; the converter (libcst, renaming visitors) may not follow
DEEP_IF = "    def forward(self, x):\n" + "".join("    " * (depth + 2) + "if x:\n" for depth in range(90))
DEEP_IF += "    " * 92 + "pass\n"


@pytest.mark.parametrize(
    ("modular", "expected"),
    [
        (NESTED, [("modular", "RL001")]),  # CPython's limit: the file does not parse, RL001 alone says so
        ("from ..llama.modeling_llama import *\n", [("modular", "MOD004")]),
        ("from ..llama.modeling_llama import LlamaMLP\n\nclass BertMLP(LlamaMLP:\n", [("modular", "RL001")]),
        # converted (libcst follows that deep): the generated file is not what it converts to
        (
            "from ..llama.modeling_llama import LlamaMLP\n\nclass BertMLP(LlamaMLP):\n" + DEEP_IF,
            [("generated", "MOD001")],
        ),
    ],
    ids=["nested-parentheses", "star-import", "syntax-error", "deep-statements"],
)
def test_a_modular_file_the_converter_fails_on_is_its_finding(tmp_path, modular, expected):
    root = repository(tmp_path, {**CONVERTIBLE, "src/pkg/models/bert/modular_bert.py": modular})
    result, findings = check_json(root, "--no-cache")
    assert result.returncode == 1
    files = {"src/pkg/models/bert/modular_bert.py": "modular", GENERATED: "generated"}
    assert [(files[f["path"]], f["code"]) for f in findings if f["path"] in files] == expected, findings


def test_converted_code_cpython_cannot_parse_is_the_modular_files_finding(tmp_path, monkeypatch, converted):
    # a converter bug that writes broken code: the statement is parsed when the file's imports are chosen
    from repo_lint.checks.modular import code

    real = code._CODEGEN

    class Broken:
        def code_for_node(self, node):
            text = real.code_for_node(node)
            return text.replace("class BertMLP(nn.Module):", "class BertMLP(nn.Module:")

    monkeypatch.setattr(code, "_CODEGEN", Broken())
    root = repository(tmp_path, {**CONVERTIBLE, **model_files("gemma")})
    _, findings = check_json(root, "--no-cache")
    assert codes(findings) == [("MOD004", MODULAR, 1)]
    assert "SyntaxError" in next(f["message"] for f in findings if f["code"] == "MOD004")


def test_a_fix_for_a_changed_parent_regenerates_the_grandchild_too(tmp_path):
    """`--changed-files` of the parent: bert and gemma (both built on llama) are regenerated in the first round;
    tiny, built on bert's generated file, is converted again in the second because bert's file changed in memory
    (and its finding is reported although neither it nor its parents are among the changed files)."""
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "modular"
    root = Path(shutil.copytree(fixture / "broken", tmp_path / "repo"))
    parent = "src/transformers/models/llama/modeling_llama.py"
    result = run_cli(root, "check", "--no-cache", "--fix", "--changed-files", parent)
    assert "Fixed 3 errors" in result.stdout, result.stdout
    for path in ("bert/modeling_bert.py", "gemma/modeling_gemma.py", "tiny/modeling_tiny.py"):
        assert (root / "src/transformers/models" / path).read_bytes() == (
            fixture / "fixed/src/transformers/models" / path
        ).read_bytes()


def test_segments_cover_statements_that_share_a_line():
    first = parent_segments("import a; import b\nx = 1; y = 2\n")
    second = parent_segments("import a; import c\nx = 1; y = 3\n")
    assert first.digests[IMPORTS] != second.digests[IMPORTS]
    assert first.digests["y"] != second.digests["y"]


def test_a_ruff_that_cannot_run_is_a_finding_not_a_false_difference(tmp_path, converted):
    config = CONFIG + '\n[tool.ruff]\nextend = "missing-base.toml"\n'  # ruff exits 2: the base is not there
    root = repository(tmp_path, CONVERTIBLE, config)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    for run in range(2):  # the failure is not cached: the second run (of another tree) converts again
        write(root, "src/pkg/other.py", f"x = {run}\n")
        _, findings = check_json(root, *cache)
        assert [(f["code"], f["path"]) for f in findings if f["code"].startswith("MOD")] == [
            ("MOD004", "src/pkg/models/bert/modular_bert.py")
        ]
        assert "ruff" in findings[0]["message"]
    assert len(converted) == 2


def test_a_hand_edit_undone_by_the_fix_is_no_longer_a_hand_edit(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("GIT NOT ON PATH")
    env = isolated_git_env(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    root = repository(tmp_path, CONVERTIBLE)
    git(root, env, "init", "-q")
    git(root, env, "add", "-A")
    git(root, env, "commit", "-q", "-m", "start")
    write(root, GENERATED, BERT_MODELING.replace("2 * x", "5 * x"))
    _, findings = check_json(root, "--no-cache", "--changed-files", GENERATED)
    assert sorted(f["code"] for f in findings) == ["MOD001", "MOD002"]
    run_cli(root, "check", "--no-cache", "--changed-files", GENERATED, "--fix")
    _, findings = check_json(root, "--no-cache", "--changed-files", GENERATED)
    assert findings == []


def test_a_hand_edit_after_a_warm_run_is_converted_once_for_its_diff(tmp_path, converted):
    root = repository(tmp_path, CONVERTIBLE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    check_json(root, *cache)
    write(root, GENERATED, BERT_MODELING.replace("2 * x", "5 * x"))
    converted.clear()
    for run in range(2):
        write(root, "src/pkg/other.py", f"x = {run}\n")  # another tree each time: no run-cache answer
        _, findings = check_json(root, *cache)
        assert codes(findings) == [("MOD001", GENERATED, 16)]
    assert converted == ["src/pkg/models/bert/modular_bert.py"]  # once: the second run has the text cached


def test_a_difference_says_when_the_repository_pins_another_ruff(tmp_path):
    root = repository(tmp_path, {**CONVERTIBLE, GENERATED: BERT_MODELING.replace("2 * x", "5 * x")})
    write(root, "setup.py", 'extras = ["ruff==0.0.1"]\n')
    _, findings = check_json(root, "--no-cache")
    assert findings[0]["message"].endswith("; the repository pins ruff==0.0.1)")
    write(root, "setup.py", "extras = []\n")
    _, findings = check_json(root, "--no-cache")
    assert findings[0]["message"].endswith("regenerate it")
