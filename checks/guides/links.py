"""What a markdown file of the guides says: its relative links and the guides it cites, with their positions,
outside fenced code blocks; and a skill's frontmatter. Pure, linear-time readers (no regex that can
backtrack over a whole file: a fenced block is found line by line)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINK = re.compile(r"\]\(([^)\n]+)\)")
_CITATION = re.compile(r"(?<![./\w])references/([\w-]+\.md)")
_SIBLING_LINK = re.compile(r"\]\(([\w-]+\.md)\)")
_SCHEME = re.compile(r"[A-Za-z][\w+.-]*:")  # `https:`, `mailto:`: not a path


@dataclass(frozen=True)
class Mention:
    text: str  # the link target as written, or the cited guide's file name
    line: int  # 1-based
    column: int  # 1-based


def prose_lines(text: str) -> list[str]:
    """The lines of `text` with those of fenced code blocks (from a line starting with ``` to the next such
    line, both included) blanked, so that positions stay those of the file."""
    lines = text.split("\n")
    inside = False
    for index, line in enumerate(lines):
        fence = line.startswith("```")
        if inside or fence:
            lines[index] = ""
        if fence:
            inside = not inside
    return lines


def relative_links(lines: list[str]) -> list[Mention]:
    """Markdown link targets that are paths (no URL scheme, no bare `#anchor`), the anchor and any title cut."""
    found = []
    for number, line in enumerate(lines, start=1):
        for match in _LINK.finditer(line):
            target = match.group(1).strip()
            if target.startswith("<") and ">" in target:
                target = target[1 : target.index(">")]
            target = target.split()[0] if target.split() else ""
            target = target.split("#")[0]
            if not target or _SCHEME.match(target):
                continue
            found.append(Mention(target, number, match.start(1) + 1))
    return found


def citations(lines: list[str]) -> list[Mention]:
    """`references/<guide>.md` wherever it is written (in a link or in plain text)."""
    return [
        Mention(match.group(1), number, match.start() + 1)
        for number, line in enumerate(lines, start=1)
        for match in _CITATION.finditer(line)
    ]


def sibling_links(text: str) -> set[str]:
    """The guides a guide links to by file name alone (`[models](models.md)`)."""
    return set(_SIBLING_LINK.findall(text))


@dataclass(frozen=True)
class Frontmatter:
    present: bool
    name: str | None
    name_line: int  # 1-based; 1 when there is no name
    description: str


def frontmatter(text: str) -> Frontmatter:
    """The `name` and `description` of a YAML frontmatter between `---` lines at the top (a folded
    `description: >` is joined onto one line), read line by line as the skills installer reads it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Frontmatter(False, None, 1, "")
    name, name_line, description = None, 1, ""
    for index in range(1, len(lines)):
        line = lines[index]
        if line.strip() == "---":
            break
        if line.startswith("name:") and name is None:
            name, name_line = line[len("name:") :].strip() or None, index + 1
        elif line.startswith("description:") and not description:
            value = line[len("description:") :].strip()
            if value and value not in (">", "|", ">-", "|-"):
                description = value
            else:
                folded = []
                for continuation in lines[index + 1 :]:
                    if continuation.strip() == "---" or not continuation.startswith((" ", "\t")):
                        break
                    folded.append(continuation.strip())
                description = " ".join(folded)
    return Frontmatter(True, name, name_line, description)
