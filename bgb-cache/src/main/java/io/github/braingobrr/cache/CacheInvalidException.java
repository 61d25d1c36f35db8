package io.github.braingobrr.cache;

import java.io.IOException;
import java.util.Objects;

/**
 * A cache split cannot be used as it is and its manifest cannot be rebuilt automatically, because the problem is in
 * the data (an unreadable or damaged cache file, a configuration that changed, no cache files at all). The report says
 * what and what to do; nothing was changed.
 */
public final class CacheInvalidException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ValidationReport report;

    CacheInvalidException(String what, ValidationReport report) {
        super(what + ": " + report.summary());
        this.report = Objects.requireNonNull(report, "report");
    }

    /** Everything found. */
    public ValidationReport report() {
        return report;
    }
}
