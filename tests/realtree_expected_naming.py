"""What NAM001/NAM002 report on the released transformers 5.23.0 tree with the `transformers` preset: real
defects only, each with its reason. Everything else the released tree does differently is an exception of the
preset (`ignore-files` and `ignore-classes` in the naming block of repo_lint/presets/transformers.py), so a new
finding is a regression."""

M = "src/transformers/models/"

# (code, path, class or file, why it is a real defect)
TRANSFORMERS_NAMING_DEFECTS = [
    (
        "NAM002",
        M + "kosmos2/modeling_kosmos2.py",
        "KosmosTextAttention",
        "every sibling is `Kosmos2Text*` (Kosmos2TextConfig); this one lost the `2`, so its name points at no model",
    ),
    (
        "NAM002",
        M + "minimax_m3_vl/modeling_minimax_m3_vl.py",
        "MiniMaxM3SparseForConditionalGeneration",
        "the model's config is MiniMaxM3VLConfig; the head class carries another model's name (its docstring even "
        "loads a `mini_max_m3_sparse-hf` checkpoint that is a template leftover)",
    ),
    (
        "NAM002",
        M + "moonshine_streaming/modeling_moonshine_streaming.py",
        "MoonshinMoonshineStreamingDecoderMLP",
        "a misspelt duplicate of MoonshineStreamingDecoderMLP (declared in modular_moonshine_streaming.py, used nowhere)",
    ),
]
