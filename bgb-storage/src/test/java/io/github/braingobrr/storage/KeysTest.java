package io.github.braingobrr.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void acceptsRelativeKeysAndPrefixes() {
        assertEquals("train/a_windows.npz", Keys.checkKey("train/a_windows.npz"));
        assertEquals(".cache_metadata.json", Keys.checkKey(".cache_metadata.json"));
        assertEquals("", Keys.checkPrefix(""));
        assertEquals("train/", Keys.checkPrefix("train/"));
        assertEquals("train/a", Keys.checkPrefix("train/a"));
        assertEquals("train/", Keys.directoryOf("train/a.npz"));
        assertEquals("", Keys.directoryOf("a.npz"));
        assertEquals("a.npz", Keys.nameOf("train/a.npz"));
    }

    @Test
    void refusesKeysThatCouldLeaveTheRoot() {
        for (String bad : List.of("", "/etc/passwd", "a/", "a//b", "..", "../x", "a/../../x", "./a", "a\\b", "a\nb")) {
            InvalidLocationException e = assertThrows(InvalidLocationException.class, () -> Keys.checkKey(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid location or key"), e.getMessage());
        }
        for (String bad : List.of("/", "/x", "../", "a//", "x/../")) {
            assertThrows(InvalidLocationException.class, () -> Keys.checkPrefix(bad), bad);
        }
        assertThrows(InvalidLocationException.class, () -> Keys.checkKey("k".repeat(1025)));
    }
}
