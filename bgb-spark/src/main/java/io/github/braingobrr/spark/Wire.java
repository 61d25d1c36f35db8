package io.github.braingobrr.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * Tasks and results as bytes (Java serialization) inside the RDD, so that they travel whatever {@code spark.serializer}
 * the cluster sets: Kryo cannot rebuild records, but it carries {@code byte[]} as is.
 */
final class Wire {
    private Wire() {}

    static byte[] write(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("serializing " + value.getClass().getName() + " to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static <T> T read(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(
                    "cannot read a " + type.getSimpleName() + " sent between the driver and an executor: " + e
                            + "; the driver and the executors must run the same bgb-spark jar",
                    e);
        }
    }
}
