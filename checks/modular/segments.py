"""What a conversion used of a parent module, so that an edit of the parent converts again only the modular files
that used what changed.

A parent module is cut into its top-level statements with `ast` (fast; libcst is only for what is converted).
Each definition (class, function, simple assignment) gets the digest of its *segment*: its own lines and the
blank and comment lines around it up to its neighbours (libcst gives the comments above a statement to it and
the indented ones below it to its block, so an edited comment between two definitions counts for both), and
its position. The import statements together are one entry, `IMPORTS`, and every other top-level statement
(a `try`, an `if` that is not an import block, an expression) is another, `OTHER`: a conversion depends on both.
`NAMES` (the module's top-level names) covers lookups of names the module does not define, and `TEXT` (the
whole text) is for a conversion that searched the text itself. A conversion records the definitions it read;
it is still valid when each of them has the same digest and they come in the same order.
"""

from __future__ import annotations

import ast
import hashlib
from dataclasses import dataclass

IMPORTS = "<imports>"
OTHER = "<other statements>"
NAMES = "<names>"  # the module's top-level names: a definition added or removed can change a lookup's answer
TEXT = "<text>"  # the whole module (the converter's choice of a renaming prefix searches the text)
ALWAYS = (IMPORTS, OTHER, NAMES)  # what every conversion that read the module depends on


@dataclass(frozen=True)
class ParentSegments:
    """name -> (digest of its segment, position) for the definitions of a parent module, plus IMPORTS/OTHER."""

    digests: dict[str, tuple[str, int]]

    def view(self, names) -> list[list]:
        """What a conversion that used `names` depends on: ALWAYS and each name with its digest (None: absent),
        in the module's order (the converter emits dependencies in that order), absent names last."""
        wanted = set(names) | set(ALWAYS)
        present = sorted((self.digests[n][1], n) for n in wanted if n in self.digests)
        absent = sorted(n for n in wanted if n not in self.digests)
        return [[n, self.digests[n][0]] for _, n in present] + [[n, None] for n in absent]


def parent_segments(text: str) -> ParentSegments | None:
    """The segments of a parent module; None when it does not parse (the conversion then failed anyway)."""
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = text.split("\n")
    starts = [_first_line(node) for node in body]
    digests: dict[str, tuple[str, int]] = {}
    imports, other = hashlib.blake2b(digest_size=16), hashlib.blake2b(digest_size=16)
    for index, node in enumerate(body):
        # from the line after the previous statement to the line before the next one (0-based, half-open), and
        # the lines it shares with them (`import a; import b`)
        begin = min(body[index - 1].end_lineno, starts[index] - 1) if index else 0
        end = max(starts[index + 1] - 1, node.end_lineno) if index + 1 < len(body) else len(lines)
        segment = "\n".join(lines[begin:end])
        name = _defined_name(node)
        if isinstance(node, (ast.Import, ast.ImportFrom)) or _is_import_block(node):
            imports.update(segment.encode("utf-8", "surrogatepass") + b"\0")
        elif name is None:
            other.update(segment.encode("utf-8", "surrogatepass") + b"\0")
        else:
            previous = digests[name][0] if name in digests else ""  # a name bound twice: both count
            digest = hashlib.blake2b((previous + segment).encode("utf-8", "surrogatepass"), digest_size=16)
            digests[name] = (digest.hexdigest(), index)
    names = "\n".join(sorted(digests))
    digests[TEXT] = (hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), -4)
    digests[IMPORTS] = (imports.hexdigest(), -3)
    digests[OTHER] = (other.hexdigest(), -2)
    digests[NAMES] = (hashlib.blake2b(names.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), -1)
    return ParentSegments(digests)


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", None) or []
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return targets[0].id
    return None


def _is_import_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in node.body)
