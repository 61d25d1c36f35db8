package io.github.braingobrr.signal;

import java.util.Arrays;

/**
 * A filter as cascaded second-order sections {@code [b0, b1, b2, 1, a1, a2]} (SciPy's {@code sos} layout),
 * with causal filtering equal to {@code scipy.signal.sosfilt} and zero-phase filtering equal to
 * {@code scipy.signal.sosfiltfilt} with its default odd padding. Immutable; arrays are copied.
 */
public record SosFilter(double[][] sections) {
    public SosFilter {
        if (sections == null || sections.length == 0) {
            throw new IllegalArgumentException("at least one section is required");
        }
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            if (sections[s] == null || sections[s].length != 6) {
                throw new IllegalArgumentException("section " + s + " must have 6 coefficients");
            }
            if (sections[s][3] != 1.0) {
                throw new IllegalArgumentException("section " + s + " must have a0 = 1, got " + sections[s][3]);
            }
            for (double v : sections[s]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("section " + s + " has a non-finite coefficient " + v);
                }
            }
            copy[s] = sections[s].clone();
        }
        sections = copy;
    }

    /** A single section from a transfer function of degree ≤ 2 (for example an {@link Notch} filter). */
    public static SosFilter of(TransferFunction tf) {
        double[] b = tf.b();
        double[] a = tf.a();
        if (b.length > 3 || a.length > 3) {
            throw new IllegalArgumentException("a single section holds degree <= 2, got " + tf);
        }
        double a0 = a[0];
        double[] s = new double[6];
        for (int i = 0; i < b.length; i++) {
            s[3 - b.length + i] = b[i] / a0;
        }
        for (int i = 0; i < a.length; i++) {
            s[6 - a.length + i] = a[i] / a0;
        }
        return new SosFilter(new double[][] {s});
    }

    @Override
    public double[][] sections() {
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            copy[s] = sections[s].clone();
        }
        return copy;
    }

    /** Number of sections. */
    public int size() {
        return sections.length;
    }

    /** Causal filtering from zero initial state; returns a new array. */
    public double[] filter(double[] x) {
        double[] y = x.clone();
        filterInPlace(y, null);
        return y;
    }

    /** Causal filtering in place from state {@code zi} ({@code [sections][2]}, or null for zero); returns the final state. */
    public double[][] filterInPlace(double[] x, double[][] zi) {
        int ns = sections.length;
        double[][] z = new double[ns][2];
        if (zi != null) {
            if (zi.length != ns) {
                throw new IllegalArgumentException("initial state must have " + ns + " rows, got " + zi.length);
            }
            for (int s = 0; s < ns; s++) {
                z[s][0] = zi[s][0];
                z[s][1] = zi[s][1];
            }
        }
        for (int s = 0; s < ns; s++) {
            double[] c = sections[s];
            double b0 = c[0], b1 = c[1], b2 = c[2], a1 = c[4], a2 = c[5];
            double z0 = z[s][0], z1 = z[s][1];
            for (int i = 0; i < x.length; i++) {
                double xn = x[i];
                double yn = b0 * xn + z0;
                z0 = b1 * xn - a1 * yn + z1;
                z1 = b2 * xn - a2 * yn;
                x[i] = yn;
            }
            z[s][0] = z0;
            z[s][1] = z1;
        }
        return z;
    }

    /** Unit-step initial state of the cascade, as {@code scipy.signal.sosfilt_zi}. */
    public double[][] initialState() {
        double[][] zi = new double[sections.length][];
        double scale = 1.0;
        for (int s = 0; s < sections.length; s++) {
            double[] c = sections[s];
            double[] b = {c[0], c[1], c[2]};
            double[] a = {c[3], c[4], c[5]};
            double[] sectionZi = new TransferFunction(b, a).initialState();
            zi[s] = new double[] {scale * sectionZi[0], scale * sectionZi[1]};
            scale *= (b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2]);
        }
        return zi;
    }

    /**
     * SciPy's default {@code padlen} for {@code sosfiltfilt}: {@code 3·(2·sections + 1 − min(#b2 = 0, #a2 = 0))}.
     */
    public int defaultPadlen() {
        int zeroB2 = 0;
        int zeroA2 = 0;
        for (double[] c : sections) {
            if (c[2] == 0.0) {
                zeroB2++;
            }
            if (c[5] == 0.0) {
                zeroA2++;
            }
        }
        return 3 * (2 * sections.length + 1 - Math.min(zeroB2, zeroA2));
    }

    /** Zero-phase filtering with SciPy's default padding ({@link #defaultPadlen()}). */
    public double[] filtfilt(double[] x) {
        return filtfilt(x, defaultPadlen());
    }

    /**
     * Zero-phase forward-backward filtering, {@code scipy.signal.sosfiltfilt(sos, x, padlen=padlen)}.
     *
     * @throws IllegalArgumentException when {@code x.length <= padlen}
     */
    public double[] filtfilt(double[] x, int padlen) {
        double[][] zi = initialState();
        return ZeroPhase.run(x, padlen, (ext, scale) -> {
            double[][] z = new double[zi.length][];
            for (int s = 0; s < zi.length; s++) {
                z[s] = new double[] {zi[s][0] * scale, zi[s][1] * scale};
            }
            filterInPlace(ext, z);
        });
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SosFilter f && Arrays.deepEquals(sections, f.sections);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sections);
    }

    @Override
    public String toString() {
        return "SosFilter" + Arrays.deepToString(sections);
    }
}
