package org.talkfx.installer.models;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talkfx.cli.TalkFx;
import org.talkfx.inference.audio.Wav2Vec2;
import org.talkfx.inference.audio.Wav2Vec2Config;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.clip.ClipVisionConfig;
import org.talkfx.inference.dit.DitConfig;
import org.talkfx.inference.dit.DitRandomWeights;
import org.talkfx.inference.face.FaceModel;
import org.talkfx.inference.face.FaceModelLocator;
import org.talkfx.inference.t5.UmT5Config;
import org.talkfx.inference.t5.UmT5Encoder;
import org.talkfx.inference.vae.WanVae;
import org.talkfx.inference.vae.WanVaeConfig;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.TensorData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model folders of tiny networks under the real file names and with the real key names (the random-weight
 * generators of each network), plus the real BlazeFace files from deps/.
 */
class ModelsVerifierTest {
    private static final Path FACE_ONNX = Path.of(System.getProperty("talkfx.root", ".."), "deps", "blazeface",
            "package", "ONNX");

    @TempDir
    Path tmp;

    /** The official shards + index, the single adapter, and the ComfyUI/Kijai files, as docs/models.md lays them out. */
    private Path completeFolder(String ditFolder) throws IOException {
        Path dir = tmp.resolve("models");
        Map<String, TensorData> dit = DitRandomWeights.randomWeights(DitConfig.tiny(), 1);
        Map<String, TensorData> base = new LinkedHashMap<>();
        Map<String, TensorData> adapter = new LinkedHashMap<>();
        dit.forEach((k, v) -> (k.contains("audio") || k.contains("norm_x") ? adapter : base).put(k, v));
        writeShards(dir.resolve(ditFolder), base, 7);
        SafetensorsWriter.write(dir.resolve("InfiniteTalk/single/infinitetalk.safetensors"), adapter, Map.of());
        SafetensorsWriter.write(dir.resolve("vae/Wan2_1_VAE_bf16.safetensors"), WanVae.randomWeights(WanVaeConfig.tiny(), 2), Map.of());
        SafetensorsWriter.write(dir.resolve("clip/clip_vision_h.safetensors"),
                ClipVision.randomWeights(ClipVisionConfig.tiny(), 3), Map.of());
        SafetensorsWriter.write(dir.resolve("text/umt5-xxl-enc-bf16.safetensors"),
                UmT5Encoder.randomWeights(UmT5Config.tiny(), 4, DType.F16), Map.of());
        Path tokenizer = dir.resolve(ditFolder).resolve("google/umt5-xxl/tokenizer.json");
        Files.createDirectories(tokenizer.getParent());
        Files.writeString(tokenizer, "{\"version\":\"1.0\",\"model\":{\"type\":\"Unigram\",\"unk_id\":2,"
                + "\"vocab\":[[\"<pad>\",0.0],[\"</s>\",0.0],[\"<unk>\",0.0],[\"▁hello\",-8.5]]}}");
        Path roberta = dir.resolve(ditFolder).resolve("xlm-roberta-large/tokenizer.json");
        Files.createDirectories(roberta.getParent());
        Files.copy(tokenizer, roberta);
        SafetensorsWriter.write(dir.resolve("audio/wav2vec2-chinese-base_fp16.safetensors"),
                Wav2Vec2.randomWeights(Wav2Vec2Config.tiny(), 5, DType.F16), Map.of());
        SafetensorsWriter.write(dir.resolve("checkpoints/sd_xl_base_1.0.safetensors"),
                Map.of("conditioner.embedders.0.transformer.text_model.final_layer_norm.weight",
                        TensorData.f16(new long[]{4}, new float[4])), Map.of());
        SafetensorsWriter.write(dir.resolve("lora/lightx2v_I2V_14B_480p_cfg_step_distill_rank64_bf16.safetensors"), Map.of(
                "diffusion_model.blocks.0.self_attn.q.lora_down.weight", TensorData.bf16(new long[]{4, 64}, new float[256]),
                "diffusion_model.blocks.0.self_attn.q.lora_up.weight", TensorData.bf16(new long[]{64, 4}, new float[256])),
                Map.of());
        return dir;
    }

