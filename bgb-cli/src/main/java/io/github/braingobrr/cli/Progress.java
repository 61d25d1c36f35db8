package io.github.braingobrr.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar (me.tongfei progressbar) drawn on a command's error stream, or nothing. */
final class Progress implements AutoCloseable {
    /** When bars are drawn. */
    enum When {
        auto,
        always,
        never
    }

    private static final int WIDTH = 100;
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    static Progress start(When when, PrintWriter err, String task, long max, String unit) {
        boolean show = when == When.always || when == When.auto && interactive();
        if (!show) {
            return new Progress(null);
        }
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new Consumer(err))
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .startsFrom(0, Duration.ZERO);
        if (unit != null) {
            b.setUnit(" " + unit, 1);
        }
        return new Progress(b.build());
    }

    /** Whether the JVM talks to a terminal (on JDK 22+, {@code Console.isTerminal()}). */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    void step() {
        stepBy(1);
    }

    void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    /** A new total, when it becomes known only once the work has started. */
    void max(long n) {
        if (bar != null) {
            bar.maxHint(n);
        }
    }

    void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** Redraws the bar in place with a carriage return; a newline when it closes. */
    private static final class Consumer implements ProgressBarConsumer {
        private final PrintWriter err;

        Consumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return WIDTH;
        }

        @Override
        public void accept(String rendered) {
            synchronized (err) {
                err.print('\r');
                err.print(rendered);
                err.flush();
            }
        }

        @Override
        public void close() {
            synchronized (err) {
                err.println();
                err.flush();
            }
        }
    }
}
