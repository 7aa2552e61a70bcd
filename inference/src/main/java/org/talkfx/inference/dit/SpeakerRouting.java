package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Multi-speaker routing (MultiTalk's L-RoPE): each visual token's affinity to the speaker regions of the reference
 * frame, and from it the label position that steers the audio cross-attention towards one speaker's tokens.
 * Constants are the official ones for two speakers: speaker 1 in [0, 4], speaker 2 in [20, 24], background at
 * 12. More speakers use WanVideoWrapper's untrained generalisation: speaker i in [4i, 4i + 4], background 12.
 */
final class SpeakerRouting {
    static final float[] SPEAKER1 = {0, 4};
    static final float[] SPEAKER2 = {20, 24};
    static final float BACKGROUND = 12;

    private SpeakerRouting() {
    }

    /**
     * Masks [classes, h, w] at latent resolution, nearest-resized to the token grid as torch's
     * {@code interpolate(mode='nearest')} does (source index floor(i * in / out)), binarised (> 0) and flattened.
     */
    static NDArray tokenMasks(NDManager manager, NDArray masks, int rows, int cols) {
        Shape s = masks.getShape();
        if (s.dimension() != 3) {
            throw new IllegalArgumentException("ref_target_masks must be [classes, h, w], got " + s);
        }
        int classes = (int) s.get(0);
        int h = (int) s.get(1);
        int w = (int) s.get(2);
        float[] src = masks.toType(DataType.FLOAT32, false).toFloatArray();
        float[] out = new float[classes * rows * cols];
        double sh = (double) h / rows;
        double sw = (double) w / cols;
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < rows; i++) {
                int si = Math.min((int) Math.floor(i * sh), h - 1);
                for (int j = 0; j < cols; j++) {
                    int sj = Math.min((int) Math.floor(j * sw), w - 1);
                    out[(c * rows + i) * cols + j] = src[(c * h + si) * w + sj] > 0 ? 1f : 0f;
                }
            }
        }
        return manager.create(out, new Shape(classes, (long) rows * cols));
    }

    /**
     * {@code x_ref_attn_map} [classes, L]: for every token, the softmax attention of its (post-RoPE) query over the
     * reference frame's keys (latent frame 0: the first rows x cols tokens, as many as the masks have), summed over each class mask, divided by the mask
     * size and averaged over heads. As in the official code the heads are taken as two equal groups, so an odd last
     * head is left out. Queries are processed in chunks of {@code queryChunk}.
     */
    static NDArray referenceAttentionMap(NDArray q, NDArray k, NDArray tokenMasks, int queryChunk) {
        long heads = q.getShape().get(2);
        long used = heads >= 2 ? 2 * (heads / 2) : heads;
        long tokens = q.getShape().get(1);
        long ref = tokenMasks.getShape().get(1);
        long d = q.getShape().get(3);
        float[] counts = tokenMasks.sum(new int[]{1}).toFloatArray();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("ref_target_masks class " + c + " covers no token of the grid");
            }
        }
        NDArray weights = tokenMasks.div(tokenMasks.sum(new int[]{1}, true)).transpose(); // [R, C]
        NDArray refK = k.get("0, :{}, :{}", ref, used).transpose(1, 2, 0); // [H, D, R]
        NDList parts = new NDList();
        for (long start = 0; start < tokens; start += queryChunk) {
            long end = Math.min(tokens, start + queryChunk);
            try (NDManager chunk = q.getManager().newSubManager()) { // frees this chunk's scores
                NDArray qc = q.get("0, {}:{}, :{}", start, end, used);
                qc.attach(chunk);
                NDArray probs = qc.transpose(1, 0, 2).mul((float) (1 / Math.sqrt(d))).matMul(refK).softmax(-1);
                NDArray part = probs.matMul(weights).mean(new int[]{0}); // [c, C]
                part.attach(q.getManager());
                parts.add(part);
            }
        }
        NDArray map = parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 0);
        return map.transpose();
    }

    /** Each speaker's label range: the official two, or [4i, 4i + 4] for more (spec 3.1). */
    static float[][] ranges(int speakers) {
        if (speakers <= 2) {
            return speakers == 1 ? new float[][]{SPEAKER1} : new float[][]{SPEAKER1, SPEAKER2};
        }
        float[][] r = new float[speakers][];
        for (int i = 0; i < speakers; i++) {
            r[i] = new float[]{4f * i, 4f * i + 4};
        }
        return r;
    }

    /**
     * Label position of every visual token [L] from the map [speakers + 1, L] (the last row is the background):
     * the class with the largest affinity wins; a speaker's position is its affinity min-max normalised (over all
     * tokens) into its range, the background's is 12.
     */
    static NDArray labelPositions(NDArray map) {
        int classes = (int) map.getShape().get(0);
        if (classes < 3) {
            throw new IllegalArgumentException("speaker routing needs 2 or more speaker masks plus a background, got "
                    + classes + " mask classes");
        }
        float[][] ranges = ranges(classes - 1);
        NDList rows = new NDList();
        for (int i = 0; i < classes - 1; i++) {
            rows.add(scaled(map.get(i), ranges[i]));
        }
        rows.add(rows.get(0).onesLike().mul(BACKGROUND));
        NDArray candidates = NDArrays.stack(rows, 0); // [classes, L]
        NDArray winner = map.argMax(0).reshape(1, -1);
        return candidates.gather(winner, 0).reshape(-1);
    }

    private static NDArray scaled(NDArray row, float[] range) {
        NDArray min = row.min();
        NDArray max = row.max();
        return row.sub(min).div(max.sub(min).add(1e-8f)).mul(range[1] - range[0]).add(range[0]);
    }

    /** Positions of the audio keys of one latent frame [tokens]: each speaker's share at the middle of its range. */
    static NDArray keyPositions(NDManager manager, int audioTokens, int speakers) {
        float[][] ranges = ranges(speakers);
        int per = audioTokens / speakers;
        float[] pos = new float[audioTokens];
        for (int i = 0; i < audioTokens; i++) {
            float[] r = ranges[Math.min(i / per, speakers - 1)];
            pos[i] = (r[0] + r[1]) / 2;
        }
        return manager.create(pos);
    }
}
