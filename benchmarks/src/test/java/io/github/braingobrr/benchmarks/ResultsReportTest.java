package io.github.braingobrr.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** ResultsReport on hand-made JMH results whose ratios are worked out here, and on a real JMH run. */
class ResultsReportTest {
    private static final String PKG = "io.github.braingobrr.benchmarks.";

    @TempDir
    Path dir;

    /** One JMH JSON result, in the shape JMH 1.37 writes ({@code NaN} as a string). */
    private static String result(
            String benchmark, String mode, String params, double score, String unit, double p50, double p99) {
        return """
                {"jmhVersion":"1.37","benchmark":"%s","mode":"%s","threads":1,"forks":1,
                 "warmupIterations":2,"warmupTime":"2 s","measurementIterations":3,"measurementTime":"2 s",
                 "params":{%s},
                 "primaryMetric":{"score":%s,"scoreError":"NaN","scoreUnit":"%s",
                   "scorePercentiles":{"0.0":%s,"50.0":%s,"99.0":%s,"100.0":%s}},
                 "secondaryMetrics":{"p0.50":{"score":%s,"scoreUnit":"%s"}}}
                """.formatted(PKG + benchmark, mode, params, score, unit, p50, p50, p99, p99, p50, unit);
    }

    private Path jmh(String... results) throws IOException {
        return Files.writeString(dir.resolve("jmh.json"), "[" + String.join(",", results) + "]");
    }

    @Test
    void ssdOverS3RatiosComeFromTheRowsOfTheRun() throws IOException {
        Path json = jmh(
                result("StorageThroughputBenchmark.ssdWindow", "sample", "", 0.5, "ms/op", 0.4, 2),
                // 8 windows per 20 ms = 400 windows/s against the SSD's 2,000: 5x
                result(
                        "StorageThroughputBenchmark.s3Window",
                        "sample",
                        "\"bandwidthMBps\":\"100\",\"latencyMs\":\"20\",\"parallelism\":\"8\"",
                        20,
                        "ms/op",
                        18,
                        40),
                result("StorageThroughputBenchmark.ssdFile", "sample", "", 10, "ms/op", 10, 12),
                // a whole file in 0.5 s against 10 ms: 50x
                result(
                        "StorageThroughputBenchmark.s3File",
                        "sample",
                        "\"bandwidthMBps\":\"unlimited\",\"latencyMs\":\"0\",\"parallelism\":\"1\"",
                        500,
                        "ms/op",
                        500,
                        520),
                result(
                        "StorageThroughputBenchmark.tieredCold",
                        "sample",
                        "\"bandwidthMBps\":\"100\",\"latencyMs\":\"20\"",
                        800,
                        "ms/op",
                        790,
                        850),
                result(
                        "StorageThroughputBenchmark.tieredWarm",
                        "sample",
                        "\"bandwidthMBps\":\"100\",\"latencyMs\":\"20\"",
                        0.4,
                        "ms/op",
                        0.3,
                        1));
        String md = ResultsReport.render(ResultsReport.readJmh(json), List.of(), "CPU: test", "benchmarks/run");
        assertTrue(md.contains("| 20 | 100 | 8 | 400 | 467 | 18.0 ms | 40.0 ms | **5.00×** |"), md);
        assertTrue(md.contains("| 0 | unlimited | 1 | " + ResultsReport.number(135.1) + " | **50.0×** |"), md);
        assertTrue(md.contains("| 20 | 100 | 800 ms/op | 0.400 ms/op | 2,000× |"), md);
        assertTrue(md.contains("SSD tier: 2,000 windows/s, p50 0.400, p99 2.00 ms per window."), md);
        assertTrue(md.contains("8 | 20.0 |  | ms/op | 18.0 | 40.0 | 400 windows/s, 467 MB/s |"), md);
        assertTrue(md.contains(StorageThroughputBenchmark.S3_MODEL), "states the S3 model");
        assertTrue(md.contains("- forks 1, warm-up 2 × 2 s, measurement 3 × 2 s, threads 1"), md);
        assertFalse(md.contains("p0.50"), "sample-mode percentiles are not repeated as counters");
    }

    @Test
    void outsideTimingsSitBesideTheirRowInItsUnit() throws IOException {
        Path json = jmh(
                result("NpzReadBenchmark.readWindow", "avgt", "\"windows\":\"55\"", 68, "us/op", 68, 68),
                result("CacheBenchmark.buildRecordings", "thrpt", "\"recordings\":\"4\"", 2.5, "ops/min", 2.5, 2.5));
        Path outside = Files.writeString(dir.resolve("outside.jsonl"), """
                {"benchmark":"NpzReadBenchmark.readWindow","params":{"windows":"55"},"tool":"NumPy 2","what":"np.load(f)['windows'][i]","seconds":0.0340,"runs":30}
                {"benchmark":"NpzReadBenchmark.readWindow","params":{"windows":"500"},"tool":"NumPy 2","what":"np.load","seconds":0.3,"runs":5}
                """);
        String md = ResultsReport.render(
                ResultsReport.readJmh(json), ResultsReport.readOutside(outside), "CPU: test", "benchmarks/run");
        // 34 ms is 34,000 us: 500 times the 68 us of bgb
        assertTrue(
                md.contains("| ↳ NumPy 2: `np.load(f)['windows'][i]` | 55 | 34,000 | | us/op |"
                        + " mean of 30 runs; takes 500× as long as bgb |"),
                md);
        assertTrue(md.contains("## Outside timings without a JMH row in this run"), md);
        assertTrue(
                md.contains("| NpzReadBenchmark.readWindow | {windows=500} | NumPy 2 | `np.load` | 0.300 | 5 |"), md);
        assertTrue(md.contains("## CacheBenchmark"), "any benchmark class gets a table");
        assertTrue(md.contains("| buildRecordings | 4 | 2.50 |  | ops/min |"), md);
        assertFalse(md.contains("SSD tier versus S3"), "no storage rows, no ratio section");
    }

