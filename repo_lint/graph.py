"""`repo-lint graph`: who copies from whom, and which copies have drifted.

Facts come from one engine run with `--select CPY`: the copies judge records the edges it resolved
(`checks/copies/edges.py`) next to the run's findings, so an edge is *drifted* exactly when
`repo-lint check --select CPY` reports CPY001, CPY007 or CPY008 on its marker (suppressions included).
Everything after collecting the facts is a pure function: focusing, and one renderer per format.
"""

from __future__ import annotations

import difflib
import html
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from repo_lint.checks.copies.edges import SiteFact
    from repo_lint.checks.modular.judge import ModularEdges

FORMATS = ("text", "dot", "mermaid", "json", "html")
# The copy differs from its source: body, full file, decorators, signature.
DRIFT_CODES = ("CPY001", "CPY006", "CPY007", "CPY008")
EXIT_ERROR = 2


@dataclass(frozen=True)
class Node:
    """A copied or copying object (or a whole file for full-file copies)."""

    id: str  # dotted name, e.g. transformers.models.bert.modeling_bert.BertSelfAttention (a path for files)
    qualname: str  # BertSelfAttention, BertLayer.feed_forward
    path: str | None  # repo-relative file; None when a marker names something that does not exist
    line: int | None  # 1-based line of the `def`/`class` (None for a file or a missing object)
    kind: str = "object"  # "object", "file" or "missing"
    role: str = ""  # with a focus: "focus", "contained", "upstream" or "downstream"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "qualname": self.qualname,
            "path": self.path,
            "line": self.line,
            "kind": self.kind,
            **({"role": self.role} if self.role else {}),
        }


@dataclass(frozen=True)
class Edge:
    """`copy` is marked `# Copied from source` (or is a configured full copy of the file `source`)."""

    copy: str
    source: str
    path: str  # file holding the marker
    line: int  # 1-based marker line (1 for a full-file copy)
    target: str  # the marker's dotted name after its prefix, as in the findings' `data.target`
    pattern: str  # the marker's replacement text, e.g. `with Bert->Roberta`
    codes: tuple[str, ...] = ()  # CPY findings `check` reports on this marker
    kind: str = "copy"  # "copy"; "generated" (modular file -> file generated from it); "parent" (module -> modular)

    @property
    def drifted(self) -> bool:
        return any(code in DRIFT_CODES for code in self.codes)

    def to_json(self) -> dict:
        return {
            "copy": self.copy,
            "source": self.source,
            "path": self.path,
            "line": self.line,
            "target": self.target,
            "pattern": self.pattern,
            "codes": list(self.codes),
            "drifted": self.drifted,
            **({"kind": self.kind} if self.kind != "copy" else {}),
        }


@dataclass(frozen=True)
class CopyGraph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    focus: tuple[str, ...] = ()
    node_index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.node_index.update({node.id: node for node in self.nodes})

    def node(self, node_id: str) -> Node:
        return self.node_index[node_id]


# -- collecting the facts (the only part that touches the repository) ----------------------------------
def collect(config, use_cache: bool, cache_dir: Path | None = None):
    """(sites, findings, roots, full copies, modular edges) of the repository: the findings of one engine run with
    `--select CPY`, the copy edges its copies judge resolved on the way, and the modular family's record of
    which file is generated from which modular file (None when the family names no generated file)."""
    from repo_lint.checks.copies import COPY_EDGES
    from repo_lint.checks.modular import MODULAR_EDGES
    from repo_lint.engine import RunRequest, run

    cache_path = (cache_dir or config.root / config["cache-dir"]) if use_cache else None
    records = frozenset({COPY_EDGES, MODULAR_EDGES})
    result = run(config, RunRequest(select=["CPY"], cache_dir=cache_path, records=records))
    edges = result.records[COPY_EDGES]
    return edges.sites, result.diagnostics, edges.roots, edges.full_copies, result.records.get(MODULAR_EDGES)


def module_name(path: str, roots: dict[str, str]) -> str:
    """The dotted module of a file: its root's prefix plus the path under the root's folder."""
    stem = path[: -len("/__init__.py")] if path.endswith("/__init__.py") else path.removesuffix(".py")
    best = None
    for prefix, folder in roots.items():
        base = folder.strip("/")
        if base in ("", ".") or stem == base or stem.startswith(base + "/"):
            if best is None or len(base) > len(best[1]):
                best = (prefix, base)
    if best is None:
        return stem.replace("/", ".")
    rest = stem if best[1] in ("", ".") else stem[len(best[1]) :].strip("/")
    return ".".join(part for part in (best[0], rest.replace("/", ".")) if part)


