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
 * Constants are the official ones: speaker 1 in [0, 4], speaker 2 in [20, 24], background at 12.
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

    /**
     * Label position of every visual token [L]: the class with the largest affinity wins; a speaker's position is
     * its affinity min-max normalised (over all tokens) into its range, the background's is 12.
     */
    static NDArray labelPositions(NDArray map) {
        if (map.getShape().get(0) != 3) {
            throw new IllegalArgumentException("two speakers need 3 mask classes (speaker 1, speaker 2, background), got "
                    + map.getShape().get(0));
        }
        NDArray h1 = scaled(map.get(0), SPEAKER1);
        NDArray h2 = scaled(map.get(1), SPEAKER2);
        NDArray back = h1.onesLike().mul(BACKGROUND);
        NDArray candidates = NDArrays.stack(new NDList(h1, h2, back), 0); // [3, L]
        NDArray winner = map.argMax(0).reshape(1, -1);
        return candidates.gather(winner, 0).reshape(-1);
    }

    private static NDArray scaled(NDArray row, float[] range) {
        NDArray min = row.min();
        NDArray max = row.max();
        return row.sub(min).div(max.sub(min).add(1e-8f)).mul(range[1] - range[0]).add(range[0]);
    }

    /** Positions of the audio keys of one latent frame [tokens]: speaker 1's half at 2, speaker 2's at 22. */
    static NDArray keyPositions(NDManager manager, int audioTokens) {
        float[] pos = new float[audioTokens];
        for (int i = 0; i < audioTokens; i++) {
            pos[i] = i < audioTokens / 2 ? (SPEAKER1[0] + SPEAKER1[1]) / 2 : (SPEAKER2[0] + SPEAKER2[1]) / 2;
        }
        return manager.create(pos);
    }
}
