package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code spark-submit} jar, as a cluster runs it: its own JVM, Spark's class path beside it (no bgb
 * classes but the jar's), {@code SparkCacheBuildMain} on {@code local[2]}. The cache it builds equals the
 * single-machine build's.
 */
class SparkSubmitJarIT {
    @TempDir
    Path dir;

    @Test
    void theJarBuildsTheCacheThroughItsMainClass() throws Exception {
        Path jar = Path.of(System.getProperty("bgb.spark.jar"));
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals(
                    SparkCacheBuildMain.class.getName(),
                    j.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(j.getEntry("io/github/braingobrr/spark/shaded/jackson/databind/ObjectMapper.class") != null);
            assertTrue(j.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class") == null, "Jackson relocated");
            assertTrue(j.getEntry("org/apache/spark/SparkContext.class") == null, "Spark is provided");
        }
        SyntheticCorpus corpus = SparkTesting.corpus(dir.resolve("edf"), 3, 1.5);
        Path out = dir.resolve("cache");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("bgb.spark.jvmArgs").trim().split("\\s+")));
        cmd.add("-Dspark.master=local[2]");
        cmd.add("-Dspark.ui.enabled=false");
        cmd.add("-Dspark.driver.host=127.0.0.1");
        cmd.add("-Dspark.driver.bindAddress=127.0.0.1");
        cmd.add("-cp");
        cmd.add(classPath(jar));
        cmd.add(SparkCacheBuildMain.class.getName());
        cmd.addAll(List.of("--data", corpus.root().toString(), "--cache", out.toString(), "--partitions", "2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("SPARK_USER", "bgb-test");
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("log.txt"));
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended, "the job did not end within 2 minutes:\n" + log);
        assertEquals(0, p.exitValue(), log);

        Path want = dir.resolve("reference");
        CacheBuilder.from(corpus.root()).to(want).build();
        try (BlobStore a = LocalBlobStore.open(want);
                BlobStore b = LocalBlobStore.open(out)) {
            SparkTesting.assertSameCache(a, b);
        }
        try (BlobStore b = LocalBlobStore.open(out)) {
            assertFalse(b.list("train/").isEmpty(), "cache files were built");
        }
    }

    @Test
    void aBadArgumentEndsTheJobWithAnError() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("bgb.spark.jar"));
        List<String> cmd = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(jar),
                SparkCacheBuildMain.class.getName(),
                "--data",
                dir.toString());
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("bad.txt").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(p.exitValue() != 0);
        assertTrue(Files.readString(dir.resolve("bad.txt")).contains("--data and --cache are required"));
    }

    /** The jar, then Spark and the libraries of a Spark distribution (no bgb classes but the jar's). */
    private static String classPath(Path jar) throws IOException {
        StringBuilder cp = new StringBuilder(jar.toString());
        try (Stream<Path> extra = Files.list(Path.of(System.getProperty("bgb.spark.distribution")))) {
            extra.sorted().forEach(p -> cp.append(File.pathSeparator).append(p));
        }
        cp.append(File.pathSeparator)
                .append(Files.readString(Path.of(System.getProperty("bgb.spark.classpath")), StandardCharsets.UTF_8)
                        .strip());
        return cp.toString();
    }
}
