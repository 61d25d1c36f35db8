package io.github.braingobrr.signal;

/** A complex number, just enough arithmetic for pole/zero filter design. */
record Complex(double re, double im) {
    static final Complex ZERO = new Complex(0.0, 0.0);
    static final Complex ONE = new Complex(1.0, 0.0);

    static Complex real(double re) {
        return new Complex(re, 0.0);
    }

    /** e^(i theta). */
    static Complex expI(double theta) {
        return new Complex(Math.cos(theta), Math.sin(theta));
    }

    Complex plus(Complex o) {
        return new Complex(re + o.re, im + o.im);
    }

    Complex minus(Complex o) {
        return new Complex(re - o.re, im - o.im);
    }

    Complex times(Complex o) {
        return new Complex(re * o.re - im * o.im, re * o.im + im * o.re);
    }

    Complex times(double s) {
        return new Complex(re * s, im * s);
    }

    Complex negate() {
        return new Complex(-re, -im);
    }

    Complex conj() {
        return new Complex(re, -im);
    }

    /** Smith's algorithm, robust against overflow; multiplies by the reciprocal as NumPy's complex divide does. */
    Complex div(Complex o) {
        double c = o.re;
        double d = o.im;
        if (Math.abs(c) >= Math.abs(d)) {
            if (c == 0.0 && d == 0.0) {
                return new Complex(re / Math.abs(c), im / Math.abs(d));
            }
            double rat = d / c;
            double scl = 1.0 / (c + d * rat);
            return new Complex((re + im * rat) * scl, (im - re * rat) * scl);
        }
        double rat = c / d;
        double scl = 1.0 / (d + c * rat);
        return new Complex((re * rat + im) * scl, (im * rat - re) * scl);
    }

    double abs() {
        return Math.hypot(re, im);
    }

    /** Principal square root. */
    Complex sqrt() {
        if (re == 0.0 && im == 0.0) {
            return new Complex(0.0, im);
        }
        double t = Math.sqrt((Math.abs(re) + abs()) / 2.0);
        if (re >= 0.0) {
            return new Complex(t, im / (2.0 * t));
        }
        return new Complex(Math.abs(im) / (2.0 * t), Math.copySign(t, im));
    }

    /** Exactly real, as NumPy's {@code isreal} tests it. */
    boolean isReal() {
        return im == 0.0;
    }
}
