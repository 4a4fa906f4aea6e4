"""The DOC rules and their documentation (`repo-lint explain DOC001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

MODEL = "src/pkg/models/toy_model.py"  # a `forward-folders` file (default `{source}/models`)
PIPELINE = "src/pkg/pipelines/toy/pipeline_toy.py"  # a `call-folders` file (default `{source}/pipelines`)
PROCESSING = "src/pkg/processing.py"  # a file of public objects, exported by the main init
EXPORTS = {"src/pkg/__init__.py": "from .processing import Resizer\n"}
PUBLIC = '[tool.repo-lint.docstrings]\npublic-inits = ["{source}/__init__.py"]\n'
CONFIGURATION = "src/pkg/models/toy/configuration_toy.py"
CHECKPOINTS = (
    "[tool.repo-lint.docstrings]\nconfig-checkpoints = true\n\n"
    '[tool.repo-lint.auto]\nmapping-files = ["src/pkg/models/auto/*.py"]\n'
)
CONFIG_MAPPING = {
    "src/pkg/models/auto/configuration_auto.py": 'CONFIG_MAPPING_NAMES = OrderedDict([("toy", "ToyConfig")])\n'
}


def _docstring(text: str, indent: str) -> str:
    """`text` as a docstring at `indent`, its lines indented as written."""
    lines = "".join(f"{indent}{line}\n" if line else "\n" for line in text.split("\n"))
    return f'{indent}"""\n{lines}{indent}"""\n'


def _model(signature: str, docstring: str = "", decorator: str = "", comment: str = "") -> dict[str, str]:
    """`ToyModel(ModelMixin).forward(self, <signature>)` with the docstring text (none when empty)."""
    doc = _docstring(docstring, " " * 8) if docstring else ""
    return {
        MODEL: "from .modeling_utils import ModelMixin\n\n\nclass ToyModel(ModelMixin):\n"
        f"{decorator}    def forward(self, {signature}):{comment}\n{doc}        return {signature.split(',')[0]}\n"
    }


def _pipeline(signature: str, docstring: str) -> dict[str, str]:
    """`ToyPipeline(DiffusionPipeline).__call__(self, <signature>)` with the docstring text."""
    return {
        PIPELINE: "from ...pipeline_utils import DiffusionPipeline\n\n\nclass ToyPipeline(DiffusionPipeline):\n"
        f"    def __call__(self, {signature}):\n{_docstring(docstring, ' ' * 8)}        return prompt\n"
    }


def _resizer(
    entries: str, signature: str = "size: int = 256, do_resize: bool = True", head: str = "", marker: str = ""
) -> dict[str, str]:
    """A public `Resizer` (exported by the main init) whose docstring's `Args:` holds `entries`; `marker` is a
    comment line above the docstring."""
    doc = _docstring("Resizes images.\n\nArgs:\n" + _indent(entries), " " * 4)
    above = f"    {marker}\n" if marker else ""
    return {
        PROCESSING: f"{head}class Resizer:\n{above}{doc}\n"
        f"    def __init__(self, {signature}):\n        self.size = size\n",
        **EXPORTS,
    }


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.split("\n"))


def _config(text: str) -> dict[str, str]:
    return {CONFIGURATION: text, **CONFIG_MAPPING}


HIDDEN = "hidden_states (`torch.Tensor`):\n    The input."
TIMESTEP = "timestep (`int`):\n    The denoising step."
SIZE = "size (`int`, *optional*, defaults to 256):\n    The output size."
DO_RESIZE = "do_resize (`bool`, *optional*, defaults to `True`):\n    Whether to resize."
ANTIALIAS = "antialias (`bool`, *optional*, defaults to `True`):\n    Removed long ago."
AUTO_DOCSTRING = "from .utils import auto_docstring\n\n\n@auto_docstring\n"

_PUBLIC_SCOPE = (
    "\n\nPublic objects (the `public-inits` option; the `transformers` preset: everything the main init exports,\n"
    "as Transformers' `utils/check_docstrings.py` chooses them): every exported class with its own docstring that\n"
    "has an `Args:` / `Arguments:` / `Attributes:` / `Parameters:` section, compared with what `inspect.signature`\n"
    "would show (its `__init__`, its dataclass fields, or what it inherits from a base in the package). Skipped:\n"
    "names in `ignore`, upper-case names, names with a `public-ignore-prefixes` / `public-ignore-suffixes`\n"
    "part, the unwritten part of docstrings completed at import time (`@auto_docstring`: only DOC002 applies\n"
    "to what is written), `TypedDict`s, typed `**kwargs`, and a docstring\n"
    "preceded by a `# no-format` comment line. Private parameters and `*args` / `**kwargs` need no entry."
)

_SCOPE = _PUBLIC_SCOPE + (
    "\n\nChecked methods, as Diffusers' `utils/check_forward_call_docstrings.py` chooses them: `forward` of the\n"
    "classes (at any depth) of `forward-folders` that name a `forward-bases` class (`ModelMixin`) among their\n"
    "bases, and `__call__` of the classes of `call-folders` that name a `call-bases` class\n"
    "(`DiffusionPipeline`). Only a method defined in the class body itself is checked (an inherited one is\n"
    "checked on its own class), `self`/`cls`/`*args`/`**kwargs` need no entry, and a method whose only\n"
    "parameter is `self` is skipped. The section is the first `Args:`, `Arguments:` or `Parameters:` line\n"
    "of the docstring; its entries are the lines at the indent of its first line that start with `name (` or\n"
    "`name:`, up to the next section header (`Returns:`, `Examples:`, ...) not indented deeper."
)

DOC_UNDOCUMENTED = Rule(
    code="DOC001",
    message=(
        "argument `{argument}` of `{owner}` is not documented in its `Args:` section\n"
        "argument `{argument}` of `{owner}` is not documented (the method has no docstring)\n"
        "argument `{argument}` of `{owner}` is not documented (the method has no `Args:` section)"
    ),
    name="argument-undocumented",
    summary="A parameter of a public object, a model's `forward` or a pipeline's `__call__` has no entry in the "
    "docstring's `Args:` section.",
    why=(
        "These are the public entry points users read in the API docs; an argument without an entry is\n"
        "invisible there. One finding per argument, at the parameter (public objects: at the `Args:` header).\n"
        "A method with no docstring at all documents nothing, so each of its arguments is reported. The fix\n"
        "adds `name (`type`, *optional*, defaults to X): <fill_docstring>` at its place in signature order\n"
        "(for `forward`/`__call__`: right after the entry of the parameter before it, or before the first\n"
        "entry; only in an `Args:` section that has entries), `<fill_type>` when the parameter has no\n"
        "annotation; DOC004 then asks for the real text. Diffusers' script adds nothing." + _SCOPE
    ),
    fixable=True,
    fix="Adds the missing entries in signature order, their text `<fill_docstring>` (DOC004).",
    cases=(
        invalid(
            _model("hidden_states, timestep", "Args:\n" + _indent(HIDDEN)),
            line=5,
            note="forward-argument",
            fixed=_model(
                "hidden_states, timestep", "Args:\n" + _indent(HIDDEN + "\ntimestep (`<fill_type>`): <fill_docstring>")
            ),
        ),
        invalid(
            _model("hidden_states, timestep: int = 1", "Args:\n" + _indent(TIMESTEP)),
            line=5,
            note="forward-argument-before-the-first-entry",
            fixed=_model(
                "hidden_states, timestep: int = 1",
                "Args:\n" + _indent("hidden_states (`<fill_type>`): <fill_docstring>\n" + TIMESTEP),
            ),
        ),
        valid(_model("hidden_states, timestep", "Args:\n" + _indent(HIDDEN + "\n" + TIMESTEP)), note="documented"),
        invalid(_model("hidden_states, timestep"), line=5, note="no-docstring"),
        invalid(_model("hidden_states, timestep", "Runs the model."), line=5, note="no-args-section"),
        invalid(
            _pipeline("prompt, num_inference_steps=50", "Args:\n    prompt (`str`): The prompt."),
            line=5,
            note="pipeline-call",
        ),
        valid(
            _model("hidden_states, timestep", "Runs the model."),
            note="ignore",
            config='[tool.repo-lint.docstrings]\nignore = ["ToyModel.forward"]\n',
        ),
        valid(
            {MODEL: "class ToyHelper:\n    def forward(self, hidden_states):\n        return hidden_states\n"},
            note="not-a-model-mixin",
        ),
        invalid(
            _resizer(SIZE),
            line=5,
            note="public-object",
            config=PUBLIC,
            fixed={
                PROCESSING: _resizer(SIZE + "\ndo_resize (`bool`, *optional*, defaults to `True`): <fill_docstring>")[
                    PROCESSING
                ]
            },
        ),
        valid(_resizer(SIZE + "\n" + DO_RESIZE), note="public-object-documented", config=PUBLIC),
    ),
)

DOC_STALE = Rule(
    code="DOC002",
    message=(
        "`Args:` of `{owner}` documents `{argument}`, which is not in the signature\n"
        "`Args:` of `{owner}` documents `{argument}`, which is not in the signature (the rest of its docstring is "
        "written by `@{builder}` at import time)"
    ),
    name="docstring-stale-argument",
    summary="An `Args:` entry names no parameter of the signature.",
    why=(
        "A removed or renamed argument whose entry stayed behind documents an API that does not exist.\n"
        "Reported at the entry's line; the fix removes the entry with its text (for `forward`/`__call__`, the\n"
        "lines up to the next entry, or for the last one to the end of the section but its blank lines, as Diffusers'\n"
        "`check_forward_call_docstrings.py --fix` cuts them; none when that would take the docstring's closing\n"
        "line). A public class\n"
        "whose docstring is completed at import time (`@auto_docstring`) is checked from its written part:\n"
        "parameters it leaves out come from the library's central tables, but a written entry must still name\n"
        "a parameter." + _SCOPE
    ),
    fixable=True,
    fix="Removes the entry with its text.",
    cases=(
        invalid(
            _pipeline("prompt", "Args:\n    prompt (`str`): The prompt.\n    eta (`float`): Removed long ago."),
            line=9,
            note="pipeline-call",
            fixed=_pipeline("prompt", "Args:\n    prompt (`str`): The prompt."),
        ),
        invalid(
            _model("hidden_states", "Args:\n" + _indent(TIMESTEP + "\n\n" + HIDDEN) + "\n\nReturns:\n    The output."),
            line=8,
            note="model-forward-entry-with-its-lines",
            fixed=_model("hidden_states", "Args:\n" + _indent(HIDDEN) + "\n\nReturns:\n    The output."),
        ),
        invalid(
            _model("hidden_states", "Args:\n" + _indent(HIDDEN + "\n" + TIMESTEP) + "\n\nReturns:\n    The output."),
            line=10,
            note="last-entry-keeps-the-blank-line",
            fixed=_model("hidden_states", "Args:\n" + _indent(HIDDEN) + "\n\nReturns:\n    The output."),
        ),
        valid(_pipeline("prompt", "Args:\n    prompt (`str`): The prompt."), note="entries-name-parameters"),
        invalid(
            _resizer(SIZE + "\n" + DO_RESIZE + "\n" + ANTIALIAS),
            line=10,
            note="public-object",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE + "\n" + DO_RESIZE)[PROCESSING]},
        ),
        invalid(
            _resizer(SIZE + "\n" + ANTIALIAS, head=AUTO_DOCSTRING),
            line=12,
            note="written-part-of-auto-docstring",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE, head=AUTO_DOCSTRING)[PROCESSING]},
        ),
        valid(_resizer(SIZE, head=AUTO_DOCSTRING), note="auto-docstring-completes-the-rest", config=PUBLIC),
    ),
)

DOC_ORDER = Rule(
    code="DOC003",
    message="`Args:` of `{owner}` is not in signature order: `{expected}` should come before `{entry}`",
    name="docstring-order",
    summary="The `Args:` entries are not in signature order.",
    why=(
        "Readers match the docs against the signature top to bottom. Reported at the first entry that is out\n"
        "of place (entries of parameters that are not in the signature are left out of the comparison).\n"
        "A `# ignore-order` comment (the `ignore-order-marker` option) between the method's first decorator and\n"
        "the end of its docstring, or inside the docstring, turns the rule off for that method. Diffusers'\n"
        "reference script does not compare the order, so the `diffusers` preset sets `check-order = false`.\n"
        "For public objects the marker is the comment line right above the docstring, as in Transformers'\n"
        "`check_docstrings.py`; the fix puts the entries in signature order." + _SCOPE
    ),
    fixable=True,
    fix="For a public object, puts the entries, with their text, in signature order.",
    cases=(
        invalid(
            _model("hidden_states, mask", "Args:\n    mask: The mask.\n    hidden_states: The input."),
            line=8,
            note="swapped",
        ),
        valid(
            _model("hidden_states, mask", "Args:\n    hidden_states: The input.\n    mask: The mask."), note="in-order"
        ),
        valid(
            _model(
                "hidden_states, mask",
                "Args:\n    mask: The mask.\n    hidden_states: The input.",
                comment="  # ignore-order",
            ),
            note="ignore-order-marker",
        ),
        valid(
            _model("hidden_states, mask", "Args:\n    mask: The mask.\n    hidden_states: The input."),
            note="check-order-off",
            config="[tool.repo-lint.docstrings]\ncheck-order = false\n",
        ),
        invalid(
            _resizer(DO_RESIZE + "\n" + SIZE),
            line=6,
            note="public-object",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE + "\n" + DO_RESIZE)[PROCESSING]},
        ),
        valid(
            _resizer(DO_RESIZE + "\n" + SIZE, marker="# ignore-order"),
            note="public-object-ignore-order",
            config=PUBLIC,
        ),
    ),
)

DOC_PLACEHOLDER = Rule(
    code="DOC004",
    message=(
        "docstring placeholder `<fill_type>` left in the code: write the real type\n"
        "docstring placeholder `<fill_docstring>` left in the code: write the real description"
    ),
    name="docstring-placeholder",
    summary="A `<fill_type>` or `<fill_docstring>` placeholder is left in a docstring.",
    why=(
        "Docstring fixers insert these placeholders for what they cannot know; one left in the code ends up\n"
        "verbatim in the rendered docs. Every docstring (module, class, function) of the files under\n"
        "`placeholder-folders` is looked at; placeholders in other strings (templates of the docstring tools\n"
        "themselves) are not reported."
    ),
    cases=(
        invalid(
            _model("hidden_states", "Args:\n    hidden_states (`<fill_type>`):\n        <fill_docstring>"),
            line=8,
            note="type-placeholder",
        ),
        valid(_model("hidden_states", "Args:\n" + _indent(HIDDEN)), note="real-text"),
        invalid(
            _model("hidden_states", "Args:\n    hidden_states (`torch.Tensor`):\n        <fill_docstring>"),
            line=9,
            note="description-placeholder",
        ),
        valid(
            {"src/pkg/utils/doc_tools.py": 'TEMPLATE = "{name} (`<fill_type>`): <fill_docstring>"\n'},
            note="not-a-docstring",
        ),
        valid(
            _model("hidden_states", "Args:\n    hidden_states (`<fill_type>`):\n        <fill_docstring>"),
            note="outside-placeholder-folders",
            config='[tool.repo-lint.docstrings]\nplaceholder-folders = ["{source}/pipelines"]\n',
        ),
    ),
)

DOC_UNCHECKABLE = Rule(
    code="DOC005",
    message=(
        "the docstring of `{owner}` cannot be checked statically (`@{builder}` builds it at import time); the "
        "written text does not document {arguments}\n"
        "the docstring of `{owner}` cannot be checked statically (it is not a plain string); the written text does "
        "not document {arguments}\n"
        "the `Args:` of `{class_name}` cannot be checked statically: its signature comes from a base class outside "
        "the package (`{base}`)"
    ),
    name="docstring-not-static",
    summary="A docstring's `Args:` cannot be checked statically (built at import time, or an unknown signature).",
    why=(
        "A docstring written as an f-string, or a method decorated with a decorator that writes its argument\n"
        "docs when the module is imported (`import-time-decorators`: `add_start_docstrings`,\n"
        "`add_start_docstrings_to_model_forward`, `auto_docstring`), does not show its final text to a static\n"
        "reader. Rather than guess, repo-lint reports the method once, and only when the written text leaves\n"
        "arguments undocumented (where the reference script, which reads the literal only, reports them as\n"
        "missing). Entries naming no parameter are still DOC002. `@replace_example_docstring` only fills the\n"
        "`Examples:` part, so methods using it are checked normally. A public object whose signature comes from\n"
        "a base class outside the package (`nn.Module`, `dict`, ...) is reported here too, at its `Args:` header:\n"
        "a static reader cannot see that signature, and repo-lint does not guess it." + _SCOPE
    ),
    cases=(
        invalid(
            _model("input_ids", decorator="    @add_start_docstrings_to_model_forward(INPUTS_DOCSTRING)\n"),
            line=6,
            note="built-at-import-time",
        ),
        valid(
            _model("input_ids", "Args:\n    input_ids (`torch.LongTensor`):\n        Indices of the input tokens."),
            note="plain-docstring",
        ),
        valid(
            _model(
                "input_ids",
                "Args:\n    input_ids (`torch.LongTensor`):\n        Indices of the input tokens.",
                decorator="    @add_start_docstrings_to_model_forward(INPUTS_DOCSTRING)\n",
            ),
            note="written-text-documents-everything",
        ),
        invalid(
            {
                MODEL: "from .modeling_utils import ModelMixin\n\n\nclass ToyModel(ModelMixin):\n"
                '    def forward(self, input_ids):\n        f"""\n        Args:\n            {INPUTS_DOCSTRING}\n'
                '        """\n        return input_ids\n'
            },
            line=5,
            note="f-string",
        ),
        invalid(
            {
                PROCESSING: "from torch import nn\n\n\nclass Resizer(nn.Module):\n"
                + _docstring("Args:\n" + _indent(SIZE), "    "),
                **EXPORTS,
            },
            line=6,
            note="public-object-external-signature",
            config=PUBLIC,
        ),
    ),
)

