"""The PIP rules and their documentation (`repo-lint explain PIP001`)."""

from repo_lint.cases import invalid, valid
from repo_lint.diagnostics import Diagnostic, Rule

PIPELINES = "src/pkg/pipelines/__init__.py"
METADATA = "utils/update_metadata.py"
CONFIG = f'[tool.repo-lint.pipelines]\npipelines-file = "{PIPELINES}"\nmetadata-file = "{METADATA}"\n'
IMPORTS = (  # the generated overloads name the pipeline classes: the module must import them
    "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
    "    from .audio_classification import AudioClassificationPipeline\n"
    "    from .base import Pipeline\n    from .fill_mask import FillMaskPipeline\n\n"
)
TABLE = IMPORTS + (
    "SUPPORTED_TASKS = {\n"
    '    "fill-mask": {"impl": "pkg.pipelines.fill_mask.FillMaskPipeline", "pt": (AutoModelForMaskedLM,)},\n'
    '    "audio-classification": {\n'
    '        "impl": "pkg.pipelines.audio_classification.AudioClassificationPipeline",\n'
    '        "pt": (AutoModelForAudioClassification,) if is_torch_available() else (),\n'
    "    },\n"
    "}\n"
)
HEADER = "\n\n# <generated-code>\n# fmt: off\n# generated from `pipeline` below\n\n"
HEADER += "from typing import Literal, overload\n\n\n"
FOOTER = "# end of the generated part\n# fmt: on\n# </generated-code>\n"
PIPELINE = "\n\ndef pipeline(\n    task: str | None = None,\n    model: str | None = None,\n) -> Pipeline:\n    pass\n"


def _overload(task: str, kind: str) -> str:
    return f"@overload\ndef pipeline(task: Literal[{task}], model: str | None = None) -> {kind}: ...\n"


NONE = _overload("None", "Pipeline")
AUDIO = _overload('"audio-classification"', "AudioClassificationPipeline")
FILL = _overload('"fill-mask"', "FillMaskPipeline")
CLEAN = TABLE + HEADER + NONE + AUDIO + FILL + FOOTER + PIPELINE
PACKAGE = {"src/pkg/__init__.py": ""}


def _metadata(*rows: str) -> str:
    return "PIPELINE_TAGS_AND_AUTO_MODELS = [\n" + "".join(f"    {row},\n" for row in rows) + "]\n"


FILL_ROW = '("fill-mask", "MODEL_FOR_MASKED_LM_MAPPING_NAMES", "AutoModelForMaskedLM")'
AUDIO_ROW = (
    '("audio-classification", "MODEL_FOR_AUDIO_CLASSIFICATION_MAPPING_NAMES", "AutoModelForAudioClassification")'
)
_PIPELINES_FILE = (
    "\n\nThe module is `pipelines-file` (empty, the default, or absent: nothing is checked; the `transformers`\n"
    "preset sets `src/transformers/pipelines/__init__.py`) and its table `task-table` (default\n"
    "`SUPPORTED_TASKS`), read with `ast`: a literal dict of task -> {`impl`: the pipeline class or its dotted\n"
    "path, `pt`: its auto classes}."
)

