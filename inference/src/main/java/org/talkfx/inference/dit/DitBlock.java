package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.inference.weights.Weights;

import java.util.function.UnaryOperator;

/**
 * One {@code WanAttentionBlock} with InfiniteTalk's additions: modulated self-attention (qk RMSNorm, 3-D RoPE),
 * text + CLIP cross-attention (outputs summed before {@code o}), {@code norm_x} + per-latent-frame audio
 * cross-attention (L-RoPE routed for two speakers), modulated FFN.
 */
final class DitBlock {
    private final DitConfig c;
    private final int index;
    private final NDArray modulation;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear o;
    private final NDArray normQ;
    private final NDArray normK;
    private final NDArray norm3W;
    private final NDArray norm3B;
    private final Linear cq;
    private final Linear ck;
    private final Linear cv;
    private final Linear co;
    private final Linear ckImg;
    private final Linear cvImg;
    private final NDArray cNormQ;
    private final NDArray cNormK;
    private final NDArray cNormKImg;
    private final NDArray normXW;
    private final NDArray normXB;
    private final Linear aq;
    private final Linear akv;
    private final Linear aProj;
    private final Linear ffn0;
    private final Linear ffn2;

    /** {@code src} with every weight replaced by {@code move}'s copy of it (block offloading). */
    private DitBlock(DitBlock src, UnaryOperator<NDArray> move) {
        this.c = src.c;
        this.index = src.index;
        modulation = move(src.modulation, move);
        q = move(src.q, move);
        k = move(src.k, move);
        v = move(src.v, move);
        o = move(src.o, move);
        normQ = move(src.normQ, move);
        normK = move(src.normK, move);
        norm3W = move(src.norm3W, move);
        norm3B = move(src.norm3B, move);
        cq = move(src.cq, move);
        ck = move(src.ck, move);
        cv = move(src.cv, move);
        co = move(src.co, move);
        ckImg = move(src.ckImg, move);
        cvImg = move(src.cvImg, move);
        cNormQ = move(src.cNormQ, move);
        cNormK = move(src.cNormK, move);
        cNormKImg = move(src.cNormKImg, move);
        normXW = move(src.normXW, move);
        normXB = move(src.normXB, move);
        aq = move(src.aq, move);
        akv = move(src.akv, move);
        aProj = move(src.aProj, move);
        ffn0 = move(src.ffn0, move);
        ffn2 = move(src.ffn2, move);
    }

    /**
     * This block with its weights uploaded to {@code m}'s device for one use: a block kept in host memory (cards too
     * small for the whole model) is streamed in like this and freed when {@code m} closes.
     */
    DitBlock copyTo(NDManager m) {
        return new DitBlock(this, a -> {
            NDArray c = a.toDevice(m.getDevice(), true);
            c.attach(m);
            return c;
        });
    }

    /**
     * This block with its weights in page-locked host memory (freeing the pageable originals): the per-forward
     * upload then runs at the bus's speed instead of through a staging copy.
     */
    DitBlock pinned(BlockKernels kernels) {
        return new DitBlock(this, a -> {
            NDArray p = kernels.pin(a);
            a.close();
            return p;
        });
    }

    private static NDArray move(NDArray a, UnaryOperator<NDArray> move) {
        return a == null ? null : move.apply(a);
    }

    private static Linear move(Linear l, UnaryOperator<NDArray> move) {
        return new Linear(move(l.weight(), move), move(l.bias(), move), move(l.scale(), move), l.int8());
    }

    /** Loads one linear layer ({@code prefix.weight}, {@code prefix.bias}) in the placement's storage. */
    @FunctionalInterface
    interface LinearLoader {
        Linear load(NDManager m, Weights w, String prefix);
    }

