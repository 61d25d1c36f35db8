package io.github.braingobrr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.cache.CacheBuilder;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.BlobStores;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code spark-submit} jar, as a cluster runs it: its own JVM, Spark's class path beside it (no bgb
 * classes but the jar's), {@code SparkCacheBuildMain} on {@code local[2]}, into a local folder and into S3 with
 * credentials from the AWS environment. The caches it builds equal the single-machine build's.
 */
class SparkSubmitJarIT {
    @TempDir
    static Path dir;

    private static final Path JAR = Path.of(System.getProperty("bgb.spark.jar"));
    private static SyntheticCorpus corpus;
    private static Path reference;

    @BeforeAll
    static void corpus() throws IOException {
        corpus = SparkTesting.corpus(dir.resolve("edf"), 3, 1.5);
        reference = dir.resolve("reference");
        CacheBuilder.from(corpus.root()).to(reference).build();
    }

    @Test
    void theJarHoldsBgbWithItsLibrariesRelocatedAndNotSpark() throws IOException {
        try (JarFile j = new JarFile(JAR.toFile())) {
            assertEquals(
                    SparkCacheBuildMain.class.getName(),
                    j.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(j.getEntry("io/github/braingobrr/cache/CacheBuilder.class"));
            assertNotNull(j.getEntry("io/github/braingobrr/spark/shaded/jackson/databind/ObjectMapper.class"));
            assertNull(j.getEntry("com/fasterxml/jackson/databind/ObjectMapper.class"), "Jackson relocated");
            assertNull(j.getEntry("io/netty/channel/Channel.class"), "Netty relocated");
            assertNull(j.getEntry("org/apache/spark/SparkContext.class"), "Spark is provided");
        }
    }

    @Test
    void buildsIntoALocalFolder() throws Exception {
        Path out = dir.resolve("local");
        String log =
                submit(Map.of(), "--data", corpus.root().toString(), "--cache", out.toString(), "--partitions", "2");
        try (BlobStore a = LocalBlobStore.open(reference);
                BlobStore b = LocalBlobStore.open(out)) {
            assertFalse(b.list("train/").isEmpty(), "cache files were built:\n" + log);
            SparkTesting.assertSameCache(a, b);
        }
    }

    @Test
    void buildsIntoS3WithCredentialsFromTheAwsEnvironment() throws Exception {
        try (S3ProxyServer server = S3ProxyServer.startTransient()) {
            server.createBucket("bgb");
            Location cache = server.location("bgb", "cache/tusz");
            submit(
                    Map.of(
                            "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                            "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                            "AWS_REGION", "us-east-1"),
                    "--data",
                    corpus.root().toString(),
                    "--cache",
                    cache.toString(),
                    "--endpoint",
                    server.endpoint().toString(),
                    "--path-style");
            try (BlobStore a = LocalBlobStore.open(reference);
                    BlobStore b = BlobStores.open(cache, server.options())) {
                SparkTesting.assertSameCache(a, b);
            }
        }
    }

    @Test
    void aBadArgumentEndsTheJobWithAnError() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(java(), "-cp", classPath(), SparkCacheBuildMain.class.getName(), "--data", "/x")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("bad.txt").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        assertTrue(Files.readString(dir.resolve("bad.txt")).contains("--data and --cache are required"));
    }

    /** Runs the main class on local[2] Spark; returns its log, having checked that it ended with status 0. */
    private static String submit(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(Arrays.asList(System.getProperty("bgb.spark.jvmArgs").trim().split("\\s+")));
        cmd.addAll(List.of(
                "-Dspark.master=local[2]",
                "-Dspark.ui.enabled=false",
                "-Dspark.driver.host=127.0.0.1",
                "-Dspark.driver.bindAddress=127.0.0.1",
                "-cp",
                classPath(),
                SparkCacheBuildMain.class.getName()));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "submit", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_USER", "bgb-test");
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String text = Files.readString(log);
        assertTrue(ended, "the job did not end within 2 minutes:\n" + text);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar, then Spark and the libraries of a Spark distribution (no bgb classes but the jar's). */
    private static String classPath() throws IOException {
        StringBuilder cp = new StringBuilder(JAR.toString());
        try (Stream<Path> extra = Files.list(Path.of(System.getProperty("bgb.spark.distribution")))) {
            extra.sorted().forEach(p -> cp.append(File.pathSeparator).append(p));
        }
        cp.append(File.pathSeparator)
                .append(Files.readString(Path.of(System.getProperty("bgb.spark.classpath")), StandardCharsets.UTF_8)
                        .strip());
        return cp.toString();
    }
}
