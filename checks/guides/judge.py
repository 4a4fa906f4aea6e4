"""Judgement of the AGT family: every markdown file under the guides folder, and every skill's frontmatter."""

from __future__ import annotations

import posixpath

from repo_lint.checks.guides import rules
from repo_lint.checks.guides.links import citations, frontmatter, prose_lines, relative_links, sibling_links

from repo_lint.diagnostics import Diagnostic

SECTION = "guides"
SKILL = "SKILL.md"


def judge(repo) -> list[Diagnostic]:
    folder = (repo.settings(SECTION)["folder"] or "").strip("/")
    if not folder:
        return []
    documents = repo.files(folder, ".md")
    references = posixpath.join(folder, "references")
    found: list[Diagnostic] = []
    for path in documents:
        text = repo.text(path)
        if text is None:
            continue  # unreadable: RL002
        lines = prose_lines(text)
        found.extend(_links(repo, path, lines))
        if posixpath.basename(path) == SKILL:
            found.extend(_citations(repo, path, lines, references))
            parts = path[len(folder) + 1 :].split("/")
            if len(parts) == 3 and parts[0] == "skills":
                found.extend(_frontmatter(path, text, parts[1]))
    return found


def _links(repo, path: str, lines: list[str]) -> list[Diagnostic]:
    found = []
    here = posixpath.dirname(path)
    is_skill = posixpath.basename(path) == SKILL
    for link in relative_links(lines):
        data = {"link": link.text}
        if link.text.startswith("/") or ".." in link.text.split("/"):
            message = f"`{link.text}` leaves the folder of `{posixpath.basename(path)}`: link to a stable URL instead"
            found.append(Diagnostic(rules.LINK_ESCAPES.code, path, link.line, link.column, message, data=data))
            continue
        if is_skill and link.text.startswith("references/"):
            continue  # a cited guide: AGT003 checks it where the installer copies it from
        target = posixpath.normpath(posixpath.join(here, link.text))
        if not (repo.exists(target) or repo.is_folder(target)):
            message = f"`{link.text}` does not exist (no such file or folder next to `{posixpath.basename(path)}`)"
            data["target"] = target
            found.append(Diagnostic(rules.LINK_MISSING.code, path, link.line, link.column, message, data=data))
    return found


def _citations(repo, path: str, lines: list[str], references: str) -> list[Diagnostic]:
    found = []
    mentions = citations(lines)
    cited = {mention.text for mention in mentions}
    first = {}
    for mention in mentions:
        first.setdefault(mention.text, mention)
    for guide in sorted(cited):
        mention, source = first[guide], posixpath.join(references, guide)
        if not repo.exists(source):
            message = f"cites `references/{guide}`, which is not in `{references}/`"
            data = {"guide": guide, "target": source}
            found.append(Diagnostic(rules.GUIDE_MISSING.code, path, mention.line, mention.column, message, data=data))
            continue
        for sibling in sorted(sibling_links(repo.text(source) or "")):
            sibling_path = posixpath.join(references, sibling)
            if sibling not in cited and repo.exists(sibling_path):
                message = (
                    f"`references/{guide}` links to `{sibling}`, which the skill does not cite: add "
                    f"`references/{sibling}` so that it is installed with it"
                )
                data = {"guide": guide, "sibling": sibling, "source": source}
                found.append(
                    Diagnostic(rules.SIBLING_NOT_CITED.code, path, mention.line, mention.column, message, data=data)
                )
    return found


def _frontmatter(path: str, text: str, folder_name: str) -> list[Diagnostic]:
    facts = frontmatter(text)
    data = {"skill": folder_name}
    found = []
    if facts.name is None:
        found.append(Diagnostic(rules.SKILL_FRONTMATTER.code, path, 1, 1, "no `name` in the frontmatter", data=data))
    elif facts.name != folder_name:
        message = f"the frontmatter `name` is `{facts.name}`, not the skill's folder name `{folder_name}`"
        found.append(Diagnostic(rules.SKILL_FRONTMATTER.code, path, facts.name_line, 1, message, data=data))
    if not facts.description:
        message = "no `description` in the frontmatter: an agent picks a skill by its description"
        found.append(Diagnostic(rules.SKILL_FRONTMATTER.code, path, 1, 1, message, data=data))
    return found