OVERLOADS_STALE = Rule(
    code="PIP001",
    message="the `pipeline()` overloads are not what the task table gives: {what}",
    name="pipeline-overloads-stale",
    fixable=True,
    summary="The generated `pipeline()` overloads do not follow the task table and `pipeline()`'s signature.",
    why=(
        "Between `# <generated-code>` and `# </generated-code>`, the pipelines module holds one `@overload` of\n"
        '`pipeline()` per task, so that type checkers know `pipeline("fill-mask")` returns a\n'
        "`FillMaskPipeline`: first `task: Literal[None]` returning the base class, then every task of the table\n"
        "sorted by name, each with `pipeline()`'s own signature (on one line) and its task's `impl` class. A new\n"
        "task, a renamed class or a new parameter of `pipeline()` leaves them stale. The fix writes them again\n"
        "and keeps the block's comments as they are (`utils/check_pipeline_typing.py --fix_and_overwrite` writes\n"
        "its own header and footer)." + _PIPELINES_FILE
    ),
    fix=(
        "Writes the overloads again from the task table and `pipeline()`'s signature, between the block's own\n"
        "comments. The classes they name must be imported in the module (under `if TYPE_CHECKING:`): a fix\n"
        "that would leave one undefined is not written."
    ),
    cases=(
        invalid(
            {PIPELINES: TABLE + HEADER + NONE + AUDIO + FOOTER + PIPELINE, **PACKAGE},
            line=28,
            config=CONFIG,
            note="missing-task",
            fixed={PIPELINES: CLEAN},
        ),
        invalid(
            {
                PIPELINES: TABLE + HEADER + NONE + AUDIO + FILL.replace("FillMask", "Fill") + FOOTER + PIPELINE,
                **PACKAGE,
            },
            line=29,
            config=CONFIG,
            note="wrong-class",
            fixed={PIPELINES: CLEAN},
        ),
        invalid(
            {
                PIPELINES: CLEAN.replace(
                    "    model: str | None = None,\n)", "    model: str | None = None,\n    x: int = 0,\n)"
                ),
                **PACKAGE,
            },
            line=25,
            config=CONFIG,
            note="new-parameter",
        ),
        valid({PIPELINES: CLEAN, **PACKAGE}, config=CONFIG, note="clean"),
    ),
)

TASK_NOT_IN_METADATA = Rule(
    code="PIP002",
    message=(
        "task `{task}` is not in `{table}` of `{script}`, and no entry there has its auto class `{auto_class}`: "
        "add a (task, mapping, auto class) entry"
    ),
    name="pipeline-task-not-in-metadata",
    depends_on=("metadata",),
    summary="A pipeline task has no entry in the metadata table the Hub's pipeline tags are built from.",
    why=(
        "`utils/update_metadata.py` publishes, for every model class, its pipeline tag and auto class, from its\n"
        "`PIPELINE_TAGS_AND_AUTO_MODELS` list; a task missing from it (by name, or by its first `pt` auto\n"
        "class) gets no models on the Hub. The script is `metadata-file` and its list `metadata-table`; nothing\n"
        "is reported when the file does not exist (a released tree ships no `utils/`). A task with no `pt`\n"
        "class needs no entry." + _PIPELINES_FILE
    ),
    cases=(
        invalid({PIPELINES: CLEAN, METADATA: _metadata(FILL_ROW), **PACKAGE}, line=10, config=CONFIG, note="missing"),
        valid({PIPELINES: CLEAN, METADATA: _metadata(FILL_ROW, AUDIO_ROW), **PACKAGE}, config=CONFIG, note="listed"),
        valid(
            {
                PIPELINES: CLEAN,
                METADATA: _metadata(FILL_ROW, AUDIO_ROW.replace('"audio-classification"', '"audio-tagging"')),
                **PACKAGE,
            },
            config=CONFIG,
            note="auto-class-listed-under-another-tag",
        ),
        valid({PIPELINES: CLEAN, **PACKAGE}, config=CONFIG, note="no-metadata-script"),
    ),
)

NOT_CHECKABLE = Rule(
    code="PIP003",
    message="{reason}",
    name="pipelines-not-checkable",
    summary="The task table, the generated overloads or the metadata table cannot be read statically.",
    why=(
        "PIP001 and PIP002 read literals: a task table built by code, changed after its definition, or a\n"
        "generated block that is missing cannot be checked without running the module, which repo-lint never\n"
        "does. Rather than passing in silence, it says so." + _PIPELINES_FILE
    ),
    cases=(
        invalid(
            {PIPELINES: CLEAN + 'SUPPORTED_TASKS["x"] = {}\n', **PACKAGE}, line=8, config=CONFIG, note="changed-later"
        ),
        invalid({PIPELINES: TABLE + PIPELINE, **PACKAGE}, line=1, config=CONFIG, note="no-generated-block"),
        valid({PIPELINES: CLEAN, **PACKAGE}, config=CONFIG, note="clean"),
    ),
)

RULES = (OVERLOADS_STALE, TASK_NOT_IN_METADATA, NOT_CHECKABLE)


def cannot_check(path: str, line: int, reason: str) -> Diagnostic:
    return Diagnostic(NOT_CHECKABLE.code, path, line, 1, NOT_CHECKABLE.message.format(reason=reason))
