package org.talkfx.inference.dit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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

    /** A copy of {@code src}'s weights on {@code m}'s device, owned by {@code m} (block offloading). */
    private DitBlock(DitBlock src, NDManager m) {
        this.c = src.c;
        this.index = src.index;
        modulation = copy(src.modulation, m);
        q = copy(src.q, m);
        k = copy(src.k, m);
        v = copy(src.v, m);
        o = copy(src.o, m);
        normQ = copy(src.normQ, m);
        normK = copy(src.normK, m);
        norm3W = copy(src.norm3W, m);
        norm3B = copy(src.norm3B, m);
        cq = copy(src.cq, m);
        ck = copy(src.ck, m);
        cv = copy(src.cv, m);
        co = copy(src.co, m);
        ckImg = copy(src.ckImg, m);
        cvImg = copy(src.cvImg, m);
        cNormQ = copy(src.cNormQ, m);
        cNormK = copy(src.cNormK, m);
        cNormKImg = copy(src.cNormKImg, m);
        normXW = copy(src.normXW, m);
        normXB = copy(src.normXB, m);
        aq = copy(src.aq, m);
        akv = copy(src.akv, m);
        aProj = copy(src.aProj, m);
        ffn0 = copy(src.ffn0, m);
        ffn2 = copy(src.ffn2, m);
    }

    /**
     * This block with its weights uploaded to {@code m}'s device for one use: a block kept in host memory (cards too
     * small for the whole model) is streamed in like this and freed when {@code m} closes.
     */
    DitBlock copyTo(NDManager m) {
        return new DitBlock(this, m);
    }

    private static NDArray copy(NDArray a, NDManager m) {
        if (a == null) {
            return null;
        }
        NDArray c = a.toDevice(m.getDevice(), true);
        c.attach(m);
        return c;
    }

    private static Linear copy(Linear l, NDManager m) {
        return new Linear(copy(l.weight(), m), copy(l.bias(), m));
    }

    DitBlock(NDManager m, Weights w, DitConfig c, int index, DataType linears) {
        this.c = c;
        this.index = index;
        modulation = w.get(m, "modulation").reshape(6, c.dim());
        q = Linear.load(m, w, "self_attn.q", linears);
        k = Linear.load(m, w, "self_attn.k", linears);
        v = Linear.load(m, w, "self_attn.v", linears);
        o = Linear.load(m, w, "self_attn.o", linears);
        normQ = c.qkNorm() ? w.get(m, "self_attn.norm_q.weight") : null;
        normK = c.qkNorm() ? w.get(m, "self_attn.norm_k.weight") : null;
        norm3W = c.crossAttnNorm() ? w.get(m, "norm3.weight") : null;
        norm3B = c.crossAttnNorm() ? w.get(m, "norm3.bias") : null;
        cq = Linear.load(m, w, "cross_attn.q", linears);
        ck = Linear.load(m, w, "cross_attn.k", linears);
        cv = Linear.load(m, w, "cross_attn.v", linears);
        co = Linear.load(m, w, "cross_attn.o", linears);
        ckImg = Linear.load(m, w, "cross_attn.k_img", linears);
        cvImg = Linear.load(m, w, "cross_attn.v_img", linears);
        cNormQ = c.qkNorm() ? w.get(m, "cross_attn.norm_q.weight") : null;
        cNormK = c.qkNorm() ? w.get(m, "cross_attn.norm_k.weight") : null;
        cNormKImg = c.qkNorm() ? w.get(m, "cross_attn.norm_k_img.weight") : null;
        normXW = c.normInputVisual() ? w.get(m, "norm_x.weight") : null;
        normXB = c.normInputVisual() ? w.get(m, "norm_x.bias") : null;
        aq = Linear.load(m, w, "audio_cross_attn.q_linear", linears);
        akv = Linear.load(m, w, "audio_cross_attn.kv_linear", linears);
        aProj = Linear.load(m, w, "audio_cross_attn.proj", linears);
        ffn0 = Linear.load(m, w, "ffn.0", linears);
        ffn2 = Linear.load(m, w, "ffn.2", linears);
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
        // q/k/v enter attention in its precision (fp16 on the GPU): rotating and attending in fp32 would double
        // the bytes of the largest tensors of the block
        NDArray qh = heads(rms(q.apply(h), normQ), tokens).toType(ctx.attentionType(), false);
        NDArray kh = heads(rms(k.apply(h), normK), tokens).toType(ctx.attentionType(), false);
        NDArray vh = heads(v.apply(h), tokens).toType(ctx.attentionType(), false);
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
            kh = LabelRope.apply(kh, SpeakerRouting.keyPositions(x.getManager(), (int) audioTokens, ctx.speakers()));
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
