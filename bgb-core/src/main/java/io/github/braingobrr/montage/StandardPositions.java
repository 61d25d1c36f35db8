package io.github.braingobrr.montage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Head-frame positions (metres) of the standard 10-20 electrodes, as MNE-Python places its
 * {@code standard_1020} montage; loaded from {@code standard_1020.csv} (written by
 * {@code make_interpolation_references.py}).
 */
final class StandardPositions {
    private static final Map<String, double[]> POSITIONS = load();
    private static final Map<String, String> BY_UPPER = byUpper();

    private StandardPositions() {}

    /** The canonical spelling of an upper-cased electrode name, or null. */
    static String canonicalName(String upper) {
        return BY_UPPER.get(upper);
    }

    /** The position of a canonical electrode name. */
    static double[] position(String canonical) {
        double[] p = POSITIONS.get(canonical);
        if (p == null) {
            throw new IllegalArgumentException("no standard 10-20 position for electrode " + canonical);
        }
        return p.clone();
    }

    private static Map<String, double[]> load() {
        Map<String, double[]> map = new LinkedHashMap<>();
        try (InputStream in = StandardPositions.class.getResourceAsStream("standard_1020.csv")) {
            if (in == null) {
                throw new IllegalStateException("bgb-core is missing its resource standard_1020.csv");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.startsWith("name,") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                map.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bgb-core resource standard_1020.csv", e);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, String> byUpper() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : POSITIONS.keySet()) {
            map.put(name.toUpperCase(Locale.ROOT), name);
        }
        return Collections.unmodifiableMap(map);
    }
}
