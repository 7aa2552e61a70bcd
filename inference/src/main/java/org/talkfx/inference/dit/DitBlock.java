package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.talkfx.inference.nn.Ops;
import org.talkfx.inference.weights.Weights;

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

    DitBlock(NDManager m, Weights w, DitConfig c, int index) {
        this.c = c;
        this.index = index;
        modulation = w.get(m, "modulation").reshape(6, c.dim());
        q = Linear.load(m, w, "self_attn.q");
        k = Linear.load(m, w, "self_attn.k");
        v = Linear.load(m, w, "self_attn.v");
        o = Linear.load(m, w, "self_attn.o");
        normQ = c.qkNorm() ? w.get(m, "self_attn.norm_q.weight") : null;
        normK = c.qkNorm() ? w.get(m, "self_attn.norm_k.weight") : null;
        norm3W = c.crossAttnNorm() ? w.get(m, "norm3.weight") : null;
        norm3B = c.crossAttnNorm() ? w.get(m, "norm3.bias") : null;
        cq = Linear.load(m, w, "cross_attn.q");
        ck = Linear.load(m, w, "cross_attn.k");
        cv = Linear.load(m, w, "cross_attn.v");
        co = Linear.load(m, w, "cross_attn.o");
        ckImg = Linear.load(m, w, "cross_attn.k_img");
        cvImg = Linear.load(m, w, "cross_attn.v_img");
        cNormQ = c.qkNorm() ? w.get(m, "cross_attn.norm_q.weight") : null;
        cNormK = c.qkNorm() ? w.get(m, "cross_attn.norm_k.weight") : null;
        cNormKImg = c.qkNorm() ? w.get(m, "cross_attn.norm_k_img.weight") : null;
        normXW = c.normInputVisual() ? w.get(m, "norm_x.weight") : null;
        normXB = c.normInputVisual() ? w.get(m, "norm_x.bias") : null;
        aq = Linear.load(m, w, "audio_cross_attn.q_linear");
        akv = Linear.load(m, w, "audio_cross_attn.kv_linear");
        aProj = Linear.load(m, w, "audio_cross_attn.proj");
        ffn0 = Linear.load(m, w, "ffn.0");
        ffn2 = Linear.load(m, w, "ffn.2");
    }

    /**
     * @param in [1, L, dim], owned by the block's scratch manager (every temporary of the block lands there)
     * @param e0 time projection [6, dim] (shift, scale, gate of attention; shift, scale, gate of FFN)
     */
    NDArray forward(NDArray in, NDArray e0, BlockContext ctx) {
        NDManager owner = in.getManager();
        NDArray e = e0.add(modulation);
        NDArray[] mod = new NDArray[6];
        for (int i = 0; i < 6; i++) {
            mod[i] = e.get(i);
        }
        NDArray[] positions = new NDArray[1];
        NDArray x = in.add(Scratch.run(owner, () -> {
            NDArray h = Ops.layerNorm(in, null, null, c.eps()).mul(mod[1].add(1f)).add(mod[0]);
            SelfAttention sa = selfAttention(h, ctx);
            if (sa.labelPositions() != null) {
                sa.labelPositions().attach(owner);
                positions[0] = sa.labelPositions();
            }
            return sa.out().mul(mod[2]);
        }, in));
        NDArray afterSelf = x;
        x = x.add(Scratch.run(owner, () -> crossAttention(
                c.crossAttnNorm() ? Ops.layerNorm(afterSelf, norm3W, norm3B, c.eps()) : afterSelf, ctx),
                afterSelf, ctx.text(), ctx.clip()));
        NDArray afterCross = x;
        x = x.add(Scratch.run(owner, () -> audioAttention(
                c.normInputVisual() ? Ops.layerNorm(afterCross, normXW, normXB, c.eps()) : afterCross, ctx,
                positions[0]), afterCross, ctx.audio()));
        NDArray afterAudio = x;
        long ffnBytesPerToken = (long) c.ffnDim() * Float.BYTES * 8; // the GELU-tanh chain's temporaries
        return x.add(Scratch.byTokens(afterAudio, ffnBytesPerToken, ctx.tokenBudget(), (rows, start, end) -> {
            NDArray f = Ops.layerNorm(rows, null, null, c.eps()).mul(mod[4].add(1f)).add(mod[3]);
            return ffn2.apply(Ops.geluTanh(ffn0.apply(f))).mul(mod[5]);
        }));
    }

    /** Self-attention output and, for two speakers, each token's label position for the audio L-RoPE. */
    private record SelfAttention(NDArray out, NDArray labelPositions) {
    }

    private SelfAttention selfAttention(NDArray h, BlockContext ctx) {
        long tokens = h.getShape().get(1);
        NDArray qh = heads(rms(q.apply(h), normQ), tokens);
        NDArray kh = heads(rms(k.apply(h), normK), tokens);
        NDArray vh = heads(v.apply(h), tokens);
        qh = ctx.rope().apply(qh, ctx.tokenBudget());
        kh = ctx.rope().apply(kh, ctx.tokenBudget());
        NDArray out = ctx.attention().attend(qh, kh, vh).reshape(1, tokens, c.dim());
        NDArray positions = null;
        if (ctx.tokenMasks() != null && (ctx.speakers() > 1 || ctx.traceMaps())) {
            NDArray map = SpeakerRouting.referenceAttentionMap(qh, kh, ctx.tokenMasks(), mapChunk(ctx));
            ctx.trace().capture("block" + index + "_x_ref_attn_map", map);
            positions = ctx.speakers() > 1 ? SpeakerRouting.labelPositions(map) : null;
        }
        return new SelfAttention(o.apply(out), positions);
    }

    private NDArray crossAttention(NDArray x, BlockContext ctx) {
        long tokens = x.getShape().get(1);
        NDArray qh = heads(rms(cq.apply(x), cNormQ), tokens);
        NDArray text = ctx.attention().attend(qh,
                heads(rms(ck.apply(ctx.text()), cNormK), ctx.text().getShape().get(1)),
                heads(cv.apply(ctx.text()), ctx.text().getShape().get(1)));
        NDArray img = ctx.attention().attend(qh,
                heads(rms(ckImg.apply(ctx.clip()), cNormKImg), ctx.clip().getShape().get(1)),
                heads(cvImg.apply(ctx.clip()), ctx.clip().getShape().get(1)));
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
            kh = LabelRope.apply(kh, SpeakerRouting.keyPositions(x.getManager(), (int) audioTokens));
        }
        NDArray out = ctx.attention().attend(qh, kh, vh).reshape(1, (long) frames * perFrame, c.dim());
        return aProj.apply(out);
    }

    private int mapChunk(BlockContext ctx) {
        long perQuery = (long) c.heads() * ctx.tokensPerFrame() * Float.BYTES;
        return (int) Math.max(1, Math.min(ctx.tokens(), (256L << 20) / perQuery));
    }

    private NDArray rms(NDArray x, NDArray weight) {
        return weight == null ? x : Ops.rmsNorm(x, weight, c.eps());
    }

    private NDArray heads(NDArray x, long tokens) {
        return x.reshape(1, tokens, c.heads(), c.headDim());
    }
}
