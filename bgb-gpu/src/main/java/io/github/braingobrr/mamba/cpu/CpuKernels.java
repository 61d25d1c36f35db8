package io.github.braingobrr.mamba.cpu;

import io.github.braingobrr.mamba.Mamba1;
import io.github.braingobrr.mamba.Mamba1Config;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaKernels;
import io.github.braingobrr.mamba.Tensor;
import java.util.Arrays;
import java.util.EnumMap;

/**
 * The pure-Java kernels over {@code float[]} buffers. Loops run along the contiguous channel axis so the
 * JIT can vectorise them; weights are used in transposed layouts from {@link DerivedWeights}. Workspace
 * buffers are kept per slot and only grow. An instance is used by one thread at a time; {@link Parallel}
 * decides whether each operation is split across a pool.
 */
final class CpuKernels implements MambaKernels<float[]> {
    /** Rows per chunk below which a projection is not split across threads. */
    private static final int ROW_GRAIN = 32;
    /** Channels per work unit of the Mamba1 scan. */
    private static final int SCAN_CHANNELS = 32;

    private final Parallel parallel;
    private final DerivedWeights derived;
    private final EnumMap<Slot, float[]> scratch = new EnumMap<>(Slot.class);

    CpuKernels(Parallel parallel, DerivedWeights derived) {
        this.parallel = parallel;
        this.derived = derived;
    }

    void release() {
        scratch.clear();
    }

