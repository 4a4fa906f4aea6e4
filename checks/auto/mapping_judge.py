"""Judgement of the AUT mapping rules (AUT001-AUT007): sorting, keys, classes, model types, deprecated models."""

from __future__ import annotations

import re

from repo_lint.checks.auto import generated, rules

from repo_lint.diagnostics import Diagnostic, Edit, Fix
from repo_lint.facts.auto_mappings import Mapping, extract_mapping_facts
from repo_lint.facts.classes import class_index, classes_of
from repo_lint.formatting import FormatterUnavailable
from repo_lint.workspace import matches_any

SECTION = "auto"
# The rules that compare the mappings with the package's classes (the class index: a scan of every file).
CLASS_INDEX_CODES = (
    rules.UNKNOWN_KEY.code,
    rules.UNDEFINED_CLASS.code,
    rules.MODEL_NOT_MAPPED.code,
    rules.MODEL_TYPE_MISMATCH.code,
)


def judge_mappings(repo, source: str) -> list[Diagnostic]:
    options = repo.settings(SECTION)
    found: list[Diagnostic] = []
    if repo.reports(rules.GENERATED_STALE.code):
        found += _generated_module(repo, options, source)
    files = [p for p in repo.python_files(source) if matches_any(p, options["mapping-files"])]
    if not files:
        return found
    config_name = options["config-mapping"]
    mappings: list[tuple[str, Mapping]] = []
    config_keys: dict[str, tuple[str, ...]] = {}
    deprecated: list | None = None
    for path in files:
        facts = repo.facts(path, extract_mapping_facts, config_name)
        if facts is None:
            continue
        file_mappings, regions, updates, file_deprecated = facts
        deprecated = file_deprecated if file_deprecated is not None else deprecated
        for region in regions if options["sort"] else []:
            found.append(
                Diagnostic(
                    rules.UNSORTED.code,
                    path,
                    region.start_line + 1,
                    1,
                    f"entries of `{region.what}` are not sorted by key",
                    end_line=region.end_line,
                    data={"mapping": region.what},
                    fix=Fix((region.edit(),), "sort as `sort_auto_mappings` does"),
                )
            )
        for mapping in file_mappings:
            if mapping.problem:
                found.append(
                    Diagnostic(
                        rules.UNREADABLE.code,
                        path,
                        mapping.line,
                        1,
                        f"`{mapping.name}`: {mapping.problem}",
                        data={"mapping": mapping.name},
                    )
                )
            mappings.append((path, mapping))
            if mapping.name == config_name:
                config_keys.update({e.key: e.value for e in mapping.entries if e.key})
        config_keys.update({key: () for key in updates})
    if repo.reports(*CLASS_INDEX_CODES):
        classes = class_index(repo, source)
        found.extend(_keys_and_classes(mappings, config_name, config_keys, classes, options))
        found.extend(_model_types(mappings, config_name, classes))
        if options["models-folder"]:
            found.extend(_unmapped_models(repo, options, mappings, classes))
    if deprecated is not None and options["deprecated-folder"]:
        found.extend(_deprecated(repo, options["deprecated-folder"], deprecated, files))
    return found


def _keys_and_classes(mappings, config_name, config_keys, classes, options) -> list[Diagnostic]:
    found = []
    checked = options["key-checked-mappings"]
    exempt = set(options["non-config-keys"])
    for path, mapping in mappings:
        key_checked = mapping.name != config_name and any(re.fullmatch(p, mapping.name) for p in checked)
        for entry in mapping.entries:
            data = {"mapping": mapping.name, "key": entry.key}
            if key_checked and entry.key and entry.key not in config_keys and entry.key not in exempt:
                found.append(
                    Diagnostic(
                        rules.UNKNOWN_KEY.code,
                        path,
                        entry.line,
                        entry.column,
                        f"`{entry.key}` in `{mapping.name}` is not a key of `{config_name}`",
                        data=data,
                    )
                )
            for name in entry.value:
                if name and name not in classes:
                    found.append(
                        Diagnostic(
                            rules.UNDEFINED_CLASS.code,
                            path,
                            entry.line,
                            entry.column,
                            f"`{name}` (`{mapping.name}[{entry.key!r}]`) is not defined in the package",
                            data={**data, "class": name},
                        )
                    )
    return found


def _is_model(name: str, classes, root: str, seen: frozenset = frozenset()) -> bool:
    """Whether a class derives from the library's base model class, following bases by name."""
    for _, fact in classes.get(name, ()):
        for base in fact.bases:
            if base == root or (base not in seen and _is_model(base, classes, root, seen | {name})):
                return True
    return False


def _unmapped_models(repo, options, mappings, classes) -> list[Diagnostic]:
    """AUT004, the static form of the reference's `check_models_are_auto_configured`."""
    mapped = {
        name
        for _, mapping in mappings
        if re.fullmatch(options["model-mappings"], mapping.name)
        for entry in mapping.entries
        for name in entry.value
        if name
    }
    exempt = set(options["unmapped-models"])
    substrings = options["unmapped-substrings"]
    folder = options["models-folder"].rstrip("/") + "/"
    found = []
    for name, places in sorted(classes.items()):
        if name in mapped or name in exempt or "Pretrained" in name or "PreTrained" in name or name.startswith("_"):
            continue
        if any(part in name for part in substrings):
            continue
        for path, fact in places:
            module = path.rsplit("/", 1)[-1][:-3]
            if (
                not path.startswith(folder)
                or "/deprecated/" in path
                or not module.startswith("modeling_")
                or module in options["unchecked-modules"]
                or path.count("/") != folder.count("/") + 1
            ):
                continue
            if _is_model(name, classes, options["base-model-class"]):
                found.append(
                    Diagnostic(
                        rules.MODEL_NOT_MAPPED.code,
                        path,
                        fact.line,
                        1,
                        f"model `{name}` is in no auto mapping (add it to a `MODEL_*_MAPPING_NAMES`, "
                        "or to `[tool.repo-lint.auto] unmapped-models`)",
                        data={"class": name},
                    )
                )
    return found


