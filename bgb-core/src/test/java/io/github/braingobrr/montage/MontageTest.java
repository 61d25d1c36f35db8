package io.github.braingobrr.montage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.ReferenceArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MontageTest {
    private static final ReferenceArrays MNE = ReferenceArrays.load("/io/github/braingobrr/montage/interpolation.txt");
    /** The signal labels of ../shared/testdata/edf/nedc_pystream_example/example.edf, in file order. */
    static final List<String> EXAMPLE_LABELS = List.of(
            "EEG FP1-REF",
            "EEG FP2-REF",
            "EEG F3-REF",
            "EEG F4-REF",
            "EEG C3-REF",
            "EEG C4-REF",
            "EEG P3-REF",
            "EEG P4-REF",
            "EEG O1-REF",
            "EEG O2-REF",
            "EEG F7-REF",
            "EEG F8-REF",
            "EEG T3-REF",
            "EEG T4-REF",
            "EEG T5-REF",
            "EEG T6-REF",
            "EEG A1-REF",
            "EEG A2-REF",
            "EEG FZ-REF",
            "EEG CZ-REF",
            "EEG PZ-REF",
            "EEG ROC-REF",
            "EEG LOC-REF",
            "EEG EKG1-REF",
            "EEG T1-REF",
            "EEG T2-REF",
            "PHOTIC-REF",
            "IBI",
            "BURSTS",
            "SUPPR");

    @ParameterizedTest
    @CsvSource({
        "EEG FP1-REF,FP1,Fp1", "EEG FP1-LE,FP1,Fp1", "EEG T3-AR,T3,T3", "EEG T7-REF,T7,T3", "EEG P8-LE,P8,T6",
        "EEG Fp1-Ref,Fp1,Fp1", "Fz,Fz,Fz", "EEG CZ-REF,CZ,Cz", "EEG A1-REF,A1,A1", "EEG FP1 - REF,FP1,Fp1"
    })
    void labelsNormaliseLikeTheSeed(String label, String normalized, String canonical) {
        assertEquals(normalized, ChannelNames.normalize(label));
        assertEquals(Optional.of(canonical), ChannelNames.canonical(label));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EEG EKG1-REF", "PHOTIC-REF", "IBI", "EEG 26-LE", "DC1-DC", "EEG ROC-REF", ""})
    void nonElectrodesHaveNoCanonicalName(String label) {
        assertEquals(Optional.empty(), ChannelNames.canonical(label));
    }

    @Test
    void onlyOneSuffixIsStripped() {
        assertEquals("FP1-REF", ChannelNames.normalize("EEG FP1-REF-LE"));
    }

    @Test
    void seedMontagePicksTheNineteenChannelsByIndexInSeedOrder() throws Exception {
        MontagePlan plan =
                MontagePlan.resolve(Montage.REFERENTIAL_19, EXAMPLE_LABELS, MissingChannelPolicy.seed(), "example.edf");
        assertEquals(ChannelNames.SEED_19, plan.channelNames());
        int[] expected = {0, 2, 4, 6, 10, 12, 14, 8, 18, 19, 20, 1, 3, 5, 7, 11, 13, 15, 9};
        for (int k = 0; k < 19; k++) {
            assertArrayEquals(new int[] {expected[k]}, plan.sources(k), "channel " + k);
            assertArrayEquals(new double[] {1.0}, plan.weights(k));
        }
        assertEquals("EEG FZ-REF", plan.sourceLabels().get("Fz"));
        assertTrue(plan.interpolated().isEmpty());
    }

    @Test
    void missingChannelsOutsideThePolicyAreRejectedWithFileAndNames() {
        List<String> labels = new ArrayList<>(EXAMPLE_LABELS);
        labels.remove("EEG T3-REF");
        labels.remove("EEG FZ-REF");
        MissingChannelsException e = assertThrows(
                MissingChannelsException.class,
                () -> MontagePlan.resolve(Montage.REFERENTIAL_19, labels, MissingChannelPolicy.seed(), "a/b.edf"));
        assertEquals(List.of("T3", "Fz"), e.missing());
        assertEquals("a/b.edf", e.source());
        assertTrue(
                e.getMessage()
                        .startsWith("a/b.edf: missing channels [T3, Fz] for montage REFERENTIAL_19 "
                                + "(missing-channel policy: interpolate only [Fz, Pz])"),
                e.getMessage());
        assertThrows(
                MissingChannelsException.class,
                () -> MontagePlan.resolve(Montage.REFERENTIAL_19, labels, MissingChannelPolicy.reject(), "x"));
    }

    @Test
    void zeroPolicyGivesEmptyCombinations() throws Exception {
        List<String> labels = new ArrayList<>(EXAMPLE_LABELS);
        labels.remove("EEG O2-REF");
        MontagePlan plan = MontagePlan.resolve(Montage.REFERENTIAL_19, labels, MissingChannelPolicy.zero(), "x");
        assertEquals(List.of("O2"), plan.zeroed());
        assertEquals(0, plan.sources(18).length);
        double[] out = plan.compute(18, 4, i -> new double[] {1, 2, 3, 4});
        assertArrayEquals(new double[4], out);
    }

    @Test
    void synonymsAreUsedOnlyWhenTheDirectNameIsAbsent() throws Exception {
        List<String> labels = new ArrayList<>(EXAMPLE_LABELS);
        labels.add("EEG T7-REF");
        MontagePlan plan = MontagePlan.resolve(Montage.REFERENTIAL_19, labels, MissingChannelPolicy.reject(), "x");
        assertEquals("EEG T3-REF", plan.sourceLabels().get("T3"));
        assertEquals(1, plan.warnings().size());
        labels.remove("EEG T3-REF");
        plan = MontagePlan.resolve(Montage.REFERENTIAL_19, labels, MissingChannelPolicy.reject(), "x");
        assertEquals("EEG T7-REF", plan.sourceLabels().get("T3"));
    }

    @Test
    void tcpChannelsAreDifferencesOfTheirElectrodes() throws Exception {
        MontagePlan plan = MontagePlan.resolve(Montage.TCP_22, EXAMPLE_LABELS, MissingChannelPolicy.reject(), "x");
        assertEquals(22, plan.channelNames().size());
        assertEquals("FP1-F7", plan.channelNames().get(0));
        assertEquals("A1-T3", plan.channelNames().get(8));
        assertEquals("P4-O2", plan.channelNames().get(21));
        assertEquals(
                List.of(
                        "Fp1", "F7", "T3", "T5", "O1", "Fp2", "F8", "T4", "T6", "O2", "A1", "C3", "Cz", "C4", "A2",
                        "F3", "P3", "F4", "P4"),
                Montage.TCP_22.electrodes());
        // FP1 (index 0) − F7 (index 10); the NEDC example README's sample 0 gives FP1 4497.9858, FP1-FP2 62.4084
        double[] out = plan.compute(0, 1, i -> new double[] {i == 0 ? 4497.9858 : i == 10 ? 4421.8445 : 0});
        assertEquals(4497.9858 - 4421.8445, out[0], 1e-12);
        assertArrayEquals(new int[] {0, 10}, plan.sources(0));
        assertArrayEquals(new double[] {1.0, -1.0}, plan.weights(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed_fz_pz", "seed_fz", "seed_c3_o2_t4", "tcp_a1"})
    void sphereFitAndInterpolationMatrixMatchMne(String name) {
        List<String> names = MNE.list(name + ".names");
        List<String> bads = MNE.list(name + ".bads");
        List<String> goods = MNE.list(name + ".goods");
        double[][] all = names.stream().map(StandardPositions::position).toArray(double[][]::new);
        double[] origin = SphericalSpline.fitOrigin(all);
        double[] mneOrigin = MNE.vector(name + ".origin");
        for (int k = 0; k < 3; k++) {
            // MNE stops COBYLA at rhoend = 1e-6·radius ≈ 1e-7 m; this fit converges fully
            assertEquals(mneOrigin[k], origin[k], 2e-7, "origin " + k);
        }
        double[][] w = SphericalSpline.matrix(
                goods.stream().map(StandardPositions::position).toArray(double[][]::new),
                bads.stream().map(StandardPositions::position).toArray(double[][]::new),
                origin);
        double[][] expected = MNE.matrix(name + ".matrix");
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], w[r][c], 1e-5, bads.get(r) + " from " + goods.get(c));
            }
        }
        // with MNE's own origin the matrix agrees to rounding
        double[][] same = SphericalSpline.matrix(
                goods.stream().map(StandardPositions::position).toArray(double[][]::new),
                bads.stream().map(StandardPositions::position).toArray(double[][]::new),
                mneOrigin);
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                assertEquals(expected[r][c], same[r][c], 1e-10, bads.get(r) + " from " + goods.get(c));
            }
        }
    }

    @Test
    void interpolationWeightsSumToOne() throws Exception {
        List<String> labels = new ArrayList<>(EXAMPLE_LABELS);
        labels.remove("EEG FZ-REF");
        labels.remove("EEG PZ-REF");
        MontagePlan plan = MontagePlan.resolve(Montage.REFERENTIAL_19, labels, MissingChannelPolicy.seed(), "x");
        assertEquals(List.of("Fz", "Pz"), plan.interpolated());
        double sum = 0;
        for (double w : plan.weights(8)) {
            sum += w;
        }
        assertEquals(1.0, sum, 1e-9); // the spline's constant term reproduces a constant potential
        assertEquals(17, plan.sources(8).length);
    }

    @Test
    void policyRejectsUnknownElectrodeNames() {
        assertThrows(IllegalArgumentException.class, () -> MissingChannelPolicy.interpolateOnly("Fz", "EKG"));
        assertEquals("interpolate only [Fz, Pz]", MissingChannelPolicy.seed().describe());
        assertEquals("zero", MissingChannelPolicy.zero().describe());
    }
}
