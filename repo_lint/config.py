"""Configuration: `[tool.repo-lint]` in pyproject.toml, a preset under it, every key validated.

The options of each check family live in the family's own sub-table (`[tool.repo-lint.copies]`) and are
declared by the check module itself (`OPTIONS`), so a new check needs no change here.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from repo_lint import presets


class ConfigError(Exception):
    """A configuration problem the user must fix (exit code 2)."""


@dataclass(frozen=True)
class Option:
    name: str
    kind: str  # "str", "bool", "int", "list[str]", "dict[str,str]", "dict[str,list[str]]", "str|null"
    default: Any
    doc: str


TOP_LEVEL_OPTIONS: tuple[Option, ...] = (
    Option("preset", "str|null", None, "A named preset of defaults: `transformers` or `diffusers`."),
    Option("package", "str|null", None, "Import name of the linted package, as written in markers."),
    Option("source", "str|null", None, "Folder holding the package, relative to the repository root."),
    Option("select", "list[str]", [], "Rule codes or code prefixes to run (empty: every rule)."),
    Option("extend-select", "list[str]", [], "Codes added to `select`."),
    Option("ignore", "list[str]", [], "Rule codes or code prefixes never reported."),
    Option("exclude", "list[str]", [], "Glob patterns of repository paths never read."),
    Option("extend-exclude", "list[str]", [], "Glob patterns added to `exclude`."),
    Option("per-file-ignores", "dict[str,list[str]]", {}, "Glob pattern -> codes ignored in those files."),
    Option("cache-dir", "str", ".repo-lint-cache", "Where the fact cache lives, relative to the root."),
    Option("baseline", "str|null", None,
           "Baseline file (relative to the root) whose findings are accepted; see `--write-baseline`."),
    Option("changed-only", "list[str]", [],
           "Rule codes or prefixes reported only for changed files (`--changed-since`, `--changed-files`)."),
)


def _type_ok(kind: str, value: Any) -> bool:
    if kind == "str":
        return isinstance(value, str)
    if kind == "str|null":
        return value is None or isinstance(value, str)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "list[str]":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "dict[str,str]":
        return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    if kind == "dict[str,list[str]]":
        return isinstance(value, dict) and all(
            isinstance(k, str) and _type_ok("list[str]", v) for k, v in value.items()
        )
    raise AssertionError(f"unknown option kind {kind}")


def validate_table(table: dict[str, Any], options: tuple[Option, ...], where: str) -> dict[str, Any]:
    """Return `table` merged over the options' defaults; raise ConfigError naming any bad key."""
    known = {o.name: o for o in options}
    result = {o.name: o.default for o in options}
    for key, value in table.items():
        option = known.get(key)
        if option is None:
            suggestions = ", ".join(sorted(known))
            raise ConfigError(f"unknown key `{where}.{key}` (known keys: {suggestions})")
        if not _type_ok(option.kind, value):
            raise ConfigError(
                f"`{where}.{key}` must be of type {option.kind}, got {type(value).__name__}: {value!r}"
            )
        result[key] = value
    return result


@dataclass
class Config:
    root: Path
    values: dict[str, Any]
    sections: dict[str, dict[str, Any]]  # family section name -> validated options
    origin: str  # where the configuration came from, for `-v` and the no-config message
    preset_note: str = ""
    fingerprint: str = field(default="")

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def section(self, name: str) -> dict[str, Any]:
        return self.sections[name]


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a `[tool.repo-lint]` table, walking up from `start`."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and _has_repo_lint_table(candidate):
            return candidate
    return None


def _has_repo_lint_table(path: Path) -> bool:
    try:
        return "repo-lint" in _read_toml(path).get("tool", {})
    except ConfigError:
        # A broken file that holds our table must not silently fall back to "no configuration".
        try:
            mentions_us = "tool.repo-lint" in path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            mentions_us = False
        if mentions_us:
            raise
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error


def find_root(start: Path) -> Path:
    """The project root when there is no configuration: the nearest folder with a pyproject.toml or
    `.git`, else `start`."""
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file() or (folder / ".git").exists():
            return folder
    return start


def load_config(start: Path, explicit: Path | None, sections: dict[str, tuple[Option, ...]]) -> Config:
    """Read, merge with the preset and validate the configuration.

    `sections` maps each family section name (`copies`, ...) to the options its check declares.
    """
    start = start.resolve()
    if explicit is not None:
        pyproject = explicit.resolve()
        if not pyproject.is_file():
            raise ConfigError(f"config file {explicit} does not exist")
        table = _read_toml(pyproject).get("tool", {}).get("repo-lint")
        if table is None:
            raise ConfigError(f"{explicit} has no [tool.repo-lint] table")
        root, origin = pyproject.parent, str(explicit)
    else:
        pyproject = find_pyproject(start)
        if pyproject is not None:
            table = _read_toml(pyproject)["tool"]["repo-lint"]
            root, origin = pyproject.parent, "pyproject.toml"
        else:
            table, root, origin = {}, find_root(start), "none"
    if not isinstance(table, dict):
        raise ConfigError("[tool.repo-lint] must be a table")

    top_table = {k: v for k, v in table.items() if not (k in sections and isinstance(v, dict))}
    values = validate_table(top_table, TOP_LEVEL_OPTIONS, "tool.repo-lint")

    preset_note = ""
    preset_name = values["preset"]
    if preset_name is None and origin == "none":
        preset_name, preset_note = presets.detect(root)
    preset = presets.get(preset_name) if preset_name else {}
    if preset_name and not preset:
        raise ConfigError(f"unknown preset `{preset_name}` (known: {', '.join(presets.NAMES)})")
    values["preset"] = preset_name
    for key, value in preset.get("top", {}).items():
        if key not in top_table:
            values[key] = value
    if values["package"] is None and values["source"] is None and preset_name is None:
        package, source = presets.guess_package(root)
        values["package"], values["source"] = package, source
        if package and origin == "none":
            preset_note = f"no configuration found: checking copies of package `{package}` in `{source}`"
    elif values["source"] is None and values["package"]:
        values["source"] = presets.guess_source(root, values["package"])
    if origin == "none" and not values["select"] and preset_name is None:
        values["select"] = ["CPY", "RL"]

    section_values = {}
    for name, options in sections.items():
        user = table.get(name, {})
        if not isinstance(user, dict):
            raise ConfigError(f"`tool.repo-lint.{name}` must be a table")
        merged = dict(preset.get("sections", {}).get(name, {}))
        merged.update(user)
        section_values[name] = validate_table(merged, options, f"tool.repo-lint.{name}")

    config = Config(root=root, values=values, sections=section_values, origin=origin, preset_note=preset_note)
    config.fingerprint = hashlib.sha256(
        json.dumps([values, section_values], sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return config
