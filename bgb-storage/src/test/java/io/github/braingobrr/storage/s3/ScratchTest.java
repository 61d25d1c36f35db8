package io.github.braingobrr.storage.s3;

import io.github.braingobrr.storage.*;
import io.github.braingobrr.storage.testing.S3ProxyServer;
import java.nio.file.*;
import java.util.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
    @TempDir
    Path tmp;

    @Test
    void explore() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.startTransient()) {
            s3.createBucket("bkt");
            try (BlobStore st =
                    BlobStores.open(s3.location("bkt", "pre"), s3.options().withMultipart(5 << 20, 5 << 20))) {
                tryIt(
                        "small put",
                        () -> st.write(
                                "a/x.bin",
                                "hello".getBytes(),
                                WriteOptions.defaults().withStorageClass(StorageClass.STANDARD_IA)));
                tryIt("find", () -> st.find("a/x.bin"));
                tryIt("find missing", () -> st.find("a/none"));
                byte[] big = new byte[12 << 20];
                new Random(1).nextBytes(big);
                Path f = tmp.resolve("big");
                Files.write(f, big);
                tryIt("big put", () -> st.write("a/big.bin", f, WriteOptions.defaults()));
                System.out.println("parts=" + s3.partUploads() + " puts=" + s3.puts());
                tryIt("find big", () -> st.find("a/big.bin"));
                tryIt("list", () -> st.list(""));
                tryIt("range", () -> {
                    try (var in = st.open("a/big.bin")) {
                        byte[] b = new byte[100];
                        in.readFully(1000, b);
                        return Arrays.equals(b, Arrays.copyOfRange(big, 1000, 1100));
                    }
                });
                tryIt("tail", () -> {
                    try (var in = st.open("a/big.bin")) {
                        return Arrays.equals(in.readTail(10), Arrays.copyOfRange(big, big.length - 10, big.length));
                    }
                });
                tryIt("stream", () -> {
                    try (var in = st.openStream("a/big.bin")) {
                        return Arrays.equals(in.readAllBytes(), big);
                    }
                });
                tryIt("stream small", () -> {
                    try (var in = st.openStream("a/x.bin")) {
                        return new String(in.readAllBytes());
                    }
                });
                tryIt("open missing", () -> st.open("nope"));
                tryIt("stream missing", () -> st.openStream("nope"));
                tryIt("delete by prefix", () -> st.deleteByPrefix("a/"));
                tryIt("list after", () -> st.list(""));
            }
            try (var proxy = io.github.braingobrr.storage.testing.LoopbackProxy.start(s3.port());
                    BlobStore st = BlobStores.open(s3.location("bkt", "t"), S3ProxyServer.options(proxy.endpoint()))) {
                tryIt("put", () -> st.write("k", "v".getBytes(), WriteOptions.defaults()));
                proxy.throttleNext(1);
                tryIt("throttled once get", () -> {
                    try (var in = st.openStream("k")) {
                        return new String(in.readAllBytes());
                    }
                });
                System.out.println("throttled=" + proxy.throttledCount());
                proxy.throttleNext(100);
                tryIt("throttled always get", () -> {
                    try (var in = st.openStream("k")) {
                        return new String(in.readAllBytes());
                    }
                });
                tryIt("throttled always head", () -> st.find("k"));
                tryIt("throttled always list", () -> st.list(""));
                proxy.throttleNext(0);
                Path g = tmp.resolve("g");
                Files.write(g, "abc".getBytes());
                tryIt(
                        "bad expected crc path",
                        () -> st.write("bad", g, WriteOptions.defaults().withExpectedCrc32c(new Crc32c(42))));
                tryIt("find bad", () -> st.find("bad"));
                tryIt("ifmatch", () -> {
                    try (var in = st.open("k")) {
                        st.write("k", "w".getBytes(), WriteOptions.defaults());
                        byte[] b = new byte[1];
                        in.readFully(0, b);
                        return new String(b);
                    }
                });
                proxy.latency(java.time.Duration.ofMillis(20));
                tryIt("latency get", () -> {
                    try (var in = st.open("k")) {
                        byte[] b = new byte[1];
                        in.readFully(0, b);
                        return new String(b);
                    }
                });
                tryIt("latency get2", () -> {
                    try (var in = st.open("k")) {
                        byte[] b = new byte[1];
                        in.readFully(0, b);
                        return new String(b);
                    }
                });
            }
            try (BlobStore st = BlobStores.open(s3.location("nobucket", "pre"), s3.options())) {
                tryIt("find nobucket", () -> st.find("x"));
                tryIt("list nobucket", () -> st.list(""));
                tryIt("stream nobucket", () -> st.openStream("x"));
                tryIt("put nobucket", () -> st.write("x", new byte[3], WriteOptions.defaults()));
            }
            try (BlobStore st =
                    BlobStores.open(s3.location("bkt", "pre"), s3.options().withCredentials("wrong", "bad"))) {
                tryIt("find wrong key", () -> st.find("x"));
                tryIt("list wrong key", () -> st.list(""));
            }
            try (BlobStore st = BlobStores.open(
                    s3.location("bkt", "pre"), s3.options().withCredentials(S3ProxyServer.ACCESS_KEY, "bad"))) {
                tryIt("list wrong secret", () -> st.list(""));
            }
        }
    }

    interface Op {
        Object run() throws Exception;
    }

    static void tryIt(String name, Op op) {
        long t = System.nanoTime();
        try {
            System.out.println("OK " + name + " -> " + op.run() + " " + (System.nanoTime() - t) / 1000000 + "ms");
        } catch (Exception e) {
            System.out.println("FAIL " + name + " -> " + e + " " + (System.nanoTime() - t) / 1000000 + "ms");
            Throwable c = e.getCause();
            while (c != null) {
                System.out.println("   cause " + c);
                c = c.getCause();
            }
        }
    }
}
