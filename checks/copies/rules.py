"""The CPY rules and their documentation (`repo-lint explain CPY001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Rule

BERT = "src/pkg/models/bert/modeling_bert.py"
ROBERTA = "src/pkg/models/roberta/modeling_roberta.py"
CAMEMBERT = "src/pkg/models/camembert/modeling_camembert.py"
MARKER = "# Copied from pkg.models.bert.modeling_bert.BertPooler with Bert->Roberta\n"
POOLER = (
    "class BertPooler(nn.Module):\n"
    "    def forward(self, hidden_states):\n"
    "        return self.activation(self.dense(hidden_states[:, 0]))\n"
)
SOURCE = {BERT: POOLER}
COPY = MARKER + POOLER.replace("Bert", "Roberta")  # the copy as `make fix-copies` writes it
DRIFTED = COPY.replace("[:, 0]", "[:, 1]")  # its line 4 differs from the source
# A copy of a copy (CPY001).
CAMEMBERT_COPY = (
    "# Copied from pkg.models.roberta.modeling_roberta.RobertaPooler with Roberta->Camembert\n"
    + POOLER.replace("Bert", "Camembert")
)
# A source with two methods and a copy that keeps its own `forward` (`# Ignore copy`, CPY001).
WITH_INIT = POOLER.replace(
    "    def forward",
    "    def __init__(self, config):\n        self.dense = nn.Linear(config.hidden_size, config.hidden_size)\n\n"
    "    def forward",
)
IGNORED = MARKER + WITH_INIT.replace("Bert", "Roberta").replace("    def forward", "    # Ignore copy\n    def forward")
IGNORED = IGNORED.replace("[:, 0]", "[:, -1]")
# A method copied from a class of another file (CPY002, CPY007).
LAYER = {
    BERT: "class BertEmbeddings(nn.Module):\n    def forward(self, input_ids):\n"
    "        return self.embed(input_ids)\n\n\n"
    "class BertLayer(nn.Module):\n    def feed_forward(self, attention_output):\n"
    "        return self.output(self.intermediate(attention_output))\n"
}
LAYER_MARKER = "    # Copied from pkg.models.bert.modeling_bert.{cls}.feed_forward\n"
FEED = (
    "    def feed_forward(self, attention_output):\n        return self.output(self.intermediate(attention_output))\n"
)
MODEL = {
    BERT: "class BertModel(nn.Module):\n    def generate(self, input_ids):\n        return self.forward(input_ids)\n"
}
GENERATE_MARKER = "    # Copied from pkg.models.bert.modeling_bert.BertModel.generate\n"
GENERATE = "    def generate(self, input_ids):\n        return self.forward(input_ids)\n"
# A function copied with its signature (CPY008).
GELU_BODY = (
    'def gelu(hidden_states, approximate="none"):\n'
    "    return nn.functional.gelu(hidden_states, approximate=approximate)\n"
)
GELU = {BERT: GELU_BODY}
GELU_COPY = "# Copied from pkg.models.bert.modeling_bert.gelu\n" + GELU_BODY
# Whole files kept identical (CPY006, CPY002).
QA_SOURCE = "examples/pytorch/utils_qa.py"
QA_COPY = "examples/flax/utils_qa.py"
PACKAGE = {"src/pkg/__init__.py": ""}  # the configured package folder must exist
QA = "def postprocess_qa_predictions(examples):\n    return examples\n"
FULL_COPIES = f'[tool.repo-lint.copies]\nfull-copies = {{ "{QA_COPY}" = "{QA_SOURCE}" }}\n'


def _copy(text: str) -> dict[str, str]:
    """The Roberta file holding `text`, then the Bert source it copies from."""
    return {ROBERTA: text, **SOURCE}


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
    message=(
        "copy of `{target}` does not match its source `{source}`\n"
        "copy of `{target}` does not match its source `{source}` (its source is itself a copy: it is fixed first)\n"
        "copy of `{target}` does not match its source `{source}`; not fixable until the marker's replacements are "
        "readable (CPY003)\n"
        "copy of `{target}` does not match its source `{source}` (its source is itself a copy: it is fixed first); "
        "not fixable until the marker's replacements are readable (CPY003)"
    ),
    cases=(
        invalid(_copy(DRIFTED), line=4, note="drifted-line", fixed={ROBERTA: COPY}),
        valid(_copy(COPY), note="replacements-applied"),
        valid(_copy(COPY.replace("    def forward", "\n    def forward")), note="blank-lines-do-not-count"),
        valid({ROBERTA: IGNORED, BERT: WITH_INIT}, note="ignore-copy-block"),
        invalid(
            {ROBERTA: IGNORED.replace("nn.Linear", "nn.LazyLinear"), BERT: WITH_INIT},
            line=4,
            note="fix-keeps-ignore-copy-block",
            fixed={ROBERTA: IGNORED},
        ),
        invalid(
            _copy(DRIFTED.replace("Bert->Roberta", "Bert->Roberta, pooler -> head")),
            line=4,
            note="piece-the-reference-skips-is-skipped-by-the-unsafe-fix-too",
            unsafe_fixed=_copy(COPY.replace("Bert->Roberta", "Bert->Roberta, pooler -> head")),
        ),
        invalid(
            {CAMEMBERT: CAMEMBERT_COPY, **_copy(DRIFTED)},
            line=4,
            note="copy-of-a-drifted-copy",
            fixed={ROBERTA: COPY, CAMEMBERT: CAMEMBERT_COPY},
        ),
    ),
    fixable=True,
    fix=(
        "Rewrites the copy from its source (replacements applied, formatted like `make fix-copies`), keeping\n"
        "the copy's name and its `# Ignore copy` blocks; copies of copies are fixed after their source.\n"
        "When the marker has a piece the reference skips (CPY003: spaces around `->`), the fix is the\n"
        "reference's, the source without that piece, and unsafe: it ignores what the marker meant."
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
        "same-named method of a later class). A marker that points nowhere checks nothing. A `full-copies`\n"
        "entry whose source file does not exist is reported here too, on the copy."
    ),
    message=(
        "`{target}`: `{name}` is not defined in `{scope}`\n"
        "`{target}`: `{name}` is not defined in `{scope}` (did you mean `{close}`?)\n"
        "`{target}`: no module of `{prefix}` (under `{folder}/`) matches any prefix of this name\n"
        "`{target}`: `{module}` cannot be read\n"
        "`{target}`: no module of the installed package `{prefix}` (at `{where}`) matches any prefix of this name, "
        "or it cannot be read\n"
        "full copy of `{source}`, which does not exist"
    ),
    cases=(
        invalid(_copy(COPY.replace("BertPooler", "BertPoler")), line=1, note="misspelt-name"),
        valid(_copy(COPY), note="existing-name"),
        invalid(
            {
                ROBERTA: "class RobertaLayer(nn.Module):\n" + LAYER_MARKER.format(cls="BertEmbeddings") + FEED,
                **LAYER,
            },
            line=2,
            note="method-of-another-class",
        ),
        valid(
            {
                ROBERTA: "class RobertaLayer(nn.Module):\n" + LAYER_MARKER.format(cls="BertLayer") + FEED,
                **LAYER,
            },
            note="method-of-its-class",
        ),
        invalid(
            _copy(COPY.replace("models.bert.modeling_bert", "models.bert.modelling_bert")), line=1, note="no-module"
        ),
        invalid(
            {QA_COPY: QA, **PACKAGE},
            line=1,
            note="full-copy-source-missing",
            config=FULL_COPIES,
        ),
    ),
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
    message=(
        "in the marker for `{target}`: `{piece}` is not a replacement `A->B`\n"
        "in the marker for `{target}`: `{piece}` is not a replacement `A->B` (write it without spaces around `->`)\n"
        "in the marker for `{target}`: `{piece}` is not applied: {reason}\n"
        "in the marker for `{target}`: unknown option `{option}` in `{piece}` (only `all-casing` exists; "
        "`{replacement}` is applied and the rest ignored)\n"
        "in the marker for `{target}`: the replacements are not introduced by `with` (applied anyway)\n"
        "in the marker for `{target}`: empty replacement between commas"
    ),
    cases=(
        invalid(
            _copy(COPY.replace("Bert->Roberta", "Bert->Roberta, pooler -> head")),
            line=1,
            note="spaces-around-arrow",
            unsafe_fixed=_copy(COPY),
        ),
        valid(_copy(COPY), note="readable"),
        invalid(_copy(COPY.replace("Bert->Roberta", "(Bert)+->Roberta")), line=1, note="unbounded-pattern"),
        valid(_copy(COPY.replace("Bert->Roberta", "B.rt->Roberta")), note="bounded-pattern"),
        invalid(_copy(COPY.replace("Bert->Roberta", "Bert->Roberta all-cases")), line=1, note="unknown-option"),
        invalid(_copy(COPY.replace("with Bert->Roberta", "Bert->Roberta")), line=1, note="no-with"),
        invalid(_copy(COPY.replace("Bert->Roberta", "Bert->Roberta,")), line=1, note="trailing-comma"),
    ),
    fixable=True,
    fix=(
        "Unsafe: for a piece the reference skips (spaces around `->`, an empty piece), drops it from the marker,\n"
        "which then says what is checked. If the piece was the intent, write it without spaces instead and fix\n"
        "the copy. Meanwhile a drifted copy is fixed as the reference fixes it: from the source, without it."
    ),
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
    message=(
        "`{target}` names this copy itself (or a definition containing or contained in it): a copy needs a "
        "different source\n"
        "copies form a cycle: {names} -> ..."
    ),
    cases=(
        invalid(
            {BERT: "# Copied from pkg.models.bert.modeling_bert.BertPooler\n" + POOLER},
            line=1,
            note="copy-of-itself",
        ),
        valid({BERT: POOLER}, note="the-original-has-no-marker"),
        invalid(
            {
                BERT: "# Copied from pkg.models.roberta.modeling_roberta.RobertaPooler with Roberta->Bert\n" + POOLER,
                ROBERTA: COPY,
            },
            line=1,
            note="two-copies-of-each-other",
        ),
        valid(_copy(COPY), note="one-way"),
    ),
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
    message=(
        "`# Copied from {target}` is not directly above a class or function definition, so nothing is checked\n"
        "the code expected from `{target}` after the replacements does not parse, so the copy cannot be checked\n"
        "the code expected from `{target}` after the replacements does not parse, so the copy cannot be checked: "
        "{error}"
    ),
    cases=(
        invalid(_copy(COPY.replace(MARKER, MARKER + "\n")), line=1, note="blank-line-after-marker"),
        valid(_copy(COPY), note="directly-above"),
        valid(
            {ROBERTA: COPY.replace(MARKER, MARKER + "@auto_docstring\n"), BERT: "@auto_docstring\n" + POOLER},
            note="decorators-between",
        ),
        invalid(
            _copy(COPY.replace("Roberta", "XLMRoberta").replace("Bert->XLMRoberta", "Bert->XLM-Roberta")),
            line=1,
            note="replacement-breaks-syntax",
        ),
    ),
)

FULL_COPY_DRIFT = Rule(
    code="CPY006",
    name="full-copy-drift",
    depends_on=("source_path",),
    summary="A file configured as a full copy of another file differs from it.",
    why=(
        "`[tool.repo-lint.copies] full-copies` lists files that must stay byte-identical to a source file\n"
        "(Transformers keeps example utilities this way). The finding points at the first line that differs;\n"
        "a listed copy that is not in the tree is skipped (a preset's entry for another layout)."
    ),
    message="full copy of `{source}` differs from it",
    cases=(
        invalid(
            {QA_COPY: QA.replace("return examples", "return list(examples)"), QA_SOURCE: QA, **PACKAGE},
            line=2,
            note="edited-copy",
            config=FULL_COPIES,
            fixed={QA_COPY: QA},
        ),
        valid({QA_COPY: QA, QA_SOURCE: QA, **PACKAGE}, note="identical", config=FULL_COPIES),
        valid({QA_SOURCE: QA, **PACKAGE}, note="copy-not-in-this-tree", config=FULL_COPIES),
    ),
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
    message="decorators of the copy of `{target}` differ from its source: {difference}",
    cases=(
        invalid(
            {
                ROBERTA: "class RobertaModel(nn.Module):\n    @torch.no_grad()\n" + GENERATE_MARKER + GENERATE,
                **MODEL,
            },
            line=4,  # the def line: the decorator sits above the marker
            note="added-decorator",
            unsafe_fixed={ROBERTA: "class RobertaModel(nn.Module):\n" + GENERATE_MARKER + GENERATE},
        ),
        valid(
            {ROBERTA: "class RobertaModel(nn.Module):\n" + GENERATE_MARKER + GENERATE, **MODEL},
            note="same-decorators",
        ),
        invalid(
            {
                ROBERTA: "class RobertaModel(nn.Module):\n" + GENERATE_MARKER + GENERATE,
                BERT: MODEL[BERT].replace("    def generate", "    @torch.no_grad()\n    def generate"),
            },
            line=3,
            note="missing-decorator",
        ),
        valid(
            {
                ROBERTA: "class RobertaModel(nn.Module):\n    @add_start_docstrings(ROBERTA_GENERATE_DOCSTRING)\n"
                + GENERATE_MARKER
                + GENERATE,
                **MODEL,
            },
            note="ignore-decorators",
            config='[tool.repo-lint.copies]\nignore-decorators = ["add_start_docstrings"]\n',
        ),
        valid(
            {
                ROBERTA: "class RobertaBlock:\n    @staticmethod\n"
                + GENERATE_MARKER.replace("\n", " with self->components\n")
                + GENERATE.replace("self", "components"),
                **MODEL,
            },
            note="method-copied-as-staticmethod-taking-the-instance",
        ),
        invalid(
            {
                ROBERTA: "class RobertaBlock:\n    @staticmethod\n"
                + GENERATE_MARKER.replace("\n", " with self->components\n")
                + GENERATE.replace("self", "components"),
                BERT: "import torch\n\n\n"
                + MODEL[BERT].replace("    def generate", "    @torch.no_grad()\n    def generate"),
            },
            line=4,
            note="staticmethod-copy-keeps-its-staticmethod-when-fixed",
            unsafe_fixed={
                ROBERTA: "import torch\n\n\nclass RobertaBlock:\n"
                + GENERATE_MARKER.replace("\n", " with self->components\n")
                + "    @staticmethod\n    @torch.no_grad()\n"
                + GENERATE.replace("self", "components")
            },
        ),
    ),
    fixable=True,
    fix=(
        "Unsafe (a decorator changes what the code does): writes the source's decorators (replacements\n"
        "applied) above the copy, below its comments, when each decorator is one line and none is ignored.\n"
        "A method copied as a `@staticmethod` whose first parameter stands for the instance (Diffusers'\n"
        "modular pipeline blocks) is deliberate: that `@staticmethod` is not a drift."
    ),
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
    message=(
        "signature of the copy of `{target}` differs from its source `{source}`: {difference}\n"
        "signature of the copy of `{target}` differs from its source `{source}` (its source is itself a copy: it is "
        "fixed first): {difference}\n"
        "signature of the copy of `{target}` differs from its source `{source}`; not fixable until the marker's "
        "replacements are readable (CPY003): {difference}\n"
        "signature of the copy of `{target}` differs from its source `{source}` (its source is itself a copy: it is "
        "fixed first); not fixable until the marker's replacements are readable (CPY003): {difference}"
    ),
    cases=(
        invalid(
            {ROBERTA: GELU_COPY.replace('approximate="none"', "approximate"), **GELU},
            line=2,
            note="default-dropped",
            fixed={ROBERTA: GELU_COPY},
        ),
        valid({ROBERTA: GELU_COPY, **GELU}, note="same-signature"),
        valid({ROBERTA: GELU_COPY.replace("def gelu", "def roberta_gelu"), **GELU}, note="own-name-may-differ"),
        invalid(
            {ROBERTA: GELU_COPY.replace('approximate="none"', "approximate"), **GELU},
            line=2,
            note="diffusers-flavor-lost-default-restored",
            config='[tool.repo-lint.copies]\nflavor = "diffusers"\n',
            fixed={ROBERTA: GELU_COPY},
        ),
        invalid(
            {ROBERTA: GELU_COPY.replace('approximate="none"', 'approximate="tanh"'), **GELU},
            line=2,
            note="diffusers-flavor-changed-default-is-unsafe",
            config='[tool.repo-lint.copies]\nflavor = "diffusers"\n',
            unsafe_fixed={ROBERTA: GELU_COPY},
        ),
        valid(
            {
                ROBERTA: "class RobertaBlock:\n    @staticmethod\n"
                + GENERATE_MARKER.replace("\n", " with self->components\n")
                + GENERATE.replace("self", "components"),
                **MODEL,
            },
            note="method-copied-as-staticmethod-taking-the-instance",
            config='[tool.repo-lint.copies]\nflavor = "diffusers"\n',
        ),
    ),
    fixable=True,
    fix=(
        "Transformers flavor: rewrites the copy from its source, header included, as the reference does\n"
        "(a safe fix: the header is part of the copy there). Diffusers flavor (its reference never touches\n"
        "the header): rewrites the header line alone, safe when the drift cannot change a call: annotations,\n"
        "the same header written another way, a default value the copy lost. A parameter added, lost,\n"
        "renamed or reordered, a default changed or added, `async` or base classes: unsafe, applied with\n"
        "`--unsafe-fixes`. A method copied as a `@staticmethod` whose first parameter stands for the\n"
        "instance (`def get_timesteps(components, ...)`) may name that parameter as it likes."
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
    message=(
        "`# Copied from {target}`: package `{prefix}` is neither in this repository nor installed; the copy is not "
        "checked\n"
        "`# Copied from {target}`: package `{prefix}` is neither in this repository nor installed (did you mean "
        "`{marker}`?); the copy is not checked\n"
        "`# Copied from {target}`: package `{prefix}` is in this repository but not configured for copies (set "
        "`package` and `source` in [tool.repo-lint], or `roots` in [tool.repo-lint.copies]); the copy is not checked"
    ),
    cases=(
        invalid(_copy(COPY.replace("# Copied from pkg.", "# Copied from ")), line=1, note="missing-package-prefix"),
        valid(_copy(COPY), note="package-prefix"),
        invalid(
            {ROBERTA: "# Copied from acme_layers.pooling.AcmePooler\n" + POOLER.replace("Bert", "Roberta")},
            line=1,
            note="not-installed",
        ),
        invalid(
            {
                ROBERTA: "# Copied from legacy.pooling.Pooler\n" + POOLER.replace("Bert", "Roberta"),
                "src/legacy/__init__.py": "",
                "src/legacy/pooling.py": POOLER.replace("BertPooler", "Pooler"),
            },
            line=1,
            note="second-package-not-configured",
        ),
        valid(
            {
                ROBERTA: "# Copied from legacy.pooling.Pooler\n" + POOLER.replace("Bert", "Roberta"),
                "src/legacy/__init__.py": "",
                "src/legacy/pooling.py": POOLER.replace("BertPooler", "Pooler"),
            },
            note="second-package-as-root",
            config='[tool.repo-lint.copies]\nroots = { pkg = "src/pkg", legacy = "src/legacy" }\n',
        ),
        valid(
            _copy(
                COPY.replace(
                    "# Copied from pkg.models.bert.modeling_bert.BertPooler with Bert->Roberta",
                    "# Copied from https://github.com/google-research/bert",
                )
            ),
            note="prose-not-a-marker",
        ),
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
