"""The `transformers` preset: every value repo-lint sets for Hugging Face Transformers, as data.

A data module, longer than the code modules on purpose: the lists are facts about Transformers, each with where
it comes from, either a constant of the reference scripts in Transformers' `utils/` (named as `check_repo.py
PRIVATE_MODELS`; where 5.23.0 needs more than the stored copy, the additions are measured and listed apart) or a
measurement on the released tree of transformers 5.23.0 (the release the real-tree tests check). `TOP` holds the
top-level settings; each check family has its own block below, collected in `SECTIONS` under the family's
section name (a new family only adds a block here). `repo_lint/presets/__init__.py` reads `TOP` and `SECTIONS`.
"""

from __future__ import annotations

from typing import Any

# =============================================================================================== private models
# Model classes Transformers keeps private, one list for every family that needs it, each entry with where it
# comes from (an entry can have both origins):
UPSTREAM = "check_repo.py PRIVATE_MODELS"  # the reference's "models that are supposed to be private"
NOT_EXPORTED = "measured on 5.23.0: not exported"  # a `PreTrainedModel` model class the release leaves out of `__all__`
#
# The two origins are read differently (derived in INITS and AUTO below):
# - INI (`private-models`: need not be in `__all__`) takes the NOT_EXPORTED entries only. The 22 UPSTREAM-only
#   entries are exported by 5.23.0 (`AriaTextModel`, `Qwen3VLVisionModel`, ...), are building blocks by name
#   (`BltLocalEncoder`) or are gone (`RealmBertModel`, `MolmoVisionModel`): as INI exemptions they would be dead
#   weight, which tests/test_model_folders.py (test_private_models_preset_has_no_stale_entry) refuses.
# - AUT (`unmapped-models`: need no auto mapping) takes every entry, as the reference builds its
#   IGNORE_NON_AUTO_CONFIGURED from PRIVATE_MODELS: a private model needs no auto mapping. (Of the NOT_EXPORTED-only
#   entries this adds, the `*PreTrainedModel` ones are skipped by AUT004 by name and `VoxtralRealtimeTextModel` is
#   mapped in 5.23.0, so the findings on the released tree are the same.)
PRIVATE_MODELS: dict[str, tuple[str, ...]] = {
    "AltRobertaModel": (UPSTREAM, NOT_EXPORTED),
    "AriaTextForCausalLM": (UPSTREAM,),
    "AriaTextModel": (UPSTREAM,),
    "BltGlobalTransformer": (UPSTREAM, NOT_EXPORTED),
    "BltLocalDecoder": (UPSTREAM,),
    "BltLocalEncoder": (UPSTREAM,),
    "BridgeTowerTextModel": (UPSTREAM, NOT_EXPORTED),
    "BridgeTowerVisionModel": (UPSTREAM, NOT_EXPORTED),
    "DPRSpanPredictor": (UPSTREAM, NOT_EXPORTED),
    "EvollaSaProtPreTrainedModel": (UPSTREAM, NOT_EXPORTED),
    "Glm4vMoeVisionModel": (UPSTREAM,),
    "Glm4vVisionModel": (UPSTREAM,),
    "GroupViTTextTransformer": (NOT_EXPORTED,),
    "Idefics2PerceiverResampler": (UPSTREAM, NOT_EXPORTED),
    "Idefics2VisionTransformer": (UPSTREAM, NOT_EXPORTED),
    "Idefics3VisionTransformer": (UPSTREAM,),
    "Kosmos2TextForCausalLM": (UPSTREAM, NOT_EXPORTED),
    "Kosmos2TextModel": (UPSTREAM, NOT_EXPORTED),
    "Kosmos2TextTransformer": (NOT_EXPORTED,),
    "Kosmos2VisionModel": (UPSTREAM, NOT_EXPORTED),
    "Kosmos2VisionTransformer": (NOT_EXPORTED,),
    "Kosmos2_5TextForCausalLM": (UPSTREAM, NOT_EXPORTED),
    "Kosmos2_5TextModel": (UPSTREAM, NOT_EXPORTED),
    "Kosmos2_5TextTransformer": (NOT_EXPORTED,),
    "Kosmos2_5VisionModel": (UPSTREAM, NOT_EXPORTED),
    "LongT5Stack": (UPSTREAM, NOT_EXPORTED),
    "MT5Stack": (UPSTREAM, NOT_EXPORTED),
    "MaskFormerSwinModel": (UPSTREAM,),
    "MaskFormerSwinPreTrainedModel": (UPSTREAM,),
    "MolmoAdapterModel": (UPSTREAM,),
    "MolmoTextPreTrainedModel": (UPSTREAM,),
    "MolmoVisionModel": (UPSTREAM,),
    "Ovis2VisionModel": (UPSTREAM, NOT_EXPORTED),
    "OwlViTTextTransformer": (NOT_EXPORTED,),
    "OwlViTVisionTransformer": (NOT_EXPORTED,),
    "Owlv2TextTransformer": (NOT_EXPORTED,),
    "Owlv2VisionTransformer": (NOT_EXPORTED,),
    "PeAudioPreTrainedModel": (NOT_EXPORTED,),
    "PeAudioVideoPreTrainedModel": (NOT_EXPORTED,),
    "PeVideoPreTrainedModel": (NOT_EXPORTED,),
    "Phi4MultimodalAudioModel": (UPSTREAM,),
    "Phi4MultimodalVisionModel": (UPSTREAM,),
    "Pop2PianoStack": (UPSTREAM, NOT_EXPORTED),
    "Qwen2AudioEncoder": (UPSTREAM,),
    "Qwen2VisionTransformerPretrainedModel": (UPSTREAM, NOT_EXPORTED),
    "Qwen2_5_VisionTransformerPretrainedModel": (UPSTREAM,),
    "Qwen3VLMoeVisionModel": (UPSTREAM,),
    "Qwen3VLVisionModel": (UPSTREAM,),
    "RealmBertModel": (UPSTREAM,),
    "SeamlessM4Tv2CodeHifiGan": (UPSTREAM, NOT_EXPORTED),
    "SeamlessM4Tv2TextToUnitForConditionalGeneration": (UPSTREAM, NOT_EXPORTED),
    "SeamlessM4Tv2TextToUnitModel": (UPSTREAM, NOT_EXPORTED),
    "Siglip2VisionTransformer": (UPSTREAM,),
    "SiglipVisionTransformer": (UPSTREAM,),
    "SmolVLMVisionTransformer": (UPSTREAM,),
    "SwitchTransformersStack": (UPSTREAM, NOT_EXPORTED),
    "T5Stack": (UPSTREAM, NOT_EXPORTED),
    "UMT5Stack": (UPSTREAM, NOT_EXPORTED),
    "UdopStack": (UPSTREAM, NOT_EXPORTED),
    "VoxtralRealtimeTextModel": (NOT_EXPORTED,),
    "VoxtralRealtimeTextPreTrainedModel": (NOT_EXPORTED,),
}


# ============================================================================================= top-level settings
TOP: dict[str, Any] = {
    "package": "transformers",
    "source": "src/transformers",
    # The style rules predate the existing tree: applied to changed files only (`--changed-since`). MOD001/MOD004
    # convert modular files (libcst; minutes on a cold cache for the whole tree): on the changed files' modular
    # files by default, on all of them with `--select MOD` (the `make check-repo` replacement).
    "changed-only": ["NAM003", "NAM004", "NAM005", "MOD001", "MOD004"],
}


# ==================================================================================================== copies: CPY
COPIES: dict[str, Any] = {
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
        "examples/tensorflow/question-answering/utils_qa.py": "examples/pytorch/question-answering/utils_qa.py",
        "examples/flax/question-answering/utils_qa.py": "examples/pytorch/question-answering/utils_qa.py",
    },
}


# ===================================================================================================== inits: INI
INITS: dict[str, Any] = {
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
    # The private models 5.23.0 really leaves out of `__all__` (see PRIVATE_MODELS above).
    "private-models": sorted(name for name, origins in PRIVATE_MODELS.items() if NOT_EXPORTED in origins),
}


