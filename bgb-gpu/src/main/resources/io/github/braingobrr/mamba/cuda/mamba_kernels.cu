// bgb Mamba kernels, compiled at run time with NVRTC for the device's compute capability.
// Without D_STATE: the element-wise, convolution and normalisation kernels.
// With -DD_STATE=N: the two scans for state size N, with the state of each channel in registers.
// Buffers are row-major float32; a row is one position of one sequence (see MambaKernels.java).
// No #include: NVRTC provides the CUDA math functions used here.

__device__ __forceinline__ float silu_f(float v) { return v / (1.0f + expf(-v)); }
__device__ __forceinline__ float softplus_f(float v) { return v <= 20.0f ? log1pf(expf(v)) : v; }
__device__ __forceinline__ float clamp_f(float v, float l) { return fminf(fmaxf(v, -l), l); }
__device__ __forceinline__ long long global_index() {
    return (long long)blockIdx.x * blockDim.x + threadIdx.x;
}

#ifndef D_STATE

// Sum over the block (blockDim.x a power of two, at most 256); every thread gets the total.
__device__ float block_sum(float v, float* red) {
    red[threadIdx.x] = v;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) red[threadIdx.x] += red[threadIdx.x + s];
        __syncthreads();
    }
    float total = red[0];
    __syncthreads();
    return total;
}

extern "C" __global__ void add_bias(float* y, long long yOff, int yStride, long long rows, int width,
                                    const float* bias) {
    long long i = global_index();
    if (i >= rows * width) return;
    long long r = i / width;
    int c = (int)(i % width);
    y[yOff + r * yStride + c] += bias[c];
}

// Before each sequence start x reads as zeros, or (hist != 0) as that sequence's k - 1 history rows.
extern "C" __global__ void causal_conv_silu(const float* x, long long xOff, int xStride, int len,
                                            long long rows, int channels, int k, const float* w,
                                            const float* bias, float* y, const float* hist) {
    long long i = global_index();
    if (i >= rows * channels) return;
    long long r = i / channels;
    int c = (int)(i % channels);
    int t = (int)(r % len);
    long long start = r - t;
    const int h = k - 1;
    float acc = bias != 0 ? bias[c] : 0.0f;
    for (int j = (hist == 0 && h - t > 0 ? h - t : 0); j < k; ++j) {
        const int from = t - h + j;
        const float v = from >= 0 ? x[xOff + (start + from) * xStride + c]
                                  : hist[((r / len) * h + h + from) * channels + c];
        acc += w[c * k + j] * v;
    }
    y[r * channels + c] = silu_f(acc);
}

// After causal_conv_silu: each sequence's history becomes its last k - 1 inputs (older rows move up when
// len < k - 1). One thread per (sequence, channel) walks the rows oldest first, so the move is in place.
extern "C" __global__ void conv_history(const float* x, long long xOff, int xStride, int len, long long nb,
                                        int channels, int k, float* hist) {
    long long i = global_index();
    if (i >= nb * channels) return;
    long long s = i / channels;
    int c = (int)(i % channels);
    const int h = k - 1;
    for (int r = 0; r < h; ++r) {
        const int t = len - h + r;
        float* dst = hist + (s * h + r) * channels + c;
        *dst = t >= 0 ? x[xOff + (s * len + t) * xStride + c] : dst[(long long)len * channels];
    }
}

extern "C" __global__ void gated_rms_norm(float* y, const float* z, long long zOff, int zStride, int width,
                                          const float* w, float eps) {
    __shared__ float red[256];
    long long r = blockIdx.x;
    float* yr = y + r * width;
    const float* zr = z + zOff + r * zStride;
    float ss = 0.0f;
    for (int c = threadIdx.x; c < width; c += blockDim.x) {
        float g = yr[c] * silu_f(zr[c]);
        yr[c] = g;
        ss += g * g;
    }
    float scale = rsqrtf(block_sum(ss, red) / width + eps);
    for (int c = threadIdx.x; c < width; c += blockDim.x) {
        yr[c] = yr[c] * scale * w[c];
    }
}

extern "C" __global__ void residual_layer_norm(const float* p, const float* res, int width, const float* w,
                                               const float* b, float eps, float pLimit, float yLimit,
                                               float* y, long long yOff, int yStride) {
    __shared__ float red[256];
    long long r = blockIdx.x;
    const float* pr = p + r * width;
    const float* rr = res + r * width;
    float s = 0.0f;
    for (int c = threadIdx.x; c < width; c += blockDim.x) s += rr[c] + clamp_f(pr[c], pLimit);
    float mean = block_sum(s, red) / width;
    float v2 = 0.0f;
    for (int c = threadIdx.x; c < width; c += blockDim.x) {
        float d = rr[c] + clamp_f(pr[c], pLimit) - mean;
        v2 += d * d;
    }
    float inv = rsqrtf(block_sum(v2, red) / width + eps);
    float* yr = y + yOff + r * yStride;
    for (int c = threadIdx.x; c < width; c += blockDim.x) {
        float d = rr[c] + clamp_f(pr[c], pLimit) - mean;
        yr[c] = clamp_f(d * inv * w[c] + b[c], yLimit);
    }
}

