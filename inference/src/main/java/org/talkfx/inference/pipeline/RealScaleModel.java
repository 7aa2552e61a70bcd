package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.talkfx.inference.audio.Wav2Vec2;
import org.talkfx.inference.audio.Wav2Vec2Config;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.clip.ClipVisionConfig;
import org.talkfx.inference.dit.DitConfig;
import org.talkfx.inference.dit.DitPlacement;
import org.talkfx.inference.dit.DitRandomWeights;
import org.talkfx.inference.dit.InfiniteTalkDit;
import org.talkfx.inference.dit.TorchScriptAttention;
import org.talkfx.inference.vae.WanVae;
import org.talkfx.inference.vae.WanVaeConfig;
import org.talkfx.inference.weights.DType;
import org.talkfx.inference.weights.RandomDeviceWeights;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.SafetensorsWriter;
import org.talkfx.inference.weights.Weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The real networks at their real sizes (Wan2.1-I2V-14B + InfiniteTalk DiT, Wan VAE, CLIP ViT-H/14, wav2vec2-base)
 * with random weights drawn on the device, for timing whole windows where the checkpoints cannot be had: random
 * weights cost the same as trained ones. Placed as {@link NetworkModel} places them. The prompt's umT5 context is
 * a random [512, 4096] array: the text encoder runs once per prompt and is cached on disk, so it is no part of a
 * window's cost.
 */
final class RealScaleModel implements NetworkBackedModel {
    private final NDManager weights;
    private final TorchScriptAttention attention;
    private final Networks networks;
    private Path audioFile;
    private SafetensorsFile audioWeights;

    RealScaleModel(NDManager parent, DitPlacement placement, DataType vaeCompute, Consumer<String> notes) {
        weights = parent.newSubManager();
        DitConfig dc = DitConfig.wan14b();
        attention = new TorchScriptAttention(placement.compute() == DataType.FLOAT16
                ? TorchScriptAttention.Precision.FLOAT16 : TorchScriptAttention.Precision.FLOAT32);
        InfiniteTalkDit dit = new InfiniteTalkDit(new RandomDeviceWeights(DitRandomWeights.shapes(dc)), dc, attention,
                placement);
        WanVae vae = WanVae.load(weights, new RandomDeviceWeights(WanVae.parameterShapes(WanVaeConfig.wan21())),
                vaeCompute);
        ClipVision clip = ClipVision.load(weights,
                new RandomDeviceWeights(ClipVision.parameterShapes(ClipVisionConfig.vitH14())));
        // wav2vec2's random weights are drawn in Java (95 M parameters) and read back through a safetensors file
        Wav2Vec2Config w2v = Wav2Vec2Config.base();
        try {
            audioFile = Files.createTempFile("talkfx-wav2vec2-", ".safetensors");
            SafetensorsWriter.write(audioFile, Wav2Vec2.randomWeights(w2v, 3, DType.F16), Map.of());
            audioWeights = SafetensorsFile.open(audioFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        networks = new Networks(dit, vae, clip, Wav2Vec2.load(weights, Weights.of(audioWeights), w2v));
        notes.accept("real-size networks with random weights; DiT on " + placement + ", VAE in " + vaeCompute);
    }

    @Override
    public String id() {
        return "real-scale-random";
    }

    @Override
    public Networks networks() {
        return networks;
    }

    @Override
    public NDArray encodeText(NDManager m, String prompt) {
        return m.randomNormal(new Shape(DitConfig.wan14b().textLen(), DitConfig.wan14b().textDim()));
    }

    @Override
    public void close() {
        networks.dit().close();
        attention.close();
        networks.vae().close();
        networks.clip().close();
        networks.wav2vec2().close();
        weights.close();
        audioWeights.close();
        try {
            Files.deleteIfExists(audioFile);
        } catch (IOException e) {
            // a temp file; the OS cleans it eventually
        }
    }
}
