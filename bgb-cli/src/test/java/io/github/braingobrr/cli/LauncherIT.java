package io.github.braingobrr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.braingobrr.BgbVersion;
import io.github.braingobrr.edf.EdfFile;
import io.github.braingobrr.edf.EdfOptions;
import io.github.braingobrr.synthetic.SyntheticCorpusConfig;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import io.github.braingobrr.testdata.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./bgb} launcher script at the repository root, run as a user runs it. This runs in the
 * integration-test phase, after the package phase has shaded {@code bgb-cli/target/bgb.jar}: the launcher
 * sees a jar newer than every source and runs it without building again.
 */
class LauncherIT {
    private static Path root;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheLauncher() {
        root = Path.of(System.getProperty("bgb.rootdir", ".")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(root.resolve("bgb")), "no launcher at " + root);
        assertTrue(Files.isRegularFile(root.resolve("bgb-cli/target/bgb.jar")), "the package phase makes bgb.jar");
    }

    record Run(int code, String out, String err) {}

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("bgb").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("BGB_JAVA_OPTS");
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    private Run finish(Process p, long seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./bgb did not finish within " + seconds + " s");
        }
        Run r = new Run(
                p.exitValue(),
                Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
        assertFalse(r.err().contains("building the command line"), "the launcher reused the jar: " + r.err());
        return r;
    }

    private Run run(String... args) throws Exception {
        return finish(start(args), 120);
    }

    @Test
    void runsTheJarWithItsExitCodes() throws Exception {
        Run version = run("--version");
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("bgb " + BgbVersion.get() + "\n"), version.out());

        Run info = run(
                "edf",
                "info",
                "--json",
                TestData.file("edf/pyedflib/test_subsecond.edf").toString());
        assertEquals(0, info.code(), info.err());
        JsonNode j = new ObjectMapper().readTree(info.out());
        assertEquals("EDF_PLUS_C", j.get("format").asText());
        assertEquals(4, j.get("annotations").size());

        Run missing = run("npz", "info", "nothing-here.npz");
        assertEquals(1, missing.code());
        assertEquals("bgb: nothing-here.npz: no such file or folder; check the path\n", missing.err());

        Run usage = run("edf", "export");
        assertEquals(2, usage.code());
        assertTrue(usage.err().contains("Usage: bgb edf export"), usage.err());
    }

    @Test
    void aSignalInTheMiddleOfAWriteLeavesOnlyCompleteFiles() throws Exception {
        Path out = dir.resolve("corpus");
        String[] args = {"synth", "--out", out.toString(), "--patients", "1", "--recordings", "4", "--minutes", "12"};
        Process p = start(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && edfs(out).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "synth finished before it could be interrupted; make the corpus larger");
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor(); // Ctrl-C
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroy(); // SIGTERM, the same shutdown path, where SIGINT is ignored (a background job)
        }
        Run r = finish(p, 60);
        assertNotEquals(0, r.code(), "interrupted, not finished");
        List<Path> written = Cli.files(out);
        assertTrue(
                written.stream().noneMatch(f -> f.getFileName().toString().endsWith(".tmp")),
                "no temporary file is left: " + written);
        List<SyntheticRecordingSpec> plan = SyntheticCorpusConfig.builder()
                .patients(1)
                .recordingsPerPatient(4)
                .minutesPerRecording(12)
                .plan();
        List<Path> edfs = edfs(out);
        assertTrue(edfs.size() < plan.size(), "the signal stopped it early: " + edfs);
        for (SyntheticRecordingSpec s : plan) {
            Path edf = out.resolve(s.relativeEdfPath());
            if (Files.exists(edf)) {
                try (EdfFile f = EdfFile.open(edf, EdfOptions.STRICT)) {
                    assertEquals(s.numberOfRecords(), f.header().recordCount(), "complete: " + edf);
                }
            }
        }
    }

    @Test
    void jshellStartsWithEveryModuleOnTheClassPath() throws Exception {
        Path script = dir.resolve("check.jsh");
        Files.writeString(
                script,
                "import io.github.braingobrr.edf.EdfFile;\n"
                        + "try (var edf = EdfFile.open(java.nio.file.Path.of(\""
                        + TestData.file("edf/pyedflib/test_subsecond.edf") + "\"))) {\n"
                        + "    System.out.println(\"signals=\" + edf.signals().size() + \" records=\""
                        + " + edf.header().recordCount());\n"
                        + "}\n"
                        + "System.out.println(\"mamba=\" + io.github.braingobrr.mamba.Mamba2Config.nodeStream().dModel());\n"
                        + "/exit\n");
        Run r = finish(start("jshell", script.toString()), 180);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("signals=2 records=698"), r.out() + r.err());
        assertTrue(r.out().contains("mamba=64"), r.out() + r.err());
    }

    private static List<Path> edfs(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        return Cli.files(root).stream()
                .filter(f -> f.getFileName().toString().endsWith(".edf"))
                .toList();
    }
}
