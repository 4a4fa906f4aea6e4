"""CPY on the released transformers 5.23.0 and diffusers 0.42.1 source trees (downloaded from PyPI).

- The clean trees give exactly the findings listed (with reasons) in `realtree_expected.py`.
- Seeded mutations of copies and of sources are each reported at the right file, target and line, and
  `--fix` gives back the original bytes. Where the reference scripts are present locally
  (`reference-scripts/`, git-ignored), every finding the reference reports on the mutated tree must be
  one of ours too.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from repo_lint.checks.copies.definitions import definition_at, split_lines  # noqa: E402
from repo_lint.checks.copies.judge import extract_copy_facts  # noqa: E402

from benchmarks import run_reference  # noqa: E402
from tests import realtree_expected as expected  # noqa: E402
from tests.realtrees import TreeUnavailable, fetch_tree, fresh_copy  # noqa: E402

pytestmark = pytest.mark.realtree

SOURCE_ROOT = {"transformers": "src/transformers", "diffusers": "src/diffusers"}
MUTATION = "  # MUTATED-BY-TEST"
COPY_MUTATIONS = 24
SOURCE_MUTATIONS = 10


@pytest.fixture(scope="module", params=["transformers", "diffusers"])
def tree(request) -> tuple[str, Path]:
    try:
        return request.param, fetch_tree(request.param)
    except TreeUnavailable as error:  # skip loudly: say exactly why
        pytest.skip(f"REAL TREE UNAVAILABLE, {request.param} not checked: {error}")


def repo_lint(cwd: Path, *args: str, env: dict[str, str] | None = None) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--output-format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def digest_tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "src").rglob("*.py"))
    }


# -- clean trees ---------------------------------------------------------------------------------------


def test_clean_tree_findings_are_the_known_real_defects(tree):
    name, root = tree
    findings = repo_lint(root, "--select", "CPY")
    if name == "transformers":
        found = {(d["code"], d["path"], d["data"]["target"]) for d in findings}
        assert found == set(expected.TRANSFORMERS_FINDINGS)
        return
    by_code: dict[str, set] = {}
    signature_counts: dict[str, int] = {}
    wanted = {code: set(v) for code, v in expected.DIFFUSERS_FINDINGS_BY_CODE.items()}
    if transformers_installed():  # the LDMBert markers are then compared (see the PYTHONPATH test below)
        wanted.pop("CPY010")
        findings = [d for d in findings if d["path"] != expected._LDM_BERT]
    for d in findings:
        if d["code"] == "CPY008":
            method = d["data"]["target"].rsplit(".", 1)[-1]
            signature_counts[method] = signature_counts.get(method, 0) + 1
        else:
            by_code.setdefault(d["code"], set()).add((d["path"], d["data"]["target"]))
    assert wanted == by_code
    assert signature_counts == expected.DIFFUSERS_SIGNATURE_DRIFT


def transformers_installed() -> bool:
    """Whether `transformers` is importable from a subprocess started in a tree (found, not imported)."""
    return importlib.machinery.PathFinder.find_spec("transformers", [p for p in sys.path if p]) is not None


def test_diffusers_transformers_markers_are_checked_against_an_installed_transformers(tmp_path):
    """With transformers 5.23.0's `src/` on PYTHONPATH (as an installed package would be), Diffusers'
    `# Copied from transformers.` markers are compared with that source: no CPY010, the real drift shown,
    the installed files untouched by `--fix`, and their location kept out of `source_path`."""
    try:
        diffusers, transformers = fetch_tree("diffusers"), fetch_tree("transformers")
    except TreeUnavailable as error:
        pytest.skip(f"REAL TREE UNAVAILABLE, installed-source check not run: {error}")
    root = fresh_copy(diffusers, tmp_path / "diffusers")
    installed = fresh_copy(transformers / "src", tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(installed)}
    source = installed / "transformers/models/bart/modeling_bart.py"
    before = source.read_bytes()

    findings = repo_lint(root, "--select", "CPY", env=env)
    assert not [d for d in findings if d["code"] == "CPY010"]
    ldm = [d for d in findings if d["path"] == expected._LDM_BERT]
    assert {(d["code"], d["data"]["target"]) for d in ldm} == set(expected.DIFFUSERS_WITH_TRANSFORMERS)
    for d in ldm:
        assert "source_path" not in d["data"]
        assert Path(d["data"]["installed_source"]).resolve() == source.resolve()
    others = {(d["code"], d["path"], d["data"]["target"]) for d in findings if d["path"] != expected._LDM_BERT}
    without = {
        (d["code"], d["path"], d["data"]["target"])
        for d in repo_lint(root, "--select", "CPY", "--no-cache")
        if d["path"] != expected._LDM_BERT
    }
    assert others == without  # the rest of the tree is judged as without the installed package

    copy = root / expected._LDM_BERT
    copy_before = copy.read_bytes()
    fix = subprocess.run(
        [sys.executable, "-m", "repo_lint", "check", "--select", "CPY001,CPY008", "--fix"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert source.read_bytes() == before  # installed sources are read, never written
    # transformers' BartAttention now uses names (Cache, Unpack, ...) the Diffusers module does not import, and
    # its source is no repository file to take imports from: the fix is refused, the copy left as it was.
    assert f"{expected._LDM_BERT}: fix not written: it would leave" in fix.stderr, fix.stderr
    assert copy.read_bytes() == copy_before


# -- mutations -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CopySite:
    path: str
    target: str
    marker_line: int  # 0-based
    start: int  # first comparable line (after the signature)
    end: int
    source_path: str | None


def copy_sites(root: Path, name: str) -> list[CopySite]:
    """Every marker with a plain copy under it (no Ignore/End copy, no nested marker, readable pattern)."""
    prefix = name
    sites = []
    for path in sorted((root / SOURCE_ROOT[name]).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "Copied from" not in text:
            continue
        lines = split_lines(text)
        facts = extract_copy_facts(text, (prefix,))
        for marker in facts.markers:
            if marker.problems or marker.prefix != prefix:
                continue
            definition = definition_at(facts.definitions, marker.line + 1)
            if definition is None or definition.header_end >= definition.end:
                continue
            region = "".join(lines[definition.line : definition.end])
            if "Ignore copy" in region or "End copy" in region or "Copied from" in region:
                continue
            sites.append(
                CopySite(
                    path.relative_to(root).as_posix(),
                    marker.target,
                    marker.line,
                    definition.header_end,
                    definition.end,
                    None,
                )
            )
    return sites


def mutable_line(lines: list[str], start: int, end: int, strings: set[int]) -> int | None:
    for index in range(start, end):
        line = lines[index].rstrip("\n")
        stripped = line.strip()
        if (
            not stripped
            or index in strings
            or line.endswith("\\")
            or stripped.startswith(("#", "@"))
            or '"""' in line
            or "'''" in line
        ):
            continue
        return index
    return None


