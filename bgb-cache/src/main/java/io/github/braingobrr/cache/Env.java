package io.github.braingobrr.cache;

import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * The environment variables the Python system's users already set, read when an operation runs (never cached at
 * class load, which the Python system got wrong): {@code BGB_LIMIT_FILES}, {@code BGB_SMOKE_TEST},
 * {@code BGB_FORCE_MANIFEST_REBUILD}.
 */
final class Env {
    static final String LIMIT_FILES = "BGB_LIMIT_FILES";
    static final String SMOKE_TEST = "BGB_SMOKE_TEST";
    static final String FORCE_MANIFEST_REBUILD = "BGB_FORCE_MANIFEST_REBUILD";
    /** Files a smoke test takes when no limit is set, as in the Python system. */
    static final int SMOKE_FILES = 3;

    private final UnaryOperator<String> lookup;

    Env(UnaryOperator<String> lookup) {
        this.lookup = lookup;
    }

    static Env system() {
        return new Env(System::getenv);
    }

    private boolean flag(String name) {
        String v = lookup.apply(name);
        if (v == null) {
            return false;
        }
        String s = v.strip();
        return s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes");
    }

    /** {@code BGB_FORCE_MANIFEST_REBUILD=1}. */
    boolean forceManifestRebuild() {
        return flag(FORCE_MANIFEST_REBUILD);
    }

    /**
     * The file limit in force: an explicit one wins, else {@code BGB_LIMIT_FILES}, else 3 under
     * {@code BGB_SMOKE_TEST=1}, else none.
     *
     * @throws IllegalArgumentException when {@code BGB_LIMIT_FILES} is not a positive integer
     */
    OptionalInt limit(OptionalInt explicit) {
        if (explicit.isPresent()) {
            return explicit;
        }
        String v = lookup.apply(LIMIT_FILES);
        if (v != null && !v.isBlank()) {
            try {
                int n = Integer.parseInt(v.strip());
                if (n > 0) {
                    return OptionalInt.of(n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(LIMIT_FILES + "='" + v + "' is not a positive whole number of files;"
                    + " unset it to build every file");
        }
        return flag(SMOKE_TEST) ? OptionalInt.of(SMOKE_FILES) : OptionalInt.empty();
    }

    /** Where the limit came from, for the log. */
    String limitSource(OptionalInt explicit) {
        if (explicit.isPresent()) {
            return "limit(" + explicit.getAsInt() + ")";
        }
        String v = lookup.apply(LIMIT_FILES);
        return v != null && !v.isBlank() ? LIMIT_FILES + "=" + v.strip() : SMOKE_TEST + "=1";
    }
}
