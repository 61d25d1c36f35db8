package io.github.braingobrr.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The bgb version, from the properties file Maven filters into the jar. */
final class BgbVersion {
    private static final String VERSION = load();

    private BgbVersion() {}

    static String get() {
        return VERSION;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = BgbVersion.class.getResourceAsStream("bgb-cache.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bgb-cache.properties from the bgb-cache jar", e);
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
