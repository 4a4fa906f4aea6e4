"""Configuration: `[tool.repo-lint]` in pyproject.toml, a preset under it, every key validated; without
configuration, the preset or the package detected from the layout (`detect`, `guess_package`).

The options of each check family live in the family's own sub-table (`[tool.repo-lint.copies]`) and are
declared by the check module itself (`OPTIONS`), so a new check needs no change here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from repo_lint import presets
from repo_lint.workspace import glob_to_regex, is_within


class ConfigError(Exception):
    """A configuration problem the user must fix (exit code 2)."""


@dataclass(frozen=True)
class Option:
    name: str
    # "str", "bool", "int", "list[str]", "dict[str,str]", "dict[str,list[str]]", "str|null", "dict[str,table]"
    kind: str
    default: Any
    doc: str
    # What of the value names repository paths, which must stay inside the root: "path", "paths", "globs",
    # "glob-keys", "map-values" (a table's values), "map-both" (a table's keys and values), "keys-and-sources"
    # (the keys of a "dict[str,table]" and its tables' `source` values); None: no path.
    path: str | None = None
    fields: tuple[str, ...] = ()  # the keys each table of a "dict[str,table]" may have (str or list[str] values)


TOP_LEVEL_OPTIONS: tuple[Option, ...] = (
    Option("preset", "str|null", None, "A named preset of defaults: `transformers` or `diffusers`."),
    Option("package", "str|null", None, "Import name of the linted package, as written in markers."),
    Option("source", "str|null", None, "Folder holding the package, relative to the repository root.", path="path"),
    Option("select", "list[str]", [], "Rule codes or code prefixes to run (empty: every rule)."),
    Option("extend-select", "list[str]", [], "Codes added to `select`."),
    Option("ignore", "list[str]", [], "Rule codes or code prefixes never reported."),
    Option("exclude", "list[str]", [], "Glob patterns of repository paths never read.", path="globs"),
    Option("extend-exclude", "list[str]", [], "Glob patterns added to `exclude`.", path="globs"),
    Option(
        "per-file-ignores", "dict[str,list[str]]", {}, "Glob pattern -> codes ignored in those files.", path="glob-keys"
    ),
    Option("cache-dir", "str", ".repo-lint-cache", "Where the fact cache lives, relative to the root.", path="path"),
    Option(
        "baseline",
        "str|null",
        None,
        "Baseline file (relative to the root) whose findings are accepted; see `--write-baseline`.",
        path="path",
    ),
    Option(
        "changed-only",
        "list[str]",
        [],
        "Rule codes or prefixes reported only for changed files (`--changed-since`, `--changed-files`).",
    ),
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


def _table_problem(option: Option, value: Any) -> str | None:
    """Why a "dict[str,table]" value is not one: each table holds only `option.fields`, as strings or lists."""
    if not isinstance(value, dict):
        return f"must be a table of tables, got {type(value).__name__}: {value!r}"
    for name, table in value.items():
        if not isinstance(table, dict):
            return f"`{name}` must be a table with keys among {', '.join(option.fields)}, got {table!r}"
        for key, item in table.items():
            if key not in option.fields:
                return f"`{name}` has an unknown key `{key}` (known keys: {', '.join(option.fields)})"
            if not (isinstance(item, str) or _type_ok("list[str]", item)):
                return f"`{name}.{key}` must be a string or a list of strings, got {item!r}"
    return None


def validate_table(table: dict[str, Any], options: tuple[Option, ...], where: str) -> dict[str, Any]:
    """Return `table` merged over the options' defaults; raise ConfigError naming any bad key."""
    known = {o.name: o for o in options}
    result = {o.name: o.default for o in options}
    for key, value in table.items():
        option = known.get(key)
        if option is None:
            import difflib  # a bad key only

            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f"did you mean `{close[0]}`? " if close else ""
            raise ConfigError(f"unknown key `{where}.{key}` ({hint}known keys: {', '.join(sorted(known))})")
        if option.kind == "dict[str,table]":
            problem = _table_problem(option, value)
            if problem:
                raise ConfigError(f"`{where}.{key}` {problem}")
        elif not _type_ok(option.kind, value):
            raise ConfigError(f"`{where}.{key}` must be of type {option.kind}, got {type(value).__name__}: {value!r}")
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
    except (OSError, UnicodeDecodeError, ValueError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    except (RecursionError, MemoryError) as error:  # tomllib recurses into nested arrays and tables
        raise ConfigError(f"cannot read {path}: nested too deeply ({type(error).__name__})") from error


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
        preset_name, preset_note = detect(root)
    preset = presets.get(preset_name) if preset_name else {}
    if preset_name and not preset:
        raise ConfigError(f"unknown preset `{preset_name}` (known: {', '.join(presets.NAMES)})")
    values["preset"] = preset_name
    for key, value in preset.get("top", {}).items():
        if key not in top_table:
            values[key] = value
    if values["package"] is None and values["source"] is None and preset_name is None:
        package, source = guess_package(root)
        values["package"], values["source"] = package, source
        if package and origin == "none":
            preset_note = f"no configuration found: checking copies of package `{package}` in `{source}`"
    elif values["source"] is None and values["package"]:
        values["source"] = guess_source(root, values["package"])
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

    if origin == "none" and preset_name is None and values["package"] is None:
        preset_note = (
            "no configuration and no package found: checking the `# Copied from` markers of every "
            "Python file (set `package` in `[tool.repo-lint]` for more)"
        )
    check_paths(root, values, TOP_LEVEL_OPTIONS, "tool.repo-lint")
    for name, options in sections.items():
        check_paths(root, section_values[name], options, f"tool.repo-lint.{name}")
    if values["source"] and not (root / values["source"]).is_dir():
        where = (
            "`source`"
            if "source" in top_table
            else f"the `{preset_name}` preset"
            if preset_name
            else f'`package = "{values["package"]}"`'
        )
        raise ConfigError(f"the package folder `{values['source']}` (from {where}) does not exist in {root}")

    config = Config(root=root, values=values, sections=section_values, origin=origin, preset_note=preset_note)
    config.fingerprint = hashlib.sha256(
        json.dumps([values, section_values], sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    return config


# --- a repository without configuration: which preset, which package ---------------------------------------------


def detect(root: Path) -> tuple[str | None, str]:
    """Recognise a known layout when there is no configuration; say which preset was used."""
    for name in presets.NAMES:
        source = presets.PRESETS[name]["top"]["source"]
        if (root / source / "__init__.py").is_file():
            return name, f"no configuration found: detected `{source}`, using the `{name}` preset"
    return None, ""


def guess_package(root: Path) -> tuple[str | None, str | None]:
    """The single package under `src/` (or at the top level) of a repository without configuration."""
    for base in (root / "src", root):
        if not base.is_dir():
            continue
        packages = sorted(
            p.name
            for p in base.iterdir()
            if p.is_dir() and (p / "__init__.py").is_file() and p.name not in {"tests", "test", "docs"}
        )
        if len(packages) == 1:
            source = packages[0] if base == root else f"src/{packages[0]}"
            return packages[0], source
    return None, None


def guess_source(root: Path, package: str) -> str:
    if (root / "src" / package).is_dir():
        return f"src/{package}"
    return package


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def path_problem(value: str, *, glob: bool = False) -> str | None:
    """Why a repository path (or glob) written in the configuration cannot be used, or None.

    Templates (`{source}`, `{backend}`, `{name}`) are filled by the checks with names, never with `..`.
    A glob may start with `/` (anchored at the root, as in `.gitignore`); a path may not.
    """
    text = _PLACEHOLDER.sub("x", value).replace("\\", "/")
    if not text.strip():
        return None
    if (not glob and text.startswith("/")) or re.match(r"^[A-Za-z]:", text):
        return "is an absolute path: paths are relative to the repository root"
    if ".." in text.split("/"):
        return "leaves the repository (`..`)"
    if glob:
        try:
            glob_to_regex(value)
        except re.error as error:
            return f"is not a valid glob pattern ({error})"
    return None


def _path_values(kind: str, value: Any) -> list[tuple[str, bool]]:
    """The (path, is_glob) pairs a value of the given path kind holds."""
    if value is None or value == "":
        return []
    if kind == "path":
        return [(value, False)]
    if kind == "paths":
        return [(v, False) for v in value]
    if kind == "globs":
        return [(v, True) for v in value]
    if kind == "glob-keys":
        return [(k, True) for k in value]
    if kind == "map-values":
        return [(v, False) for v in value.values()]
    if kind == "map-both":
        return [(p, False) for pair in value.items() for p in pair]
    if kind == "keys-and-sources":
        sources = [table.get("source", []) for table in value.values()]
        return [(k, False) for k in value] + [
            (p, False) for source in sources for p in ([source] if isinstance(source, str) else source)
        ]
    raise AssertionError(f"unknown path kind {kind}")


def check_paths(root: Path, values: dict[str, Any], options: tuple[Option, ...], where: str) -> None:
    """Refuse (exit 2) every path-valued setting that leaves the repository, by its text or through a link."""
    real_root = os.path.realpath(root)
    for option in options:
        if option.path is None:
            continue
        value = values.get(option.name)
        if option.name == "cache-dir" and isinstance(value, str) and os.path.normpath(value or ".") == ".":
            raise ConfigError(f"`{where}.cache-dir`: `{value}` is the repository root; name a folder inside it")
        for path, glob in _path_values(option.path, value):
            problem = path_problem(path, glob=glob)
            if problem is None and not glob and not _PLACEHOLDER.search(path):
                real = os.path.realpath(root / path)
                if not is_within(real, real_root):
                    problem = f"resolves to `{real}` through a symbolic link, outside the repository"
            if problem is not None:
                raise ConfigError(f"`{where}.{option.name}`: `{path}` {problem}")


def check_codes(config: Config, rule_codes: set[str]) -> None:
    """Refuse (exit 2) a rule code or prefix in the configuration that names no rule, as on the command line."""
    named = [("select", c) for c in config["select"]] + [("extend-select", c) for c in config["extend-select"]]
    named += [("ignore", c) for c in config["ignore"]] + [("changed-only", c) for c in config["changed-only"]]
    named += [(f"per-file-ignores.{glob!r}", c) for glob, codes in config["per-file-ignores"].items() for c in codes]
    for key, code in named:
        if code != "ALL" and not any(rule.startswith(code) for rule in rule_codes):
            raise ConfigError(f"`tool.repo-lint.{key}`: unknown rule code or prefix `{code}` (see `repo-lint rules`)")
