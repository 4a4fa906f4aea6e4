"""`repo-lint graph`: the copy graph of the bundled copies fixture and of the real transformers tree, in
every format, and the html page rendered by a headless Chromium.

Expectations are derived from the files themselves (a plain regex over the marker lines) and from
`repo-lint check --select CPY`, never from the graph code: drifted must mean what `check` reports.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from repo_lint.graph import DRIFT_CODES
from tests.helpers import check_json, run_cli
from tests.realtrees import tree_or_skip

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "copies"
CHROMIUM = Path("/usr/bin/chromium")
ROOTS = {"transformers": "src/transformers", "tests": "tests"}  # the transformers preset's marker roots
BERT = "transformers.models.bert.modeling_bert"
ROBERTA = "transformers.models.roberta.modeling_roberta"
CAMEMBERT = "transformers.models.camembert.modeling_camembert"
MARKER = re.compile(r"^(?P<indent>[ \t]*)# Copied from (?P<prefix>\w+)\.(?P<target>[\w.]+)(?P<rest>.*)$")
DEFINITION = re.compile(r"^[ \t]*(?:async[ \t]+)?(?:class|def)[ \t]+(\w+)")


def copy_fixture(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE / name, tmp_path / name, ignore=shutil.ignore_patterns(".repo-lint-cache")))


@pytest.fixture(params=["clean", "broken"])
def tree(request, tmp_path: Path) -> Path:
    return copy_fixture(request.param, tmp_path)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return copy_fixture("broken", tmp_path)


def graph(root: Path, *args: str) -> str:
    result = run_cli(root, "graph", "--no-cache", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def graph_json(root: Path, *args: str) -> dict:
    return json.loads(graph(root, "--output-format", "json", *args))


def markers_in(root: Path, folder: str, prefix: str) -> dict[tuple[str, int], tuple[str, int, str]]:
    """(path, marker line) -> (target, line of the definition below, its name), by a plain text scan."""
    found = {}
    for file in sorted((root / folder).rglob("*.py")):
        lines = file.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            match = MARKER.match(line)
            if match is None or match["prefix"] != prefix:
                continue
            below = index + 1
            while not DEFINITION.match(lines[below]):
                below += 1  # decorators
            found[(file.relative_to(root).as_posix(), index + 1)] = (
                match["target"],
                below + 1,
                DEFINITION.match(lines[below]).group(1),
            )
    return found


# -- the fixture -----------------------------------------------------------------------------------------
def test_every_marker_is_an_edge_from_its_copy(tree: Path):
    data = graph_json(tree)
    expected = {**markers_in(tree, ROOTS["transformers"], "transformers"), **markers_in(tree, ROOTS["tests"], "tests")}
    assert len(expected) >= 20
    edges = {(e["path"], e["line"]): e for e in data["edges"] if e["target"]}
    assert set(edges) == set(expected)
    nodes = {n["id"]: n for n in data["nodes"]}
    for place, (target, definition_line, name) in expected.items():
        edge = edges[place]
        assert edge["target"] == target
        copy = nodes[edge["copy"]]
        assert (copy["path"], copy["line"]) == (place[0], definition_line)
        assert copy["qualname"].rsplit(".", 1)[-1] == name
        module = place[0].removesuffix(".py").replace("/", ".").replace("src.", "", 1)
        assert edge["copy"] == f"{module}.{copy['qualname']}"
    # The full-file copy of the preset is an edge between the two files.
    full = [e for e in data["edges"] if not e["target"]]
    assert [(e["copy"], e["source"]) for e in full] == [
        ("examples/flax/question-answering/utils_qa.py", "examples/pytorch/question-answering/utils_qa.py")
    ]


def test_drifted_edges_are_exactly_what_check_reports(tree: Path):
    data = graph_json(tree)
    _, findings = check_json(tree, "--no-cache", "--select", "CPY")
    reported = {(f["path"], f["data"].get("target")) for f in findings if f["code"] in DRIFT_CODES}
    drifted = {(e["path"], e["target"] or None) for e in data["edges"] if e["drifted"]}
    assert drifted == reported
    if tree.name == "clean":
        assert not drifted
    else:
        assert (
            "src/transformers/models/roberta/modeling_roberta.py",
            "models.bert.modeling_bert.BertSelfAttention",
        ) in drifted  # DEFECTS.md #3a
        # #3b: camembert copies roberta's current copy, so it is not drifted; #15 is suppressed, so neither.
        by_place = {(e["path"], e["line"]): e for e in data["edges"]}
        assert not by_place[("src/transformers/models/camembert/modeling_camembert.py", 21)]["drifted"]
        assert not by_place[("src/transformers/models/xlm_roberta/modeling_xlm_roberta.py", 117)]["drifted"]
        # A marker naming nothing points at a node marked missing, with its CPY002.
        missing = by_place[("src/transformers/models/xlm_roberta/modeling_xlm_roberta.py", 16)]
        assert missing["codes"] == ["CPY002"]
        assert {n["id"]: n for n in data["nodes"]}[missing["source"]]["kind"] == "missing"


def test_the_edges_are_recorded_by_the_check_run_only_when_asked(broken: Path):
    """graph reads the copy edges the one CPY run resolved: a plain run records nothing (and may come from the
    run cache), a run asking for them is judged (never answered from the run cache) and gets one per marker."""
    from repo_lint.checks.copies import COPY_EDGES

    from repo_lint.config import load_config
    from repo_lint.engine import RunRequest, run
    from repo_lint.registry import check_sections

    config = load_config(broken, None, check_sections())
    cache = broken / ".repo-lint-cache"
    plain = run(config, RunRequest(select=["CPY"], cache_dir=cache))
    assert plain.records == {}
    markers = set(markers_in(broken, ROOTS["transformers"], "transformers")) | set(
        markers_in(broken, ROOTS["tests"], "tests")
    )
    for _ in range(2):  # the second one with every fact and the plain run's answer cached
        asked = run(config, RunRequest(select=["CPY"], cache_dir=cache, records=frozenset({COPY_EDGES})))
        assert asked.diagnostics == plain.diagnostics
        edges = asked.records[COPY_EDGES]
        assert {(site.path, site.marker_line) for site in edges.sites} == markers
        assert edges.roots == ROOTS


def test_edges_are_drawn_when_the_configuration_ignores_every_cpy_code(broken: Path):
    config = broken / "pyproject.toml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("[tool.repo-lint]\n", '[tool.repo-lint]\nignore = ["CPY"]\n')
    )
    data = graph_json(broken)
    markers = set(markers_in(broken, ROOTS["transformers"], "transformers")) | set(
        markers_in(broken, ROOTS["tests"], "tests")
    )
    assert {(e["path"], e["line"]) for e in data["edges"] if e["target"]} == markers
    assert not any(e["drifted"] or e["codes"] for e in data["edges"])  # nothing is reported


def test_focus_follows_copies_of_copies(broken: Path):
    data = graph_json(broken, "--focus", "BertSelfAttention")
    roles = {n["id"]: n["role"] for n in data["nodes"]}
    assert data["focus"] == [f"{BERT}.BertSelfAttention"]
    assert roles == {
        f"{BERT}.BertSelfAttention": "focus",
        f"{ROBERTA}.RobertaSelfAttention": "downstream",
        f"{CAMEMBERT}.CamembertSelfAttention": "downstream",
    }
    edges = {(e["source"], e["copy"]): e["drifted"] for e in data["edges"]}
    assert edges == {
        (f"{BERT}.BertSelfAttention", f"{ROBERTA}.RobertaSelfAttention"): True,
        (f"{ROBERTA}.RobertaSelfAttention", f"{CAMEMBERT}.CamembertSelfAttention"): False,
    }
    # From the end of the chain, the same objects are upstream.
    upstream = graph_json(broken, "--focus", f"{CAMEMBERT}.CamembertSelfAttention")
    assert {n["id"]: n["role"] for n in upstream["nodes"]} == {
        f"{BERT}.BertSelfAttention": "upstream",
        f"{ROBERTA}.RobertaSelfAttention": "upstream",
        f"{CAMEMBERT}.CamembertSelfAttention": "focus",
    }


def test_focus_on_a_class_reaches_copies_of_its_methods(broken: Path):
    roles = {n["id"]: n["role"] for n in graph_json(broken, "--focus", "BertLayer")["nodes"]}
    assert roles == {
        f"{BERT}.BertLayer": "focus",
        f"{BERT}.BertLayer.feed_forward": "contained",
        f"{CAMEMBERT}.CamembertLayer": "downstream",
        f"{ROBERTA}.RobertaLayer.feed_forward": "downstream",
    }


def test_focus_on_a_class_that_is_no_copy_shows_its_copied_methods(broken: Path):
    """`RobertaLayer` is neither copied nor a copy, its `feed_forward` is (the `--focus UNet2DConditionModel` case
    of Diffusers): the focus is on the method, not an error."""
    data = graph_json(broken, "--focus", "RobertaLayer")
    assert data["focus"] == [f"{ROBERTA}.RobertaLayer.feed_forward"]
    assert f"{BERT}.BertLayer.feed_forward" in {n["id"] for n in data["nodes"] if n.get("role") == "upstream"}


def test_focus_on_a_file(broken: Path):
    path = "src/transformers/models/camembert/modeling_camembert.py"
    data = graph_json(broken, "--focus", path)
    focused = {n["id"] for n in data["nodes"] if n.get("role") == "focus"}
    assert focused == {
        f"{CAMEMBERT}.{v[2]}" for k, v in markers_in(broken, "src", "transformers").items() if k[0] == path
    }
    assert f"{BERT}.BertLayer" in {n["id"] for n in data["nodes"] if n.get("role") == "upstream"}


def test_unknown_focus_is_a_usage_error_with_a_suggestion(broken: Path):
    result = run_cli(broken, "graph", "--no-cache", "--focus", "SelfAttention")
    assert result.returncode == 2
    assert "no copied or copying object matches `SelfAttention`" in result.stderr
    assert f"{BERT}.BertSelfAttention" in result.stderr


def test_dot_mermaid_and_text(broken: Path):
    dot = graph(broken, "--focus", "BertSelfAttention", "--output-format", "dot")
    assert dot.startswith("digraph copies {") and dot.rstrip().endswith("}")
    red = re.findall(r'^  "([\w.]+)" -> "([\w.]+)" \[(.*)\];$', dot, re.M)
    assert {(s, c): 'color="red"' in attrs and 'style="dashed"' in attrs for s, c, attrs in red} == {
        (f"{BERT}.BertSelfAttention", f"{ROBERTA}.RobertaSelfAttention"): True,
        (f"{ROBERTA}.RobertaSelfAttention", f"{CAMEMBERT}.CamembertSelfAttention"): False,
    }
    assert re.search(
        rf'"{re.escape(BERT)}.BertSelfAttention" \[label="BertSelfAttention\\n'
        r'src/transformers/models/bert/modeling_bert.py:52".*penwidth=3',
        dot,
    )

    mermaid = graph(broken, "--focus", "BertSelfAttention", "--output-format", "mermaid").splitlines()
    assert mermaid[0] == "flowchart LR"
    labels = [line for line in mermaid if "<br/>" in line]
    ids = {re.search(r'\["(\w+)<br/>', line).group(1): line.split("[")[0].strip() for line in labels}
    links = [line.strip() for line in mermaid if "->" in line and "<br/>" not in line]
    bert, roberta, camembert = ids["BertSelfAttention"], ids["RobertaSelfAttention"], ids["CamembertSelfAttention"]
    assert links == [
        f"{bert} -.->|DRIFTED with Bert-#gt;Roberta| {roberta}",
        f"{roberta} -->|with Roberta-#gt;Camembert| {camembert}",
    ]
    assert "  linkStyle 0 stroke:#d00,stroke-width:2px,color:#d00" in mermaid
    assert f"  class {bert} focus" in mermaid

    text = graph(broken, "--focus", "BertSelfAttention").splitlines()
    assert text[0].startswith(f"{BERT}.BertSelfAttention *  src/transformers/models/bert/modeling_bert.py:52")
    assert text[1].startswith(f"   <- {ROBERTA}.RobertaSelfAttention  ") and text[1].endswith("DRIFTED (CPY001)")
    assert text[2].startswith(f"      <- {CAMEMBERT}.CamembertSelfAttention  ") and "DRIFTED" not in text[2]
    assert text[-1] == f"3 objects, 2 copies, 1 drifted, focus {BERT}.BertSelfAttention (*)"


def test_output_file(broken: Path):
    result = run_cli(broken, "graph", "--no-cache", "--output-format", "html", "-o", "copies.html")
    assert result.returncode == 0 and result.stdout == ""
    page = (broken / "copies.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and f"{BERT}.BertSelfAttention" in page
    assert_self_contained(page)


def assert_self_contained(page: str) -> None:
    """Nothing is loaded from anywhere: no external script, style, font or image; http only in the SVG namespace."""
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\((?!#)", page)
    assert set(re.findall(r"https?://[^\s\"')]+", page)) == {"http://www.w3.org/2000/svg"}


# -- the real transformers tree ----------------------------------------------------------------------------
def reached_by_grep(tree: Path, start: str) -> set[tuple[str, int]]:
    """(path, marker line) of every transitive copy of `start` or of anything inside it, by grepping markers."""
    from repo_lint.config import load_config
    from repo_lint.registry import check_sections
    from repo_lint.workspace import matches_any

    config = load_config(tree, None, check_sections())
    exclude = list(config["exclude"]) + list(config["extend-exclude"])
    markers = {
        k: v
        for k, v in markers_in(tree, ROOTS["transformers"], "transformers").items()
        if not matches_any(k[0], exclude)
    }
    names, reached = [start], set()
    while names:
        name = names.pop()
        for (path, line), (target, _, copy_name) in markers.items():
            if (path, line) not in reached and re.fullmatch(rf"{re.escape(name)}(\..+)?", "transformers." + target):
                reached.add((path, line))
                module = path.removeprefix("src/").removesuffix(".py").replace("/", ".")
                names.append(f"{module}.{copy_name}")
    return reached


@pytest.mark.realtree
def test_real_tree_focus_reaches_every_copy_of_bert_self_attention(tmp_path: Path):
    tree = tree_or_skip("transformers")
    expected = reached_by_grep(tree, f"{BERT}.BertSelfAttention")
    assert expected, "the tree has copies of BertSelfAttention"
    data = graph_json(tree, "--focus", "BertSelfAttention")
    assert data["focus"] == [f"{BERT}.BertSelfAttention"]
    downstream = {(e["path"], e["line"]) for e in data["edges"]}
    assert downstream == expected
    _, findings = check_json(tree, "--no-cache", "--select", "CPY")
    reported = {(f["path"], f["data"].get("target")) for f in findings if f["code"] in DRIFT_CODES}
    assert {(e["path"], e["target"]) for e in data["edges"] if e["drifted"]} == {
        (e["path"], e["target"]) for e in data["edges"] if (e["path"], e["target"]) in reported
    }

    page = tmp_path / "bert.html"
    run_cli(tree, "graph", "--no-cache", "--focus", "BertSelfAttention", "--output-format", "html", "-o", str(page))
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    rows = set(re.findall(r'<tr class="downstream[^"]*" data-id="([\w.]+)"', dom))
    assert rows == {e["copy"] for e in data["edges"]}


# -- the html page in a headless browser -----------------------------------------------------------------
def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    if not CHROMIUM.is_file():
        pytest.skip(
            "CHROMIUM MISSING: /usr/bin/chromium is not installed (apt-get install chromium), "
            "so the html graph is not checked in a browser"
        )
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


@pytest.mark.slow
def test_html_page_shows_the_focus_its_copies_and_the_drift(broken: Path, tmp_path: Path):
    page = tmp_path / "bert.html"
    page.write_text(graph(broken, "--focus", "BertSelfAttention", "--output-format", "html"), encoding="utf-8")
    assert_self_contained(page.read_text(encoding="utf-8"))
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    # What the script drew (none of this is in the page's source: it is built from the embedded JSON).
    assert re.search(rf'<g class="node focus" data-id="{re.escape(BERT)}.BertSelfAttention"', dom)
    assert re.search(rf'<g class="node downstream" data-id="{re.escape(ROBERTA)}.RobertaSelfAttention"', dom)
    assert re.search(rf'<g class="node downstream" data-id="{re.escape(CAMEMBERT)}.CamembertSelfAttention"', dom)
    edges = re.findall(r'<path d="[^"]*" class="([^"]*)"[^>]*data-copy="([\w.]+)"', dom)
    assert sorted(edges) == [
        ("edge", f"{CAMEMBERT}.CamembertSelfAttention"),
        ("edge drifted", f"{ROBERTA}.RobertaSelfAttention"),
    ]
    rows = re.findall(r'<tr class="([^"]*)" data-id="([\w.]+)">', dom)
    assert sorted(rows) == [
        ("downstream", f"{CAMEMBERT}.CamembertSelfAttention"),
        ("downstream drifted", f"{ROBERTA}.RobertaSelfAttention"),
    ]
    assert "BertSelfAttention: 2 copies downstream, 0 sources upstream, 1 drifted edge" in dom

    screenshot = tmp_path / "bert.png"
    chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1400,1000", page.as_uri())
    assert screenshot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert screenshot.stat().st_size > 10_000  # a drawn page, not a blank one


@pytest.mark.slow
def test_html_page_without_focus_lists_the_most_copied_sources(broken: Path, tmp_path: Path):
    page = tmp_path / "all.html"
    page.write_text(graph(broken, "--output-format", "html"), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    top = re.findall(r'<li data-id="([\w.]+)">[^<]* reaches (\d+)</li>', dom)
    assert (f"{BERT}.BertSelfAttention", "2") in top
    assert top == sorted(top, key=lambda item: -int(item[1]))
    # A link to one object (what a click on a node or a search result does) opens on its neighbourhood.
    dom = chromium(tmp_path, "--dump-dom", f"{page.as_uri()}#{CAMEMBERT}.CamembertSelfAttention").stdout
    assert re.search(rf'<g class="node focus" data-id="{re.escape(CAMEMBERT)}.CamembertSelfAttention"', dom)
    assert sorted(re.findall(r'<tr class="([^"]*)" data-id="([\w.]+)">', dom)) == [
        ("upstream", f"{BERT}.BertSelfAttention"),
        ("upstream drifted", f"{ROBERTA}.RobertaSelfAttention"),
    ]