DOC_DEFAULT = Rule(
    code="DOC006",
    message=(
        "entry `{argument}` of `{class_name}` should read `{expected}`\n"
        "the `Args:` entries of `{class_name}` are not laid out as `name (type): text`"
    ),
    name="docstring-default-mismatch",
    summary="An `Args:` entry's `*optional*, defaults to X` text disagrees with the parameter's real default.",
    why=(
        "The rendered docs are where users learn a default; one that was changed in the code but not in the\n"
        "docstring misleads them. The expected text follows Transformers' `check_docstrings.py`: no default ->\n"
        "no `*optional*`; `None` -> `*optional*` alone; otherwise `*optional*, defaults to X` where X is a number\n"
        "as written (floats of more than six characters rounded to two decimals), a numeric string bare, a string\n"
        'as `` `"text"` ``, a boolean, tuple or other literal in backticks, and arithmetic such as `1/255` kept as\n'
        "written when it equals the default. `` `optional` `` and `**optional**` are spelled `*optional*`. A\n"
        "default a static reader cannot know (a name, a call, an enum member written differently) is not judged.\n"
        "The entry line must read `name (description):`; the fix rewrites it. A name documented twice keeps its\n"
        "last entry, as in the reference (reported as entries not laid out as `name (type): text`)." + _PUBLIC_SCOPE
    ),
    fixable=True,
    fix="Rewrites the entry line as `name (description):` with the `*optional*, defaults to X` the default calls for.",
    cases=(
        invalid(
            _resizer(SIZE.replace("256", "224") + "\n" + DO_RESIZE),
            line=6,
            note="changed-default",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE + "\n" + DO_RESIZE)[PROCESSING]},
        ),
        valid(_resizer(SIZE + "\n" + DO_RESIZE), note="same-default", config=PUBLIC),
        invalid(
            _resizer(SIZE + "\n" + DO_RESIZE.replace("*optional*", "`optional`")),
            line=8,
            note="optional-spelling",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE + "\n" + DO_RESIZE)[PROCESSING]},
        ),
        invalid(
            _resizer(
                SIZE + "\ncrop (`dict`, *optional*, defaults to `None`):\n    The crop.",
                signature="size: int = 256, crop=None",
            ),
            line=8,
            note="none-default",
            config=PUBLIC,
            fixed={
                PROCESSING: _resizer(
                    SIZE + "\ncrop (`dict`, *optional*):\n    The crop.", signature="size: int = 256, crop=None"
                )[PROCESSING]
            },
        ),
        invalid(
            _resizer(SIZE.replace("):", ")") + "\n" + DO_RESIZE),
            line=6,
            note="missing-colon",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE + "\n" + DO_RESIZE)[PROCESSING]},
        ),
        # A name documented twice: the last entry wins, as in the reference, so the fix drops the first one. The
        # message (the second form) says the entries are not laid out as `name (type): text`, not what is wrong.
        invalid(
            _resizer(SIZE + "\n" + SIZE.replace("The output size", "The size") + "\n" + DO_RESIZE),
            line=6,
            note="documented-twice",
            config=PUBLIC,
            fixed={PROCESSING: _resizer(SIZE.replace("The output size", "The size") + "\n" + DO_RESIZE)[PROCESSING]},
        ),
    ),
)

