package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.talkfx.inference.engine.Engines;
import org.talkfx.inference.weights.SafetensorsFile;
import org.talkfx.inference.weights.Weights;
import org.talkfx.testing.SharedFixtures;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dit_1spk fixture: every stored intermediate of the official WanModel forward, plus the null-audio call. */
class DitParityTest {
    private static SafetensorsFile fixture;
    private static InfiniteTalkDit dit;
    private static NDManager manager;
    private static final Map<String, float[]> captured = new HashMap<>();
    private static final Map<String, float[]> capturedNull = new HashMap<>();
    private static float[] output;
    private static float[] outputNull;

    @BeforeAll
    static void run() {
        fixture = SafetensorsFile.open(SharedFixtures.parity("dit_1spk"));
        manager = Engines.pytorch().newBaseManager();
        Weights w = Weights.of(fixture).prefixed("weight.");
        DitConfig detected = DitConfig.detect(w);
        assertThat(detected.withTextLen(16)).isEqualTo(DitConfig.fixture());
        // 64 KiB of scores: the 80-token self-attention runs in two query chunks (51 + 29)
        dit = new InfiniteTalkDit(w, detected.withTextLen(16), AttentionBackend.chunked(64 << 10));
        DitInput in = new DitInput(input("x"), fixture.floats("input.t")[0], input("context"), input("clip_fea"),
                input("y"), input("audio"), input("ref_target_masks"));
        output = dit.forward(manager, in, (name, v) -> captured.put(name, v.toFloatArray())).toFloatArray();
        outputNull = dit.forward(manager, in.withoutAudio(), (name, v) -> capturedNull.put(name, v.toFloatArray()))
                .toFloatArray();
    }

    @AfterAll
    static void close() {
        dit.close();
        manager.close();
        fixture.close();
    }

    private static NDArray input(String name) {
        return fixture.load(manager, "input." + name);
    }

    @Test
    void outputMatches() {
        assertClose("output", output, fixture.floats("expected.output"));
    }

    @Test
    void nullAudioOutputMatches() {
        assertClose("output_null_audio", outputNull, fixture.floats("expected.output_null_audio"));
        assertClose("null_audio.audio_tokens", capturedNull.get("audio_tokens"),
                fixture.floats("expected.null_audio.audio_tokens"));
    }

    @Test
    void embeddingsMatch() {
        for (String name : new String[]{"patch_embedding", "time_embedding", "time_projection", "text_context",
                "clip_context", "audio_tokens", "token_ref_target_masks"}) {
            assertClose(name, captured.get(name), fixture.floats("expected." + name));
        }
    }

    @Test
    void blocksAndHeadMatch() {
        for (String name : new String[]{"block0_out", "block1_out", "block0_x_ref_attn_map", "block1_x_ref_attn_map",
                "head_out"}) {
            assertClose(name, captured.get(name), fixture.floats("expected." + name));
        }
    }

    @Test
    void tokenChunkedStagesGiveTheSameOutput() {
        Weights w = Weights.of(fixture).prefixed("weight.");
        // a 1-byte budget: FFN and RoPE run one token at a time
        try (InfiniteTalkDit oneTokenAtATime = new InfiniteTalkDit(w, DitConfig.fixture(),
                AttentionBackend.defaultBackend(), DitPlacement.on(ai.djl.Device.cpu(), ai.djl.ndarray.types.DataType.FLOAT32)
                .withTokenBudget(1))) {
            DitInput in = new DitInput(input("x"), fixture.floats("input.t")[0], input("context"), input("clip_fea"),
                    input("y"), input("audio"), input("ref_target_masks"));
            assertClose("output (token chunks)", oneTokenAtATime.forward(manager, in).toFloatArray(),
                    fixture.floats("expected.output"));
        }
    }

    @Test
    void audioChangesTheOutput() {
        double diff = 0;
        for (int i = 0; i < output.length; i++) {
            diff = Math.max(diff, Math.abs(output[i] - outputNull[i]));
        }
        assertThat(diff).isGreaterThan(1e-3);
    }

    @Test
    void forwardLeavesNothingInTheCallersOrModelsManager() {
        try (NDManager m = Engines.pytorch().newBaseManager()) {
            DitInput in = new DitInput(input("x").duplicate(), 500f, input("context"), input("clip_fea"), input("y"),
                    input("audio"), input("ref_target_masks"));
            in.x().attach(m);
            dit.forward(m, in).close(); // the first forward of a grid caches its RoPE tables with the weights
            int before = m.getManagedArrays().size();
            int held = dit.heldArrays();
            NDArray out = dit.forward(m, in);
            assertThat(m.getManagedArrays().size()).isEqualTo(before + 1);
            assertThat(dit.heldArrays()).isEqualTo(held);
            assertThat(out.getManager()).isSameAs(m);
        }
    }

    /** Fixture tolerance: 1e-4 absolute on unit-scale tensors, else 1e-4 of the tensor's max. */
    static void assertClose(String name, float[] actual, float[] expected) {
        assertThat(actual).as(name + " captured").isNotNull();
        assertThat(actual.length).as(name + " size").isEqualTo(expected.length);
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        double tol = 1e-4 * Math.max(1, maxRef);
        assertThat(maxDiff).as(name + " max abs diff (max |ref| " + maxRef + ")").isLessThanOrEqualTo(tol);
    }
}
