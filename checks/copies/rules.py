"""The CPY rules and their documentation (`repo-lint explain CPY001`)."""

from repo_lint.diagnostics import Rule

COPY_DRIFT = Rule(
    code="CPY001",
    name="copy-drift",
    depends_on=("source_path",),
    summary="Code marked `# Copied from` differs from its source (after the marker's replacements).",
    why=(
        "A `# Copied from` marker promises that the block stays identical to its source, so that a fix in\n"
        "the source reaches every model. A copy that drifted silently keeps an old bug or an old behaviour.\n"
        "Blank lines do not count; the copy's own name may differ; when the marker has replacements the\n"
        "expected code is formatted with the repository's ruff configuration before comparing. The finding\n"
        "points at the first line of the copy that differs."
    ),
    bad=(
        "# Copied from mylib.models.bert.modeling_bert.BertPooler with Bert->Roberta\n"
        "class RobertaPooler(nn.Module):\n"
        "    def forward(self, hidden_states):\n"
        "        return self.activation(hidden_states[:, 1])  # the source takes token 0\n"
    ),
    good=(
        "# Copied from mylib.models.bert.modeling_bert.BertPooler with Bert->Roberta\n"
        "class RobertaPooler(nn.Module):\n"
        "    def forward(self, hidden_states):\n"
        "        return self.activation(hidden_states[:, 0])\n"
    ),
    fixable=True,
    fix=(
        "Rewrites the copy from its source (replacements applied, formatted like `make fix-copies`), keeping\n"
        "the copy's name and its `# Ignore copy` blocks; copies of copies are fixed after their source."
    ),
)

SOURCE_MISSING = Rule(
    code="CPY002",
    name="copy-source-missing",
    depends_on=("source_path",),
    summary="The object named by a `# Copied from` marker does not exist.",
    why=(
        "The module is the longest dotted prefix that is a file; each following name must be a class or\n"
        "function defined directly inside the previous one. Names match exactly: `BertSelf` never matches\n"
        "`BertSelfOutput`, and a method is looked up in its own class only (the reference script takes a\n"
        "same-named method of a later class). A marker that points nowhere checks nothing."
    ),
    bad="# Copied from mylib.models.bert.modeling_bert.BertEmbeddings.feed_forward\ndef feed_forward(self, x): ...\n",
    good="# Copied from mylib.models.bert.modeling_bert.BertLayer.feed_forward\ndef feed_forward(self, x): ...\n",
)

BAD_PATTERN = Rule(
    code="CPY003",
    name="copy-bad-pattern",
    depends_on=("source_path",),
    summary="A replacement in a `# Copied from ... with A->B` marker cannot be read, or could run unbounded.",
    why=(
        "Replacements are `A->B` pieces separated by commas, each optionally followed by `all-casing`.\n"
        "The reference script silently skips a piece it cannot read (for instance `Bert -> Roberta` with\n"
        "spaces around the arrow) and ignores unknown options, so the copy is compared without it and the\n"
        "marker says something that is not checked.\n"
        "Each `A` is a regular expression (as in the reference), but a marker is user input: a pattern runs\n"
        "only if it cannot backtrack without bound. Text without metacharacters is replaced literally; other\n"
        "patterns may not use unbounded repetition (`*`, `+`, `{m,}`) or backreferences, and their ways to\n"
        "match (alternatives, `?`, `{m,n}`) times the longest match must stay under 4096. A pattern such as\n"
        "`(a+)+$` could stall CI for minutes: it is reported here, not applied, and the run goes on."
    ),
    bad="# Copied from mylib.models.bert.modeling_bert.BertPooler with Bert -> Roberta\n",
    good="# Copied from mylib.models.bert.modeling_bert.BertPooler with Bert->Roberta\n",
)

COPY_CYCLE = Rule(
    code="CPY004",
    name="copy-cycle",
    depends_on=("source_path",),
    summary="A copy is its own source, directly or through a chain of copies.",
    why=(
        "Copies are fixed from their source; when the sources form a cycle there is no original to fix\n"
        "from and no fix can ever settle. One of the markers is wrong."
    ),
    bad=("# Copied from mylib.models.a.modeling_a.Helper\nclass Helper: ...\n"),
    good="class Helper: ...  # the original: no marker\n",
)

UNSUPPORTED = Rule(
    code="CPY005",
    name="copy-unsupported",
    depends_on=("source_path",),
    summary="A `# Copied from` marker cannot be checked (not above a definition, or no valid expected code).",
    why=(
        "A marker must sit directly above the `class`/`def` it describes (decorators may stand between).\n"
        "When the replacements turn the source into code that does not parse, there is nothing to compare\n"
        "with. Either way the copy is not checked, which must not pass silently."
    ),
    bad="# Copied from mylib.models.bert.modeling_bert.BertPooler\n\nx = 1\n",
    good="# Copied from mylib.models.bert.modeling_bert.BertPooler\nclass RobertaPooler(nn.Module): ...\n",
)

