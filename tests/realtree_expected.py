"""Every CPY finding repo-lint reports on the clean released trees, each with why it is a real defect.

The reference `check_copies.py` reports none of these: each is a place where it is silent (it skips
unreadable replacement pieces, compares a copy with itself, never looks above the marker, and — in
Diffusers — never compares the `def` line). A test asserts the findings are exactly these.
"""

from __future__ import annotations

TRANSFORMERS = "src/transformers/models/"
DIFFUSERS = "src/diffusers/"

# --- transformers 5.23.0 -------------------------------------------------------------------------------

_WHISPER_SELF = (
    "the marker sits on `WhisperTokenizer.<method>` and names that very method (left behind when the slow "
    "and fast Whisper tokenizers were merged): it promises nothing, and the reference compares the method "
    "with itself"
)
_WHISPER_METHODS = (
    "_decode_with_timestamps",
    "_compute_offsets",
    "timestamp_ids",
    "_preprocess_token_ids",
    "_filter_timestamp_ids",
    "decode",
    "prefix_tokens",
    "build_inputs_with_special_tokens",
    "get_special_tokens_mask",
    "get_decoder_prompt_ids",
    "get_prompt_ids",
    "_strip_prompt",
    "_convert_to_list",
)
_UNREAD_PIECE = (
    "a replacement written with spaces around `->` (or as free text) is skipped silently by the reference, "
    "so the rename the marker announces is never applied or checked"
)
_NO_WITH = "replacements without the `with` keyword: the reference applies them anyway; the marker is malformed"
_KERNEL = (
    "the source is decorated with `@use_kernel_forward_from_hub(...)` and the copy is not, so the copy is "
    "never swapped for the hub kernel; the reference never looks at decorators above the marker"
)
_IDEFICS_SIGNATURE = (
    "a marker nested in a copied class (whose `__init__` is `# Ignore copy`) says `__init__` is a copy of "
    "`CLIPAttention.__init__`, but it lost the source's `config: CLIPVisionConfig | CLIPTextConfig` "
    "annotation; the reference never checks markers nested inside a copy"
)

_MODELS_PREFIX = (
    "the marker starts with `models.` instead of `transformers.models.`: `models` is no package of the repository "
    "nor an installed one, so the reference (which only reads `transformers.` markers) never checks it. The marker "
    "annotates a code fragment inside `forward` (not a definition), so even spelled right it could not be checked"
)
_LOSS_PREFIX = (
    "`loss.` instead of `transformers.loss.`: `ImageLoss.<method>` exists in the repository under that name, but "
    "the reference never reads a marker without the `transformers.` prefix, so this copy was never compared"
)

