package io.github.braingobrr.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.braingobrr.BgbVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The description bgb stores inside every cache file (member {@code bgb_meta}, a one-element {@code <U} array holding
 * JSON): where the file came from and how it was made. It lets a build resume after a crash, and a scan restore
 * sources and fingerprints, without trusting file names.
 */
record FileMeta(
        CacheLayout layout,
        String source,
        SourceFingerprint fingerprint,
        String configHash,
        int windows,
        List<String> channels,
        double samplingRate,
        int windowSamples,
        int strideSamples) {
    static final String SCHEMA = "bgb.cache-file/1";

    FileMeta {
        channels = List.copyOf(channels);
    }

    String toJson() {
        ObjectNode n = CacheJson.MAPPER.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("layout", layout.id());
        n.put("source", source);
        n.set("fingerprint", CacheJson.fingerprintNode(fingerprint));
        n.put("config_hash", configHash);
        n.put("windows", windows);
        ArrayNode c = n.putArray("channels");
        channels.forEach(c::add);
        n.put("sampling_rate", samplingRate);
        n.put("window_samples", windowSamples);
        n.put("stride_samples", strideSamples);
        n.put("bgb_version", BgbVersion.get());
        return new String(CacheJson.bytes(n), StandardCharsets.UTF_8);
    }

    static FileMeta parse(String json, String where) throws CacheFormatException {
        JsonNode n = CacheJson.tree(json.getBytes(StandardCharsets.UTF_8), where + " member " + CacheKeys.META_MEMBER);
        if (!SCHEMA.equals(n.path("schema").asText())) {
            throw new CacheFormatException(where + ": member " + CacheKeys.META_MEMBER + " has schema '"
                    + n.path("schema").asText() + "', expected " + SCHEMA + "; rebuild the file with this bgb");
        }
        List<String> channels = new ArrayList<>();
        n.path("channels").forEach(x -> channels.add(x.asText()));
        CacheLayout layout;
        try {
            layout = CacheLayout.parse(n.path("layout").asText());
        } catch (IllegalArgumentException e) {
            throw new CacheFormatException(where + ": " + e.getMessage(), e);
        }
        return new FileMeta(
                layout,
                n.path("source").asText(),
                CacheJson.fingerprint(n.path("fingerprint"), where),
                n.path("config_hash").asText(),
                n.path("windows").asInt(),
                channels,
                n.path("sampling_rate").asDouble(),
                n.path("window_samples").asInt(),
                n.path("stride_samples").asInt());
    }
}