FULL_COPY_DRIFT = Rule(
    code="CPY006",
    name="full-copy-drift",
    depends_on=("source_path",),
    summary="A file configured as a full copy of another file differs from it.",
    why=(
        "`[tool.repo-lint.copies] full-copies` lists files that must stay byte-identical to a source file\n"
        "(Transformers keeps example utilities this way)."
    ),
    bad="# examples/flax/utils_qa.py edited by hand\n",
    good="# examples/flax/utils_qa.py identical to examples/pytorch/utils_qa.py\n",
    fixable=True,
    fix="Overwrites the copy with the source file's content.",
)

DECORATOR_DRIFT = Rule(
    code="CPY007",
    name="copy-decorator-drift",
    depends_on=("source_path",),
    summary="The decorators of a copied definition differ from those of its source.",
    why=(
        "Decorators change what a definition does (`@staticmethod`, `@torch.no_grad()`, `@property`), but\n"
        "they sit above the marker, where the reference script never looks."
    ),
    bad=(
        "@torch.no_grad()\n# Copied from mylib.models.bert.modeling_bert.BertModel.generate\n"
        "def generate(self): ...   # the source has no @torch.no_grad()\n"
    ),
    good="# Copied from mylib.models.bert.modeling_bert.BertModel.generate\ndef generate(self): ...\n",
)

SIGNATURE_DRIFT = Rule(
    code="CPY008",
    name="copy-signature-drift",
    depends_on=("source_path",),
    summary="The `def`/`class` line of a copy (parameters, defaults, annotations, bases) differs from its source.",
    why=(
        "Only the copy's own name may differ from the source. A parameter, default value, annotation or base\n"
        "class that drifted changes how the copy is called even when its body still matches. Diffusers'\n"
        "reference script never compares this line."
    ),
    bad=(
        "# Copied from mylib.models.unet.UNet.set_attention_slice\n"
        'def set_attention_slice(self, slice_size):  # the source has `slice_size="auto"`\n'
    ),
    good=(
        '# Copied from mylib.models.unet.UNet.set_attention_slice\ndef set_attention_slice(self, slice_size="auto"):\n'
    ),
    fixable=True,
    fix=(
        "Transformers flavor: rewrites the copy from its source, signature included, as the reference does.\n"
        "Diffusers flavor: no fix (its reference never touches the `def` line, and a drifted one can be\n"
        "deliberate, such as a copy turned into a `@staticmethod`): edit the signature or the marker."
    ),
)

SOURCE_UNAVAILABLE = Rule(
    code="CPY010",
    name="copy-source-unavailable",
    depends_on=("source_path",),
    summary="A `# Copied from` marker names a package that is neither in this repository nor installed.",
    why=(
        "A marker whose first name is not a configured root (`[tool.repo-lint.copies] roots`, by default the\n"
        "`package`) names a package outside the repository. When that package is installed in the Python\n"
        "environment repo-lint runs in, the copy is compared with the installed source (found without\n"
        "importing it; those files are read, never written: a fix rewrites only the copy). When it is not,\n"
        "the copy cannot be checked; the reference script ignores such a marker and passes in silence.\n"
        "Often the prefix is a typo (`models.` or `transformer.` for `transformers.`): the message names\n"
        "the marker the repository can resolve. Otherwise install the package in the environment that runs\n"
        "repo-lint (a custom-model repository that copies from `transformers` needs `transformers`).\n"
        "Only a comment reading `# Copied from <package>.<module>.<object>` (identifiers only) is a marker;\n"
        "`# Copied from https://...` or `# Copied from the original repo` is prose. A marker whose prefix is\n"
        "a root, but not the root of the file it is in (a `tests.` marker under `src/`), stays out of scope."
    ),
    bad="# Copied from models.bert.modeling_bert.BertPooler with Bert->Roberta\nclass RobertaPooler(nn.Module): ...\n",
    good=(
        "# Copied from mylib.models.bert.modeling_bert.BertPooler with Bert->Roberta\n"
        "class RobertaPooler(nn.Module): ...\n"
    ),
)

RULES = (
    COPY_DRIFT,
    SOURCE_MISSING,
    BAD_PATTERN,
    COPY_CYCLE,
    UNSUPPORTED,
    FULL_COPY_DRIFT,
    DECORATOR_DRIFT,
    SIGNATURE_DRIFT,
    SOURCE_UNAVAILABLE,
)
