package io.github.braingobrr.edf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** Raw labels and normalized names (TUSZ convention) on real files, and lookup by either. */
class EdfChannelNamesTest {
    /** The TUH "-REF" header shared by the NEDC example and aaaaapks_s012_t001 (30 signals, in header order). */
    private static final List<String> TUH_REF_NAMES = List.of(
            "Fp1", "Fp2", "F3", "F4", "C3", "C4", "P3", "P4", "O1", "O2", "F7", "F8", "T3", "T4", "T5", "T6", "A1",
            "A2", "Fz", "Cz", "Pz", "ROC", "LOC", "EKG1", "T1", "T2", "PHOTIC", "IBI", "BURSTS", "SUPPR");

    private static List<String> names(EdfFile edf) {
        return edf.signals().stream().map(EdfSignal::normalizedName).toList();
    }

    @Test
    void tuhReferentialLabelsGetCanonicalNames() throws IOException {
        for (String file : List.of(
                "edf/nedc_pystream_example/example.edf", "edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf")) {
            try (EdfFile edf = EdfFile.open(TestData.file(file))) {
                assertEquals(TUH_REF_NAMES, names(edf).subList(0, 30), file);
                assertEquals("EEG FP1-REF", edf.signal(0).label(), "the raw label stays as written");
                assertEquals("PHOTIC-REF", edf.signal(26).label());
            }
        }
        try (EdfFile edf = EdfFile.open(TestData.file("edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf"))) {
            assertEquals("EDF Annotations", edf.signal(30).normalizedName(), "annotation signals keep their label");
        }
    }

