"""The DOC rules and their documentation (`repo-lint explain DOC001`)."""

from repo_lint.diagnostics import Rule

_SCOPE = (
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
    name="call-argument-undocumented",
    summary="An argument of a model's `forward` or a pipeline's `__call__` has no entry in the docstring's "
            "`Args:` section.",
    why=(
        "These are the public entry points users read in the API docs; an argument without an entry is\n"
        "invisible there. One finding per argument, at the parameter. A method with no docstring at all\n"
        "documents nothing, so each of its arguments is reported." + _SCOPE
    ),
    bad='def forward(self, hidden_states, timestep):\n    """\n    Args:\n        hidden_states (`torch.Tensor`):\n'
        '            The input.\n    """\n',
    good='def forward(self, hidden_states, timestep):\n    """\n    Args:\n        hidden_states (`torch.Tensor`):\n'
         '            The input.\n        timestep (`int`):\n            The denoising step.\n    """\n',
)

DOC_STALE = Rule(
    code="DOC002",
    name="call-docstring-stale-argument",
    summary="An `Args:` entry of a `forward` / `__call__` docstring names no parameter of the signature.",
    why=(
        "A removed or renamed argument whose entry stayed behind documents an API that does not exist.\n"
        "Reported at the entry's line." + _SCOPE
    ),
    bad='def __call__(self, prompt):\n    """\n    Args:\n        prompt (`str`): The prompt.\n'
        '        eta (`float`): Removed long ago.\n    """\n',
    good='def __call__(self, prompt):\n    """\n    Args:\n        prompt (`str`): The prompt.\n    """\n',
)

DOC_ORDER = Rule(
    code="DOC003",
    name="call-docstring-order",
    summary="The `Args:` entries of a `forward` / `__call__` docstring are not in signature order.",
    why=(
        "Readers match the docs against the signature top to bottom. Reported at the first entry that is out\n"
        "of place (entries of parameters that are not in the signature are left out of the comparison).\n"
        "A `# ignore-order` comment (the `ignore-order-marker` option) between the method's first decorator and\n"
        "the end of its docstring, or inside the docstring, turns the rule off for that method. Diffusers'\n"
        "reference script does not compare the order, so the `diffusers` preset sets `check-order = false`."
        + _SCOPE
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
    name="call-docstring-not-static",
    summary="A `forward` / `__call__` docstring is built at import time, so its `Args:` cannot be checked.",
    why=(
        "A docstring written as an f-string, or a method decorated with a decorator that writes its argument\n"
        "docs when the module is imported (`import-time-decorators`: `add_start_docstrings`,\n"
        "`add_start_docstrings_to_model_forward`, `auto_docstring`), does not show its final text to a static\n"
        "reader. Rather than guess, repo-lint reports the method once, and only when the written text leaves\n"
        "arguments undocumented (where the reference script, which reads the literal only, reports them as\n"
        "missing). Entries naming no parameter are still DOC002. `@replace_example_docstring` only fills the\n"
        "`Examples:` part, so methods using it are checked normally." + _SCOPE
    ),
    bad='@add_start_docstrings_to_model_forward(INPUTS_DOCSTRING)\ndef forward(self, input_ids):\n    ...\n',
    good='def forward(self, input_ids):\n    """\n    Args:\n        input_ids (`torch.LongTensor`):\n'
         '            Indices of the input tokens.\n    """\n',
)

RULES = (DOC_UNDOCUMENTED, DOC_STALE, DOC_ORDER, DOC_PLACEHOLDER, DOC_UNCHECKABLE)
