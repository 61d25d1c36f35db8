package io.github.braingobrr.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.braingobrr.npy.NpzEntry;
import io.github.braingobrr.npy.NpzReader;
import io.github.braingobrr.storage.BlobStore;
import io.github.braingobrr.storage.InputFile;
import io.github.braingobrr.storage.Location;
import io.github.braingobrr.storage.local.LocalBlobStore;
import io.github.braingobrr.storage.testing.ForwardingStore;
import io.github.braingobrr.synthetic.CorpusSplit;
import io.github.braingobrr.synthetic.SyntheticCorpus;
import io.github.braingobrr.synthetic.SyntheticRecordingSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scan reads each file's labels and small description, never its windows; a reused entry reads nothing. */
class ScanTest {
    @TempDir
    Path dir;

    /** Records every positional read (position, length) per key, and whole-stream reads. */
    static final class RecordingStore extends ForwardingStore {
        final Map<String, List<long[]>> reads = new ConcurrentHashMap<>();
        final List<String> streams = java.util.Collections.synchronizedList(new ArrayList<>());

        RecordingStore(BlobStore delegate) {
            super(delegate);
        }

        @Override
        public InputFile open(String key) throws IOException {
            InputFile f = delegate.open(key);
            List<long[]> log =
                    reads.computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()));
            return new InputFile() {
                @Override
                public Location location() {
                    return f.location();
                }

                @Override
                public long length() {
                    return f.length();
                }

                @Override
                public void readFully(long position, ByteBuffer destination) throws IOException {
                    log.add(new long[] {position, destination.remaining()});
                    f.readFully(position, destination);
                }

                @Override
                public byte[] readTail(int length) throws IOException {
                    log.add(new long[] {f.length() - Math.min(length, f.length()), Math.min(length, f.length())});
                    return f.readTail(length);
                }

                @Override
                public InputStream newStream() throws IOException {
                    streams.add(key);
                    return f.newStream();
                }

                @Override
                public void close() throws IOException {
                    f.close();
                }
            };
        }

        @Override
        public InputStream openStream(String key) throws IOException {
            if (key.endsWith(".npz")) {
                streams.add(key);
            }
            return delegate.openStream(key);
        }
    }

    @Test
    void aScanReadsTheLabelsOfEachFileButNotItsWindows() throws IOException {
        SyntheticCorpus corpus = TestCorpus.write(dir.resolve("edf"));
        Path cacheDir = dir.resolve("cache");
        CacheBuilder.from(corpus.root())
                .to(cacheDir)
                .split("train")
                .environment(n -> null)
                .build();
        List<SyntheticRecordingSpec> train = corpus.recordings(CorpusSplit.TRAIN);
        Files.delete(cacheDir.resolve("train").resolve("manifest.json"));
        RecordingStore store = new RecordingStore(LocalBlobStore.open(cacheDir));
        Manifest m;
        try (Cache c = new Cache(store, false, new Env(n -> null))) {
            m = c.split("train").scan();
        }
        assertEquals(train.size(), m.files().size());
        assertTrue(store.streams.isEmpty(), "no cache file is read whole: " + store.streams);
        for (SyntheticRecordingSpec s : train) {
            String key = "train/" + s.stem() + "_windows.npz";
            NpzEntry windows;
            NpzEntry labels;
            try (NpzReader npz = NpzReader.open(cacheDir.resolve(key))) {
                windows = npz.entry("windows");
                labels = npz.entry("labels");
            }
            long from = windows.dataOffset();
            long to = windows.offset() + windows.compressedSize();
            long inWindows = 0;
            long inLabels = 0;
            for (long[] r : store.reads.getOrDefault(key, List.of())) {
                inWindows += Math.max(0, Math.min(to, r[0] + r[1]) - Math.max(from, r[0]));
                inLabels += Math.max(
                        0,
                        Math.min(labels.offset() + labels.compressedSize(), r[0] + r[1])
                                - Math.max(labels.dataOffset(), r[0]));
            }
            long windowBytes = to - from;
            assertTrue(inWindows <= 64 * 1024, key + ": " + inWindows + " of " + windowBytes + " window bytes read");
            long labelBytes = labels.offset() + labels.compressedSize() - labels.dataOffset();
            // every label byte is read (some twice: the directory read at the end of the file overlaps them)
            assertTrue(inLabels >= labelBytes, key + ": " + inLabels + " of " + labelBytes + " label bytes read");
        }
        // an automatic rebuild after one file is added reads that file only
        store.reads.clear();
        SyntheticRecordingSpec first = train.get(0);
        Path extra = cacheDir.resolve("train").resolve("zzzzzzzz_s001_t000_windows.npz");
        Files.copy(cacheDir.resolve("train").resolve(first.stem() + "_windows.npz"), extra);
        try (Cache c = new Cache(store, false, new Env(n -> null))) {
            Manifest again = c.split("train").manifest();
            assertEquals(train.size() + 1, again.files().size());
        }
        assertEquals(List.of("train/zzzzzzzz_s001_t000_windows.npz"), new ArrayList<>(store.reads.keySet()));
    }
}
