package io.github.braingobrr.preprocess;

import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.MissingChannelPolicy;
import io.github.braingobrr.montage.Montage;
import io.github.braingobrr.preprocess.PreprocessingConfig.Bandpass;
import io.github.braingobrr.preprocess.PreprocessingConfig.FilterMode;
import io.github.braingobrr.preprocess.PreprocessingConfig.LabelOptions;
import io.github.braingobrr.preprocess.PreprocessingConfig.NotchFilter;
import io.github.braingobrr.preprocess.PreprocessingConfig.Resampler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON layout of {@link PreprocessingConfig#toCanonicalJson()} back, as settings laid over a base
 * configuration: every key present replaces the base's setting (nested objects key by key), every key left out
 * keeps it. Unknown keys, wrong types and invalid values fail with the key's path in the message.
 */
final class ConfigJson {
    private static final String PREFIX = "preprocessing config: ";
    private final PreprocessingConfig.Builder b;
    private final PreprocessingConfig base;

    private ConfigJson(PreprocessingConfig base) {
        this.base = base;
        this.b = base.toBuilder();
    }

    static PreprocessingConfig overlay(PreprocessingConfig base, String json) {
        try {
            Map<String, Object> root = object("", CanonicalJson.parse(json));
            known(
                    "",
                    root,
                    "schema",
                    "montage",
                    "missing_channels",
                    "float32_input",
                    "resample",
                    "bandpass",
                    "notch",
                    "zscore",
                    "clip",
                    "non_finite_to_zero",
                    "labels",
                    "window");
            ConfigJson c = new ConfigJson(base);
            c.apply(root);
            return c.b.build();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(PREFIX)) {
                throw e;
            }
            throw new IllegalArgumentException(PREFIX + e.getMessage(), e);
        }
    }

    private void apply(Map<String, Object> root) {
        if (root.containsKey("schema")) {
            String schema = string("schema", root.get("schema"));
            if (!schema.equals(PreprocessingConfig.SCHEMA)) {
                throw fail("schema", "is '" + schema + "' but this version reads '" + PreprocessingConfig.SCHEMA + "'");
            }
        }
        if (root.containsKey("montage")) {
            b.montage(enumValue("montage", root.get("montage"), Montage.class));
        }
        if (root.containsKey("missing_channels")) {
            missingChannels(object("missing_channels", root.get("missing_channels")));
        }
        if (root.containsKey("float32_input")) {
            b.float32Input(bool("float32_input", root.get("float32_input")));
        }
        if (root.containsKey("resample")) {
            Map<String, Object> r = object("resample", root.get("resample"));
            known("resample.", r, "method", "target_hz");
            if (r.containsKey("method")) {
                b.resampler(enumValue("resample.method", r.get("method"), Resampler.class));
            }
            if (r.containsKey("target_hz")) {
                b.targetRate(number("resample.target_hz", r.get("target_hz")));
            }
        }
        if (root.containsKey("bandpass")) {
            bandpass(root.get("bandpass"));
        }
        if (root.containsKey("notch")) {
            notch(root.get("notch"));
        }
        if (root.containsKey("zscore")) {
            Object z = root.get("zscore");
            if (z == null) {
                b.zScore(false, base.zScoreEpsilon());
            } else {
                Map<String, Object> m = object("zscore", z);
                known("zscore.", m, "epsilon");
                double eps =
                        m.containsKey("epsilon") ? number("zscore.epsilon", m.get("epsilon")) : base.zScoreEpsilon();
                b.zScore(true, eps);
            }
        }
        if (root.containsKey("clip")) {
            Object c = root.get("clip");
            b.clip(c == null ? Double.POSITIVE_INFINITY : number("clip", c));
        }
        if (root.containsKey("non_finite_to_zero")) {
            b.nonFiniteToZero(bool("non_finite_to_zero", root.get("non_finite_to_zero")));
        }
        if (root.containsKey("labels")) {
            labels(object("labels", root.get("labels")));
        }
        if (root.containsKey("window")) {
            Map<String, Object> w = object("window", root.get("window"));
            known("window.", w, "window_s", "stride_s", "full_threshold");
            Windower old = base.windows();
            b.windows(new Windower(
                    w.containsKey("window_s") ? number("window.window_s", w.get("window_s")) : old.windowSeconds(),
                    w.containsKey("stride_s") ? number("window.stride_s", w.get("stride_s")) : old.strideSeconds(),
                    w.containsKey("full_threshold")
                            ? number("window.full_threshold", w.get("full_threshold"))
                            : old.fullThreshold()));
        }
    }

    private void missingChannels(Map<String, Object> m) {
        known("missing_channels.", m, "action", "only");
        MissingChannelPolicy old = base.missingChannels();
        MissingChannelPolicy.Action action = m.containsKey("action")
                ? enumValue("missing_channels.action", m.get("action"), MissingChannelPolicy.Action.class)
                : old.action();
        Set<String> only = m.containsKey("only")
                ? new LinkedHashSet<>(strings("missing_channels.only", m.get("only")))
                : old.only();
        b.missingChannels(new MissingChannelPolicy(action, only));
    }

    private void bandpass(Object value) {
        if (value == null) {
            b.noBandpass();
            return;
        }
        Map<String, Object> m = object("bandpass", value);
        known("bandpass.", m, "order", "low_hz", "high_hz", "mode");
        Bandpass old = base.bandpass().orElse(null);
        b.bandpass(new Bandpass(
                m.containsKey("order")
                        ? integer("bandpass.order", m.get("order"))
                        : required("bandpass.order", old).order(),
                m.containsKey("low_hz")
                        ? number("bandpass.low_hz", m.get("low_hz"))
                        : required("bandpass.low_hz", old).lowHz(),
                m.containsKey("high_hz")
                        ? number("bandpass.high_hz", m.get("high_hz"))
                        : required("bandpass.high_hz", old).highHz(),
                m.containsKey("mode")
                        ? enumValue("bandpass.mode", m.get("mode"), FilterMode.class)
                        : required("bandpass.mode", old).mode()));
    }

    private void notch(Object value) {
        if (value == null) {
            b.noNotch();
            return;
        }
        Map<String, Object> m = object("notch", value);
        known("notch.", m, "freq_hz", "q", "mode");
        NotchFilter old = base.notch().orElse(null);
        b.notch(new NotchFilter(
                m.containsKey("freq_hz")
                        ? number("notch.freq_hz", m.get("freq_hz"))
                        : required("notch.freq_hz", old).frequencyHz(),
                m.containsKey("q")
                        ? number("notch.q", m.get("q"))
                        : required("notch.q", old).q(),
                m.containsKey("mode")
                        ? enumValue("notch.mode", m.get("mode"), FilterMode.class)
                        : required("notch.mode", old).mode()));
    }

    private void labels(Map<String, Object> m) {
        known("labels.", m, "format", "seizure_types", "missing", "parse", "channel");
        LabelOptions old = base.labels();
        Set<SeizureType> types = old.seizureTypes();
        if (m.containsKey("seizure_types")) {
            Set<SeizureType> parsed = EnumSet.noneOf(SeizureType.class);
            for (String code : strings("labels.seizure_types", m.get("seizure_types"))) {
                parsed.add(SeizureType.fromCode(code)
                        .orElseThrow(() -> fail(
                                "labels.seizure_types",
                                "names '" + code + "', which is not a seizure type; use " + codes())));
            }
            types = parsed;
        }
        Optional<String> channel = old.channel();
        if (m.containsKey("channel")) {
            Object c = m.get("channel");
            channel = c == null ? Optional.empty() : Optional.of(string("labels.channel", c));
        }
        b.labels(new LabelOptions(
                m.containsKey("format") ? enumValue("labels.format", m.get("format"), LabelFormat.class) : old.format(),
                types,
                m.containsKey("missing")
                        ? enumValue("labels.missing", m.get("missing"), MissingLabels.class)
                        : old.missing(),
                m.containsKey("parse") ? enumValue("labels.parse", m.get("parse"), ParseMode.class) : old.parseMode(),
                channel));
    }

    private static String codes() {
        List<String> out = new ArrayList<>();
        for (SeizureType t : SeizureType.values()) {
            out.add(t.code());
        }
        return String.join(", ", out);
    }

    private static <T> T required(String path, T old) {
        if (old == null) {
            throw fail(path, "is missing, and the base configuration has none to keep");
        }
        return old;
    }

    private static void known(String prefix, Map<String, Object> m, String... keys) {
        List<String> allowed = List.of(keys);
        for (String k : m.keySet()) {
            if (!allowed.contains(k)) {
                throw fail(
                        prefix + k,
                        "is not a setting; known keys" + (prefix.isEmpty() ? "" : " in " + prefix) + " are "
                                + String.join(", ", allowed));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String path, Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw fail(path.isEmpty() ? "(top level)" : path, "must be a JSON object, got " + describe(v));
    }

    private static String string(String path, Object v) {
        if (v instanceof String s) {
            return s;
        }
        throw fail(path, "must be a string, got " + describe(v));
    }

    private static List<String> strings(String path, Object v) {
        if (!(v instanceof List<?> list)) {
            throw fail(path, "must be a list of strings, got " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            out.add(string(path, o));
        }
        return out;
    }

    private static boolean bool(String path, Object v) {
        if (v instanceof Boolean x) {
            return x;
        }
        throw fail(path, "must be true or false, got " + describe(v));
    }

    private static double number(String path, Object v) {
        if (v instanceof Double d) {
            return d;
        }
        throw fail(path, "must be a number, got " + describe(v));
    }

    private static int integer(String path, Object v) {
        double d = number(path, v);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw fail(path, "must be a whole number, got " + CanonicalJson.number(d));
        }
        return (int) d;
    }

    private static <E extends Enum<E>> E enumValue(String path, Object v, Class<E> type) {
        String name = string(path, v);
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(name)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw fail(path, "is '" + name + "'; use one of " + String.join(", ", names));
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + s + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        return v instanceof Double d ? CanonicalJson.number(d) : v.toString();
    }

    private static IllegalArgumentException fail(String path, String problem) {
        return new IllegalArgumentException(PREFIX + "'" + path + "' " + problem);
    }
}
