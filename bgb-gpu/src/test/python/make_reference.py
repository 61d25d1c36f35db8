#!/usr/bin/env python3
"""Writes the reference cases the Java CPU backend is tested against (ReferenceCasesTest).

An independent NumPy implementation of the published equations, in float64:
  * Mamba1 (mamba-ssm `Mamba`, selective_scan_ref):  h = exp(delta*A) h + delta*B*u,  y = C.h + D*u,  y *= silu(z)
  * Mamba2 (mamba-ssm 2.2.2 `Mamba2`, ngroups 1):     h = exp(dt*A_h) h + dt*(x outer B),  y = h.C + D*x,
    then gated RMSNorm  norm(y * silu(z)) (eps 1e-5)
  * the original seizure model's BiMamba2Layer and its stack (clamps, residual + LayerNorm).
The weights and inputs are random float32; the expected outputs are rounded to float32.

Output, per case, in ../resources/io/github/braingobrr/mamba/reference/:
  <case>.bin  raw little-endian float32, all tensors back to back
  <case>.txt  one line per entry:  "config <name> <value>"  or  "tensor <key> <d0,d1,...> <offset in floats>"
Run from anywhere:  python3 make_reference.py   (needs NumPy; the Java build never runs it)
"""
import os
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "..", "resources", "io", "github", "braingobrr", "mamba", "reference")


def silu(v):
    return v / (1.0 + np.exp(-v))


def softplus(v):
    return np.where(v <= 20.0, np.log1p(np.exp(np.minimum(v, 20.0))), v)


def causal_depthwise_conv(x, w, b):
    """x (L, C), w (C, k): y[t, c] = b[c] + sum_j w[c, j] x[t - k + 1 + j, c], zero before t = 0."""
    length, channels = x.shape
    k = w.shape[1]
    padded = np.concatenate([np.zeros((k - 1, channels)), x])
    y = np.zeros((length, channels)) if b is None else np.tile(b, (length, 1)).astype(np.float64)
    for j in range(k):
        y = y + w[:, j] * padded[j:j + length]
    return y


def f64(p):
    return {k: v.astype(np.float64) for k, v in p.items()}


def mamba1(p, c, x):
    p = f64(p)
    di, n, r = c["expand"] * c["d_model"], c["d_state"], c["dt_rank"]
    xz = x @ p["in_proj.weight"].T + (p["in_proj.bias"] if c["bias"] else 0.0)
    xi, z = xz[:, :di], xz[:, di:]
    u = silu(causal_depthwise_conv(xi, p["conv1d.weight"][:, 0, :], p.get("conv1d.bias")))
    xdbl = u @ p["x_proj.weight"].T
    dt_low, bmat, cmat = xdbl[:, :r], xdbl[:, r:r + n], xdbl[:, r + n:]
    delta = softplus(dt_low @ p["dt_proj.weight"].T + p["dt_proj.bias"])
    a = -np.exp(p["A_log"])  # (d_inner, N)
    h = np.zeros((di, n))
    y = np.zeros_like(u)
    for t in range(x.shape[0]):
        h = np.exp(delta[t][:, None] * a) * h + (delta[t] * u[t])[:, None] * bmat[t][None, :]
        y[t] = h @ cmat[t] + p["D"] * u[t]
    y = y * silu(z)
    return y @ p["out_proj.weight"].T + (p["out_proj.bias"] if c["bias"] else 0.0)


def mamba2(p, c, x):
    p = f64(p)
    di = c["expand"] * c["d_model"]
    n, hd = c["d_state"], c["headdim"]
    nh = di // hd
    conv_dim = di + 2 * n
    length = x.shape[0]
    zxbcdt = x @ p["in_proj.weight"].T + (p["in_proj.bias"] if c["bias"] else 0.0)
    z = zxbcdt[:, :di]
    xbc = zxbcdt[:, di:di + conv_dim]
    dt = zxbcdt[:, di + conv_dim:]
    xbc = silu(causal_depthwise_conv(xbc, p["conv1d.weight"][:, 0, :], p.get("conv1d.bias")))
    xs = xbc[:, :di].reshape(length, nh, hd)
    bmat, cmat = xbc[:, di:di + n], xbc[:, di + n:]
    dt = softplus(dt + p["dt_bias"])  # (L, nheads)
    a = -np.exp(p["A_log"])  # (nheads,)
    h = np.zeros((nh, hd, n))
    y = np.zeros((length, nh, hd))
    for t in range(length):
        h = np.exp(dt[t] * a)[:, None, None] * h + (dt[t][:, None] * xs[t])[:, :, None] * bmat[t][None, None, :]
        y[t] = h @ cmat[t] + p["D"][:, None] * xs[t]
    g = y.reshape(length, di) * silu(z)
    g = g / np.sqrt(np.mean(g * g, axis=-1, keepdims=True) + 1e-5) * p["norm.weight"]
    return g @ p["out_proj.weight"].T + (p["out_proj.bias"] if c["bias"] else 0.0)


def sanitize(x):
    return np.clip(np.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0), -10.0, 10.0)


