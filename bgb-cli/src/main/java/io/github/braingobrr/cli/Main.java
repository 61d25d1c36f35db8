package io.github.braingobrr.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the {@code bgb} command: runs {@link BgbCommand} and exits with its code.
 *
 * <p>Ctrl-C (SIGINT) or SIGTERM cancels the running command: a shutdown hook interrupts it and waits up to
 * {@value #CANCEL_WAIT_SECONDS} s for it to end. An interrupted command fails at its next file operation
 * ({@link java.nio.channels.ClosedByInterruptException}); the library's writers then discard their temporary
 * files, so no half-written file is left behind and files already completed stay complete.
 */
public final class Main {
    static final int CANCEL_WAIT_SECONDS = 20;

    private Main() {}

    /** Runs the command line and exits the JVM with the command's exit code. */
    public static void main(String[] args) {
        Thread command = Thread.currentThread();
        CountDownLatch finished = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (finished.getCount() > 0) {
                                command.interrupt();
                                try {
                                    finished.await(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                        },
                        "bgb-cancel"));
        int code;
        try {
            code = BgbCommand.run(args);
        } finally {
            finished.countDown();
        }
        System.exit(code);
    }
}
