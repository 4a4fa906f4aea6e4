"""The DOC rules and their documentation (`repo-lint explain DOC001`)."""

from repo_lint.diagnostics import Rule

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
    name="argument-undocumented",
    summary="A parameter of a public object, a model's `forward` or a pipeline's `__call__` has no entry in the "
    "docstring's `Args:` section.",
    why=(
        "These are the public entry points users read in the API docs; an argument without an entry is\n"
        "invisible there. One finding per argument, at the parameter (public objects: at the `Args:` header).\n"
        "A method with no docstring at all documents nothing, so each of its arguments is reported. The fix\n"
        "(public objects) adds `name (`type`, *optional*, defaults to X): <fill_docstring>` at its place in\n"
        "signature order, `<fill_type>` when the parameter has no annotation; DOC004 then asks for the real text."
        + _SCOPE
    ),
    bad='def forward(self, hidden_states, timestep):\n    """\n    Args:\n        hidden_states (`torch.Tensor`):\n'
    '            The input.\n    """\n',
    good='def forward(self, hidden_states, timestep):\n    """\n    Args:\n        hidden_states (`torch.Tensor`):\n'
    '            The input.\n        timestep (`int`):\n            The denoising step.\n    """\n',
)

DOC_STALE = Rule(
    code="DOC002",
    name="docstring-stale-argument",
    summary="An `Args:` entry names no parameter of the signature.",
    why=(
        "A removed or renamed argument whose entry stayed behind documents an API that does not exist.\n"
        "Reported at the entry's line; the fix (public objects) removes the entry with its text. A public class\n"
        "whose docstring is completed at import time (`@auto_docstring`) is checked from its written part:\n"
        "parameters it leaves out come from the library's central tables, but a written entry must still name\n"
        "a parameter." + _SCOPE
    ),
    bad='def __call__(self, prompt):\n    """\n    Args:\n        prompt (`str`): The prompt.\n'
    '        eta (`float`): Removed long ago.\n    """\n',
    good='def __call__(self, prompt):\n    """\n    Args:\n        prompt (`str`): The prompt.\n    """\n',
)

DOC_ORDER = Rule(
    code="DOC003",
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
    bad='def forward(self, x, mask):\n    """\n    Args:\n        mask: The mask.\n        x: The input.\n    """\n',
    good='def forward(self, x, mask):\n    """\n    Args:\n        x: The input.\n        mask: The mask.\n    """\n',
)

DOC_PLACEHOLDER = Rule(
    code="DOC004",
    name="docstring-placeholder",
    summary="A `<fill_type>` or `<fill_docstring>` placeholder is left in a docstring.",
    why=(
        "Docstring fixers insert these placeholders for what they cannot know; one left in the code ends up\n"
        "verbatim in the rendered docs. Every docstring (module, class, function) of the files under\n"
        "`placeholder-folders` is looked at; placeholders in other strings (templates of the docstring tools\n"
        "themselves) are not reported."
    ),
    bad='def forward(self, x):\n    """\n    Args:\n        x (`<fill_type>`):\n'
    '            <fill_docstring>\n    """\n',
    good='def forward(self, x):\n    """\n    Args:\n        x (`torch.Tensor`):\n            The input.\n    """\n',
)

DOC_UNCHECKABLE = Rule(
    code="DOC005",
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
    bad="@add_start_docstrings_to_model_forward(INPUTS_DOCSTRING)\ndef forward(self, input_ids):\n    ...\n",
    good='def forward(self, input_ids):\n    """\n    Args:\n        input_ids (`torch.LongTensor`):\n'
    '            Indices of the input tokens.\n    """\n',
)

DOC_DEFAULT = Rule(
    code="DOC006",
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
        "The entry line must read `name (description):`; the fix rewrites it." + _PUBLIC_SCOPE
    ),
    bad='class Resizer:\n    """\n    Args:\n        size (`int`, *optional*, defaults to 224):\n'
    '            Output size.\n    """\n\n    def __init__(self, size=256):\n        ...\n',
    good='class Resizer:\n    """\n    Args:\n        size (`int`, *optional*, defaults to 256):\n'
    '            Output size.\n    """\n\n    def __init__(self, size=256):\n        ...\n',
)

DOC_CHECKPOINT = Rule(
    code="DOC007",
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
    bad='@auto_docstring\nclass ToyConfig(PreTrainedConfig):\n    model_type = "toy"\n',
    good='@auto_docstring(checkpoint="toy-org/toy-base")\nclass ToyConfig(PreTrainedConfig):\n    model_type = "toy"\n',
)

RULES = (DOC_UNDOCUMENTED, DOC_STALE, DOC_ORDER, DOC_PLACEHOLDER, DOC_UNCHECKABLE, DOC_DEFAULT, DOC_CHECKPOINT)
