package io.github.braingobrr.cli;

import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyArrayWriter;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.Provenance;
import io.github.braingobrr.preprocess.Recording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bgb preprocess}: one recording through the preprocessing pipeline. */
@Command(
        name = "preprocess",
        mixinStandardHelpOptions = true,
        description = {
            "Preprocess one EDF recording as the window cache does (montage, resampling, band-pass, notch, z-score,"
                    + " clip) and write a NumPy .npz archive with signals float32 (channels, n), labels float32 (n,)"
                    + " (the per-sample seizure mask), channels (strings), sfreq (float64) and config (the"
                    + " configuration as canonical JSON).",
            "The label file is the one beside FILE in the preset's format (x.edf -> x.csv) unless --labels names"
                    + " one; a missing label file means background under both presets."
        })
final class PreprocessCommand extends CommandBase {
    /** The presets, by their command-line names. */
    enum Preset {
        SEED("seed"),
        ZERO_PHASE("zero-phase");

        private final String option;

        Preset(String option) {
            this.option = option;
        }

        PreprocessingConfig config() {
            return this == SEED ? PreprocessingConfig.seed() : PreprocessingConfig.zeroPhase();
        }

        @Override
        public String toString() {
            return option;
        }
    }

    @Parameters(paramLabel = "FILE", description = "The EDF recording.")
    Path file;

    @Option(
            names = "--labels",
            paramLabel = "LABELFILE",
            description = "The label file (.csv, .csv_bi, .tse, .tse_bi).")
    Path labels;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "The archive to write.")
    Path output;

    @Option(
            names = "--preset",
            paramLabel = "PRESET",
            converter = PresetConverter.class,
            description = "seed (the original recipe) or zero-phase (default: ${DEFAULT-VALUE}).")
    Preset preset = Preset.SEED;

    @Option(
            names = "--config",
            paramLabel = "JSON",
            description = "Settings laid over the preset, as a JSON object in the layout 'config' is written in, or"
                    + " the path of a file holding one; e.g. '{\"resample\":{\"target_hz\":200},"
                    + "\"bandpass\":{\"high_hz\":90}}'.")
    String config;

    @Option(names = "--deflate", description = "Compress the arrays (like numpy.savez_compressed).")
    boolean deflate;

    @Option(names = "--json", description = "Print a summary (channels, samples, provenance, warnings) as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PreprocessingConfig cfg = configuration();
        Preprocessor preprocessor = new Preprocessor(cfg);
        Recording r = labels == null ? preprocessor.process(file) : preprocessor.process(file, requireFile(labels));
        NpzCompression compression = deflate ? NpzCompression.DEFLATED : NpzCompression.STORED;
        NpzWriter npz = NpzWriter.create(output);
        try {
            int channels = r.channelCount();
            int n = r.sampleCount();
            try (NpyArrayWriter w = npz.member("signals", NpyHeader.of(NpyDtype.FLOAT32, channels, n), compression)) {
                for (int c = 0; c < channels; c++) {
                    w.write(r.copyChannel(c));
                }
            }
            float[] mask = new float[n];
            r.mask().get(mask);
            npz.write("labels", NpyArray.of(mask), compression);
            npz.write("channels", NpyArray.ofStrings(r.channelNames().toArray(String[]::new), channels), compression);
            npz.write("sfreq", NpyArray.scalar(r.samplingRate()), compression);
            NpyArray json1 = NpyArray.ofStrings(new String[] {cfg.toCanonicalJson()});
            npz.write("config", NpyArray.wrap(NpyHeader.of(json1.dtype()), json1.buffer()), compression); // 0-d
            npz.close();
        } catch (IOException | RuntimeException | Error e) {
            npz.abort();
            throw e;
        }
        Provenance p = r.provenance();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", output.toString());
            m.put("source", p.source());
            m.put("labelFile", p.labelSource().isEmpty() ? null : p.labelSource());
            m.put("labelsMissing", p.labelsMissing());
            m.put("channels", r.channelNames());
            m.put("samples", r.sampleCount());
            m.put("sfreq", r.samplingRate());
            m.put("seizureSamples", seizureSamples(r));
            m.put("sourceRate", p.sourceRate());
            m.put("sourceSamples", p.sourceSamples());
            m.put("sourceLabels", p.sourceLabels());
            m.put("interpolated", p.interpolated());
            m.put("zeroed", p.zeroed());
            m.put("warnings", p.warnings());
            m.put("configHash", p.configHash());
            m.put("config", cfg.toCanonicalJson());
            printJson(m);
        } else {
            var out = out();
            out.printf(
                    Locale.ROOT,
                    "wrote %s: %d channels x %d samples at %s Hz (%s s), %d seizure samples; labels from %s%n",
                    output,
                    r.channelCount(),
                    r.sampleCount(),
                    Table.number(r.samplingRate()),
                    Table.number(r.durationSeconds()),
                    seizureSamples(r),
                    p.labelsMissing() ? "nowhere (background)" : p.labelSource());
            if (!p.interpolated().isEmpty() || !p.zeroed().isEmpty()) {
                out.println("  interpolated " + p.interpolated() + ", zero-filled " + p.zeroed());
            }
            for (String w : p.warnings()) {
                out.println("  warning: " + w);
            }
            out.println("  config hash " + p.configHash());
            out.flush();
        }
        return 0;
    }

    private PreprocessingConfig configuration() throws IOException {
        PreprocessingConfig base = preset.config();
        if (config == null) {
            return base;
        }
        String text = config.strip();
        if (!text.startsWith("{")) {
            Path path = Path.of(text);
            if (!Files.isRegularFile(path)) {
                throw usage("--config must be a JSON object or the path of a file holding one; '" + config
                        + "' is neither");
            }
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        try {
            return base.withJson(text);
        } catch (IllegalArgumentException e) {
            throw usage("--config: " + e.getMessage());
        }
    }

    private static Path requireFile(Path labelFile) throws NoSuchFileException {
        if (!Files.exists(labelFile)) {
            // the library treats a missing label file as "no labels"; a file named on the command line must exist
            throw new NoSuchFileException(labelFile.toString(), null, "the --labels file does not exist");
        }
        return labelFile;
    }

    private static long seizureSamples(Recording r) {
        var mask = r.mask();
        long n = 0;
        while (mask.hasRemaining()) {
            if (mask.get() != 0) {
                n++;
            }
        }
        return n;
    }

    /** Reads {@code seed} and {@code zero-phase} (or {@code zero_phase}), in any case. */
    static final class PresetConverter implements picocli.CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            for (Preset p : Preset.values()) {
                if (p.option.equalsIgnoreCase(value) || p.name().equalsIgnoreCase(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a preset; use seed or zero-phase");
        }
    }
}
