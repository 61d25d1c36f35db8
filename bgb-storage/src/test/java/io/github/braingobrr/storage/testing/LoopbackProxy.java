package io.github.braingobrr.storage.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a test server, to model a slower network and to inject faults,
 * for tests and benchmarks in this and other modules.
 *
 * <p>Network model: every HTTP request (detected as the client speaking again after the server spoke) is
 * held for {@link #latency} before it is forwarded, which adds that much to each request's time to first
 * byte; responses flow at no more than {@link #bandwidth} bytes per second per connection (0: unlimited).
 * Faults: {@link #throttleNext} answers the next requests with {@code 503 SlowDown} without forwarding
 * them; {@link #cutAfterBytes} resets every connection once that many more bytes have passed (in either
 * direction); {@link #refuse} makes new connections fail at once, as if the server were down.
 */
public final class LoopbackProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;
    private static final byte[] SLOW_DOWN_BODY =
            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
                            + "<Message>Please reduce your request rate.</Message><RequestId>bgbtest</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger throttle = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong cutCountdown = new AtomicLong(Long.MAX_VALUE);
    private volatile long latencyNanos;
    private volatile long bytesPerSecond;
    private volatile boolean refusing;
    private volatile boolean closed;

    private LoopbackProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Starts a proxy on a free 127.0.0.1 port that forwards to {@code 127.0.0.1:targetPort}. */
    public static LoopbackProxy start(int targetPort) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        LoopbackProxy p = new LoopbackProxy(ss, targetPort);
        Thread t = new Thread(p::acceptLoop, "loopback-proxy-accept");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** {@code http://127.0.0.1:port} of the proxy. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Adds this delay before each request is forwarded. */
    public LoopbackProxy latency(Duration perRequest) {
        this.latencyNanos = perRequest.toNanos();
        return this;
    }

    /** Limits each connection's responses to this many bytes per second (0: unlimited). */
    public LoopbackProxy bandwidth(long perConnectionBytesPerSecond) {
        this.bytesPerSecond = perConnectionBytesPerSecond;
        return this;
    }

    /** Answers the next {@code n} requests with {@code 503 SlowDown} instead of forwarding them. */
    public LoopbackProxy throttleNext(int n) {
        throttle.set(n);
        return this;
    }

    /** Resets all connections once {@code n} more bytes have passed through (either direction). */
    public LoopbackProxy cutAfterBytes(long n) {
        cutCountdown.set(n);
        return this;
    }

    /** Makes new connections fail at once ({@code true}) or work again ({@code false}). */
    public LoopbackProxy refuse(boolean refuse) {
        this.refusing = refuse;
        if (refuse) {
            dropAll();
        }
        return this;
    }

    /** Requests answered with 503 so far. */
    public int throttledCount() {
        return throttled.get();
    }

    /** Requests seen so far (forwarded or throttled). */
    public int requestCount() {
        return requests.get();
    }

    /** Resets every open connection. */
    public void dropAll() {
        for (Socket s : sockets) {
            reset(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                Connection c = new Connection(client, upstream);
                start("loopback-proxy-up", c::pumpUp);
                start("loopback-proxy-down", c::pumpDown);
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.remove(s);
    }

    private boolean spend(int n) {
        long left = cutCountdown.addAndGet(-n);
        if (left <= 0) {
            cutCountdown.set(Long.MAX_VALUE);
            dropAll();
            return false;
        }
        return true;
    }

    /** One proxied connection: requests go up, responses come down. */
    private final class Connection {
        private final Socket client;
        private final Socket upstream;
        private volatile boolean awaitingRequest = true;
        private volatile long burstStart;
        private volatile long burstBytes;

        Connection(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pumpUp() {
            byte[] buf = new byte[CHUNK];
            try (InputStream in = client.getInputStream();
                    OutputStream out = upstream.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (awaitingRequest) {
                        awaitingRequest = false;
                        requests.incrementAndGet();
                        if (throttle.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
                            answerSlowDown(in, buf, n);
                            return;
                        }
                        sleepNanos(latencyNanos);
                        burstStart = System.nanoTime();
                        burstBytes = 0;
                    }
                    if (!spend(n)) {
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // connection closed or reset
            } finally {
                closeBoth();
            }
        }

        void pumpDown() {
            byte[] buf = new byte[CHUNK];
            try (InputStream in = upstream.getInputStream();
                    OutputStream out = client.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (!spend(n)) {
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    awaitingRequest = true;
                    pace(n);
                }
            } catch (IOException e) {
                // connection closed or reset
            } finally {
                closeBoth();
            }
        }

        private void pace(int n) {
            long bps = bytesPerSecond;
            if (bps <= 0) {
                return;
            }
            burstBytes += n;
            long due = burstStart + burstBytes * 1_000_000_000L / bps;
            sleepNanos(due - System.nanoTime());
        }

        private void answerSlowDown(InputStream in, byte[] first, int n) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(first, 0, n);
            byte[] buf = new byte[1024];
            while (!head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int r = in.read(buf);
                if (r < 0) {
                    break;
                }
                head.write(buf, 0, r);
            }
            boolean isHead = head.toString(StandardCharsets.ISO_8859_1).startsWith("HEAD ");
            String response = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                    + SLOW_DOWN_BODY.length + "\r\nx-amz-request-id: bgbtest\r\nConnection: close\r\n\r\n";
            OutputStream out = client.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            if (!isHead) {
                out.write(SLOW_DOWN_BODY);
            }
            out.flush();
            throttled.incrementAndGet();
            client.shutdownOutput();
        }

        private void closeBoth() {
            close(client);
            close(upstream);
        }

        private void close(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
            sockets.remove(s);
        }
    }

    private static void sleepNanos(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropAll();
    }
}
