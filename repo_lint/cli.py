"""Command line: `repo-lint check | rules | explain`."""

from __future__ import annotations

import difflib
import json
import os
import sys
import traceback
from pathlib import Path

import click

from repo_lint import __version__, report
from repo_lint.config import ConfigError, check_codes, load_config
from repo_lint.engine import RunRequest, run
from repo_lint.registry import all_rules, check_sections
from repo_lint.workspace import ChangedFilesError, changed_files

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def _fail(message: str) -> None:
    click.echo(f"repo-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="repo-lint")
def cli() -> None:
    """Consistency checks for 'one folder per model' Python libraries."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--fix", is_flag=True, help="Apply the fixes (atomically, only if the result still parses).")
@click.option("--diff", is_flag=True, help="Print the diff the fixes would make; write nothing.")
@click.option("--select", help="Comma-separated codes or prefixes to run (replaces the config's `select`).")
@click.option("--extend-select", help="Codes added to the selection.")
@click.option("--ignore", help="Comma-separated codes or prefixes never reported.")
@click.option(
    "--output-format",
    type=click.Choice(report.FORMATS),
    default=None,
    help="Default: `full` on a terminal, `concise` otherwise.",
)
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--show-fixes", is_flag=True, help="List what --fix changed.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the fact cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where the cache lives (default: config).")
@click.option(
    "--changed-since",
    "changed_since",
    is_flag=False,
    flag_value="",
    default=None,
    help="Report only files changed since the merge-base with REF (default main/master), staged, "
    "unstaged and untracked ones, and what depends on them.",
)
@click.option(
    "--changed-files",
    "paths_are_changed",
    is_flag=True,
    help="Treat PATHS as the changed files (as pre-commit passes them): report them and what depends "
    "on them instead of filtering by PATHS.",
)
@click.option(
    "--write-baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Write the findings of this run (after suppressions, --fix first if given) to FILE (TOML; JSON "
    'if it ends in .json) and exit 0; `baseline = "FILE"` in the config then accepts them.',
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="The pyproject.toml to use.")
@click.option("-q", "--quiet", is_flag=True, help="Print findings only, no summary or notes.")
@click.option("-v", "--verbose", is_flag=True, help="Print what configuration and preset were used.")
def check(
    paths,
    fix,
    diff,
    select,
    extend_select,
    ignore,
    output_format,
    statistics,
    exit_zero,
    show_fixes,
    no_cache,
    cache_dir,
    changed_since,
    paths_are_changed,
    baseline_file,
    config_file,
    quiet,
    verbose,
) -> None:
    """Check the repository (or PATHS within it) and optionally fix what can be fixed."""
    if baseline_file is not None and (paths or changed_since is not None or paths_are_changed or diff):
        _fail(
            "--write-baseline records the whole repository: it takes no PATHS, --changed-since, "
            "--changed-files or --diff"
        )
    if diff and output_format in ("github", "sarif", "junit"):
        _fail(f"--diff prints a unified diff, not {output_format}; use --output-format json for a machine-readable one")
    rules = all_rules()
    try:
        config = load_config(Path.cwd(), Path(config_file) if config_file else None, check_sections())
        check_codes(config, set(rules))
    except ConfigError as error:
        _fail(str(error))
    for code in (_codes(select) or []) + (_codes(ignore) or []) + (_codes(extend_select) or []):
        if code != "ALL" and not any(r.startswith(code) for r in rules):
            _fail(f"unknown rule code or prefix `{code}` (see `repo-lint rules`)")
    relative_paths = () if paths_are_changed else tuple(_relative(config.root, p) for p in paths)
    changed = None
    if changed_since is not None:
        try:
            changed = changed_files(config.root, changed_since or None)
        except ChangedFilesError as error:
            _fail(str(error))
    if paths_are_changed:  # PATHS are the changed set (added to --changed-since's), not a filter
        for path in paths:
            if Path(path).is_dir():
                _fail(f"--changed-files takes files, not folders: {path}")
        root = config.root.resolve()  # a file outside the checked root (pre-commit passes them all) is no fact
        inside = [absolute for absolute in ((Path.cwd() / p).resolve() for p in paths) if absolute.is_relative_to(root)]
        changed = (changed or frozenset()) | frozenset(absolute.relative_to(root).as_posix() for absolute in inside)
    if no_cache:
        cache_path = None
    else:
        cache_path = Path(cache_dir).resolve() if cache_dir else config.root / config["cache-dir"]
    request = RunRequest(
        paths=relative_paths,
        select=_codes(select),
        extend_select=_codes(extend_select) or [],
        ignore=_codes(ignore) or [],
        fix=fix and not diff,
        diff=diff,
        cache_dir=cache_path,
        changed=changed,
        use_baseline=baseline_file is None,
    )
    try:
        result = run(config, request)
    except ConfigError as error:  # a missing or malformed baseline file
        _fail(str(error))
    except Exception as error:  # an internal error must never look like a clean run
        click.echo(f"repo-lint: internal error: {error!r}", err=True)
        if verbose:
            traceback.print_exc()
        sys.exit(EXIT_ERROR)

    if verbose or (config.preset_note and not quiet):
        for note in result.notes:
            click.echo(f"repo-lint: {report.printable(note)}", err=True)
    if not quiet:
        for warning in result.warnings:
            click.echo(f"repo-lint: warning: {report.printable(warning)}", err=True)
    if verbose:
        click.echo(f"repo-lint: root {config.root}, config from {config.origin}, preset {config['preset']}", err=True)
    for failure in result.failures:
        click.echo(f"repo-lint: {report.printable(failure)}", err=True)
    if baseline_file is not None:
        _write_baseline(Path(baseline_file), result, config, quiet, output_format)

    if diff:
        if output_format == "json":
            payload = [
                {"path": report.unicode_safe(path), "diff": report.unicode_safe(_unified({path: change}))}
                for path, change in sorted(result.changes.items())
            ]
            text = json.dumps(payload, indent=2, ensure_ascii=True) + "\n"
        else:
            text = _unified(result.changes)
        sys.stdout.write(text)
        if not quiet:
            click.echo(f"{len(result.changes)} file(s) would be changed.", err=True)
        sys.exit(EXIT_FINDINGS if (result.changes or result.failures) and not exit_zero else EXIT_CLEAN)

    fmt = output_format or ("full" if sys.stdout.isatty() else "concise")
    color = fmt == "full" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = report.render(
        result.diagnostics,
        fmt,
        rules=rules,
        tool_version=__version__,
        color=color,
        show_fixes=show_fixes,
        statistics=statistics,
        fixed=result.fixed if fix else None,
    )
    if quiet and fmt in ("concise", "full"):
        text = "".join(
            line + "\n" for line in text.splitlines() if not line.startswith(("Found ", "All checks passed", "Fixed "))
        )
    sys.stdout.write(text)
    if result.failures:
        sys.exit(EXIT_FINDINGS if not exit_zero else EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if result.diagnostics and not exit_zero else EXIT_CLEAN)


def _write_baseline(file: Path, result, config, quiet: bool, output_format: str | None) -> None:
    from repo_lint import baseline

    entries = result.baseline or []
    try:
        baseline.write(file, entries)
    except OSError as error:
        _fail(f"cannot write baseline {file}: {error}")
    findings = sum(entry.count for entry in entries)
    if output_format == "json":  # stdout stays one JSON document
        payload = {"baseline": str(file), "entries": len(entries), "findings": findings, "fixed": len(result.fixed)}
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=True) + "\n")
    if not quiet:
        if result.fixed:
            click.echo(f"Fixed {len(result.fixed)} finding(s) first.", err=True)
        click.echo(
            f"Wrote {len(entries)} baseline entr{'y' if len(entries) == 1 else 'ies'} "
            f"({findings} finding{'' if findings == 1 else 's'}) to {file}.",
            err=output_format not in (None, "concise", "full"),
        )
        try:
            relative = (Path.cwd() / file).resolve().relative_to(config.root.resolve()).as_posix()
        except ValueError:
            relative = str(file)
        if config["baseline"] is None or Path(config["baseline"]) != Path(relative):
            click.echo(f'repo-lint: add `baseline = "{relative}"` to [tool.repo-lint] to accept them.', err=True)
    sys.exit(EXIT_CLEAN)  # what remains is accepted now; failures (a fix not written) were printed above


def _relative(root: Path, path: str) -> str:
    if not os.path.lexists(Path.cwd() / path):
        _fail(f"{path}: no such file or folder")
    absolute = (Path.cwd() / path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        _fail(f"{path} is outside the repository root {root}")
        raise


def _unified(changes: dict[str, tuple[str, str]]) -> str:
    chunks = []
    for path, (old, new) in sorted(changes.items()):
        name = report.printable(path)  # the file's own lines are the diff; its name is text from the checkout
        chunks.extend(
            difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}")
        )
    return "".join(chunks)


@cli.command()
@click.option("--output-format", type=click.Choice(report.RULE_FORMATS), default="text")
def rules(output_format: str) -> None:
    """List every rule: code, name, whether it is fixable, summary."""
    sys.stdout.write(report.render_rules(list(all_rules().values()), output_format))


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a rule: what it does, why, a bad and a good example, and its fix."""
    rule = all_rules().get(code.upper())
    if rule is None:
        _fail(f"unknown rule code `{code}` (see `repo-lint rules`)")
    sys.stdout.write(report.render_explain(rule))


def main() -> None:
    cli(prog_name="repo-lint")


if __name__ == "__main__":
    main()
from repo_lint.graph import graph_command  # noqa: E402, I001

cli.add_command(graph_command, "graph")
