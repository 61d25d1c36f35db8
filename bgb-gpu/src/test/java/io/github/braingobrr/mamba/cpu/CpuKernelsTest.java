package io.github.braingobrr.mamba.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.mamba.Mamba1;
import io.github.braingobrr.mamba.Mamba1Config;
import io.github.braingobrr.mamba.Mamba2;
import io.github.braingobrr.mamba.Mamba2Config;
import io.github.braingobrr.mamba.MambaWeights;
import io.github.braingobrr.mamba.RandomWeights;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

/** The scans are linear in their input for fixed Δ, B, C (and gate). */
class CpuKernelsTest {
    private final CpuKernels k = new CpuKernels(Parallel.INLINE, new DerivedWeights());

    @Property(tries = 30)
    void ssdScanIsLinearInX(
            @ForAll @IntRange(min = 1, max = 16) int dState,
            @ForAll @IntRange(min = 1, max = 40) int len,
            @ForAll @FloatRange(min = -2, max = 2) float a,
            @ForAll @FloatRange(min = -2, max = 2) float b,
            @ForAll long seed) {
        Mamba2Config c = new Mamba2Config(8, dState, 4, 2, 4, false, true);
        Random rnd = new Random(seed);
        Mamba2 layer = Mamba2.load(c, MambaWeights.of(RandomWeights.mamba2(c, rnd)));
        int nb = 2;
        int rows = nb * len;
        float[] zx = gaussian(rnd, rows * c.dInProj()); // only its dt columns are read
        float[] x1 = gaussian(rnd, rows * c.convDim()); // x columns vary, B and C columns stay
        float[] x2 = x1.clone();
        float[] mix = x1.clone();
        for (int r = 0; r < rows; r++) {
            for (int ch = 0; ch < c.dInner(); ch++) {
                int i = r * c.convDim() + ch;
                x2[i] = (float) rnd.nextGaussian();
                mix[i] = a * x1[i] + b * x2[i];
            }
        }
        float[] y1 = new float[rows * c.dInner()];
        float[] y2 = new float[y1.length];
        float[] ym = new float[y1.length];
        k.ssdScan(layer, zx, x1, y1, nb, len, null, 0);
        k.ssdScan(layer, zx, x2, y2, nb, len, null, 0);
        k.ssdScan(layer, zx, mix, ym, nb, len, null, 0);
        assertLinear(a, b, y1, y2, ym);
    }

    @Property(tries = 30)
    void selectiveScanIsLinearInU(
            @ForAll @IntRange(min = 1, max = 16) int dState,
            @ForAll @IntRange(min = 1, max = 40) int len,
            @ForAll @FloatRange(min = -2, max = 2) float a,
            @ForAll @FloatRange(min = -2, max = 2) float b,
            @ForAll long seed) {
        Mamba1Config c = Mamba1Config.of(20).withDState(dState);
        Random rnd = new Random(seed);
        Mamba1 layer = Mamba1.load(c, MambaWeights.of(RandomWeights.mamba1(c, rnd)));
        int nb = 2;
        int rows = nb * len;
        int di = c.dInner();
        float[] delta = gaussian(rnd, rows * di);
        float[] xdbl = gaussian(rnd, rows * c.xProjDim());
        float[] xz = gaussian(rnd, rows * 2 * di);
        float[] u1 = gaussian(rnd, rows * di);
        float[] u2 = gaussian(rnd, rows * di);
        float[] mix = new float[u1.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = a * u1[i] + b * u2[i];
        }
        float[] y1 = new float[rows * di];
        float[] y2 = new float[y1.length];
        float[] ym = new float[y1.length];
        k.selectiveScan(layer, u1, delta, xdbl, xz, y1, nb, len, null, 0);
        k.selectiveScan(layer, u2, delta, xdbl, xz, y2, nb, len, null, 0);
        k.selectiveScan(layer, mix, delta, xdbl, xz, ym, nb, len, null, 0);
        assertLinear(a, b, y1, y2, ym);
    }

    private static void assertLinear(float a, float b, float[] y1, float[] y2, float[] ym) {
        double worst = 0;
        for (int i = 0; i < ym.length; i++) {
            double expected = (double) a * y1[i] + (double) b * y2[i];
            double scale = 1 + Math.abs(a * y1[i]) + Math.abs(b * y2[i]);
            worst = Math.max(worst, Math.abs(ym[i] - expected) / scale);
        }
        assertTrue(worst < 1e-5, "relative deviation from linearity " + worst);
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
