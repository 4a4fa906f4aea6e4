"""The TOC family: the toctree reader and its line edits, doctest lists, model doc pages, the `toc`
fixture through the CLI, and the released trees (which ship no docs: nothing to report)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repo_lint.checks.toc.doctest_lists import read_doctest_list, sorted_text  # noqa: E402
from repo_lint.checks.toc.judge import doc_page_candidates  # noqa: E402
from repo_lint.checks.toc.toctree import read_toctree  # noqa: E402

from repo_lint.config import load_config  # noqa: E402
from repo_lint.engine import RunRequest, run  # noqa: E402
from repo_lint.registry import check_sections  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "toc"
TOCTREE = "docs/source/en/_toctree.yml"
MODELS_PART = ("API", "Models")
PYPROJECT = '[tool.repo-lint]\npackage = "transformers"\nsource = "src/transformers"\nselect = ["TOC"]\n'


def make_tree(root: Path, files: dict[str, str], extra_config: str = "") -> Path:
    # The package folder exists (an empty one: no model folder needs a doc page unless a test adds one).
    files = {"pyproject.toml": PYPROJECT + extra_config, "src/transformers/__init__.py": "", **files}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())
    return root


def lint(root: Path, *, diff: bool = False):
    """An in-process run (`diff=True`: fixes computed in memory, nothing written)."""
    config = load_config(root, None, check_sections())
    return run(config, RunRequest(diff=diff))


def findings(root: Path) -> list[tuple[str, str, int]]:
    return [(d.code, d.path, d.line) for d in lint(root).diagnostics]


def toctree_text(*sections: tuple[str, list[tuple[str, str]]], tail: str = "\n") -> str:
    """A toctree whose API -> Models part holds the given modalities of (local, title) entries."""
    out = [
        "- title: Get started\n  sections:\n  - local: index\n    title: Home\n",
        "- title: API\n  sections:\n  - title: Models\n    isExpanded: false\n    sections:\n",
    ]
    for title, entries in sections:
        out.append(f"    - title: {title}\n      sections:\n")
        out.extend(f"      - local: {local}\n        title: {name}\n" for local, name in entries)
    out.append("  - title: Internal\n    sections:\n    - local: internal/utils\n      title: Utilities\n")
    text = "".join(out)
    return text[:-1] + tail if tail != "\n" else text


def model_sections(text: str) -> dict[str, list[dict]]:
    """The modalities of the model part, as yaml.safe_load reads them."""
    api = next(part for part in yaml.safe_load(text) if part["title"] == "API")
    models = next(part for part in api["sections"] if part["title"] == "Models")
    return {part["title"]: part["sections"] for part in models["sections"] if "sections" in part}


def expected_clean(entries: list[dict]) -> list[dict]:
    """What a clean modality must hold: exact repeats of a `local` dropped, then sorted by lower-cased title."""
    kept, seen = [], set()
    for entry in entries:
        key = (entry["local"], entry["title"])
        if key not in seen:
            kept.append(entry)
        seen.add(key)
    return sorted(kept, key=lambda entry: entry["title"].lower())


# --- the toctree reader ----------------------------------------------------------------------------------


def test_reader_gives_each_modality_and_the_line_block_of_each_entry():
    text = (FIXTURE / "broken" / TOCTREE).read_text()
    toctree = read_toctree(text, MODELS_PART)
    assert toctree.error is None
    assert [s.title for s in toctree.sections] == ["Text models", "Vision models", "Audio models"]
    text_models = toctree.sections[0]
    assert text_models.editable
    assert [(e.local, e.title) for e in text_models.entries] == [
        ("model_doc/bertweet", "Bertweet"),
        ("model_doc/bert-generation", "BertGeneration"),
        ("model_doc/bert", "BERT"),
    ]
    lines = text.split("\n")
    bertweet, generation, bert = text_models.entries
    assert (bertweet.start, bertweet.line, bertweet.end) == (19, 19, 22)  # the extra `isExpanded` key included
    assert lines[generation.start].strip().startswith("# BertGeneration")  # the comment above travels with it
    assert generation.line == generation.start + 1
    assert bert.end == 27 and lines[bert.end].strip() == "- title: Vision models"


def test_reader_skips_pages_of_the_model_part_that_are_no_modality():
    text = toctree_text(("Text models", [("model_doc/b", "B")])).replace(
        "    sections:\n    - title: Text models",
        "    sections:\n    - local: model_summary\n      title: Overview\n    - title: Text models",
    )
    assert [s.title for s in read_toctree(text, MODELS_PART).sections] == ["Text models"]


def test_reader_reports_a_missing_part_and_a_parse_error():
    assert (
        "no `Models` part" in read_toctree("- title: API\n  sections:\n  - local: x\n    title: X\n", MODELS_PART).error
    )
    broken = read_toctree("- title: API\n  sections: [\n", MODELS_PART)
    assert broken.error.startswith("cannot parse the YAML")


# --- the sort and dedupe edits ---------------------------------------------------------------------------


def _outside(text: str, first: int, last: int) -> tuple[list[str], list[str]]:
    lines = text.splitlines(keepends=True)
    return lines[:first], lines[last:]


def test_sort_fix_moves_blocks_keeps_every_other_byte_and_parses(tmp_path):
    text = toctree_text(
        (
            "Text models",
            [
                ("model_doc/gpt2", "GPT2"),
                ("model_doc/bert", "BERT"),
                ("model_doc/albert", "ALBERT"),
                ("model_doc/bert", "BERT"),
                ("model_doc/bart", "bart"),
            ],
        ),
        ("Vision models", [("model_doc/vit", "ViT"), ("model_doc/beit", "BEiT")]),
    )
    root = make_tree(tmp_path, {TOCTREE: text})
    assert [(d.code, d.line, d.fixable) for d in lint(root).diagnostics] == [
        ("TOC001", 12, True),
        ("TOC002", 18, True),
        ("TOC001", 24, True),
    ]
    new = lint(root, diff=True).changes[TOCTREE][1]
    parsed, before = model_sections(new), model_sections(text)
    assert parsed == {title: expected_clean(entries) for title, entries in before.items()}
    # the lines before the first modality entry and after the last one are untouched
    first = text.index("      - local:")
    head = text[:first]
    assert new.startswith(head)
    tail = text[text.index("  - title: Internal") :]
    assert new.endswith(tail)
    # only the repeated BERT entry is gone: every other line is still there, moved
    removed = ["      - local: model_doc/bert\n", "        title: BERT\n"]
    assert sorted(new.splitlines(keepends=True) + removed) == sorted(text.splitlines(keepends=True))


def test_dedupe_fix_alone_removes_the_later_exact_repeat(tmp_path):
    text = toctree_text(
        (
            "Text models",
            [
                ("model_doc/albert", "ALBERT"),
                ("model_doc/bert", "BERT"),
                ("model_doc/bert", "BERT"),
                ("model_doc/gpt2", "GPT2"),
            ],
        )
    )
    root = make_tree(tmp_path, {TOCTREE: text})
    assert [(d.code, d.line, d.fixable) for d in lint(root).diagnostics] == [("TOC002", 16, True)]
    new = lint(root, diff=True).changes[TOCTREE][1]
    assert new == text.replace("      - local: model_doc/bert\n        title: BERT\n", "", 1)
    assert [e["local"] for e in model_sections(new)["Text models"]] == [
        "model_doc/albert",
        "model_doc/bert",
        "model_doc/gpt2",
    ]


def test_a_repeat_with_another_title_is_reported_but_not_fixed(tmp_path):
    text = toctree_text(("Text models", [("model_doc/bert", "BERT"), ("model_doc/bert", "Bert (old)")]))
    root = make_tree(tmp_path, {TOCTREE: text})
    result = lint(root, diff=True)
    assert [(d.code, d.line, d.fixable) for d in result.diagnostics] == [("TOC002", 14, False)]
    assert result.changes == {}


def test_sort_fix_of_the_last_section_of_a_file_without_final_newline(tmp_path):
    text = (
        "- title: API\n  sections:\n  - title: Models\n    sections:\n    - title: Text models\n      sections:\n"
        "      - local: model_doc/gpt2\n        title: GPT2\n      - local: model_doc/bert\n        title: BERT"
    )
    root = make_tree(tmp_path, {TOCTREE: text})
    new = lint(root, diff=True).changes[TOCTREE][1]
    assert not new.endswith("\n")
    assert new == text.replace("      - local: model_doc/gpt2\n        title: GPT2\n", "") + (
        "\n      - local: model_doc/gpt2\n        title: GPT2"
    )
    assert [e["title"] for e in model_sections(new)["Text models"]] == ["BERT", "GPT2"]


def test_a_flow_style_section_is_reported_without_a_fix(tmp_path):
    text = (
        "- title: API\n  sections:\n  - title: Models\n    sections:\n    - title: Text models\n"
        "      sections: [{local: model_doc/gpt2, title: GPT2}, {local: model_doc/bert, title: BERT}]\n"
    )
    root = make_tree(tmp_path, {TOCTREE: text})
    assert [(d.code, d.fixable) for d in lint(root).diagnostics] == [("TOC001", False)]


def test_a_toctree_without_the_model_part_is_reported(tmp_path):
    root = make_tree(tmp_path, {TOCTREE: "- title: Get started\n  sections:\n  - local: index\n    title: Home\n"})
    [finding] = lint(root).diagnostics
    assert finding.code == "TOC001" and "cannot be checked" in finding.message and not finding.fixable


def test_the_models_part_option_moves_or_disables_the_check(tmp_path):
    text = toctree_text(("Text models", [("model_doc/gpt2", "GPT2"), ("model_doc/bert", "BERT")]))
    root = make_tree(tmp_path, {TOCTREE: text}, "\n[tool.repo-lint.toc]\nmodels-part = []\n")
    assert findings(root) == []


# --- doctest lists ---------------------------------------------------------------------------------------


def test_doctest_list_reader_and_the_fixed_text():
    text = "src/b.py  # slow\n\nsrc/a.py\n"
    entries = read_doctest_list(text)
    assert [(e.path, e.line) for e in entries] == [("src/b.py", 1), ("", 2), ("src/a.py", 3)]
    # the first words, sorted, one a line: the blank line sorts first, the comment is dropped
    assert sorted_text(entries) == "\nsrc/a.py\nsrc/b.py\n"
    assert [e.path for e in read_doctest_list("a\nb")] == ["a", "b"]


def test_doctest_lists_missing_paths_folders_and_order(tmp_path):
    root = make_tree(
        tmp_path,
        {
            "src/transformers/models/bert/modeling_bert.py": "",
            "utils/not_doctested.txt": "src/transformers/models/bert\nsrc/transformers/models/bert/gone.py\n",
            "utils/slow_documentation_tests.txt": "src/transformers/models/bert/modeling_bert.py\nsrc/transformers\n",
        },
    )
    assert findings(root) == [
        ("TOC003", "utils/not_doctested.txt", 2),
        ("TOC004", "utils/slow_documentation_tests.txt", 2),
    ]
    assert lint(root, diff=True).changes["utils/slow_documentation_tests.txt"][1] == (
        "src/transformers\nsrc/transformers/models/bert/modeling_bert.py\n"
    )


def test_the_doctest_lists_are_configurable(tmp_path):
    root = make_tree(
        tmp_path,
        {"docs/doctests.txt": "b.txt\na.txt\n", "a.txt": "", "b.txt": ""},
        '\n[tool.repo-lint.toc]\ndoctest-lists = ["docs/doctests.txt"]\n',
    )
    assert findings(root) == [("TOC004", "docs/doctests.txt", 2)]


# --- model doc pages -------------------------------------------------------------------------------------


def test_doc_page_spellings():
    assert doc_page_candidates("d/{name}.md", "x_clip") == ["d/x_clip.md", "d/x-clip.md", "d/xclip.md"]
    assert doc_page_candidates("d/{name}.md", "bert") == ["d/bert.md"]


def test_every_model_folder_needs_a_doc_page(tmp_path):
    models = "src/transformers/models"
    files = {
        f"{models}/__init__.py": "",
        f"{models}/deprecated/__init__.py": "",
        f"{models}/deprecated/old/__init__.py": "",
        f"{models}/auto/__init__.py": "",
        f"{models}/bert_generation/__init__.py": "",
        f"{models}/x_clip/__init__.py": "",
        f"{models}/newmodel/__init__.py": "",
        f"{models}/notes/README.md": "",
        "docs/source/en/model_doc/auto.md": "",
        "docs/source/en/model_doc/bert-generation.md": "",
        "docs/source/en/model_doc/xclip.md": "",
    }
    root = make_tree(tmp_path / "a", files)
    assert findings(root) == [("TOC005", f"{models}/newmodel/__init__.py", 1)]
    ignored = make_tree(tmp_path / "b", files, '\n[tool.repo-lint.toc]\nignore-models = ["newmodel"]\n')
    assert findings(ignored) == []


def test_a_tree_without_docs_reports_nothing(tmp_path):
    """A released sdist has no `docs/` and no `utils/`: the family has nothing to check."""
    root = make_tree(tmp_path, {"src/transformers/__init__.py": "", "src/transformers/models/bert/__init__.py": ""})
    assert findings(root) == []


# --- the `toc` fixture through the CLI -------------------------------------------------------------------


# --- the released trees ----------------------------------------------------------------------------------


@pytest.mark.realtree
def test_released_transformers_tree_gives_no_toc_finding():
    from tests.realtrees import lint_json, tree_or_skip

    assert lint_json(tree_or_skip("transformers"), "--select", "TOC") == []


@pytest.mark.realtree
def test_released_diffusers_tree_gives_no_toc_finding():
    from tests.realtrees import lint_json, tree_or_skip

    assert lint_json(tree_or_skip("diffusers"), "--select", "TOC") == []


def test_fixture_toctree_is_the_reference_layout():
    """The fixture's toctree has the modality layout the reference walks (API -> Models -> sections)."""
    sections = model_sections((FIXTURE / "clean" / TOCTREE).read_text())
    assert list(sections) == ["Text models", "Vision models", "Audio models"]
    assert all(expected_clean(entries) == entries for entries in sections.values())
