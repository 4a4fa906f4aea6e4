"""Command line: `repo-lint check | rules | explain`."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from repo_lint import __version__, report
from repo_lint.config import Config, ConfigError, check_codes, load_config
from repo_lint.diagnostics import Rule
from repo_lint.engine import RunRequest, RunResult, run
from repo_lint.registry import all_rules, check_sections
from repo_lint.workspace import ChangedFilesError, changed_files, merge_base

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip() for c in value.split(",") if c.strip()]


def _fail(message: str) -> None:
    click.echo(f"repo-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


class _Commands(click.Group):
    """The commands, with `graph` imported only when it runs or is listed: a check never loads it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), "graph"})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name == "graph":
            from repo_lint.graph import graph_command

            return graph_command
        return super().get_command(ctx, name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="repo-lint")
def cli() -> None:
    """Consistency checks for 'one folder per model' Python libraries."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--fix", is_flag=True, help="Apply the fixes (atomically, only if the result still parses).")
@click.option("--diff", is_flag=True, help="Print the diff the fixes would make; write nothing.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also offer the fixes marked unsafe (they may change behaviour, e.g. a default value or a "
    "decorator); --fix then applies them.",
)
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
def check(**params) -> None:
    """Check the repository (or PATHS within it) and optionally fix what can be fixed."""
    options = CheckOptions(**params)
    checked = check_run(options)
    for message in checked.messages:
        click.echo(message, err=True)
    if checked.result is None:
        sys.exit(EXIT_ERROR)
    result, config, rules = checked.result, checked.config, checked.rules
    if options.baseline_file is not None:
        _write_baseline(Path(options.baseline_file), result, config, options.quiet, options.output_format)

    if options.diff:
        _print_diff(result, options)

    fmt = _output_format(options)
    color = fmt == "full" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = report.render(
        result.diagnostics,
        fmt,
        rules=rules,
        tool_version=__version__,
        color=color,
        show_fixes=options.show_fixes,
        statistics=options.statistics,
        fixed=result.fixed if options.fix else None,
    )
    if options.quiet and fmt in ("concise", "full"):
        text = "".join(
            line + "\n" for line in text.splitlines() if not line.startswith(("Found ", "All checks passed", "Fixed "))
        )
    sys.stdout.write(text)
    sys.exit(checked.exit_code)


def _output_format(options: CheckOptions) -> str:
    return options.output_format or ("full" if sys.stdout.isatty() else "concise")


@dataclass
class CheckOptions:
    """The options of `repo-lint check`, as the command line gives them."""

    paths: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    select: str | None = None
    extend_select: str | None = None
    ignore: str | None = None
    output_format: str | None = None
    statistics: bool = False
    exit_zero: bool = False
    show_fixes: bool = False
    no_cache: bool = False
    cache_dir: str | None = None
    changed_since: str | None = None
    paths_are_changed: bool = False
    baseline_file: str | None = None
    config_file: str | None = None
    quiet: bool = False
    verbose: bool = False


class UsageFailure(Exception):
    """A usage or configuration error: `repo-lint: error: MESSAGE` on stderr, exit code 2."""


@dataclass
class CheckRun:
    """`repo-lint check` up to its findings, having printed nothing (the GitHub Action reports it its own way)."""

    options: CheckOptions
    config: Config | None = None
    rules: dict[str, Rule] = field(default_factory=dict)
    result: RunResult | None = None  # None: a usage, configuration or internal error (`messages` say which)
    messages: list[str] = field(default_factory=list)  # printed on stderr before the findings, one a line

    @property
    def exit_code(self) -> int:
        """0 clean, 1 findings remain or a fix failed (0 with --exit-zero), 2 error; --diff and
        --write-baseline exit their own way."""
        if self.result is None:
            return EXIT_ERROR
        if (self.result.diagnostics or self.result.failures) and not self.options.exit_zero:
            return EXIT_FINDINGS
        return EXIT_CLEAN


def check_options(args: list[str]) -> CheckOptions:
    """`repo-lint check ARGS` read as the command line reads them; raises click's usage errors."""
    parent = cli.make_context("repo-lint", ["check"])
    return CheckOptions(**check.make_context("check", list(args), parent=parent).params)


def check_run(options: CheckOptions) -> CheckRun:
    """Load the configuration, run the engine and say what `check` prints on stderr before the findings."""
    try:
        config, rules, request = _prepare(options)
    except UsageFailure as error:
        return CheckRun(options, messages=[f"repo-lint: error: {error}"])
    try:
        result = run(config, request)
    except ConfigError as error:  # a missing or malformed baseline file
        return CheckRun(options, config, rules, messages=[f"repo-lint: error: {error}"])
    except Exception as error:  # an internal error must never look like a clean run
        messages = [f"repo-lint: internal error: {error!r}"]
        if options.verbose:
            import traceback  # a crash only: not imported by every run

            messages.append(traceback.format_exc().rstrip("\n"))
        return CheckRun(options, config, rules, messages=messages)
    return CheckRun(options, config, rules, result, _messages(options, config, result))


