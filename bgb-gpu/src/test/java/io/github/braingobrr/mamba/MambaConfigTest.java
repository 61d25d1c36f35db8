package io.github.braingobrr.mamba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Config validation and the d_conv coercion rule. */
class MambaConfigTest {

    @Test
    void convWidthOutsideTheKernelRangeBecomesFourWithOneWarning() {
        for (int k : new int[] {2, 3, 4}) {
            assertEquals(k, Mamba2Config.nodeStream().withDConv(k).dConv());
            assertEquals(k, Mamba1Config.of(8).withDConv(k).dConv());
        }
        for (int k : new int[] {1, 5, 7}) {
            assertEquals(4, Mamba2Config.nodeStream().withDConv(k).dConv());
            assertEquals(4, Mamba1Config.of(8).withDConv(k).dConv());
        }
        assertEquals(1, ConvWidth.warningsLogged(), "one warning per JVM however often it is coerced");
        assertEquals(
                "(160, 1, 4)",
                Tensor.format(Mamba2.expectedShapes(Mamba2Config.nodeStream().withDConv(5))
                        .get("conv1d.weight")));
    }

    @Test
    void headdimMustDivideDInner() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Mamba2Config.nodeStream().withHeaddim(48));
        assertEquals("d_inner = d_model * expand = 64 * 2 = 128 is not a multiple of headdim 48", e.getMessage());
    }

    @Test
    void sizesMustBePositive() {
        assertEquals(
                "d_state must be positive, got 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Mamba2Config.nodeStream().withDState(0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Mamba1Config.of(0));
        assertThrows(IllegalArgumentException.class, () -> Mamba1Config.of(8).withDtRank(-1));
        assertThrows(
                IllegalArgumentException.class, () -> Mamba2Config.nodeStream().withDConv(0));
    }
}
