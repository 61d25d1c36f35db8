package io.github.braingobrr.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Renders one run of the benchmarks as Markdown ({@code benchmarks/RESULTS.md}): the machine, the JMH settings
 * read back from the results, one table per benchmark class with any outside (NumPy/SciPy) timings of the same
 * run beside the matching rows, and, when {@link StorageThroughputBenchmark} ran, the SSD/S3 ratios computed
 * from its rows. {@code benchmarks/run} calls it; by hand:
 *
 * <pre>
 * java -cp benchmarks.jar io.github.braingobrr.benchmarks.ResultsReport --jmh jmh.json [--outside outside.jsonl]
 *     --machine machine.txt --command "benchmarks/run --quick" --out benchmarks/RESULTS.md
 * </pre>
 *
 * <p>Outside timings are JSON lines written by the scripts in {@code benchmarks/python}: {@code benchmark} (a
 * JMH {@code Class.method}), {@code params} (the JMH parameters the timing corresponds to), {@code tool},
 * {@code what} (the code timed), {@code seconds} (mean per operation) and {@code runs}.
 */
public final class ResultsReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STORAGE = StorageThroughputBenchmark.class.getSimpleName();
    private static final String POPULATE = StoragePopulateBenchmark.class.getSimpleName();
    private static final Pattern PERCENTILE = Pattern.compile("p[01]\\.[0-9]+");

    private ResultsReport() {}

    /** One JMH result. */
    record Row(
            String benchmarkClass,
            String method,
            String mode,
            int threads,
            String settings,
            Map<String, String> params,
            double score,
            double error,
            String unit,
            Map<String, Double> percentiles,
            Map<String, String> secondary) {
        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /** Seconds per operation, from a time-per-operation or an operations-per-time score. */
        double secondsPerOp() {
            return secondsPerOp(score);
        }

        double secondsPerOp(double value) {
            String[] u = unit.split("/");
            if (u.length != 2) {
                return Double.NaN;
            }
            if (u[1].equals("op")) {
                return value * seconds(u[0]);
            }
            return u[0].equals("ops") ? seconds(u[1]) / value : Double.NaN;
        }

        Optional<Double> percentile(String p) {
            return mode.equals("sample") ? Optional.ofNullable(percentiles.get(p)) : Optional.empty();
        }
    }

    /** One outside timing: {@code tool} running {@code what} for {@code benchmark} with {@code params}. */
    record Outside(String benchmark, Map<String, String> params, String tool, String what, double seconds, int runs) {
        boolean matches(Row r) {
            return benchmark.equals(r.benchmarkClass() + "." + r.method()) && params.equals(r.params());
        }
    }

    /**
     * Writes the report (atomically).
     *
     * @param args {@code --jmh FILE [--outside FILE] --machine FILE --command TEXT --out FILE}
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got '" + args[i] + "'");
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("jmh", "machine", "command", "out")) {
            if (!a.containsKey(required) || args.length % 2 != 0) {
                throw new IllegalArgumentException("usage: ResultsReport --jmh FILE [--outside FILE] --machine FILE"
                        + " --command TEXT --out FILE (missing --" + required + ")");
            }
        }
        List<Row> rows = readJmh(Path.of(a.get("jmh")));
        List<Outside> outside = a.containsKey("outside") ? readOutside(Path.of(a.get("outside"))) : List.of();
        String machine = Files.readString(Path.of(a.get("machine")), StandardCharsets.UTF_8);
        Path out = Path.of(a.get("out")).toAbsolutePath();
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, render(rows, outside, machine, a.get("command")), StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a JMH JSON result file ({@code -rf json}). */
    static List<Row> readJmh(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JMH JSON result (an array of results); run JMH with -rf json");
        }
        List<Row> rows = new ArrayList<>();
        for (JsonNode n : root) {
            String full = n.path("benchmark").asText();
            int dot = full.lastIndexOf('.');
            if (dot <= 0) {
                throw new IOException(file + ": a result names no benchmark method: '" + full + "'");
            }
            String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
            JsonNode pm = n.path("primaryMetric");
            Map<String, Double> pct = new LinkedHashMap<>();
            fields(pm.path("scorePercentiles")).forEach((k, v) -> pct.put(k, v.asDouble()));
            Map<String, String> secondary = new LinkedHashMap<>();
            fields(n.path("secondaryMetrics")).forEach((k, v) -> {
                if (!PERCENTILE.matcher(k).matches()) { // sample mode repeats its percentiles here
                    double score = v.path("score").asDouble();
                    String unit = v.path("scoreUnit").asText();
                    // a counter of bytes per operation, such as EdfDecodeBenchmark's fileBytes, is a data rate
                    secondary.put(
                            k,
                            k.endsWith("Bytes") && unit.equals("ops/s")
                                    ? number(score / 1e9) + " GB/s"
                                    : number(score) + " " + unit);
                }
            });
            Map<String, String> params = new TreeMap<>();
            fields(n.path("params")).forEach((k, v) -> params.put(k, v.asText()));
            String settings = String.format(
                    Locale.ROOT,
                    "forks %d, warm-up %d × %s, measurement %d × %s, threads %d",
                    n.path("forks").asInt(),
                    n.path("warmupIterations").asInt(),
                    n.path("warmupTime").asText(),
                    n.path("measurementIterations").asInt(),
                    n.path("measurementTime").asText(),
                    n.path("threads").asInt(1));
            if (n.path("mode").asText().equals("ss")) {
                settings = String.format(
                        Locale.ROOT,
                        "forks %d, warm-up %d, measurement %d single invocations",
                        n.path("forks").asInt(),
                        n.path("warmupIterations").asInt(),
                        n.path("measurementIterations").asInt());
            }
            rows.add(new Row(
                    cls,
                    full.substring(dot + 1),
                    n.path("mode").asText(),
                    n.path("threads").asInt(1),
                    settings,
                    params,
                    pm.path("score").asDouble(),
                    pm.path("scoreError").asDouble(Double.NaN),
                    pm.path("scoreUnit").asText(),
                    pct,
                    secondary));
        }
        return rows;
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    /** Reads outside timings, one JSON object per line; a missing file is no timings. */
    static List<Outside> readOutside(Path file) throws IOException {
        List<Outside> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        int line = 0;
        for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(text);
            if (!n.path("seconds").isNumber() || !n.path("benchmark").isTextual()) {
                throw new IOException(file + " line " + line + ": needs a 'benchmark' name and a numeric 'seconds'");
            }
            Map<String, String> params = new TreeMap<>();
            fields(n.path("params")).forEach((k, v) -> params.put(k, v.asText()));
            out.add(new Outside(
                    n.path("benchmark").asText(),
                    params,
                    n.path("tool").asText(),
                    n.path("what").asText(),
                    n.path("seconds").asDouble(),
                    n.path("runs").asInt()));
        }
        return out;
    }

    /** The whole report. */
    static String render(List<Row> rows, List<Outside> outside, String machine, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Measured by `")
                .append(command)
                .append("` (run it again to regenerate this file). Figures are from one run on the machine below;")
                .append(" treat them as indicative.\n\n");
        md.append("## Machine\n\n```\n").append(machine.strip()).append("\n```\n\n");
        Set<String> settings = new LinkedHashSet<>();
        rows.forEach(r -> settings.add(r.settings()));
        md.append("## JMH settings\n\n");
        settings.forEach(s -> md.append("- ").append(s).append('\n'));
        md.append('\n');
        storageRatios(md, rows);
        Map<String, List<Row>> byClass = new LinkedHashMap<>();
        rows.forEach(r -> byClass.computeIfAbsent(r.benchmarkClass(), k -> new ArrayList<>())
                .add(r));
        List<Outside> unmatched = new ArrayList<>(outside);
        for (Map.Entry<String, List<Row>> e : byClass.entrySet()) {
            md.append("## ").append(e.getKey()).append("\n\n");
            table(md, e.getValue(), outside, unmatched);
            md.append('\n');
        }
        if (!unmatched.isEmpty()) {
            md.append("## Outside timings without a JMH row in this run\n\n");
            md.append("| benchmark | params | tool | code timed | mean s/op | runs |\n|---|---|---|---|---:|---:|\n");
            for (Outside o : unmatched) {
                md.append("| ")
                        .append(o.benchmark())
                        .append(" | ")
                        .append(o.params())
                        .append(" | ")
                        .append(o.tool())
                        .append(" | `")
                        .append(o.what())
                        .append("` | ")
                        .append(number(o.seconds()))
                        .append(" | ")
                        .append(o.runs())
                        .append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<Row> rows, List<Outside> outside, List<Outside> unmatched) {
        TreeSet<String> names = new TreeSet<>();
        rows.forEach(r -> names.addAll(r.params().keySet()));
        boolean sampled = rows.stream().anyMatch(r -> r.percentile("50.0").isPresent());
        boolean extra = rows.stream()
                        .anyMatch(r -> rate(r).isPresent() || !r.secondary().isEmpty())
                || !outside.isEmpty();
        md.append("| method |");
        names.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" score | ± 99.9% | unit |");
        md.append(sampled ? " p50 | p99 |" : "");
        md.append(extra ? " rate, counters, comparison |" : "").append('\n');
        md.append("|---|");
        names.forEach(p -> md.append("---|"));
        md.append("---:|---:|---|");
        md.append(sampled ? "---:|---:|" : "");
        md.append(extra ? "---|" : "").append('\n');
        for (Row r : rows) {
            md.append("| ").append(r.method()).append(" |");
            names.forEach(p -> md.append(' ').append(r.param(p)).append(" |"));
            md.append(' ')
                    .append(number(r.score()))
                    .append(" | ")
                    .append(number(r.error()))
                    .append(" | ")
                    .append(r.unit())
                    .append(" |");
            if (sampled) {
                md.append(' ')
                        .append(r.percentile("50.0").map(ResultsReport::number).orElse(""))
                        .append(" | ")
                        .append(r.percentile("99.0").map(ResultsReport::number).orElse(""))
                        .append(" |");
            }
            if (extra) {
                List<String> notes = new ArrayList<>();
                rate(r).ifPresent(notes::add);
                r.secondary().forEach((k, v) -> notes.add(k + " " + v));
                md.append(' ').append(String.join("; ", notes)).append(" |");
            }
            md.append('\n');
            for (Outside o : outside) {
                if (!o.matches(r)) {
                    continue;
                }
                unmatched.remove(o);
                md.append("| ↳ ")
                        .append(o.tool())
                        .append(": `")
                        .append(o.what())
                        .append("` |");
                names.forEach(p -> md.append(' ').append(r.param(p)).append(" |"));
                double inUnit = r.score() * o.seconds() / r.secondsPerOp();
                md.append(' ')
                        .append(number(inUnit))
                        .append(" | | ")
                        .append(r.unit())
                        .append(" |");
                md.append(sampled ? " | |" : "");
                md.append(String.format(
                        Locale.ROOT,
                        " mean of %d runs; takes %s× as long as bgb |%n",
                        o.runs(),
                        number(o.seconds() / r.secondsPerOp())));
            }
        }
    }

    /** The data rate of a storage benchmark's row, from the bytes one operation moves. */
    private static Optional<String> rate(Row r) {
        if (r.benchmarkClass().equals(STORAGE)) {
            return Optional.of(storageRate(r));
        }
        if (r.benchmarkClass().equals(POPULATE)
                && r.params().containsKey("objects")
                && r.params().containsKey("objectMegabytes")) {
            double bytes =
                    Double.parseDouble(r.param("objects")) * Double.parseDouble(r.param("objectMegabytes")) * (1 << 20);
            return Optional.of(number(bytes / r.secondsPerOp() / 1e6) + " MB/s");
        }
        return Optional.empty();
    }

    /** Windows/s and MB/s of a StorageThroughputBenchmark row, from its bytes per operation. */
    private static String storageRate(Row r) {
        int parallelism = r.params().containsKey("parallelism") ? Integer.parseInt(r.param("parallelism")) : 1;
        double s = r.secondsPerOp();
        int windows = StorageThroughputBenchmark.windowsPerOperation(r.method(), parallelism);
        String mbps = number(StorageThroughputBenchmark.bytesPerOperation(r.method(), parallelism) / s / 1e6) + " MB/s";
        if (r.method().equals("tieredCold")) {
            mbps += " fetched from S3";
        }
        return windows == 0 ? mbps : number(windows / s) + " windows/s, " + mbps;
    }

    /** The SSD/S3 tables, computed from StorageThroughputBenchmark rows of this run. */
    private static void storageRatios(StringBuilder md, List<Row> rows) {
        List<Row> storage =
                rows.stream().filter(r -> r.benchmarkClass().equals(STORAGE)).toList();
        Optional<Row> ssdWindow = find(storage, r -> r.method().equals("ssdWindow"));
        Optional<Row> ssdFile = find(storage, r -> r.method().equals("ssdFile"));
        List<Row> s3Window =
                storage.stream().filter(r -> r.method().equals("s3Window")).toList();
        List<Row> s3File =
                storage.stream().filter(r -> r.method().equals("s3File")).toList();
        List<Row> cold =
                storage.stream().filter(r -> r.method().equals("tieredCold")).toList();
        if (storage.isEmpty()) {
            return;
        }
        md.append("## SSD tier versus S3 (ratios from this run)\n\n");
        md.append("S3 model: ").append(StorageThroughputBenchmark.S3_MODEL).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "Data set: %d STORED cache files of %d windows (a 10-minute recording each, %s MB of arrays)."
                        + " SSD figures are one reader thread on this machine's disk with the files in the page cache"
                        + " (as after the first epoch of a data set that fits in RAM; a larger one reads at the"
                        + " device's speed). S3 figures include the CPU cost of the server, the proxy and the SDK,"
                        + " which share this machine's cores with the reader: where many GETs are in flight on a"
                        + " small machine, that CPU, not the modelled network, can be the limit.%n%n",
                StorageThroughputBenchmark.FILES,
                StorageThroughputBenchmark.WINDOWS_PER_FILE,
                number(StorageThroughputBenchmark.FILE_ARRAY_BYTES / 1e6)));
        if (ssdWindow.isPresent() && !s3Window.isEmpty()) {
            double ssd = 1 / ssdWindow.get().secondsPerOp();
            md.append(String.format(
                    Locale.ROOT,
                    "Random 60 s windows (1.17 MB). SSD tier: %s windows/s, p50 %s, p99 %s %s per window.%n%n",
                    number(ssd),
                    ssdWindow
                            .get()
                            .percentile("50.0")
                            .map(ResultsReport::number)
                            .orElse("-"),
                    ssdWindow
                            .get()
                            .percentile("99.0")
                            .map(ResultsReport::number)
                            .orElse("-"),
                    ssdWindow.get().unit().replace("/op", "")));
            md.append(
                    "| latencyMs | bandwidthMBps | GETs in flight | S3 windows/s | S3 MB/s | S3 p50 per batch"
                            + " | S3 p99 per batch | SSD windows/s ÷ S3 windows/s |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : s3Window) {
                int p = Integer.parseInt(r.param("parallelism"));
                double s3 = p / r.secondsPerOp();
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %s | %s | %s %s | %s %s | **%s×** |%n",
                        r.param("latencyMs"),
                        r.param("bandwidthMBps"),
                        p,
                        number(s3),
                        number(s3 * StorageThroughputBenchmark.WINDOW_BYTES / 1e6),
                        r.percentile("50.0").map(ResultsReport::number).orElse("-"),
                        r.unit().replace("/op", ""),
                        r.percentile("99.0").map(ResultsReport::number).orElse("-"),
                        r.unit().replace("/op", ""),
                        number(ssd / s3)));
            }
            md.append('\n');
        }
        if (ssdFile.isPresent() && !s3File.isEmpty()) {
            double ssd =
                    StorageThroughputBenchmark.FILE_ARRAY_BYTES / ssdFile.get().secondsPerOp() / 1e6;
            md.append(
                    String.format(Locale.ROOT, "Whole files, read sequentially. SSD tier: %s MB/s.%n%n", number(ssd)));
            md.append("| latencyMs | bandwidthMBps | ranged GETs in flight | S3 MB/s | SSD MB/s ÷ S3 MB/s |\n"
                    + "|---:|---:|---:|---:|---:|\n");
            for (Row r : s3File) {
                double s3 = StorageThroughputBenchmark.FILE_ARRAY_BYTES / r.secondsPerOp() / 1e6;
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s | %s | **%s×** |%n",
                        r.param("latencyMs"),
                        r.param("bandwidthMBps"),
                        r.param("parallelism"),
                        number(s3),
                        number(ssd / s3)));
            }
            md.append('\n');
        }
        if (!cold.isEmpty()) {
            md.append("Tiered store: open a file through the tier and read one window; cold fetches the whole file"
                    + " from S3 first.\n\n| latencyMs | bandwidthMBps | cold | warm | cold ÷ warm |\n"
                    + "|---:|---:|---:|---:|---:|\n");
            for (Row c : cold) {
                Optional<Row> warm = find(
                        storage,
                        r -> r.method().equals("tieredWarm") && r.params().equals(c.params()));
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %s %s | %s | %s |%n",
                        c.param("latencyMs"),
                        c.param("bandwidthMBps"),
                        number(c.score()),
                        c.unit(),
                        warm.map(w -> number(w.score()) + " " + w.unit()).orElse("-"),
                        warm.map(w -> number(c.secondsPerOp() / w.secondsPerOp()) + "×")
                                .orElse("-")));
            }
            md.append('\n');
        }
    }

    private static Optional<Row> find(List<Row> rows, Predicate<Row> which) {
        return rows.stream().filter(which).findFirst();
    }

    private static double seconds(String unit) {
        switch (unit) {
            case "ns":
                return 1e-9;
            case "us":
                return 1e-6;
            case "ms":
                return 1e-3;
            case "s":
                return 1;
            case "min":
                return 60;
            default:
                return Double.NaN;
        }
    }

    /** Three significant digits (at least the integer part); empty for NaN. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
