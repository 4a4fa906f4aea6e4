"""Named presets: the defaults (and the reference scripts' hard-coded allow-lists) of known libraries."""

from __future__ import annotations

from typing import Any

from repo_lint.preset_transformers_docstrings import CHECKPOINT_NOT_REQUIRED, DOCSTRINGS_NOT_CHECKED
from repo_lint.preset_transformers_models import IGNORE_NON_AUTO_CONFIGURED, IGNORED_MODELING_MODULES
from repo_lint.preset_transformers_naming import NAMING_IGNORE_CLASSES

# Model classes Transformers does not export (the reference `check_repo.py` PRIVATE_MODELS, measured on 5.23.0).
TRANSFORMERS_PRIVATE_MODELS = frozenset(
    """
    AltRobertaModel BltGlobalTransformer BridgeTowerTextModel BridgeTowerVisionModel DPRSpanPredictor
    EvollaSaProtPreTrainedModel GroupViTTextTransformer Idefics2PerceiverResampler Idefics2VisionTransformer
    Kosmos2TextForCausalLM Kosmos2TextModel Kosmos2TextTransformer Kosmos2VisionModel Kosmos2VisionTransformer
    Kosmos2_5TextForCausalLM Kosmos2_5TextModel Kosmos2_5TextTransformer Kosmos2_5VisionModel LongT5Stack
    MT5Stack Ovis2VisionModel OwlViTTextTransformer OwlViTVisionTransformer Owlv2TextTransformer
    Owlv2VisionTransformer PeAudioPreTrainedModel PeAudioVideoPreTrainedModel PeVideoPreTrainedModel
    Pop2PianoStack Qwen2VisionTransformerPretrainedModel SeamlessM4Tv2CodeHifiGan
    SeamlessM4Tv2TextToUnitForConditionalGeneration SeamlessM4Tv2TextToUnitModel SwitchTransformersStack
    T5Stack UMT5Stack UdopStack VoxtralRealtimeTextModel VoxtralRealtimeTextPreTrainedModel
    """.split()
)


