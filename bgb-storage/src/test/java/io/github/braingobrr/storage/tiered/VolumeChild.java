package io.github.braingobrr.storage.tiered;

import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.InsufficientSpaceException;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.FailingBlobStore;
import io.github.braingobrr.storage.testing.ForwardingStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A separate JVM that populates one key of an SSD volume, so tests can run two processes at once or kill
 * one in the middle of a fetch. Arguments: source directory, volume directory, key, a file to wait for
 * before starting, a file that gets one line per GET of the source, the delay per 64 KiB chunk in ms, and
 * optionally {@code lying-probe} (pretend the disk has room, to hit a real "no space left" while writing).
 * Prints the outcome on standard output.
 */
public final class VolumeChild {
    private VolumeChild() {}

    public static void main(String[] args) throws Exception {
        Path sourceDir = Path.of(args[0]);
        Path volumeDir = Path.of(args[1]);
        String key = args[2];
        Path go = Path.of(args[3]);
        Path getLog = Path.of(args[4]);
        long delayMs = Long.parseLong(args[5]);
        boolean lyingProbe = args.length > 6 && args[6].equals("lying-probe");
        BlobStore source =
                new ForwardingStore(
                        new FailingBlobStore(LocalBlobStore.open(sourceDir)).slowStreams(Duration.ofMillis(delayMs))) {
                    @Override
                    public InputStream openStream(String k) throws IOException {
                        Files.write(
                                getLog,
                                List.of("GET " + k + " by "
                                        + ProcessHandle.current().pid()),
                                StandardCharsets.UTF_8,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND);
                        return super.openStream(k);
                    }
                };
        while (!Files.exists(go)) {
            Thread.sleep(5);
        }
        SsdVolume.SpaceProbe probe = lyingProbe
                ? dir -> Long.MAX_VALUE / 4
                : dir -> Files.getFileStore(dir).getUsableSpace();
        try (SsdVolume v = SsdVolume.open(volumeDir, 1L << 40, probe)) {
            SsdVolume.PopulateResult r = v.populate(key, source, Optional.empty());
            System.out.println("OUTCOME " + r.outcome());
        } catch (InsufficientSpaceException e) {
            System.out.println(
                    "NOSPACE needed=" + e.needed() + " available=" + e.available() + " message=" + e.getMessage());
        }
    }

    /** Starts a child JVM running this class with {@code args}, optionally under a command prefix. */
    static Process start(List<String> prefix, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(List.of(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                VolumeChild.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }
}