    DitBlock(NDManager m, Weights w, DitConfig c, int index, LinearLoader linears) {
        this.c = c;
        this.index = index;
        modulation = w.get(m, "modulation").reshape(6, c.dim());
        q = linears.load(m, w, "self_attn.q");
        k = linears.load(m, w, "self_attn.k");
        v = linears.load(m, w, "self_attn.v");
        o = linears.load(m, w, "self_attn.o");
        normQ = c.qkNorm() ? w.get(m, "self_attn.norm_q.weight") : null;
        normK = c.qkNorm() ? w.get(m, "self_attn.norm_k.weight") : null;
        norm3W = c.crossAttnNorm() ? w.get(m, "norm3.weight") : null;
        norm3B = c.crossAttnNorm() ? w.get(m, "norm3.bias") : null;
        cq = linears.load(m, w, "cross_attn.q");
        ck = linears.load(m, w, "cross_attn.k");
        cv = linears.load(m, w, "cross_attn.v");
        co = linears.load(m, w, "cross_attn.o");
        ckImg = linears.load(m, w, "cross_attn.k_img");
        cvImg = linears.load(m, w, "cross_attn.v_img");
        cNormQ = c.qkNorm() ? w.get(m, "cross_attn.norm_q.weight") : null;
        cNormK = c.qkNorm() ? w.get(m, "cross_attn.norm_k.weight") : null;
        cNormKImg = c.qkNorm() ? w.get(m, "cross_attn.norm_k_img.weight") : null;
        normXW = c.normInputVisual() ? w.get(m, "norm_x.weight") : null;
        normXB = c.normInputVisual() ? w.get(m, "norm_x.bias") : null;
        aq = linears.load(m, w, "audio_cross_attn.q_linear");
        akv = linears.load(m, w, "audio_cross_attn.kv_linear");
        aProj = linears.load(m, w, "audio_cross_attn.proj");
        ffn0 = linears.load(m, w, "ffn.0");
        ffn2 = linears.load(m, w, "ffn.2");
    }

    /**
     * @param in [1, L, dim] in fp32 (the residual stream), owned by the block's scratch manager (every temporary of
     *           the block lands there)
     * @param e0 time projection [6, dim] (shift, scale, gate of attention; shift, scale, gate of FFN)
     */
    NDArray forward(NDArray in, NDArray e0, BlockContext ctx) {
        NDManager owner = in.getManager();
        BlockKernels kn = ctx.kernels();
        NDArray e = e0.add(modulation);
        NDArray[] mod = new NDArray[6];
        for (int i = 0; i < 6; i++) {
            mod[i] = e.get(i);
        }
        NDArray[] positions = new NDArray[1];
        NDArray x = Scratch.run(owner, () -> {
            NDArray h = kn.modulate(in, mod[0], mod[1]);
            ctx.clock().lap("norm1+modulation", h);
            SelfAttention sa = selfAttention(h, ctx);
            if (sa.labelPositions() != null) {
                sa.labelPositions().attach(owner);
                positions[0] = sa.labelPositions();
            }
            NDArray out = kn.gateResidual(in, sa.out(), mod[2]);
            ctx.clock().lap("self.gate+residual", out);
            return out;
        }, in);
        NDArray afterSelf = x;
        x = Scratch.run(owner, () -> {
            NDArray out = afterSelf.add(crossAttention(
                    c.crossAttnNorm() ? kn.norm(afterSelf, norm3W, norm3B) : afterSelf, ctx));
            ctx.clock().lap("cross-attention", out);
            return out;
        }, afterSelf, ctx.text(), ctx.clip());
        NDArray afterCross = x;
        x = Scratch.run(owner, () -> {
            NDArray out = afterCross.add(audioAttention(
                    c.normInputVisual() ? kn.norm(afterCross, normXW, normXB) : afterCross, ctx, positions[0]));
            ctx.clock().lap("audio-attention", out);
            return out;
        }, afterCross, ctx.audio());
        long ffnBytesPerToken = (long) c.ffnDim() * ctx.compute().getNumOfBytes() * 3; // hidden, GELU, slack
        return Scratch.byTokens(x, ffnBytesPerToken, ctx.tokenBudget(), (rows, start, end) -> {
            NDArray hidden = ffn0.apply(kn.modulate(rows, mod[3], mod[4]));
            ctx.clock().lap("ffn.norm+modulation+up", hidden);
            NDArray activated = kn.geluTanh(hidden);
            ctx.clock().lap("ffn.gelu", activated);
            NDArray down = ffn2.apply(activated);
            ctx.clock().lap("ffn.down", down);
            NDArray out = kn.gateResidual(rows, down, mod[5]);
            ctx.clock().lap("ffn.gate+residual", out);
            return out;
        });
    }