# ====================================================================================================== auto: AUT
# What `transformers.models.auto` exposes in 5.23.0 (the `__all__` of its modules, which define each one as
# `class AutoXxx` and re-bind it as `AutoXxx = auto_class_update(AutoXxx)`): `register_for_auto_class` accepts
# exactly these names (`hasattr(transformers.models.auto, auto_class)`). Measured on 5.23.0, checked by
# tests/test_auto_registration.py (test_auto_class_names_match_transformers_models_auto).
MODEL_HEADS = """AudioClassification AudioFrameClassification AudioTokenization AudioXVector CTC CausalLM Decision
    DepthEstimation DocumentQuestionAnswering ImageClassification ImageMatting ImageSegmentation ImageTextToText
    ImageToImage InstanceSegmentation KeypointDetection KeypointMatching MaskGeneration MaskedImageModeling MaskedLM
    MultimodalLM MultipleChoice NextSentencePrediction NormalEstimation ObjectDetection PointmapEstimation
    PoseEstimation PreTraining QuestionAnswering RNNT SemanticSegmentation Seq2SeqLM SequenceClassification
    SpeechSeq2Seq TDT TableQuestionAnswering TableRecognition TextEncoding TextRecognition TextToSpectrogram
    TextToWaveform TimeSeriesPrediction TokenClassification UniversalSegmentation VideoClassification
    VisualQuestionAnswering ZeroShotImageClassification ZeroShotObjectDetection""".split()
# Each auto class -> the transformers 5.23.0 base classes (and their public aliases) whose
# `register_for_auto_class()` defaults to it. Also the default of the `auto-classes` option (checks/auto), so a
# repository of custom code without a preset is checked against the same release.
AUTO_CLASSES: dict[str, list[str]] = {
    "AutoConfig": ["PreTrainedConfig", "PretrainedConfig"],
    "AutoModel": ["PreTrainedModel"],
    "AutoTokenizer": [
        "PreTrainedTokenizerBase",
        "PreTrainedTokenizer",
        "PreTrainedTokenizerFast",
        "PythonBackend",
        "TokenizersBackend",
        "SentencePieceBackend",
        "MistralCommonBackend",
    ],
    "AutoProcessor": ["ProcessorMixin"],
    "AutoFeatureExtractor": ["FeatureExtractionMixin", "SequenceFeatureExtractor"],
    "AutoImageProcessor": [
        "ImageProcessingMixin",
        "BaseImageProcessor",
        "BaseImageProcessorFast",
        "TorchvisionBackend",
        "PilBackend",
    ],
    "AutoVideoProcessor": ["VideoProcessorMixin", "BaseVideoProcessor"],
    "AutoBackbone": [],
    **{f"AutoModelFor{head}": [] for head in MODEL_HEADS},
}

# utils/check_repo.py IGNORE_NON_AUTO_CONFIGURED, without the PRIVATE_MODELS it starts from (those are above).
NOT_AUTO_CONFIGURED = """
Aimv2TextModel AlignTextModel AlignVisionModel ClapTextModel ClapTextModelWithProjection ClapAudioModel
ClapAudioModelWithProjection Blip2TextModelWithProjection Blip2VisionModelWithProjection Blip2VisionModel
ErnieMForInformationExtraction FastSpeech2ConformerHifiGan FastSpeech2ConformerWithHifiGan GitVisionModel
GraphormerModel GraphormerForGraphClassification BlipForImageTextRetrieval BlipForQuestionAnswering BlipVisionModel
BlipTextLMHeadModel BlipTextModel BrosSpadeEEForTokenClassification BrosSpadeELForTokenClassification
Swin2SRForImageSuperResolution BridgeTowerForImageAndTextRetrieval BridgeTowerForMaskedLM
BridgeTowerForContrastiveLearning CLIPSegForImageSegmentation CLIPSegVisionModel CLIPSegTextModel
EsmForProteinFolding GPTSanJapaneseModel TimeSeriesTransformerForPrediction InformerForPrediction
AutoformerForPrediction PatchTSTForPretraining PatchTSTForPrediction JukeboxVQVAE JukeboxPrior SamModel Sam2Model
Sam2VideoModel EdgeTamModel EdgeTamVideoModel SamHQModel DPTForDepthEstimation DecisionTransformerGPT2Model
GLPNForDepthEstimation ViltForImagesAndTextClassification ViltForImageAndTextRetrieval ViltForTokenClassification
ViltForMaskedLM PerceiverForMultimodalAutoencoding PerceiverForOpticalFlow SegformerDecodeHead
BeitForMaskedImageModeling ChineseCLIPTextModel ChineseCLIPVisionModel CLIPTextModelWithProjection
CLIPVisionModelWithProjection ClvpForCausalLM ClvpModel GroupViTTextModel GroupViTVisionModel DetrForSegmentation
Pix2StructVisionModel Pix2StructTextModel ConditionalDetrForSegmentation DPRReader FlaubertForQuestionAnswering
FlavaImageCodebook FlavaTextModel FlavaImageModel FlavaMultimodalModel GPT2DoubleHeadsModel GPTSw3DoubleHeadsModel
InstructBlipVisionModel InstructBlipQFormerModel InstructBlipVideoVisionModel InstructBlipVideoQFormerModel
LayoutLMForQuestionAnswering LukeForMaskedLM LukeForEntityClassification LukeForEntityPairClassification
LukeForEntitySpanClassification MgpstrModel OpenAIGPTDoubleHeadsModel OwlViTTextModel OwlViTVisionModel
Owlv2TextModel Owlv2VisionModel OwlViTForObjectDetection PatchTSMixerForPrediction PatchTSMixerForPretraining
RagModel RagSequenceForGeneration RagTokenForGeneration RealmEmbedder RealmForOpenQA RealmScorer RealmReader
Wav2Vec2ForCTC HubertForCTC SEWForCTC SEWDForCTC XLMForQuestionAnswering XLNetForQuestionAnswering SeparableConv1D
VisualBertForRegionToPhraseAlignment VisualBertForVisualReasoning VisualBertForQuestionAnswering
VisualBertForMultipleChoice XCLIPVisionModel XCLIPTextModel AltCLIPTextModel AltCLIPVisionModel AltRobertaModel
TvltForAudioVisualClassification BarkCausalModel BarkCoarseModel BarkFineModel BarkSemanticModel
MusicgenMelodyModel MusicgenModel MusicgenForConditionalGeneration SpeechT5ForSpeechToSpeech
SpeechT5ForTextToSpeech SpeechT5HifiGan VitMatteForImageMatting SeamlessM4TTextToUnitModel
SeamlessM4TTextToUnitForConditionalGeneration SeamlessM4TCodeHifiGan SeamlessM4TForSpeechToSpeech
TvpForVideoGrounding SeamlessM4Tv2NARTextToUnitModel SeamlessM4Tv2NARTextToUnitForConditionalGeneration
SeamlessM4Tv2CodeHifiGan SeamlessM4Tv2ForSpeechToSpeech SegGptForImageSegmentation SiglipVisionModel
SiglipTextModel SiglipVisionTransformer Siglip2VisionModel Siglip2VisionTransformer Siglip2TextModel
ChameleonVQVAE VitPoseForPoseEstimation CLIPTextModel MetaClip2TextModel MetaClip2TextModelWithProjection
MetaClip2VisionModel MetaClip2VisionModelWithProjection MoshiForConditionalGeneration MolmoTextModel Emu3VQVAE
Emu3TextModel JanusVQVAE JanusVisionModel Qwen2_5OmniTalkerForConditionalGeneration Qwen2_5OmniTalkerModel
Qwen2_5OmniThinkerForConditionalGeneration Qwen2_5OmniThinkerTextModel Qwen2_5OmniToken2WavModel
Qwen2_5OmniToken2WavBigVGANModel Qwen2_5OmniToken2WavDiTModel CsmBackboneModel CsmDepthDecoderModel
CsmDepthDecoderForCausalLM CsmForConditionalGeneration BltPatcher Florence2VisionBackbone Qwen3OmniMoeCode2Wav
Qwen3OmniMoeCode2WavTransformerModel Qwen3OmniMoeTalkerCodePredictorModel
Qwen3OmniMoeTalkerCodePredictorModelForConditionalGeneration Qwen3OmniMoeTalkerForConditionalGeneration
Qwen3OmniMoeTalkerModel Qwen3OmniMoeThinkerForConditionalGeneration Qwen3OmniMoeThinkerTextModel
""".split()

