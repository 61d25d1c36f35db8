package io.github.braingobrr.examples;

import io.github.braingobrr.npy.NpyArrayWriter;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import io.github.braingobrr.preprocess.PreprocessingConfig;
import io.github.braingobrr.preprocess.Preprocessor;
import io.github.braingobrr.preprocess.Recording;
import io.github.braingobrr.preprocess.Window;
import io.github.braingobrr.preprocess.WindowCategory;
import io.github.braingobrr.preprocess.Windower;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Preprocesses one recording with the seed preset and writes its windows as the window cache stores them: a
 * {@code .npz} with {@code windows} float32 {@code (N, 19, 15360)} and {@code labels} float32 {@code (N, 15360)},
 * streamed one window at a time. Prints the windows per category.
 *
 * <pre>
 * ./mvnw -q -pl bgb-examples -am package -DskipTests
 * java -cp bgb-cli/target/bgb.jar:bgb-examples/target/classes io.github.braingobrr.examples.PreprocessExample rec.edf rec_windows.npz
 * </pre>
 */
public final class PreprocessExample {
    private PreprocessExample() {}

    /** {@code args[0]}: the EDF file (its {@code .csv} labels beside it); {@code args[1]}: the archive to write. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: PreprocessExample FILE.edf OUT_windows.npz");
            return;
        }
        PreprocessingConfig config = PreprocessingConfig.seed();
        Recording recording = new Preprocessor(config).process(Path.of(args[0]));
        Windower windower = config.windows();
        List<Window> windows = recording.windows(windower);
        int channels = recording.channelCount();
        int length = windower.windowSamples(recording.samplingRate());

        float[][] samples = new float[channels][length];
        float[] labels = new float[length];
        Map<WindowCategory, Integer> counts = new EnumMap<>(WindowCategory.class);
        try (NpzWriter npz = NpzWriter.create(Path.of(args[1]))) {
            NpyHeader shape = NpyHeader.of(NpyDtype.FLOAT32, windows.size(), channels, length);
            try (NpyArrayWriter w = npz.member("windows", shape, NpzCompression.STORED)) {
                for (Window window : windows) {
                    window.copyTo(samples);
                    for (float[] channel : samples) {
                        w.write(channel);
                    }
                }
            }
            NpyHeader labelShape = NpyHeader.of(NpyDtype.FLOAT32, windows.size(), length);
            try (NpyArrayWriter w = npz.member("labels", labelShape, NpzCompression.STORED)) {
                for (Window window : windows) {
                    window.copyLabelsTo(labels);
                    w.write(labels);
                    counts.merge(window.category(), 1, Integer::sum);
                }
            }
        }
        System.out.printf(
                "%s: %d channels x %d samples at %s Hz -> %d windows of %d samples in %s%n",
                args[0], channels, recording.sampleCount(), recording.samplingRate(), windows.size(), length, args[1]);
        for (WindowCategory c : WindowCategory.values()) {
            System.out.printf("  %s: %d%n", c, counts.getOrDefault(c, 0));
        }
        recording.provenance().warnings().forEach(w -> System.out.println("  note: " + w));
    }
}
