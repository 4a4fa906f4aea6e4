"""STR findings on the released trees with their preset: each one a real deviation, with its reason.

Deliberate designs and upstream allow-lists are exempt in the preset (`repo_lint/presets/<library>.py`, `STRUCTURE`);
what is left here is what the rules are for. Keys: (code, path, class name).
"""

_M = "src/transformers/models/"

TRANSFORMERS = {
    # STR004: more than two levels below PreTrainedModel (the contributor guides' "two levels of abstraction").
    (
        "STR004",
        _M + "bark/modeling_bark.py",
        "BarkSemanticModel",
    ): "derives from the shared BarkCausalModel, itself a model: a third level",
    (
        "STR004",
        _M + "bark/modeling_bark.py",
        "BarkCoarseModel",
    ): "derives from the shared BarkCausalModel, itself a model: a third level",
    (
        "STR004",
        _M + "dpr/modeling_dpr.py",
        "DPRContextEncoder",
    ): "legacy DPRPretrainedContextEncoder intermediate between DPRPreTrainedModel and the model",
    (
        "STR004",
        _M + "dpr/modeling_dpr.py",
        "DPRQuestionEncoder",
    ): "legacy DPRPretrainedQuestionEncoder intermediate between DPRPreTrainedModel and the model",
    (
        "STR004",
        _M + "dpr/modeling_dpr.py",
        "DPRReader",
    ): "legacy DPRPretrainedReader intermediate between DPRPreTrainedModel and the model",
    (
        "STR004",
        _M + "parakeet/modeling_parakeet.py",
        "ParakeetForTDT",
    ): "a head deriving from another head (ParakeetForRNNT)",
    (
        "STR004",
        _M + "pe_audio/modeling_pe_audio.py",
        "PeAudioFrameLevelModel",
    ): "derives from the concrete PeAudioModel",
    (
        "STR004",
        _M + "pvt_v2/modeling_pvt_v2.py",
        "PvtV2Backbone",
    ): "a backbone deriving from the concrete PvtV2Model instead of holding one",
    (
        "STR004",
        _M + "qwen2_5_omni/modeling_qwen2_5_omni.py",
        "Qwen2_5OmniThinkerModel",
    ): "Qwen2_5OmniPreTrainedModelForConditionalGeneration adds a third level",
    (
        "STR004",
        _M + "qwen2_5_omni/modeling_qwen2_5_omni.py",
        "Qwen2_5OmniThinkerForConditionalGeneration",
    ): "Qwen2_5OmniPreTrainedModelForConditionalGeneration adds a third level",
    (
        "STR004",
        _M + "qwen2_5_omni/modeling_qwen2_5_omni.py",
        "Qwen2_5OmniTalkerForConditionalGeneration",
    ): "Qwen2_5OmniPreTrainedModelForConditionalGeneration adds a third level",
    (
        "STR004",
        _M + "qwen3_omni_moe/modeling_qwen3_omni_moe.py",
        "Qwen3OmniMoeThinkerModel",
    ): "Qwen3OmniMoePreTrainedModelForConditionalGeneration adds a third level",
    (
        "STR004",
        _M + "qwen3_omni_moe/modeling_qwen3_omni_moe.py",
        "Qwen3OmniMoeThinkerForConditionalGeneration",
    ): "Qwen3OmniMoePreTrainedModelForConditionalGeneration adds a third level",
    # STR007: a PreTrainedModel subclass whose __init__ never runs post_init (weights not initialised/tied).
    (
        "STR007",
        _M + "inkling/modeling_inkling.py",
        "InklingAudioModel",
    ): "__init__ ends without self.post_init(); its base InklingPreTrainedModel has no __init__ that calls it",
    # STR008: the reference check_repo.py check_models_have_kwargs fails on these two.
    ("STR008", _M + "dac/modeling_dac.py", "DacModel"): "forward(input_values, n_quantizers, return_dict): no **kwargs",
    ("STR008", _M + "encodec/modeling_encodec.py", "EncodecModel"): "forward(...) without **kwargs",
}

DIFFUSERS: dict[tuple[str, str, str], str] = {}
