package io.github.braingobrr.storage;

import java.nio.charset.StandardCharsets;

/**
 * Rules for blob keys: {@code /}-separated names relative to a store's root ({@code train/a_windows.npz}).
 * A key never starts or ends with {@code /}, has no empty, {@code .} or {@code ..} segment, no backslash and
 * no control character, and is at most 1024 UTF-8 bytes (the S3 limit). These rules are what keep every
 * store, and {@code clean}, inside its root.
 */
public final class Keys {
    private static final int MAX_BYTES = 1024;

    private Keys() {}

    /** Returns {@code key} if it is a valid key, else throws {@link InvalidLocationException} saying why. */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidLocationException(String.valueOf(key), "a key must not be empty");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new InvalidLocationException(
                    key, "a key is relative to the store root and must not start or" + " end with '/'");
        }
        checkSegments(key, key);
        return key;
    }

    /**
     * Returns {@code prefix} if it is a valid listing prefix: empty (the whole store), or a key, or a key
     * followed by {@code /}. A prefix is matched as a string, as S3 does: {@code train/a} matches
     * {@code train/a1.npz} and {@code train/a/b.npz}.
     */
    public static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new InvalidLocationException("null", "a prefix must not be null (use \"\" for the whole store)");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (prefix.startsWith("/")) {
            throw new InvalidLocationException(
                    prefix, "a prefix is relative to the store root and must not" + " start with '/'");
        }
        String body = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (body.isEmpty()) {
            throw new InvalidLocationException(prefix, "a prefix must not be just '/' (use \"\" for the whole store)");
        }
        checkSegments(prefix, body);
        return prefix;
    }

    /** The directory part of a key or prefix: everything up to and including the last {@code /}, or empty. */
    public static String directoryOf(String keyOrPrefix) {
        int slash = keyOrPrefix.lastIndexOf('/');
        return slash < 0 ? "" : keyOrPrefix.substring(0, slash + 1);
    }

    /** The last segment of a key. */
    public static String nameOf(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static void checkSegments(String original, String body) {
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidLocationException(
                    original.substring(0, 40) + "…", "longer than " + MAX_BYTES + " UTF-8 bytes");
        }
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidLocationException(original, "contains an empty segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidLocationException(
                        original, "segments '.' and '..' are not allowed; keys may not leave the store root");
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '\\') {
                    throw new InvalidLocationException(original, "contains a backslash; keys use '/'");
                }
                if (Character.isISOControl(c)) {
                    throw new InvalidLocationException(original, "contains a control character");
                }
            }
        }
    }
}
