package io.github.braingobrr.examples;

import static io.github.braingobrr.examples.CacheFacts.LENGTH;
import static io.github.braingobrr.examples.CacheFacts.balancedCounts;
import static io.github.braingobrr.examples.CacheFacts.balancedTrainWindows;
import static io.github.braingobrr.examples.CacheFacts.first;
import static io.github.braingobrr.examples.CacheFacts.labels;
import static io.github.braingobrr.examples.CacheFacts.manifest;
import static io.github.braingobrr.examples.CacheFacts.npzFiles;
import static io.github.braingobrr.examples.CacheFacts.seizureSamples;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.braingobrr.cache.WindowRef;
import io.github.braingobrr.synthetic.SyntheticCorpusConfig;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Runs every {@code src/main/jshell/*.jsh} script headless through the {@code jdk.jshell} API, snippet by
 * snippet, with the test class path: each snippet must compile and run without an exception, and what each script
 * prints is checked against facts known independently (the corpus plan, the files it wrote).
 */
class JShellScriptsTest {
    private static final Path SCRIPTS = Path.of("src/main/jshell");

    @Test
    void everyScriptIsCheckedHere() throws IOException {
        try (Stream<Path> s = Files.list(SCRIPTS)) {
            assertEquals(
                    List.of("cache-tour.jsh", "core-tour.jsh"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "a new script needs its checks in this class");
        }
    }

    @Test
    void coreTourRunsAndPrintsWhatItFound() throws IOException {
        String out = run(SCRIPTS.resolve("core-tour.jsh"));
        int planned = SyntheticCorpusConfig.builder()
                .patients(2)
                .minutesPerRecording(1.5)
                .seed(42)
                .plan()
                .size();
        assertTrue(out.contains("recordings: " + planned + "\n"), out);
        var m = Pattern.compile("with seizures: \\w+ at (\\d+) Hz, (\\d+) s\\n").matcher(out);
        assertTrue(m.find(), out);
        int rate = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2)) * 256;
        assertTrue(out.matches("(?s).*signal 'EEG FP1-(REF|LE)': " + 2 * rate + " samples in 2 s, uV\\n.*"), out);
        assertTrue(out.contains("preprocessed: 19 x " + n + " at 256.0 Hz\n"), out);
        assertTrue(out.contains("windows: " + ((n - 15360) / 2560 + 1) + " {"), out); // SEED-PIPELINE.md §2
        assertTrue(out.contains("npz member window <f4 (19, 15360)\n"), out);
        assertTrue(out.contains("npz member channels <U3 (19,)\n"), out);
    }

    @Test
    void cacheTourBuildsACacheAndPrintsWhatItsFilesHold() throws IOException {
        String out = run(SCRIPTS.resolve("cache-tour.jsh"));
        Matcher where = Pattern.compile("writing under (.+)\n").matcher(out);
        assertTrue(where.find(), out);
        Path dir = Path.of(where.group(1));
        try {
            checkCacheTour(out, dir.resolve("cache"));
        } finally {
            deleteTree(dir);
        }
    }

    /** What the cache tour printed, against the files it left under {@code cache}. */
    private static void checkCacheTour(String out, Path cache) throws IOException {
        int planned = SyntheticCorpusConfig.builder()
                .patients(2)
                .minutesPerRecording(4)
                .seizureFraction(1)
                .seed(2026)
                .plan()
                .size();
        assertTrue(out.contains("recordings: " + planned + "\n"), out);
        for (String split : List.of("train", "dev")) {
            JsonNode m = manifest(cache, split);
            String line =
                    "built " + split + ": " + npzFiles(cache.resolve(split)).size() + " cache files, "
                            + m.get("partial_seizure").size() + " partial / "
                            + m.get("full_seizure").size() + " full / "
                            + m.get("no_seizure").size() + " none\n";
            assertTrue(out.contains(line), "expected '" + line + "' in:\n" + out);
        }
        JsonNode train = manifest(cache, "train");
        Map<String, int[]> perFile = new TreeMap<>(); // partial, full, none
        List<String> categories = List.of("partial_seizure", "full_seizure", "no_seizure");
        for (int c = 0; c < 3; c++) {
            for (JsonNode w : train.get(categories.get(c))) {
                perFile.computeIfAbsent(w.get("cache_file").asText(), k -> new int[3])[c]++;
            }
        }
        assertEquals(
                npzFiles(cache.resolve("train")).size(),
                perFile.size(),
                perFile.keySet().toString());
        perFile.forEach((file, n) -> {
            String line = "  " + file + ": " + IntStream.of(n).sum() + " windows, " + n[0] + " partial / " + n[1]
                    + " full / " + n[2] + " none\n";
            assertTrue(out.contains(line), "expected '" + line + "' in:\n" + out);
        });

        WindowRef full = first(train, "full_seizure");
        int seizure = seizureSamples(labels(cache.resolve("train"), full));
        assertTrue(seizure >= 0.99 * LENGTH, full + ": " + seizure);
        assertTrue(
                out.contains("window " + full + ": 19 x 15360, " + seizure + " of 15360 samples in a seizure\n"), out);

        int[] pfb = balancedCounts(train);
        int n = IntStream.of(pfb).sum();
        assertTrue(
                out.contains("BalancedSample[" + n + " windows: " + pfb[0] + " partial, " + pfb[1] + " full, " + pfb[2]
                        + " background; "),
                out);
        List<WindowRef> batch = balancedTrainWindows(cache).subList(0, Math.min(16, n));
        int withSeizure = 0;
        for (WindowRef w : batch) {
            withSeizure += seizureSamples(labels(cache.resolve("train"), w)) > 0 ? 1 : 0;
        }
        assertTrue(
                out.contains(
                        "first batch: " + batch.size() + " x 19 x 15360, " + withSeizure + " windows with a seizure\n"),
                out);
        assertTrue(out.contains("of " + (n + 15) / 16 + " batches; " + batch.size() + " windows in "), out);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Evaluates a script as JShell would, skipping its {@code /commands}; returns what it printed. */
    static String run(Path script) throws IOException {
        String source = Files.readAllLines(script).stream()
                .filter(l -> !l.strip().startsWith("/") || l.strip().startsWith("//"))
                .collect(Collectors.joining("\n"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        PrintStream original = System.out;
        System.setOut(print); // the local execution engine runs snippets in this JVM, printing to System.out
        try (JShell shell =
                JShell.builder().executionEngine("local").out(print).err(print).build()) {
            for (String entry : classPath()) {
                shell.addToClasspath(entry);
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = source;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                String snippet = info.source();
                if (snippet == null || info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
                    problems.add("incomplete snippet at the end: " + remaining.strip());
                    break;
                }
                for (SnippetEvent e : shell.eval(snippet)) {
                    if (e.exception() != null) {
                        problems.add(snippet.strip() + "\n  threw " + e.exception());
                    } else if (e.status() == Snippet.Status.REJECTED) {
                        String why = shell.diagnostics(e.snippet())
                                .map(d -> d.getMessage(null))
                                .collect(Collectors.joining("; "));
                        problems.add(snippet.strip() + "\n  rejected: " + why);
                    }
                }
                remaining = info.remaining();
            }
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(problems.isEmpty(), () -> script + ":\n" + String.join("\n", problems) + "\noutput:\n" + printed);
        assertFalse(printed.isBlank(), script + " printed nothing");
        return printed;
    }

    /** The test class path, with the entries of manifest-only jars (as surefire uses) expanded. */
    private static Set<String> classPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(e);
            if (e.endsWith(".jar") && Files.isRegularFile(Path.of(e))) {
                try (JarFile jar = new JarFile(e)) {
                    var manifest = jar.getManifest();
                    String cp = manifest == null
                            ? null
                            : manifest.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            entries.add(Path.of(new File(e).toURI().resolve(u)).toString());
                        }
                    }
                }
            }
        }
        return entries;
    }
}