    @Override
    public float[] scratch(Slot slot, long floats) {
        if (floats > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the CPU backend needs a " + slot + " buffer of " + floats
                    + " floats, more than a Java array holds; run shorter sequences");
        }
        float[] b = scratch.get(slot);
        if (b == null || b.length < floats) {
            b = new float[(int) floats];
            scratch.put(slot, b);
        }
        return b;
    }

    @Override
    public void linear(
            float[] x,
            int xOff,
            int xStride,
            int rows,
            int in,
            Tensor w,
            Tensor bias,
            float[] y,
            int yOff,
            int yStride) {
        int out = w.dim(0);
        if (w.dim(1) != in) {
            throw new IllegalArgumentException("weight " + w + " does not take " + in + " inputs");
        }
        float[] wt = derived.transposed(w); // (in, out): the inner loops run along contiguous outputs
        float[] b = bias == null ? null : bias.data();
        parallel.forRange(rows, ROW_GRAIN, (r0, r1) -> {
            float[][] acc = new float[4][out];
            int r = r0;
            for (; r + 3 < r1; r += 4) {
                int xo = xOff + r * xStride;
                fourRows(x, xo, xo + xStride, xo + 2 * xStride, xo + 3 * xStride, in, wt, out, b, acc);
                for (int k = 0; k < 4; k++) {
                    System.arraycopy(acc[k], 0, y, yOff + (r + k) * yStride, out);
                }
            }
            for (; r < r1; r++) {
                oneRow(x, xOff + r * xStride, in, wt, out, b, acc[0]);
                System.arraycopy(acc[0], 0, y, yOff + r * yStride, out);
            }
        });
    }

    /**
     * Four rows of a projection at once, so each loaded weight serves four rows. Adds in the same order as
     * {@link #oneRow}: bias, then groups of four inputs, then the remaining inputs one by one, so a row's
     * result does not depend on how rows are grouped (or split between threads).
     */
    private static void fourRows(
            float[] x, int x0, int x1, int x2, int x3, int in, float[] wt, int out, float[] b, float[][] acc) {
        float[] c0 = acc[0];
        float[] c1 = acc[1];
        float[] c2 = acc[2];
        float[] c3 = acc[3];
        for (float[] c : acc) {
            if (b != null) {
                System.arraycopy(b, 0, c, 0, out);
            } else {
                Arrays.fill(c, 0f);
            }
        }
        int i = 0;
        for (; i + 3 < in; i += 4) {
            float a0 = x[x0 + i], a1 = x[x0 + i + 1], a2 = x[x0 + i + 2], a3 = x[x0 + i + 3];
            float b0 = x[x1 + i], b1 = x[x1 + i + 1], b2 = x[x1 + i + 2], b3 = x[x1 + i + 3];
            float d0 = x[x2 + i], d1 = x[x2 + i + 1], d2 = x[x2 + i + 2], d3 = x[x2 + i + 3];
            float e0 = x[x3 + i], e1 = x[x3 + i + 1], e2 = x[x3 + i + 2], e3 = x[x3 + i + 3];
            int w0 = i * out;
            int w1 = w0 + out;
            int w2 = w1 + out;
            int w3 = w2 + out;
            for (int o = 0; o < out; o++) {
                float v0 = wt[w0 + o], v1 = wt[w1 + o], v2 = wt[w2 + o], v3 = wt[w3 + o];
                c0[o] += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
                c1[o] += b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
                c2[o] += d0 * v0 + d1 * v1 + d2 * v2 + d3 * v3;
                c3[o] += e0 * v0 + e1 * v1 + e2 * v2 + e3 * v3;
            }
        }
        for (; i < in; i++) {
            float a0 = x[x0 + i], a1 = x[x1 + i], a2 = x[x2 + i], a3 = x[x3 + i];
            int w0 = i * out;
            for (int o = 0; o < out; o++) {
                float v = wt[w0 + o];
                c0[o] += a0 * v;
                c1[o] += a1 * v;
                c2[o] += a2 * v;
                c3[o] += a3 * v;
            }
        }
    }

    /** One row of a projection, in the order of {@link #fourRows}. */
    private static void oneRow(float[] x, int xo, int in, float[] wt, int out, float[] b, float[] c) {
        if (b != null) {
            System.arraycopy(b, 0, c, 0, out);
        } else {
            Arrays.fill(c, 0f);
        }
        int i = 0;
        for (; i + 3 < in; i += 4) {
            float a0 = x[xo + i], a1 = x[xo + i + 1], a2 = x[xo + i + 2], a3 = x[xo + i + 3];
            int w0 = i * out;
            int w1 = w0 + out;
            int w2 = w1 + out;
            int w3 = w2 + out;
            for (int o = 0; o < out; o++) {
                c[o] += a0 * wt[w0 + o] + a1 * wt[w1 + o] + a2 * wt[w2 + o] + a3 * wt[w3 + o];
            }
        }
        for (; i < in; i++) {
            float a = x[xo + i];
            int w0 = i * out;
            for (int o = 0; o < out; o++) {
                c[o] += a * wt[w0 + o];
            }
        }
    }

    @Override
    public void causalConvSilu(
            float[] x,
            int xOff,
            int xStride,
            int nb,
            int len,
            Tensor w,
            Tensor bias,
            float[] y,
            float[] hist,
            int histOff) {
        int ch = w.dim(0);
        int k = w.dim(2);
        int h = k - 1;
        float[] taps = derived.transposed(w); // (k, C)
        float[] b = bias == null ? null : bias.data();
        parallel.forRange(nb * len, ROW_GRAIN, (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int t = row % len;
                int s = row / len;
                int yo = row * ch;
                if (b != null) {
                    System.arraycopy(b, 0, y, yo, ch);
                } else {
                    Arrays.fill(y, yo, yo + ch, 0f);
                }
                for (int j = hist == null ? Math.max(0, h - t) : 0; j < k; j++) {
                    int from = t - h + j; // the input position tap j reads; before the sequence: the history
                    float[] src = from >= 0 ? x : hist;
                    int so = from >= 0 ? xOff + (row - t + from) * xStride : histOff + (s * h + h + from) * ch;
                    int to = j * ch;
                    for (int c = 0; c < ch; c++) {
                        y[yo + c] += taps[to + c] * src[so + c];
                    }
                }
                for (int c = 0; c < ch; c++) {
                    y[yo + c] = silu(y[yo + c]);
                }
            }
        });
        if (hist != null) {
            keepHistory(x, xOff, xStride, nb, len, ch, h, hist, histOff);
        }
    }

    /** Replaces each sequence's {@code h} history rows by its last {@code h} inputs (in place, oldest first). */
    private static void keepHistory(
            float[] x, int xOff, int xStride, int nb, int len, int ch, int h, float[] hist, int histOff) {
        for (int s = 0; s < nb; s++) {
            for (int r = 0; r < h; r++) {
                int t = len - h + r; // the position that becomes history row r
                int dst = histOff + (s * h + r) * ch;
                if (t >= 0) {
                    System.arraycopy(x, xOff + (s * len + t) * xStride, hist, dst, ch);
                } else { // a short chunk: older history moves up (its source row r + len lies below r)
                    System.arraycopy(hist, dst + len * ch, hist, dst, ch);
                }
            }
        }
    }

    @Override
    public void ssdScan(
            Mamba2 layer, float[] zx, float[] xbc, float[] y, int nb, int len, float[] state, int stateOff) {
        Mamba2Config c = layer.config();
        int heads = c.nheads();
        float[] aNeg = derived.negExp(layer.aLog());
        parallel.forRange(nb * heads, 1, (u0, u1) -> {
            for (int u = u0; u < u1; ) {
                int s = u / heads;
                int h0 = u % heads;
                int h1 = Math.min(heads, h0 + (u1 - u));
                ssdHeads(layer, aNeg, zx, xbc, y, s, len, h0, h1, state, stateOff);
                u += h1 - h0;
            }
        });
    }

    /**
     * The SSD recurrence of heads {@code [h0, h1)} of sequence {@code s}, vectorised over their channels, in
     * {@code carried} (see {@link #ssdScan}) or from zeros when it is {@code null}.
     */
    private static void ssdHeads(
            Mamba2 layer,
            float[] aNeg,
            float[] zx,
            float[] xbc,
            float[] y,
            int s,
            int len,
            int h0,
            int h1,
            float[] carried,
            int carriedOff) {
        Mamba2Config c = layer.config();
        int p = c.headdim();
        int n = c.dState();
        int di = c.dInner();
        int conv = c.convDim();
        int dInProj = c.dInProj();
        int dtOff = 2 * di + 2 * n;
        float[] dtBias = layer.dtBias().data();
        float[] skip = layer.d().data();
        int c0 = h0 * p;
        int w = (h1 - h0) * p;
        // state m of channel c0 + j at [stBase + m * stStride + j]: in the caller's (N, d_inner) block, or local
        float[] state = carried != null ? carried : new float[n * w];
        int stBase = carried != null ? carriedOff + s * n * di + c0 : 0;
        int stStride = carried != null ? di : w;
        float[] decay = new float[w];
        float[] dtx = new float[w];
        float[] acc = new float[w];
        for (int t = 0; t < len; t++) {
            int row = s * len + t;
            int zo = row * dInProj + dtOff;
            int xo = row * conv;
            for (int h = h0; h < h1; h++) {
                float dt = softplus(zx[zo + h] + dtBias[h]);
                float da = (float) Math.exp(dt * aNeg[h]);
                int base = (h - h0) * p;
                int xh = xo + h * p;
                for (int q = 0; q < p; q++) {
                    decay[base + q] = da;
                    dtx[base + q] = dt * xbc[xh + q];
                }
            }
            Arrays.fill(acc, 0f);
            for (int m = 0; m < n; m++) {
                float bm = xbc[xo + di + m];
                float cm = xbc[xo + di + n + m];
                int so = stBase + m * stStride;
                for (int j = 0; j < w; j++) {
                    float v = state[so + j] * decay[j] + dtx[j] * bm;
                    state[so + j] = v;
                    acc[j] += v * cm;
                }
            }
            int yo = row * di + c0;
            int xc = xo + c0;
            for (int h = h0; h < h1; h++) {
                float dh = skip[h];
                int base = (h - h0) * p;
                for (int q = 0; q < p; q++) {
                    y[yo + base + q] = acc[base + q] + dh * xbc[xc + base + q];
                }
            }
        }
    }

    @Override
    public void selectiveScan(
            Mamba1 layer,
            float[] u,
            float[] delta,
            float[] xdbl,
            float[] xz,
            float[] y,
            int nb,
            int len,
            float[] state,
            int stateOff) {
        int di = layer.config().dInner();
        int blocks = (di + SCAN_CHANNELS - 1) / SCAN_CHANNELS;
        float[] aT = derived.negExpTransposed(layer.aLog()); // (N, d_inner)
        parallel.forRange(nb * blocks, 1, (u0, u1) -> {
            for (int unit = u0; unit < u1; ) {
                int s = unit / blocks;
                int b0 = unit % blocks;
                int b1 = Math.min(blocks, b0 + (u1 - unit));
                selectiveChannels(
                        layer,
                        aT,
                        u,
                        delta,
                        xdbl,
                        xz,
                        y,
                        s,
                        len,
                        b0 * SCAN_CHANNELS,
                        Math.min(di, b1 * SCAN_CHANNELS),
                        state,
                        stateOff);
                unit += b1 - b0;
            }
        });
    }

    /**
     * The selective scan of channels {@code [c0, c1)} of sequence {@code s}, vectorised over channels, in
     * {@code carried} (see {@link #selectiveScan}) or from zeros when it is {@code null}.
     */
    private static void selectiveChannels(
            Mamba1 layer,
            float[] aT,
            float[] u,
            float[] delta,
            float[] xdbl,
            float[] xz,
            float[] y,
            int s,
            int len,
            int c0,
            int c1,
            float[] carried,
            int carriedOff) {
        Mamba1Config c = layer.config();
        int di = c.dInner();
        int n = c.dState();
        int rank = c.dtRank();
        int xs = c.xProjDim();
        float[] dtBias = layer.dtProjBias().data();
        float[] skip = layer.d().data();
        int w = c1 - c0;
        float[] state = carried != null ? carried : new float[n * w];
        int stBase = carried != null ? carriedOff + s * n * di + c0 : 0;
        int stStride = carried != null ? di : w;
        float[] dl = new float[w];
        float[] du = new float[w];
        float[] acc = new float[w];
        for (int t = 0; t < len; t++) {
            int row = s * len + t;
            int uo = row * di + c0;
            for (int j = 0; j < w; j++) {
                float d = softplus(delta[uo + j] + dtBias[c0 + j]);
                dl[j] = d;
                du[j] = d * u[uo + j];
            }
            Arrays.fill(acc, 0f);
            int xo = row * xs + rank;
            for (int m = 0; m < n; m++) {
                float bm = xdbl[xo + m];
                float cm = xdbl[xo + n + m];
                int so = stBase + m * stStride;
                int ao = m * di + c0;
                for (int j = 0; j < w; j++) {
                    float v = state[so + j] * (float) Math.exp(dl[j] * aT[ao + j]) + du[j] * bm;
                    state[so + j] = v;
                    acc[j] += v * cm;
                }
            }
            int zo = row * 2 * di + di + c0;
            for (int j = 0; j < w; j++) {
                y[uo + j] = (acc[j] + skip[c0 + j] * u[uo + j]) * silu(xz[zo + j]);
            }
        }
    }

    @Override
    public void gatedRmsNorm(float[] y, float[] z, int zOff, int zStride, int rows, int width, Tensor w, float eps) {
        float[] g = w.data();
        parallel.forRange(rows, ROW_GRAIN, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int yo = r * width;
                int zo = zOff + r * zStride;
                double ss = 0;
                for (int c = 0; c < width; c++) {
                    float v = y[yo + c] * silu(z[zo + c]);
                    y[yo + c] = v;
                    ss += (double) v * v;
                }
                float scale = (float) (1.0 / Math.sqrt(ss / width + eps));
                for (int c = 0; c < width; c++) {
                    y[yo + c] = y[yo + c] * scale * g[c];
                }
            }
        });
    }

    @Override
    public void flip(
            float[] src,
            int srcOff,
            int srcStride,
            float[] dst,
            int dstOff,
            int dstStride,
            int nb,
            int len,
            int width) {
        for (int s = 0; s < nb; s++) {
            for (int t = 0; t < len; t++) {
                int from = srcOff + (s * len + t) * srcStride;
                int to = dstOff + (s * len + len - 1 - t) * dstStride;
                System.arraycopy(src, from, dst, to, width);
            }
        }
    }

    @Override
    public void sanitizeClamp(float[] src, int srcOff, float[] dst, int dstOff, int n, float limit) {
        for (int i = 0; i < n; i++) {
            float v = src[srcOff + i];
            v = Float.isFinite(v) ? v : 0f;
            dst[dstOff + i] = Math.max(-limit, Math.min(limit, v));
        }
    }

    @Override
    public void clamp(float[] buf, int off, int stride, int rows, int width, float limit) {
        for (int r = 0; r < rows; r++) {
            int o = off + r * stride;
            for (int c = 0; c < width; c++) {
                buf[o + c] = Math.max(-limit, Math.min(limit, buf[o + c]));
            }
        }
    }

    @Override
    public void residualLayerNorm(
            float[] p,
            float[] r,
            int rows,
            int width,
            Tensor w,
            Tensor b,
            float eps,
            float pLimit,
            float yLimit,
            float[] y,
            int yOff,
            int yStride) {
        float[] g = w.data();
        float[] beta = b.data();
        parallel.forRange(rows, ROW_GRAIN, (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int o = row * width;
                double sum = 0;
                for (int c = 0; c < width; c++) {
                    float v = r[o + c] + Math.max(-pLimit, Math.min(pLimit, p[o + c]));
                    p[o + c] = v;
                    sum += v;
                }
                float mean = (float) (sum / width);
                double var = 0;
                for (int c = 0; c < width; c++) {
                    double d = p[o + c] - mean;
                    var += d * d;
                }
                float inv = (float) (1.0 / Math.sqrt(var / width + eps));
                int yo = yOff + row * yStride;
                for (int c = 0; c < width; c++) {
                    float v = (p[o + c] - mean) * inv * g[c] + beta[c];
                    y[yo + c] = Math.max(-yLimit, Math.min(yLimit, v));
                }
            }
        });
    }

    static float silu(float v) {
        return v / (1f + (float) Math.exp(-v));
    }

    static float softplus(float v) {
        return v <= 20f ? (float) Math.log1p(Math.exp(v)) : v;
    }
}
