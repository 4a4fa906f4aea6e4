"""The GitHub Action (`action.yml`): run `repo-lint check` once and report it the ways a workflow shows.

    python -m repo_lint.github_action [--args "EXTRA ARGS"] [--sarif-file FILE] [--summary-max-findings N]
                                      [--sha SHA]

Runs `repo-lint check EXTRA ARGS` once in the current directory, in this process (the arguments and the
configuration are read by `cli.py` as for the command line), then from its findings:

- prints a workflow annotation per finding (`::error file=…,line=…,title=CODE::message`, the `github`
  output format of `report.py`);
- appends a Markdown job summary to `$GITHUB_STEP_SUMMARY`: counts by rule, the first N findings with
  links to the lines at the checked commit, and the command that fixes them locally (GitHub shows only
  10 error annotations per step, so the summary is where the whole picture is);
- writes SARIF 2.1.0 (`report.sarif_log`) to `--sarif-file` for `github/codeql-action/upload-sarif`;
- writes the step outputs `findings`, `fixable`, `exit-code` and `sarif-file` to `$GITHUB_OUTPUT`;
- exits with repo-lint's own exit code: 0 clean, 1 findings remain, 2 error.

Paths are made relative to `$GITHUB_WORKSPACE` (the checkout), which is what annotations, links and code
scanning expect, even when the configuration (and so repo-lint's root) is in a sub-folder.

Every option also reads an environment variable (`REPO_LINT_ARGS`, `REPO_LINT_SARIF_FILE`,
`REPO_LINT_SUMMARY_MAX_FINDINGS`, `REPO_LINT_LINK_SHA`), which is how `action.yml` passes its inputs
without pasting them into shell code. The rendering functions are pure: diagnostics in, text out.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import shlex
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import click

from repo_lint import __version__, report
from repo_lint.diagnostics import Diagnostic, Rule

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_MAX_FINDINGS = 50
ANNOTATIONS_SHOWN_PER_STEP = 10

# Options that change what `check` prints instead of its findings, so the action cannot accept them in `args`.
_REJECTED_OPTIONS = ("--output-format", "--statistics", "--diff", "--write-baseline", "-h", "--help")
# Options left out of the local fix command (it adds `--fix` itself).
_DROPPED_FROM_FIX = ("--exit-zero", "--fix", "--show-fixes")

# --------------------------------------------------------------------------------------- diagnostics


def rebase(diagnostics: list[Diagnostic], prefix: str) -> list[Diagnostic]:
    """The findings with `prefix/` in front of their repo-relative paths (`prefix` "" or "." changes nothing),
    their paths and messages without lone surrogates (a file name that is not UTF-8), as `--output-format json`
    writes them."""
    prefix = prefix.strip("/")
    lead = "" if prefix in ("", ".") else f"{prefix}/"
    return [
        dataclasses.replace(d, path=report.unicode_safe(lead + d.path), message=report.unicode_safe(d.message))
        for d in diagnostics
    ]


# ----------------------------------------------------------------------------------------- renderers


def render_annotations(diagnostics: list[Diagnostic]) -> str:
    """One `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message` line per finding."""
    return report.render(diagnostics, "github", rules={}, tool_version=__version__)


def render_sarif(diagnostics: list[Diagnostic], *, rules: dict[str, Rule], tool_version: str = __version__) -> str:
    """The SARIF 2.1.0 log of the findings, as text."""
    log = report.sarif_log(diagnostics, rules=rules, tool_version=tool_version)
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def line_url(path: str, line: int, end_line: int | None, *, server_url: str, repository: str, sha: str) -> str:
    """`{server}/{owner/repo}/blob/{sha}/{path}#L{line}[-L{end}]`, or "" when any part is unknown."""
    if not (server_url and repository and sha):
        return ""
    anchor = f"#L{line}" if not end_line or end_line <= line else f"#L{line}-L{end_line}"
    return f"{server_url.rstrip('/')}/{repository}/blob/{sha}/{quote(path, safe='/')}{anchor}"


def fix_command(args: list[str], *, working_directory: str = ".") -> str:
    """The local command that applies every available fix with the same selection as the CI run."""
    kept = [arg for arg in args if arg not in _DROPPED_FROM_FIX]
    command = shlex.join(["repo-lint", "check", "--fix", *kept])
    if working_directory not in ("", "."):
        command = f"cd {shlex.quote(working_directory)} && {command}"
    return command


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _count(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_summary(
    diagnostics: list[Diagnostic],
    *,
    rules: dict[str, Rule] | None = None,
    server_url: str = "",
    repository: str = "",
    sha: str = "",
    max_findings: int = DEFAULT_MAX_FINDINGS,
    fix_cmd: str = "repo-lint check --fix",
    exit_code: int | None = None,
    messages: str = "",
    tool_version: str = __version__,
    cache_usage: str = "",
) -> str:
    """The job summary (GitHub-flavoured Markdown) of one run.

    `diagnostics` have workspace-relative paths; `exit_code` is repo-lint's (2 means it failed, and
    `diagnostics` are then ignored); `messages` is what repo-lint printed on stderr.
    """
    rules = rules or {}
    lines = ["## repo-lint", ""]
    if exit_code is not None and exit_code not in (EXIT_CLEAN, EXIT_FINDINGS):
        lines += [f"❌ **repo-lint failed** (exit code {exit_code}): configuration, usage or internal error.", ""]
        if messages.strip():
            lines += ["```text", messages.strip("\n"), "```", ""]
        lines.append(f"<sub>repo-lint {tool_version}</sub>")
        return "\n".join(lines) + "\n"

    fixable = [d for d in diagnostics if d.fixable]
    if not diagnostics:
        if exit_code == EXIT_FINDINGS:
            lines += ["❌ **No findings, but repo-lint could not check everything** (see below).", ""]
        else:
            lines += ["✅ **No findings.** All checks passed.", ""]
    else:
        files = len({d.path for d in diagnostics})
        headline = f"❌ **{_count(len(diagnostics), 'finding')}** in {_count(files, 'file')}"
        if fixable:
            headline += f" ({len(fixable)} fixable with `repo-lint check --fix`)"
        lines += [headline + ".", ""]

        fixable_by_code = Counter(d.code for d in fixable)
        lines += ["| Rule | Name | Findings | Fixable |", "| --- | --- | ---: | ---: |"]
        for row in report.statistics_rows(diagnostics, rules):
            name = row["name"] or "—"
            lines.append(f"| `{row['code']}` | {name} | {row['count']} | {fixable_by_code.get(row['code'], 0)} |")
        lines.append("")

        shown = diagnostics[: max(max_findings, 0)]
        if shown:
            lines.append("### Findings")
            lines.append("")
            if len(shown) < len(diagnostics):
                lines += [f"The first {len(shown)} of {len(diagnostics)}; the step log lists every one.", ""]
            elif len(diagnostics) > ANNOTATIONS_SHOWN_PER_STEP:
                lines += [
                    f"GitHub shows only {ANNOTATIONS_SHOWN_PER_STEP} annotations per step; here are all "
                    f"{len(diagnostics)} findings.",
                    "",
                ]
            for d in shown:
                where = f"{d.path}:{d.line}"
                url = line_url(d.path, d.line, d.end_line, server_url=server_url, repository=repository, sha=sha)
                location = f"[`{where}`]({url})" if url else f"`{where}`"
                mark = " *(fixable)*" if d.fixable else ""
                lines.append(f"- {location} **{d.code}** {_one_line(d.message)}{mark}")
            lines.append("")

        lines += ["### Fix locally", ""]
        if fixable:
            lines += [
                f"{_count(len(fixable), 'finding')} of {len(diagnostics)} can be fixed automatically. "
                "At the root of your checkout, run:",
                "",
                "```sh",
                fix_cmd,
                "```",
                "",
                "then commit the changed files.",
                "",
            ]
        else:
            lines += ["None of these findings can be fixed automatically.", ""]
        unsafe = sum(1 for d in diagnostics if d.hidden_unsafe_fix)
        if unsafe:
            lines += [
                f"{_count(unsafe, 'more finding')} can be fixed with `--fix --unsafe-fixes`: review those changes, "
                "they may change behaviour (a default value, a decorator, an eager import).",
                "",
            ]
        first_code = diagnostics[0].code
        lines += [
            f"`repo-lint explain CODE` (e.g. `repo-lint explain {first_code}`) says what a rule wants and how "
            "to satisfy it by hand.",
            "",
        ]
    if messages.strip():
        lines += [
            "<details><summary>Messages from repo-lint</summary>",
            "",
            "```text",
            messages.strip("\n"),
            "```",
            "",
            "</details>",
            "",
        ]
    lines.append(f"<sub>repo-lint {tool_version}{' · cache: ' + cache_usage if cache_usage else ''}</sub>")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------- running


@dataclass
class Checked:
    """What one `repo-lint check` gave the action."""

    exit_code: int
    messages: str  # what it printed on stderr
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    root: Path | None = None  # where the configuration puts the repository's root (None: it failed)
    cache_usage: str = ""  # what the run took from the fact cache (`actions/cache` restores it between runs)


def check(args: list[str]) -> Checked:
    """`repo-lint check ARGS` in this process, as the command line would run it, printing nothing."""
    from repo_lint import cli

    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):  # the help, asked for in a way `_REJECTED_OPTIONS` misses (`-qh`)
            options = cli.check_options(args)
    except click.ClickException as error:  # a usage error, shown as the command line shows it
        shown = io.StringIO()
        error.show(file=shown)
        return Checked(error.exit_code, shown.getvalue())
    except click.exceptions.Exit:
        return Checked(EXIT_ERROR, f"repo-lint printed its help instead of checking:\n{printed.getvalue()}")
    checked = cli.check_run(options)
    messages = "".join(click.unstyle(message) + "\n" for message in checked.messages)  # as echo writes to a pipe
    if checked.result is None:
        return Checked(checked.exit_code, messages)
    result = checked.result
    return Checked(
        checked.exit_code, messages, result.diagnostics, checked.rules, checked.config.root, result.cache_usage
    )


def _relative_posix(path: Path, base: Path) -> str | None:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return None


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    env = os.environ
    parser = argparse.ArgumentParser(
        prog="python -m repo_lint.github_action",
        description="Run `repo-lint check` once; print annotations, write the job summary, outputs and SARIF.",
    )
    parser.add_argument(
        "--args",
        default=env.get("REPO_LINT_ARGS", ""),
        help="extra arguments for `repo-lint check`, split like a shell would (env REPO_LINT_ARGS)",
    )
    parser.add_argument(
        "--sarif-file",
        default=env.get("REPO_LINT_SARIF_FILE", ""),
        help="write SARIF 2.1.0 here (env REPO_LINT_SARIF_FILE)",
    )
    parser.add_argument(
        "--summary-max-findings",
        default=env.get("REPO_LINT_SUMMARY_MAX_FINDINGS", ""),
        help=f"findings listed in the job summary (default {DEFAULT_MAX_FINDINGS}; env REPO_LINT_SUMMARY_MAX_FINDINGS)",
    )
    parser.add_argument(
        "--sha",
        default=env.get("REPO_LINT_LINK_SHA", "") or env.get("GITHUB_SHA", ""),
        help="commit the summary links point at (env REPO_LINT_LINK_SHA, else GITHUB_SHA)",
    )
    argv = list(sys.argv[1:] if argv is None else argv)
    # `--args "--select CPY"` would make argparse read the value as an option: glue it to its flag.
    for i, token in enumerate(argv[:-1]):
        if token == "--args":
            argv[i : i + 2] = [f"--args={argv[i + 1]}"]
            break
    return parser.parse_args(argv)


def _error(message: str, *, summary_path: str | None, output_path: str | None) -> int:
    print(f"::error title=repo-lint::{report.escape_github_data(message)}")
    print(f"repo-lint action: {message}", file=sys.stderr)
    _append(summary_path, render_summary([], exit_code=EXIT_ERROR, messages=message))
    _append(output_path, f"exit-code={EXIT_ERROR}\n")
    return EXIT_ERROR


def main(argv: list[str] | None = None) -> int:
    options = _parse(argv)
    summary_path = os.environ.get("GITHUB_STEP_SUMMARY") or None
    output_path = os.environ.get("GITHUB_OUTPUT") or None
    try:
        args = shlex.split(options.args)
        max_findings = int(options.summary_max_findings or DEFAULT_MAX_FINDINGS)
    except ValueError as error:
        return _error(f"bad input: {error}", summary_path=summary_path, output_path=output_path)
    if max_findings < 0:
        return _error("summary-max-findings must be 0 or more", summary_path=summary_path, output_path=output_path)
    for arg in args:
        if arg.split("=", 1)[0] in _REJECTED_OPTIONS:
            return _error(
                f"`{arg}` cannot be used in `args`: the action chooses the output itself",
                summary_path=summary_path,
                output_path=output_path,
            )

    cwd = Path.cwd()
    workspace = Path(os.environ.get("GITHUB_WORKSPACE") or cwd)
    checked = check(args)
    messages, exit_code = checked.messages, checked.exit_code
    if messages:
        sys.stderr.write(messages)
    if exit_code not in (EXIT_CLEAN, EXIT_FINDINGS):
        first = next((line for line in messages.splitlines() if line.strip()), f"exit code {exit_code}")
        print(f"::error title=repo-lint::{report.escape_github_data(first)}")
        _append(summary_path, render_summary([], exit_code=exit_code, messages=messages))
        _append(output_path, f"exit-code={exit_code}\n")
        return exit_code

    prefix = _relative_posix(checked.root, workspace)
    if prefix is None:
        print(
            f"repo-lint action: the repository root is outside GITHUB_WORKSPACE ({workspace}); "
            "paths stay relative to the root",
            file=sys.stderr,
        )
    diagnostics = rebase(checked.diagnostics, prefix or "")
    rules = checked.rules

    sys.stdout.write(render_annotations(diagnostics))
    fixable = sum(1 for d in diagnostics if d.fixable)
    if diagnostics:
        print(
            f"repo-lint: {_count(len(diagnostics), 'finding')} ({fixable} fixable); the job summary lists them "
            f"and the fix command (GitHub shows only {ANNOTATIONS_SHOWN_PER_STEP} annotations per step)."
        )
    else:
        print("repo-lint: all checks passed.")

    sarif_written = ""
    if options.sarif_file:
        sarif_path = Path(options.sarif_file)
        if sarif_path.parent != Path("."):
            sarif_path.parent.mkdir(parents=True, exist_ok=True)
        sarif_path.write_text(render_sarif(diagnostics, rules=rules), encoding="utf-8")
        sarif_written = options.sarif_file

    working_directory = _relative_posix(cwd, workspace) or "."
    summary = render_summary(
        diagnostics,
        rules=rules,
        server_url=os.environ.get("GITHUB_SERVER_URL", ""),
        repository=os.environ.get("GITHUB_REPOSITORY", ""),
        sha=options.sha,
        max_findings=max_findings,
        fix_cmd=fix_command(args, working_directory=working_directory),
        exit_code=exit_code,
        messages=messages,
        cache_usage=checked.cache_usage,
    )
    _append(summary_path, summary)
    print(f"repo-lint: cache: {checked.cache_usage}")
    _append(
        output_path,
        f"findings={len(diagnostics)}\nfixable={fixable}\nexit-code={exit_code}\nsarif-file={sarif_written}\n",
    )
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