def build_graph(
    sites: Iterable[SiteFact],
    findings,
    roots: dict[str, str],
    full_copies: dict[str, str],
    modular: ModularEdges | None = None,
) -> CopyGraph:
    """Nodes and edges from resolved markers, each edge with the CPY codes reported on its marker; then the
    files generated from modular files and the modules those import from, as file edges of their own kind."""
    codes: dict[tuple[str, int], set[str]] = {}  # (path, marker line) -> codes; line 0: the whole file
    for finding in findings:
        if finding.code.startswith("CPY"):
            line = finding.suppression_lines[0] if finding.suppression_lines else 0
            codes.setdefault((finding.path, line), set()).add(finding.code)
    nodes: dict[str, Node] = {}
    by_place: dict[tuple, str] = {}

    def add(path: str | None, qualname: str, line: int | None, kind: str, name: str) -> str:
        place = (path, line) if path is not None else (None, name)
        if place not in by_place:  # two objects of the same name (a file defining one twice) stay apart
            node_id = name if name not in nodes else f"{name}@{path}:{line}"
            nodes[node_id] = Node(node_id, qualname, path, line, kind)
            by_place[place] = node_id
        return by_place[place]

    edges = []
    for site in sites:
        if site.copy is None:
            continue
        copy_name = f"{module_name(site.path, roots)}.{site.copy[0]}"
        copy_id = add(site.path, site.copy[0], site.copy[1], "object", copy_name)
        if site.source is None:
            shown = ".".join(site.full_target.split(".")[-2:])  # `BertEmbeddings.feed_forward`
            source_id = add(None, shown, None, "missing", site.full_target)
        else:
            path, qualname, line = site.source
            source_id = add(path, qualname, line, "object", f"{module_name(path, roots)}.{qualname}")
        edges.append(
            Edge(
                copy_id,
                source_id,
                site.path,
                site.marker_line,
                site.target,
                site.pattern,
                tuple(sorted(codes.get((site.path, site.marker_line), ()))),
            )
        )
    for copy, source in sorted(full_copies.items()):
        copy_id, source_id = _file(add, copy), _file(add, source)
        edges.append(Edge(copy_id, source_id, copy, 1, "", "", tuple(sorted(codes.get((copy, 0), ())))))
    if modular is not None:
        for generated, line, modular_path in modular.generated:
            copy_id, source_id = _file(add, generated), _file(add, modular_path)
            edges.append(Edge(copy_id, source_id, generated, line, modular_path, "(generated)", (), "generated"))
        for modular_path, parent in modular.parents:
            copy_id, source_id = _file(add, modular_path), _file(add, parent)
            edges.append(Edge(copy_id, source_id, modular_path, 1, parent, "(modular, imports it)", (), "parent"))
    ordered = tuple(sorted(nodes.values(), key=lambda n: n.id))
    return CopyGraph(ordered, tuple(sorted(edges, key=lambda e: (e.source, e.copy, e.path, e.line))))


def _file(add, path: str) -> str:
    """The node of a whole file (a full copy, a generated or modular file, a parent module)."""
    return add(path, path, None, "file", path)


# -- focusing ------------------------------------------------------------------------------------------
def find_focus(graph: CopyGraph, name: str, root: Path | None = None, cwd: Path | None = None) -> list[str]:
    """Nodes a `--focus` names: an exact dotted name, a dotted suffix (`BertSelfAttention`), or a file; else the
    copied or copying members of the class it names (`UNet2DConditionModel`: its copied methods)."""
    wanted = name.strip()
    paths = {wanted.lstrip("./")}
    if root is not None:
        try:
            paths.add(((cwd or Path.cwd()) / wanted).resolve().relative_to(root.resolve()).as_posix())
        except (ValueError, OSError):
            pass
    in_file = [n.id for n in graph.nodes if n.path in paths]
    if in_file:
        return in_file
    if wanted in graph.node_index:
        return [wanted]
    named = [n.id for n in graph.nodes if n.id.endswith("." + wanted) or (n.kind == "file" and n.id.endswith(wanted))]
    if named:
        return named
    # a class that is neither copied nor a copy, whose methods are: those methods
    return [n.id for n in graph.nodes if f".{wanted}." in f".{n.id}" and n.kind != "file"]


def suggestions(graph: CopyGraph, name: str) -> list[str]:
    short = {n.qualname: n.id for n in graph.nodes}
    return [short[q] for q in difflib.get_close_matches(name.rsplit(".", 1)[-1], list(short), n=3)]