DOC_CHECKPOINT = Rule(
    code="DOC007",
    message=(
        'config class `{class_name}` names no checkpoint: pass `@auto_docstring(checkpoint="org/name")` or link '
        "`[org/name](https://huggingface.co/org/name)` in its docstring"
    ),
    name="config-checkpoint-missing",
    summary="A config class of the auto mapping names no checkpoint (`@auto_docstring(checkpoint=...)` or a "
    "`[org/name](https://huggingface.co/org/name)` link).",
    why=(
        "Every model's config docs point at one real checkpoint so that users can try the architecture; the\n"
        "auto-docstring machinery also builds the config's examples from it. As Transformers'\n"
        "`utils/check_config_docstrings.py` does, every class named in `CONFIG_MAPPING_NAMES` (the `auto`\n"
        "section's `config-mapping` in its `mapping-files`) outside `checkpoint-skip-folders` must carry either\n"
        '`checkpoint="org/name"` in an `@auto_docstring(...)` decorator or a Markdown link whose text is the\n'
        "checkpoint and whose target is `https://huggingface.co/` followed by that same text (a trailing `/`\n"
        "allowed). `checkpoint-ignore` lists the configs that have no single checkpoint. Turned on by\n"
        "`config-checkpoints = true` (the `transformers` preset)."
    ),
    cases=(
        invalid(
            _config('@auto_docstring\nclass ToyConfig(PreTrainedConfig):\n    model_type = "toy"\n'),
            line=2,
            note="no-checkpoint",
            config=CHECKPOINTS,
        ),
        valid(
            _config(
                '@auto_docstring(checkpoint="toy-org/toy-base")\n'
                'class ToyConfig(PreTrainedConfig):\n    model_type = "toy"\n'
            ),
            note="auto-docstring-checkpoint",
            config=CHECKPOINTS,
        ),
        valid(
            _config(
                "class ToyConfig(PreTrainedConfig):\n"
                + _docstring(
                    "Configuration of a [toy-org/toy-base](https://huggingface.co/toy-org/toy-base) model.", "    "
                )
                + '\n    model_type = "toy"\n'
            ),
            note="checkpoint-link",
            config=CHECKPOINTS,
        ),
        invalid(
            _config(
                "class ToyConfig(PreTrainedConfig):\n"
                + _docstring("Configuration of a [toy-base](https://huggingface.co/toy-org/toy-base) model.", "    ")
                + '\n    model_type = "toy"\n'
            ),
            line=1,
            note="link-text-is-not-the-checkpoint",
            config=CHECKPOINTS,
        ),
        valid(
            _config('class ToyConfig(PreTrainedConfig):\n    model_type = "toy"\n'),
            note="checkpoint-ignore",
            config=CHECKPOINTS.replace(
                "config-checkpoints = true\n", 'config-checkpoints = true\ncheckpoint-ignore = ["ToyConfig"]\n'
            ),
        ),
    ),
)

RULES = (DOC_UNDOCUMENTED, DOC_STALE, DOC_ORDER, DOC_PLACEHOLDER, DOC_UNCHECKABLE, DOC_DEFAULT, DOC_CHECKPOINT)