def bimamba2_layer(p, c, x):
    x = sanitize(x)
    sub = lambda pre: {k[len(pre):]: v for k, v in p.items() if k.startswith(pre)}
    fwd = mamba2(sub("forward_mamba_real."), c, x)
    bwd = mamba2(sub("backward_mamba_real."), c, x[::-1])[::-1]
    proj = np.concatenate([fwd, bwd], axis=-1) @ p["output_proj.weight"].astype(np.float64).T
    proj = np.clip(proj + p["output_proj.bias"], -5.0, 5.0)
    v = x + proj
    mean = v.mean(axis=-1, keepdims=True)
    var = ((v - mean) ** 2).mean(axis=-1, keepdims=True)
    out = (v - mean) / np.sqrt(var + 1e-5) * p["layer_norm.weight"] + p["layer_norm.bias"]
    return np.clip(out, -10.0, 10.0)


def stack(layer_fns, x):
    x = sanitize(x)
    for i, fn in enumerate(layer_fns):
        x = fn(x)
        if (i + 1) % 2 == 0:
            x = np.clip(x, -10.0, 10.0)
    return np.clip(x, -10.0, 10.0)


# ---------- random weights with PyTorch-like scales ----------

def uniform(rng, shape, bound):
    return rng.uniform(-bound, bound, size=shape).astype(np.float32)


def inverse_softplus(v):
    return v + np.log(-np.expm1(-v))


def mamba1_weights(rng, c):
    dm, n, k, r = c["d_model"], c["d_state"], c["d_conv"], c["dt_rank"]
    di = c["expand"] * dm
    p = {
        "in_proj.weight": uniform(rng, (2 * di, dm), dm ** -0.5),
        "conv1d.weight": uniform(rng, (di, 1, k), k ** -0.5),
        "x_proj.weight": uniform(rng, (r + 2 * n, di), di ** -0.5),
        "dt_proj.weight": uniform(rng, (di, r), r ** -0.5),
        "dt_proj.bias": inverse_softplus(np.exp(rng.uniform(np.log(0.01), np.log(0.5), di))).astype(np.float32),
        "A_log": np.log(np.tile(np.arange(1, n + 1, dtype=np.float64), (di, 1))
                        * rng.uniform(0.8, 1.2, (di, n))).astype(np.float32),
        "D": rng.uniform(0.5, 1.5, di).astype(np.float32),
        "out_proj.weight": uniform(rng, (dm, di), di ** -0.5),
    }
    if c["conv_bias"]:
        p["conv1d.bias"] = uniform(rng, (di,), k ** -0.5)
    if c["bias"]:
        p["in_proj.bias"] = uniform(rng, (2 * di,), dm ** -0.5)
        p["out_proj.bias"] = uniform(rng, (dm,), di ** -0.5)
    return p


def mamba2_weights(rng, c, out_bias=None):
    dm, n, k, hd = c["d_model"], c["d_state"], c["d_conv"], c["headdim"]
    di = c["expand"] * dm
    nh = di // hd
    conv_dim = di + 2 * n
    d_in_proj = 2 * di + 2 * n + nh
    p = {
        "in_proj.weight": uniform(rng, (d_in_proj, dm), dm ** -0.5),
        "conv1d.weight": uniform(rng, (conv_dim, 1, k), k ** -0.5),
        "dt_bias": inverse_softplus(np.exp(rng.uniform(np.log(0.01), np.log(0.5), nh))).astype(np.float32),
        "A_log": np.log(rng.uniform(1.0, 16.0, nh)).astype(np.float32),
        "D": rng.uniform(0.5, 1.5, nh).astype(np.float32),
        "norm.weight": rng.uniform(0.9, 1.1, di).astype(np.float32),
        "out_proj.weight": uniform(rng, (dm, di), di ** -0.5),
    }
    if c["conv_bias"]:
        p["conv1d.bias"] = uniform(rng, (conv_dim,), k ** -0.5)
    if c["bias"]:
        p["in_proj.bias"] = uniform(rng, (d_in_proj,), dm ** -0.5)
        p["out_proj.bias"] = uniform(rng, (dm,), di ** -0.5 if out_bias is None else out_bias)
    return p


def bimamba2_weights(rng, c, prefix=""):
    dm = c["d_model"]
    p = {}
    for side in ("forward_mamba_real.", "backward_mamba_real."):
        p.update({side + k: v for k, v in mamba2_weights(rng, c).items()})
    # the original's untrained Conv1d fallback, present in its checkpoints and ignored by the loader
    for side in ("forward_mamba_fallback.", "backward_mamba_fallback."):
        p[side + "weight"] = uniform(rng, (dm, 1, c["d_conv"]), 0.1)
        p[side + "bias"] = np.zeros(dm, np.float32)
    # scaled up so that some projections reach the +-5 clamp
    p["output_proj.weight"] = uniform(rng, (dm, 2 * dm), 10.0 * (2 * dm) ** -0.5)
    p["output_proj.bias"] = uniform(rng, (dm,), 0.5)
    p["layer_norm.weight"] = rng.uniform(0.5, 1.5, dm).astype(np.float32)
    p["layer_norm.bias"] = uniform(rng, (dm,), 0.5)
    return {prefix + k: v for k, v in p.items()}