def neighbourhood(graph: CopyGraph, focus: Iterable[str]) -> CopyGraph:
    """The focused nodes, what they contain, every transitive copy (downstream) and source (upstream)."""
    focus = [f for f in focus if f in graph.node_index]
    copies_of: dict[str, list[str]] = {}
    source_of: dict[str, list[str]] = {}
    for edge in graph.edges:
        copies_of.setdefault(edge.source, []).append(edge.copy)
        source_of.setdefault(edge.copy, []).append(edge.source)
    roles = {f: "focus" for f in focus}

    def contained(node_id: str) -> list[str]:
        return [n.id for n in graph.nodes if n.id.startswith(node_id + ".") and n.path == graph.node(node_id).path]

    start = list(focus)
    for node_id in focus:
        for child in contained(node_id):
            roles.setdefault(child, "contained")
            start.append(child)
    todo = list(start)
    while todo:  # downstream: a change to a copied object reaches its copies and what those contain
        for copy in copies_of.get(todo.pop(), ()):
            if copy not in roles:
                roles[copy] = "downstream"
                todo.append(copy)
                for child in contained(copy):
                    roles.setdefault(child, "downstream")
                    todo.append(child)
    todo = list(start)
    while todo:
        for source in source_of.get(todo.pop(), ()):
            if source not in roles:
                roles[source] = "upstream"
                todo.append(source)
    nodes = tuple(replace(n, role=roles[n.id]) for n in graph.nodes if n.id in roles)
    edges = tuple(e for e in graph.edges if e.copy in roles and e.source in roles)
    return CopyGraph(nodes, edges, tuple(focus))


# -- renderers (pure) ----------------------------------------------------------------------------------
def _where(node: Node) -> str:
    if node.kind == "missing":
        return "(does not exist)"
    return node.path if node.kind == "file" else f"{node.path}:{node.line}"


def _note(edge: Edge) -> str:
    """`DRIFTED (CPY001)` for a drifted copy, then the marker's other findings (`[CPY002]`)."""
    drift = [c for c in edge.codes if c in DRIFT_CODES]
    other = [c for c in edge.codes if c not in DRIFT_CODES]
    return (f"  DRIFTED ({', '.join(drift)})" if drift else "") + (f"  [{', '.join(other)}]" if other else "")


def _label(node: Node) -> str:
    mark = " *" if node.role == "focus" else ""
    return f"{node.id}{mark}" if node.kind == "file" else f"{node.id}{mark}  {_where(node)}"


def render_text(graph: CopyGraph) -> str:
    """Each source, then its copies indented below it (`<-` reads "copied from the line above")."""
    copies_of: dict[str, list[Edge]] = {}
    for edge in graph.edges:
        copies_of.setdefault(edge.source, []).append(edge)
    is_copy = {edge.copy for edge in graph.edges}
    roots = [n.id for n in graph.nodes if n.id in copies_of and n.id not in is_copy]
    lines: list[str] = []
    printed: set[Edge] = set()

    def walk(node_id: str, depth: int, path: tuple[str, ...]) -> None:
        for edge in copies_of.get(node_id, ()):
            if edge in printed:
                continue
            printed.add(edge)
            pattern = f"  {edge.pattern}" if edge.pattern else ""
            cycle = "  (cycle)" if edge.copy in path else ""
            lines.append(f"{'   ' * depth}<- {_label(graph.node(edge.copy))}{pattern}{_note(edge)}{cycle}")
            if edge.copy not in path:
                walk(edge.copy, depth + 1, (*path, edge.copy))

    for root in roots + [e.source for e in graph.edges]:
        if any(e not in printed for e in copies_of.get(root, ())):
            lines.append(_label(graph.node(root)))
            walk(root, 1, (root,))
    drifted = sum(e.drifted for e in graph.edges)
    focus = ", ".join(graph.focus) if len(graph.focus) < 3 else f"{len(graph.focus)} objects"
    focus = f", focus {focus} (*)" if graph.focus else ""
    copies = sum(e.kind == "copy" for e in graph.edges)
    generated = sum(e.kind == "generated" for e in graph.edges)
    generated_text = f", {generated} generated from modular files" if generated else ""
    lines.append(f"{len(graph.nodes)} objects, {copies} copies{generated_text}, {drifted} drifted{focus}")
    return "\n".join(lines) + "\n"


def render_json(graph: CopyGraph) -> str:
    data = {
        "version": 1,
        "focus": list(graph.focus),
        "nodes": [n.to_json() for n in graph.nodes],
        "edges": [e.to_json() for e in graph.edges],
    }
    return json.dumps(data, indent=1) + "\n"


