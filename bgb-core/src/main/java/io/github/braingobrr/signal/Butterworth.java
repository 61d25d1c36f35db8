package io.github.braingobrr.signal;

/**
 * Digital Butterworth filter design, as {@code scipy.signal.butter}: analog prototype, frequency transform
 * with bilinear pre-warping, bilinear transform, then transfer-function ({@code output='ba'}) or
 * second-order-section ({@code output='sos'}) form. Frequencies are in hertz for sampling rate {@code fs}.
 *
 * <p>High-order transfer functions are numerically fragile (as in SciPy); prefer the SOS form for orders
 * above about 4 and for zero-phase filtering.
 */
public final class Butterworth {
    private Butterworth() {}

    /** Band-pass of the given order (the transfer function has degree {@code 2·order}). */
    public static TransferFunction bandpass(int order, double lowHz, double highHz, double fs) {
        return bandpassZpk(order, lowHz, highHz, fs).toTransferFunction();
    }

    /** Band-pass of the given order as {@code order} second-order sections. */
    public static SosFilter bandpassSos(int order, double lowHz, double highHz, double fs) {
        return bandpassZpk(order, lowHz, highHz, fs).toSos();
    }

    /** Low-pass of the given order. */
    public static TransferFunction lowpass(int order, double cutoffHz, double fs) {
        return edgeZpk(order, cutoffHz, fs, false).toTransferFunction();
    }

    /** Low-pass of the given order as second-order sections. */
    public static SosFilter lowpassSos(int order, double cutoffHz, double fs) {
        return edgeZpk(order, cutoffHz, fs, false).toSos();
    }

    /** High-pass of the given order. */
    public static TransferFunction highpass(int order, double cutoffHz, double fs) {
        return edgeZpk(order, cutoffHz, fs, true).toTransferFunction();
    }

    /** High-pass of the given order as second-order sections. */
    public static SosFilter highpassSos(int order, double cutoffHz, double fs) {
        return edgeZpk(order, cutoffHz, fs, true).toSos();
    }

    static Zpk bandpassZpk(int order, double lowHz, double highHz, double fs) {
        checkOrder(order);
        double lo = normalized(lowHz, fs, "low cut-off");
        double hi = normalized(highHz, fs, "high cut-off");
        if (!(lo < hi)) {
            throw new IllegalArgumentException(
                    "band-pass needs low < high, got " + lowHz + " Hz and " + highHz + " Hz");
        }
        double wLo = prewarp(lo);
        double wHi = prewarp(hi);
        double bw = wHi - wLo;
        double wo = Math.sqrt(wLo * wHi);
        Complex[] proto = prototypePoles(order);
        // low-pass to band-pass: each pole p -> p·bw/2 ± sqrt((p·bw/2)² − wo²); the zeros go to the origin
        Complex[] poles = new Complex[2 * order];
        for (int i = 0; i < order; i++) {
            Complex pl = proto[i].times(bw).times(0.5);
            Complex root = pl.times(pl).minus(Complex.real(wo * wo)).sqrt();
            poles[i] = pl.plus(root);
            poles[order + i] = pl.minus(root);
        }
        Complex[] zeros = new Complex[order];
        java.util.Arrays.fill(zeros, Complex.ZERO);
        double gain = Math.pow(bw, order);
        return bilinear(zeros, poles, gain);
    }

    static Zpk edgeZpk(int order, double cutoffHz, double fs, boolean highpass) {
        checkOrder(order);
        double wo = prewarp(normalized(cutoffHz, fs, "cut-off"));
        Complex[] proto = prototypePoles(order);
        Complex[] poles = new Complex[order];
        if (!highpass) {
            for (int i = 0; i < order; i++) {
                poles[i] = proto[i].times(wo);
            }
            return bilinear(new Complex[0], poles, Math.pow(wo, order));
        }
        Complex prodMinusP = Complex.ONE;
        for (int i = 0; i < order; i++) {
            poles[i] = Complex.real(wo).div(proto[i]);
            prodMinusP = prodMinusP.times(proto[i].negate());
        }
        Complex[] zeros = new Complex[order];
        java.util.Arrays.fill(zeros, Complex.ZERO);
        return bilinear(zeros, poles, Complex.ONE.div(prodMinusP).re());
    }

    /** Bilinear transform with {@code fs = 2} (frequencies were pre-warped for it). */
    private static Zpk bilinear(Complex[] z, Complex[] p, double k) {
        Complex fs2 = Complex.real(4.0);
        int degree = p.length - z.length;
        Complex[] zz = new Complex[z.length + degree];
        Complex num = Complex.ONE;
        for (int i = 0; i < z.length; i++) {
            zz[i] = fs2.plus(z[i]).div(fs2.minus(z[i]));
            num = num.times(fs2.minus(z[i]));
        }
        for (int i = z.length; i < zz.length; i++) {
            zz[i] = Complex.real(-1.0);
        }
        Complex[] pz = new Complex[p.length];
        Complex den = Complex.ONE;
        for (int i = 0; i < p.length; i++) {
            pz[i] = fs2.plus(p[i]).div(fs2.minus(p[i]));
            den = den.times(fs2.minus(p[i]));
        }
        return new Zpk(zz, pz, k * num.div(den).re());
    }

    /** Poles of the analog prototype: −exp(iπm/(2N)) for m = −N+1, −N+3, …, N−1. */
    private static Complex[] prototypePoles(int order) {
        Complex[] p = new Complex[order];
        for (int i = 0; i < order; i++) {
            int m = -order + 1 + 2 * i;
            p[i] = Complex.expI(Math.PI * m / (2.0 * order)).negate();
        }
        return p;
    }

    private static double prewarp(double wn) {
        return 4.0 * Math.tan(Math.PI * wn / 2.0);
    }

    private static double normalized(double hz, double fs, String what) {
        if (!(fs > 0) || !Double.isFinite(fs)) {
            throw new IllegalArgumentException("sampling rate must be positive and finite, got " + fs);
        }
        double wn = hz / (fs / 2.0);
        if (!(wn > 0 && wn < 1)) {
            throw new IllegalArgumentException(
                    what + " must lie strictly between 0 and fs/2 = " + fs / 2 + " Hz, got " + hz + " Hz");
        }
        return wn;
    }

    private static void checkOrder(int order) {
        if (order < 1 || order > 32) {
            throw new IllegalArgumentException("filter order must be between 1 and 32, got " + order);
        }
    }
}
