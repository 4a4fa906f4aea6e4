"""The self-contained page of `repo-lint graph --output-format html`: styles and script inline, no network;
`$TITLE` and `$DATA` (the graph as JSON) are filled in by `graph.render_html`."""

PAGE = r"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>$TITLE</title>
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{padding:10px 16px;background:#24292f;color:#fff;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:17px;margin:0} #search{font-size:14px;padding:4px 8px;width:420px} main{padding:10px 16px}
#matches{position:absolute;background:#fff;color:#222;max-height:300px;overflow:auto;z-index:2;list-style:none;
 margin:0;padding:0;width:560px} #matches li{padding:3px 8px;cursor:pointer;border:1px solid #ccc}
.legend span{margin-right:14px} #summary{font-weight:600;margin:6px 0}
.sw{display:inline-block;width:14px;height:10px;border:1px solid #333;vertical-align:middle;margin-right:4px}
#drawing{overflow:auto;border:1px solid #ccc;background:#fff;max-height:70vh} #drawing:empty{display:none}
svg text{font:12px system-ui,sans-serif} svg .sub{font-size:10.5px;fill:#555} .node.missing rect{stroke-dasharray:4 3}
.node rect{stroke:#555;stroke-width:1} .node.focus rect{stroke:#b7791f;stroke-width:3} .node{cursor:pointer}
.edge{fill:none;stroke:#888;stroke-width:1.3} .edge.drifted{stroke:#d00;stroke-dasharray:7 4;stroke-width:2}
table{border-collapse:collapse;margin-top:10px;width:100%}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top} td code{word-break:break-all}
tr.drifted td{background:#ffecec} .drift{color:#d00;font-weight:700} code{font-size:12.5px} li{cursor:pointer}
</style></head><body>
<header><h1>$TITLE</h1><div style="position:relative"><input id="search" type="search" autocomplete="off"
 placeholder="Search an object or file (e.g. BertSelfAttention)"><ul id="matches"></ul></div>
<div class="legend"><span><i class="sw" style="background:#ffd966"></i>focus</span>
<span><i class="sw" style="background:#dbe8ff"></i>source (upstream)</span>
<span><i class="sw" style="background:#dff3df"></i>copy (downstream)</span>
<span style="color:#ff9d9d">- - - drifted copy</span><span>arrows: source &rarr; copy</span></div></header>
<main><div id="summary"></div><div id="drawing"></div><div id="listing"></div></main>
<script type="application/json" id="graph-data">$DATA</script>
<script>
"use strict";
const G = JSON.parse(document.getElementById("graph-data").textContent);
const byId = new Map(G.nodes.map(n => [n.id, n])), copiesOf = new Map(), sourcesOf = new Map();
const push = (map, key, value) => { if (!map.has(key)) map.set(key, []); map.get(key).push(value); };
for (const e of G.edges) { push(copiesOf, e.source, e); push(sourcesOf, e.copy, e); }
const FILL = {focus: "#ffd966", contained: "#ffe9a8", upstream: "#dbe8ff", downstream: "#dff3df"};
const SVG = ["svg", "g", "rect", "text", "path", "title", "marker", "defs", "polygon"];
function el(tag, attrs, text) {
  const x = SVG.includes(tag) ? document.createElementNS("http://www.w3.org/2000/svg", tag)
                              : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) x.setAttribute(k, v);
  if (text !== undefined) x.textContent = text;
  return x;
}
const where = n => n.kind === "missing" ? "(does not exist)" : n.kind === "file" ? n.path : n.path + ":" + n.line;
const cut = (s, k) => s.length > k ? "\u2026" + s.slice(s.length - k + 1) : s;
const contained = id => G.nodes.filter(m => m.id.startsWith(id + ".") && m.path === byId.get(id).path).map(m => m.id);

// Same neighbourhood as `--focus`: what the focus contains, its transitive copies and sources.
function hood(focus) {
  const depth = new Map(), role = new Map(), start = [];
  const add = (id, r, d, list) => { if (!role.has(id)) { role.set(id, r); depth.set(id, d); list.push(id); } };
  for (const f of focus) { add(f, "focus", 0, start); for (const c of contained(f)) add(c, "contained", 0, start); }
  let todo = [...start];
  while (todo.length) {
    const id = todo.shift();
    for (const e of copiesOf.get(id) || []) {
      if (role.has(e.copy)) continue;
      add(e.copy, "downstream", depth.get(id) + 1, todo);
      for (const c of contained(e.copy)) add(c, "downstream", depth.get(id) + 1, todo);
    }
  }
  todo = [...start];
  while (todo.length) {
    const id = todo.shift();
    for (const e of sourcesOf.get(id) || []) add(e.source, "upstream", depth.get(id) - 1, todo);
  }
  return {depth, role};
}

function draw(depth, role) {
  const columns = new Map();
  for (const [id, d] of depth) push(columns, d, id);
  const ds = [...columns.keys()].sort((a, b) => a - b), W = 330, H = 40, GX = 90, GY = 10, pos = new Map();
  let rows = 0;
  ds.forEach((d, ci) => columns.get(d).sort().forEach((id, ri) => {
    pos.set(id, {x: 16 + ci * (W + GX), y: 16 + ri * (H + GY)}); rows = Math.max(rows, ri + 1);
  }));
  const svg = el("svg", {id: "graph", width: 32 + ds.length * (W + GX) - GX, height: 32 + rows * (H + GY)});
  const defs = el("defs");
  for (const [k, c] of [["a", "#888"], ["d", "#d00"]]) {
    const m = el("marker", {id: "arrow-" + k, viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7,
                            markerHeight: 7, orient: "auto"});
    m.append(el("polygon", {points: "0,0 10,5 0,10", fill: c}));
    defs.append(m);
  }
  svg.append(defs);
  const shown = G.edges.filter(e => pos.has(e.copy) && pos.has(e.source));
  for (const e of shown) {
    const s = pos.get(e.source), c = pos.get(e.copy), x1 = s.x + W, y1 = s.y + H / 2, x2 = c.x, y2 = c.y + H / 2;
    const mx = (x1 + x2) / 2, cls = "edge" + (e.drifted ? " drifted" : "");
    const p = el("path", {d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`, class: cls,
                          "marker-end": `url(#arrow-${e.drifted ? "d" : "a"})`, "data-copy": e.copy});
    const state = e.drifted ? ` \u2014 DRIFTED (${e.codes.join(", ")})` : "";
    p.append(el("title", {}, `${e.copy} copied from ${e.source} ${e.pattern}${state}`));
    svg.append(p);
  }
  for (const [id, p] of pos) {
    const n = byId.get(id), r = role.get(id), missing = n.kind === "missing" ? " missing" : "";
    const g = el("g", {class: `node ${r}${missing}`, "data-id": id, transform: `translate(${p.x},${p.y})`});
    g.append(el("rect", {width: W, height: H, rx: 4, fill: FILL[r] || "#fff"}), el("title", {}, id + "\n" + where(n)),
             el("text", {x: 8, y: 16}, cut(n.qualname, 46)),
             el("text", {x: 8, y: 32, class: "sub"}, cut(where(n), 50)));
    g.addEventListener("click", () => select([id]));
    svg.append(g);
  }
  return {svg, pos, shown};
}

function show(focus) {
  const {depth, role} = hood(focus), {svg, pos, shown} = draw(depth, role);
  const drawing = document.getElementById("drawing"), listing = document.getElementById("listing");
  drawing.textContent = ""; drawing.append(svg); listing.textContent = "";
  const count = r => [...role.values()].filter(x => x === r).length, down = count("downstream");
  const up = count("upstream"), bad = shown.filter(e => e.drifted).length;
  const paths = new Set(focus.map(id => byId.get(id).path)), one = paths.size === 1 ? " in " + [...paths][0] : "";
  const named = focus.length > 2 ? `${focus.length} objects${one}` : focus.join(", ");
  document.getElementById("summary").textContent = `${named}: ${down} cop${down === 1 ? "y" : "ies"} ` +
    `downstream, ${up} source${up === 1 ? "" : "s"} upstream, ${bad} drifted edge${bad === 1 ? "" : "s"}`;
  const table = el("table", {id: "copies"}), head = el("tr"), order = {contained: 0, upstream: 1, downstream: 2};
  for (const h of ["role", "state", "object", "where", "copied from", "pattern"]) head.append(el("th", {}, h));
  table.append(head);
  const rows = [...role].filter(([, r]) => r !== "focus")
    .sort((a, b) => order[a[1]] - order[b[1]] || (a[0] < b[0] ? -1 : 1));
  for (const [id, r] of rows) {
    const es = (sourcesOf.get(id) || []).filter(e => pos.has(e.source)), drift = es.some(e => e.drifted);
    const tr = el("tr", {class: r + (drift ? " drifted" : ""), "data-id": id}), name = el("td");
    name.append(el("code", {}, id));
    const state = drift ? `DRIFTED (${[...new Set(es.flatMap(e => e.codes))].join(", ")})`
                        : (es.length ? "in sync" : "source");
    tr.append(el("td", {}, r), el("td", {class: drift ? "drift" : ""}, state), name, el("td", {}, where(byId.get(id))),
              el("td", {}, es.map(e => byId.get(e.source).qualname).join(", ")),
              el("td", {}, es.map(e => e.pattern).join("; ")));
    tr.addEventListener("click", () => select([id]));
    table.append(tr);
  }
  listing.append(table);
}

function overview() {
  const drifted = G.edges.filter(e => e.drifted).length;
  document.getElementById("summary").textContent =
    `${G.nodes.length} objects, ${G.edges.length} copies, ${drifted} drifted. The most copied sources:`;
  const top = G.nodes.filter(n => copiesOf.has(n.id) && !sourcesOf.has(n.id))
    .map(n => [n.id, hood([n.id]).role.size - 1]).sort((a, b) => b[1] - a[1]).slice(0, 60);
  const ul = el("ul", {id: "top"});
  for (const [id, k] of top) {
    const li = el("li", {"data-id": id}, `${id} \u2014 reaches ${k}`);
    li.addEventListener("click", () => select([id]));
    ul.append(li);
  }
  document.getElementById("listing").append(ul);
}

function select(ids) { history.replaceState(null, "", "#" + encodeURIComponent(ids.join(","))); show(ids); }
const search = document.getElementById("search"), matches = document.getElementById("matches");
search.addEventListener("input", () => {
  matches.textContent = "";
  const q = search.value.trim().toLowerCase();
  if (q.length < 2) return;
  const found = G.nodes.filter(n => n.id.toLowerCase().includes(q) || (n.path || "").toLowerCase().includes(q));
  for (const n of found.slice(0, 80)) {
    const li = el("li", {"data-id": n.id}, n.id);
    li.addEventListener("click", () => { matches.textContent = ""; search.value = n.qualname; select([n.id]); });
    matches.append(li);
  }
});
const fromHash = decodeURIComponent(location.hash.slice(1)).split(",").filter(id => byId.has(id));
if (fromHash.length) show(fromHash); else if (G.focus.length) show(G.focus); else overview();
</script></body></html>
"""
