package io.github.braingobrr.preprocess;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.labels.LabelFile;
import io.github.braingobrr.labels.LabelFormat;
import io.github.braingobrr.labels.LabelMask;
import io.github.braingobrr.labels.LabelReader;
import io.github.braingobrr.labels.MissingLabels;
import io.github.braingobrr.montage.MontagePlan;
import io.github.braingobrr.preprocess.PreprocessingConfig.FilterMode;
import io.github.braingobrr.preprocess.PreprocessingConfig.Resampler;
import io.github.braingobrr.signal.Butterworth;
import io.github.braingobrr.signal.Notch;
import io.github.braingobrr.signal.Resample;
import io.github.braingobrr.signal.Signals;
import io.github.braingobrr.signal.SosFilter;
import io.github.braingobrr.signal.TransferFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one recording into a {@link Recording} as its {@link PreprocessingConfig} says: montage (pick, interpolate
 * or zero-fill, bipolar differences) → unit scaling to microvolts → optional float32 rounding → resampling →
 * band-pass → notch → z-score → clip → NaN/Inf → 0 → float32, all in double precision, one channel at a time;
 * then the seizure mask at the output rate. Stateless apart from its configuration, so one instance may serve
 * many threads. {@link #process(Path)} takes an EDF file and the label file beside it in one call; the other
 * methods take any {@link SignalSource}.
 *
 * <p>Units are scaled explicitly from each signal's physical dimension: {@code uV}/{@code µV} × 1, {@code mV} × 1e3,
 * {@code V} × 1e6, {@code nV} × 1e-3 (the seed's MNE loader returns volts and multiplies by 1e6, which is the
 * same); any other unit on a montage signal is a {@link PreprocessingException}.
 */
public final class Preprocessor {
    private static final Logger LOG = LoggerFactory.getLogger(Preprocessor.class);

    private final PreprocessingConfig config;
    private final TransferFunction bandpassTf;
    private final SosFilter bandpassSos;
    private final TransferFunction notchTf;
    private final SosFilter notchSos;

    /** A preprocessor for this configuration; its filters are designed once, here. */
    public Preprocessor(PreprocessingConfig config) {
        this.config = config;
        double fs = config.targetRate();
        var bp = config.bandpass().orElse(null);
        this.bandpassTf = bp != null && bp.mode() == FilterMode.CAUSAL
                ? Butterworth.bandpass(bp.order(), bp.lowHz(), bp.highHz(), fs)
                : null;
        this.bandpassSos = bp != null && bp.mode() == FilterMode.ZERO_PHASE
                ? Butterworth.bandpassSos(bp.order(), bp.lowHz(), bp.highHz(), fs)
                : null;
        var notch = config.notch().orElse(null);
        TransferFunction n = notch == null ? null : Notch.iirnotch(notch.frequencyHz(), notch.q(), fs);
        this.notchTf = notch != null && notch.mode() == FilterMode.CAUSAL ? n : null;
        this.notchSos = notch != null && notch.mode() == FilterMode.ZERO_PHASE ? SosFilter.of(n) : null;
    }

    /** The configuration. */
    public PreprocessingConfig config() {
        return config;
    }

    /** Preprocesses a recording that has no label file: the configuration's {@link MissingLabels} decides. */
    public Recording process(SignalSource signals) throws IOException {
        return run(signals, null, "");
    }

    /** Preprocesses a recording with its labels. */
    public Recording process(SignalSource signals, LabelFile labels) throws IOException {
        if (labels == null) {
            throw new IllegalArgumentException("labels must not be null; use process(signals) for none");
        }
        return run(signals, labels, labels.source());
    }

    /**
     * Preprocesses a recording with the label file at {@code labelFile}, read with the configured parse mode (its
     * format from its extension, else the configured format); a file that does not exist is handled by the
     * configuration's {@link MissingLabels}.
     */
    public Recording process(SignalSource signals, Path labelFile) throws IOException {
        return run(signals, readLabels(signals.name(), labelFile).orElse(null), labelFile.toString());
    }

    /**
     * Reads the label file of a recording as {@link #process(SignalSource, Path)} does: its format from its extension,
     * else the configured format, with the configured parse mode; empty when the file does not exist and the
     * configuration's {@link MissingLabels} is {@code BACKGROUND}.
     *
     * @param recording the recording's name, for messages
     * @throws PreprocessingException when the file does not exist and {@link MissingLabels#FAIL} is configured
     * @throws io.github.braingobrr.labels.LabelFormatException when the file is malformed (strict parse mode)
     */
    public Optional<LabelFile> readLabels(String recording, Path labelFile) throws IOException {
        if (!Files.exists(labelFile)) {
            if (config.labels().missing() == MissingLabels.FAIL) {
                throw noLabels(recording, labelFile.toString());
            }
            return Optional.empty();
        }
        LabelFormat format = LabelFormat.of(labelFile).orElse(config.labels().format());
        return Optional.of(LabelReader.read(labelFile, format, config.labels().parseMode()));
    }

    /**
     * What {@link #process} checks before it reads a sample, and the sizes it would produce, from the signals' headers
     * alone: the montage resolved against the labels (missing electrodes filled or refused by the policy), the montage
     * signals at one rate and length, their units known, and the output length after resampling.
     *
     * @throws io.github.braingobrr.montage.MissingChannelsException when electrodes are missing that the policy does
     *     not fill
     * @throws PreprocessingException when the montage signals differ in rate or length, or a unit is unknown
     */
    public Plan plan(SignalSource signals) throws IOException {
        String name = signals.name();
        MontagePlan plan = MontagePlan.resolve(config.montage(), signals.labels(), config.missingChannels(), name);
        int[] required = plan.requiredSources();
        if (required.length == 0) {
            throw new PreprocessingException(name + ": none of the montage's electrodes "
                    + config.montage().electrodes() + " is in the file (labels " + signals.labels() + ")");
        }
        double fs = signals.samplingRate(required[0]);
        int n = signals.sampleCount(required[0]);
        for (int src : required) {
            if (signals.samplingRate(src) != fs || signals.sampleCount(src) != n) {
                throw new PreprocessingException(name + ": montage signals differ in rate or length: '"
                        + signals.labels().get(required[0]) + "' has " + n + " samples at " + fs + " Hz, '"
                        + signals.labels().get(src) + "' " + signals.sampleCount(src) + " at "
                        + signals.samplingRate(src)
                        + " Hz; resample them to one rate first");
            }
            microvoltsPer(signals.unit(src), name, signals.labels().get(src));
        }
        return new Plan(plan, fs, n, outputLength(fs, n, polyphaseRatio(fs, n, name)));
    }

    /** The polyphase ratio {@code up/down} when the recording is resampled with the polyphase filter, else null. */
    private int[] polyphaseRatio(double fs, int n, String name) throws PreprocessingException {
        boolean resample = fs != config.targetRate() && n > 0;
        return resample && config.resampler() == Resampler.POLYPHASE
                ? rationalRatio(fs, config.targetRate(), name)
                : null;
    }

    /** Samples after resampling {@code n} samples at {@code fs} to the target rate. */
    private int outputLength(double fs, int n, int[] ratio) {
        if (fs == config.targetRate() || n == 0) {
            return n;
        }
        return ratio != null
                ? Resample.polyLength(n, ratio[0], ratio[1])
                : Resample.fftLength(n, fs, config.targetRate());
    }

    /**
     * How one recording will be preprocessed, as {@link #plan(SignalSource)} found it from the headers.
     *
     * @param montage the montage plan (sources, interpolated and zero-filled electrodes)
     * @param sourceRate the montage signals' sampling rate, hertz
     * @param sourceSamples the montage signals' sample count
     * @param outputSamples the sample count after resampling to the target rate
     */
    public record Plan(MontagePlan montage, double sourceRate, int sourceSamples, int outputSamples) {}

    private static PreprocessingException noLabels(String name, String labelName) {
        return new PreprocessingException(name + ": no label file"
                + (labelName.isEmpty() ? "" : " (" + labelName + " does not exist)")
                + " and MissingLabels.FAIL is configured; add the file, or choose MissingLabels.BACKGROUND");
    }

    /**
     * Preprocesses an EDF/EDF+/BDF file with the label file beside it in the configured format ({@code x.edf} →
     * {@code x.csv} for the seed preset; {@code x.csv_bi} with {@link LabelFormat#CSV_BI}); a label file that does
     * not exist is handled by the configuration's {@link MissingLabels}. The file is opened leniently, read one
     * montage signal at a time, and closed before this returns.
     *
     * @throws io.github.braingobrr.edf.EdfFormatException when the file is not readable EDF (the message names it)
     * @throws io.github.braingobrr.montage.MissingChannelsException when electrodes are missing that the policy does
     *     not fill
     */
    public Recording process(Path edf) throws IOException {
        return process(edf, config.labels().format().siblingOf(edf));
    }

    /**
     * Preprocesses an EDF/EDF+/BDF file with the label file at {@code labelFile} (see {@link #process(SignalSource,
     * Path)} for how it is read and {@link #process(Path)} for the EDF file).
     */
    public Recording process(Path edf, Path labelFile) throws IOException {
        try (EdfFile file = EdfFile.open(edf)) {
            return process(SignalSource.of(file), labelFile);
        }
    }

    private Recording run(SignalSource signals, LabelFile labels, String labelName) throws IOException {
        String name = signals.name();
        Plan checked = plan(signals);
        MontagePlan plan = checked.montage();
        double fs = checked.sourceRate();
        int n = checked.sourceSamples();
        double[] unitScale = new double[signals.labels().size()];
        for (int src : plan.requiredSources()) {
            unitScale[src] =
                    microvoltsPer(signals.unit(src), name, signals.labels().get(src));
        }
        double target = config.targetRate();
        boolean resample = fs != target && n > 0;
        int[] ratio = polyphaseRatio(fs, n, name);
        int nOut = checked.outputSamples();
        Resample.FftResampler fft = resample && ratio == null && nOut > 0 ? new Resample.FftResampler(n, nOut) : null;

        // one output channel at a time, each source signal read when it is needed and dropped after: besides the
        // outputs, at most one source signal and one combination are in memory (sources of several outputs are
        // read again rather than kept)
        int outputs = config.montage().size();
        float[][] data = new float[outputs][];
        for (int k = 0; k < outputs; k++) {
            int[] src = plan.sources(k);
            double[] x;
            if (src.length == 1 && plan.weights(k)[0] == 1.0) {
                x = read(signals, src[0], unitScale, n, config.float32Input());
            } else {
                // combinations (interpolation, bipolar pairs) are formed in double, then rounded, as MNE does
                x = plan.compute(k, n, s -> read(signals, s, unitScale, n, false));
                if (config.float32Input()) {
                    Signals.roundToFloat32InPlace(x);
                }
            }
            data[k] = channel(x, fft, ratio, nOut);
        }

        List<String> warnings = new ArrayList<>(signals.warnings());
        warnings.addAll(plan.warnings());
        float[] mask;
        boolean labelsMissing = labels == null;
        var options = config.labels();
        if (labels == null) {
            if (options.missing() == MissingLabels.FAIL) {
                throw noLabels(name, labelName);
            }
            warnings.add("no label file" + (labelName.isEmpty() ? "" : " (" + labelName + ")")
                    + "; treated as background (MissingLabels.BACKGROUND)");
            mask = new float[nOut];
        } else {
            warnings.addAll(labels.warnings());
            double duration = n / fs;
            if (labels.duration().isPresent() && Math.abs(labels.duration().getAsDouble() - duration) > 1.0) {
                warnings.add(String.format(
                        Locale.ROOT,
                        "label file says %.2f s, the recording has %.2f s; the mask covers the recording",
                        labels.duration().getAsDouble(),
                        duration));
            }
            mask = LabelMask.of(
                    labels.events(),
                    options.seizureTypes(),
                    target,
                    nOut,
                    options.channel().orElse(null));
        }
        Provenance provenance = new Provenance(
                name,
                plan.sourceLabels(),
                fs,
                n,
                plan.interpolated(),
                plan.zeroed(),
                labels == null ? "" : labelName,
                labelsMissing,
                warnings,
                config.hash());
        if (!plan.interpolated().isEmpty() || !plan.zeroed().isEmpty()) {
            LOG.info("{}: interpolated {}, zero-filled {}", name, plan.interpolated(), plan.zeroed());
        }
        LOG.debug(
                "{}: {} channels x {} samples at {} Hz -> {} x {} at {} Hz",
                name,
                outputs,
                n,
                fs,
                outputs,
                nOut,
                target);
        return new Recording(
                target, plan.channelNames(), data, mask, labels == null ? List.of() : labels.events(), provenance);
    }

    private static double[] read(SignalSource signals, int src, double[] unitScale, int n, boolean toFloat32)
            throws IOException {
        double[] x = signals.readPhysical(src);
        if (x.length != n) {
            throw new PreprocessingException(signals.name() + ": signal '"
                    + signals.labels().get(src) + "' returned " + x.length + " samples, its header says " + n);
        }
        double scale = unitScale[src];
        if (toFloat32) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (x[i] * scale);
            }
        } else if (scale != 1.0) {
            for (int i = 0; i < x.length; i++) {
                x[i] *= scale;
            }
        }
        return x;
    }

    private float[] channel(double[] x, Resample.FftResampler fft, int[] ratio, int nOut) {
        if (fft != null) {
            x = fft.applyInPlace(x);
        } else if (ratio != null) {
            x = Resample.poly(x, ratio[0], ratio[1]);
        } else if (nOut == 0) {
            x = new double[0];
        }
        if (bandpassTf != null && notchTf != null) {
            TransferFunction.cascadeInPlace(x, bandpassTf, notchTf);
        } else if (bandpassTf != null) {
            bandpassTf.filterInPlace(x, null);
        } else if (bandpassSos != null && x.length > 0) {
            x = bandpassSos.filtfilt(x, Math.min(bandpassSos.defaultPadlen(), x.length - 1));
        }
        if (notchTf != null && bandpassTf == null) {
            notchTf.filterInPlace(x, null);
        } else if (notchSos != null && x.length > 0) {
            x = notchSos.filtfilt(x, Math.min(notchSos.defaultPadlen(), x.length - 1));
        }
        return Signals.normalizeToFloat32(
                x, config.zScore(), config.zScoreEpsilon(), config.clip(), config.nonFiniteToZero());
    }

    /** Microvolts per unit of an EDF physical-dimension string. */
    static double microvoltsPer(String unit, String source, String label) throws PreprocessingException {
        String u = unit == null ? "" : unit.strip();
        switch (u) {
            case "uV", "µV", "μV", "uv", "UV" -> {
                return 1.0;
            }
            case "mV", "mv" -> {
                return 1e3;
            }
            case "V", "v" -> {
                return 1e6;
            }
            case "nV", "nv" -> {
                return 1e-3;
            }
            default ->
                throw new PreprocessingException(source + ": signal '" + label + "' has physical unit '" + unit
                        + "'; expected uV, mV, V or nV. Fix the header or convert the signal to microvolts first");
        }
    }

    /** {@code up/down} in lowest terms with {@code up/down = target/fs}, for rates with at most 3 decimals. */
    static int[] rationalRatio(double fs, double target, String source) throws PreprocessingException {
        for (long scale = 1; scale <= 1000; scale *= 10) {
            double a = target * scale;
            double b = fs * scale;
            if (Math.abs(a - Math.rint(a)) < 1e-9 * scale && Math.abs(b - Math.rint(b)) < 1e-9 * scale) {
                long up = Math.round(a);
                long down = Math.round(b);
                long g = gcd(up, down);
                up /= g;
                down /= g;
                if (up <= 65536 && down <= 65536) {
                    return new int[] {(int) up, (int) down};
                }
                break;
            }
        }
        throw new PreprocessingException(source + ": cannot resample " + fs + " Hz to " + target
                + " Hz with a polyphase filter (the ratio is not a small fraction); use Resampler.FFT");
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
