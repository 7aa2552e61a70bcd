package org.talkfx.installer.models;

import java.util.List;

/**
 * The files a TalkFX render needs, with where {@code talkfx models layout} puts them (relative to the models folder)
 * and the names users download them under (docs/models.md).
 */
public enum ModelComponent {
    DIT("DiT", true, "Wan2.1-I2V-14B-480P/", List.of(
            "diffusion_pytorch_model-0000{1..7}-of-00007.safetensors + diffusion_pytorch_model.safetensors.index.json"
                    + " (Wan-AI/Wan2.1-I2V-14B-480P)",
            "or one ComfyUI repack: Wan2_1-I2V-14B-480P_fp8_e4m3fn.safetensors, Wan2_1-I2V-14B-480p_fp8_e4m3fn_scaled_KJ.safetensors")),
    ADAPTER("InfiniteTalk adapter", true, "InfiniteTalk/", List.of(
            "single/infinitetalk.safetensors and/or multi/infinitetalk.safetensors (MeiGen-AI/InfiniteTalk)",
            "or Wan2_1-InfiniTetalk-Single_fp16.safetensors (sic), Wan2_1-InfiniteTalk-Multi_fp16.safetensors,"
                    + " Wan2_1-InfiniteTalk-{Single,Multi}_fp8_{e4m3fn,e5m2}_scaled_KJ.safetensors (Kijai)")),
    VAE("VAE", true, "vae/", List.of("Wan2_1_VAE_bf16.safetensors or Wan2_1_VAE_fp32.safetensors (Kijai/WanVideo_comfy)")),
    CLIP("CLIP vision", true, "clip/", List.of("clip_vision_h.safetensors (ComfyUI)")),
    UMT5("umT5 text encoder", true, "text/", List.of("umt5-xxl-enc-bf16.safetensors (Kijai/WanVideo_comfy)")),
    TOKENIZER("umT5 tokenizer", true, "Wan2.1-I2V-14B-480P/google/umt5-xxl/", List.of(
            "tokenizer.json (google/umt5-xxl; spiece.model alone is not enough)")),
    WAV2VEC2("wav2vec2", true, "audio/", List.of(
            "wav2vec2-chinese-base_fp16.safetensors (Kijai/wav2vec2_safetensors)",
            "or chinese-wav2vec2-base/model.safetensors (TencentGameMate, revision refs/pr/1)")),
    LORA("speed LoRA", false, "lora/", List.of(
            "lightx2v_I2V_14B_480p_cfg_step_distill_rank64_bf16.safetensors (optional; fewer sampling steps)"));

    private final String label;
    private final boolean required;
    private final String folder;
    private final List<String> names;

    ModelComponent(String label, boolean required, String folder, List<String> names) {
        this.label = label;
        this.required = required;
        this.folder = folder;
        this.names = names;
    }

    public String label() {
        return label;
    }

    public boolean required() {
        return required;
    }

    /** The folder (under the models folder) that {@code models layout} suggests. */
    public String folder() {
        return folder;
    }

    /** The file names users have, for messages and the layout. */
    public List<String> names() {
        return names;
    }
}
