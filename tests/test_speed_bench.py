"""The pure parts of `benchmarks/speed.py`: which files a touch row edits, how a tree is scaled, how a row is judged
(the script itself is run by hand: it measures, it is not a test)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.speed import (
    Row,
    append_comment,
    put_back,
    scaled_copy,
    table,
    touch_candidates,
    verdict,
)


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_a_touched_transformers_file_is_a_modeling_file_no_modular_file_depends_on(tmp_path):
    models = "src/transformers/models"
    _write(
        tmp_path,
        {
            f"{models}/llama/modeling_llama.py": "",
            f"{models}/gemma/modular_gemma.py": "from ..llama.modeling_llama import LlamaModel\n",
            f"{models}/gemma/modeling_gemma.py": "",
            f"{models}/bert/modeling_bert.py": "",
            f"{models}/bert/configuration_bert.py": "",
            f"{models}/albert/modeling_albert.py": "",
        },
    )
    assert touch_candidates(tmp_path, "transformers", 10) == [
        f"{models}/albert/modeling_albert.py",
        f"{models}/bert/modeling_bert.py",
    ]
    assert touch_candidates(tmp_path, "transformers", 1) == [f"{models}/albert/modeling_albert.py"]


def test_touched_files_are_put_back_byte_for_byte(tmp_path):
    _write(tmp_path, {"a.py": "x = 1\r\n"})
    originals = append_comment(tmp_path, ["a.py"], "touched")
    assert (tmp_path / "a.py").read_bytes() == b"x = 1\r\n\n# touched\n"
    put_back(tmp_path, originals)
    assert (tmp_path / "a.py").read_bytes() == b"x = 1\r\n"


def test_a_scaled_tree_holds_each_model_folder_again_under_new_names(tmp_path):
    plain = tmp_path / "plain"
    _write(plain, {"src/transformers/models/bert/modeling_bert.py": "", "src/transformers/utils.py": ""})
    count = scaled_copy(plain, "transformers", 3, tmp_path / "scaled")
    models = tmp_path / "scaled" / "src/transformers/models"
    assert sorted(p.name for p in models.iterdir()) == ["bert", "bert_x2", "bert_x3"]
    assert (models / "bert_x3" / "modeling_bert.py").is_file()
    assert count == 4


def test_a_row_meets_its_target_only_within_the_ratio_and_the_memory_limit():
    fast = Row("t", "cpy-cold", times=[1.0, 1.2, 1.1], rss=[200.0], ref_times=[5.0, 5.0])
    assert verdict(fast) == ("0.22x", "yes")
    slow = Row("t", "cpy-cold", times=[2.0], rss=[200.0], ref_times=[5.0])
    assert verdict(slow) == ("0.40x", "NO")
    heavy = Row("t", "noop", times=[0.05], rss=[2048.0])
    assert verdict(heavy) == ("-", "NO")
    unknown = Row("t", "cold", times=[1.0], rss=[100.0])
    assert verdict(unknown) == ("-", "?")
    failed = Row("t", "touch-1", error="boom")
    assert verdict(failed) == ("-", "n/a")
    text = table([fast, failed], markdown=True)
    assert "| t | cpy-cold | 1.00 / 1.10 | 200 | 5.00 / 5.00 | 0.22x | <= 0.3x ref | yes |" in text
    assert "n/a: boom" in text