extern "C" __global__ void flip_time(const float* src, long long srcOff, int srcStride, float* dst,
                                     long long dstOff, int dstStride, int len, long long rows, int width) {
    long long i = global_index();
    if (i >= rows * width) return;
    long long r = i / width;
    int c = (int)(i % width);
    int t = (int)(r % len);
    long long start = r - t;
    dst[dstOff + (start + len - 1 - t) * dstStride + c] = src[srcOff + r * srcStride + c];
}

extern "C" __global__ void sanitize_clamp(const float* src, long long srcOff, float* dst, long long dstOff,
                                          long long n, float limit) {
    long long i = global_index();
    if (i >= n) return;
    float v = src[srcOff + i];
    if (!(fabsf(v) <= 3.40282347e38f)) v = 0.0f;  // NaN and +-Inf become 0, as nan_to_num(x, 0, 0, 0)
    dst[dstOff + i] = clamp_f(v, limit);
}

extern "C" __global__ void clamp_rows(float* buf, long long off, int stride, long long rows, int width,
                                      float limit) {
    long long i = global_index();
    if (i >= rows * width) return;
    long long r = i / width;
    int c = (int)(i % width);
    float* v = buf + off + r * stride + c;
    *v = clamp_f(*v, limit);
}

#else

// Mamba2 SSD recurrence: one thread per (sequence, channel c = h * headdim + p); blockIdx.y is the sequence.
// The state starts at zero, or (state != 0) from the sequence's (D_STATE, dInner) block, which gets the final state.
extern "C" __global__ void ssd_scan(const float* zx, int dInProj, int dtOff, const float* xbc, int convDim,
                                    int len, int dInner, int headdim, const float* dtBias, const float* aLog,
                                    const float* dSkip, float* y, float* state) {
    __shared__ float sB[D_STATE];
    __shared__ float sC[D_STATE];
    const long long seq = blockIdx.y;
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const bool active = c < dInner;
    const int h = active ? c / headdim : 0;
    const float a = -expf(aLog[h]);
    const float bias = dtBias[h];
    const float dsk = dSkip[h];
    float* carried = state != 0 && active ? state + seq * D_STATE * dInner + c : 0;
    float st[D_STATE];
#pragma unroll
    for (int n = 0; n < D_STATE; ++n) st[n] = carried != 0 ? carried[n * dInner] : 0.0f;
    for (int t = 0; t < len; ++t) {
        const long long row = seq * len + t;
        const float* xr = xbc + row * convDim;
        for (int n = threadIdx.x; n < 2 * D_STATE; n += blockDim.x) {
            float v = xr[dInner + n];
            if (n < D_STATE) sB[n] = v; else sC[n - D_STATE] = v;
        }
        __syncthreads();
        if (active) {
            const float dt = softplus_f(zx[row * dInProj + dtOff + h] + bias);
            const float da = expf(dt * a);
            const float xv = xr[c];
            const float dx = dt * xv;
            float acc = 0.0f;
#pragma unroll
            for (int n = 0; n < D_STATE; ++n) {
                st[n] = st[n] * da + dx * sB[n];
                acc += st[n] * sC[n];
            }
            y[row * dInner + c] = acc + dsk * xv;
        }
        __syncthreads();
    }
    if (carried != 0) {
#pragma unroll
        for (int n = 0; n < D_STATE; ++n) carried[n * dInner] = st[n];
    }
}

// Mamba1 selective scan with its gate: one thread per (sequence, channel); blockIdx.y is the sequence.
// The state is carried as in ssd_scan.
extern "C" __global__ void selective_scan(const float* u, const float* delta, const float* xdbl, int xdblStride,
                                          int dtRank, const float* xz, int len, int dInner, const float* dtBias,
                                          const float* aLog, const float* dSkip, float* y, float* state) {
    __shared__ float sB[D_STATE];
    __shared__ float sC[D_STATE];
    const long long seq = blockIdx.y;
    const int c = blockIdx.x * blockDim.x + threadIdx.x;
    const bool active = c < dInner;
    const int cc = active ? c : 0;
    float* carried = state != 0 && active ? state + seq * D_STATE * dInner + c : 0;
    float a[D_STATE];
    float st[D_STATE];
#pragma unroll
    for (int n = 0; n < D_STATE; ++n) {
        a[n] = -expf(aLog[cc * D_STATE + n]);
        st[n] = carried != 0 ? carried[n * dInner] : 0.0f;
    }
    const float bias = dtBias[cc];
    const float dsk = dSkip[cc];
    for (int t = 0; t < len; ++t) {
        const long long row = seq * len + t;
        const float* xr = xdbl + row * xdblStride + dtRank;
        for (int n = threadIdx.x; n < 2 * D_STATE; n += blockDim.x) {
            float v = xr[n];
            if (n < D_STATE) sB[n] = v; else sC[n - D_STATE] = v;
        }
        __syncthreads();
        if (active) {
            const float dl = softplus_f(delta[row * dInner + c] + bias);
            const float uv = u[row * dInner + c];
            const float du = dl * uv;
            float acc = 0.0f;
#pragma unroll
            for (int n = 0; n < D_STATE; ++n) {
                st[n] = st[n] * expf(dl * a[n]) + du * sB[n];
                acc += st[n] * sC[n];
            }
            y[row * dInner + c] = (acc + dsk * uv) * silu_f(xz[row * 2 * dInner + dInner + c]);
        }
        __syncthreads();
    }
    if (carried != 0) {
#pragma unroll
        for (int n = 0; n < D_STATE; ++n) carried[n * dInner] = st[n];
    }
}

#endif