# Sub-models of 5.23.0 (text and vision towers, heads, building blocks) that the 5.23.0 reference, which passes on
# that release, must exempt too: the stored list above predates them. Measured once on the released tree.
NOT_AUTO_CONFIGURED_5_23_0 = """
DeepseekOcr2TextModel DeepseekOcr2VisionModel Dots3NoteAudioModel Dots3NoteVisionModel Ernie4_5_VLMoeTextModel
Ernie4_5_VL_MoeForConditionalGeneration Ernie4_5_VL_MoeModel Ernie4_5_VL_MoeTextModel EsmFold2Model
GlmImageForConditionalGeneration Granite4VisionTextModel GroupViTTextTransformer HiggsAudioV2Model
InklingAudioModel InklingVisionModel Kosmos2TextTransformer Kosmos2VisionTransformer Kosmos2_5TextTransformer
MiniCPMV4_6VisionModel MiniMaxM3VLVisionModel Molmo2Adapter Molmo2VisionModel NeoMMEForRetrieval
OwlViTTextTransformer OwlViTVisionTransformer Owlv2TextTransformer Owlv2VisionTransformer PPDocLayoutV2Model
PPDocLayoutV2ReadingOrder PPFormulaNetModel PPFormulaNetTextModel PPFormulaNetVisionModel
PPOCRV5MobileDetModel PPOCRV5ServerDetModel PaddleOCRTextModel PaddleOCRVisionModel PaddleOCRVisionTransformer
PeAudioFrameLevelModel SLANeXtBackbone SLANeXtSLAHead SLANetBackbone SLANetSLAHead Step3p7TextModel
Step3p7VisionModel Tipsv2DptForDensePrediction UVDocBridge UnlimitedOcrTextModel UnlimitedOcrVisionModel
VibeVoiceModel VideoPrismTextModel VideoPrismVideoModel
""".split()

# utils/check_repo.py get_model_modules(): modeling modules it never inspects
IGNORED_MODELING_MODULES = [
    "modeling_auto",
    "modeling_encoder_decoder",
    "modeling_marian",
    "modeling_retribert",
    "modeling_speech_encoder_decoder",
    "modeling_timm_backbone",
    "modeling_vision_encoder_decoder",
]

AUTO: dict[str, Any] = {
    "mapping-files": ["src/transformers/models/auto/*.py"],
    "deprecated-folder": "src/transformers/models/deprecated",
    "models-folder": "src/transformers/models",
    # utils/check_auto.py generates models/auto/auto_mappings.py; its sources as of 5.23.0 (measured: the shipped
    # module is what they generate, byte for byte).
    "generated-file": "src/transformers/models/auto/auto_mappings.py",
    "generated-processors": {
        "VIDEO_PROCESSOR_MAPPING_NAMES": ["video_processing:BaseVideoProcessor:torchvision"],
        "FEATURE_EXTRACTOR_MAPPING_NAMES": ["feature_extraction:SequenceFeatureExtractor"],
        "PROCESSOR_MAPPING_NAMES": ["processing:ProcessorMixin|OmniModalProcessorMixin"],
        "IMAGE_PROCESSOR_MAPPING_NAMES": [
            "image_processing_pil:PilBackend:pil",
            "image_processing:TorchvisionBackend:torchvision",
        ],
    },
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
    # Every private model (see PRIVATE_MODELS above) and the reference's other exemptions.
    "unmapped-models": sorted(set(PRIVATE_MODELS) | set(NOT_AUTO_CONFIGURED) | set(NOT_AUTO_CONFIGURED_5_23_0)),
    "unchecked-modules": IGNORED_MODELING_MODULES,
    "auto-classes": AUTO_CLASSES,
}


# ================================================================================================= dummies: DUM
DUMMIES: dict[str, Any] = {
    "flavor": "transformers",
    "init-half": "structure",
    # import_utils.BACKENDS_MAPPING spells this backend with a dash
    "backend-names": {"mistral_common": "mistral-common"},
}


# ===================================================================================================== toc: TOC
# utils/check_repo.py's DEPRECATED_OBJECTS, UNDOCUMENTED_OBJECTS and SHOULD_HAVE_THEIR_OWN_PAGE (Aug 2026)
UNDOCUMENTED_OBJECTS = """
AddedToken AltRobertaModel AutoBackbone BartPretrainedModel BasicTokenizer BeitBackbone BitBackbone
CharacterTokenizer ConvNextBackbone ConvNextV2Backbone DPRPretrainedReader DataCollator DataCollatorForSOP
DinatBackbone Dinov2Backbone Dinov2WithRegistersBackbone DummyObject Ernie4_5_VL_MoeConfig
Ernie4_5_VL_MoeForConditionalGeneration Ernie4_5_VL_MoeImageProcessor Ernie4_5_VL_MoeImageProcessorFast
Ernie4_5_VL_MoeImageProcessorPil Ernie4_5_VL_MoeModel Ernie4_5_VL_MoeTextConfig Ernie4_5_VL_MoeTextModel
Ernie4_5_VL_MoeVariableResolutionResamplerModel Ernie4_5_VL_MoeVisionConfig
Ernie4_5_VL_MoeVisionTransformerPretrainedModel FocalNetBackbone GemmaQuantizationConfig
GlueDataTrainingArguments GlueDataset HieraBackbone MaskFormerSwinBackbone MaskFormerSwinConfig
MaskFormerSwinModel MecabTokenizer NatBackbone NerPipeline OwlViTFeatureExtractor PretrainedBartModel
PretrainedConfig PretrainedFSMTModel PvtV2Backbone ResNetBackbone RoFormerTokenizerFast
SingleSentenceClassificationProcessor SquadDataTrainingArguments SquadDataset SquadExample SquadFeatures
SquadV1Processor SquadV2Processor SqueezeBertModule SwinBackbone Swinv2Backbone TextNetBackbone TimmBackbone
TimmBackboneConfig TransfoXLCorpus VitDetBackbone VitPoseBackbone VitPoseBackboneConfig WordpieceTokenizer absl
add_end_docstrings add_start_docstrings get_values glue_compute_metrics glue_convert_examples_to_features
glue_output_modes glue_processors glue_tasks_num_labels logger logging requires_backends shape_list
squad_convert_examples_to_features xnli_compute_metrics xnli_output_modes xnli_processors xnli_tasks_num_labels
"""
TOC: dict[str, Any] = {
    # Folders documented under another page name: `openai` -> `openai-gpt.md`, `mbart50` in `mbart.md`.
    "ignore-models": ["mbart50", "openai"],
    # utils/add_dates.py: the dates line of every model page but these two
    "dates-library": "Hugging Face Transformers",
    "undated-pages": ["auto", "timm_wrapper"],
    # utils/check_repo.py (check_all_objects_are_documented): its lists of deprecated objects, objects not
    # documented on purpose and objects that should have their own page, and the name patterns it excuses
    # utils/check_repo.py (check_model_type_doc_match): MODEL_TYPE_TO_DOC_MAPPING and DOC_MODEL_NAMES_NOT_IN_AUTO
    "config-mapping-files": [
        "src/transformers/models/auto/auto_mappings.py",
        "src/transformers/models/auto/configuration_auto.py",
    ],
    "doc-page-types": {
        "data2vec-text": "data2vec",
        "data2vec-audio": "data2vec",
        "data2vec-vision": "data2vec",
        "donut-swin": "donut",
        "kosmos-2.5": "kosmos2_5",
        "dinov3_convnext": "dinov3",
        "dinov3_vit": "dinov3",
        "inkling_text": "inkling",
        "inkling_audio": "inkling",
        "inkling_vision": "inkling",
        "inkling_mm_model": "inkling",
    },
    "doc-pages-not-in-auto": (
        "barthez bartpho bert-japanese bertweet byt5 code_llama cpm deplot depth_anything_v2 falcon3 flan-t5 flan-ul2 "
        "granitevision herbert lasr llama2 llama3 madlad-400 matcha mluke mms myt5 nllb parakeet phobert t5v1.1 ul2 "
        "wav2vec2_phoneme xlm-v xls_r xlsr_wav2vec2"
    ).split(),
    "autodoc-folder": "docs/source/en",
    "undocumented-objects": UNDOCUMENTED_OBJECTS.split(),
    "undocumented-prefixes": ["load_pytorch", "MMBT", "Blt", "image_processing_"],
    "undocumented-suffixes": ["PreTrainedModel", "Decoder", "Encoder", "Layer", "Embeddings", "Attention"],
}


