"""What a conversion used of a parent module, so that an edit of the parent converts again only the modular files
that used what changed.

A parent module is cut into its top-level statements with `ast` (fast; libcst is only for what is converted).
Each definition (class, function, simple assignment) gets the digest of its *segment*: the lines libcst gives
its node (the comments above it, and after a block the lines indented at the block's level), and its position.
The import statements together are one entry, `IMPORTS`, and every other top-level statement (a `try`, an `if`
that is not an import block, an expression) is another, `OTHER`: a conversion depends on both. `NAMES` (the
module's top-level names) covers lookups of names the module does not define, and a `CLASS_LINE` entry the
answer of the converter's search of the text for a line `class <prefix>`. A conversion that only asked what kind
of statement defines a name (a class? an assignment?) or where it comes in the module depends on that answer
(`KIND`, `ORDER`), not on the definition's code: a modular file that redefines `rotate_half` asks both of the
parent's and uses its own. A conversion records the definitions it read and the questions it asked; it is
still valid when each of them has the same digest (the same answer) and they come in the same order.
"""

from __future__ import annotations

import ast
import hashlib
import re
from dataclasses import dataclass, field

from repo_lint.checks.modular.namespace import top_level_uses
from repo_lint.checks.modular.parent_module import statements

from repo_lint.parsing import PARSE_FAILURES, lines_as_parsed

IMPORTS = "<imports>"
OTHER = "<other statements>"
NAMES = "<names>"  # the module's top-level names: a definition added or removed can change a lookup's answer
CLASS_LINE = "<class line>"  # + a name: whether a line starts `class <name>` (the converter's check of a prefix)
KIND = "<kind>"  # + a name: the kinds of the statements that define it
ORDER = "<order>"  # + a name: the position of its definition in the module
USES = "<uses>"  # + a name: the identifiers its definition holds
ALWAYS = (IMPORTS, OTHER, NAMES)  # what every conversion that read the module depends on
_CLASS_LINE = re.compile(r"\nclass (\w*)")


def class_line_key(prefix: str) -> str:
    """What a conversion that asked whether a line of the module starts with `class <prefix>` depends on."""
    return CLASS_LINE + prefix


def kind_key(name: str) -> str:
    """What a conversion that asked which kind of statement defines `name` depends on."""
    return KIND + name


def order_key(name: str) -> str:
    """What a conversion that asked where `name` is defined in the module (its order) depends on."""
    return ORDER + name


def uses_key(name: str) -> str:
    """What a conversion that asked which names the definition of `name` uses depends on."""
    return USES + name


_QUESTIONS = (CLASS_LINE, KIND, ORDER, USES)


@dataclass(frozen=True)
class ParentSegments:
    """name -> (digest of its segment, position) for the definitions of a parent module, plus IMPORTS/OTHER,
    name -> the kinds of the statements that define it, and the names that follow `class ` at the start of a line
    (not only top-level classes: any line of the text)."""

    digests: dict[str, tuple[str, int]]
    class_lines: tuple[str, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)
    uses: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> the identifiers it uses, sorted

    def view(self, names) -> list[list]:
        """What a conversion that used `names` depends on: ALWAYS and each name with its digest (None: absent),
        in the module's order (the converter emits dependencies in that order), absent names last, then the
        answers of its questions (`class <prefix>` searches, kinds and positions)."""
        questions = sorted(n for n in names if n.startswith(_QUESTIONS))
        wanted = (set(names) | set(ALWAYS)) - set(questions)
        present = sorted((self.digests[n][1], n) for n in wanted if n in self.digests)
        absent = sorted(n for n in wanted if n not in self.digests)
        answers = [[n, self._answer(n)] for n in questions]
        return [[n, self.digests[n][0]] for _, n in present] + [[n, None] for n in absent] + answers

    def _answer(self, question: str):
        if question.startswith(CLASS_LINE):
            return "found" if self.has_class_line(question[len(CLASS_LINE) :]) else "not found"
        if question.startswith(KIND):
            return self.kinds.get(question[len(KIND) :])
        if question.startswith(USES):
            found = self.uses.get(question[len(USES) :])
            return None if found is None else list(found)
        found = self.digests.get(question[len(ORDER) :])
        return None if found is None else found[1]

    def has_class_line(self, prefix: str) -> bool:
        """`"\\nclass " + prefix in text`, for a prefix made of word characters."""
        return any(name.startswith(prefix) for name in self.class_lines)


def parent_segments(text: str) -> ParentSegments | None:
    """The segments of a parent module; None when it does not parse (the conversion then failed anyway)."""
    try:
        tree = ast.parse(text)
    except PARSE_FAILURES:
        return None
    body = tree.body
    lines = lines_as_parsed(text)
    digests: dict[str, tuple[str, int]] = {}
    kinds: dict[str, str] = {}
    imports, other = hashlib.blake2b(digest_size=16), hashlib.blake2b(digest_size=16)
    # a statement's lines are the ones libcst gives its node (parent_module.statements): its leading comments and
    # its block's footer, not the module's trailing comments; `a; b` share theirs
    owned = [(statement, node) for statement in statements(body, lines) for node in statement.nodes]
    for statement, node in owned:
        index = statement.position
        segment = "".join(lines[statement.begin : statement.end])
        name = _defined_name(node)
        if isinstance(node, (ast.Import, ast.ImportFrom)) or _is_import_block(node):
            imports.update(segment.encode("utf-8", "surrogatepass") + b"\0")
        elif name is None:
            other.update(segment.encode("utf-8", "surrogatepass") + b"\0")
        else:
            previous = digests[name][0] if name in digests else ""  # a name bound twice: both count
            digest = hashlib.blake2b((previous + segment).encode("utf-8", "surrogatepass"), digest_size=16)
            digests[name] = (digest.hexdigest(), index)
            kinds[name] = f"{kinds[name]} {type(node).__name__}" if name in kinds else type(node).__name__
    names = "\n".join(sorted(digests))
    digests[IMPORTS] = (imports.hexdigest(), -3)
    digests[OTHER] = (other.hexdigest(), -2)
    digests[NAMES] = (hashlib.blake2b(names.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest(), -1)
    uses = {name: tuple(sorted(used)) for name, used in top_level_uses(tree).items()}
    return ParentSegments(digests, tuple(sorted(set(_CLASS_LINE.findall(text)))), kinds, uses)


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return node.name
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return targets[0].id
    return None


def _is_import_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and all(isinstance(s, (ast.Import, ast.ImportFrom)) for s in node.body)
