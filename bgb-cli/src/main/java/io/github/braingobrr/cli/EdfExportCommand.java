package io.github.braingobrr.cli;

import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfSignal;
import io.github.braingobrr.montage.ChannelNames;
import io.github.braingobrr.npy.NpyArray;
import io.github.braingobrr.npy.NpyArrayWriter;
import io.github.braingobrr.npy.NpyDtype;
import io.github.braingobrr.npy.NpyHeader;
import io.github.braingobrr.npy.NpzCompression;
import io.github.braingobrr.npy.NpzWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bgb edf export}: signals of an EDF file as NumPy arrays. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write signals of an EDF/EDF+/BDF file to a NumPy .npz archive: one array per signal, named sig<index>"
                    + " after the signal's index in the header, holding its physical values as float64 (or its"
                    + " stored values as int32 with --digital), at the signal's own rate; plus labels (strings),"
                    + " units (strings) and rates (float64, Hz), one entry per exported signal in that order."
                    + " With --digital also gains and offsets (physical = digital * gain + offset).",
            "The archive is written atomically: it appears complete or not at all."
        })
final class EdfExportCommand extends CommandBase {
    private static final int CHUNK = 1 << 16;

    @Parameters(paramLabel = "FILE", description = "The EDF, EDF+ or BDF file.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "OUT.npz", description = "The archive to write.")
    Path output;

    @Option(
            names = "--signals",
            split = ",",
            paramLabel = "NAME|INDEX",
            description = "The signals to export, by header index, exact label or 10-20 electrode name"
                    + " (e.g. 0,2 or Fp1,C3 or 'EEG FP1-REF'); default: every signal that is not an annotation signal.")
    List<String> signals;

    @Option(
            names = "--from",
            paramLabel = "S",
            description = "Start at this recorded time, seconds from the first sample (default: 0).")
    double from;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            description = "Export this many seconds (default: to the end). Each signal gets the samples whose time"
                    + " lies in [from, from + seconds).")
    Double seconds;

    @Option(names = "--digital", description = "Export the stored integer values (int32) instead of physical ones.")
    boolean digital;

    @Option(names = "--deflate", description = "Compress the arrays (like numpy.savez_compressed).")
    boolean deflate;

    @Option(names = "--json", description = "Print a summary of what was written as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Duration start = seconds("--from", from);
        Optional<Duration> length = seconds == null ? Optional.empty() : Optional.of(seconds("--seconds", seconds));
        List<Map<String, Object>> written = new ArrayList<>();
        try (EdfFile edf = EdfFile.open(file)) {
            List<EdfSignal> chosen = select(edf);
            long[][] spans = new long[chosen.size()][];
            long total = 0;
            for (int k = 0; k < chosen.size(); k++) {
                spans[k] = span(edf, chosen.get(k), start, length);
                total += spans[k][1] - spans[k][0];
            }
            NpzCompression compression = deflate ? NpzCompression.DEFLATED : NpzCompression.STORED;
            NpzWriter npz = NpzWriter.create(output);
            try (Progress progress = progress("export", total, "samples")) {
                for (int k = 0; k < chosen.size(); k++) {
                    EdfSignal s = chosen.get(k);
                    String name = "sig" + s.index();
                    long first = spans[k][0];
                    long count = spans[k][1] - first;
                    try (NpyArrayWriter w = npz.member(
                            name, NpyHeader.of(digital ? NpyDtype.INT32 : NpyDtype.FLOAT64, count), compression)) {
                        copy(edf, s, first, count, w, progress);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", name);
                    m.put("index", s.index());
                    m.put("label", s.label());
                    m.put("unit", s.unit());
                    m.put("rate", s.samplingRate());
                    m.put("firstSample", first);
                    m.put("samples", count);
                    written.add(m);
                }
                int n = chosen.size();
                npz.write(
                        "labels",
                        NpyArray.ofStrings(chosen.stream().map(EdfSignal::label).toArray(String[]::new), n),
                        compression);
                npz.write(
                        "units",
                        NpyArray.ofStrings(chosen.stream().map(EdfSignal::unit).toArray(String[]::new), n),
                        compression);
                npz.write(
                        "rates",
                        NpyArray.of(chosen.stream()
                                .mapToDouble(EdfSignal::samplingRate)
                                .toArray()),
                        compression);
                if (digital) {
                    npz.write(
                            "gains",
                            NpyArray.of(
                                    chosen.stream().mapToDouble(EdfSignal::gain).toArray()),
                            compression);
                    npz.write(
                            "offsets",
                            NpyArray.of(chosen.stream()
                                    .mapToDouble(EdfSignal::offset)
                                    .toArray()),
                            compression);
                }
                npz.close();
            } catch (IOException | RuntimeException | Error e) {
                npz.abort();
                throw e;
            }
        }
        if (json) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("file", output.toString());
            summary.put("source", file.toString());
            summary.put("values", digital ? "digital" : "physical");
            summary.put("dtype", digital ? "int32" : "float64");
            summary.put("from", from);
            summary.put("seconds", seconds);
            summary.put("signals", written);
            printJson(summary);
        } else {
            out().printf(
                            Locale.ROOT,
                            "wrote %s: %d %s signal(s) (%s)%n",
                            output,
                            written.size(),
                            digital ? "digital int32" : "physical float64",
                            written.stream()
                                    .map(m -> m.get("name") + " '" + m.get("label") + "' " + m.get("samples")
                                            + " samples @ " + Table.number((Double) m.get("rate")) + " Hz")
                                    .collect(Collectors.joining(", ")));
            out().flush();
        }
        return 0;
    }

