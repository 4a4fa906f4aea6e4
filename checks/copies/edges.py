"""The copy edges the CPY judge resolved, recorded when a run asks for them (`repo-lint graph` draws them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteFact:
    """One marker as the copies judge resolved it."""

    path: str
    marker_line: int  # 1-based
    target: str
    full_target: str
    pattern: str
    copy: tuple[str, int] | None  # (qualified name, 1-based line) of the copy, None: not above a definition
    source: tuple[str, str, int] | None  # (source path, qualified name, 1-based line), None: missing


@dataclass(frozen=True)
class CopyEdges:
    sites: tuple[SiteFact, ...]
    roots: dict[str, str]  # marker prefix -> folder, as the judge resolved markers against them
    full_copies: dict[str, str]  # copy -> source, of the configured full copies whose two files exist


def copy_edges(judge) -> CopyEdges:
    """Every marker the judge located (`CopyJudge.located`) and the full copies; none without a package or
    `roots` (then every marker names a package outside the repository)."""
    if not judge.roots:
        return CopyEdges((), {}, {})
    sites = []
    for site in judge.located:
        copy = source = None
        if site.copy is not None:
            copy = (_qualname(judge.facts(site.path).definitions, site.copy.line), site.copy.line + 1)
        if site.source is not None:
            definitions = judge.facts(site.source_path).definitions
            source = (site.source_path, _qualname(definitions, site.source.line), site.source.line + 1)
        marker = site.marker
        sites.append(
            SiteFact(site.path, marker.line + 1, marker.target, marker.full_target, marker.pattern_text, copy, source)
        )
    repo = judge.repo
    full = {c: s for c, s in judge.options["full-copies"].items() if repo.exists(c) and repo.exists(s)}
    return CopyEdges(tuple(sites), dict(judge.roots), full)


def _qualname(definitions, line: int) -> str:
    names, scope = [], definitions
    while scope:
        found = next((d for d in scope if d.line <= line < max(d.end, d.line + 1)), None)
        if found is None:
            break
        names.append(found.name)
        if found.line == line:
            break
        scope = found.children
    return ".".join(names)
