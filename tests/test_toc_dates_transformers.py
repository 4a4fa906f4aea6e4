"""TOC006/TOC007 on model doc pages of the Transformers development tree (`tests/devtrees.py`: the fork
`8b-is/transformers` at its pinned commit; skipped, saying why, without it): a sample of 46 pages (every 11th of
`docs/source/en/model_doc/`, `auto.md` among them, which needs no dates line) gives nothing, and each edit of a
dates line is reported at that line, as `utils/add_dates.py --check-only` fails on it; a removed line is put back
by the fix with a placeholder date, which TOC007 then reports."""

from __future__ import annotations

import pytest

from tests.devtrees import dev_file_or_skip
from tests.helpers import check_json, run_cli, write

MODEL_DOC = "docs/source/en/model_doc/"
PAGES = (
    "auto bert-generation blip-2 chmv2 cohere_asr cpm deberta-v2 deimv2 dinov2 efficientloftr ernie4_5_vl_moe "
    "fast_vlm funnel glm glmga granite groupvit hunyuan_vl instructblip kyutai_speech_to_text lfm2_vl "
    "llava_onevision marian mimo_v2_flash mixtral modernbert-decoder muse_glimmer_assistant nllb-moe oneformer "
    "patchtst phi4_multimodal pp_doclayout_v2 pp_ocrv6_small_det qwen2_audio qwen3_vl_moe roc_bert "
    "sam3_tracker_video shieldgemma2 splinter switch_transformers timesformer univnet vilt vits xclip xlstm"
).split()
CONFIG = (
    '[tool.repo-lint]\npackage = "pkg"\nsource = "src/pkg"\nselect = ["TOC006", "TOC007"]\n'
    '[tool.repo-lint.toc]\ndates-library = "Hugging Face Transformers"\nundated-pages = ["auto", "timm_wrapper"]\n'
)
DATES = "*This model was"


@pytest.fixture(scope="module")
def pages():
    return {
        MODEL_DOC + f"{name}.md": dev_file_or_skip("transformers", MODEL_DOC + f"{name}.md").read_text(encoding="utf-8")
        for name in PAGES
    }


def repository(tmp_path, pages):
    root = tmp_path / "repo"
    write(root, "pyproject.toml", CONFIG)
    write(root, "src/pkg/__init__.py", "")
    for path, text in pages.items():
        write(root, path, text)
    return root


def dates_line(text: str) -> tuple[int, str]:
    lines = text.splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith(DATES))
    return number, lines[number]


def test_the_sample_has_every_dates_line(tmp_path, pages):
    assert len(pages) == 46
    assert check_json(repository(tmp_path, pages), "--no-cache")[1] == []


def _replaced(old: str, new: str):
    return lambda line: line.replace(old, new, 1)


# (page, what is done to its dates line, the rule that reports it)
EDITS = [
    ("mixtral", lambda line: "", "TOC006"),  # removed
    ("granite", _replaced("Hugging Face Transformers", "HF Transformers"), "TOC006"),  # another library's line
    ("dinov2", lambda line: line.replace(DATES, "This model was", 1), "TOC006"),  # not in italics
    ("vits", lambda line: line[: line.rindex(" on ") + 4] + "{contributed_date}.*\n", "TOC007"),  # placeholder
    ("glm", lambda line: line[: line.rindex(" on ") + 4] + "2024-1-15.*\n", "TOC007"),  # not YYYY-MM-DD
]


@pytest.mark.parametrize(("name", "edit", "code"), EDITS, ids=[edit[0] for edit in EDITS])
def test_an_edited_dates_line_is_reported_at_its_line(tmp_path, pages, name, edit, code):
    path = MODEL_DOC + f"{name}.md"
    number, line = dates_line(pages[path])
    lines = pages[path].splitlines(keepends=True)
    lines[number] = edit(line)
    root = repository(tmp_path, {**pages, path: "".join(lines)})
    findings = check_json(root, "--no-cache")[1]
    assert [(f["code"], f["path"], f["line"]) for f in findings] == [(code, path, number + 1)]
    if code == "TOC006" and lines[number] == "":
        run_cli(root, "check", "--no-cache", "--fix")
        fixed = (root / path).read_text(encoding="utf-8").splitlines(keepends=True)
        assert fixed[number] == "*This model was contributed to Hugging Face Transformers on {contributed_date}.*\n"
        assert fixed[:number] + fixed[number + 1 :] == lines[:number] + lines[number + 1 :]
        after = check_json(root, "--no-cache")[1]
        assert [(f["code"], f["line"]) for f in after] == [("TOC007", number + 1)]


def test_a_release_date_placeholder_is_not_judged(tmp_path, pages):
    # the script flags it only for the pages a branch changed, after looking the paper up on the network (and
    # finding a date, or none, other than the placeholder): not a static check
    path = MODEL_DOC + "mixtral.md"
    number, line = dates_line(pages[path])
    assert "published in HF papers on " in line
    on = line.index("published in HF papers on ") + len("published in HF papers on ")
    edited = line[:on] + "{release_date}" + line[line.index(" and contributed") :]
    text = pages[path].replace(line, edited, 1)
    assert check_json(repository(tmp_path, {**pages, path: text}), "--no-cache")[1] == []
