package org.talkfx.inference.pipeline;

import org.talkfx.common.BadInputException;
import org.talkfx.inference.audio.Wav2Vec2;
import org.talkfx.inference.audio.Wav2Vec2Config;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.clip.ClipVisionConfig;
import org.talkfx.inference.dit.DitConfig;
import org.talkfx.inference.dit.DitRandomWeights;
import org.talkfx.inference.t5.UmT5Config;
import org.talkfx.inference.t5.UmT5Encoder;
import org.talkfx.inference.t5.UnigramTokenizerJson;
import org.talkfx.inference.vae.WanVae;
import org.talkfx.inference.vae.WanVaeConfig;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A complete model folder with the real architecture at tiny sizes and random weights (the parity fixture
 * configurations, with the DiT's CLIP and audio widths adapted to the tiny CLIP and wav2vec2), laid out like a real
 * one: the DiT split into base weights and the InfiniteTalk adapter, the VAE, CLIP, umT5 with a tokenizer.json, and
 * wav2vec2. It exercises every loader and the whole pipeline; it cannot lip-sync.
 */
public final class TinyModel {
    private static final String[] ADAPTER_KEYS = {"audio_proj.", "audio_cross_attn.", "norm_x."};

    private TinyModel() {
    }

    /** Writes the folder (files written atomically; an existing complete folder is left as it is). */
    public static Path write(Path dir, long seed) {
        try {
            Files.createDirectories(dir);
            Path marker = dir.resolve("tiny-model.json");
            if (Files.exists(marker)) {
                return dir;
            }
            Map<String, TensorData> base = new LinkedHashMap<>();
            Map<String, TensorData> adapter = new LinkedHashMap<>();
            DitRandomWeights.randomWeights(DitConfig.tiny(), seed).forEach((k, v) -> {
                boolean isAdapter = false;
                for (String a : ADAPTER_KEYS) {
                    isAdapter |= k.startsWith(a) || k.contains("." + a);
                }
                (isAdapter ? adapter : base).put(k, v);
            });
            Map<String, String> meta = Map.of("talkfx", "tiny random model (pipeline demo, no lip-sync)");
            SafetensorsWriter.write(dir.resolve("dit/diffusion_pytorch_model.safetensors"), base, meta);
            SafetensorsWriter.write(dir.resolve("dit/infinitetalk.safetensors"), adapter, meta);
            SafetensorsWriter.write(dir.resolve("Wan2_1_VAE_tiny.safetensors"),
                    WanVae.randomWeights(WanVaeConfig.tiny(), seed + 1), meta);
            SafetensorsWriter.write(dir.resolve("clip_vision_tiny.safetensors"),
                    ClipVision.randomWeights(ClipVisionConfig.tiny(), seed + 2), meta);
            SafetensorsWriter.write(dir.resolve("umt5_tiny_encoder.safetensors"),
                    UmT5Encoder.randomWeights(UmT5Config.tiny(), seed + 3), meta);
            SafetensorsWriter.write(dir.resolve("wav2vec2_tiny.safetensors"),
                    Wav2Vec2.randomWeights(Wav2Vec2Config.tiny(), seed + 4), meta);
            writeTokenizer(dir.resolve("tokenizer.json"), UmT5Config.tiny().vocab());
            Path tmp = dir.resolve("tiny-model.json.tmp");
            Files.writeString(tmp, "{\"kind\": \"tiny random model\", \"seed\": " + seed + "}\n");
            Files.move(tmp, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot write the tiny model: " + e.getMessage(), e);
        }
    }

    /** Whether {@code dir} is a folder this class wrote. */
    public static boolean isTiny(Path dir) {
        return Files.exists(dir.resolve("tiny-model.json"));
    }

    /** Single characters and the word boundary as pieces, all ids below the tiny vocabulary. */
    static void writeTokenizer(Path file, int vocab) throws IOException {
        Map<String, Double> pieces = new LinkedHashMap<>();
        pieces.put("\u2581", -3.0);
        for (char c = 33; c < 127 && pieces.size() + 3 < vocab; c++) {
            pieces.put(String.valueOf(c), -5.0);
        }
        UnigramTokenizerJson.write(file, pieces);
    }
}
