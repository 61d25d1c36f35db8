package io.github.braingobrr.cache.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.NoSeizureWindowsException;
import io.github.braingobrr.cache.WindowRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The balanced recipe: counts, determinism, and the exact order the Python system's NumPy draws give. */
class BalancedSamplerTest {
    private static List<WindowRef> refs(String file, int n) {
        List<WindowRef> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new WindowRef(file, i));
        }
        return out;
    }

    /** Names windows as the reference script does: p3 is partial window 3, f0 full window 0, b7 background 7. */
    private static List<String> names(List<WindowRef> windows) {
        List<String> out = new ArrayList<>();
        for (WindowRef w : windows) {
            out.add(w.cacheFile() + w.windowIdx());
        }
        return out;
    }

    @Test
    void selectsTheSameWindowsInTheSameOrderAsThePythonSystemsRecipeWithNumpy() {
        int cases = 0;
        for (JsonNode c : NumpyReference.REF.get("balanced")) {
            int p = c.get("partial").asInt();
            int f = c.get("full").asInt();
            int b = c.get("background").asInt();
            BalancedSampler sampler = BalancedSampler.seed(c.get("seed").asLong());
            if (c.has("full_ratio")) {
                sampler = sampler.ratios(
                        c.get("full_ratio").asDouble(),
                        c.get("background_ratio").asDouble());
            }
            BalancedSample s = sampler.sample(refs("p", p), refs("f", f), refs("b", b));
            List<String> want = new ArrayList<>();
            c.get("order").forEach(x -> want.add(x.asText()));
            assertEquals(want, names(s.windows()), "P=" + p + " F=" + f + " B=" + b + " seed " + c.get("seed"));
            cases++;
        }
        assertEquals(9, cases);
    }

    @Property(tries = 300)
    void countsFollowTheRecipe(
            @ForAll @IntRange(min = 1, max = 400) int p,
            @ForAll @IntRange(min = 0, max = 400) int f,
            @ForAll @IntRange(min = 0, max = 3000) int b,
            @ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        BalancedSample s = BalancedSampler.seed(seed).sample(refs("p", p), refs("f", f), refs("b", b));
        int wantFull = Math.min((int) Math.floor(0.3 * p), f);
        int wantBackground = Math.min((int) Math.floor(2.5 * p), b);
        assertEquals(p, s.partial());
        assertEquals(wantFull, s.full());
        assertEquals(wantBackground, s.background());
        assertEquals(p + wantFull + wantBackground, s.size());
        // without replacement, and each window from the list its category names
        assertEquals(s.size(), new HashSet<>(s.windows()).size());
        long partial =
                s.windows().stream().filter(w -> w.cacheFile().equals("p")).count();
        long full = s.windows().stream().filter(w -> w.cacheFile().equals("f")).count();
        assertEquals(p, partial, "every partial window is kept");
        assertEquals(wantFull, full);
        assertEquals((double) (p + wantFull) / s.size(), s.seizureRatio(), 1e-12);
    }

    @Property(tries = 100)
    void customRatiosAreFlooredAndCapped(
            @ForAll @IntRange(min = 1, max = 200) int p,
            @ForAll @IntRange(min = 0, max = 200) int f,
            @ForAll @IntRange(min = 0, max = 800) int b,
            @ForAll @IntRange(min = 0, max = 40) int fullTenths,
            @ForAll @IntRange(min = 0, max = 60) int backgroundTenths) {
        double fr = fullTenths / 10.0;
        double br = backgroundTenths / 10.0;
        BalancedSample s = BalancedSampler.seed(7).ratios(fr, br).sample(refs("p", p), refs("f", f), refs("b", b));
        assertEquals(Math.min((int) (fr * p), f), s.full());
        assertEquals(Math.min((int) (br * p), b), s.background());
    }

    @Property(tries = 50)
    void theSameSeedGivesTheSameOrder(
            @ForAll @IntRange(min = 1, max = 300) int p,
            @ForAll @IntRange(min = 0, max = 300) int f,
            @ForAll @IntRange(min = 0, max = 2000) int b,
            @ForAll @LongRange(min = 0, max = 1000) long seed) {
        BalancedSample one = BalancedSampler.seed(seed).sample(refs("p", p), refs("f", f), refs("b", b));
        BalancedSample two = BalancedSampler.seed(seed).sample(refs("p", p), refs("f", f), refs("b", b));
        assertEquals(one.windows(), two.windows());
    }

    @Test
    void differentSeedsGiveDifferentOrders() {
        BalancedSample a = BalancedSampler.seed(1).sample(refs("p", 50), refs("f", 50), refs("b", 500));
        BalancedSample b = BalancedSampler.seed(2).sample(refs("p", 50), refs("f", 50), refs("b", 500));
        assertEquals(a.size(), b.size());
        assertNotEquals(a.windows(), b.windows());
        assertEquals(
                new HashSet<>(refs("p", 50)),
                new HashSet<>(a.windows().stream()
                        .filter(w -> w.cacheFile().equals("p"))
                        .toList()));
    }

    @Test
    void theDefaultSeedIsThePythonSystems() {
        assertEquals(42, BalancedSampler.defaults().seed());
        assertEquals(
                BalancedSampler.seed(42)
                        .sample(refs("p", 9), refs("f", 9), refs("b", 90))
                        .windows(),
                BalancedSampler.defaults()
                        .sample(refs("p", 9), refs("f", 9), refs("b", 90))
                        .windows());
    }

    @Test
    void noPartialWindowsFailsTheGateWithTheCounts() {
        NoSeizureWindowsException e = assertThrows(
                NoSeizureWindowsException.class,
                () -> BalancedSampler.defaults().sample(List.of(), refs("f", 3), refs("b", 10)));
        assertEquals(3, e.counts().fullSeizure());
        assertEquals(10, e.counts().noSeizure());
        assertTrue(e.getMessage().contains("partial"), e.getMessage());
    }

    @Test
    void refusesNegativeSeedsAndRatios() {
        assertThrows(IllegalArgumentException.class, () -> BalancedSampler.seed(-3));
        assertThrows(
                IllegalArgumentException.class, () -> BalancedSampler.defaults().ratios(-1, 2));
        assertThrows(
                IllegalArgumentException.class, () -> BalancedSampler.defaults().ratios(0.3, Double.NaN));
    }
}
