package io.github.braingobrr.edf;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes samples of one or more signals in a single pass over the data records: each record touched is visited
 * once, and the pieces of the requested signals that lie next to each other in it are fetched with one read into
 * a scratch array, then converted signal by signal. The callers have checked the signals and ranges.
 */
final class SampleReader {
    /** Scratch arrays up to this size are kept per thread and reused; larger ones are allocated per call. */
    private static final int POOLED_BYTES = 1 << 16;

    private static final ThreadLocal<short[]> SHORTS = ThreadLocal.withInitial(() -> new short[0]);
    private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[0]);

    /** Receives the raw samples of request signal {@code k} destined for its positions [dstOff, dstOff + n). */
    interface Sink {
        void int16(int k, short[] raw, int rawOff, int n, int dstOff);

        /** {@code rawOff} is a byte offset; each sample takes 3 bytes. */
        void int24(int k, byte[] raw, int rawOff, int n, int dstOff);
    }

    private final long dataOffset;
    private final long recordSize;
    private final int[] signalOffsets;
    private final int[] samplesPerRecord;
    private final int bytesPerSample;

    SampleReader(HeaderParser.Layout layout) {
        this.dataOffset = layout.dataOffset();
        this.recordSize = layout.recordSize();
        this.signalOffsets = layout.signalOffsets();
        this.samplesPerRecord =
                layout.signals().stream().mapToInt(EdfSignal::samplesPerRecord).toArray();
        this.bytesPerSample = layout.format().bytesPerSample();
    }

    /**
     * Decodes stored samples [from[k], from[k] + count[k]) of header signal {@code signals[k]} for every k. The
     * signals must be distinct data signals and the ranges inside them.
     */
    void read(ByteSource src, int[] signals, long[] from, int[] count, Sink sink) throws IOException {
        int m = signals.length;
        // request positions in header order, which is the order of the signals' bytes within a record
        long[] keyed = new long[m];
        for (int k = 0; k < m; k++) {
            keyed[k] = (long) signals[k] << 32 | k;
        }
        Arrays.sort(keyed);
        int[] order = new int[m];
        long firstRecord = Long.MAX_VALUE;
        long lastRecord = -1;
        int scratchSamples = 0;
        for (int j = 0; j < m; j++) {
            int k = (int) keyed[j];
            order[j] = k;
            if (count[k] > 0) {
                int spr = samplesPerRecord[signals[k]];
                firstRecord = Math.min(firstRecord, from[k] / spr);
                lastRecord = Math.max(lastRecord, (from[k] + count[k] - 1) / spr);
                scratchSamples += Math.min(count[k], spr); // distinct signals: at most one record's samples
            }
        }
        if (lastRecord < 0) {
            return;
        }
        Run run = new Run(m, scratchSamples, bytesPerSample);
        for (long r = firstRecord; r <= lastRecord; r++) {
            long recordStart = dataOffset + r * recordSize;
            for (int j = 0; j < m; j++) {
                int k = order[j];
                int spr = samplesPerRecord[signals[k]];
                long first = Math.max(from[k], r * spr);
                long end = Math.min(from[k] + count[k], (r + 1) * spr);
                if (first >= end) {
                    continue;
                }
                long position = recordStart + signalOffsets[signals[k]] + (first - r * spr) * bytesPerSample;
                if (position != run.end) {
                    run.flush(src, sink);
                    run.start = position;
                }
                run.add(k, (int) (end - first), (int) (first - from[k]), bytesPerSample);
            }
            run.flush(src, sink); // no read spans two records: a memory map holds whole records only
        }
    }

    /** Contiguous pieces of one record, read together. */
    private static final class Run {
        final int[] k;
        final int[] rawOff;
        final int[] n;
        final int[] dstOff;
        final short[] shorts;
        final byte[] bytes;
        int pieces;
        int samples;
        long start;
        long end = -1;

        Run(int m, int scratchSamples, int bytesPerSample) {
            k = new int[m];
            rawOff = new int[m];
            n = new int[m];
            dstOff = new int[m];
            shorts = bytesPerSample == 2 ? shorts(scratchSamples) : null;
            bytes = bytesPerSample == 2 ? null : bytes(scratchSamples * 3);
        }

        void add(int signal, int count, int dst, int bytesPerSample) {
            k[pieces] = signal;
            rawOff[pieces] = samples;
            n[pieces] = count;
            dstOff[pieces] = dst;
            pieces++;
            samples += count;
            end = start + (long) samples * bytesPerSample;
        }

        void flush(ByteSource src, Sink sink) throws IOException {
            if (pieces == 0) {
                return;
            }
            if (shorts != null) {
                src.readInt16(start, shorts, 0, samples);
                for (int p = 0; p < pieces; p++) {
                    sink.int16(k[p], shorts, rawOff[p], n[p], dstOff[p]);
                }
            } else {
                src.readBytes(start, bytes, 0, samples * 3);
                for (int p = 0; p < pieces; p++) {
                    sink.int24(k[p], bytes, rawOff[p] * 3, n[p], dstOff[p]);
                }
            }
            pieces = 0;
            samples = 0;
            end = -1;
        }
    }

    private static short[] shorts(int n) {
        short[] a = SHORTS.get();
        if (a.length >= n) {
            return a;
        }
        a = new short[n];
        if (n * 2 <= POOLED_BYTES) {
            SHORTS.set(a);
        }
        return a;
    }

    private static byte[] bytes(int n) {
        byte[] a = BYTES.get();
        if (a.length >= n) {
            return a;
        }
        a = new byte[n];
        if (n <= POOLED_BYTES) {
            BYTES.set(a);
        }
        return a;
    }

    // ---- sinks

    static Sink digital(int[][] dst, int off) {
        return new Sink() {
            @Override
            public void int16(int k, short[] raw, int rawOff, int n, int dstOff) {
                Samples.int16ToInt(raw, rawOff, n, dst[k], off + dstOff);
            }

            @Override
            public void int24(int k, byte[] raw, int rawOff, int n, int dstOff) {
                Samples.int24ToInt(raw, rawOff, n, dst[k], off + dstOff);
            }
        };
    }

    static Sink physical(List<EdfSignal> signals, double[][] dst, int off) {
        double[] gain = gains(signals);
        double[] offset = offsets(signals);
        return new Sink() {
            @Override
            public void int16(int k, short[] raw, int rawOff, int n, int dstOff) {
                Samples.int16ToDouble(raw, rawOff, n, dst[k], off + dstOff, gain[k], offset[k]);
            }

            @Override
            public void int24(int k, byte[] raw, int rawOff, int n, int dstOff) {
                Samples.int24ToDouble(raw, rawOff, n, dst[k], off + dstOff, gain[k], offset[k]);
            }
        };
    }

    static Sink physical(List<EdfSignal> signals, float[][] dst, int off) {
        double[] gain = gains(signals);
        double[] offset = offsets(signals);
        return new Sink() {
            @Override
            public void int16(int k, short[] raw, int rawOff, int n, int dstOff) {
                Samples.int16ToFloat(raw, rawOff, n, dst[k], off + dstOff, gain[k], offset[k]);
            }

            @Override
            public void int24(int k, byte[] raw, int rawOff, int n, int dstOff) {
                Samples.int24ToFloat(raw, rawOff, n, dst[k], off + dstOff, gain[k], offset[k]);
            }
        };
    }

    private static double[] gains(List<EdfSignal> signals) {
        double[] g = new double[signals.size()];
        for (int k = 0; k < g.length; k++) {
            g[k] = signals.get(k).gain();
        }
        return g;
    }

    private static double[] offsets(List<EdfSignal> signals) {
        double[] o = new double[signals.size()];
        for (int k = 0; k < o.length; k++) {
            o[k] = signals.get(k).offset();
        }
        return o;
    }
}
