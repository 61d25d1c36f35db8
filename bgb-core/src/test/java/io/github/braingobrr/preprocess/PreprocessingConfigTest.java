package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.montage.Montage;
import io.github.braingobrr.preprocess.PreprocessingConfig.Bandpass;
import io.github.braingobrr.preprocess.PreprocessingConfig.FilterMode;
import org.junit.jupiter.api.Test;

class PreprocessingConfigTest {
    @Test
    void seedCanonicalJsonIsPinned() {
        assertEquals(
                "{\"bandpass\":{\"high_hz\":120,\"low_hz\":0.5,\"mode\":\"causal\",\"order\":3},\"clip\":10,"
                        + "\"float32_input\":true,\"labels\":{\"channel\":null,\"format\":\"csv\",\"missing\":\"background\","
                        + "\"parse\":\"lenient\",\"seizure_types\":[\"absz\",\"cpsz\",\"fnsz\",\"gnsz\",\"mysz\",\"seiz\","
                        + "\"spsz\",\"tcsz\",\"tnsz\"]},\"missing_channels\":{\"action\":\"interpolate\",\"only\":[\"Fz\","
                        + "\"Pz\"]},\"montage\":\"referential_19\",\"non_finite_to_zero\":true,\"notch\":{\"freq_hz\":60,"
                        + "\"mode\":\"causal\",\"q\":30},\"resample\":{\"method\":\"fft\",\"target_hz\":256},"
                        + "\"schema\":\"bgb.preprocessing/1\",\"window\":{\"full_threshold\":0.99,\"stride_s\":10,"
                        + "\"window_s\":60},\"zscore\":{\"epsilon\":0.00000001}}",
                PreprocessingConfig.seed().toCanonicalJson());
    }

    @Test
    void hashIsSha256OfTheJsonAndFollowsEveryChange() {
        PreprocessingConfig seed = PreprocessingConfig.seed();
        assertEquals(64, seed.hash().length());
        assertEquals(seed.hash(), PreprocessingConfig.seed().hash());
        assertEquals(seed, PreprocessingConfig.seed());
        assertNotEquals(seed.hash(), PreprocessingConfig.zeroPhase().hash());
        assertNotEquals(
                seed.hash(),
                seed.toBuilder().clip(Double.POSITIVE_INFINITY).build().hash());
        assertNotEquals(
                seed.hash(), seed.toBuilder().montage(Montage.TCP_22).build().hash());
        assertNotEquals(
                seed.hash(),
                seed.toBuilder()
                        .bandpass(new Bandpass(3, 0.5, 120, FilterMode.ZERO_PHASE))
                        .build()
                        .hash());
        assertEquals(seed.hash(), seed.toBuilder().build().hash());
        assertTrue(seed.toBuilder().noNotch().build().toCanonicalJson().contains("\"notch\":null"));
    }

    @Test
    void zeroPhaseDiffersFromTheSeedOnlyWhereDocumented() {
        String zp = PreprocessingConfig.zeroPhase().toCanonicalJson();
        assertTrue(zp.contains("\"resample\":{\"method\":\"polyphase\",\"target_hz\":256}"), zp);
        assertTrue(zp.contains("\"mode\":\"zero_phase\",\"order\":3"), zp);
        assertTrue(zp.contains("\"atsz\",\"cnsz\",\"cpsz\""), zp);
        assertTrue(zp.contains("\"nesz\"") == false, zp);
    }

    @Test
    void numbersAreShortestRoundTrip() {
        assertEquals("0.1", CanonicalJson.number(0.1));
        assertEquals("256", CanonicalJson.number(256.0));
        assertEquals("0.99", CanonicalJson.number(0.99));
        assertEquals("0", CanonicalJson.number(-0.0));
        assertEquals("100000000000000000000000", CanonicalJson.number(1e23));
        assertEquals("0.30000000000000004", CanonicalJson.number(0.1 + 0.2));
    }

    @Test
    void invalidSettingsAreRefused() {
        PreprocessingConfig.Builder b = PreprocessingConfig.seed().toBuilder();
        assertThrows(IllegalArgumentException.class, () -> b.targetRate(200).build()); // 120 Hz edge > Nyquist
        assertThrows(IllegalArgumentException.class, () -> new Bandpass(3, 10, 5, FilterMode.CAUSAL));
        assertThrows(
                IllegalArgumentException.class,
                () -> PreprocessingConfig.seed().toBuilder().clip(0).build());
    }
}