def rough_input(rng, shape, scale=3.0):
    """Gaussian input with out-of-range and non-finite entries for the sanitising layers."""
    x = (scale * rng.standard_normal(shape)).astype(np.float32)
    flat = x.reshape(-1)
    idx = rng.choice(flat.size, 8, replace=False)
    flat[idx] = np.array([25.0, -30.0, np.nan, np.inf, -np.inf, 11.0, -10.5, np.nan], np.float32)
    return x


def write(name, config, tensors):
    os.makedirs(OUT, exist_ok=True)
    lines = ["# generated by bgb-gpu/src/test/python/make_reference.py; do not edit"]
    lines += ["config %s %s" % (k, str(v).lower() if isinstance(v, bool) else v) for k, v in config.items()]
    offset = 0
    blobs = []
    for key, arr in tensors.items():
        arr = np.ascontiguousarray(arr, dtype="<f4")
        lines.append("tensor %s %s %d" % (key, ",".join(str(d) for d in arr.shape), offset))
        offset += arr.size
        blobs.append(arr.tobytes())
    with open(os.path.join(OUT, name + ".bin"), "wb") as f:
        f.write(b"".join(blobs))
    with open(os.path.join(OUT, name + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%-28s %7d floats" % (name, offset))


def batch(fn, x):
    return np.stack([fn(x[b].astype(np.float64)) for b in range(x.shape[0])]).astype(np.float32)


def m1cfg(dm, n, k, expand, r, bias=False, conv_bias=True):
    return dict(kind="mamba1", d_model=dm, d_state=n, d_conv=k, expand=expand, dt_rank=r, bias=bias,
                conv_bias=conv_bias)


def m2cfg(kind, dm, n, k, expand, hd, bias=False, conv_bias=True, **extra):
    c = dict(kind=kind, d_model=dm, d_state=n, d_conv=k, expand=expand, headdim=hd, bias=bias,
             conv_bias=conv_bias)
    c.update(extra)
    return c


def main():
    rng = np.random.default_rng(20250927)

    for name, c, shape in [
        ("mamba1", m1cfg(12, 6, 4, 2, 1), (2, 17, 12)),
        ("mamba1_k3_bias", m1cfg(8, 4, 3, 2, 2, bias=True), (1, 9, 8)),
    ]:
        p = mamba1_weights(rng, c)
        x = rng.standard_normal(shape).astype(np.float32)
        write(name, c, {"input": x, "expected": batch(lambda s: mamba1(p, c, s), x), **p})

    for name, c, shape in [
        ("mamba2", m2cfg("mamba2", 16, 8, 4, 2, 4), (2, 19, 16)),
        ("mamba2_k2_bias_noconvbias", m2cfg("mamba2", 8, 4, 2, 2, 8, bias=True, conv_bias=False), (1, 7, 8)),
        ("mamba2_node_stream", m2cfg("mamba2", 64, 16, 4, 2, 8), (1, 24, 64)),
    ]:
        p = mamba2_weights(rng, c)
        x = rng.standard_normal(shape).astype(np.float32)
        write(name, c, {"input": x, "expected": batch(lambda s: mamba2(p, c, s), x), **p})

    c = m2cfg("bimamba2", 16, 8, 4, 2, 4)
    p = bimamba2_weights(rng, c)
    x = rough_input(rng, (2, 19, 16))
    write("bimamba2", c, {"input": x, "expected": batch(lambda s: bimamba2_layer(p, c, s), x), **p})

    c = m2cfg("bimamba2_stack", 16, 8, 4, 2, 4, layers=2)
    p = {}
    for i in range(2):
        p.update(bimamba2_weights(rng, c, "layers.%d." % i))
    sub = lambda pre: {k[len(pre):]: v for k, v in p.items() if k.startswith(pre)}
    fns = [lambda s, i=i: bimamba2_layer(sub("layers.%d." % i), c, s) for i in range(2)]
    x = rough_input(rng, (2, 15, 16))
    write("bimamba2_stack2", c, {"input": x, "expected": batch(lambda s: stack(fns, s), x), **p})

    # a stack of plain Mamba2 layers whose outputs exceed +-10 (large out_proj biases), so the stack's own
    # clamps matter
    c = m2cfg("mamba2_stack", 8, 4, 3, 2, 4, bias=True, layers=3)
    p = {}
    for i in range(3):
        p.update({"layers.%d.%s" % (i, k): v for k, v in mamba2_weights(rng, c, out_bias=14.0).items()})
    fns = [lambda s, i=i: mamba2(sub("layers.%d." % i), c, s) for i in range(3)]
    x = rough_input(rng, (1, 13, 8))
    expected = batch(lambda s: stack(fns, s), x)
    unclamped = batch(lambda s: fns[0](sanitize(s)), x)
    print("  mamba2_stack: |layer 1 output| > 10 at %d of %d" % ((np.abs(unclamped) > 10).sum(), unclamped.size))
    write("mamba2_stack3", c, {"input": x, "expected": expected, **p})


if __name__ == "__main__":
    main()
