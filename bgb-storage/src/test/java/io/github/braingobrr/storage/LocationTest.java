package io.github.braingobrr.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LocationTest {
    @Test
    void parsesS3Locations() {
        Location l = Location.parse("s3://brain-go-brr-eeg-data-20250919/cache/tusz/");
        assertEquals("s3", l.scheme());
        assertEquals("brain-go-brr-eeg-data-20250919", l.bucket());
        assertEquals("cache/tusz", l.path());
        assertEquals("tusz", l.fileName());
        assertEquals("s3://brain-go-brr-eeg-data-20250919/cache/tusz", l.toString());
        assertEquals(Location.parse("s3://brain-go-brr-eeg-data-20250919/cache/tusz"), l);
        Location bucketRoot = Location.parse("s3://bkt");
        assertEquals("", bucketRoot.path());
        assertEquals(Optional.empty(), bucketRoot.parent());
        assertEquals("", bucketRoot.fileName());
    }

    @Test
    void parsesFileLocationsAndPaths() {
        Location a = Location.parse("file:///results/cache/tusz");
        assertTrue(a.isFile());
        assertEquals("/results/cache/tusz", a.path());
        assertEquals(a, Location.parse("file:/results/cache/tusz/"));
        assertEquals(a, Location.parse("/results/cache/tusz"));
        assertEquals(Path.of("/results/cache/tusz"), a.toPath());
        assertEquals("file:///results/cache/tusz", a.toString());
        assertEquals(Location.parse("file:///"), Location.of(Path.of("/")));
        assertEquals(Location.of(Path.of("rel").toAbsolutePath()), Location.of(Path.of("rel")));
    }

    @Test
    void resolvesParentsAndRelativizes() {
        Location root = Location.parse("s3://bkt/cache");
        Location f = root.resolve("train/a_windows.npz");
        assertEquals("s3://bkt/cache/train/a_windows.npz", f.toString());
        assertEquals("a_windows.npz", f.fileName());
        assertEquals(Location.parse("s3://bkt/cache/train"), f.parent().orElseThrow());
        assertEquals("train/a_windows.npz", root.relativize(f));
        assertEquals("x", Location.parse("s3://bkt").relativize(Location.parse("s3://bkt/x")));
        assertEquals("a/b", Location.parse("file:///").relativize(Location.parse("file:///a/b")));
        assertThrows(InvalidLocationException.class, () -> root.relativize(Location.parse("s3://bkt/cachex/y")));
        assertThrows(InvalidLocationException.class, () -> root.relativize(Location.parse("s3://other/cache/y")));
        assertThrows(InvalidLocationException.class, () -> root.relativize(root));
        assertThrows(InvalidLocationException.class, () -> root.resolve("../escape"));
        assertThrows(
                InvalidLocationException.class,
                () -> Location.parse("s3://bkt/x").toPath());
    }

    @Test
    void malformedLocationsAreRefusedWithTheReason() {
        record Case(String text, String reason) {}
        for (Case c : List.of(
                new Case("", "empty"),
                new Case("   ", "empty"),
                new Case("s3://", "no bucket"),
                new Case("s3:///key", "no bucket"),
                new Case("s3://My_Bucket/x", "not a valid name"),
                new Case("s3://ab/x", "not a valid name"),
                new Case("s3://bkt//x", "empty path segment"),
                new Case("s3://bkt/a/../b", "'..' segment"),
                new Case("S3://bkt/x", "not a valid lower-case scheme"),
                new Case("relative/dir", "absolute path"),
                new Case("file://host/x", "no host"),
                new Case("file:relative", "must be absolute"),
                new Case("s3://bkt/a\u0001b", "control character"))) {
            InvalidLocationException e =
                    assertThrows(InvalidLocationException.class, () -> Location.parse(c.text()), "'" + c.text() + "'");
            assertTrue(e.getMessage().contains(c.reason()), c.text() + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("'" + c.text() + "'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Property
    void toStringParsesBackToTheSameLocation(@ForAll("locations") String text) {
        Location l = Location.parse(text);
        assertEquals(l, Location.parse(l.toString()));
        assertEquals(l.hashCode(), Location.parse(l.toString()).hashCode());
    }

    @Property
    void resolveThenRelativizeGivesTheKey(@ForAll("locations") String root, @ForAll("keys") String key) {
        Location r = Location.parse(root);
        Location child = r.resolve(key);
        assertEquals(key, r.relativize(child));
        assertEquals(Keys.nameOf(key), child.fileName());
        assertTrue(child.parent().isPresent());
    }

    @Provide
    Arbitrary<String> locations() {
        Arbitrary<String> s3 = keys().injectNull(0.3).map(k -> "s3://bucket-1.example" + (k == null ? "" : "/" + k));
        Arbitrary<String> file = keys().map(k -> "file:///" + k);
        return Arbitraries.oneOf(s3, file);
    }

    @Provide
    Arbitrary<String> keys() {
        Arbitrary<String> segment = Arbitraries.strings()
                .withChars("abcXYZ019_-. =+é")
                .ofMinLength(1)
                .ofMaxLength(8)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return segment.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("/", l));
    }
}
