"""The MPB rules and their documentation (`repo-lint explain MPB001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

FOLDER = "src/pkg/modular_pipelines/"
STEPS = FOLDER + "steps.py"
PIPELINE = FOLDER + "pipeline.py"
# the framework as the blocks import it (only its class names matter: nothing of it is run)
FRAMEWORK = {
    "src/pkg/__init__.py": "",
    FOLDER + "__init__.py": "",
    FOLDER + "modular_pipeline.py": (
        "class ModularPipelineBlocks:\n    pass\n\n\nclass SequentialPipelineBlocks(ModularPipelineBlocks):\n    pass\n"
    ),
    FOLDER + "modular_pipeline_utils.py": (
        "class InputParam:\n    pass\n\n\nclass OutputParam:\n    pass\n\n\nclass ComponentSpec:\n    pass\n\n\n"
        'INPUT_PARAM_TEMPLATES = {"seed": {"type_hint": int, "default": 0, "description": "The random seed."}}\n'
    ),
}
IMPORTS = (
    "from .modular_pipeline import ModularPipelineBlocks, SequentialPipelineBlocks\n"
    "from .modular_pipeline_utils import ComponentSpec, InputParam, OutputParam\n\n\n"
)
DOUBLE_DECLARATIONS = (
    '    @property\n    def description(self):\n        return "Doubles the input."\n\n'
    "    @property\n    def inputs(self):\n"
    '        return [InputParam("x", type_hint=int, required=True, description="The input."), '
    'InputParam.template("seed")]\n\n'
    "    @property\n    def intermediate_outputs(self):\n"
    '        return [OutputParam("y", type_hint=int, description="Twice the input.")]\n'
)
DOUBLE_DOC = (
    '    """\n    Doubles the input.\n\n      Inputs:\n          x (`int`):\n              The input.\n'
    "          seed (`int`, *optional*, defaults to 0):\n              The random seed.\n\n"
    '      Outputs:\n          y (`int`):\n              Twice the input.\n    """\n'
)
DOUBLE = "# auto_docstring\nclass DoubleStep(ModularPipelineBlocks):\n"
DOUBLE_STEP = IMPORTS + DOUBLE + DOUBLE_DOC + "\n" + DOUBLE_DECLARATIONS
# the child's input description edited, in its declaration and in its own docstring
EDITED_STEP = DOUBLE_STEP.replace('description="Twice the input."', 'description="Two times the input."').replace(
    "Twice the input.\n", "Two times the input.\n"
)
PIPELINE_HEAD = "from .modular_pipeline import SequentialPipelineBlocks\nfrom .steps import DoubleStep\n\n\n"
PIPELINE_DECLARATIONS = (
    '    block_classes = [DoubleStep]\n    block_names = ["double"]\n\n'
    '    @property\n    def description(self):\n        return "The whole pipeline."\n'
)
PIPELINE_DOC = DOUBLE_DOC.replace("Doubles the input.", "The whole pipeline.")
WHOLE = "# auto_docstring\nclass Whole(SequentialPipelineBlocks):\n"

STALE = Rule(
    code="MPB001",
    name="auto-docstring-stale",
    summary="A class under the `# auto_docstring` marker has a docstring other than the one its declarations "
    "generate (or none).",
    why=(
        "Modular pipeline blocks document themselves: their description, components, configs, inputs and outputs\n"
        "are declared in code, and the docstring under the marker is generated from those declarations (Diffusers'\n"
        "`utils/modular_auto_docstring.py`, `make modular-autodoctrings`, CI job `check_auto_docs`). A composite\n"
        "block's docstring comes from its children, so editing one block's `InputParam` makes the docstrings of\n"
        "the blocks that contain it stale, in other files. repo-lint generates the text statically: it reads the\n"
        "declarations with `ast` across the package (never importing it), composes the blocks as the framework\n"
        "does (Sequential, Auto, Conditional, Loop) and lays the text out as the script and its formatters leave\n"
        "it (ruff's docstring whitespace, doc-builder's reflow at 119 columns). The message names the first line\n"
        "that differs and the section and entry it belongs to. A docstring that needs running code to generate\n"
        "is never guessed: it is MPB002. An external class kept by its library under another name is named as\n"
        "the installed library prints it through the `aliases` option."
    ),
    fixable=True,
    depends_on=("sources",),  # a composite block's docstring goes stale when a child's file changes
    fix="Replaces the docstring (or inserts it after the `class` line) with the generated text, already in its "
    "formatted form; the rest of the file is untouched.",
    message=(
        "the docstring of `{name}` is not what its declarations generate ({part}): expected `{expected}`, found "
        "`{found}`\n`{name}` has no docstring: the marker asks for the one its declarations generate"
    ),
    cases=(
        invalid(
            {STEPS: IMPORTS + DOUBLE + DOUBLE_DECLARATIONS, **FRAMEWORK},
            line=6,
            note="missing-docstring",
            fixed={STEPS: IMPORTS + DOUBLE + DOUBLE_DOC + "\n" + DOUBLE_DECLARATIONS},
        ),
        invalid(
            {
                PIPELINE: PIPELINE_HEAD + WHOLE + PIPELINE_DOC + "\n" + PIPELINE_DECLARATIONS,
                STEPS: EDITED_STEP,
                **FRAMEWORK,
            },
            line=18,
            note="child-edited",
            fixed={
                PIPELINE: PIPELINE_HEAD
                + WHOLE
                + PIPELINE_DOC.replace("Twice the input.", "Two times the input.")
                + "\n"
                + PIPELINE_DECLARATIONS
            },
        ),
        invalid(
            {
                PIPELINE: PIPELINE_HEAD + WHOLE + PIPELINE_DOC + "\n" + PIPELINE_DECLARATIONS,
                STEPS: EDITED_STEP,
                **FRAMEWORK,
            },
            line=18,
            note="only-the-child-changed",
            changed=(STEPS,),  # pre-commit on the child's file: the parent's docstring depends on it
        ),
        valid({STEPS: DOUBLE_STEP, **FRAMEWORK}),
        valid(
            {
                PIPELINE: PIPELINE_HEAD + WHOLE + PIPELINE_DOC + "\n" + PIPELINE_DECLARATIONS,
                STEPS: DOUBLE_STEP,
                **FRAMEWORK,
            },
            note="composite",
        ),
        valid(
            {
                STEPS: "from transformers import Qwen2TokenizerFast\n\n"
                + IMPORTS
                + "# auto_docstring\nclass Tokenize(ModularPipelineBlocks):\n"
                + '    """\n    Components:\n          tokenizer (`Qwen2Tokenizer`)\n    """\n\n'
                + "    @property\n    def expected_components(self):\n"
                + '        return [ComponentSpec("tokenizer", Qwen2TokenizerFast)]\n',
                **FRAMEWORK,
            },
            config='[tool.repo-lint.modular-blocks]\naliases = {Qwen2TokenizerFast = "Qwen2Tokenizer"}\n',
            note="alias",
        ),
    ),
)

