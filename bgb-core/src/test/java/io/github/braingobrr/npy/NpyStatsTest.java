package io.github.braingobrr.npy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyStatsTest {
    @TempDir
    Path dir;

    @Test
    void numpyFilesGiveTheirKnownStatistics() throws IOException {
        // values from shared/testdata/README.md (written by NumPy 2.4.6)
        assertEquals(
                new NpyStats(4, 0, -2.5, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
                stats("f4_bigendian_1d.npy"));
        assertEquals(new NpyStats(6, 0, 0, 5, 2.5), stats("f32_fortran_2x3.npy"));
        assertEquals(new NpyStats(1, 0, 3.5, 3.5, 3.5), stats("f8_0d_scalar.npy"));
        assertEquals(new NpyStats(5, 0, 0, 1, 0.6), stats("bool_1d.npy"));
        assertEquals(new NpyStats(5, 0, 0, 255, 102.2), stats("u8_1d.npy"));
        assertEquals(new NpyStats(3, 0, -0.5, 65504.0, (1.0 - 0.5 + 65504.0) / 3), stats("f16_1d.npy"));
        assertEquals(new NpyStats(4, 0, -0x1p63, 0x1p63, 0), stats("i64_2x2.npy"));
        NpyStats empty = stats("f32_empty_0x5.npy");
        assertEquals(0, empty.count());
        assertTrue(Double.isNaN(empty.min()) && Double.isNaN(empty.max()) && Double.isNaN(empty.mean()));
        try (NpzReader npz = NpzReader.open(TestData.file("npy/generated/mixed_deflated.npz"))) {
            try (NpyReader flags = npz.open("flags")) {
                assertEquals(new NpyStats(5, 0, 0, 1, 0.6), NpyStats.of(flags));
            }
            try (NpyReader fortran = npz.open("fortran")) {
                assertEquals(new NpyStats(12, 0, 0, 11, 5.5), NpyStats.of(fortran));
            }
        }
    }

    @Test
    void stringAndComplexArraysHaveNoStatistics() {
        assertThrows(UnsupportedOperationException.class, () -> stats("u5_strings.npy"));
        assertThrows(UnsupportedOperationException.class, () -> stats("c64_1d.npy"));
    }

    @Test
    void anArrayOfOnlyNaNHasNaNStatistics(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nan.npy");
        Npy.write(file, NpyArray.of(new float[] {Float.NaN, Float.NaN}, 1, 2));
        try (NpyReader r = Npy.open(file)) {
            NpyStats s = NpyStats.of(r);
            assertEquals(2, s.count());
            assertEquals(2, s.nanCount());
            assertTrue(Double.isNaN(s.min()) && Double.isNaN(s.max()) && Double.isNaN(s.mean()), s.toString());
        }
    }

    @Test
    void largeArraysAreSummarisedSliceBySliceLikeAPlainLoop() throws IOException {
        Random random = new Random(7);
        float[] values = new float[3 * 1_000_000 + 17]; // 12 MB: more than one slice
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * 40 + 3);
        }
        values[5] = Float.NaN;
        values[2_500_000] = Float.NaN;
        Path file = dir.resolve("big.npy");
        Npy.write(file, NpyArray.of(values, values.length, 1));
        try (NpyReader r = Npy.open(file)) {
            assertPlainLoop(values, NpyStats.of(r));
        }
        Path npz = dir.resolve("big.npz");
        try (NpzWriter w = NpzWriter.create(npz)) {
            w.write("x", NpyArray.of(values), NpzCompression.DEFLATED);
        }
        try (NpzReader z = NpzReader.open(npz);
                NpyReader r = z.open("x")) {
            assertPlainLoop(values, NpyStats.of(r));
        }
    }

    @Property(tries = 60)
    void anyFloatArrayMatchesAPlainLoop(@ForAll @IntRange(min = 1, max = 3000) int n, @ForAll long seed)
            throws IOException {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(50);
            values[i] = kind == 0 ? Float.NaN : (float) (random.nextDouble() * 2e6 - 1e6);
        }
        Path file = Files.createTempFile("bgb-stats", ".npy"); // jqwik properties get no @TempDir
        try {
            Npy.write(file, NpyArray.of(values, 1, n));
            try (NpyReader r = Npy.open(file)) {
                assertPlainLoop(values, NpyStats.of(r));
            }
        } finally {
            Files.delete(file);
        }
    }

    private static void assertPlainLoop(float[] values, NpyStats s) {
        long nans = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        BigDecimal sum = BigDecimal.ZERO;
        for (float v : values) {
            if (Float.isNaN(v)) {
                nans++;
                continue;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum = sum.add(new BigDecimal(v));
        }
        assertEquals(values.length, s.count());
        assertEquals(nans, s.nanCount());
        if (nans == values.length) { // nothing but NaN: the documented answer is NaN, not the loop's infinities
            assertEquals(Double.NaN, s.min());
            assertEquals(Double.NaN, s.max());
            assertEquals(Double.NaN, s.mean());
            return;
        }
        assertEquals(min, s.min());
        assertEquals(max, s.max());
        double mean = sum.divide(BigDecimal.valueOf(values.length - nans), MathContext.DECIMAL128)
                .doubleValue();
        assertEquals(mean, s.mean(), Math.abs(mean) * 1e-12 + 1e-9);
    }

    private static NpyStats stats(String generated) throws IOException {
        try (NpyReader r = Npy.open(TestData.file("npy/generated/" + generated))) {
            return NpyStats.of(r);
        }
    }
}
