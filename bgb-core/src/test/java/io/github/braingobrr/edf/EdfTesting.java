package io.github.braingobrr.edf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;

/** Small helpers shared by the EDF tests. */
final class EdfTesting {
    private EdfTesting() {}

    /** The bytes {@code writer} produces, written in memory. */
    static byte[] bytes(EdfWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(Channels.newChannel(out));
        return out.toByteArray();
    }

    /** Opens in-memory bytes (through the seek-and-read path). */
    static EdfFile open(byte[] bytes, EdfOptions options) throws IOException {
        return EdfFile.open(new ByteArrayChannel(bytes), "memory.edf", options);
    }

    /** Writes {@code text} as ASCII into {@code bytes} at {@code offset}, padded with spaces to {@code width}. */
    static void put(byte[] bytes, int offset, int width, String text) {
        for (int i = 0; i < width; i++) {
            bytes[offset + i] = (byte) (i < text.length() ? text.charAt(i) : ' ');
        }
    }
}