    @Test
    void nedcValuesAreFoundByNormalizedName() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/nedc_pystream_example/example.edf"))) {
            // NEDC's _AAREADME_v00.txt, sample 0 (µV): FP1 4497.9858, FP2 4435.5774, F3 4436.0352, T3 4414.6729
            String[] names = {"Fp1", "FP2", "f3", "EEG T3-REF"};
            double[] expected = {4497.9858, 4435.5774, 4436.0352, 4414.6729};
            for (int c = 0; c < names.length; c++) {
                double[] v = new double[1];
                edf.readPhysical(edf.signal(names[c]), 0, v, 0, 1);
                assertEquals(expected[c], v[0], 5e-5, names[c]);
            }
            assertEquals(12, edf.signal("T3").index());
            assertEquals(12, edf.signal("T7").index(), "T7 is the 10-10 name of T3");
            assertEquals(14, edf.signal("P7").index(), "P7 is the 10-10 name of T5");
            assertEquals(23, edf.signal("EKG1").index());
            assertEquals(26, edf.signal("PHOTIC").index());
            assertEquals(27, edf.signal("IBI").index());
            assertThrows(NoSuchElementException.class, () -> edf.signal("Oz"));
        }
    }

    @Test
    void linkedEarLabelsGetTheSameNames() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/epilepsy2bids_tuh_sample/aaaaahln_s001_t000.edf"))) {
            List<String> expected = List.of(
                    "Fp1", "Fp2", "F3", "F4", "C3", "C4", "A1", "A2", "P3", "P4", "O1", "O2", "F7", "F8", "T3", "T4",
                    "T5", "T6", "Fz", "Cz", "Pz", "Oz", "PG1", "PG2", "EKG", "26", "27", "28", "29", "30", "31", "32");
            assertEquals(expected, names(edf).subList(0, 32));
            assertEquals("PHOTICPH", edf.signal(32).normalizedName(), "spaces go, as in the seed");
            assertEquals("DC1-DC", edf.signal(33).normalizedName(), "-DC is no reference suffix");
            EdfSignal fp1 = edf.signal("Fp1");
            assertEquals(0, fp1.index());
            assertEquals(fp1, edf.signal("EEG FP1-LE"));
            double[] v = new double[3];
            edf.readPhysical(fp1, 0, v, 0, 3);
            // README: first 3 physical values of 'EEG FP1-LE'
            assertArrayEquals(new double[] {56.457548753, 73.24222541, 76.446572771}, v, 1e-8);
            assertEquals(edf.signal("EEG OZ-LE"), edf.signal("Oz"));
        }
    }

    @Test
    void duplicateLabelsAreListedAndAmbiguousLookupsNameTheIndexes() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/mne-python/duplicate_channel_labels.edf"))) {
            assertEquals(List.of("F1", "F2", "F1", "EDF Annotations"), names(edf));
            List<EdfSignal> f1 = edf.signalsNamed("F1");
            assertEquals(List.of(0, 2), f1.stream().map(EdfSignal::index).toList());
            assertEquals(f1, edf.signalsNamed("EEG F1-Ref"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> edf.signal("F1"));
            assertTrue(e.getMessage().contains("signals 0, 2"), e.getMessage());
            assertTrue(e.getMessage().contains("signal(int)"), e.getMessage());
            assertEquals(1, edf.signal("F2").index());
            assertEquals(List.of(), edf.signalsNamed("Cz"));
            // both duplicates stay readable by index, as separate signals
            double[] first = edf.readPhysical(edf.signal(0));
            double[] second = edf.readPhysical(edf.signal(2));
            assertEquals(2500, first.length);
            assertEquals(2500, second.length);
            assertNotEquals(edf.signal(0), edf.signal(2));
        }
    }

    @Test
    void directNamesWinOverSynonymsAndEverySuffixIsDropped() throws IOException {
        EdfWriter.Builder b = EdfWriter.builder(EdfFormat.EDF_PLUS_C).recordDuration(1);
        String[] labels = {"EEG T3-REF", "EEG T7-REF", "EEG T8-LE", " EEG  fz-AR", "EEG P8-REF-LE", "Resp"};
        for (int i = 0; i < labels.length; i++) {
            b.digitalSignal(EdfSignalSpec.of(labels[i], "uV", -100, 100, -100, 100, 4), new int[] {i, i, i, i});
        }
        try (EdfFile edf = EdfTesting.open(EdfTesting.bytes(b.build()), EdfOptions.LENIENT)) {
            assertEquals(List.of("T3", "T3", "T4", "Fz", "P8-REF", "Resp", "EDF Annotations"), names(edf));
            assertEquals(0, edf.signal("T3").index(), "the direct name before the synonym");
            assertEquals(1, edf.signal("T7").index(), "the label's own electrode name");
            assertEquals(List.of(0), indexes(edf.signalsNamed("EEG T3-LE")), "another suffix, the same electrode");
            assertEquals(2, edf.signal("T4").index(), "T8 is taken as T4");
            assertEquals(2, edf.signal("EEG T8-LE").index());
            assertEquals(3, edf.signal("Fz").index());
            assertEquals(3, edf.signal("FZ").index());
            assertEquals(4, edf.signal("EEG P8-REF-LE").index());
            assertThrows(NoSuchElementException.class, () -> edf.signal("P8"), "only one suffix is dropped");
            assertEquals(5, edf.signal("resp").index());
            double[] v = new double[1];
            edf.readPhysical(edf.signal("Fz"), 0, v, 0, 1);
            assertEquals(3.0, v[0], 1e-12);
        }
    }

    private static List<Integer> indexes(List<EdfSignal> signals) {
        return signals.stream().map(EdfSignal::index).toList();
    }

    @Test
    void infoListsTheNormalizedNameNextToTheLabel() throws IOException {
        try (EdfFile edf = EdfFile.open(TestData.file("edf/epilepsy2bids_tuh_sample/aaaaahln_s001_t000.edf"))) {
            List<?> signals = (List<?>) edf.info().get("signals");
            Map<?, ?> fp1 = (Map<?, ?>) signals.get(0);
            assertEquals(
                    List.of("index", "label", "name", "annotation"),
                    List.copyOf(fp1.keySet()).subList(0, 4));
            assertEquals("EEG FP1-LE", fp1.get("label"));
            assertEquals("Fp1", fp1.get("name"));
            assertEquals("T5", ((Map<?, ?>) signals.get(16)).get("name"));
        }
    }
}
