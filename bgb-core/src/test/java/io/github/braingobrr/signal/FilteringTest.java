package io.github.braingobrr.signal;

import static io.github.braingobrr.signal.Assertions2.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braingobrr.testdata.ReferenceArrays;
import org.junit.jupiter.api.Test;

/** Causal and zero-phase filtering against SciPy outputs on a 1000-sample test signal (make_dsp_references.py). */
class FilteringTest {
    private static final ReferenceArrays REFS = ReferenceArrays.load("/io/github/braingobrr/signal/signals.txt.gz");
    private static final double[] X = REFS.vector("x");
    private static final TransferFunction BANDPASS = Butterworth.bandpass(3, 0.5, 120, 256);
    private static final TransferFunction NOTCH = Notch.iirnotch(60, 30, 256);
    private static final SosFilter BANDPASS_SOS = Butterworth.bandpassSos(3, 0.5, 120, 256);

    @Test
    void lfilterWithScipysCoefficientsReproducesScipysArithmetic() {
        ReferenceArrays filters = ReferenceArrays.load("/io/github/braingobrr/signal/filters.txt");
        TransferFunction scipyBandpass =
                new TransferFunction(filters.vector("seed.bandpass.b"), filters.vector("seed.bandpass.a"));
        assertClose(REFS.vector("lfilter.bandpass"), scipyBandpass.filter(X), 1e-15, "band-pass");
    }

    @Test
    void lfilterMatchesScipy() {
        // the 6th-order recursion (poles near z = 1) turns a 1-ulp coefficient difference into ~2e-9 here
        assertClose(REFS.vector("lfilter.bandpass"), BANDPASS.filter(X), 1e-8, "band-pass");
        assertClose(REFS.vector("lfilter.notch"), NOTCH.filter(X), 1e-12, "notch");
    }

    @Test
    void filtfiltMatchesScipy() {
        assertClose(REFS.vector("filtfilt.bandpass"), BANDPASS.filtfilt(X), 1e-8, "band-pass");
        assertClose(REFS.vector("filtfilt.notch"), NOTCH.filtfilt(X), 1e-10, "notch");
        assertClose(
                REFS.vector("filtfilt.bandpass.padlen10"),
                BANDPASS.filtfilt(REFS.vector("x40"), 10),
                1e-8,
                "padlen 10");
    }

    @Test
    void sosfiltAndSosfiltfiltMatchScipy() {
        assertClose(REFS.vector("sosfilt.bandpass"), BANDPASS_SOS.filter(X), 1e-10, "sosfilt");
        assertClose(REFS.vector("sosfiltfilt.bandpass"), BANDPASS_SOS.filtfilt(X), 1e-9, "sosfiltfilt");
        assertClose(
                REFS.vector("sosfiltfilt.bandpass4_1_30_250"),
                Butterworth.bandpassSos(4, 1, 30, 250).filtfilt(X),
                1e-9,
                "order 4");
    }

    @Test
    void notchAsOneSectionFiltersLikeItsTransferFunction() {
        assertClose(NOTCH.filter(X), SosFilter.of(NOTCH).filter(X), 1e-12, "causal");
        assertClose(NOTCH.filtfilt(X), SosFilter.of(NOTCH).filtfilt(X), 1e-12, "zero-phase");
        assertEquals(9, SosFilter.of(NOTCH).defaultPadlen());
        assertEquals(21, BANDPASS_SOS.defaultPadlen());
    }

    @Test
    void cascadeInOnePassEqualsTwoPassesExactly() {
        double[] twoPasses = NOTCH.filter(BANDPASS.filter(X));
        double[] fused = X.clone();
        TransferFunction.cascadeInPlace(fused, BANDPASS, NOTCH);
        org.junit.jupiter.api.Assertions.assertArrayEquals(twoPasses, fused);
        TransferFunction lowpass = Butterworth.lowpass(4, 40, 256);
        double[] generic = X.clone();
        TransferFunction.cascadeInPlace(generic, lowpass, BANDPASS);
        org.junit.jupiter.api.Assertions.assertArrayEquals(BANDPASS.filter(lowpass.filter(X)), generic);
    }

    @Test
    void stateCarriesAcrossChunks() {
        double[] whole = BANDPASS.filter(X);
        double[] first = java.util.Arrays.copyOfRange(X, 0, 337);
        double[] second = java.util.Arrays.copyOfRange(X, 337, X.length);
        double[] state = BANDPASS.filterInPlace(first, null);
        BANDPASS.filterInPlace(second, state);
        for (int i = 0; i < X.length; i++) {
            assertEquals(whole[i], i < 337 ? first[i] : second[i - 337], 0.0, "sample " + i);
        }
    }

    @Test
    void zeroPhaseNeedsMoreSamplesThanThePadding() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BANDPASS.filtfilt(new double[21]));
        assertEquals(
                "zero-phase filtering needs more than padlen = 21 samples, got 21; pass a smaller padlen",
                e.getMessage());
    }
}
