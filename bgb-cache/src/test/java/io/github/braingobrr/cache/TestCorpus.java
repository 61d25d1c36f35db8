package io.github.braingobrr.cache;

import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.synthetic.PlantedSeizure;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A small synthetic TUSZ-like corpus for the cache tests (eight recordings of 1–2 minutes, one shorter than a window,
 * some without Fz/Pz, seizures of several types) and the expectations computed from its planted events alone, never
 * from the code under test.
 */
final class TestCorpus {
    /** The seed preset's seizure labels (SEED-PIPELINE.md §3). */
    static final Set<String> SEED_SEIZURES =
            Set.of("seiz", "gnsz", "fnsz", "cpsz", "absz", "spsz", "tcsz", "tnsz", "mysz");

    static final int FS = 256;
    static final int WINDOW = 15_360;
    static final int STRIDE = 2_560;
    static final int CHANNELS = 19;

    private TestCorpus() {}

    /** Writes the corpus under {@code dir}. */
    static SyntheticCorpus write(Path dir) throws IOException {
        return builder().writeTo(dir);
    }

    static io.github.braingobrr.synthetic.SyntheticCorpusConfig.Builder builder() {
        return SyntheticCorpus.builder()
                .patients(4)
                .recordingsPerPatient(2)
                .minutesPerRecording(1.5)
                .durationJitter(0.3)
                .shortFraction(0.2)
                .missingFzPzFraction(0.3)
                .seizureFraction(0.7)
                .seed(43);
    }

    /** Samples after resampling to 256 Hz: whole seconds at an integer rate give exactly 256 per second. */
    static int samples(SyntheticRecordingSpec spec) {
        return FS * spec.durationSeconds();
    }

    /** {@code mask[floor(start·256) : floor(stop·256)] = 1} for every planted seizure the seed preset counts. */
    static float[] mask(SyntheticRecordingSpec spec) {
        float[] mask = new float[samples(spec)];
        for (PlantedSeizure z : spec.seizures()) {
            if (!SEED_SEIZURES.contains(z.type().code())) {
                continue;
            }
            int from = (int) Math.floor(z.startSeconds() * FS);
            int to = Math.min(mask.length, (int) Math.floor(z.stopSeconds() * FS));
            for (int i = from; i < to; i++) {
                mask[i] = 1;
            }
        }
        return mask;
    }

    static int windows(SyntheticRecordingSpec spec) {
        int n = samples(spec);
        return n < WINDOW ? 0 : (n - WINDOW) / STRIDE + 1;
    }

    /** The category of each window: none at 0 seizure samples, full from 99 %, else partial. */
    static List<WindowCategory> categories(SyntheticRecordingSpec spec) {
        float[] mask = mask(spec);
        List<WindowCategory> out = new ArrayList<>();
        for (int w = 0; w < windows(spec); w++) {
            int positive = 0;
            for (int i = w * STRIDE; i < w * STRIDE + WINDOW; i++) {
                positive += mask[i] > 0 ? 1 : 0;
            }
            double fraction = (double) positive / WINDOW;
            out.add(
                    fraction == 0
                            ? WindowCategory.NO_SEIZURE
                            : fraction >= 0.99 ? WindowCategory.FULL_SEIZURE : WindowCategory.PARTIAL_SEIZURE);
        }
        return out;
    }

    /** The recording's EDF path relative to the corpus root, with {@code /}. */
    static String source(SyntheticRecordingSpec spec) {
        return spec.relativeEdfPath().toString().replace('\\', '/');
    }

    /** The header record's bytes an EDF file declares (bytes 184–191), read from the file itself. */
    static long headerBytes(Path edf) throws IOException {
        byte[] head = new byte[256];
        try (var in = java.nio.file.Files.newInputStream(edf)) {
            if (in.readNBytes(head, 0, 256) != 256) {
                throw new java.io.EOFException(edf + " is shorter than an EDF header");
            }
        }
        return Long.parseLong(new String(head, 184, 8, java.nio.charset.StandardCharsets.US_ASCII).strip());
    }
}