TRANSFORMERS_FINDINGS: dict[tuple[str, str, str], str] = {
    **{
        (
            "CPY010",
            TRANSFORMERS + f"{model}/modeling_{model}.py",
            "bart.modeling_bart.BartModel.forward",
        ): _MODELS_PREFIX
        for model in ("t5", "mt5", "umt5")
    },
    **{
        (
            "CPY010",
            "src/transformers/loss/loss_lw_detr.py",
            f"loss_for_object_detection.ImageLoss.{method}",
        ): _LOSS_PREFIX
        for method in ("loss_boxes", "loss_masks", "_get_source_permutation_idx", "_get_target_permutation_idx")
    },
    (
        "CPY010",
        TRANSFORMERS + "flaubert/modeling_flaubert.py",
        "models.xlm.modeling_xlm.XLMForQuestionAnsweringOutput",
    ): "`transformer.` (no `s`): a typo that makes the reference skip the marker; the repository has the target",
    **{
        (
            "CPY004",
            TRANSFORMERS + "whisper/tokenization_whisper.py",
            f"models.whisper.tokenization_whisper.WhisperTokenizer.{name}",
        ): _WHISPER_SELF
        for name in _WHISPER_METHODS
    },
    **{
        ("CPY004", TRANSFORMERS + path, target): (
            "the marker names the very definition it sits on (left behind when the image processor "
            "variants were merged into one file): it promises nothing and the reference compares it with itself"
        )
        for path, target in (
            (
                "detr/image_processing_detr.py",
                "models.detr.image_processing_detr.DetrImageProcessor.post_process_object_detection",
            ),
            (
                "gemma4/image_processing_gemma4.py",
                "models.gemma4.image_processing_gemma4.get_aspect_ratio_preserving_size",
            ),
            (
                "maskformer/image_processing_maskformer.py",
                "models.maskformer.image_processing_maskformer.MaskFormerImageProcessor.post_process_instance_segmentation",
            ),
            (
                "maskformer/image_processing_maskformer.py",
                "models.maskformer.image_processing_maskformer.MaskFormerImageProcessor.post_process_panoptic_segmentation",
            ),
        )
    },
    ("CPY003", TRANSFORMERS + "align/modeling_align.py", "models.bert.modeling_bert.BertPooler"): _UNREAD_PIECE,
    (
        "CPY003",
        TRANSFORMERS + "blip/modeling_blip_text.py",
        "models.bert.modeling_bert.BertIntermediate",
    ): _UNREAD_PIECE,
    ("CPY003", TRANSFORMERS + "blip/modeling_blip_text.py", "models.bert.modeling_bert.BertOutput"): _UNREAD_PIECE,
    ("CPY003", TRANSFORMERS + "blip/modeling_blip_text.py", "models.bert.modeling_bert.BertSelfOutput"): _UNREAD_PIECE,
    (
        "CPY003",
        TRANSFORMERS + "dab_detr/modeling_dab_detr.py",
        "models.conditional_detr.modeling_conditional_detr.ConditionalDetrDecoderOutput",
    ): _UNREAD_PIECE,
    (
        "CPY003",
        TRANSFORMERS + "dab_detr/modeling_dab_detr.py",
        "models.conditional_detr.modeling_conditional_detr.ConditionalDetrModelOutput",
    ): _UNREAD_PIECE,
    (
        "CPY003",
        TRANSFORMERS + "depth_pro/modeling_depth_pro.py",
        "models.dpt.modeling_dpt.DPTPreActResidualLayer",
    ): _NO_WITH,
    (
        "CPY003",
        TRANSFORMERS + "git/modeling_git.py",
        "models.altclip.modeling_altclip.AltCLIPEncoder",
    ): "`CLIPConfig` alone is not a replacement; the reference ignores it",
    (
        "CPY003",
        TRANSFORMERS + "grounding_dino/modeling_grounding_dino.py",
        "models.deformable_detr.modeling_deformable_detr.DeformableDetrMultiscaleDeformableAttention",
    ): _UNREAD_PIECE,
    (
        "CPY003",
        TRANSFORMERS + "musicgen_melody/modeling_musicgen_melody.py",
        "models.musicgen.modeling_musicgen.MusicgenForCausalLM",
    ): "`MusicGen->Musicgen Melody`: the reference applies `MusicGen->Musicgen` and drops `Melody` as an option",
    (
        "CPY003",
        TRANSFORMERS + "omdet_turbo/modeling_omdet_turbo.py",
        "models.deformable_detr.modeling_deformable_detr.DeformableDetrMultiscaleDeformableAttention",
    ): _UNREAD_PIECE,
    (
        "CPY003",
        TRANSFORMERS + "rt_detr/modeling_rt_detr_resnet.py",
        "models.resnet.modeling_resnet.ResNetShortCut",
    ): "`ResNetShortCut -> RTDetrResNetShortCut` has no `with` and spaces around the arrow: never applied",
    **{
        ("CPY007", TRANSFORMERS + f"{model}/modeling_{model}.py", f"models.llama.modeling_llama.{name}"): _KERNEL
        for model, name in (
            ("chameleon", "LlamaRMSNorm"),
            ("chameleon", "apply_rotary_pos_emb"),
            ("clvp", "LlamaRMSNorm"),
            ("falcon", "apply_rotary_pos_emb"),
            ("gpt_neox_japanese", "apply_rotary_pos_emb"),
            ("idefics2", "LlamaRMSNorm"),
            ("idefics3", "LlamaRMSNorm"),
            ("mimi", "apply_rotary_pos_emb"),
            ("mllama", "LlamaRMSNorm"),
            ("mllama", "apply_rotary_pos_emb"),
            ("moshi", "apply_rotary_pos_emb"),
            ("persimmon", "apply_rotary_pos_emb"),
            ("pixtral", "LlamaRMSNorm"),
            ("stablelm", "apply_rotary_pos_emb"),
            ("zamba", "LlamaRMSNorm"),
        )
    },
    (
        "CPY008",
        TRANSFORMERS + "idefics2/modeling_idefics2.py",
        "models.clip.modeling_clip.CLIPAttention.__init__",
    ): _IDEFICS_SIGNATURE,
    (
        "CPY008",
        TRANSFORMERS + "idefics3/modeling_idefics3.py",
        "models.clip.modeling_clip.CLIPAttention.__init__",
    ): _IDEFICS_SIGNATURE,
}

# --- diffusers 0.42.1 ----------------------------------------------------------------------------------

_SPACED = "`a -> b` with spaces: the reference skips the piece silently, so the rename is never applied"
# Not findings: a modular-pipeline copy that turns the method into a `@staticmethod` taking the instance as its first
# parameter (`get_timesteps(components, ...)`) is the convention CPY007/CPY008 accept (9 such copies in 0.42.1).
_DIFFUSERS_SIGNATURE = (
    "the copy's `def` line differs from its source (annotations, defaults or parameters); the Diffusers "
    "reference never compares that line, so the signatures drifted apart unnoticed"
)

_LDM_BERT = DIFFUSERS + "pipelines/latent_diffusion/pipeline_latent_diffusion.py"
_NEEDS_TRANSFORMERS = (
    "LDMBert copies Bart from the `transformers` package, which is not part of this repository: the copy can "
    "only be checked where `transformers` is installed (the reference reads `diffusers.` markers only and never "
    "checks it). Not a defect of the tree by itself; reported so that the unchecked copy is visible"
)