def mutate(root: Path, path: str, index: int) -> None:
    file = root / path
    lines = split_lines(file.read_text(encoding="utf-8"))
    lines[index] = lines[index].rstrip("\n") + MUTATION + "\n"
    file.write_text("".join(lines), encoding="utf-8")


def spread(items: list, count: int) -> list:
    step = max(1, len(items) // count)
    return items[::step][:count]


def reference_findings(name: str, root: Path) -> set[tuple[str, str]] | None:
    try:
        result = run_reference.run_check_copies(name, root)
    except run_reference.ReferenceUnavailable:
        return None
    assert not result.crashed, result.error
    return {(file.removeprefix("./"), obj) for file, obj, _ in result.findings}


def test_copy_mutations_are_reported_and_fixed_back(tree, tmp_path):
    name, clean = tree
    root = fresh_copy(clean, tmp_path / name)
    original = digest_tree(root)
    baseline = {(d["code"], d["path"], d["data"].get("target")) for d in repo_lint(root, "--select", "CPY")}

    chosen = []
    used_files: dict[str, int] = {}
    for site in spread(copy_sites(root, name), COPY_MUTATIONS * 3):
        if len(chosen) == COPY_MUTATIONS or used_files.get(site.path, 0) >= 2:
            continue
        text = (root / site.path).read_text(encoding="utf-8")
        facts = extract_copy_facts(text, (name,))
        index = mutable_line(split_lines(text), site.start, site.end, facts.strings)
        if index is None:
            continue
        chosen.append((site, index))
        used_files[site.path] = used_files.get(site.path, 0) + 1
    assert len(chosen) == COPY_MUTATIONS
    for site, index in chosen:
        mutate(root, site.path, index)

    findings = repo_lint(root, "--select", "CPY001")
    reported = {(d["path"], d["data"]["target"]): d["line"] for d in findings}
    for site, index in chosen:
        assert reported.get((site.path, site.target)) == index + 1, (site, reported.get((site.path, site.target)))

    reference = reference_findings(name, root)
    if reference is not None:
        ours = {(d["path"], d["data"]["target"]) for d in findings}
        assert reference <= ours, reference - ours

    repo_lint(root, "--select", "CPY001", "--fix")
    assert digest_tree(root) == original
    after = {(d["code"], d["path"], d["data"].get("target")) for d in repo_lint(root, "--select", "CPY")}
    assert after == baseline


def test_source_mutations_reach_every_copy_and_fix_back(tree, tmp_path):
    name, clean = tree
    root = fresh_copy(clean, tmp_path / name)
    original = digest_tree(root)
    sites = copy_sites(root, name)
    copies_of: dict[str, list[CopySite]] = {}
    for site in sites:
        copies_of.setdefault(site.target, []).append(site)
    all_targets = {}
    for path in sorted((root / SOURCE_ROOT[name]).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "Copied from" in text:
            for marker in extract_copy_facts(text, (name,)).markers:
                if marker.prefix == name:
                    all_targets.setdefault(marker.target, []).append(marker)

    mutated: list[tuple[str, str]] = []  # (target, source path)
    touched_files: set[str] = set()
    for target in spread(sorted(copies_of), SOURCE_MUTATIONS * 4):
        if len(mutated) == SOURCE_MUTATIONS:
            break
        # every copy of this target must be a plain one, so that the mutated line is compared everywhere
        if len(all_targets[target]) != len(copies_of[target]):
            continue
        parts = target.split(".")
        module = next(
            (
                f"{SOURCE_ROOT[name]}/{'/'.join(parts[:cut])}.py"
                for cut in range(len(parts) - 1, 0, -1)
                if (root / SOURCE_ROOT[name] / f"{'/'.join(parts[:cut])}.py").is_file()
            ),
            None,
        )
        if module is None or module in touched_files:
            continue
        text = (root / module).read_text(encoding="utf-8")
        facts = extract_copy_facts(text, (name,))
        lines = split_lines(text)
        definition = _resolve(facts.definitions, parts, module, name)
        if definition is None or any(m.line == definition.line - 1 for m in facts.markers):
            continue  # only mutate originals, not copies of something else
        region = "".join(lines[definition.line : definition.end])
        if "Copied from" in region:
            continue
        index = mutable_line(lines, definition.header_end, definition.end, facts.strings)
        if index is None:
            continue
        mutate(root, module, index)
        mutated.append((target, module))
        touched_files.add(module)
    assert len(mutated) == SOURCE_MUTATIONS

    findings = repo_lint(root, "--select", "CPY001")
    reported = {(d["path"], d["data"]["target"]) for d in findings}
    expected_copies = {(site.path, target) for target, _ in mutated for site in copies_of[target]}
    assert expected_copies <= reported, expected_copies - reported

    reference = reference_findings(name, root)
    if reference is not None:
        assert reference <= reported, reference - reported

    # The fix propagates the mutation into every copy; restoring the sources and fixing again restores
    # every byte of the tree.
    repo_lint(root, "--select", "CPY001", "--fix")
    assert repo_lint(root, "--select", "CPY001") == []
    for _, module in mutated:
        (root / module).write_bytes((clean / module).read_bytes())
    repo_lint(root, "--select", "CPY001", "--fix")
    assert digest_tree(root) == original


def _resolve(definitions, parts: list[str], module: str, name: str):
    from repo_lint.checks.copies.definitions import resolve

    depth = module[len(SOURCE_ROOT[name]) + 1 : -3].count("/") + 1
    found, _ = resolve(definitions, parts[depth:])
    return found