    private static void writeShards(Path dir, Map<String, TensorData> tensors, int shards) throws IOException {
        List<Map<String, TensorData>> parts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            parts.add(new LinkedHashMap<>());
        }
        StringBuilder index = new StringBuilder("{\"metadata\":{},\"weight_map\":{");
        int i = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            int s = i++ % shards;
            parts.get(s).put(e.getKey(), e.getValue());
            index.append(i > 1 ? "," : "").append('"').append(e.getKey()).append("\":\"").append(shardName(s, shards)).append('"');
        }
        for (int s = 0; s < shards; s++) {
            SafetensorsWriter.write(dir.resolve(shardName(s, shards)), parts.get(s), Map.of());
        }
        Files.writeString(dir.resolve("diffusion_pytorch_model.safetensors.index.json"), index.append("}}"));
    }

    private static String shardName(int s, int shards) {
        return String.format("diffusion_pytorch_model-%05d-of-%05d.safetensors", s + 1, shards);
    }

    private FaceModelLocator faces(Path dir) throws IOException {
        Path faceDir = Files.createDirectories(dir.resolve("face"));
        for (FaceModel m : FaceModel.values()) {
            Files.copy(FACE_ONNX.resolve(m.fileName()), faceDir.resolve(m.fileName()));
        }
        return new FaceModelLocator(List.of(faceDir), tmp.resolve("no-cache"));
    }

    private static FileReport file(VerifyReport r, String name) {
        return r.files().stream().filter(f -> f.path().getFileName().toString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCompleteFolderOfRealNamesPassesWithEveryFileRecognised() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        VerifyReport r = ModelsVerifier.verify(dir, faces(dir));
        assertThat(r.missing()).isEmpty();
        assertThat(r.mismatches()).isEmpty();
        assertThat(r.files()).allSatisfy(f -> assertThat(f.errors()).as(f.path().toString()).isEmpty());
        assertThat(r.ok()).isTrue();
        FileReport dit = file(r, "diffusion_pytorch_model.safetensors.index.json");
        assertThat(dit.component()).isEqualTo(ModelComponent.DIT);
        assertThat(dit.notes()).contains("7 shards");
        assertThat(dit.dtype()).isEqualTo("F32");
        assertThat(dit.bytes()).isGreaterThan(0);
        assertThat(r.files()).noneMatch(f -> f.path().getFileName().toString().startsWith("diffusion_pytorch_model-"));
        assertThat(file(r, "infinitetalk.safetensors").notes()).contains("single-speaker adapter");
        assertThat(file(r, "umt5-xxl-enc-bf16.safetensors").dtype()).isEqualTo("F16");
        assertThat(file(r, "wav2vec2-chinese-base_fp16.safetensors").component()).isEqualTo(ModelComponent.WAV2VEC2);
        assertThat(r.files()).filteredOn(f -> f.path().getFileName().toString().equals("tokenizer.json"))
                .extracting(FileReport::component).containsExactly(ModelComponent.TOKENIZER, null);
        assertThat(file(r, "lightx2v_I2V_14B_480p_cfg_step_distill_rank64_bf16.safetensors").component())
                .isEqualTo(ModelComponent.LORA);
        assertThat(r.faceDetector()).allMatch(FaceDetectorCheck.Result::ok);
        assertThat(file(r, "sd_xl_base_1.0.safetensors").notes()).containsExactly("ignored: not a model TalkFX uses");
    }

    @Test
    void theCommandPrintsEachFileAndExitsZeroOnlyWhenAllIsWell() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        faces(dir);
        String out = runCli("models", "verify", dir.toString());
        assertThat(out).contains("[ ok ] DiT", "Wan2.1 I2V DiT: dim 64, 2 layers", "[ ok ] VAE",
                "vae/Wan2_1_VAE_bf16.safetensors", "[ ok ] umT5 tokenizer", "SHA-256 matches", "All required model files")
                .endsWith("exit 0\n");
        Files.delete(dir.resolve("clip/clip_vision_h.safetensors"));
        assertThat(runCli("models", "verify", dir.toString())).contains("[MISS] CLIP vision", "clip_vision_h.safetensors")
                .endsWith("exit 1\n");
        assertThat(runCli("models", "layout")).contains("diffusion_pytorch_model.safetensors.index.json",
                "single/infinitetalk.safetensors", "Wan2_1_VAE_bf16.safetensors", "clip_vision_h.safetensors",
                "umt5-xxl-enc-bf16.safetensors", "tokenizer.json", "wav2vec2-chinese-base_fp16.safetensors",
                "face_detection_back_256x256_barracuda.onnx").endsWith("exit 0\n");
    }

    @Test
    void anEmptyFolderListsEveryRequiredFileAsMissing() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        VerifyReport r = ModelsVerifier.verify(dir, new FaceModelLocator(List.of(dir), tmp.resolve("no-cache")));
        assertThat(r.files()).isEmpty();
        assertThat(r.missing()).containsExactly(ModelComponent.DIT, ModelComponent.ADAPTER, ModelComponent.VAE,
                ModelComponent.CLIP, ModelComponent.UMT5, ModelComponent.TOKENIZER, ModelComponent.WAV2VEC2);
        assertThat(r.faceDetector()).noneMatch(FaceDetectorCheck.Result::ok)
                .allSatisfy(f -> assertThat(f.problem()).contains("missing", "talkfx faces --download-model"));
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aTruncatedDownloadIsReportedByName() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        Path vae = dir.resolve("vae/Wan2_1_VAE_bf16.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(vae.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        Path shard = dir.resolve("Wan2.1-I2V-14B-480P").resolve(shardName(3, 7));
        try (RandomAccessFile f = new RandomAccessFile(shard.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        VerifyReport r = ModelsVerifier.verify(dir, faces(dir));
        assertThat(file(r, "Wan2_1_VAE_bf16.safetensors").errors()).singleElement().asString()
                .contains("truncated", "download it again");
        assertThat(file(r, "diffusion_pytorch_model.safetensors.index.json").errors()).singleElement().asString()
                .contains("truncated", shardName(3, 7));
        assertThat(r.missing()).contains(ModelComponent.VAE, ModelComponent.DIT);
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aFileUnderTheWrongNameIsAWrongModelFamily() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        Files.move(dir.resolve("vae/Wan2_1_VAE_bf16.safetensors"), dir.resolve("clip/clip_vision_h.safetensors"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        VerifyReport r = ModelsVerifier.verify(dir, faces(dir));
        assertThat(file(r, "clip_vision_h.safetensors").errors()).singleElement().asString()
                .contains("named like the CLIP vision but its tensors are a VAE");
        assertThat(r.missing()).containsExactly(ModelComponent.VAE, ModelComponent.CLIP);
    }

    @Test
    void the720pDitIsRefusedBecauseInfiniteTalkUsesThe480pBase() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-720P");
        VerifyReport r = ModelsVerifier.verify(dir, faces(dir));
        assertThat(file(r, "diffusion_pytorch_model.safetensors.index.json").unsuitable()).singleElement().asString()
                .contains("720P", "480P");
        assertThat(r.missing()).containsExactly(ModelComponent.DIT);
        assertThat(r.ok()).isFalse();
        assertThat(runCli("models", "verify", dir.toString())).contains("[FAIL] DiT", "not usable: the 720P DiT")
                .endsWith("exit 1\n");

        // beside a usable 480P DiT (a shared ComfyUI folder) the 720P one is only skipped
        Map<String, TensorData> dit = new LinkedHashMap<>();
        DitRandomWeights.randomWeights(DitConfig.tiny(), 1).forEach((k, v) -> {
            if (!k.contains("audio") && !k.contains("norm_x")) {
                dit.put("model.diffusion_model." + k, v);
            }
        });
        SafetensorsWriter.write(dir.resolve("Wan2_1-I2V-14B-480P_fp8_e4m3fn.safetensors"), dit, Map.of());
        VerifyReport both = ModelsVerifier.verify(dir, faces(tmp.resolve("faces2")));
        assertThat(both.ok()).isTrue();
        assertThat(runCli("models", "verify", dir.toString())).contains("[skip] DiT", "[ ok ] DiT").endsWith("exit 0\n");
    }

    @Test
    void anAdapterNamedSingleButStoredLikeTheMultiFileIsAMismatch() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        Map<String, TensorData> adapter = new LinkedHashMap<>();
        DitRandomWeights.randomWeights(DitConfig.tiny(), 1).forEach((k, v) -> {
            if (k.contains("norm_x")) {
                adapter.put(k, TensorData.bf16(v.shape(), new float[v.bytes().length / 4]));
            } else if (k.contains("audio")) {
                adapter.put(k, v);
            }
        });
        SafetensorsWriter.write(dir.resolve("InfiniteTalk/single/infinitetalk.safetensors"), adapter, Map.of());
        VerifyReport r = ModelsVerifier.verify(dir, faces(dir));
        assertThat(file(r, "infinitetalk.safetensors").errors()).singleElement().asString()
                .contains("named single-speaker but stored like the official multi-speaker file");

        Path multi = dir.resolve("InfiniteTalk/multi/infinitetalk.safetensors");
        Files.createDirectories(multi.getParent());
        Files.move(dir.resolve("InfiniteTalk/single/infinitetalk.safetensors"), multi);
        VerifyReport moved = ModelsVerifier.verify(dir, faces(tmp.resolve("faces2")));
        assertThat(file(moved, "infinitetalk.safetensors").notes()).contains("multi-speaker adapter");
        assertThat(moved.ok()).isTrue();
    }

    @Test
    void componentsOfDifferentWidthsDoNotFitTogether() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        SafetensorsWriter.write(dir.resolve("text/umt5-xxl-enc-bf16.safetensors"),
                UmT5Encoder.randomWeights(new UmT5Config(512, 48, 48, 64, 4, 2, 32, false, 1e-6f), 4, DType.F16), Map.of());
        VerifyReport r = ModelsVerifier.verify(dir, faces(dir));
        assertThat(r.mismatches()).singleElement().asString()
                .contains("umt5-xxl-enc-bf16.safetensors has width 48", "expects text width 32");
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aDamagedFaceDetectorFailsItsHashAndPicklesAreIgnoredWithTheReason() throws IOException {
        Path dir = completeFolder("Wan2.1-I2V-14B-480P");
        FaceModelLocator locator = faces(dir);
        Path back = dir.resolve("face").resolve(FaceModel.BACK_256.fileName());
        byte[] bytes = Files.readAllBytes(back);
        bytes[bytes.length / 2] ^= 1;
        Files.write(back, bytes);
        Files.writeString(dir.resolve("Wan2.1-I2V-14B-480P/Wan2.1_VAE.pth"), "pickle");
        VerifyReport r = ModelsVerifier.verify(dir, locator);
        assertThat(r.faceDetector()).filteredOn(f -> !f.ok()).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("is not the pinned", "--download-model"));
        assertThat(file(r, "Wan2.1_VAE.pth").notes()).singleElement().asString().contains("ignored", "pickle");
        assertThat(file(r, "Wan2.1_VAE.pth").ok()).isTrue();
        assertThat(r.problems()).isEqualTo(1);
    }

    /** Runs the CLI in this JVM; returns its standard output plus "exit N". */
    private static String runCli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(ps);
            code = TalkFx.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8) + "exit " + code + "\n";
    }
}
