package io.github.braingobrr.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Crc32cTest {
    @Test
    void matchesThePublishedCheckValue() {
        // RFC 3720 (iSCSI) B.4 and every CRC catalogue: CRC-32C of "123456789" is 0xE3069283
        Crc32c c = Crc32c.of("123456789".getBytes(StandardCharsets.US_ASCII));
        assertEquals(0xE3069283, c.value());
        assertEquals("e3069283", c.hex());
        // RFC 3720 B.4: 32 bytes of zeros give 0x8A9136AA
        assertEquals(0x8A9136AA, Crc32c.of(new byte[32]).value());
        // S3's header form is the big-endian bytes in base64
        assertEquals("4waSgw==", c.base64());
    }

    @Property(tries = 60)
    void fileStreamAndBytesAgreeAndRoundTrip(@ForAll @IntRange(max = 3_000_000) int size, @ForAll long seed)
            throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Path f = Files.write(Files.createTempFile("bgb-crc", ".bin"), data); // jqwik has no @TempDir
        Crc32c c = Crc32c.of(data);
        try {
            assertEquals(c, Crc32c.of(f));
        } finally {
            Files.delete(f);
        }
        assertEquals(c, Crc32c.of(new ByteArrayInputStream(data)));
        assertEquals(c, Crc32c.parseHex(c.hex()));
        assertEquals(c, Crc32c.parseBase64(c.base64()));
    }

    @Test
    void malformedTextIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Crc32c.parseHex("123"));
        assertThrows(IllegalArgumentException.class, () -> Crc32c.parseHex("zzzzzzzz"));
        assertThrows(IllegalArgumentException.class, () -> Crc32c.parseBase64("!!"));
        assertThrows(IllegalArgumentException.class, () -> Crc32c.parseBase64("AAAAAAAA"));
    }
}