def _model_type(name: str, classes, seen: frozenset = frozenset()) -> str | None:
    """The `model_type` a class sets, or inherits from a base defined in the package."""
    for _, fact in classes.get(name, ()):
        if fact.model_type:
            return fact.model_type
        for base in fact.bases:
            if base not in seen:
                inherited = _model_type(base, classes, seen | {name})
                if inherited:
                    return inherited
    return None


def _model_types(mappings, config_name, classes) -> list[Diagnostic]:
    found = []
    for path, mapping in mappings:
        if mapping.name != config_name:
            continue
        for entry in mapping.entries:
            for name in entry.value:
                model_type = _model_type(name, classes) if name else None
                if model_type and entry.key and model_type != entry.key:
                    found.append(
                        Diagnostic(
                            rules.MODEL_TYPE_MISMATCH.code,
                            path,
                            entry.line,
                            entry.column,
                            f"`{name}.model_type` is `{model_type}` but its key in `{config_name}` is `{entry.key}`",
                            data={"mapping": mapping.name, "key": entry.key, "class": name},
                        )
                    )
    return found


def _deprecated(repo, folder: str, listed: list, mapping_files: list[str]) -> list[Diagnostic]:
    prefix = folder.rstrip("/") + "/"
    folders = {
        p[len(prefix) :].split("/", 1)[0]
        for p in repo.workspace.files
        if p.startswith(prefix) and p.count("/") > prefix.count("/")
    }
    where = next((p for p in mapping_files if p.endswith("configuration_auto.py")), mapping_files[0])
    found = []
    for name in sorted(folders - {m.replace("-", "_") for m in listed}):
        found.append(
            Diagnostic(
                rules.DEPRECATED_MISMATCH.code,
                where,
                1,
                1,
                f"`{prefix}{name}/` is not in `DEPRECATED_MODELS`",
                data={"key": name},
            )
        )
    for name in sorted({m.replace("-", "_") for m in listed} - folders):
        found.append(
            Diagnostic(
                rules.DEPRECATED_MISMATCH.code,
                where,
                1,
                1,
                f"`{name}` is in `DEPRECATED_MODELS` but `{prefix}{name}/` does not exist",
                data={"key": name},
            )
        )
    return found


# --- the generated mappings module (AUT008) -------------------------------------------------------------------


def _generated_module(repo, options, source: str) -> list[Diagnostic]:
    """AUT008: the mappings of `generated-file` are what the model folders' classes generate."""
    path = options["generated-file"].replace("{source}", source).strip("/")
    models = options["models-folder"].replace("{source}", source).strip("/")
    if not path or not models or not repo.exists(path):
        return []
    written = repo.facts(path, generated.written_mappings)
    if written is None:
        return []  # RL001 says the module does not parse
    expected = _expected_mappings(repo, options, models)
    found = []
    for name, mapping in expected.items():
        have = written.get(name)
        if have is None:
            found.append(_stale(path, 1, f"`{name}` is missing", name))
            continue
        for key in sorted(set(mapping) | set(have.entries)):
            value, line = have.entries.get(key, (None, have.line))
            if value == mapping.get(key):
                continue
            if key not in mapping:
                why = f"`{name}[{key!r}]` is generated from no class: the model folders give it none"
            elif value is None:
                why = f"`{name}` lacks `{key!r}`: {_shown(mapping[key])}"
            else:
                why = f"`{name}[{key!r}]` is {_shown(value)}, the model folders give {_shown(mapping[key])}"
            found.append(_stale(path, line, why, name))
    if found:
        fix = _regenerated(repo, path, expected)
        for diagnostic in found:
            diagnostic.fix = fix
    return found


def _expected_mappings(repo, options, models: str) -> dict[str, dict]:
    configs = sorted(path for path in repo.python_files(models) if path.rsplit("/", 1)[-1].startswith("configuration_"))
    types, special = generated.config_mappings(
        [(path, classes_of(repo, path)) for path in configs], options["generated-config-base"]
    )

    def classes_in(prefix: str, module: str):
        path = f"{models}/{module}/{prefix}_{module}.py"
        return classes_of(repo, path) if repo.exists(path) else ()

    expected = {options["config-mapping"]: types, options["generated-special-mapping"]: special}
    for name, sources in generated.processor_sources(options["generated-processors"]).items():
        expected[name] = generated.processor_mapping(types, sources, classes_in)
    return expected


def _shown(value) -> str:
    return f"`{value}`" if isinstance(value, str) else "`{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}`"


def _stale(path: str, line: int, why: str, mapping: str) -> Diagnostic:
    message = f"the generated auto mappings are stale: {why}"
    return Diagnostic(rules.GENERATED_STALE.code, path, line, 1, message, data={"mapping": mapping})


def _regenerated(repo, path: str, expected: dict[str, dict]) -> Fix | None:
    """The fix: the module written again from the expected mappings, sorted and formatted with ruff."""
    text = generated.mapping_module(generated.header_of(repo.text(path) or ""), expected)
    try:
        formatted = repo.formatter.format_many([text])[0]
    except FormatterUnavailable:
        return None
    if formatted is None:
        return None
    return Fix((Edit(0, len(repo.lines(path)), formatted),), "generate the mappings from the model folders")