# Findings that depend on `transformers` NOT being importable where repo-lint runs (see the next table).
DIFFUSERS_WITHOUT_TRANSFORMERS: dict[tuple[str, str], str] = {
    (_LDM_BERT, "models.bart.modeling_bart.BartAttention"): _NEEDS_TRANSFORMERS,
    (_LDM_BERT, "models.bart.modeling_bart.BartPretrainedModel"): _NEEDS_TRANSFORMERS,
}

# The same two markers checked against transformers 5.23.0's source (`PYTHONPATH=<transformers>/src`):
# (code, target) -> why. Both copies are real drift: Diffusers vendored Bart years ago and transformers moved on.
DIFFUSERS_WITH_TRANSFORMERS: dict[tuple[str, str], str] = {
    (
        "CPY001",
        "models.bart.modeling_bart.BartAttention",
    ): "transformers' BartAttention now takes `is_causal`, `config`, `layer_idx` and a `Cache`; the LDMBert copy "
    "keeps the old `head_dim` argument, `_shape` helper and tuple caches",
    (
        "CPY008",
        "models.bart.modeling_bart.BartPretrainedModel",
    ): "`BartPretrainedModel` is now a deprecated alias `class BartPretrainedModel(BartPreTrainedModel)`; the copy "
    "still subclasses `PreTrainedModel`",
    (
        "CPY001",
        "models.bart.modeling_bart.BartPretrainedModel",
    ): "the alias only warns in `__init_subclass__`; the copy holds the old pre-trained-model body",
}

DIFFUSERS_FINDINGS_BY_CODE: dict[str, dict[tuple[str, str], str]] = {
    "CPY010": DIFFUSERS_WITHOUT_TRANSFORMERS,
    "CPY003": {
        (
            DIFFUSERS + "models/unets/unet_stable_cascade.py",
            "pipelines.deprecated.wuerstchen.modeling_wuerstchen_common.WuerstchenLayerNorm",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/animatediff/pipeline_animatediff.py",
            "pipelines.stable_diffusion.pipeline_stable_diffusion.StableDiffusionPipeline.encode_prompt",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/animatediff/pipeline_animatediff_controlnet.py",
            "pipelines.stable_diffusion.pipeline_stable_diffusion.StableDiffusionPipeline.encode_prompt",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/animatediff/pipeline_animatediff_sparsectrl.py",
            "pipelines.stable_diffusion.pipeline_stable_diffusion.StableDiffusionPipeline.encode_prompt",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/deepfloyd_if/pipeline_if_img2img_superresolution.py",
            "pipelines.deepfloyd_if.pipeline_if_img2img.IFImg2ImgPipeline.preprocess_image",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/deepfloyd_if/pipeline_if_inpainting_superresolution.py",
            "pipelines.deepfloyd_if.pipeline_if_img2img.IFImg2ImgPipeline.preprocess_image",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/deprecated/pia/pipeline_pia.py",
            "pipelines.stable_diffusion.pipeline_stable_diffusion.StableDiffusionPipeline.encode_prompt",
        ): _SPACED,
        (
            DIFFUSERS + "pipelines/pag/pipeline_pag_sd_animatediff.py",
            "pipelines.stable_diffusion.pipeline_stable_diffusion.StableDiffusionPipeline.encode_prompt",
        ): _SPACED,
    },
    "CPY007": {
        (
            DIFFUSERS + "models/transformers/transformer_wan_animate.py",
            "models.transformers.transformer_wan.WanTransformerBlock",
        ): "the copy lacks the source's `@maybe_allow_in_graph` decorator, which changes torch.compile behaviour",
        (
            DIFFUSERS + "pipelines/ltx2/pipeline_ltx2_dfr.py",
            "pipelines.ltx2.pipeline_ltx2.LTX2Pipeline.enhance_prompt",
        ): "the copy lacks the source's `@torch.no_grad()`: it builds autograd graphs the source does not",
    },
}

# CPY008 on diffusers: the method names whose copies' `def` lines drifted, with how many copies drifted.
DIFFUSERS_SIGNATURE_DRIFT: dict[str, int] = {
    "set_begin_index": 17,
    "set_attention_slice": 5,
    "get_timesteps": 4,
    "time_shift": 3,
    "enable_freeu": 3,
    "_time_shift_linear": 3,
    "_time_shift_exponential": 3,
    "scale_model_input": 2,
    "rescale_zero_terminal_snr": 2,
    "preprocess_image": 2,
    "prepare_extra_step_kwargs": 2,
    "_sigma_to_t": 2,
    "zero_module": 1,
    "unfuse_lora": 1,
    "trim_conditioning_sequence": 1,
    "set_timesteps": 1,
    "set_default_attn_processor": 1,
    "previous_timestep": 1,
    "preprocess": 1,
    "is_serializable": 1,
    "inputs": 1,
    "disable_freeu": 1,
    "_sigma_to_alpha_sigma_t": 1,
    "_init_step_index": 1,
    "_convert_to_karras": 1,
}
DIFFUSERS_SIGNATURE_REASON = _DIFFUSERS_SIGNATURE
