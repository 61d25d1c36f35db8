package io.github.braingobrr.synthetic;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Stationary random signals of any length, any sample range at a time. The signal is a chain of blocks of
 * {@code L} samples (a power of two, about eight seconds), each an inverse real FFT of a spectrum drawn
 * from the block's own seed. Neighbouring blocks overlap by {@code L/4} samples and are cross-faded with
 * sine/cosine windows whose squares sum to one, so the variance (and the spectrum) stays constant across
 * block boundaries and no sample depends on anything but the (at most two) blocks that cover it.
 */
final class BlockSynthesis {

    /** Fills the spectrum of one block in JTransforms' packed real format (the array arrives zeroed). */
    interface Spectrum {
        void fill(long block, double[] packed);
    }

    private final int samplingRate;
    private final int length;
    private final int overlap;
    private final int hop;
    private final double[] fadeIn;
    private final DoubleFFT_1D fft;

    BlockSynthesis(int samplingRate) {
        this.samplingRate = samplingRate;
        int target = Math.max(256, 8 * samplingRate);
        this.length = Integer.highestOneBit(target - 1) << 1;
        this.overlap = length / 4;
        this.hop = length - overlap;
        this.fadeIn = new double[overlap];
        for (int j = 0; j < overlap; j++) {
            fadeIn[j] = Math.sin(Math.PI / 2 * (j + 0.5) / overlap);
        }
        this.fft = new DoubleFFT_1D(length);
    }

    /** Samples per block. */
    int blockLength() {
        return length;
    }

    /** The number of complex bins {@code 1 .. L/2 − 1} that carry signal. */
    int bins() {
        return length / 2;
    }

    /** Frequency of bin {@code k}, Hz. */
    double frequency(int k) {
        return (double) k * samplingRate / length;
    }

    /** First sample covered by block {@code k} (block 0 starts before sample 0). */
    long blockStart(long k) {
        return k * hop - overlap;
    }

    /**
     * Adds the signal's samples {@code [first, first + count)} to {@code dst[offset ..]}. The blocks are
     * always summed in increasing order, so any split of a range into reads gives bit-identical samples.
     */
    void add(long first, double[] dst, int offset, int count, Spectrum spectrum) {
        if (count == 0) {
            return;
        }
        long last = first + count - 1;
        long firstBlock = Math.max(0, Math.floorDiv(first + overlap, hop) - 1);
        long lastBlock = Math.floorDiv(last + overlap, hop);
        double[] buffer = new double[length];
        for (long k = firstBlock; k <= lastBlock; k++) {
            long start = blockStart(k);
            long from = Math.max(first, start);
            long to = Math.min(last, start + length - 1);
            if (from > to) {
                continue;
            }
            Arrays.fill(buffer, 0);
            spectrum.fill(k, buffer);
            fft.realInverse(buffer, false);
            for (long n = from; n <= to; n++) {
                int j = (int) (n - start);
                double w = j < overlap ? fadeIn[j] : j >= hop ? fadeIn[length - 1 - j] : 1.0;
                dst[offset + (int) (n - first)] += w * buffer[j];
            }
        }
    }
}
