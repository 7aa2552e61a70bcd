"""Comparator for `talkfx bench gpu`: one Wan2.1-14B + InfiniteTalk block in plain PyTorch eager, timed on the GPU.

Runs only on the GPU machine (never in CI). Same math as our DJL block: modulation, LayerNorm, q/k/v with RMSNorm,
3-D RoPE (real-valued cos/sin), self-attention, CLIP+text cross-attention (summed), audio cross-attention with
32 tokens per latent frame, tanh-GELU FFN. Prints one JSON line per configuration.

usage: python3 wan_block_eager.py [--tokens-grid 21x30x52] [--dtype fp16|bf16]
                                  [--attention sdpa|cudnn|flash|efficient|chunked] [--stages] [--kernels]
                                  [--attention-only]
  --stages          per-stage time, waiting for the GPU at each stage end (names as in `talkfx bench dit.profile`)
  --kernels         torch.profiler table of the block's CUDA kernels (3 iterations)
  --attention-only  time the self-attention kernel alone for every SDPA backend and both input layouts
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend, sdpa_kernel

BACKENDS = {"cudnn": SDPBackend.CUDNN_ATTENTION, "flash": SDPBackend.FLASH_ATTENTION,
            "efficient": SDPBackend.EFFICIENT_ATTENTION}


class Stages:
    """Per-stage wall time with a GPU sync at each mark; a no-op unless enabled."""

    def __init__(self, enabled):
        self.enabled = enabled
        self.ms = {}
        self.last = None

    def start(self):
        if self.enabled:
            torch.cuda.synchronize()
            self.last = time.perf_counter()

    def lap(self, name):
        if self.enabled:
            torch.cuda.synchronize()
            now = time.perf_counter()
            self.ms[name] = self.ms.get(name, 0.0) + (now - self.last) * 1e3
            self.last = now


NO_STAGES = Stages(False)


def rope_tables(grid, head_dim, device):
    f, h, w = grid
    c = head_dim // 2
    split = [c - 2 * (c // 3), c // 3, c // 3]
    angles = []
    for size, n in zip((f, h, w), split):
        inv = 1.0 / (10000 ** (torch.arange(0, n, dtype=torch.float64, device=device) / n))
        pos = torch.arange(size, dtype=torch.float64, device=device)
        angles.append(torch.outer(pos, inv))
    a_f = angles[0][:, None, None, :].expand(f, h, w, split[0])
    a_h = angles[1][None, :, None, :].expand(f, h, w, split[1])
    a_w = angles[2][None, None, :, :].expand(f, h, w, split[2])
    ang = torch.cat([a_f, a_h, a_w], dim=-1).reshape(f * h * w, 1, c)
    return ang.cos().float(), ang.sin().float()


def apply_rope(x, cos, sin):
    x2 = x.float().unflatten(-1, (-1, 2))
    re, im = x2[..., 0], x2[..., 1]
    out = torch.stack([re * cos - im * sin, re * sin + im * cos], dim=-1).flatten(-2)
    return out.to(x.dtype)


def rms(x, w, eps=1e-6):
    return (x.float() * torch.rsqrt(x.float().pow(2).mean(-1, keepdim=True) + eps)).to(x.dtype) * w


def attention(q, k, v, mode, chunk=4096):
    # q, k, v: [L, H, D]
    if mode in BACKENDS and q.shape[0] == k.shape[0]:
        with sdpa_kernel(BACKENDS[mode]):
            return F.scaled_dot_product_attention(q.transpose(0, 1)[None], k.transpose(0, 1)[None],
                                                  v.transpose(0, 1)[None])[0].transpose(0, 1)
    if mode != "chunked":
        return F.scaled_dot_product_attention(q.transpose(0, 1)[None], k.transpose(0, 1)[None],
                                              v.transpose(0, 1)[None])[0].transpose(0, 1)
    scale = 1.0 / math.sqrt(q.shape[-1])
    kt = k.permute(1, 2, 0)
    vt = v.transpose(0, 1)
    outs = []
    for s in range(0, q.shape[0], chunk):
        qc = q[s:s + chunk].transpose(0, 1) * scale
        outs.append((qc @ kt).softmax(-1) @ vt)
    return torch.cat(outs, dim=1).transpose(0, 1)


def make_weights(dim, ffn, audio_dim, dtype, device):
    g = torch.Generator(device=device).manual_seed(0)

    def lin(o, i):
        return (torch.randn(o, i, generator=g, device=device, dtype=dtype) / math.sqrt(i),
                torch.zeros(o, device=device, dtype=dtype))
    w = {n: lin(dim, dim) for n in ["q", "k", "v", "o", "cq", "ck", "cv", "ck_img", "cv_img", "co", "aq", "aproj"]}
    w["akv"] = lin(2 * dim, audio_dim)
    w["ffn0"] = lin(ffn, dim)
    w["ffn2"] = lin(dim, ffn)
    for n in ["norm_q", "norm_k", "cnorm_q", "cnorm_k", "cnorm_k_img"]:
        w[n] = torch.ones(dim, device=device, dtype=dtype)
    w["modulation"] = torch.randn(1, 6, dim, generator=g, device=device, dtype=torch.float32) / math.sqrt(dim)
    return w


def block(x, e, ctx_img, ctx_txt, audio, w, heads, grid, cos, sin, mode, st=NO_STAGES):
    L, dim = x.shape
    d = dim // heads
    st.start()
    e6 = (w["modulation"] + e).chunk(6, dim=1)
    h = F.layer_norm(x.float(), (dim,), eps=1e-6) * (1 + e6[1][0]) + e6[0][0]
    h = h.to(x.dtype)
    st.lap("norm1+modulation")
    q = F.linear(h, *w["q"])
    k = F.linear(h, *w["k"])
    v = F.linear(h, *w["v"]).view(L, heads, d)
    st.lap("self.qkv")
    q = apply_rope(rms(q, w["norm_q"]).view(L, heads, d), cos, sin)
    k = apply_rope(rms(k, w["norm_k"]).view(L, heads, d), cos, sin)
    st.lap("self.rmsnorm+rope")
    y = attention(q, k, v, mode).reshape(L, dim)
    st.lap("self.attention")
    y = F.linear(y, *w["o"])
    st.lap("self.o")
    x = (x.float() + y.float() * e6[2][0]).to(x.dtype)
    st.lap("self.gate+residual")
    h = F.layer_norm(x, (dim,), eps=1e-6)
    q = rms(F.linear(h, *w["cq"]), w["cnorm_q"]).view(L, heads, d)
    kt = rms(F.linear(ctx_txt, *w["ck"]), w["cnorm_k"]).view(-1, heads, d)
    vt = F.linear(ctx_txt, *w["cv"]).view(-1, heads, d)
    ki = rms(F.linear(ctx_img, *w["ck_img"]), w["cnorm_k_img"]).view(-1, heads, d)
    vi = F.linear(ctx_img, *w["cv_img"]).view(-1, heads, d)
    y = attention(q, kt, vt, mode) + attention(q, ki, vi, mode)
    x = x + F.linear(y.reshape(L, dim), *w["co"])
    st.lap("cross-attention")
    # audio cross-attention: each latent frame's tokens attend to that frame's 32 audio tokens
    frames = grid[0]
    h = F.layer_norm(x, (dim,), eps=1e-6)
    qa = F.linear(h, *w["aq"]).view(frames, L // frames, heads, d).transpose(1, 2)
    kv = F.linear(audio, *w["akv"]).view(frames, audio.shape[1], 2, heads, d)
    ka, va = kv[:, :, 0].transpose(1, 2), kv[:, :, 1].transpose(1, 2)
    ya = F.scaled_dot_product_attention(qa, ka, va).transpose(1, 2).reshape(L, dim)
    x = x + F.linear(ya, *w["aproj"])
    st.lap("audio-attention")
    h = (F.layer_norm(x.float(), (dim,), eps=1e-6) * (1 + e6[4][0]) + e6[3][0]).to(x.dtype)
    y = F.linear(h, *w["ffn0"])
    st.lap("ffn.norm+modulation+up")
    y = F.gelu(y, approximate="tanh")
    st.lap("ffn.gelu")
    y = F.linear(y, *w["ffn2"])
    st.lap("ffn.down")
    x = (x.float() + y.float() * e6[5][0]).to(x.dtype)
    st.lap("ffn.gate+residual")
    return x


def attention_only(L, heads, d, dtype, iters):
    """Self-attention alone at the block's shape, each SDPA backend, [1,H,L,D] contiguous and [1,L,H,D] viewed."""
    flops = 4 * L * L * heads * d
    for layout in ("bhld", "blhd-view"):
        shape = (1, heads, L, d) if layout == "bhld" else (1, L, heads, d)
        q, k, v = (torch.randn(shape, device="cuda", dtype=dtype) for _ in range(3))
        if layout != "bhld":
            q, k, v = (t.transpose(1, 2) for t in (q, k, v))
        for name, backend in BACKENDS.items():
            try:
                with sdpa_kernel(backend):
                    for _ in range(2):
                        F.scaled_dot_product_attention(q, k, v)
                    torch.cuda.synchronize()
                    t = []
                    for _ in range(iters):
                        s = time.perf_counter()
                        F.scaled_dot_product_attention(q, k, v)
                        torch.cuda.synchronize()
                        t.append(time.perf_counter() - s)
                t.sort()
                med = t[len(t) // 2]
                print(json.dumps({"impl": "sdpa-alone", "backend": name, "layout": layout, "tokens": L,
                                  "ms": round(med * 1e3, 2), "tflops": round(flops / med / 1e12, 1)}))
            except RuntimeError as err:
                print(json.dumps({"impl": "sdpa-alone", "backend": name, "layout": layout,
                                  "error": str(err).splitlines()[0][:200]}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens-grid", default="21x30x52")
    ap.add_argument("--dtype", default="fp16")
    ap.add_argument("--attention", default="sdpa")
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--stages", action="store_true")
    ap.add_argument("--kernels", action="store_true")
    ap.add_argument("--attention-only", action="store_true")
    a = ap.parse_args()
    grid = tuple(int(v) for v in a.tokens_grid.split("x"))
    dtype = {"fp16": torch.float16, "bf16": torch.bfloat16}[a.dtype]
    dev = "cuda"
    dim, ffn, heads, audio_dim = 5120, 13824, 40, 768
    L = grid[0] * grid[1] * grid[2]
    if a.attention_only:
        with torch.no_grad():
            attention_only(L, heads, dim // heads, dtype, a.iters)
        return
    w = make_weights(dim, ffn, audio_dim, dtype, dev)
    x = torch.randn(L, dim, device=dev, dtype=dtype)
    e = torch.randn(1, 6, dim, device=dev, dtype=torch.float32)
    ctx_img = torch.randn(257, dim, device=dev, dtype=dtype)
    ctx_txt = torch.randn(512, dim, device=dev, dtype=dtype)
    audio = torch.randn(grid[0], 32, audio_dim, device=dev, dtype=dtype)
    cos, sin = rope_tables(grid, dim // heads, dev)
    with torch.no_grad():
        for _ in range(3):
            block(x, e, ctx_img, ctx_txt, audio, w, heads, grid, cos, sin, a.attention)
        torch.cuda.synchronize()
        t = []
        for _ in range(a.iters):
            s = time.perf_counter()
            block(x, e, ctx_img, ctx_txt, audio, w, heads, grid, cos, sin, a.attention)
            torch.cuda.synchronize()
            t.append(time.perf_counter() - s)
        if a.stages:
            st = Stages(True)
            for _ in range(3):
                block(x, e, ctx_img, ctx_txt, audio, w, heads, grid, cos, sin, a.attention, st)
            print(json.dumps({"impl": "pytorch-eager-stages", "dtype": a.dtype, "attention": a.attention,
                              "stages_ms": {k: round(v / 3, 2) for k, v in st.ms.items()},
                              "block_ms": round(sum(st.ms.values()) / 3, 2)}))
        if a.kernels:
            from torch.profiler import ProfilerActivity, profile
            with profile(activities=[ProfilerActivity.CUDA]) as prof:
                for _ in range(3):
                    block(x, e, ctx_img, ctx_txt, audio, w, heads, grid, cos, sin, a.attention)
                torch.cuda.synchronize()
            key = "device_time_total" if hasattr(prof.key_averages()[0], "device_time_total") else "cuda_time_total"
            print(prof.key_averages().table(sort_by=key, row_limit=25, max_name_column_width=70))
    t.sort()
    med = t[len(t) // 2]
    # FLOPs: 2*L*dim*dim*(4 self + 2 cross q/o + 1 audio q + 1 audio proj) + 2*L*dim*ffn*2
    # + self-attn 4*L*L*dim + cross 4*L*(257+512)*dim + audio 4*L*32*dim + kv of contexts (small)
    flops = 2 * L * dim * dim * 8 + 4 * L * dim * ffn + 4 * L * L * dim + 4 * L * (257 + 512 + 32) * dim
    print(json.dumps({"impl": "pytorch-eager", "torch": torch.__version__, "device": torch.cuda.get_device_name(),
                      "dtype": a.dtype, "attention": a.attention, "tokens": L, "grid": grid,
                      "block_ms": round(med * 1e3, 2), "forward_40_blocks_s": round(med * 40, 3),
                      "tflops": round(flops / med / 1e12, 1),
                      "peak_mem_gib": round(torch.cuda.max_memory_allocated() / 2**30, 2)}))


if __name__ == "__main__":
    main()