_FILL = {"focus": "#ffd966", "contained": "#ffe9a8", "upstream": "#dbe8ff", "downstream": "#dff3df"}


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render_dot(graph: CopyGraph) -> str:
    """Graphviz: sources on the left, an arrow from each source to its copies; drifted edges red, dashed."""
    out = ["digraph copies {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica", fontsize=10];']
    for node in graph.nodes:
        style = ["filled"] + (["dashed"] if node.kind == "missing" else [])
        extra = ", penwidth=3" if node.role == "focus" else ""
        label = f"{node.qualname}\\n{_dot_text(_where(node))}"
        out.append(
            f'  "{_dot_text(node.id)}" [label="{label}", style="{",".join(style)}", '
            f'fillcolor="{_FILL.get(node.role, "#ffffff")}", tooltip="{_dot_text(node.id)}"{extra}];'
        )
    for edge in graph.edges:
        attrs = [f'label="{_dot_text(edge.pattern)}"']
        if edge.drifted:
            attrs += ['color="red"', 'fontcolor="red"', 'style="dashed"', f'tooltip="drifted: {" ".join(edge.codes)}"']
        out.append(f'  "{_dot_text(edge.source)}" -> "{_dot_text(edge.copy)}" [{", ".join(attrs)}];')
    out.append("}")
    return "\n".join(out) + "\n"


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("|", "#124;").replace("<", "#lt;").replace(">", "#gt;")


def render_mermaid(graph: CopyGraph) -> str:
    """Mermaid flowchart; drifted edges are dotted (`-.->`), red, labelled DRIFTED."""
    ids = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    out = ["flowchart LR"]
    for node in graph.nodes:
        out.append(f'  {ids[node.id]}["{_mermaid_text(node.qualname)}<br/>{_mermaid_text(_where(node))}"]')
    drifted = []
    for index, edge in enumerate(graph.edges):
        label = _mermaid_text(("DRIFTED " if edge.drifted else "") + edge.pattern).strip()
        arrow = "-.->" if edge.drifted else "-->"
        out.append(f"  {ids[edge.source]} {arrow}{f'|{label}|' if label else ''} {ids[edge.copy]}")
        if edge.drifted:
            drifted.append(str(index))
    for role, colour in _FILL.items():
        members = [ids[n.id] for n in graph.nodes if n.role == role]
        if members:
            width = "3px" if role == "focus" else "1px"
            out.append(f"  classDef {role} fill:{colour},stroke:#333,stroke-width:{width}")
            out.append(f"  class {','.join(members)} {role}")
    missing = [ids[n.id] for n in graph.nodes if n.kind == "missing"]
    if missing:
        out += ["  classDef missing stroke-dasharray:4 3", f"  class {','.join(missing)} missing"]
    if drifted:
        out.append(f"  linkStyle {','.join(drifted)} stroke:#d00,stroke-width:2px,color:#d00")
    return "\n".join(out) + "\n"


def render_html(graph: CopyGraph, title: str = "repo-lint copy graph") -> str:
    """One self-contained page: the data, the styles and the script inline; no network access at all."""
    data = render_json(graph).replace("<", "\\u003c")  # `<` only occurs inside JSON strings
    from repo_lint.graph_page import PAGE

    return PAGE.replace("$TITLE", html.escape(title)).replace("$DATA", data)


RENDERERS = {
    "text": render_text,
    "dot": render_dot,
    "mermaid": render_mermaid,
    "json": render_json,
    "html": render_html,
}


# -- command -------------------------------------------------------------------------------------------
@click.command("graph")
@click.option("--output-format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option(
    "--focus",
    "focus",
    multiple=True,
    metavar="NAME",
    help="Only the neighbourhood of an object (dotted name or suffix such as BertSelfAttention) "
    "or of a file: every transitive copy and source. Repeatable.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="The pyproject.toml to use.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the fact cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where the cache lives (default: config).")
def graph_command(output_format, focus, output, config_file, no_cache, cache_dir) -> None:
    """Show who copies from whom (`# Copied from` markers), with drifted copies marked."""
    from repo_lint.config import ConfigError, check_codes, load_config
    from repo_lint.registry import all_rules, check_sections

    try:
        config = load_config(Path.cwd(), Path(config_file) if config_file else None, check_sections())
        check_codes(config, set(all_rules()))
    except ConfigError as error:
        _fail(str(error))
    if config.preset_note:
        click.echo(f"repo-lint: {config.preset_note}", err=True)
    try:
        graph = build_graph(*collect(config, not no_cache, Path(cache_dir).resolve() if cache_dir else None))
    except Exception as error:  # never look like an empty graph
        click.echo(f"repo-lint: internal error: {error!r}", err=True)
        sys.exit(EXIT_ERROR)
    if focus:
        chosen: list[str] = []
        for name in focus:
            found = find_focus(graph, name, config.root)
            if not found:
                close = suggestions(graph, name)
                _fail(
                    f"no copied or copying object matches `{name}`"
                    + (f" (did you mean {', '.join(close)}?)" if close else "")
                )
            chosen += [f for f in found if f not in chosen]
        graph = neighbourhood(graph, chosen)
    text = RENDERERS[output_format](graph)
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"repo-lint: wrote {output}", err=True)
    else:
        sys.stdout.write(text)


def _fail(message: str) -> None:
    click.echo(f"repo-lint: error: {message}", err=True)
    sys.exit(EXIT_ERROR)
