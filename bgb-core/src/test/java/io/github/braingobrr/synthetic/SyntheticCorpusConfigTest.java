package io.github.braingobrr.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class SyntheticCorpusConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SyntheticCorpusConfig c = SyntheticCorpus.builder().build();
        assertEquals(6, c.patients());
        assertEquals(2, c.recordingsPerPatient());
        assertEquals(5.0, c.minutesPerRecording());
        assertEquals(0.2, c.durationJitter());
        assertEquals(1L, c.seed());
        assertEquals(List.of(250, 256, 400, 512), c.samplingRates());
        assertEquals(0.2, c.devFraction());
        assertEquals(0.1, c.evalFraction());
        assertEquals(0.5, c.seizureFraction());
        assertEquals(0.1, c.shortFraction());
        assertEquals(0.1, c.missingFzPzFraction());
        assertEquals(1.0 / 3, c.linkedEarsFraction());
    }

    @Test
    void builderSetsEveryKnobAndToBuilderRoundTrips() {
        SyntheticCorpusConfig c = SyntheticCorpus.builder()
                .patients(9)
                .recordingsPerPatient(3)
                .minutesPerRecording(1.5)
                .durationJitter(0)
                .seed(-7)
                .samplingRates(256)
                .splits(0.3, 0.2)
                .seizureFraction(1)
                .shortFraction(0.25)
                .missingFzPzFraction(0.5)
                .linkedEarsFraction(0)
                .build();
        assertEquals(new SyntheticCorpusConfig(9, 3, 1.5, 0, -7, List.of(256), 0.3, 0.2, 1, 0.25, 0.5, 0), c);
        assertEquals(c, c.toBuilder().build());
        assertNotEquals(c, c.toBuilder().seed(8).build());
    }

    @Test
    void badValuesAreRejectedNamingTheField() {
        expect("patients", () -> SyntheticCorpus.builder().patients(0).build());
        expect(
                "patients",
                () -> SyntheticCorpus.builder()
                        .patients(SyntheticCorpusConfig.MAX_PATIENTS + 1)
                        .build());
        expect(
                "recordingsPerPatient",
                () -> SyntheticCorpus.builder().recordingsPerPatient(0).build());
        expect(
                "minutesPerRecording",
                () -> SyntheticCorpus.builder().minutesPerRecording(0).build());
        expect(
                "minutesPerRecording",
                () -> SyntheticCorpus.builder().minutesPerRecording(Double.NaN).build());
        expect(
                "durationJitter",
                () -> SyntheticCorpus.builder().durationJitter(1).build());
        expect("samplingRates", () -> SyntheticCorpus.builder().samplingRates().build());
        expect(
                "samplingRates",
                () -> SyntheticCorpus.builder().samplingRates(256, 32).build());
        expect("devFraction", () -> SyntheticCorpus.builder().splits(-0.1, 0).build());
        expect(
                "devFraction + evalFraction",
                () -> SyntheticCorpus.builder().splits(0.6, 0.4).build());
        expect(
                "seizureFraction",
                () -> SyntheticCorpus.builder().seizureFraction(1.5).build());
        expect(
                "shortFraction",
                () -> SyntheticCorpus.builder().shortFraction(-1).build());
        expect(
                "missingFzPzFraction",
                () -> SyntheticCorpus.builder().missingFzPzFraction(2).build());
        expect(
                "linkedEarsFraction",
                () -> SyntheticCorpus.builder().linkedEarsFraction(2).build());
    }

    private static void expect(String field, Supplier<SyntheticCorpusConfig> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().startsWith(field + " must"), e.getMessage());
    }
}
