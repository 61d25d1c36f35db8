package io.github.braingobrr.cache;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.Crc32c;
import io.github.braingobrr.storage.WriteOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Reading and writing the cache's JSON files: manifest, dataset index, metadata, and the per-file description. */
final class CacheJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final WindowCategory[] BY_KEY_ORDER = {
        WindowCategory.PARTIAL_SEIZURE, WindowCategory.FULL_SEIZURE, WindowCategory.NO_SEIZURE
    };

    private CacheJson() {}

    // ------------------------------------------------------------------ store helpers

    /** The content of {@code key}, or empty when there is no such blob. */
    static Optional<byte[]> readIfPresent(BlobStore store, String key) throws IOException {
        if (store.find(key).isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = store.openStream(key)) {
            return Optional.of(in.readAllBytes());
        } catch (io.github.braingobrr.storage.BlobNotFoundException gone) {
            return Optional.empty();
        }
    }

    /** Writes {@code content} to {@code key} atomically. */
    static void write(BlobStore store, String key, byte[] content) throws IOException {
        store.write(key, content, WriteOptions.defaults().withExpectedSize(content.length));
    }

    private static CacheFormatException malformed(String where, String what, Throwable cause) {
        return new CacheFormatException(
                where + ": " + what
                        + "; rebuild it (a manifest or index: scan the cache; metadata: fix or remove the file)",
                cause);
    }

    // ------------------------------------------------------------------ manifest

    static byte[] writeManifest(Manifest m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("schema", Manifest.SCHEMA);
            g.writeStringField("split", m.split());
            writeOptionalString(g, "config_hash", m.configHash());
            writeOptionalString(g, "layout", m.layout().map(CacheLayout::id));
            g.writeStringField("written", Instant.now().toString());
            CategoryCounts c = m.counts();
            g.writeObjectFieldStart("totals");
            g.writeNumberField("files", m.files().size());
            g.writeNumberField("windows", c.total());
            for (WindowCategory k : BY_KEY_ORDER) {
                g.writeNumberField(k.manifestKey(), c.get(k));
            }
            g.writeNumberField("failures", m.failures().size());
            g.writeEndObject();
            if (m.sources().isPresent()) {
                Manifest.Sources s = m.sources().get();
                g.writeObjectFieldStart("sources");
                g.writeNumberField("found", s.found());
                g.writeNumberField("selected", s.selected());
                if (s.limit().isPresent()) {
                    g.writeNumberField("limit", s.limit().getAsInt());
                } else {
                    g.writeNullField("limit");
                }
                g.writeEndObject();
            }
            g.writeArrayFieldStart("files");
            for (Manifest.FileEntry f : m.files()) {
                g.writeStartObject();
                g.writeStringField("cache_file", f.cacheFile());
                writeOptionalString(g, "source", f.source());
                if (f.fingerprint().isPresent()) {
                    g.writeFieldName("fingerprint");
                    MAPPER.writeTree(g, fingerprintNode(f.fingerprint().get()));
                }
                g.writeNumberField("windows", f.windows());
                CategoryCounts fc = f.counts();
                g.writeObjectFieldStart("counts");
                for (WindowCategory k : BY_KEY_ORDER) {
                    g.writeNumberField(k.manifestKey(), fc.get(k));
                }
                g.writeEndObject();
                if (f.size().isPresent()) {
                    g.writeNumberField("size", f.size().getAsLong());
                }
                writeOptionalString(g, "crc32c", f.crc32c().map(Crc32c::hex));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("failures");
            for (BuildFailure f : m.failures()) {
                g.writeStartObject();
                g.writeStringField("source", f.source());
                g.writeStringField("kind", f.kind().id());
                g.writeStringField("reason", f.reason());
                writeOptionalString(g, "stale_cache_file", f.staleCacheFile());
                g.writeEndObject();
            }
            g.writeEndArray();
            for (WindowCategory k : BY_KEY_ORDER) {
                g.writeArrayFieldStart(k.manifestKey());
                for (WindowRef r : m.windows(k)) {
                    g.writeStartObject();
                    g.writeStringField("cache_file", r.cacheFile());
                    g.writeNumberField("window_idx", r.windowIdx());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writeOptionalString(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        }
    }

    /**
     * Reads a manifest as bgb or the Python system wrote it; contradictions (windows listed twice or not at all,
     * counts that disagree) are kept in {@link Manifest#inconsistencies()}, not thrown.
     */
    static Manifest readManifest(String split, byte[] content, String where) throws CacheFormatException {
        Map<String, TreeMap<Integer, WindowCategory>> listed = new TreeMap<>();
        Map<String, JsonNode> other = new HashMap<>();
        List<String> problems = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(where, "not a JSON object", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                WindowCategory category = categoryOfKey(name);
                if (category == null) {
                    other.put(name, MAPPER.readTree(p));
                    continue;
                }
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw malformed(where, "'" + name + "' is not a list", null);
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode item = MAPPER.readTree(p);
                    JsonNode file = item.get("cache_file");
                    JsonNode idx = item.get("window_idx");
                    if (file == null || !file.isTextual() || idx == null || !idx.canConvertToInt() || idx.asInt() < 0) {
                        throw malformed(
                                where,
                                "an item of '" + name + "' is not {\"cache_file\": name, " + "\"window_idx\": n}: "
                                        + item,
                                null);
                    }
                    WindowCategory before = listed.computeIfAbsent(file.asText(), k -> new TreeMap<>())
                            .put(idx.asInt(), category);
                    if (before != null) {
                        problems.add("window " + idx.asInt() + " of " + file.asText() + " is listed as both "
                                + before.manifestKey() + " and " + name);
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw malformed(where, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (CacheFormatException e) {
            throw e;
        } catch (IOException e) {
            throw malformed(where, "unreadable (" + e + ")", e);
        }
        Optional<String> schema = text(other.get("schema"));
        Optional<String> fileSplit = text(other.get("split"));
        if (fileSplit.isPresent() && !fileSplit.get().equals(split)) {
            problems.add("the manifest says it is of split '" + fileSplit.get() + "', but it lies in '" + split + "/'");
        }
        Optional<CacheLayout> layout = Optional.empty();
        if (text(other.get("layout")).isPresent()) {
            try {
                layout = Optional.of(CacheLayout.parse(text(other.get("layout")).get()));
            } catch (IllegalArgumentException e) {
                throw malformed(where, e.getMessage(), e);
            }
        }
        Map<String, JsonNode> fileNodes = new LinkedHashMap<>();
        JsonNode files = other.get("files");
        if (files != null && files.isArray()) {
            for (JsonNode f : files) {
                Optional<String> name = text(f.get("cache_file"));
                if (name.isEmpty()) {
                    throw malformed(where, "a 'files' entry has no cache_file: " + f, null);
                }
                fileNodes.put(name.get(), f);
            }
        }
        TreeMap<String, Object> names = new TreeMap<>();
        fileNodes.keySet().forEach(n -> names.put(n, n));
        listed.keySet().forEach(n -> names.put(n, n));
        List<Manifest.FileEntry> entries = new ArrayList<>();
        for (String name : names.keySet()) {
            JsonNode node = fileNodes.get(name);
            TreeMap<Integer, WindowCategory> windows = listed.getOrDefault(name, new TreeMap<>());
            int n = node != null && node.path("windows").canConvertToInt()
                    ? node.path("windows").asInt()
                    : windows.isEmpty() ? 0 : windows.lastKey() + 1;
            List<WindowCategory> categories = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                WindowCategory c = windows.get(i);
                if (c == null) {
                    problems.add("window " + i + " of " + name + " is in none of the three lists");
                    c = WindowCategory.NO_SEIZURE;
                }
                categories.add(c);
            }
            if (!windows.isEmpty() && windows.lastKey() >= n) {
                problems.add(name + " has " + n + " windows, but window " + windows.lastKey() + " is listed");
            }
            Optional<String> source = Optional.empty();
            Optional<SourceFingerprint> fingerprint = Optional.empty();
            OptionalLong size = OptionalLong.empty();
            Optional<Crc32c> crc = Optional.empty();
            if (node != null) {
                source = text(node.get("source"));
                if (node.hasNonNull("fingerprint")) {
                    fingerprint = Optional.of(fingerprint(node.get("fingerprint"), where));
                }
                if (node.path("size").canConvertToLong()) {
                    size = OptionalLong.of(node.get("size").asLong());
                }
                if (text(node.get("crc32c")).isPresent()) {
                    try {
                        crc = Optional.of(Crc32c.parseHex(node.get("crc32c").asText()));
                    } catch (IllegalArgumentException e) {
                        throw malformed(where, "cache file " + name + ": " + e.getMessage(), e);
                    }
                }
                JsonNode counts = node.get("counts");
                if (counts != null && counts.isObject()) {
                    CategoryCounts have = CategoryCounts.of(categories);
                    for (WindowCategory k : WindowCategory.values()) {
                        if (counts.path(k.manifestKey()).asLong(-1) != have.get(k)) {
                            problems.add(name + ": 'files' says " + counts.path(k.manifestKey()) + " " + k.manifestKey()
                                    + " windows, the lists hold " + have.get(k));
                        }
                    }
                }
            }
            entries.add(new Manifest.FileEntry(name, source, fingerprint, categories, size, crc));
        }
        List<BuildFailure> failures = new ArrayList<>();
        JsonNode failureNodes = other.get("failures");
        if (failureNodes != null && failureNodes.isArray()) {
            for (JsonNode f : failureNodes) {
                failures.add(new BuildFailure(
                        split,
                        f.path("source").asText(""),
                        BuildFailure.Kind.byId(f.path("kind").asText("")),
                        f.path("reason").asText(""),
                        text(f.get("stale_cache_file"))));
            }
        }
        Optional<Manifest.Sources> sources = Optional.empty();
        JsonNode s = other.get("sources");
        if (s != null && s.isObject()) {
            sources = Optional.of(new Manifest.Sources(
                    s.path("found").asInt(),
                    s.path("selected").asInt(),
                    s.path("limit").canConvertToInt()
                            ? OptionalInt.of(s.get("limit").asInt())
                            : OptionalInt.empty()));
        }
        return new Manifest(
                split, schema, text(other.get("config_hash")), layout, entries, failures, sources, problems);
    }

    private static WindowCategory categoryOfKey(String key) {
        for (WindowCategory c : WindowCategory.values()) {
            if (c.manifestKey().equals(key)) {
                return c;
            }
        }
        return null;
    }

    private static Optional<String> text(JsonNode n) {
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    // ------------------------------------------------------------------ fingerprints

    static ObjectNode fingerprintNode(SourceFingerprint f) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("size", f.size());
        n.put("mtime", f.modified().toString());
        n.put("header_sha256", f.headerSha256());
        if (f.labels().isPresent()) {
            ObjectNode l = n.putObject("labels");
            l.put("file", f.labels().get().file());
            l.put("size", f.labels().get().size());
            l.put("sha256", f.labels().get().sha256());
        } else {
            n.putNull("labels");
        }
        return n;
    }

    static SourceFingerprint fingerprint(JsonNode n, String where) throws CacheFormatException {
        try {
            Optional<SourceFingerprint.Labels> labels = Optional.empty();
            JsonNode l = n.get("labels");
            if (l != null && l.isObject()) {
                labels = Optional.of(new SourceFingerprint.Labels(
                        l.path("file").asText(),
                        l.path("size").asLong(),
                        l.path("sha256").asText()));
            }
            return new SourceFingerprint(
                    n.path("size").asLong(),
                    Instant.parse(n.path("mtime").asText()),
                    n.path("header_sha256").asText(),
                    labels);
        } catch (DateTimeParseException | NullPointerException e) {
            throw malformed(where, "unreadable source fingerprint " + n, e);
        }
    }

    // ------------------------------------------------------------------ dataset index

    static byte[] writeIndex(DatasetIndex index, String split) {
        ObjectNode n = MAPPER.createObjectNode();
        ArrayNode files = n.putArray("files");
        index.files().forEach(files::add);
        ArrayNode counts = n.putArray("window_counts");
        index.windowCounts().forEach(counts::add);
        if (index.cacheFiles().isPresent()) {
            ArrayNode caches = n.putArray("cache_files");
            index.cacheFiles().get().forEach(caches::add);
        }
        n.put("schema", DatasetIndex.SCHEMA);
        n.put("split", split);
        return bytes(n);
    }

    static DatasetIndex readIndex(byte[] content, String where) throws CacheFormatException {
        JsonNode n = tree(content, where);
        JsonNode files = n.get("files");
        JsonNode counts = n.get("window_counts");
        if (files == null || !files.isArray() || counts == null || !counts.isArray()) {
            throw malformed(where, "an index needs the lists 'files' and 'window_counts'", null);
        }
        List<String> f = new ArrayList<>();
        files.forEach(x -> f.add(x.asText()));
        List<Integer> c = new ArrayList<>();
        for (JsonNode x : counts) {
            if (!x.canConvertToInt()) {
                throw malformed(where, "window count " + x + " is not an integer", null);
            }
            c.add(x.asInt());
        }
        Optional<List<String>> caches = Optional.empty();
        if (n.has("cache_files") && n.get("cache_files").isArray()) {
            List<String> l = new ArrayList<>();
            n.get("cache_files").forEach(x -> l.add(x.asText()));
            caches = Optional.of(l);
        }
        try {
            return new DatasetIndex(f, c, caches);
        } catch (IllegalArgumentException e) {
            throw malformed(where, e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ metadata

    static byte[] writeMetadata(CacheMetadata m) throws CacheFormatException {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("split_policy", m.splitPolicy());
        n.put("created", m.created());
        n.put("timestamp", m.timestamp());
        n.put("schema", CacheMetadata.SCHEMA);
        m.layout().ifPresent(l -> n.put("layout", l.id()));
        m.compression().ifPresent(c -> n.put("compression", c.name().toLowerCase(Locale.ROOT)));
        if (m.configJson().isPresent()) {
            n.set(
                    "preprocessing",
                    tree(m.configJson().get().getBytes(java.nio.charset.StandardCharsets.UTF_8), "config"));
        } else {
            n.putNull("preprocessing");
        }
        if (m.configHash().isPresent()) {
            n.put("config_hash", m.configHash().get());
        } else {
            n.putNull("config_hash");
        }
        m.bgbVersion().ifPresent(v -> n.put("bgb_version", v));
        m.updated().ifPresent(u -> n.put("updated", u.toString()));
        m.lastOperation().ifPresent(o -> n.put("last_operation", o));
        m.populatedFrom().ifPresent(p -> n.put("populated_from", p));
        if (!m.lastRun().isEmpty()) {
            ObjectNode runs = n.putObject("last_run");
            m.lastRun().forEach((op, when) -> runs.put(op, when.toString()));
        }
        return bytes(n);
    }

    static CacheMetadata readMetadata(byte[] content, String where) throws CacheFormatException {
        JsonNode n = tree(content, where);
        Optional<String> policy = text(n.get("split_policy"));
        if (policy.isEmpty()) {
            throw malformed(where, "no 'split_policy'", null);
        }
        Optional<CacheLayout> layout = Optional.empty();
        Optional<NpzCompression> compression = Optional.empty();
        Optional<Instant> updated = Optional.empty();
        Map<String, Instant> lastRun = new TreeMap<>();
        try {
            if (text(n.get("layout")).isPresent()) {
                layout = Optional.of(CacheLayout.parse(n.get("layout").asText()));
            }
            if (text(n.get("compression")).isPresent()) {
                compression = Optional.of(
                        NpzCompression.valueOf(n.get("compression").asText().toUpperCase(Locale.ROOT)));
            }
            if (text(n.get("updated")).isPresent()) {
                updated = Optional.of(Instant.parse(n.get("updated").asText()));
            }
            JsonNode runs = n.get("last_run");
            if (runs != null && runs.isObject()) {
                for (Map.Entry<String, JsonNode> e : runs.properties()) {
                    lastRun.put(e.getKey(), Instant.parse(e.getValue().asText()));
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw malformed(where, e.getMessage(), e);
        }
        Optional<String> lastOperation = text(n.get("last_operation"));
        if (lastRun.isEmpty() && lastOperation.isPresent() && updated.isPresent()) {
            // written before bgb recorded every operation's time: the last one is all there is
            lastRun.put(lastOperation.get(), updated.get());
        }
        JsonNode config = n.get("preprocessing");
        return new CacheMetadata(
                policy.get(),
                n.path("created").asText(""),
                n.path("timestamp").asText(""),
                text(n.get("schema")),
                layout,
                compression,
                config != null && config.isObject() ? Optional.of(config.toString()) : Optional.empty(),
                text(n.get("config_hash")),
                text(n.get("bgb_version")),
                updated,
                lastOperation,
                text(n.get("populated_from")),
                lastRun);
    }

    // ------------------------------------------------------------------ generic

    static JsonNode tree(byte[] content, String where) throws CacheFormatException {
        try {
            JsonNode n = MAPPER.readTree(content);
            if (n == null || !n.isObject()) {
                throw malformed(where, "not a JSON object", null);
            }
            return n;
        } catch (JsonProcessingException e) {
            throw malformed(where, "not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw malformed(where, "unreadable (" + e + ")", e);
        }
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + n, e);
        }
    }

    /**
     * The first place where two JSON trees differ, as {@code path: a vs b}, or empty when they are equal. Used to
     * name the setting that differs between a cache's configuration and the requested one.
     */
    static Optional<String> firstDifference(String path, JsonNode a, JsonNode b) {
        if (a == null || b == null || a.isNull() || b.isNull()) {
            boolean same = (a == null || a.isNull()) == (b == null || b.isNull());
            return same ? Optional.empty() : Optional.of(path + ": " + a + " vs " + b);
        }
        if (a.isObject() && b.isObject()) {
            TreeMap<String, Boolean> keys = new TreeMap<>();
            a.fieldNames().forEachRemaining(k -> keys.put(k, true));
            b.fieldNames().forEachRemaining(k -> keys.put(k, true));
            for (String k : keys.keySet()) {
                Optional<String> d = firstDifference(path + "." + k, a.get(k), b.get(k));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return Optional.of(path + ": " + a + " vs " + b);
            }
            Iterator<JsonNode> i = a.elements();
            Iterator<JsonNode> j = b.elements();
            int k = 0;
            while (i.hasNext()) {
                Optional<String> d = firstDifference(path + "[" + k++ + "]", i.next(), j.next());
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isNumber() && b.isNumber()) {
            return a.asDouble() == b.asDouble() ? Optional.empty() : Optional.of(path + ": " + a + " vs " + b);
        }
        return a.equals(b) ? Optional.empty() : Optional.of(path + ": " + a + " vs " + b);
    }
}