    private Duration seconds(String option, double value) {
        if (!(value >= 0) || value > 1e9) {
            throw usage(option + " must be a number of seconds from 0 to 1e9, got " + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private List<EdfSignal> select(EdfFile edf) {
        if (signals == null || signals.isEmpty()) {
            List<EdfSignal> data = edf.dataSignals();
            if (data.isEmpty()) {
                throw usage(file + " has no data signals (only annotations); nothing to export");
            }
            return data;
        }
        List<EdfSignal> chosen = new ArrayList<>();
        for (String token : signals) {
            EdfSignal s = find(edf, token.strip());
            if (s.isAnnotation()) {
                throw usage("signal " + s.index() + " '" + s.label() + "' of " + file
                        + " is an annotation signal; see its annotations with 'bgb edf info'");
            }
            if (chosen.contains(s)) {
                throw usage("--signals names signal " + s.index() + " '" + s.label() + "' twice");
            }
            chosen.add(s);
        }
        return chosen;
    }

    private EdfSignal find(EdfFile edf, String token) {
        List<EdfSignal> all = edf.signals();
        if (token.matches("\\d{1,9}")) {
            int index = Integer.parseInt(token);
            if (index >= all.size()) {
                throw usage("--signals: " + file + " has signals 0 to " + (all.size() - 1) + ", not " + index);
            }
            return all.get(index);
        }
        List<EdfSignal> matches =
                all.stream().filter(s -> s.label().equals(token)).toList();
        if (matches.isEmpty()) {
            Optional<String> electrode = ChannelNames.canonical(token);
            matches = electrode.isEmpty()
                    ? List.of()
                    : all.stream()
                            .filter(s -> !s.isAnnotation()
                                    && ChannelNames.canonical(s.label()).equals(electrode))
                            .toList();
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw usage("--signals: no signal of " + file + " is labelled '" + token + "' or is that electrode;"
                    + " labels are "
                    + all.stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(", ")));
        }
        throw usage("--signals: '" + token + "' matches signals "
                + matches.stream().map(s -> s.index() + " '" + s.label() + "'").collect(Collectors.joining(", "))
                + " of " + file + "; pick one by index");
    }

    /** [first, end) stored-sample indexes of the time span. */
    private long[] span(EdfFile edf, EdfSignal s, Duration start, Optional<Duration> length) {
        long n = s.sampleCount();
        long first = edf.sampleIndex(s, start);
        long end = length.isPresent() ? edf.sampleIndex(s, start.plus(length.get())) : n;
        double recorded = n / s.samplingRate();
        if (first > n) {
            throw usage("--from " + Table.number(from) + " s is past the end of signal '" + s.label() + "' of " + file
                    + ", which holds " + Table.number(recorded) + " s");
        }
        if (end > n) {
            throw usage("--from " + Table.number(from) + " --seconds " + Table.number(seconds)
                    + " reaches past the end of signal '" + s.label() + "' of " + file + ", which holds "
                    + Table.number(recorded) + " s; shorten --seconds or leave it out to export to the end");
        }
        return new long[] {first, end};
    }

    /** Streams samples [first, first + count) into the member, a chunk at a time. */
    private void copy(EdfFile edf, EdfSignal s, long first, long count, NpyArrayWriter w, Progress progress)
            throws IOException {
        int[] ints = digital ? new int[(int) Math.min(CHUNK, count)] : null;
        double[] doubles = digital ? null : new double[(int) Math.min(CHUNK, count)];
        for (long done = 0; done < count; ) {
            int k = (int) Math.min(CHUNK, count - done);
            if (digital) {
                int[] buf = k == ints.length ? ints : new int[k];
                edf.readDigital(s, first + done, buf, 0, k);
                w.write(buf);
            } else {
                double[] buf = k == doubles.length ? doubles : new double[k];
                edf.readPhysical(s, first + done, buf, 0, k);
                w.write(buf);
            }
            done += k;
            progress.stepBy(k);
        }
    }
}