# ============================================================================================== docstrings: DOC
# utils/check_docstrings.py OBJECTS_TO_IGNORE: a temporary list of docstrings not fixed yet upstream.
DOCSTRINGS_NOT_CHECKED = """
GlmMoeDsaConfig GlmAsrProcessor AudioFlamingo3Processor ApertusConfig Mxfp4Config Qwen3OmniMoeConfig Exaone4Config
SmolLM3Config Gemma3nVisionConfig Llama4Processor InputExample InputFeatures ASTFeatureExtractor AlbertModel
AlbertTokenizerFast AlignTextModel AlignVisionConfig AudioClassificationPipeline AutoformerConfig
AutomaticSpeechRecognitionPipeline BarkCoarseConfig BarkConfig BarkFineConfig BarkSemanticConfig BartConfig
BartTokenizerFast BarthezTokenizerFast BeitModel BertConfig BertJapaneseTokenizer CohereTokenizer DebertaTokenizer
FNetTokenizer FunnelTokenizer GPT2Tokenizer GPTNeoXTokenizer GemmaTokenizer HerbertTokenizer LayoutLMv2Tokenizer
LayoutLMv3Tokenizer LayoutXLMTokenizer LlamaTokenizer LlamaTokenizerFast MBart50Tokenizer NougatTokenizer
OpenAIGPTTokenizer PythonBackend ReformerTokenizer SeamlessM4TTokenizer SentencePieceBackend SplinterTokenizer
TokenizersBackend UdopTokenizer WhisperTokenizer XGLMTokenizer XLMRobertaTokenizer AlbertTokenizer BarthezTokenizer
BigBirdTokenizer BlenderbotTokenizer CamembertTokenizer CodeLlamaTokenizer CodeLlamaTokenizerFast BertModel
BertTokenizerFast BigBirdConfig BigBirdForQuestionAnswering BigBirdModel BigBirdPegasusConfig BigBirdTokenizerFast
BitImageProcessor BlenderbotConfig BlenderbotSmallConfig BlenderbotSmallTokenizerFast BlenderbotTokenizerFast
Blip2VisionConfig BlipTextConfig BlipVisionConfig BloomConfig BLTConfig BLTPatcherConfig BridgeTowerTextConfig
BridgeTowerVisionConfig BrosModel CamembertConfig CamembertModel CamembertTokenizerFast CanineModel CanineTokenizer
ChineseCLIPTextModel ClapTextConfig ConditionalDetrConfig ConditionalDetrImageProcessor ConvBertConfig
ConvBertTokenizerFast ConvNextConfig ConvNextV2Config CpmAntTokenizer CvtConfig CvtModel DeiTImageProcessor
DPRReaderTokenizer DPRReaderTokenizerFast DPTModel Data2VecAudioConfig Data2VecTextConfig Data2VecTextModel
Data2VecVisionModel DataCollatorForLanguageModeling DebertaConfig DebertaV2Config DebertaV2Tokenizer
DebertaV2TokenizerFast DecisionTransformerConfig DeformableDetrConfig DeformableDetrImageProcessor DeiTModel
DepthEstimationPipeline DetaConfig DetaImageProcessor DetrConfig DetrImageProcessor DinatModel DINOv3ConvNextConfig
DINOv3ViTConfig DistilBertConfig DistilBertTokenizerFast DocumentQuestionAnsweringPipeline DonutSwinModel
EarlyStoppingCallback EfficientFormerConfig EfficientFormerImageProcessor EfficientNetConfig ElectraConfig
ElectraTokenizerFast EncoderDecoderModel ErnieMModel ErnieModel ErnieMTokenizer EsmConfig EsmModel FNetConfig FNetModel
FNetTokenizerFast FSMTConfig FeatureExtractionPipeline FillMaskPipeline FlaubertConfig FlavaConfig FlavaForPreTraining
FlavaImageModel FlavaImageProcessor FlavaMultimodalModel FlavaTextConfig FlavaTextModel FocalNetModel
FunnelTokenizerFast GPTBigCodeConfig GPTJConfig GPTNeoXConfig GPTNeoXJapaneseConfig GPTNeoXTokenizerFast
GPTSanJapaneseConfig GitConfig GitVisionConfig Glm4vVisionConfig Glm4vMoeVisionConfig GraphormerConfig
GroupViTTextConfig GroupViTVisionConfig HerbertTokenizerFast HubertConfig HubertForCTC IBertConfig IBertModel
IdeficsConfig IdeficsProcessor IJepaModel ImageClassificationPipeline ImageFeatureExtractionPipeline ImageGPTConfig
ImageSegmentationPipeline ImageTextToTextPipeline AnyToAnyPipeline ImageToImagePipeline InformerConfig
JukeboxPriorConfig JukeboxTokenizer LEDConfig LEDTokenizerFast LasrEncoderConfig LasrFeatureExtractor LasrTokenizer
LayoutLMForQuestionAnswering LayoutLMTokenizerFast LayoutLMv2Config LayoutLMv2ForQuestionAnswering
LayoutLMv2TokenizerFast LayoutLMv3Config LayoutLMv3ImageProcessor LayoutLMv3TokenizerFast LayoutXLMTokenizerFast
LevitConfig LiltConfig LiltModel LongT5Config LongformerConfig LongformerModel LongformerTokenizerFast LukeModel
LukeTokenizer LxmertTokenizerFast M2M100Config M2M100Tokenizer MarkupLMProcessor MaskGenerationPipeline
MBart50TokenizerFast MBartConfig MCTCTFeatureExtractor MPNetConfig MPNetModel MPNetTokenizerFast MT5Config
MT5TokenizerFast MarianConfig MarianTokenizer MarkupLMConfig MarkupLMModel MarkupLMTokenizer MarkupLMTokenizerFast
Mask2FormerConfig MaskFormerConfig MaxTimeCriteria MegaConfig MegaModel MegatronBertConfig MegatronBertForPreTraining
MegatronBertModel MLCDVisionConfig MobileBertConfig MobileBertModel MobileBertTokenizerFast MobileNetV1ImageProcessor
MobileNetV1Model MobileNetV2ImageProcessor MobileNetV2Model MobileViTModel MobileViTV2Model MLukeTokenizer MraConfig
MusicgenDecoderConfig MusicgenForConditionalGeneration MusicgenMelodyForConditionalGeneration MvpConfig
MvpTokenizerFast MT5Tokenizer NatModel NerPipeline NezhaConfig NezhaModel NllbMoeConfig NllbTokenizer
NllbTokenizerFast NystromformerConfig OPTConfig ObjectDetectionPipeline OneFormerProcessor OpenAIGPTTokenizerFast
OpenLlamaConfig PLBartConfig ParakeetCTCConfig LasrCTCConfig PegasusConfig PegasusTokenizer PegasusTokenizerFast
PegasusXConfig PerceiverImageProcessor PerceiverModel PerceiverTokenizer PersimmonConfig Pipeline Pix2StructConfig
Pix2StructTextConfig PLBartTokenizer Pop2PianoConfig PreTrainedTokenizer PreTrainedTokenizerBase
PreTrainedTokenizerFast PrefixConstrainedLogitsProcessor ProphetNetConfig QDQBertConfig QDQBertModel
QuestionAnsweringPipeline RagConfig RagModel RagRetriever RagSequenceForGeneration RagTokenForGeneration
ReformerConfig ReformerTokenizerFast RegNetConfig RemBertConfig RemBertModel RemBertTokenizer RemBertTokenizerFast
RetriBertConfig RetriBertTokenizerFast RoCBertConfig RoCBertModel RoCBertTokenizer RoFormerConfig RobertaConfig
RobertaModel RobertaPreLayerNormConfig RobertaPreLayerNormModel RobertaTokenizerFast SEWConfig SEWDConfig SEWDForCTC
SEWForCTC SamConfig SamPromptEncoderConfig SamHQConfig SamHQPromptEncoderConfig SeamlessM4TConfig SeamlessM4Tv2Config
Seq2SeqTrainingArguments Speech2Text2Config Speech2Text2Tokenizer Speech2TextTokenizer SpeechEncoderDecoderModel
SpeechT5Config SpeechT5Model SplinterConfig SplinterTokenizerFast SqueezeBertTokenizerFast Swin2SRImageProcessor
Swinv2Model SwitchTransformersConfig T5Config T5Tokenizer T5TokenizerFast TableQuestionAnsweringPipeline
TableTransformerConfig TapasConfig TapasModel TapasTokenizer TextClassificationPipeline TextGenerationPipeline
TimeSeriesTransformerConfig TokenClassificationPipeline TrOCRConfig Phi4MultimodalProcessor TrainerState
TrainingArguments TrajectoryTransformerConfig TvltImageProcessor UMT5Config UperNetConfig
UperNetForSemanticSegmentation ViTHybridImageProcessor ViTHybridModel ViTMSNModel ViTModel VideoClassificationPipeline
ViltConfig ViltForImagesAndTextClassification ViltModel VisionEncoderDecoderModel VisionTextDualEncoderModel
VisualBertConfig VisualBertModel VisualQuestionAnsweringPipeline VitMatteForImageMatting VitsTokenizer VivitModel
Wav2Vec2BertForCTC Wav2Vec2CTCTokenizer Wav2Vec2Config Wav2Vec2ConformerConfig Wav2Vec2ConformerForCTC
Wav2Vec2FeatureExtractor Wav2Vec2PhonemeCTCTokenizer WavLMConfig WavLMForCTC WhisperConfig WhisperFeatureExtractor
WhisperForAudioClassification XCLIPTextConfig XCLIPVisionConfig XGLMConfig XGLMModel XGLMTokenizerFast XLMConfig
XLMProphetNetConfig XLMRobertaConfig XLMRobertaModel XLMRobertaTokenizerFast XLMRobertaXLConfig XLMRobertaXLModel
XLNetConfig XLNetTokenizerFast XmodConfig XmodModel YolosImageProcessor YolosModel YosoConfig
ZeroShotAudioClassificationPipeline ZeroShotClassificationPipeline ZeroShotImageClassificationPipeline
ZeroShotObjectDetectionPipeline Llama4TextConfig BltConfig BltPatcherConfig HiggsAudioV2Config
HiggsAudioV2TokenizerConfig MoonshineStreamingConfig MoonshineStreamingEncoderConfig VoxtralRealtimeFeatureExtractor
VoxtralRealtimeEncoderConfig
""".split()

