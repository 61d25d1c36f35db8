package io.github.braingobrr.preprocess;

import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.labels.ParseMode;
import io.github.braingobrr.labels.SeizureType;
import io.github.braingobrr.montage.MissingChannelPolicy;
import io.github.braingobrr.montage.Montage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything that determines a preprocessed recording, immutable: montage and missing-channel policy, input
 * rounding, resampling, band-pass and notch filtering, z-scoring, clipping, label handling and windows. Its
 * {@link #toCanonicalJson() canonical JSON} is stable across runs and JDKs and its {@link #hash()} identifies the
 * preprocessing a cache was built with.
 *
 * <p>Presets: {@link #seed()} reproduces the original Python recipe; {@link #zeroPhase()} is the same chain with
 * zero-phase filters, polyphase resampling and every epileptic seizure type. Change anything with
 * {@link #toBuilder()}.
 *
 * @param montage the output channels
 * @param missingChannels what to do with missing electrodes
 * @param float32Input round the microvolt input to float32 before filtering, as the seed's loader does
 * @param targetRate output sampling rate, hertz (no resampling when the recording already has it)
 * @param resampler how to change the rate
 * @param bandpass the Butterworth band-pass, if any
 * @param notch the IIR notch, if any
 * @param zScore z-score each channel over the whole recording
 * @param zScoreEpsilon added to the population standard deviation
 * @param clip limit of {@code |x|} after z-scoring; infinity for none
 * @param nonFiniteToZero replace NaN and ±infinity by 0 at the end
 * @param labels how labels are read and turned into the mask
 * @param windows window and stride
 */
public record PreprocessingConfig(
        Montage montage,
        MissingChannelPolicy missingChannels,
        boolean float32Input,
        double targetRate,
        Resampler resampler,
        Optional<Bandpass> bandpass,
        Optional<NotchFilter> notch,
        boolean zScore,
        double zScoreEpsilon,
        double clip,
        boolean nonFiniteToZero,
        LabelOptions labels,
        Windower windows) {
    /** Identifies the JSON layout; part of the hash. */
    public static final String SCHEMA = "bgb.preprocessing/1";

    /** How the sampling rate is changed. */
    public enum Resampler {
        /** {@code scipy.signal.resample}: FFT, periodic (the ends wrap into each other). */
        FFT,
        /** {@code scipy.signal.resample_poly}: polyphase FIR, Kaiser β = 5, zero padding; needs a rational ratio. */
        POLYPHASE
    }

    /** How a filter is applied. */
    public enum FilterMode {
        /** One causal pass, zero initial state ({@code lfilter}); delays and distorts phase, as in the seed. */
        CAUSAL,
        /** Forward-backward with odd padding ({@code sosfiltfilt}); no phase shift, squared magnitude response. */
        ZERO_PHASE
    }

    /**
     * A Butterworth band-pass.
     *
     * @param order the prototype order (the band-pass has twice the degree)
     * @param lowHz lower cut-off
     * @param highHz upper cut-off
     * @param mode causal via the transfer function, or zero-phase via second-order sections
     */
    public record Bandpass(int order, double lowHz, double highHz, FilterMode mode) {
        public Bandpass {
            if (order < 1 || order > 32 || !(lowHz > 0) || !(highHz > lowHz) || mode == null) {
                throw new IllegalArgumentException(
                        "band-pass needs order 1..32 and 0 < low < high, got " + order + ", " + lowHz + ", " + highHz);
            }
        }
    }

    /**
     * An IIR notch ({@code iirnotch}).
     *
     * @param frequencyHz the notch frequency
     * @param q quality factor
     * @param mode causal or zero-phase
     */
    public record NotchFilter(double frequencyHz, double q, FilterMode mode) {
        public NotchFilter {
            if (!(frequencyHz > 0) || !(q > 0) || mode == null) {
                throw new IllegalArgumentException(
                        "notch needs frequency > 0 and Q > 0, got " + frequencyHz + ", " + q);
            }
        }
    }

    /**
     * Label handling.
     *
     * @param format which label file beside the recording is read
     * @param seizureTypes the labels that count as seizure in the mask
     * @param missing what a missing label file means
     * @param parseMode strict or lenient about malformed rows
     * @param channel only this channel's events count (for example {@code "FP1-F7"}), or empty for the union
     */
    public record LabelOptions(
            LabelFormat format,
            Set<SeizureType> seizureTypes,
            MissingLabels missing,
            ParseMode parseMode,
            Optional<String> channel) {
        public LabelOptions {
            if (format == null || seizureTypes == null || missing == null || parseMode == null || channel == null) {
                throw new IllegalArgumentException("label options must all be given");
            }
            seizureTypes = seizureTypes.isEmpty()
                    ? Collections.emptySet()
                    : Collections.unmodifiableSet(EnumSet.copyOf(seizureTypes));
        }
    }

    public PreprocessingConfig {
        if (montage == null
                || missingChannels == null
                || resampler == null
                || bandpass == null
                || notch == null
                || labels == null
                || windows == null) {
            throw new IllegalArgumentException("every setting must be given (use Optional.empty() for no filter)");
        }
        if (!(targetRate > 0) || !Double.isFinite(targetRate)) {
            throw new IllegalArgumentException("target rate must be positive, got " + targetRate);
        }
        if (bandpass.isPresent() && !(bandpass.get().highHz() < targetRate / 2)) {
            throw new IllegalArgumentException("band-pass upper edge "
                    + bandpass.get().highHz() + " Hz must be below the Nyquist frequency " + targetRate / 2 + " Hz");
        }
        if (notch.isPresent() && !(notch.get().frequencyHz() < targetRate / 2)) {
            throw new IllegalArgumentException("notch frequency " + notch.get().frequencyHz()
                    + " Hz must be below the Nyquist frequency " + targetRate / 2 + " Hz");
        }
        if (!(zScoreEpsilon >= 0) || !Double.isFinite(zScoreEpsilon)) {
            throw new IllegalArgumentException("z-score epsilon must be finite and >= 0, got " + zScoreEpsilon);
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip limit must be > 0 (infinity for none), got " + clip);
        }
    }

    /**
     * The original Python recipe (SEED-PIPELINE.md §1–3): 19 referential channels, Fz/Pz interpolated and any other
     * missing channel rejected, float32 microvolt input, FFT resampling to 256 Hz, Butterworth order 3 0.5–120 Hz
     * and a 60 Hz Q 30 notch, both causal ({@code lfilter}), z-score with ε = 1e-8, clip ±10, NaN/Inf → 0; labels from
     * the per-channel {@code .csv}, the seed's seizure set (without {@code cnsz}/{@code atsz}), malformed rows
     * skipped, a missing file meaning background; 60 s windows every 10 s.
     */
    public static PreprocessingConfig seed() {
        return new PreprocessingConfig(
                Montage.REFERENTIAL_19,
                MissingChannelPolicy.seed(),
                true,
                256,
                Resampler.FFT,
                Optional.of(new Bandpass(3, 0.5, 120, FilterMode.CAUSAL)),
                Optional.of(new NotchFilter(60, 30, FilterMode.CAUSAL)),
                true,
                1e-8,
                10,
                true,
                new LabelOptions(
                        LabelFormat.CSV,
                        SeizureType.seed(),
                        MissingLabels.BACKGROUND,
                        ParseMode.LENIENT,
                        Optional.empty()),
                Windower.seed());
    }

    /**
     * The seed's chain without its phase distortion and edge wrap-around: polyphase resampling, zero-phase
     * ({@code sosfiltfilt}) band-pass and notch, and every epileptic seizure type in the mask; everything else as in
     * {@link #seed()}.
     */
    public static PreprocessingConfig zeroPhase() {
        PreprocessingConfig s = seed();
        return s.toBuilder()
                .resampler(Resampler.POLYPHASE)
                .bandpass(new Bandpass(3, 0.5, 120, FilterMode.ZERO_PHASE))
                .notch(new NotchFilter(60, 30, FilterMode.ZERO_PHASE))
                .labels(new LabelOptions(
                        LabelFormat.CSV,
                        SeizureType.epileptic(),
                        MissingLabels.BACKGROUND,
                        ParseMode.LENIENT,
                        Optional.empty()))
                .build();
    }

    /** A builder starting from {@link #zeroPhase()}. */
    public static Builder builder() {
        return zeroPhase().toBuilder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The configuration as canonical JSON: sorted keys, no whitespace, shortest round-trip numbers. */
    public String toCanonicalJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("montage", lower(montage.name()));
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("action", lower(missingChannels.action().name()));
        missing.put("only", new ArrayList<Object>(missingChannels.only()));
        m.put("missing_channels", missing);
        m.put("float32_input", float32Input);
        Map<String, Object> resample = new LinkedHashMap<>();
        resample.put("method", lower(resampler.name()));
        resample.put("target_hz", targetRate);
        m.put("resample", resample);
        m.put(
                "bandpass",
                bandpass.<Object>map(b -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("order", b.order());
                            o.put("low_hz", b.lowHz());
                            o.put("high_hz", b.highHz());
                            o.put("mode", lower(b.mode().name()));
                            return o;
                        })
                        .orElse(null));
        m.put(
                "notch",
                notch.<Object>map(n -> {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("freq_hz", n.frequencyHz());
                            o.put("q", n.q());
                            o.put("mode", lower(n.mode().name()));
                            return o;
                        })
                        .orElse(null));
        m.put("zscore", zScore ? Map.of("epsilon", zScoreEpsilon) : null);
        m.put("clip", Double.isInfinite(clip) ? null : clip);
        m.put("non_finite_to_zero", nonFiniteToZero);
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("format", lower(labels.format().name()));
        List<Object> types = new ArrayList<>();
        labels.seizureTypes().stream().map(SeizureType::code).sorted().forEach(types::add);
        l.put("seizure_types", types);
        l.put("missing", lower(labels.missing().name()));
        l.put("parse", lower(labels.parseMode().name()));
        l.put("channel", labels.channel().orElse(null));
        m.put("labels", l);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("window_s", windows.windowSeconds());
        w.put("stride_s", windows.strideSeconds());
        w.put("full_threshold", windows.fullThreshold());
        m.put("window", w);
        return CanonicalJson.write(m);
    }

    /**
     * This configuration with the settings a JSON object gives laid over it, in the layout of
     * {@link #toCanonicalJson()}: each key present replaces a setting (nested objects key by key, so
     * {@code {"resample":{"target_hz":200}}} keeps the resampling method), each key left out keeps this
     * configuration's; {@code null} turns off {@code bandpass}, {@code notch}, {@code zscore} and {@code clip}.
     * The canonical JSON of any configuration, laid over any other, gives back a configuration with the same
     * JSON and hash. Whitespace and key order do not matter.
     *
     * @throws IllegalArgumentException for malformed JSON, an unknown key, a wrong type or an invalid value; the
     *     message names the key (for example {@code 'bandpass.order'}) and what is allowed
     */
    public PreprocessingConfig withJson(String json) {
        return ConfigJson.overlay(this, json);
    }

    /** SHA-256 of the canonical JSON (UTF-8), as 64 lower-case hex digits. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toCanonicalJson().getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte b : digest) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Changes settings of a configuration; {@link #build()} validates them. */
    public static final class Builder {
        private Montage montage;
        private MissingChannelPolicy missingChannels;
        private boolean float32Input;
        private double targetRate;
        private Resampler resampler;
        private Optional<Bandpass> bandpass;
        private Optional<NotchFilter> notch;
        private boolean zScore;
        private double zScoreEpsilon;
        private double clip;
        private boolean nonFiniteToZero;
        private LabelOptions labels;
        private Windower windows;

        private Builder(PreprocessingConfig c) {
            montage = c.montage;
            missingChannels = c.missingChannels;
            float32Input = c.float32Input;
            targetRate = c.targetRate;
            resampler = c.resampler;
            bandpass = c.bandpass;
            notch = c.notch;
            zScore = c.zScore;
            zScoreEpsilon = c.zScoreEpsilon;
            clip = c.clip;
            nonFiniteToZero = c.nonFiniteToZero;
            labels = c.labels;
            windows = c.windows;
        }

        /** The output channels. */
        public Builder montage(Montage value) {
            montage = value;
            return this;
        }

        /** What to do with missing electrodes. */
        public Builder missingChannels(MissingChannelPolicy value) {
            missingChannels = value;
            return this;
        }

        /** Round the microvolt input to float32 first. */
        public Builder float32Input(boolean value) {
            float32Input = value;
            return this;
        }

        /** Output sampling rate, hertz. */
        public Builder targetRate(double value) {
            targetRate = value;
            return this;
        }

        /** Resampling method. */
        public Builder resampler(Resampler value) {
            resampler = value;
            return this;
        }

        /** The band-pass. */
        public Builder bandpass(Bandpass value) {
            bandpass = Optional.of(value);
            return this;
        }

        /** No band-pass. */
        public Builder noBandpass() {
            bandpass = Optional.empty();
            return this;
        }

        /** The notch. */
        public Builder notch(NotchFilter value) {
            notch = Optional.of(value);
            return this;
        }

        /** No notch. */
        public Builder noNotch() {
            notch = Optional.empty();
            return this;
        }

        /** Z-score with this epsilon, or not at all. */
        public Builder zScore(boolean enabled, double epsilon) {
            zScore = enabled;
            zScoreEpsilon = epsilon;
            return this;
        }

        /** Clip to ±limit ({@code Double.POSITIVE_INFINITY} for no clipping). */
        public Builder clip(double limit) {
            clip = limit;
            return this;
        }

        /** Replace NaN/±infinity by 0 at the end. */
        public Builder nonFiniteToZero(boolean value) {
            nonFiniteToZero = value;
            return this;
        }

        /** Label handling. */
        public Builder labels(LabelOptions value) {
            labels = value;
            return this;
        }

        /** Windows. */
        public Builder windows(Windower value) {
            windows = value;
            return this;
        }

        /** The configuration. */
        public PreprocessingConfig build() {
            return new PreprocessingConfig(
                    montage,
                    missingChannels,
                    float32Input,
                    targetRate,
                    resampler,
                    bandpass,
                    notch,
                    zScore,
                    zScoreEpsilon,
                    clip,
                    nonFiniteToZero,
                    labels,
                    windows);
        }
    }
}
