"""The AGT rules and their documentation (`repo-lint explain AGT001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

AI = ".ai/"
PACKAGE = {"src/pkg/__init__.py": ""}  # the configured `source` folder must exist
AGENTS = AI + "AGENTS.md"
SKILL = AI + "skills/self-review/SKILL.md"
MODELS = AI + "references/models.md"
TESTING = AI + "references/testing.md"
HEADER = "---\nname: self-review\ndescription: >\n  Use before opening a PR.\n---\n\n# Self-review\n\n"
GUIDES = {MODELS: "# Models\n\nSee [testing](testing.md).\n", TESTING: "# Testing\n"}

_INSTALLED = (
    "\n\nThe folder is `folder` (default `.ai`); nothing is reported when it does not exist. Skills are installed\n"
    "outside a checkout (`diffusers-cli skills install` copies a skill with the guides it cites), so what only\n"
    "resolves inside the repository breaks there. Fenced code blocks are not read."
)

LINK_ESCAPES = Rule(
    code="AGT001",
    message="`{link}` leaves the folder of `{file}`: link to a stable URL instead",
    name="guide-link-escapes",
    summary="A relative link of an agent guide or skill leaves its own folder (`..`, or an absolute path).",
    why="A link that climbs out of its folder cannot resolve once the skill is installed elsewhere." + _INSTALLED,
    cases=(
        invalid(
            {SKILL: HEADER + "Read [the style](../../references/code_style.md).\n", **PACKAGE},
            line=9,
            note="climbs-out",
        ),
        valid(
            {SKILL: HEADER + "Read [the style](https://github.com/org/repo/blob/main/STYLE.md).\n", **PACKAGE},
            note="url",
        ),
    ),
)

LINK_MISSING = Rule(
    code="AGT002",
    message="`{link}` does not exist (no such file or folder next to `{file}`)",
    name="guide-link-missing",
    depends_on=("target",),
    summary="A relative link of an agent guide or skill names a file or folder that does not exist.",
    why=(
        "A moved or deleted file leaves dead links behind in the guides agents read. Links are resolved from\n"
        "the linking file's folder; a skill's `references/...` links are AGT003's business." + _INSTALLED
    ),
    cases=(
        invalid(
            {AGENTS: "# Agents\n\nSee [the skill](skills/self-review/SKILL.md).\n", **PACKAGE}, line=3, note="moved"
        ),
        valid(
            {AGENTS: "# Agents\n\nSee [the skill](skills/self-review/SKILL.md#usage).\n", SKILL: HEADER, **PACKAGE},
            note="existing-with-anchor",
        ),
        valid({AGENTS: "# Agents\n\n```md\nSee [a link](missing.md).\n```\n", **PACKAGE}, note="fenced-code"),
        valid({AGENTS: "# Agents\n\nWrite to [us](mailto:team@example.com).\n", **PACKAGE}, note="not-a-path"),
    ),
)

GUIDE_MISSING = Rule(
    code="AGT003",
    message="cites `references/{guide}`, which is not in `{references}/`",
    name="skill-cites-missing-guide",
    depends_on=("target",),
    summary="A skill cites `references/<guide>.md` that is not in the guides folder's `references/`.",
    why=(
        "The installer copies each cited guide from `references/`; a guide that is not there is missing from\n"
        "every installed copy of the skill. A citation counts in a link or in plain text." + _INSTALLED
    ),
    cases=(
        invalid(
            {SKILL: HEADER + "Check the diff against references/review-rules.md.\n", **PACKAGE}, line=9, note="missing"
        ),
        valid(
            {SKILL: HEADER + "Follow references/models.md and references/testing.md.\n", **GUIDES, **PACKAGE},
            note="present",
        ),
    ),
)

SIBLING_NOT_CITED = Rule(
    code="AGT004",
    message=(
        "`references/{guide}` links to `{sibling}`, which the skill does not cite: add `references/{sibling}` so "
        "that it is installed with it"
    ),
    name="skill-guide-sibling-not-cited",
    depends_on=("source",),
    summary="A guide a skill cites links to another guide that the skill does not cite.",
    why=(
        "Only the cited guides are installed with a skill, so a link from one of them to a guide the skill\n"
        "does not cite is dead in the installed copy. Reported at the skill's first citation of the guide that\n"
        "links." + _INSTALLED
    ),
    cases=(
        invalid(
            {SKILL: HEADER + "Follow references/models.md.\n", **GUIDES, **PACKAGE}, line=9, note="sibling-left-out"
        ),
        valid(
            {SKILL: HEADER + "Follow references/models.md and references/testing.md.\n", **GUIDES, **PACKAGE},
            note="both-cited",
        ),
    ),
)

SKILL_FRONTMATTER = Rule(
    code="AGT005",
    message=(
        "no `name` in the frontmatter\n"
        "the frontmatter `name` is `{name}`, not the skill's folder name `{folder}`\n"
        "no `description` in the frontmatter: an agent picks a skill by its description"
    ),
    name="skill-frontmatter",
    summary="A skill's `SKILL.md` frontmatter has no `name`, a `name` other than its folder's, or no `description`.",
    why=(
        "Skills are found by name (the folder `skills/<name>/`) and chosen by their description; a skill\n"
        "without them can never be selected. The frontmatter is the block between the first two `---`\n"
        "lines; a folded `description: >` counts." + _INSTALLED
    ),
    cases=(
        invalid({SKILL: HEADER.replace("name: self-review", "name: review"), **PACKAGE}, line=2, note="renamed-folder"),
        invalid({SKILL: "# Self-review\n", **PACKAGE}, line=1, note="no-frontmatter"),
        valid({SKILL: HEADER, **PACKAGE}, note="named-and-described"),
    ),
)

RULES = (LINK_ESCAPES, LINK_MISSING, GUIDE_MISSING, SIBLING_NOT_CITED, SKILL_FRONTMATTER)
