package io.github.braingobrr.signal;

import static io.github.braingobrr.signal.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braingobrr.testdata.ReferenceArrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filter design against coefficients computed by SciPy (make_dsp_references.py) and SEED-PIPELINE.md §2. */
class FilterDesignTest {
    private static final double TOL = 1e-12;
    private static final ReferenceArrays REFS = ReferenceArrays.load("/io/github/braingobrr/signal/filters.txt");

    @Test
    void seedBandpassEqualsTheValuesInTheSeedDocument() {
        TransferFunction tf = Butterworth.bandpass(3, 0.5, 120, 256);
        double[] b = {0.8113925727880567, 0, -2.43417771836417, 0, 2.43417771836417, 0, -0.8113925727880567};
        double[] a = {
            1,
            -0.3676572398988409,
            -2.519350883399293,
            0.5848700333264842,
            2.2025660627101056,
            -0.24205891372198635,
            -0.6583570403933969
        };
        assertClose(b, tf.b(), TOL, "b");
        assertClose(a, tf.a(), TOL, "a");
        assertClose(REFS.vector("seed.bandpass.b"), tf.b(), TOL, "scipy b");
        assertClose(REFS.vector("seed.bandpass.a"), tf.a(), TOL, "scipy a");
    }

    @Test
    void seedNotchEqualsTheValuesInTheSeedDocument() {
        TransferFunction tf = Notch.iirnotch(60, 30, 256);
        assertClose(new double[] {0.9760395733504627, -0.19133721565659384, 0.9760395733504627}, tf.b(), TOL, "b");
        assertClose(new double[] {1, -0.19133721565659384, 0.9520791467009253}, tf.a(), TOL, "a");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void bandpassMatchesScipyInBothForms(int index) {
        String[] p = REFS.text("bandpass" + index).split(" ");
        int order = Integer.parseInt(p[0]);
        double lo = Double.parseDouble(p[1]);
        double hi = Double.parseDouble(p[2]);
        double fs = Double.parseDouble(p[3]);
        TransferFunction tf = Butterworth.bandpass(order, lo, hi, fs);
        assertClose(REFS.vector("bandpass" + index + ".b"), tf.b(), TOL, "b");
        assertClose(REFS.vector("bandpass" + index + ".a"), tf.a(), TOL, "a");
        assertSos(REFS.matrix("bandpass" + index + ".sos"), Butterworth.bandpassSos(order, lo, hi, fs));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void lowpassAndHighpassMatchScipyInBothForms(int index) {
        String[] p = REFS.text("edge" + index).split(" ");
        int order = Integer.parseInt(p[1]);
        double fc = Double.parseDouble(p[2]);
        double fs = Double.parseDouble(p[3]);
        boolean high = p[0].equals("highpass");
        TransferFunction tf = high ? Butterworth.highpass(order, fc, fs) : Butterworth.lowpass(order, fc, fs);
        SosFilter sos = high ? Butterworth.highpassSos(order, fc, fs) : Butterworth.lowpassSos(order, fc, fs);
        assertClose(REFS.vector("edge" + index + ".b"), tf.b(), TOL, "b");
        assertClose(REFS.vector("edge" + index + ".a"), tf.a(), TOL, "a");
        assertSos(REFS.matrix("edge" + index + ".sos"), sos);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void notchMatchesScipy(int index) {
        String[] p = REFS.text("notch" + index).split(" ");
        TransferFunction tf =
                Notch.iirnotch(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        assertClose(REFS.vector("notch" + index + ".b"), tf.b(), TOL, "b");
        assertClose(REFS.vector("notch" + index + ".a"), tf.a(), TOL, "a");
    }

    @Test
    void initialStatesMatchScipy() {
        // lfilter_zi solves a nearly singular system for a 0.5 Hz high-pass edge: SciPy's LU solve and the
        // steady-state recursion used here agree to about 1e-10 there
        assertClose(
                REFS.vector("seed.bandpass.zi"),
                Butterworth.bandpass(3, 0.5, 120, 256).initialState(),
                1e-9,
                "zi");
        double[][] expected = REFS.matrix("seed.bandpass.sos_zi");
        double[][] actual = Butterworth.bandpassSos(3, 0.5, 120, 256).initialState();
        for (int s = 0; s < expected.length; s++) {
            assertClose(expected[s], actual[s], 1e-9, "sos zi section " + s);
        }
    }

    @Test
    void kaiserFirMatchesScipyFirwin() {
        assertClose(REFS.vector("firwin.kaiser5.2561"), Fir.kaiserLowpass(2561, 1.0 / 128, 5.0), TOL, "2561 taps");
        assertClose(REFS.vector("firwin.kaiser5.41"), Fir.kaiserLowpass(41, 0.5, 5.0), TOL, "41 taps");
    }

    @Test
    void badDesignsAreRejectedWithTheReason() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(3, 0.5, 130, 256));
        assertEquals("high cut-off must lie strictly between 0 and fs/2 = 128.0 Hz, got 130.0 Hz", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(3, 40, 20, 256));
        assertThrows(IllegalArgumentException.class, () -> Butterworth.bandpass(0, 1, 20, 256));
        assertThrows(IllegalArgumentException.class, () -> Notch.iirnotch(200, 30, 256));
        assertThrows(IllegalArgumentException.class, () -> Notch.iirnotch(60, 0, 256));
    }

    @Test
    void coefficientsAreCopiedNotShared() {
        TransferFunction tf = Notch.iirnotch(60, 30, 256);
        double[] b = tf.b();
        b[0] = 42;
        assertArrayEquals(Notch.iirnotch(60, 30, 256).b(), tf.b());
    }

    private static void assertSos(double[][] expected, SosFilter actual) {
        double[][] got = actual.sections();
        assertEquals(expected.length, got.length, "sections");
        for (int s = 0; s < expected.length; s++) {
            assertClose(expected[s], got[s], TOL, "section " + s);
        }
    }
}