NOT_CHECKABLE = Rule(
    code="MPB002",
    name="auto-docstring-not-checkable",
    summary="The docstring of a class under the `# auto_docstring` marker cannot be generated without running "
    "code, so it is not checked.",
    why=(
        "Some blocks compute what their docstring shows: a custom `__init__` whose arguments the properties read,\n"
        'a child built with arguments (`FluxVaeEncoderStep(sample_mode="argmax")`), `inputs` made by a\n'
        "comprehension, statements or `super()`. repo-lint does not run the library and never guesses, so such a\n"
        "docstring is not checked, and this says so, once per class, with the reason; when the class is static\n"
        "itself but contains such a block, the message names that block (one refactor of it unblocks every class\n"
        "that contains it). In the `diffusers` preset this rule is in `changed-only`, like MOD004 in the\n"
        "transformers preset: on the development tree 120 of the 274 marked classes (behind 43 blocks) cannot be\n"
        "generated statically, findings a plain `repo-lint check` would repeat on every run without anyone able\n"
        "to act on them; a full run names the rule in its notes, a pull request (`--changed-since`) hears about the\n"
        "classes of the files it changes and those a block it changes blocks, and `--select MPB002` lists them all.\n"
        "Everywhere else it is on."
    ),
    message=(
        "the docstring of `{name}` cannot be generated statically: {reason}\n"
        "the docstring of `{name}` cannot be generated statically: it contains block `{block}`, which needs "
        "running code ({reason})"
    ),
    depends_on=("source_path",),  # the file of the blocking block
    changed_only_follows_dependencies=True,
    cases=(
        invalid(
            {
                STEPS: IMPORTS
                + "# auto_docstring\nclass Scaled(ModularPipelineBlocks):\n"
                + "    def __init__(self, factor=2):\n        self.factor = factor\n        super().__init__()\n",
                **FRAMEWORK,
            },
            line=6,
            note="custom-init",
        ),
        invalid(
            {
                PIPELINE: PIPELINE_HEAD
                + WHOLE
                + '    block_classes = [DoubleStep(scale=3)]\n    block_names = ["double"]\n',
                STEPS: DOUBLE_STEP,
                **FRAMEWORK,
            },
            line=6,
            note="child-with-arguments",
        ),
        valid({STEPS: DOUBLE_STEP, **FRAMEWORK}),
    ),
)

MARKER_ORPHAN = Rule(
    code="MPB003",
    name="auto-docstring-marker-orphan",
    summary="A `# auto_docstring` marker is not followed by a class statement.",
    why=(
        "The marker only works on the line above a `class` statement (blank and comment lines may come between).\n"
        "Anywhere else the reference script skips it without a word, so whoever wrote it believes a docstring is\n"
        "kept up to date that is not. The Diffusers development tree has one, above the unused\n"
        "`SDXL_INPUTS_SCHEMA` dict of `stable_diffusion_xl/modular_pipeline.py`: it came with the first version of\n"
        "the framework, half a year before the script existed, and does nothing there."
    ),
    message="the docstring marker is not followed by a class statement: no docstring is generated from it",
    cases=(
        invalid({STEPS: IMPORTS + "# auto_docstring\nSCHEMA = {}\n", **FRAMEWORK}, line=5),
        valid({STEPS: DOUBLE_STEP.replace("# auto_docstring\n", "# auto_docstring\n# (generated)\n\n"), **FRAMEWORK}),
    ),
)

RULES = (STALE, NOT_CHECKABLE, MARKER_ORPHAN)
