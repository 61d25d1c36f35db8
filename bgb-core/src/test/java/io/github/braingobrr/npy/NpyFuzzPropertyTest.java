package io.github.braingobrr.npy;

import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Randomly damaged copies of real files: reading them either works or fails with an explained
 * IOException; any other exception (IndexOutOfBounds, NegativeArraySize, OutOfMemoryError) fails the test.
 */
class NpyFuzzPropertyTest {
    private static final String[] FILES = {
        "npy/generated/eeg_stored.npz",
        "npy/generated/eeg_deflated.npz",
        "npy/generated/mixed_deflated.npz",
        "npy/generated/positional_stored.npz",
        "npy/generated/f64_fortran_3x4.npy",
        "npy/generated/u5_strings.npy",
        "npy/generated/f32_c_2x3_v3.npy",
        "npy/numpy-repo/win64python2.npy",
    };

    @Property(tries = 400)
    void damagedFilesFailCleanly(
            @ForAll @IntRange(min = 0, max = 7) int which,
            @ForAll @IntRange(min = 1, max = 8) int flips,
            @ForAll long seed,
            @ForAll boolean headerArea)
            throws IOException {
        String f = FILES[which];
        byte[] b = Files.readAllBytes(TestData.file(f));
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < flips; i++) {
            // aim at the structure: the first 128 bytes and the last 300 (zip directory), or anywhere
            int pos = headerArea
                    ? (rnd.nextBoolean()
                            ? rnd.nextInt(Math.min(128, b.length))
                            : b.length - 1 - rnd.nextInt(Math.min(300, b.length)))
                    : rnd.nextInt(b.length);
            b[pos] = (byte) rnd.nextInt(256);
        }
        NpyBadInputTest.readEverything(b, f.endsWith(".npz"));
    }
}
