package io.github.braingobrr.edf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Real files with damaged bytes: opening and reading everything either works (with warnings) or throws
 * {@link EdfFormatException}; no other exception type, in lenient and in strict mode.
 */
class EdfFuzzTest {
    private static final Map<String, byte[]> FILES = new ConcurrentHashMap<>();
    private static final byte[] PALETTE =
            "0123456789 -+.,:eEX\u0000\u0014\u0015\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Provide
    Arbitrary<String> smallFiles() {
        return Arbitraries.of(
                "edf/mne-testing-data/subsecond_starttime.edf",
                "edf/mne-python/test_uneven_samp.edf",
                "edf/mne-testing-data/SC4001EC-Hypnogram.edf",
                "edf/mne-python/duplicate_channel_labels.edf",
                "edf/epilepsy2bids_tuh_sample/aaaaapks_s012_t001.edf",
                "edf/pyedflib/test_generator_datarec_generator_2.bdf",
                "edf/mne-testing-data/chtypes_edf.edf");
    }

    private static byte[] load(String name) {
        return FILES.computeIfAbsent(name, n -> {
            try {
                return Files.readAllBytes(TestData.file(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Property(tries = 500)
    void damagedFilesFailOnlyWithEdfFormatException(
            @ForAll("smallFiles") String file, @ForAll @IntRange(min = 0, max = 3) int kind, @ForAll long seed)
            throws IOException {
        byte[] original = load(file);
        byte[] b = mutate(original, kind, new Random(seed));
        for (EdfOptions options : List.of(EdfOptions.LENIENT, EdfOptions.STRICT)) {
            exercise(b, options);
        }
        if (seed % 8 == 0) {
            Path tmp = Files.createTempFile("bgb-fuzz", ".edf");
            try {
                Files.write(tmp, b);
                exercise(tmp);
            } finally {
                Files.delete(tmp);
            }
        }
    }

    /** The same through a file, so the memory-mapped path sees the damage too. */
    private static void exercise(Path file) throws IOException {
        try (EdfFile edf = EdfFile.open(file)) {
            for (EdfSignal s : edf.dataSignals()) {
                double[] v = edf.readPhysical(s);
                assertEquals(s.sampleCount(), v.length);
            }
            edf.annotations();
        } catch (EdfFormatException expected) {
            assertEquals(file.toString(), expected.file());
        }
    }

    private static byte[] mutate(byte[] original, int kind, Random random) {
        int ns = Integer.parseInt(new String(original, 252, 4, java.nio.charset.StandardCharsets.US_ASCII).strip());
        int header = 256 * (ns + 1);
        byte[] b = original.clone();
        switch (kind) {
            case 0 -> {
                return Arrays.copyOf(original, random.nextInt(original.length));
            }
            case 1 -> {
                for (int i = 1 + random.nextInt(8); i > 0; i--) {
                    b[random.nextInt(header)] = randomByte(random);
                }
            }
            case 2 -> {
                int width = random.nextBoolean() ? 8 : 4;
                int at = random.nextInt(header - width);
                for (int i = 0; i < width; i++) {
                    b[at + i] = random.nextInt(3) == 0 ? (byte) ' ' : randomByte(random);
                }
            }
            default -> {
                for (int i = 1 + random.nextInt(16); i > 0; i--) {
                    b[header + random.nextInt(b.length - header)] = randomByte(random);
                }
            }
        }
        return b;
    }

    private static byte randomByte(Random random) {
        return random.nextInt(4) == 0 ? (byte) random.nextInt(256) : PALETTE[random.nextInt(PALETTE.length)];
    }

    private static void exercise(byte[] b, EdfOptions options) throws IOException {
        try (EdfFile edf = EdfFile.open(new ByteArrayChannel(b), "fuzz.edf", options)) {
            Map<String, Object> info = edf.info();
            assertEquals(edf.signals().size(), ((List<?>) info.get("signals")).size());
            for (EdfSignal s : edf.dataSignals()) {
                float[] f = new float[(int) s.sampleCount()];
                edf.readPhysical(s, 0, f, 0, f.length);
                int[] d = new int[f.length];
                edf.readDigital(s, 0, d, 0, d.length);
                if (d.length > 0) {
                    edf.timeOf(s, d.length - 1);
                }
            }
        } catch (EdfFormatException expected) {
            assertEquals("fuzz.edf", expected.file());
            assertTrue(expected.getMessage().startsWith("fuzz.edf: "), expected.getMessage());
        }
    }
}