# utils/check_config_docstrings.py CONFIG_CLASSES_TO_IGNORE_FOR_DOCSTRING_CHECKPOINT_CHECK
CHECKPOINT_NOT_REQUIRED = """
DecisionTransformerConfig EncoderDecoderConfig MusicgenConfig RagConfig SpeechEncoderDecoderConfig TimmBackboneConfig
TimmWrapperConfig VisionEncoderDecoderConfig VisionTextDualEncoderConfig GraniteConfig GraniteMoeConfig
GraniteMoeHybridConfig Qwen3MoeConfig GraniteSpeechConfig
""".split()

# Transformers' `forward` docs are written by `@auto_docstring` at import time (its own `check_docstrings.py` /
# `check_auto_docstrings.py` import the library); there are no ModelMixin / DiffusionPipeline classes. Only the
# placeholders (DOC004) are looked for.
DOCSTRINGS: dict[str, Any] = {
    "forward-folders": [],
    "call-folders": [],
    "public-inits": ["{source}/__init__.py"],
    # utils/check_repo.py `ignore_undocumented`: objects not documented on purpose.
    "public-ignore-suffixes": ["PreTrainedModel", "Decoder", "Encoder", "Layer", "Embeddings", "Attention"],
    "public-ignore-prefixes": ["Blt"],
    "ignore": DOCSTRINGS_NOT_CHECKED,
    "config-checkpoints": True,
    "checkpoint-ignore": CHECKPOINT_NOT_REQUIRED,
    "checkpoint-skip-folders": ["{source}/models/deprecated"],
}


