package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.MissingChannelPolicy;
import io.github.braingobrr.montage.Montage;
import io.github.braingobrr.preprocess.PreprocessingConfig.Bandpass;
import io.github.braingobrr.preprocess.PreprocessingConfig.FilterMode;
import io.github.braingobrr.preprocess.PreprocessingConfig.LabelOptions;
import io.github.braingobrr.preprocess.PreprocessingConfig.NotchFilter;
import io.github.braingobrr.preprocess.PreprocessingConfig.Resampler;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
    private static final PreprocessingConfig SEED = PreprocessingConfig.seed();

    @Test
    void theCanonicalJsonOfOnePresetLaidOverTheOtherGivesThatPreset() {
        PreprocessingConfig zp = PreprocessingConfig.zeroPhase();
        assertEquals(zp, SEED.withJson(zp.toCanonicalJson()));
        assertEquals(SEED, zp.withJson(SEED.toCanonicalJson()));
        assertEquals(SEED.hash(), zp.withJson(SEED.toCanonicalJson()).hash());
    }

    @Property(tries = 200)
    void anyConfigurationRoundTripsThroughItsJson(
            @ForAll("configs") PreprocessingConfig config, @ForAll("configs") PreprocessingConfig base) {
        PreprocessingConfig back = base.withJson(config.toCanonicalJson());
        assertEquals(config.toCanonicalJson(), back.toCanonicalJson());
        assertEquals(config.hash(), back.hash());
    }

    @Test
    void partialObjectsChangeOnlyTheKeysTheyName() {
        PreprocessingConfig c =
                SEED.withJson("{ \"resample\": {\"target_hz\": 200}, \"bandpass\": {\"high_hz\": 70.5},\n"
                        + "  \"labels\": {\"seizure_types\": [\"seiz\", \"CNSZ\"]}, \"window\": {\"stride_s\": 5} }");
        assertEquals(200, c.targetRate());
        assertEquals(Resampler.FFT, c.resampler());
        assertEquals(new Bandpass(3, 0.5, 70.5, FilterMode.CAUSAL), c.bandpass().orElseThrow());
        assertEquals(EnumSet.of(SeizureType.SEIZ, SeizureType.CNSZ), c.labels().seizureTypes());
        assertEquals(LabelFormat.CSV, c.labels().format());
        assertEquals(new Windower(60, 5, 0.99), c.windows());
        assertEquals(SEED.notch(), c.notch());
        assertEquals(SEED.montage(), c.montage());
    }

    @Test
    void nullTurnsFiltersZScoreAndClipOff() {
        PreprocessingConfig c = SEED.withJson("{\"bandpass\":null,\"notch\":null,\"zscore\":null,\"clip\":null}");
        assertTrue(c.bandpass().isEmpty());
        assertTrue(c.notch().isEmpty());
        assertFalse(c.zScore());
        assertEquals(Double.POSITIVE_INFINITY, c.clip());
    }

    @Test
    void aFilterAddedToABaseWithoutOneMustBeComplete() {
        PreprocessingConfig bare = SEED.toBuilder().noNotch().build();
        var e = assertThrows(IllegalArgumentException.class, () -> bare.withJson("{\"notch\":{\"freq_hz\":50}}"));
        assertTrue(e.getMessage().contains("'notch.q' is missing"), e.getMessage());
        PreprocessingConfig c = bare.withJson("{\"notch\":{\"freq_hz\":50,\"q\":25,\"mode\":\"zero_phase\"}}");
        assertEquals(new NotchFilter(50, 25, FilterMode.ZERO_PHASE), c.notch().orElseThrow());
    }

    @Test
    void badSettingsNameTheKeyAndWhatIsAllowed() {
        assertMessage("{\"resampel\":{}}", "'resampel' is not a setting", "resample");
        assertMessage("{\"resample\":{\"hz\":3}}", "'resample.hz' is not a setting", "target_hz");
        assertMessage("{\"resample\":{\"target_hz\":\"fast\"}}", "'resample.target_hz' must be a number");
        assertMessage("{\"montage\":\"tcp\"}", "'montage' is 'tcp'", "referential_19, tcp_22");
        assertMessage("{\"bandpass\":{\"order\":2.5}}", "'bandpass.order' must be a whole number");
        assertMessage("{\"labels\":{\"seizure_types\":[\"fnsz\",\"zzz\"]}}", "'labels.seizure_types'", "zzz");
        assertMessage("{\"missing_channels\":{\"only\":[\"Qx9\"]}}", "not a 10-20 electrode name: Qx9");
        assertMessage("{\"schema\":\"bgb.preprocessing/9\"}", "'schema' is 'bgb.preprocessing/9'");
        assertMessage("[1,2]", "'(top level)' must be a JSON object");
        assertMessage("{\"clip\":1,\"clip\":2}", "invalid JSON at offset 10", "appears twice");
        assertMessage("{\"clip\":1", "invalid JSON at offset 9");
        assertMessage("{\"resample\":{\"target_hz\":100}}", "band-pass upper edge 120.0 Hz must be below");
    }

    private static void assertMessage(String json, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, () -> SEED.withJson(json));
        assertTrue(e.getMessage().startsWith("preprocessing config: "), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void theReaderHandlesAllOfJson() {
        Object tree = CanonicalJson.parse(
                " {\"a\" : [1, -2.5e3, 0.125E-2, true, false, null], \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u4e2d\","
                        + " \"o\": {}, \"l\": []} ");
        assertEquals(
                Map.of(
                        "a",
                        java.util.Arrays.asList(1.0, -2500.0, 0.00125, true, false, null),
                        "s",
                        "q\"\\/\b\f\n\r\té中",
                        "o",
                        Map.of(),
                        "l",
                        List.of()),
                tree);
        for (String bad : new String[] {
            "",
            "01",
            "1.",
            "-",
            "1e",
            "\"\u0001\"",
            "tru",
            "{\"a\" 1}",
            "[1 2]",
            "\"\\x\"",
            "\"\\u12\"",
            "1e999",
            "{} x"
        }) {
            assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.parse("[".repeat(100) + "]".repeat(100)));
    }

    @Provide
    Arbitrary<PreprocessingConfig> configs() {
        Arbitrary<Optional<Bandpass>> bandpass = Combinators.combine(
                        Arbitraries.integers().between(1, 8),
                        Arbitraries.doubles().between(0.1, 5).ofScale(6),
                        Arbitraries.doubles().between(10, 100),
                        Arbitraries.of(FilterMode.class))
                .as(Bandpass::new)
                .optional(0.8);
        Arbitrary<Optional<NotchFilter>> notch = Combinators.combine(
                        Arbitraries.of(50.0, 60.0),
                        Arbitraries.doubles().between(1, 60),
                        Arbitraries.of(FilterMode.class))
                .as(NotchFilter::new)
                .optional(0.7);
        Arbitrary<LabelOptions> labels = Combinators.combine(
                        Arbitraries.of(LabelFormat.class),
                        Arbitraries.of(SeizureType.class).set().ofMaxSize(5),
                        Arbitraries.of(MissingLabels.class),
                        Arbitraries.of(ParseMode.class),
                        Arbitraries.of("FP1-F7", "T3-T5").optional())
                .as(LabelOptions::new);
        Arbitrary<MissingChannelPolicy> missing = Arbitraries.of(
                MissingChannelPolicy.seed(),
                MissingChannelPolicy.reject(),
                MissingChannelPolicy.zero(),
                MissingChannelPolicy.interpolateOnly("Cz"));
        Arbitrary<Windower> windows = Combinators.combine(
                        Arbitraries.doubles().between(1, 120),
                        Arbitraries.doubles().between(0.5, 30),
                        Arbitraries.doubles().between(0.5, 1))
                .as(Windower::new);
        Arbitrary<PreprocessingConfig.Builder> head = Combinators.combine(
                        Arbitraries.of(Montage.class),
                        missing,
                        Arbitraries.of(true, false),
                        Arbitraries.of(Resampler.class),
                        labels,
                        windows)
                .as((montage, miss, f32, resampler, lab, win) -> SEED.toBuilder()
                        .montage(montage)
                        .missingChannels(miss)
                        .float32Input(f32)
                        .resampler(resampler)
                        .labels(lab)
                        .windows(win));
        return Combinators.combine(
                        head,
                        bandpass,
                        notch,
                        Arbitraries.doubles().between(0, 1e-3).ofScale(12).optional(0.8),
                        Arbitraries.doubles().between(1, 20).optional(0.8))
                .as((b, bp, nf, eps, clip) -> {
                    b.zScore(eps.isPresent(), eps.orElse(1e-8)).clip(clip.orElse(Double.POSITIVE_INFINITY));
                    bp.ifPresentOrElse(b::bandpass, b::noBandpass);
                    nf.ifPresentOrElse(b::notch, b::noNotch);
                    return b.build();
                });
    }
}
