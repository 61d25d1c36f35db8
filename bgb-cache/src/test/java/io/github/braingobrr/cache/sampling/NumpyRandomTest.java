package io.github.braingobrr.cache.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NumPy random stream and draws, against values NumPy itself produced. */
class NumpyRandomTest {
    @Test
    void rawOutputEqualsNumpysPcg64ForSmallAndLargeSeeds() {
        int cases = 0;
        for (JsonNode c : NumpyReference.REF.get("raw")) {
            NumpyRandom r = NumpyRandom.defaultRng(c.get("seed").asLong());
            for (JsonNode v : c.get("values")) {
                assertEquals(Long.parseUnsignedLong(v.asText()), r.next64(), "seed " + c.get("seed"));
            }
            cases++;
        }
        assertEquals(8, cases);
    }

    @Test
    void choiceWithoutReplacementEqualsNumpyOnBothAlgorithmsAndTheStreamContinuesIdentically() {
        int cases = 0;
        for (JsonNode c : NumpyReference.REF.get("choice")) {
            int pop = c.get("population").asInt();
            int size = c.get("size").asInt();
            NumpyRandom r = NumpyRandom.defaultRng(c.get("seed").asLong());
            int[] got = r.choiceWithoutReplacement(pop, size);
            String where = "choice(" + pop + ", " + size + ") seed " + c.get("seed");
            assertEquals(size, got.length, where);
            int[] head = ints(c.get("head"));
            int[] tail = ints(c.get("tail"));
            assertArrayEquals(head, Arrays.copyOfRange(got, 0, head.length), where);
            assertArrayEquals(tail, Arrays.copyOfRange(got, got.length - tail.length, got.length), where);
            assertEquals(
                    c.get("sum").asLong(), Arrays.stream(got).asLongStream().sum(), where);
            assertEquals(size, Arrays.stream(got).distinct().count(), where + ": without replacement");
            List<Integer> x = new ArrayList<>();
            for (int i = 0; i < 37; i++) {
                x.add(i);
            }
            r.shuffle(x);
            assertEquals(toList(c.get("then_shuffled")), x, where + ", then shuffle");
            cases++;
        }
        assertEquals(22, cases);
    }

    @Test
    void shuffleEqualsNumpy() {
        for (JsonNode c : NumpyReference.REF.get("shuffle")) {
            List<Integer> x = new ArrayList<>();
            for (int i = 0; i < c.get("n").asInt(); i++) {
                x.add(i);
            }
            NumpyRandom.defaultRng(c.get("seed").asLong()).shuffle(x);
            assertEquals(toList(c.get("result")), x, "n " + c.get("n") + " seed " + c.get("seed"));
        }
    }

    @Test
    void refusesWhatNumpyRefuses() {
        assertThrows(IllegalArgumentException.class, () -> NumpyRandom.defaultRng(-1));
        assertThrows(
                IllegalArgumentException.class, () -> NumpyRandom.defaultRng(1).choiceWithoutReplacement(3, 4));
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static List<Integer> toList(JsonNode a) {
        List<Integer> out = new ArrayList<>();
        a.forEach(v -> out.add(v.asInt()));
        return out;
    }
}