# ============================================================================================== structure: STR
# Measured on 5.23.0. Exempt: deliberate designs and upstream allow-lists; every other finding is a real
# deviation, listed with its reason in tests/realtree_expected_structure.py.
# utils/check_config_attributes.py (Aug 2026): ATTRIBUTES_TO_ALLOW, searched anywhere in an argument's name
# (`backbone` allows `use_pretrained_backbone`), and SPECIAL_CASES_TO_ALLOW (`*`: every argument of the class).
CONFIG_ATTRIBUTES_ALLOWED = [
    "*transformers_version*",
    "*architectures*",
    "*chunk_size_feed_forward*",
    "*dtype*",
    "*id2label*",
    "*label2id*",
    "*problem_type*",
    "*tokenizer_class*",
    "*is_encoder_decoder*",
    "*output_hidden_states*",
    "*return_dict*",
    "*initializer_range*",
    "*init_std*",
    "*initializer_factor*",
    "*tie_word_embeddings*",
    "*bos_index*",
    "*eos_index*",
    "*pad_index*",
    "*unk_index*",
    "*mask_index*",
    "**_token_id*",
    "**_token_index*",
    "*image_seq_length*",
    "*video_seq_length*",
    "*image_size*",
    "*text_config*",
    "*use_cache*",
    "*out_features*",
    "*out_indices*",
    "*sampling_rate*",
    "*use_pretrained_backbone*",
    "*backbone*",
    "*backbone_config*",
    "*use_timm_backbone*",
    "*backbone_kwargs*",
    "*rope_theta*",
    "*partial_rotary_factor*",
    "*max_position_embeddings*",
    "*pretraining_tp*",
    "*use_sliding_window*",
    "*max_window_layers*",
    "*vision_feature_layer*",
    "*vision_feature_select_strategy*",
    "*vision_aspect_ratio*",
    "*num_mtp_layers*",
    "*token_classification_bias*",
]
CONFIG_ATTRIBUTES_BY_CLASS: dict[str, list[str]] = {
    "DeepseekV3Config": ["n_routed_experts"],
    "Glm4MoeConfig": ["n_routed_experts"],
    "Glm4MoeLiteConfig": ["n_routed_experts"],
    "Glm4vMoeTextConfig": ["n_routed_experts"],
    "Mistral4Config": ["n_routed_experts"],
    "SolarOpenConfig": ["n_routed_experts"],
    "NemotronAsrStreamingEncoderConfig": ["num_mel_bins"],
    "Gemma4UnifiedAudioConfig": ["audio_embed_dim"],
    "Gemma4UnifiedVisionConfig": ["patch_size", "pooling_kernel_size"],
    "MiniCPM3Config": ["dim_model_base"],
    "MiniCPMV4_6Config": ["drop_vision_last_layer"],
    "MiniMaxM3VLTextConfig": ["rotary_dim", "router_jitter_noise"],
    "Step3p7TextConfig": ["n_routed_experts", "num_sliding_attention_heads", "mtp_layer_types", "mtp_mlp_layer_types"],
    "OpenAIPrivacyFilterConfig": ["classifier_dropout", "output_router_logits", "router_aux_loss_coef"],
    "HYV3Config": ["output_router_logits"],
    "NougatConfig": ["decoder", "encoder"],
    "PI0Config": ["vlm_projection_dim"],
    "EuroBertConfig": ["is_causal"],
    "Ernie4_5_VL_MoeConfig": ["args"],
    "Ernie4_5_VL_MoeTextConfig": ["args"],
    "Ernie4_5_VL_MoeVisionConfig": ["args"],
    "ExaoneMoeConfig": ["first_k_dense_replace"],
    "AfmoeConfig": ["global_attn_every_n_layers", "rope_scaling"],
    "LagunaConfig": ["moe_apply_router_weight_on_input"],
    "xLSTMConfig": ["add_out_norm", "chunkwise_kernel", "sequence_kernel", "step_kernel"],
    "Lfm2Config": ["full_attn_idxs"],
    "DiaConfig": ["delay_pattern"],
    "BambaConfig": ["attn_layer_indices"],
    "Dots1Config": ["max_window_layers", "n_routed_experts"],
    "JambaConfig": [
        "attn_layer_offset",
        "attn_layer_period",
        "expert_layer_offset",
        "expert_layer_period",
        "use_mamba_kernels",
    ],
    "JetMoeConfig": ["output_router_logits"],
    "Phi3Config": ["embd_pdrop"],
    "EncodecConfig": ["overlap"],
    "XcodecConfig": ["sample_rate", "audio_channels"],
    "RecurrentGemmaConfig": ["block_types", "attention_window_size"],
    "MambaConfig": ["expand"],
    "InklingTextConfig": [
        "local_layer_ids",
        "mtp_local_layer_ids",
        "chain_hidden_post_norm",
        "mtp_hidden_states_first",
        "rms_norm_eps_moe_gate",
        "shared_expert_sink",
    ],
    "FalconMambaConfig": ["expand"],
    "FSMTConfig": ["langs", "common_kwargs", "early_stopping", "length_penalty", "max_length", "num_beams"],
    "GPTNeoConfig": ["attention_types"],
    "BlenderbotConfig": ["encoder_no_repeat_ngram_size"],
    "EsmConfig": ["is_folding_model"],
    "Mask2FormerConfig": ["ignore_value"],
    "OneFormerConfig": ["ignore_value", "norm"],
    "T5Config": ["feed_forward_proj"],
    "MT5Config": ["feed_forward_proj", "tokenizer_class"],
    "UMT5Config": ["feed_forward_proj", "tokenizer_class"],
    "LongT5Config": ["feed_forward_proj"],
    "Pop2PianoConfig": ["feed_forward_proj"],
    "BioGptConfig": ["layer_norm_eps"],
    "GLPNConfig": ["layer_norm_eps"],
    "SegformerConfig": ["layer_norm_eps"],
    "CvtConfig": ["layer_norm_eps"],
    "PerceiverConfig": ["layer_norm_eps"],
    "InformerConfig": ["num_static_real_features", "num_time_features"],
    "TimeSeriesTransformerConfig": ["num_static_real_features", "num_time_features"],
    "AutoformerConfig": ["num_static_real_features", "num_time_features"],
    "SamVisionConfig": ["mlp_ratio"],
    "DeepseekOcr2SamVisionConfig": ["mlp_ratio"],
    "Sam3VisionConfig": ["backbone_feature_sizes"],
    "SamHQVisionConfig": ["mlp_ratio"],
    "Step3p7VisionConfig": ["mlp_ratio"],
    "ClapAudioConfig": ["num_classes"],
    "ClvpDecoderConfig": ["add_cross_attention"],
    "SpeechT5HifiGanConfig": ["sampling_rate"],
    "UdopConfig": ["feed_forward_proj"],
    "ZambaConfig": ["attn_layer_offset", "attn_layer_period"],
    "MllamaVisionConfig": ["supported_aspect_ratios"],
    "LEDConfig": ["classifier_dropout"],
    "GPTNeoXConfig": ["rotary_emb_base"],
    "ShieldGemma2Config": ["mm_tokens_per_image", "vision_config"],
    "Llama4VisionConfig": ["multi_modal_projector_bias", "norm_eps"],
    "ModernBertConfig": ["local_attention", "reference_compile"],
    "ModernBertDecoderConfig": ["global_attn_every_n_layers", "local_attention", "local_rope_theta"],
    "SmolLM3Config": ["no_rope_layer_interval"],
    "Gemma3nVisionConfig": ["architecture", "do_pooling", "model_args"],
    "HiggsAudioV2Config": ["audio_bos_token", "audio_stream_bos_id", "audio_stream_eos_id"],
    "HiggsAudioV2TokenizerConfig": ["downsample_factor"],
    "HunYuanVLConfig": ["im_end_id", "im_newline_id", "im_start_id"],
    "HunYuanVLTextConfig": [
        "attention_head_dim",
        "enable_lm_head_fp32",
        "org_vocab_size",
        "pad_id",
        "rope_scaling",
        "use_cla",
        "use_qk_norm",
    ],
    "HunYuanVLVisionConfig": [
        "img_max_token_num",
        "learnable_mlp_pooling_size",
        "max_vit_seq_len",
        "out_hidden_size",
        "remove_prenorm",
        "resize_resolution",
        "temporal_patch_size",
    ],
    "Cohere2MoeConfig": ["rope_scaling", "sliding_window_pattern"],
    "CsmConfig": ["tie_codebooks_embeddings"],
    "DeepseekV2Config": ["norm_topk_prob"],
    "DeepseekV4Config": [
        "attention_bias",
        "n_shared_experts",
        "norm_topk_prob",
        "num_key_value_heads",
        "num_nextn_predict_layers",
        "router_jitter_noise",
    ],
    "DeepseekV32Config": ["head_dim", "layer_types", "mlp_bias", "first_k_dense_replace", "n_routed_experts"],
    "GlmMoeDsaConfig": ["head_dim", "layer_types", "mlp_bias", "first_k_dense_replace", "n_routed_experts"],
    "EsmFoldConfig": ["esm_ablate_pairwise", "esm_ablate_sequence", "esm_input_dropout", "esm_type"],
    "TrunkConfig": ["cpu_grad_checkpoint", "layer_drop"],
    "Zamba2Config": ["use_mamba_kernels", "use_mem_eff_path"],
    "SeamlessM4TConfig": ["*"],
    "SeamlessM4Tv2Config": ["*"],
    "ConditionalDetrConfig": ["*"],
    "DabDetrConfig": ["*"],
    "SwitchTransformersConfig": ["*"],
    "MaskFormerDetrConfig": ["*"],
    "DetrConfig": ["*"],
    "DFineConfig": ["*"],
    "Deimv2Config": ["*"],
    "GroundingDinoConfig": ["*"],
    "MMGroundingDinoConfig": ["*"],
    "RTDetrConfig": ["*"],
    "RTDetrV2Config": ["*"],
    "YolosConfig": ["*"],
    "Llama4TextConfig": ["*"],
    "DPRConfig": ["*"],
    "FuyuConfig": ["*"],
    "LayoutXLMConfig": ["*"],
    "CLIPSegConfig": ["*"],
    "DeformableDetrConfig": ["*"],
    "DinatConfig": ["*"],
    "DonutSwinConfig": ["*"],
    "FastSpeech2ConformerConfig": ["*"],
    "LayoutLMv2Config": ["*"],
    "MaskFormerSwinConfig": ["*"],
    "MptConfig": ["*"],
    "MptAttentionConfig": ["*"],
    "RagConfig": ["*"],
    "SpeechT5Config": ["*"],
    "SwinConfig": ["*"],
    "Swin2SRConfig": ["*"],
    "Swinv2Config": ["*"],
    "TableTransformerConfig": ["*"],
    "TapasConfig": ["*"],
    "UniSpeechConfig": ["*"],
    "UniSpeechSatConfig": ["*"],
    "WavLMConfig": ["*"],
    "WhisperConfig": ["*"],
    "JukeboxPriorConfig": ["*"],
    "Pix2StructTextConfig": ["*"],
    "IdeficsConfig": ["*"],
    "IdeficsVisionConfig": ["*"],
    "IdeficsPerceiverConfig": ["*"],
    "GptOssConfig": ["*"],
    "LwDetrConfig": ["*"],
    "NemotronHConfig": ["*"],
    "RfDetrConfig": [
        "bbox_cost",
        "bbox_loss_coefficient",
        "class_cost",
        "class_loss_coefficient",
        "dice_loss_coefficient",
        "eos_coefficient",
        "focal_alpha",
        "giou_cost",
        "giou_loss_coefficient",
        "mask_class_loss_coefficient",
        "mask_dice_loss_coefficient",
        "mask_loss_coefficient",
        "mask_point_sample_ratio",
    ],
    "PPChart2TableConfig": ["*"],
    "PPChart2TableVisionConfig": ["*"],
    "GlmgaConfig": ["vision_config"],
    "Sapiens2Config": [
        "num_first_full_attention_layers",
        "num_key_value_attention_heads",
        "num_last_full_attention_layers",
        "flip_pairs",
    ],
}


