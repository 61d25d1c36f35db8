package io.github.braingobrr.preprocess;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-length, fixed-stride windows over a recording: {@code N = (n − W)/S + 1} windows of {@code W} samples every
 * {@code S} samples, the tail after the last full window dropped, none for a recording shorter than one window.
 * A window's category follows its seizure fraction: 0 → {@link WindowCategory#NO_SEIZURE}, at least
 * {@code fullThreshold} → {@link WindowCategory#FULL_SEIZURE}, otherwise {@link WindowCategory#PARTIAL_SEIZURE}.
 *
 * @param windowSeconds window length in seconds (seed: 60)
 * @param strideSeconds stride in seconds (seed: 10)
 * @param fullThreshold seizure fraction from which a window counts as full (seed: 0.99)
 */
public record Windower(double windowSeconds, double strideSeconds, double fullThreshold) {
    public Windower {
        if (!(windowSeconds > 0) || !Double.isFinite(windowSeconds)) {
            throw new IllegalArgumentException("window length must be positive, got " + windowSeconds + " s");
        }
        if (!(strideSeconds > 0) || !Double.isFinite(strideSeconds)) {
            throw new IllegalArgumentException("stride must be positive, got " + strideSeconds + " s");
        }
        if (!(fullThreshold > 0 && fullThreshold <= 1)) {
            throw new IllegalArgumentException("full threshold must be in (0, 1], got " + fullThreshold);
        }
    }

    /** The seed's windows: 60 s every 10 s (15,360 / 2,560 samples at 256 Hz), full from 0.99. */
    public static Windower seed() {
        return new Windower(60, 10, 0.99);
    }

    /** Window length in samples at {@code fs}: {@code round(windowSeconds·fs)}. */
    public int windowSamples(double fs) {
        return samples(windowSeconds, fs, "window");
    }

    /** Stride in samples at {@code fs}: {@code round(strideSeconds·fs)}. */
    public int strideSamples(double fs) {
        return samples(strideSeconds, fs, "stride");
    }

    /** Number of windows in {@code n} samples at {@code fs}. */
    public int count(int n, double fs) {
        return count(n, windowSamples(fs), strideSamples(fs));
    }

    /** {@code (n − w)/s + 1}, or 0 when {@code n < w}. */
    public static int count(int n, int w, int s) {
        return n < w ? 0 : (n - w) / s + 1;
    }

    /** The category of a window with this seizure fraction. */
    public WindowCategory category(double seizureFraction) {
        if (seizureFraction <= 0) {
            return WindowCategory.NO_SEIZURE;
        }
        return seizureFraction >= fullThreshold ? WindowCategory.FULL_SEIZURE : WindowCategory.PARTIAL_SEIZURE;
    }

    /** The windows of a recording, in order; each is a view of the recording's arrays. */
    public List<Window> windows(Recording recording) {
        double fs = recording.samplingRate();
        int w = windowSamples(fs);
        int s = strideSamples(fs);
        int n = count(recording.sampleCount(), w, s);
        List<Window> out = new ArrayList<>(n);
        float[] mask = recording.maskArray();
        for (int i = 0; i < n; i++) {
            int start = i * s;
            double fraction = fraction(mask, start, w);
            out.add(new Window(recording, i, start, w, fraction, category(fraction)));
        }
        return out;
    }

    /**
     * The category of each window of a seizure mask at {@code fs} hertz, as {@link #windows(Recording)} assigns them,
     * without the signals (to count what a recording will give from its labels alone).
     */
    public List<WindowCategory> categories(float[] mask, double fs) {
        int w = windowSamples(fs);
        int s = strideSamples(fs);
        int n = count(mask.length, w, s);
        List<WindowCategory> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(category(fraction(mask, i * s, w)));
        }
        return out;
    }

    /** The share of the {@code w} mask samples from {@code start} that are seizure. */
    private static double fraction(float[] mask, int start, int w) {
        int positive = 0;
        for (int j = start; j < start + w; j++) {
            if (mask[j] > 0) {
                positive++;
            }
        }
        return (double) positive / w;
    }

    private static int samples(double seconds, double fs, String what) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive, got " + fs);
        }
        long n = Math.round(seconds * fs);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " of " + seconds + " s at " + fs + " Hz is " + n + " samples");
        }
        return (int) n;
    }
}
