package io.github.braingobrr.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.braingobrr.labels.LabelEvent;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WindowerTest {
    @Test
    void seedWindowsAre15360SamplesEvery2560() {
        Windower w = Windower.seed();
        assertEquals(15_360, w.windowSamples(256));
        assertEquals(2_560, w.strideSamples(256));
        assertEquals(0, w.count(15_359, 256));
        assertEquals(1, w.count(15_360, 256));
        assertEquals(1, w.count(17_919, 256));
        assertEquals(2, w.count(17_920, 256));
        assertEquals(355, w.count(921_600, 256)); // one hour
    }

    @Property(tries = 300)
    void countIsNMinusWOverSPlusOneOrZero(
            @ForAll @IntRange(min = 0, max = 2_000_000) int n,
            @ForAll @IntRange(min = 1, max = 20_000) int w,
            @ForAll @IntRange(min = 1, max = 5_000) int s) {
        int count = Windower.count(n, w, s);
        if (n < w) {
            assertEquals(0, count);
        } else {
            // the last window fits, one more would not
            assertEquals(true, (long) (count - 1) * s + w <= n);
            assertEquals(true, (long) count * s + w > n);
        }
    }

    @Property(tries = 300)
    void categoryFollowsTheFraction(@ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        WindowCategory c = Windower.seed().category(fraction);
        WindowCategory expected = fraction == 0
                ? WindowCategory.NO_SEIZURE
                : fraction >= 0.99 ? WindowCategory.FULL_SEIZURE : WindowCategory.PARTIAL_SEIZURE;
        assertEquals(expected, c);
    }

    @Property(tries = 40)
    void windowsOfARecordingAreViewsWithTheRightCategories(
            @ForAll @IntRange(min = 0, max = 200) int seconds,
            @ForAll @DoubleRange(min = 0, max = 200) double seizureStart,
            @ForAll @DoubleRange(min = 0, max = 100) double seizureLength)
            throws Exception {
        int n = seconds * 250;
        double[][] x = new double[19][n];
        for (int c = 0; c < 19; c++) {
            for (int i = 0; i < n; i++) {
                x[c][i] = Math.sin(i * 0.01 * (c + 1)) * 30;
            }
        }
        RawRecording raw = RawRecording.of("w", io.github.braingobrr.montage.ChannelNames.SEED_19, 250, "uV", x);
        LabelFile labels = LabelFile.of(
                LabelFormat.CSV,
                "w",
                seconds,
                "",
                List.of(new LabelEvent("FP1-F7", seizureStart, seizureStart + seizureLength, "fnsz", 1)));
        Recording rec = new Preprocessor(PreprocessingConfig.seed()).process(raw, labels);
        List<Window> windows = rec.windows(Windower.seed());
        assertEquals(Windower.seed().count(rec.sampleCount(), 256), windows.size());
        float[] mask = new float[rec.sampleCount()];
        rec.mask().get(mask);
        // the categories from the mask alone (what a preflight estimates) are the windows' categories
        assertEquals(
                windows.stream().map(Window::category).toList(), Windower.seed().categories(mask, 256));
        for (Window win : windows) {
            assertEquals(win.index() * 2560, win.start());
            int positive = 0;
            for (int i = win.start(); i < win.start() + 15_360; i++) {
                positive += mask[i] > 0 ? 1 : 0;
            }
            assertEquals(positive / 15_360.0, win.seizureFraction());
            assertEquals(Windower.seed().category(win.seizureFraction()), win.category());
            assertEquals(15_360, win.labels().remaining());
            assertEquals(rec.sample(3, win.start() + 7), win.channel(3).get(7));
        }
    }

    @Test
    void copyToFillsWholeWindows() throws Exception {
        RawRecording raw = SeedReferenceTest.realRecording("example");
        PreprocessingConfig c = PreprocessingConfig.seed().toBuilder()
                .windows(new Windower(2, 1, 0.99))
                .build();
        Recording rec = new Preprocessor(c).process(raw);
        List<Window> windows = rec.windows(c.windows());
        assertEquals(4, windows.size()); // (1280 − 512)/256 + 1
        float[][] dest = new float[19][512];
        windows.get(3).copyTo(dest);
        assertEquals(rec.sample(18, 3 * 256 + 511), dest[18][511]);
        assertThrows(IllegalArgumentException.class, () -> windows.get(0).copyTo(new float[3][512]));
        assertThrows(IllegalArgumentException.class, () -> new Windower(0, 1, 0.5));
    }
}