    @Test
    void populateRatesAndByteCountersAreDataRates() throws IOException {
        String edf = """
                {"benchmark":"%sEdfDecodeBenchmark.fullDecodeFloat32","mode":"thrpt","threads":1,"forks":1,
                 "params":{"channels":"19"},
                 "primaryMetric":{"score":35.0,"scoreError":1.5,"scoreUnit":"ops/s","scorePercentiles":{}},
                 "secondaryMetrics":{"fileBytes":{"score":1.2E9,"scoreUnit":"ops/s"}}}
                """.formatted(PKG);
        Path json = jmh(
                // 200 x 10 MiB in 5 s: 2,097,152,000 B / 5 s = 419 MB/s
                result(
                        "StoragePopulateBenchmark.populate",
                        "ss",
                        "\"objectMegabytes\":\"10\",\"objects\":\"200\",\"parallelism\":\"4\"",
                        5,
                        "s/op",
                        5,
                        5),
                edf);
        String md = ResultsReport.render(ResultsReport.readJmh(json), List.of(), "CPU: test", "benchmarks/run");
        assertTrue(md.contains("| populate | 10 | 200 | 4 | 5.00 |  | s/op | 419 MB/s |"), md);
        assertTrue(md.contains("| fullDecodeFloat32 | 19 | 35.0 | 1.50 | ops/s | fileBytes 1.20 GB/s |"), md);
        assertTrue(md.contains("- forks 1, warm-up 2, measurement 3 single invocations"), md);
    }

    @Test
    void badInputNamesTheFileAndWhatIsWrong() throws IOException {
        Path notArray = Files.writeString(dir.resolve("bad.json"), "{\"benchmark\":\"x\"}");
        IOException e = assertThrows(IOException.class, () -> ResultsReport.readJmh(notArray));
        assertTrue(
                e.getMessage().contains(notArray.toString()) && e.getMessage().contains("-rf json"), e.getMessage());
        Path noSeconds = Files.writeString(dir.resolve("o.jsonl"), "\n{\"benchmark\":\"A.b\",\"seconds\":\"fast\"}\n");
        e = assertThrows(IOException.class, () -> ResultsReport.readOutside(noSeconds));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(ResultsReport.readOutside(dir.resolve("absent.jsonl")).isEmpty());
        IllegalArgumentException usage = assertThrows(
                IllegalArgumentException.class, () -> ResultsReport.main(new String[] {"--jmh", "x.json"}));
        assertTrue(usage.getMessage().contains("--machine"), usage.getMessage());
    }

    @Test
    void rendersWhatARealJmhRunWrote() throws Exception {
        Path json = dir.resolve("real.json");
        new Runner(new OptionsBuilder()
                        .include("^" + PKG.replace(".", "\\.") + "SyntheticBenchmark\\.")
                        .param("rate", "250")
                        .forks(0)
                        .warmupIterations(0)
                        .measurementIterations(1)
                        .measurementTime(TimeValue.milliseconds(100))
                        .verbosity(VerboseMode.SILENT)
                        .resultFormat(ResultFormatType.JSON)
                        .result(json.toString())
                        .shouldFailOnError(true)
                        .build())
                .run();
        Path machine = Files.writeString(dir.resolve("machine.txt"), "CPU: the test's\n");
        Path out = dir.resolve("RESULTS.md");
        ResultsReport.main(new String[] {
            "--jmh",
            json.toString(),
            "--machine",
            machine.toString(),
            "--command",
            "benchmarks/run X",
            "--out",
            out.toString()
        });
        String md = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# Benchmark results\n\nMeasured by `benchmarks/run X`"), md);
        assertTrue(md.contains("```\nCPU: the test's\n```"), md);
        List<ResultsReport.Row> rows = ResultsReport.readJmh(json);
        assertEquals(1, rows.size());
        ResultsReport.Row r = rows.get(0);
        assertEquals("SyntheticBenchmark", r.benchmarkClass());
        assertEquals("ms/op", r.unit());
        assertTrue(r.score() > 0 && Double.isNaN(r.error()), r.toString());
        assertTrue(
                md.contains("| oneMinuteOfAllSignals | 250 | " + ResultsReport.number(r.score()) + " |  | ms/op |"),
                md);
        assertEquals(r.score() / 1000, r.secondsPerOp(), 1e-12);
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("1,234,568", ResultsReport.number(1234567.8));
        assertEquals("123", ResultsReport.number(123.4));
        assertEquals("12.3", ResultsReport.number(12.34));
        assertEquals("1.23", ResultsReport.number(1.234));
        assertEquals("0.0123", ResultsReport.number(0.012345));
        assertEquals("", ResultsReport.number(Double.NaN));
    }
}
