package io.github.braingobrr.signal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A digital filter as zeros, poles and gain, and its conversion to transfer-function and second-order-section
 * form with the same pole/zero pairing rules as SciPy's {@code zpk2tf} and {@code zpk2sos(pairing='nearest')}.
 */
record Zpk(Complex[] zeros, Complex[] poles, double gain) {
    private static final double TOL = 100 * Math.ulp(1.0);

    TransferFunction toTransferFunction() {
        double[] b = realPoly(zeros);
        for (int i = 0; i < b.length; i++) {
            b[i] *= gain;
        }
        return new TransferFunction(b, realPoly(poles));
    }

    /** Coefficients of prod(x - r), highest power first, by repeated convolution with [1, -r]. */
    static double[] realPoly(Complex[] roots) {
        Complex[] a = {Complex.ONE};
        for (Complex r : roots) {
            Complex[] next = new Complex[a.length + 1];
            Complex minusR = r.negate();
            next[0] = a[0];
            for (int j = 1; j < a.length; j++) {
                next[j] = a[j].plus(a[j - 1].times(minusR));
            }
            next[a.length] = a[a.length - 1].times(minusR);
            a = next;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].re();
        }
        return out;
    }

    SosFilter toSos() {
        List<Complex> z = new ArrayList<>(Arrays.asList(zeros));
        List<Complex> p = new ArrayList<>(Arrays.asList(poles));
        if (z.isEmpty() && p.isEmpty()) {
            return new SosFilter(new double[][] {{gain, 0, 0, 1, 0, 0}});
        }
        while (p.size() < z.size()) {
            p.add(Complex.ZERO);
        }
        while (z.size() < p.size()) {
            z.add(Complex.ZERO);
        }
        int sections = (p.size() + 1) / 2;
        if (p.size() % 2 == 1) {
            p.add(Complex.ZERO);
            z.add(Complex.ZERO);
        }
        z = conjugatePairsFirst(z);
        p = conjugatePairsFirst(p);
        double[][] sos = new double[sections][];
        for (int si = sections - 1; si >= 0; si--) {
            Complex p1 = p.remove(worst(p));
            if (p1.isReal() && countReal(p) == 0) {
                Complex z1 = z.remove(nearest(z, p1, Which.REAL));
                sos[si] = section(new Complex[] {z1, Complex.ZERO}, new Complex[] {p1, Complex.ZERO});
            } else if (p.size() + 1 == z.size() && !p1.isReal() && countReal(p) == 1 && countReal(z) == 1) {
                Complex z1 = z.remove(nearest(z, p1, Which.COMPLEX));
                sos[si] = section(new Complex[] {z1, z1.conj()}, new Complex[] {p1, p1.conj()});
            } else {
                Complex p2;
                if (p1.isReal()) {
                    List<Integer> realIdx = new ArrayList<>();
                    for (int i = 0; i < p.size(); i++) {
                        if (p.get(i).isReal()) {
                            realIdx.add(i);
                        }
                    }
                    List<Complex> reals = new ArrayList<>();
                    for (int i : realIdx) {
                        reals.add(p.get(i));
                    }
                    p2 = p.remove((int) realIdx.get(worst(reals)));
                } else {
                    p2 = p1.conj();
                }
                if (z.isEmpty()) {
                    sos[si] = section(new Complex[0], new Complex[] {p1, p2});
                } else {
                    Complex z1 = z.remove(nearest(z, p1, Which.ANY));
                    if (!z1.isReal()) {
                        sos[si] = section(new Complex[] {z1, z1.conj()}, new Complex[] {p1, p2});
                    } else if (!z.isEmpty()) {
                        Complex z2 = z.remove(nearest(z, p1, Which.REAL));
                        sos[si] = section(new Complex[] {z1, z2}, new Complex[] {p1, p2});
                    } else {
                        sos[si] = section(new Complex[] {z1}, new Complex[] {p1, p2});
                    }
                }
            }
        }
        for (int i = 0; i < 3; i++) {
            sos[0][i] *= gain;
        }
        return new SosFilter(sos);
    }

    private enum Which {
        REAL,
        COMPLEX,
        ANY
    }

    /** Index of the pole closest to the unit circle (the first one on ties). */
    private static int worst(List<Complex> p) {
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            double v = Math.abs(1.0 - p.get(i).abs());
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        return best;
    }

    private static int countReal(List<Complex> values) {
        int n = 0;
        for (Complex c : values) {
            if (c.isReal()) {
                n++;
            }
        }
        return n;
    }

    private static int nearest(List<Complex> from, Complex to, Which which) {
        Integer[] order = new Integer[from.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> from.get(i).minus(to).abs()));
        for (int i : order) {
            boolean real = from.get(i).isReal();
            if (which == Which.ANY || (which == Which.REAL) == real) {
                return i;
            }
        }
        throw new IllegalStateException("no " + which + " root left to pair with " + to);
    }

    private static double[] section(Complex[] z, Complex[] p) {
        double[] b = realPoly(z);
        double[] a = realPoly(p);
        double[] sos = new double[6];
        System.arraycopy(b, 0, sos, 3 - b.length, b.length);
        System.arraycopy(a, 0, sos, 6 - a.length, a.length);
        return sos;
    }

    /**
     * One member (positive imaginary part) of each conjugate pair, sorted, followed by the real roots; the
     * pairs are averaged to remove rounding asymmetry, as SciPy's {@code _cplxreal} does.
     */
    static List<Complex> conjugatePairsFirst(List<Complex> roots) {
        Complex[] z = roots.toArray(new Complex[0]);
        Arrays.sort(z, Comparator.comparingDouble(Complex::re).thenComparingDouble(c -> Math.abs(c.im())));
        List<Complex> reals = new ArrayList<>();
        List<Complex> pos = new ArrayList<>();
        List<Complex> neg = new ArrayList<>();
        for (Complex c : z) {
            if (Math.abs(c.im()) <= TOL * c.abs()) {
                reals.add(Complex.real(c.re()));
            } else if (c.im() > 0) {
                pos.add(c);
            } else {
                neg.add(c);
            }
        }
        if (pos.size() != neg.size()) {
            throw new IllegalArgumentException("complex roots do not come in conjugate pairs: " + roots);
        }
        Comparator<Complex> byImag = Comparator.comparingDouble(c -> Math.abs(c.im()));
        int i = 0;
        while (i < pos.size() - 1) {
            int start = i;
            while (i < pos.size() - 1
                    && pos.get(i + 1).re() - pos.get(i).re() <= TOL * pos.get(i).abs()) {
                i++;
            }
            if (i > start) {
                pos.subList(start, i + 1).sort(byImag);
                neg.subList(start, i + 1).sort(byImag);
            } else {
                i++;
            }
        }
        List<Complex> out = new ArrayList<>();
        for (int k = 0; k < pos.size(); k++) {
            Complex zp = pos.get(k);
            Complex zn = neg.get(k);
            if (zp.minus(zn.conj()).abs() > TOL * zn.abs()) {
                throw new IllegalArgumentException("complex roots do not come in conjugate pairs: " + roots);
            }
            Complex avg = zp.plus(zn.conj());
            out.add(new Complex(avg.re() / 2, avg.im() / 2));
        }
        out.addAll(reals);
        return out;
    }
}
