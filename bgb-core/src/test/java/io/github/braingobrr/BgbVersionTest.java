package io.github.braingobrr;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgbVersionTest {
    @Test
    void versionIsFilteredFromThePom() {
        String v = BgbVersion.get();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v);
    }
}