    /** Self-attention output and, for two speakers, each token's label position for the audio L-RoPE. */
    private record SelfAttention(NDArray out, NDArray labelPositions) {
    }

    private SelfAttention selfAttention(NDArray h, BlockContext ctx) {
        long tokens = h.getShape().get(1);
        BlockKernels kn = ctx.kernels();
        NDArray qLin = q.apply(h);
        NDArray kLin = k.apply(h);
        NDArray vh = heads(v.apply(h), tokens);
        ctx.clock().lap("self.qkv", vh);
        NDArray qh = ctx.rope().normAndRotate(kn, qLin, normQ, c.heads(), ctx.tokenBudget());
        NDArray kh = ctx.rope().normAndRotate(kn, kLin, normK, c.heads(), ctx.tokenBudget());
        ctx.clock().lap("self.rmsnorm+rope", kh);
        NDArray out = ctx.attention().attend(qh, kh, vh).reshape(1, tokens, c.dim());
        ctx.clock().lap("self.attention", out);
        NDArray positions = null;
        if (ctx.tokenMasks() != null && (ctx.speakers() > 1 || ctx.traceMaps())) {
            NDArray map = SpeakerRouting.referenceAttentionMap(qh, kh, ctx.tokenMasks(), mapChunk(ctx));
            ctx.trace().capture("block" + index + "_x_ref_attn_map", map);
            positions = ctx.speakers() > 1 ? SpeakerRouting.labelPositions(map) : null;
        }
        NDArray projected = o.apply(out);
        ctx.clock().lap("self.o", projected);
        return new SelfAttention(projected, positions);
    }

    private NDArray crossAttention(NDArray x, BlockContext ctx) {
        long tokens = x.getShape().get(1);
        BlockKernels kn = ctx.kernels();
        NDArray qh = heads(rms(kn, cq.apply(x), cNormQ), tokens);
        long textLen = ctx.text().getShape().get(1);
        long clipLen = ctx.clip().getShape().get(1);
        NDArray text = ctx.attention().attend(qh,
                heads(rms(kn, ck.apply(ctx.text()), cNormK), textLen), heads(cv.apply(ctx.text()), textLen));
        NDArray img = ctx.attention().attend(qh,
                heads(rms(kn, ckImg.apply(ctx.clip()), cNormKImg), clipLen), heads(cvImg.apply(ctx.clip()), clipLen));
        return co.apply(text.add(img).reshape(1, tokens, c.dim()));
    }

    /** Each latent frame's tokens attend to that frame's audio tokens only. */
    private NDArray audioAttention(NDArray x, BlockContext ctx, NDArray labelPositions) {
        int frames = ctx.frames();
        int perFrame = ctx.tokensPerFrame();
        long audioTokens = ctx.audio().getShape().get(1);
        NDArray qh = aq.apply(x.reshape(frames, perFrame, c.dim())).reshape(frames, perFrame, c.heads(), c.headDim());
        NDArray kv = akv.apply(ctx.audio()).reshape(frames, audioTokens, 2, c.heads(), c.headDim());
        NDArray kh = kv.get(":, :, 0");
        NDArray vh = kv.get(":, :, 1");
        if (ctx.speakers() > 1) {
            qh = LabelRope.apply(qh, labelPositions);
            kh = LabelRope.apply(kh, SpeakerRouting.keyPositions(x.getManager(), (int) audioTokens, ctx.speakers()));
        }
        NDArray out = ctx.attention().attend(qh, kh, vh).reshape(1, (long) frames * perFrame, c.dim());
        return aProj.apply(out);
    }

    private int mapChunk(BlockContext ctx) {
        long perQuery = (long) c.heads() * ctx.tokensPerFrame() * Float.BYTES;
        return (int) Math.max(1, Math.min(ctx.tokens(), (256L << 20) / perQuery));
    }

    private static NDArray rms(BlockKernels kn, NDArray x, NDArray weight) {
        return weight == null ? x : kn.rms(x, weight);
    }

    private NDArray heads(NDArray x, long tokens) {
        return x.reshape(1, tokens, c.heads(), c.headDim());
    }
}
