package io.github.braingobrr.cache.sampling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The values NumPy produced (src/test/python/numpy_reference.py wrote the resource). */
final class NumpyReference {
    static final JsonNode REF = load();

    private NumpyReference() {}

    private static JsonNode load() {
        try (InputStream in = NumpyReference.class.getResourceAsStream("numpy-reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
