package io.github.braingobrr.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LabelMaskPropertiesTest {
    @Property(tries = 300)
    void maskCoversExactlyFloorStartToFloorStopClampedToTheRecording(
            @ForAll @DoubleRange(min = 0, max = 100) double start,
            @ForAll @DoubleRange(min = 0, max = 100) double length,
            @ForAll @IntRange(min = 0, max = 5000) int samples,
            @ForAll("rates") double fs) {
        LabelEvent e = new LabelEvent("TERM", start, start + length, "seiz", 1);
        float[] mask = LabelMask.of(List.of(e), SeizureType.epileptic(), fs, samples, null);
        assertEquals(samples, mask.length);
        long from = (long) Math.floor(start * fs);
        long to = (long) Math.floor((start + length) * fs);
        for (int i = 0; i < samples; i++) {
            float expected = i >= from && i < to ? 1f : 0f;
            assertEquals(expected, mask[i], "sample " + i);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Double> rates() {
        return net.jqwik.api.Arbitraries.of(1.0, 100.0, 250.0, 256.0, 400.0, 512.0);
    }

    @Test
    void seedIndexingAtTheEdges() {
        // the seed: mask[int(start*256):int(stop*256)] = 1
        List<LabelEvent> events = List.of(
                new LabelEvent("TERM", 0.0, 1.0 / 256 - 1e-12, "seiz", 1), // empty
                new LabelEvent("TERM", 10.0, 12.0, "cpsz", 1),
                new LabelEvent("TERM", 12.0, 13.0, "bckg", 1),
                new LabelEvent("TERM", 19.999, 99.0, "gnsz", 1)); // runs past the end
        float[] mask = LabelMask.of(events, SeizureType.seed(), 256, 20 * 256, null);
        assertEquals(0f, mask[0]);
        assertEquals(0f, mask[2559]);
        assertEquals(1f, mask[2560]);
        assertEquals(1f, mask[3071]);
        assertEquals(0f, mask[3072]);
        assertEquals(0f, mask[5118]);
        assertEquals(1f, mask[5119]);
        float sum = 0;
        for (float v : mask) {
            sum += v;
        }
        assertEquals(512 + 1, sum);
    }

    @Test
    void oneChannelOrTheUnion() {
        List<LabelEvent> events =
                List.of(new LabelEvent("FP1-F7", 0, 1, "fnsz", 1), new LabelEvent("F7-T3", 2, 3, "fnsz", 1));
        assertEquals(2f, sum(LabelMask.of(events, SeizureType.epileptic(), 1, 4, null)));
        assertEquals(1f, sum(LabelMask.of(events, SeizureType.epileptic(), 1, 4, "fp1-f7")));
        assertEquals(0f, sum(LabelMask.of(events, SeizureType.seed(), 1, 4, "O1-O2")));
    }

    private static float sum(float[] m) {
        float s = 0;
        for (float v : m) {
            s += v;
        }
        return s;
    }
}