# STR012: `utils/check_repo.py`'s lists of August 2026 (the newest version available here): the models that need no
# test of their own (`IGNORE_NON_TESTED`, the private models included), the test modules without common tests,
# the modeling modules it skips, and what its model testers infer.
UNTESTED_MODELS = """
AltRobertaModel AriaTextForCausalLM AriaTextModel BarkCausalModel BarkModel BertLMHeadModel Blip2QFormerModel
BlipTextLMHeadModel BltGlobalTransformer BltLocalDecoder BltLocalEncoder BltPatcher BridgeTowerTextModel
BridgeTowerVisionModel CLIPSegTextTransformer CLIPTextTransformer ChameleonVQVAE Cosmos3EdgeVisionModel
CsmBackboneModel CsmDepthDecoderForCausalLM CsmDepthDecoderModel DPRSpanPredictor DecisionTransformerGPT2Model
DeepseekOcr2TextModel DeepseekOcr2VisionModel DetrDecoder DiffusionGemmaDecoderModel DiffusionGemmaEncoderModel
DiffusionGemmaEncoderTextModel EdgeTamVideoModel EdgeTamVisionModel Emu3TextModel Emu3VQVAE
Ernie4_5_VLMoeTextModel Ernie4_5_VL_MoeForConditionalGeneration Ernie4_5_VL_MoeModel Ernie4_5_VL_MoeTextModel
ErnieMForInformationExtraction EvollaSaProtPreTrainedModel Exaone4_5_VisionModel FastSpeech2ConformerHifiGan
FastSpeech2ConformerWithHifiGan Florence2VisionBackbone FuyuForCausalLM Gemma4AudioModel Gemma4VisionModel
Glm4vMoeTextModel Glm4vMoeVisionModel Glm4vTextModel Glm4vVisionModel GlmImageTextModel GlmImageVQVAE
GlmImageVisionModel GlmOcrTextModel GlmOcrVisionModel Granite4VisionTextModel GraphormerDecoderHead
GroupViTTextTransformer HiggsAudioV2Model HunYuanVLTextModel HunYuanVLVisionTransformer
Idefics2PerceiverResampler Idefics2VisionTransformer Idefics3VisionTransformer InklingAudioModel
InklingForCausalLM InklingVisionModel InstructBlipQFormerModel InstructBlipVideoQFormerModel InternVLVisionModel
JanusVisionModel JukeboxPrior JukeboxVQVAE Kimi_K25VisionModel Kosmos2TextForCausalLM Kosmos2TextModel
Kosmos2TextTransformer Kosmos2VisionModel Kosmos2VisionTransformer Kosmos2_5TextForCausalLM Kosmos2_5TextModel
Kosmos2_5TextTransformer Kosmos2_5VisionModel Llama4TextModel Llama4VisionModel LongT5Stack MT5Stack
MaskFormerSwinModel MaskFormerSwinPreTrainedModel MegatronBertLMHeadModel MgpstrModel
MiniCPMV4_6ForConditionalGeneration MiniCPMV4_6Model MiniCPMV4_6VisionModel MiniCPMV4_6VisionPreTrainedModel
MiniMaxM3VLForCausalLM MiniMaxM3VLTextModel MiniMaxM3VLVisionModel MllamaTextModel MllamaVisionModel
MuseGlimmerTextModel MuseGlimmerVisionModel OPTDecoderWrapper Ovis2VisionModel OwlViTTextTransformer
OwlViTVisionTransformer Owlv2TextTransformer Owlv2VisionTransformer PI0Model PPDocLayoutV2Model
PPDocLayoutV2ReadingOrder PPDocLayoutV3Model PPFormulaNetTextModel PPFormulaNetVisionModel PPLCNetModel
PPOCRV5MobileDetModel PPOCRV5MobileRecEncoderWithSVTR PPOCRV5MobileRecModel PPOCRV5ServerDetModel
PPOCRV5ServerRecEncoderWithSVTR PPOCRV5ServerRecModel PPOCRV6MediumDetModel PPOCRV6SmallDetModel
PPOCRV6SmallRecEncoderWithSVTR PPOCRV6SmallRecModel PPOCRV6TinyRecModel PaddleOCRTextModel PaddleOCRVLModel
PaddleOCRVisionModel PaddleOCRVisionTransformer PeAudioFrameLevelModel PeAudioPreTrainedModel PeAudioVideoModel
PeAudioVideoPreTrainedModel PeVideoPreTrainedModel Phi4MultimodalAudioModel Phi4MultimodalVisionModel
Pop2PianoStack QianfanOCRVisionModel Qwen2AudioEncoder Qwen2VLModel Qwen2VLTextModel
Qwen2VisionTransformerPretrainedModel Qwen2_5OmniForConditionalGeneration
Qwen2_5OmniTalkerForConditionalGeneration Qwen2_5OmniTalkerModel Qwen2_5OmniThinkerTextModel
Qwen2_5OmniToken2WavBigVGANModel Qwen2_5OmniToken2WavDiTModel Qwen2_5OmniToken2WavModel Qwen2_5_VLModel
Qwen2_5_VLTextModel Qwen2_5_VisionTransformerPretrainedModel Qwen3OmniMoeCode2Wav
Qwen3OmniMoeCode2WavDecoderBlock Qwen3OmniMoeCode2WavTransformerModel Qwen3OmniMoeForConditionalGeneration
Qwen3OmniMoeTalkerCodePredictorModel Qwen3OmniMoeTalkerCodePredictorModelForConditionalGeneration
Qwen3OmniMoeTalkerForConditionalGeneration Qwen3OmniMoeTalkerModel Qwen3OmniMoeText2Wav
Qwen3OmniMoeThinkerTextModel Qwen3VLModel Qwen3VLMoeModel Qwen3VLMoeTextModel Qwen3VLMoeVisionModel
Qwen3VLTextModel Qwen3VLVisionModel Qwen3_5MoeTextModel Qwen3_5MoeVisionModel Qwen3_5TextModel
Qwen3_5VisionModel RealmBertModel RealmForOpenQA RealmReader RealmScorer RecurrentGemmaModel ReformerForMaskedLM
SLANeXtBackbone SLANeXtSLAHead SLANetBackbone SLANetSLAHead Sam2HieraDetModel Sam2VideoModel
Sam3LiteTextTextModel Sam3TrackerVideoModel Sam3ViTModel Sam3VideoModel SeamlessM4TCodeHifiGan
SeamlessM4TTextToUnitForConditionalGeneration SeamlessM4TTextToUnitModel SeamlessM4Tv2CodeHifiGan
SeamlessM4Tv2TextToUnitForConditionalGeneration SeamlessM4Tv2TextToUnitModel SegformerDecodeHead SeparableConv1D
Siglip2TextTransformer SiglipTextTransformer SmolVLMVisionTransformer Step3p7Model Step3p7TextModel
Step3p7VisionModel SwitchTransformersStack T5Stack TimesFm2_5Model TimesFmModel UMT5EncoderModel UMT5Stack
UVDocBridge UdopStack VibeVoiceAcousticTokenizerDecoderModel VibeVoiceAcousticTokenizerEncoderModel
VoxtralRealtimeTextForCausalLM VoxtralRealtimeTextModel VoxtralRealtimeTextPreTrainedModel
""".split()
TESTS_WITHOUT_COMMON_TESTS = [
    "models/bark/test_modeling_bark.py",
    "models/camembert/test_modeling_camembert.py",
    "models/decision_transformer/test_modeling_decision_transformer.py",
    "models/edgetam_video/test_modeling_edgetam_video.py",
    "models/gemma4_assistant/test_modeling_gemma4_assistant.py",
    "models/gemma4_unified_assistant/test_modeling_gemma4_unified_assistant.py",
    "models/hunyuan_vl/test_modeling_hunyuan_vl.py",
    "models/llama4/test_modeling_llama4.py",
    "models/mbart/test_modeling_mbart.py",
    "models/mt5/test_modeling_mt5.py",
    "models/pegasus/test_modeling_pegasus.py",
    "models/sam2_video/test_modeling_sam2_video.py",
    "models/sam3_tracker_video/test_modeling_sam3_tracker_video.py",
    "models/sam3_video/test_modeling_sam3_video.py",
    "models/shieldgemma2/test_modeling_shieldgemma2.py",
    "models/vision_text_dual_encoder/test_modeling_vision_text_dual_encoder.py",
    "models/xlm_prophetnet/test_modeling_xlm_prophetnet.py",
    "models/xlm_roberta/test_modeling_xlm_roberta.py",
]
MODEL_TESTERS = {
    "CausalLMModelTester": [
        "causal_lm_class=ForCausalLM",
        "sequence_classification_class=ForSequenceClassification",
        "question_answering_class=ForQuestionAnswering",
        "token_classification_class=ForTokenClassification",
    ],
    "VLMModelTester": ["conditional_generation_class=ForConditionalGeneration", "sequence_classification_class"],
    "ALMModelTester": ["config_class", "conditional_generation_class", "sequence_classification_class"],
    "GraniteSpeechModelTester": ["config_class", "conditional_generation_class", "sequence_classification_class"],
}

