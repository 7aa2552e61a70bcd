package org.talkfx.inference.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.talkfx.common.BadInputException;
import org.talkfx.inference.audio.Wav2Vec2;
import org.talkfx.inference.clip.ClipVision;
import org.talkfx.inference.dit.AttentionBackend;
import org.talkfx.inference.dit.DitConfig;
import org.talkfx.inference.dit.DitPlacement;
import org.talkfx.inference.dit.InfiniteTalkDit;
import org.talkfx.inference.dit.TorchScriptAttention;
import org.talkfx.inference.perf.DitPlacementPlanner;
import org.talkfx.inference.t5.PromptEncoder;
import org.talkfx.inference.t5.UmT5Config;
import org.talkfx.inference.vae.WanVae;

import java.nio.file.Path;
import java.util.function.Consumer;

/** The real networks behind {@link GenerationModel}, loaded from a model folder. */
public final class NetworkModel implements NetworkBackedModel {
    private final String id;
    private final NDManager weights;
    private final PromptEncoder prompts;
    private final Networks networks;
    private final TorchScriptAttention attention; // null on CPU, where the chunked DJL attention runs
    private final ModelDirectory files;

    private NetworkModel(ModelDirectory files, String id, NDManager weights, Wav2Vec2 wav2vec2, PromptEncoder prompts,
                         ClipVision clip, WanVae vae, InfiniteTalkDit dit, TorchScriptAttention attention) {
        this.files = files;
        this.id = id;
        this.weights = weights;
        this.prompts = prompts;
        this.networks = new Networks(dit, vae, clip, wav2vec2);
        this.attention = attention;
    }

    /** A folder written by {@link TinyModel} (prompt cache inside it, no LoRA). */
    public static NetworkModel load(NDManager parent, Path dir) {
        return load(parent, dir, dir.resolve("prompt-cache"), false, m -> { });
    }

    /**
     * Loads every network of {@code dir} and checks that their widths fit together.
     *
     * @param promptCache where encoded prompts are kept (the 11 GB text encoder loads only on a miss)
     * @param speedLora   merge the folder's LoRA files into the DiT (the Draft preset's distilled sampling)
     * @param notes       told of skipped files and a missing speed LoRA
     */
    public static NetworkModel load(NDManager parent, Path dir, Path promptCache, boolean speedLora,
                                    Consumer<String> notes) {
        NDManager weights = parent.newSubManager();
        Wav2Vec2 w2v = null;
        PromptEncoder prompts = null;
        ClipVision clip = null;
        WanVae vae = null;
        InfiniteTalkDit dit = null;
        TorchScriptAttention attention = null;
        ModelDirectory md = null;
        try {
            // kept open: some networks read rows (the umT5 embedding table) from the mapped files on demand
            md = ModelDirectory.open(dir);
            md.notes().forEach(notes);
            org.talkfx.inference.weights.Weights ditWeights = md.dit();
            if (speedLora) {
                if (md.loras().isEmpty() && !TinyModel.isTiny(dir)) {
                    notes.accept("the draft preset expects a speed LoRA (e.g. lightx2v) in " + dir
                            + "; none found, so 4 unguided steps will look unfinished");
                } else {
                    ditWeights = md.ditWithLora(1f);
                }
            }
            DitConfig dc = DitConfig.detect(ditWeights);
            w2v = Wav2Vec2.load(weights, md.weights(ModelDirectory.Part.WAV2VEC2));
            UmT5Config t5Config = UmT5Config.fromWeights(md.weights(ModelDirectory.Part.T5));
            prompts = new PromptEncoder(md.textEncoder(), dir, promptCache, weights);
            clip = ClipVision.load(weights, md.weights(ModelDirectory.Part.CLIP));
            vae = WanVae.load(weights, md.weights(ModelDirectory.Part.VAE), vaeCompute(weights));
            int audioWidth = w2v.config().layers() * w2v.config().hidden();
            if (audioWidth != dc.audioWidth()) {
                throw new BadInputException(dir, "wav2vec2 gives " + w2v.config().layers() + " x "
                        + w2v.config().hidden() + " features per frame but the DiT's audio projection takes "
                        + dc.audioWidth());
            }
            if (clip.config().width() != dc.clipDim()) {
                throw new BadInputException(dir, "CLIP width " + clip.config().width() + " does not match the DiT's "
                        + dc.clipDim());
            }
            if (t5Config.dim() != dc.textDim()) {
                throw new BadInputException(dir, "umT5 width " + t5Config.dim() + " does not match the DiT's "
                        + dc.textDim());
            }
            DitPlacement placement = DitPlacementPlanner.plan(weights.getDevice(), notes);
            if (placement.device().isGpu()) {
                // fused attention in the linears' precision: flash/cuDNN kernels, no score matrix
                attention = new TorchScriptAttention(TorchScriptAttention.Precision.FLOAT16);
            }
            dit = new InfiniteTalkDit(ditWeights, dc, attention != null ? attention : AttentionBackend.defaultBackend(),
                    placement);
            return new NetworkModel(md, dir.getFileName().toString(), weights, w2v, prompts, clip, vae, dit, attention);
        } catch (RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[]{dit, attention, prompts, w2v, clip, vae, md}) {
                closeQuietly(c);
            }
            weights.close();
            throw e;
        }
    }

    /**
     * fp16 on a GPU (half the bytes of every feature map; {@code talkfx.vae.dtype=fp32} keeps float32), float32 on
     * CPU, where fp16 convolutions are slow.
     */
    private static DataType vaeCompute(NDManager weights) {
        boolean wide = "fp32".equals(System.getProperty("talkfx.vae.dtype"));
        return weights.getDevice().isGpu() && !wide ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the original error is the one to report
            }
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Networks networks() {
        return networks;
    }

    @Override
    public NDArray encodeText(NDManager m, String prompt) {
        return prompts.encode(m, prompt);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[]{networks.dit(), attention, prompts, networks.wav2vec2(),
                networks.clip(), networks.vae()}) {
            closeQuietly(c);
        }
        weights.close();
        files.close();
    }
}
