package io.github.braingobrr.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reference arrays written by the Python scripts in {@code bgb-core/src/test/python} ({@code refio.py} format:
 * {@code array <name> <dims...>} followed by the values, and {@code text <name> <value>} lines), loaded from the
 * test class path.
 */
public final class ReferenceArrays {
    private final String resource;
    private final Map<String, double[]> values = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    private ReferenceArrays(String resource) {
        this.resource = resource;
    }

    /** Loads a resource such as {@code /io/github/braingobrr/signal/filters.txt} (gzip when it ends in .gz). */
    public static ReferenceArrays load(String resource) {
        ReferenceArrays refs = new ReferenceArrays(resource);
        try (InputStream raw = ReferenceArrays.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new AssertionError("missing test resource " + resource);
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            refs.parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return refs;
    }

    private void parse(BufferedReader reader) throws IOException {
        String line;
        String current = null;
        double[] buffer = null;
        int filled = 0;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("text ")) {
                int space = line.indexOf(' ', 5);
                texts.put(line.substring(5, space), line.substring(space + 1));
                continue;
            }
            if (line.startsWith("array ")) {
                if (current != null && filled != buffer.length) {
                    throw new AssertionError(resource + ": array " + current + " is short");
                }
                String[] parts = line.split(" ");
                current = parts[1];
                int[] shape = new int[parts.length - 2];
                int size = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = Integer.parseInt(parts[i + 2]);
                    size *= shape[i];
                }
                buffer = new double[size];
                filled = 0;
                values.put(current, buffer);
                shapes.put(current, shape);
                continue;
            }
            for (String token : line.trim().split("\\s+")) {
                buffer[filled++] = Double.parseDouble(token);
            }
        }
    }

    /** A flat array. */
    public double[] vector(String name) {
        double[] v = values.get(name);
        if (v == null) {
            throw new AssertionError(resource + " has no array " + name);
        }
        return v.clone();
    }

    /** A two-dimensional array, row-major. */
    public double[][] matrix(String name) {
        double[] v = vector(name);
        int[] shape = shapes.get(name);
        if (shape.length != 2) {
            throw new AssertionError(name + " is not two-dimensional");
        }
        double[][] m = new double[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            System.arraycopy(v, r * shape[1], m[r], 0, shape[1]);
        }
        return m;
    }

    /** A text value. */
    public String text(String name) {
        String t = texts.get(name);
        if (t == null) {
            throw new AssertionError(resource + " has no text " + name);
        }
        return t;
    }

    /** A {@code |}-separated text value as a list. */
    public List<String> list(String name) {
        return new ArrayList<>(List.of(text(name).split("\\|", -1)));
    }

    /** Whether an array of that name exists. */
    public boolean has(String name) {
        return values.containsKey(name);
    }
}
