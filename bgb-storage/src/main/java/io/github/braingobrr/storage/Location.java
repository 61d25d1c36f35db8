package io.github.braingobrr.storage;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a blob or a store lives: {@code file:///abs/path} or {@code s3://bucket/key}. An immutable value,
 * not a {@link java.net.URI}: no percent-decoding, no query or fragment, and a path made of plain
 * {@code /}-separated names (no empty, {@code .} or {@code ..} segments). A trailing {@code /} is dropped, so
 * {@code s3://b/cache/} and {@code s3://b/cache} are the same location.
 */
public final class Location implements Comparable<Location> {
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final String scheme;
    private final String bucket;
    private final String path;

    private Location(String scheme, String bucket, String path) {
        this.scheme = scheme;
        this.bucket = bucket;
        this.path = path;
    }

    /**
     * Parses {@code s3://bucket[/key]}, {@code file:///absolute/path}, {@code file:/absolute/path} or an
     * absolute path without a scheme ({@code /results/cache}, taken as {@code file}).
     *
     * @throws InvalidLocationException when the text is empty, relative, has no bucket, an invalid bucket
     *     name, or an empty, {@code .} or {@code ..} segment
     */
    public static Location parse(String text) {
        Objects.requireNonNull(text, "location");
        String t = text;
        if (t.isBlank()) {
            throw new InvalidLocationException(text, "empty; expected s3://bucket/prefix or file:///absolute/path");
        }
        int colon = t.indexOf("://");
        if (t.startsWith("/")) {
            return file(text, t);
        }
        if (t.startsWith("file:")) {
            String rest = t.substring("file:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
                if (!rest.startsWith("/")) {
                    throw new InvalidLocationException(
                            text, "file locations have no host; write file:///absolute/path (three slashes)");
                }
            }
            if (!rest.startsWith("/")) {
                throw new InvalidLocationException(text, "file locations must be absolute: file:///absolute/path");
            }
            return file(text, rest);
        }
        if (colon < 0) {
            throw new InvalidLocationException(
                    text,
                    "no scheme and not an absolute path; expected s3://bucket/prefix or file:///absolute/path"
                            + " (use Location.of(Path) for a relative directory)");
        }
        String scheme = t.substring(0, colon);
        if (!SCHEME.matcher(scheme).matches()) {
            throw new InvalidLocationException(text, "scheme '" + scheme + "' is not a valid lower-case scheme");
        }
        String rest = t.substring(colon + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new InvalidLocationException(text, "no bucket; expected " + scheme + "://bucket/prefix");
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new InvalidLocationException(
                    text,
                    "bucket '" + bucket + "' is not a valid name (3-63 lower-case letters, digits, '.' and '-',"
                            + " starting and ending with a letter or digit)");
        }
        return new Location(scheme, bucket, normalizeKey(text, key));
    }

    /** The location of a local file or directory (made absolute and normalized). */
    public static Location of(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        String p = abs.toString().replace('\\', '/');
        if (!p.startsWith("/")) {
            p = "/" + p; // Windows: C:/x becomes /C:/x, as in file URIs
        }
        return file(path.toString(), p);
    }

    private static Location file(String original, String absolute) {
        String p = absolute;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String body = p.equals("/") ? "" : normalizeKey(original, p.substring(1));
        return new Location("file", "", "/" + body);
    }

    private static String normalizeKey(String original, String key) {
        String k = key;
        if (k.endsWith("/")) {
            k = k.substring(0, k.length() - 1);
        }
        if (k.isEmpty()) {
            return "";
        }
        for (String segment : k.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidLocationException(original, "contains an empty path segment ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidLocationException(original, "contains a '" + segment + "' segment");
            }
            for (int i = 0; i < segment.length(); i++) {
                if (Character.isISOControl(segment.charAt(i))) {
                    throw new InvalidLocationException(
                            original,
                            "contains a control character at segment '" + segment.replaceAll("\\p{Cntrl}", "?") + "'");
                }
            }
        }
        return k;
    }

    /** {@code file}, {@code s3}, … */
    public String scheme() {
        return scheme;
    }

    /** The bucket of an object-store location; empty for {@code file}. */
    public String bucket() {
        return bucket;
    }

    /**
     * The path: for {@code file} the absolute path starting with {@code /}; for object stores the key (or
     * prefix) without a leading {@code /}, empty at the bucket root.
     */
    public String path() {
        return path;
    }

    /** Whether this is a {@code file} location. */
    public boolean isFile() {
        return scheme.equals("file");
    }

    /** The local path of a {@code file} location. */
    public Path toPath() {
        if (!isFile()) {
            throw new InvalidLocationException(toString(), "not a file location, so it has no local path");
        }
        String p = path;
        if (p.length() > 3 && p.charAt(2) == ':') {
            p = p.substring(1); // /C:/x -> C:/x on Windows
        }
        return Path.of(p);
    }

    /** This location joined with a relative key such as {@code train/a_windows.npz}. */
    public Location resolve(String relative) {
        Keys.checkKey(relative);
        if (isFile()) {
            return new Location(scheme, bucket, path.equals("/") ? "/" + relative : path + "/" + relative);
        }
        return new Location(scheme, bucket, path.isEmpty() ? relative : path + "/" + relative);
    }

    /** The enclosing location, empty at a bucket or file-system root. */
    public Optional<Location> parent() {
        String body = isFile() ? path.substring(1) : path;
        if (body.isEmpty()) {
            return Optional.empty();
        }
        int slash = body.lastIndexOf('/');
        String parentBody = slash < 0 ? "" : body.substring(0, slash);
        return Optional.of(new Location(scheme, bucket, isFile() ? "/" + parentBody : parentBody));
    }

    /** The last path segment, empty at a bucket or file-system root. */
    public String fileName() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /**
     * The key of {@code child} relative to this location ({@code s3://b/cache} and {@code s3://b/cache/train/x}
     * give {@code train/x}).
     *
     * @throws InvalidLocationException when {@code child} is not strictly inside this location
     */
    public String relativize(Location child) {
        boolean sameRoot = scheme.equals(child.scheme) && bucket.equals(child.bucket);
        String base = isFile() ? (path.equals("/") ? "/" : path + "/") : (path.isEmpty() ? "" : path + "/");
        if (!sameRoot || !child.path.startsWith(base) || child.path.length() == base.length()) {
            throw new InvalidLocationException(child.toString(), "is not inside " + this);
        }
        return child.path.substring(base.length());
    }

    @Override
    public String toString() {
        if (isFile()) {
            return "file://" + path;
        }
        return scheme + "://" + bucket + (path.isEmpty() ? "" : "/" + path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && l.scheme.equals(scheme) && l.bucket.equals(bucket) && l.path.equals(path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scheme, bucket, path);
    }

    @Override
    public int compareTo(Location o) {
        return toString().compareTo(o.toString());
    }
}