def _prepare(options: CheckOptions) -> tuple[Config, dict[str, Rule], RunRequest]:
    """The configuration, the rules and the engine's request the options ask for."""
    if options.baseline_file is not None and (
        options.paths or options.changed_since is not None or options.paths_are_changed or options.diff
    ):
        raise UsageFailure(
            "--write-baseline records the whole repository: it takes no PATHS, --changed-since, "
            "--changed-files or --diff"
        )
    if options.diff and options.output_format in ("github", "sarif", "junit"):
        raise UsageFailure(
            f"--diff prints a unified diff, not {options.output_format}; "
            "use --output-format json for a machine-readable one"
        )
    rules = all_rules()
    try:
        config_file = Path(options.config_file) if options.config_file else None
        config = load_config(Path.cwd(), config_file, check_sections())
        check_codes(config, set(rules))
    except ConfigError as error:
        raise UsageFailure(str(error)) from error
    select, extend_select, ignore = _codes(options.select), _codes(options.extend_select), _codes(options.ignore)
    for code in (select or []) + (ignore or []) + (extend_select or []):
        if code != "ALL" and not any(r.startswith(code) for r in rules):
            raise UsageFailure(f"unknown rule code or prefix `{code}` (see `repo-lint rules`)")
    if options.no_cache:
        cache_path = None
    else:
        cache_path = Path(options.cache_dir).resolve() if options.cache_dir else config.root / config["cache-dir"]
    changed, changed_base = _changed(options, config.root)
    request = RunRequest(
        paths=() if options.paths_are_changed else tuple(_relative(config.root, p) for p in options.paths),
        select=select,
        extend_select=extend_select or [],
        ignore=ignore or [],
        fix=options.fix and not options.diff,
        diff=options.diff,
        unsafe_fixes=options.unsafe_fixes,
        code_frames=_output_format(options) == "full" and not options.statistics,
        cache_dir=cache_path,
        changed=changed,
        changed_base=changed_base,
        use_baseline=options.baseline_file is None,
    )
    return config, rules, request


def _changed(options: CheckOptions, root: Path) -> tuple[frozenset[str] | None, str | None]:
    """The changed set (--changed-since's files plus, with --changed-files, PATHS; None: the whole tree) and the
    commit it is compared with: --changed-since's merge-base, else HEAD when --changed-files names files of a
    git repository (pre-commit's staged changes); None when there is none."""
    changed = base = None
    if options.changed_since is not None:
        try:
            base = merge_base(root, options.changed_since or None)
            changed = changed_files(root, base)
        except ChangedFilesError as error:
            raise UsageFailure(str(error)) from error
    if options.paths_are_changed:  # PATHS are the changed set (added to --changed-since's), not a filter
        for path in options.paths:
            if Path(path).is_dir():
                raise UsageFailure(f"--changed-files takes files, not folders: {path}")
        real_root = root.resolve()  # a file outside the checked root (pre-commit passes them all) is no fact
        absolutes = ((Path.cwd() / p).resolve() for p in options.paths)
        inside = [absolute for absolute in absolutes if absolute.is_relative_to(real_root)]
        changed = (changed or frozenset()) | frozenset(
            absolute.relative_to(real_root).as_posix() for absolute in inside
        )
        if base is None and (root / ".git").exists():
            try:
                base = merge_base(root, "HEAD")  # HEAD's commit
            except ChangedFilesError:
                base = None
    return changed, base


def _messages(options: CheckOptions, config: Config, result: RunResult) -> list[str]:
    """What `check` prints on stderr once the run is done: notes, warnings, where the config came from, and
    the fixes that failed."""
    messages = []
    if options.verbose or (config.preset_note and not options.quiet):
        messages += [f"repo-lint: {report.printable(note)}" for note in result.notes]
    if not options.quiet:
        messages += [f"repo-lint: warning: {report.printable(warning)}" for warning in result.warnings]
    if options.verbose:
        messages.append(f"repo-lint: root {config.root}, config from {config.origin}, preset {config['preset']}")
        messages.append(f"repo-lint: cache: {result.cache_usage}")
        messages.append(f"repo-lint: formatting with {_ruff_described(config.root)}")
    messages += [f"repo-lint: {report.printable(failure)}" for failure in result.failures]
    return messages


def _ruff_described(root: Path) -> str:
    from repo_lint.formatting import FormatterUnavailable, choose_ruff

    try:
        return report.printable(choose_ruff(root).describe())
    except FormatterUnavailable as error:
        return f"no ruff: {error}"


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
        if config.origin == "none" and config["preset"]:  # no configuration yet: the preset must be named too
            click.echo(
                f'repo-lint: add\n\n[tool.repo-lint]\npreset = "{config["preset"]}"\nbaseline = "{relative}"\n\n'
                "to pyproject.toml to accept them.",
                err=True,
            )
        elif config["baseline"] is None or Path(config["baseline"]) != Path(relative):
            click.echo(f'repo-lint: add `baseline = "{relative}"` to [tool.repo-lint] to accept them.', err=True)
    sys.exit(EXIT_CLEAN)  # what remains is accepted now; failures (a fix not written) were printed above


def _print_diff(result: RunResult, options: CheckOptions) -> None:
    """What `--diff` prints instead of the findings, and its exit code (1 when a fix would change a file)."""
    if options.output_format == "json":
        payload = [
            {"path": report.unicode_safe(path), "diff": report.unicode_safe(_unified({path: change}))}
            for path, change in sorted(result.changes.items())
        ]
        text = json.dumps(payload, indent=2, ensure_ascii=True) + "\n"
    else:
        text = _unified(result.changes)
    sys.stdout.write(text)
    if not options.quiet:
        click.echo(f"{len(result.changes)} file(s) would be changed.", err=True)
    changed = result.changes or result.failures
    sys.exit(EXIT_FINDINGS if changed and not options.exit_zero else EXIT_CLEAN)


def _relative(root: Path, path: str) -> str:
    if not os.path.lexists(Path.cwd() / path):
        raise UsageFailure(f"{path}: no such file or folder")
    absolute = (Path.cwd() / path).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageFailure(f"{path} is outside the repository root {root}") from None


def _unified(changes: dict[str, tuple[str, str]]) -> str:
    import difflib  # --diff only

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
