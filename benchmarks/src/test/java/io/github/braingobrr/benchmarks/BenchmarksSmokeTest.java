package io.github.braingobrr.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps every benchmark class compiling and running: one method per class, first value of every
 * parameter, one short iteration in this JVM. Nothing is timed here; the benchmark must produce a score.
 */
class BenchmarksSmokeTest {
    @TestFactory
    Stream<DynamicTest> oneMethodPerBenchmarkClassRuns() throws IOException {
        Map<String, BenchmarkListEntry> firstPerClass = new LinkedHashMap<>();
        for (BenchmarkListEntry e : benchmarkList()) {
            firstPerClass.putIfAbsent(e.getUserClassQName(), e);
        }
        assertFalse(firstPerClass.isEmpty(), "no JMH benchmarks were generated (annotation processor missing?)");
        return firstPerClass.values().stream().map(e -> DynamicTest.dynamicTest(e.getUsername(), () -> runOnce(e)));
    }

    private static List<BenchmarkListEntry> benchmarkList() throws IOException {
        try (InputStream in = BenchmarksSmokeTest.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertNotNull(in, "META-INF/BenchmarkList is missing: the JMH annotation processor did not run");
            return BenchmarkList.readBenchmarkList(in);
        }
    }

    private static void runOnce(BenchmarkListEntry entry) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(entry.getUsername()) + "$")
                .forks(0)
                .threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        if (entry.getParams().hasValue()) {
            for (Map.Entry<String, String[]> p : entry.getParams().get().entrySet()) {
                options.param(p.getKey(), p.getValue()[0]);
            }
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        assertFalse(results.isEmpty(), "no result for " + entry.getUsername());
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            assertTrue(score > 0 && Double.isFinite(score), entry.getUsername() + " scored " + score);
        }
    }
}
