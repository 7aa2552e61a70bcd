package org.talkfx.inference.dit;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** DitFlops' matrix-product count against one derived independently from the weight shapes. */
class DitFlopsTest {
    @Test
    void linearFlopsEqualTwiceEachMatrixTimesTheRowsItIsAppliedTo() {
        DitConfig c = DitConfig.tiny().withTextLen(16);
        int frames = 5;
        int h = 8;
        int w = 6;
        int speakers = 2;
        double tokens = frames * (h / 2) * (w / 2);
        double expected = 0;
        for (Map.Entry<String, long[]> e : DitRandomWeights.shapes(c).entrySet()) {
            long[] s = e.getValue();
            String k = e.getKey();
            if (!k.endsWith(".weight") || s.length < 2) {
                continue; // biases, norms, modulations
            }
            double macs = 1;
            for (long d : s) {
                macs *= d;
            }
            expected += 2 * macs * rowsOf(k, c, tokens, frames, speakers);
        }
        DitFlops f = DitFlops.of(c, frames, h, w, speakers);
        assertThat(f.linear()).isCloseTo(expected, within(expected * 1e-12));
        // attention: q.k and p.v over self (L x L), text + CLIP (L x 273) and audio (L x 2 x 4), + the map (L x 12)
        double d = c.dim();
        double attention = c.layers() * (4 * tokens * tokens * d + 4 * tokens * (16 + 257) * d
                + 4 * tokens * speakers * c.contextTokens() * d + 2 * tokens * (h / 2) * (w / 2) * d);
        assertThat(f.attention()).isCloseTo(attention, within(attention * 1e-12));
    }

    /** How many input rows each weight matrix multiplies in one forward. */
    private static double rowsOf(String key, DitConfig c, double tokens, int frames, int speakers) {
        if (key.startsWith("text_embedding.") || key.matches("blocks\\.\\d+\\.cross_attn\\.[kv]\\.weight")) {
            return c.textLen();
        }
        if (key.startsWith("img_emb.") || key.matches("blocks\\.\\d+\\.cross_attn\\.[kv]_img\\.weight")) {
            return DitConfig.CLIP_TOKENS;
        }
        if (key.startsWith("time_")) {
            return 1;
        }
        if (key.contains("audio_cross_attn.kv_linear")) {
            return frames * speakers * c.contextTokens();
        }
        if (key.startsWith("audio_proj.proj1_vf")) {
            return speakers * (frames - 1);
        }
        if (key.startsWith("audio_proj.proj1")) {
            return speakers;
        }
        if (key.startsWith("audio_proj.")) {
            return speakers * frames;
        }
        return tokens; // patch embedding, self/cross/audio q and o, FFN, head
    }
}