STRUCTURE: dict[str, Any] = {
    "model-tests": True,
    "untested-models": UNTESTED_MODELS,
    "tests-without-common-tests": TESTS_WITHOUT_COMMON_TESTS,
    "untested-modules": IGNORED_MODELING_MODULES,
    "model-testers": MODEL_TESTERS,
    "config-attributes": True,
    "config-attributes-allowed": CONFIG_ATTRIBUTES_ALLOWED,
    "config-attributes-allowed-by-class": CONFIG_ATTRIBUTES_BY_CLASS,
    "exempt": {
        # Evolla embeds the external SaProt protein encoder with its own config; transformers-mlinter TRF001
        # allow-lists qwen3_omni_moe (the thinker's text part reuses Qwen3OmniMoeTextConfig).
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
}


# ================================================================================================= naming: NAM
# Classes of 5.23.0 model folders exempt from NAM002 (model-class-prefix), measured on the release: output and
# deprecation shims named by convention, building blocks shared on purpose across models (`# Copied from`,
# kernel-hub names), then `folder/Name` entries for names released models already export. Not listed, so
# reported: the real defects of tests/realtree_expected_naming.py.
NAMING_IGNORE_CLASSES = """
Deprecated*Kwargs BaseModelOutputWith* AMSoftmaxLoss TDNNLayer HifiGanResidualBlock
MultiScaleDeformableAttention BasicTokenizer WordpieceTokenizer SinusoidsPositionEmbedding Snake1d
SnakeBeta ContextPooler DisentangledSelfAttention ConvLayer MultiHeadAttention TransformerFFN
SemanticEncoder SemanticDecoder SemanticDecoderBlock PredictionBlock GraniteFlashAttentionKwargs
Qwen2MLP Qwen2_5_VisionPatchEmbed CustomDPRReaderTokenizerMixin
altclip/AltRoberta* bart/PretrainedBartModel bert_generation/BertEncoder
bert_japanese/CharacterTokenizer bert_japanese/JumanppTokenizer bert_japanese/MecabTokenizer
bert_japanese/SentencepieceTokenizer bert_japanese/SudachiTokenizer bertweet/TweetTokenizer
bit/DynamicPad2d bit/WeightStandardizedConv2d bloom/GeLUFunction canine/CharactersToMolecules
canine/ConvProjection convbert/GroupedLinearLayer convbert/SeparableConv1D ctrl/EncoderLayer
dab_detr/DetrAttention deberta/LegacyDebertaLMPredictionHead deberta/LegacyDebertaOnlyMLMHead
deberta/LegacyDebertaPredictionHeadTransform deberta_v2/LegacyDebertaV2LMPredictionHead
deberta_v2/LegacyDebertaV2OnlyMLMHead deberta_v2/LegacyDebertaV2PredictionHeadTransform
deepseek_vl_hybrid/DeepseekVLSamVisionNeck deepseek_vl_hybrid/DeepseekVLSamVisionProj
dinat/NeighborhoodAttention dinat/NeighborhoodAttentionModule dinat/NeighborhoodAttentionOutput
distilbert/Embeddings distilbert/FFN distilbert/Transformer distilbert/TransformerBlock
ernie4_5_vl_moe/Ernie4_5VLVisionMLP flava/PatchEmbeddings fsmt/Attention fsmt/DecoderLayer
fsmt/EncoderLayer fsmt/PretrainedFSMTModel fsmt/SinusoidalPositionalEmbedding glpn/SiLogLoss
gpt_neox_japanese/SubWordJapaneseTokenizer grounding_dino/DictWithDeprecationWarning
levit/MLPLayerWithBN luke/Entity* luke/BaseLukeModelOutput luke/BaseLukeModelOutputWithPooling
lxmert/GeLU mamba2/MambaRMSNormGated markuplm/XPathEmbeddings maskformer/DetrDecoderOutput
mgp_str/DecodeType mobilebert/Bottleneck mobilebert/BottleneckLayer mobilebert/FFNLayer
mobilebert/FFNOutput mobilebert/NoNorm mobilebert/OutputBottleneck myt5/ByteRewriter openai/Attention
openai/Block openai/MLP paddleocr_vl/PaddleOCRAttention paddleocr_vl/PaddleOCRDecoderLayer
paddleocr_vl/PaddleOCRMLP paddleocr_vl/PaddleOCRProjector paddleocr_vl/PaddleOCRRMSNorm
paddleocr_vl/PaddleOCRRotaryEmbedding patchtsmixer/FeatureMixerBlock
patchtsmixer/InjectScalerStatistics4D patchtsmixer/PatchMixerBlock
patchtsmixer/SamplePatchTSMixerPredictionOutput patchtsmixer/SamplePatchTSMixerRegressionOutput
patchtst/SamplePatchTSTOutput pe_audio_video/AudioVideoEmbeddings pegasus_x/DimensionInfo
perceiver/AbstractPreprocessor perceiver/Conv2DDownsample perceiver/Conv2dSamePadding
qwen2_5_omni/AMPBlock qwen2_5_omni/Activation1d qwen2_5_omni/AttentiveStatisticsPooling
qwen2_5_omni/DiTAttention qwen2_5_omni/DiTCodecEmbedding qwen2_5_omni/DiTDecoderLayer
qwen2_5_omni/DiTInputEmbedding qwen2_5_omni/DiTMLP qwen2_5_omni/DiTTimestepEmbedding
qwen2_5_omni/DownSample1d qwen2_5_omni/ECAPA_TimeDelayNet qwen2_5_omni/Res2NetBlock
qwen2_5_omni/RungeKutta4ODESolver qwen2_5_omni/SinusPositionEmbedding
qwen2_5_omni/SqueezeExcitationBlock qwen2_5_omni/SqueezeExcitationRes2NetBlock
qwen2_5_omni/TimeDelayNetBlock qwen2_5_omni/UpSample1d
qwen2_5_vl/Qwen2_5_VisionTransformerPretrainedModel qwen2_vl/PatchEmbed qwen2_vl/PatchMerger
qwen2_vl/Qwen2VisionTransformerPretrainedModel qwen2_vl/VisionAttention qwen2_vl/VisionMlp
rag/RetrievAugLMMarginOutput rag/RetrievAugLMOutput recurrent_gemma/SqrtBoundDerivative
reformer/AxialPositionEmbeddings reformer/ChunkReformerFeedForward reformer/EfficientAttentionMixin
reformer/LSHSelfAttention reformer/LocalSelfAttention reformer/PositionEmbeddings reformer/ReverseSort
sew_d/DropoutContext sew_d/StableDropout sew_d/XDropout sew_d/XSoftmax speech_to_text/Conv1dSubsampler
splinter/QuestionAwareSpanSelectionHead squeezebert/ConvActivation squeezebert/ConvDropoutLayerNorm
squeezebert/MatMulWrapper swin2sr/NearestConvUpsampler swin2sr/PixelShuffleAuxUpsampler
swin2sr/PixelShuffleUpsampler swin2sr/Upsample swin2sr/UpsampleOneStep
tapas/AverageApproximationFunction tapas/Cell tapas/Date tapas/IndexMap tapas/NumericValue
tapas/NumericValueSpan tapas/ProductIndexMap tapas/Question tapas/Relation tapas/SerializedExample
tapas/TableQuestionAnsweringOutput tapas/TokenCoordinates tapas/TokenizedTable
time_series_transformer/TimeSeries* udop/RelativePositionBias* vilt/TextEmbeddings
vitmatte/ImageMattingOutput vitpose_backbone/VitPoseNaiveMoe
wav2vec2_with_lm/Wav2Vec2DecoderWithLMOutput wav2vec2_with_lm/Wav2Vec2ProcessorWithLM
x_clip/PromptGeneratorLayer yolos/InterpolateInitialPositionEmbeddings
yolos/InterpolateMidPositionEmbeddings zoedepth/LogBinomialSoftmax

""".split()

# NAM003-NAM005 are style rules the released tree predates: meant for changed files only (`changed-only` in TOP).
# NAM003-NAM005 skip modular-generated files (default `generated-marker`) and check the modular source.
NAMING: dict[str, Any] = {
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
}


# ==================================================================================================== pipelines
# `utils/check_pipeline_typing.py` and `utils/update_metadata.py --check-only` (the released tree ships no `utils/`:
# PIP002 then reports nothing).
PIPELINES: dict[str, Any] = {
    "pipelines-file": "src/transformers/pipelines/__init__.py",
    "metadata-file": "utils/update_metadata.py",
}


# ========================================================================================================= deps
# `python setup.py deps_table_update` (in `make style` / `make fix-repo`) writes this table from `_deps`.
DEPS: dict[str, Any] = {"table-file": "src/transformers/dependency_versions_table.py"}


# ======================================================================================== the sections, by family
SECTIONS: dict[str, dict[str, Any]] = {
    "copies": COPIES,
    "inits": INITS,
    "auto": AUTO,
    "dummies": DUMMIES,
    "toc": TOC,
    "docstrings": DOCSTRINGS,
    "structure": STRUCTURE,
    "naming": NAMING,
    "pipelines": PIPELINES,
    "deps": DEPS,
}
