package io.github.braingobrr.storage;

import java.util.Locale;

/** Formats byte counts for messages ({@code 1.5 GiB}). */
public final class DataSizes {
    private DataSizes() {}

    /** {@code bytes} in the largest binary unit that keeps the number at least 1, with one decimal. */
    public static String format(long bytes) {
        if (bytes < 1024 && bytes > -1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
