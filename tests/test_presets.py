"""The presets (`repo_lint/presets/`): data modules whose every section validates against its family's options,
one private-models list read by INI and AUT, and the detection of a preset without configuration."""

from __future__ import annotations

from repo_lint.config import detect, guess_package, guess_source, validate_table
from repo_lint.presets import NAMES, PRESETS, get, transformers
from repo_lint.registry import check_sections


def test_every_preset_section_is_a_family_section_and_validates():
    sections = check_sections()
    assert NAMES == ("transformers", "diffusers")
    for name in NAMES:
        assert get(name) is PRESETS[name]
        assert set(get(name)["sections"]) <= set(sections), name
        for section, values in get(name)["sections"].items():
            validate_table(values, sections[section], f"{name}.{section}")
    assert get("unknown") == {}


def test_one_private_models_list_each_entry_with_its_origin():
    origins = {transformers.UPSTREAM, transformers.NOT_EXPORTED}
    assert all(found and set(found) <= origins for found in transformers.PRIVATE_MODELS.values())
    measured = {name for name, found in transformers.PRIVATE_MODELS.items() if transformers.NOT_EXPORTED in found}
    assert transformers.INITS["private-models"] == sorted(measured)
    assert set(transformers.PRIVATE_MODELS) <= set(transformers.AUTO["unmapped-models"])


def test_detection_without_configuration(tmp_path):
    assert detect(tmp_path) == (None, "")
    assert guess_package(tmp_path) == (None, None)
    (tmp_path / "src" / "diffusers").mkdir(parents=True)
    (tmp_path / "src" / "diffusers" / "__init__.py").write_text("")
    name, note = detect(tmp_path)
    assert name == "diffusers" and "`src/diffusers`" in note
    assert guess_package(tmp_path) == ("diffusers", "src/diffusers")
    assert guess_source(tmp_path, "diffusers") == "src/diffusers"
    assert guess_source(tmp_path, "other") == "other"