PRESETS: dict[str, dict[str, Any]] = {
    "transformers": {
        # The style rules predate the existing tree: applied to changed files only (`--changed-since`).
        "top": {
            "package": "transformers",
            "source": "src/transformers",
            "changed-only": ["NAM003", "NAM004", "NAM005"],
        },
        "sections": {
            "copies": {
                # Transformers checks `transformers.` markers in the library and `tests.` markers in tests/.
                "roots": {"transformers": "src/transformers", "tests": "tests"},
                "flavor": "transformers",
                # Docstring decorators carry per-model text by design.
                "ignore-decorators": [
                    "auto_docstring",
                    "add_start_docstrings",
                    "add_start_docstrings_to_model_forward",
                    "replace_return_docstrings",
                    "add_code_sample_docstrings",
                ],
                # utils/check_copies.py FULL_COPIES
                "full-copies": {
                    "examples/tensorflow/question-answering/utils_qa.py": (
                        "examples/pytorch/question-answering/utils_qa.py"
                    ),
                    "examples/flax/question-answering/utils_qa.py": "examples/pytorch/question-answering/utils_qa.py",
                },
            },
            "inits": {
                "backend-key-order": "sorted",
                # utils/check_inits.py IGNORE_SUBMODULES
                "ignore-submodules": [
                    "convert_pytorch_checkpoint_to_tf2",
                    "modeling_flax_pytorch_utils",
                    "models.esm.openfold_utils",
                    "modeling_attn_mask_utils",
                    "safetensors_conversion",
                    "modeling_gguf_pytorch_utils",
                    "kernels.falcon_mamba",
                    "kernels",
                ],
                "isort-flavor": "transformers",
                "model-folders": ["src/transformers/models"],
                "private-models": sorted(TRANSFORMERS_PRIVATE_MODELS),
            },
            "auto": {
                "mapping-files": ["src/transformers/models/auto/*.py"],
                "deprecated-folder": "src/transformers/models/deprecated",
                "models-folder": "src/transformers/models",
                # Tokenizer-only models: TOKENIZER_MAPPING_NAMES serves them by name; they reuse other configs.
                "non-config-keys": [
                    "EvollaModel",
                    "barthez",
                    "bartpho",
                    "bert-japanese",
                    "bertweet",
                    "byt5",
                    "code_llama",
                    "cpm",
                    "herbert",
                    "mbart50",
                    "mega",
                    "mluke",
                    "myt5",
                    "nezha",
                    "nllb",
                    "phobert",
                    "qdqbert",
                    "realm",
                    "retribert",
                    "wav2vec2_phoneme",
                ],
                "unmapped-models": sorted(set(IGNORE_NON_AUTO_CONFIGURED)),
                "unchecked-modules": IGNORED_MODELING_MODULES,
            },
            "dummies": {
                "flavor": "transformers",
                "init-half": "structure",
                # import_utils.BACKENDS_MAPPING spells this backend with a dash
                "backend-names": {"mistral_common": "mistral-common"},
            },
            "toc": {
                # Folders documented under another page name: `openai` -> `openai-gpt.md`, `mbart50` in `mbart.md`.
                "ignore-models": ["mbart50", "openai"],
            },
            # Transformers' `forward` docs are written by `@auto_docstring` at import time (its own
            # `check_docstrings.py` / `check_auto_docstrings.py` import the library); there are no
            # ModelMixin / DiffusionPipeline classes. Only the placeholders (DOC004) are looked for.
            "docstrings": {
                "forward-folders": [],
                "call-folders": [],
                "public-inits": ["{source}/__init__.py"],
                # utils/check_repo.py `ignore_undocumented`: objects not documented on purpose.
                "public-ignore-suffixes": ["PreTrainedModel", "Decoder", "Encoder", "Layer", "Embeddings", "Attention"],
                "public-ignore-prefixes": ["Blt"],
                # utils/check_docstrings.py OBJECTS_TO_IGNORE (docstrings not fixed yet upstream).
                "ignore": DOCSTRINGS_NOT_CHECKED,
                "config-checkpoints": True,
                "checkpoint-ignore": CHECKPOINT_NOT_REQUIRED,
                "checkpoint-skip-folders": ["{source}/models/deprecated"],
            },
            # STR: measured on 5.23.0. Exempt: deliberate designs and upstream allow-lists; every other finding
            # is a real deviation, listed with its reason in tests/realtree_expected_structure.py.
            "structure": {
                "exempt": {
                    # Evolla embeds the external SaProt protein encoder with its own config; transformers-mlinter
                    # TRF001 allow-lists qwen3_omni_moe (the thinker's text part reuses Qwen3OmniMoeTextConfig).
                    "STR001": ["EvollaSaProtPreTrainedModel", "Qwen3OmniMoeThinkerTextPreTrainedModel"],
                    # An empty prefix on purpose: its checkpoints have no base-model prefix (mlinter TRF002 allow-list).
                    "STR002": ["LightOnOcrModel"],
                    # Deprecated aliases of the renamed Ernie4_5_VLMoe classes: one-line shims until removal.
                    "STR004": [
                        "Ernie4_5_VL_MoeForConditionalGeneration",
                        "Ernie4_5_VL_MoeModel",
                        "Ernie4_5_VL_MoeTextModel",
                        "Ernie4_5_VL_MoeVisionTransformerPretrainedModel",
                    ],
                },
            },
            # NAM003-NAM005 are style rules the released tree predates: meant for changed files only (`changed-only`).
            # NAM003-NAM005 skip modular-generated files (default `generated-marker`) and check the modular source.
            "naming": {
                "ignore-folders": ["auto"],
                "file-kinds": [
                    "configuration_",
                    "modeling_",
                    "modeling_tf_",
                    "modeling_flax_",
                    "modular_",
                    "tokenization_",
                    "image_processing_",
                    "image_processing_pil_",
                    "video_processing_",
                    "feature_extraction_",
                    "processing_",
                    "generation_",
                    "generation_configuration_",
                    "retrieval_",
                    "convert_",
                ],
                # Helper modules released versions ship under these names (public import paths).
                "ignore-files": [
                    "clvp/number_normalizer.py",
                    "esm/modeling_esmfold.py",
                    "esmfold2/protein_utils.py",
                    "ibert/quant_modules.py",
                    "idefics/perceiver.py",
                    "idefics/vision.py",
                    "roformer/tokenization_utils.py",
                    "speecht5/number_normalizer.py",
                    "whisper/english_normalizer.py",
                ],
                # Measured on 5.23.0: output and deprecation shims named by convention, building blocks shared on
                # purpose across models (`# Copied from`, kernel-hub names), then names released models export.
                # Not listed, so reported: see tests/realtree_expected_naming.py.
                "ignore-classes": NAMING_IGNORE_CLASSES,
                # `attn` / `emb` name state-dict keys (`self_attn`, `rotary_emb`) of every reference model.
                "abbreviations": {
                    "act": "activation",
                    "bsz": "batch_size",
                    "cfg": "config",
                    "hid": "hidden",
                    "img": "image",
                    "imgs": "images",
                    "inp": "input",
                    "tmp": "temporary",
                    "txt": "text",
                },
                # The canonical config field and the activation attribute of the reference (Llama) models.
                "allowed-names": ["hidden_act", "*_hidden_act", "act_fn", "*_act_fn"],
            },
        },
    },
    "diffusers": {
        "top": {"package": "diffusers", "source": "src/diffusers"},
        "sections": {
            "copies": {
                # Diffusers checks `diffusers.` markers in the library only.
                "roots": {"diffusers": "src/diffusers"},
                "flavor": "diffusers",
                "ignore-decorators": ["replace_example_docstring"],
            },
            "inits": {
                "backend-key-order": "as-written",
                # Diffusers' check_submodules never ran (it walks src/transformers): no convention to enforce.
                "check-submodules": False,
                "ignore-submodules": ["convert_pytorch_checkpoint_to_tf2", "modeling_flax_pytorch_utils"],
                "isort-flavor": "diffusers",
            },
            "dummies": {"flavor": "diffusers", "init-half": "type_checking"},
            # Diffusers' auto-pipeline mappings hold the classes themselves, in a deliberate order (no
            # sort_auto_mappings script) and keyed by pipeline family, not by a config's model type.
            "auto": {
                "mapping-files": ["src/diffusers/pipelines/auto_pipeline.py", "src/diffusers/models/auto_model.py"],
                "sort": False,
                "key-checked-mappings": [],
            },
            # Diffusers sorts its Schedulers and Pipelines parts with its own rules (overview first) and has no
            # modality sections, doctest lists or one doc page per `models/` subfolder.
            "toc": {"models-part": [], "doctest-lists": [], "models-folder": ""},
            # utils/check_forward_call_docstrings.py checks that arguments are documented, not their order.
            "docstrings": {"check-order": False},
            # STR: Diffusers models derive from ModelMixin in `models/` (any file name); they have no `post_init`,
            # no `**kwargs` convention for `forward`, no config classes and no TensorFlow files.
            "structure": {
                "model-files": ["{source}/models/**/*.py"],
                # models/modeling_utils.py & co. are the library's own base classes (ModelMixin, LegacyModelMixin).
                "ignore-files": ["{source}/models/modeling_*.py"],
                "base-class": "ModelMixin",
                "config-files": [],
                "tf-files": [],
                "post-init": False,
                "forward-kwargs": False,
            },
            # Diffusers' `models/` is split by architecture family (`unets/`, `transformers/`), not one folder per
            # model, and has no config class per folder: NAM001/NAM002 do not apply. Its guide sets no naming style
            # rules either, so NAM003-NAM005 look at no file unless configured.
            "naming": {"models-folder": "", "style-files": [], "annotation-files": []},
        },
    },
}

NAMES = tuple(PRESETS)


def get(name: str) -> dict[str, Any]:
    return PRESETS.get(name, {})
