package io.tidbbinlog.sim.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Live progress of a run: on a terminal one line rewritten in place every second, otherwise (CI logs, pipes) a
 * plain line every few seconds so logs stay readable.
 */
public final class ProgressPrinter implements AutoCloseable {
    /** What a progress line shows; counters are totals since the start. */
    public record Snapshot(long txns, long rows, long ddls, long aborted, long errors, long pendingCommitBinlogs,
                           long lastCommitTs) {
    }

    private final PrintWriter out;
    private final Supplier<Snapshot> source;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private Snapshot previous = new Snapshot(0, 0, 0, 0, 0, 0, 0);
    private long previousNanos = startNanos;

    public ProgressPrinter(PrintWriter out, Supplier<Snapshot> source, boolean terminal) {
        this.out = out;
        this.source = source;
        this.terminal = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tidb-sim-progress");
            t.setDaemon(true);
            return t;
        });
    }

    public ProgressPrinter start() {
        long period = terminal ? 1 : 5;
        timer.scheduleAtFixedRate(this::printNow, period, period, TimeUnit.SECONDS);
        return this;
    }

    synchronized void printNow() {
        Snapshot now = source.get();
        long nanos = System.nanoTime();
        double seconds = Math.max(1e-9, (nanos - previousNanos) / 1e9);
        String line = format(now, (now.txns() - previous.txns()) / seconds, (now.rows() - previous.rows()) / seconds,
                Duration.ofNanos(nanos - startNanos));
        previous = now;
        previousNanos = nanos;
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    static String format(Snapshot s, double txnPerSecond, double rowsPerSecond, Duration elapsed) {
        return String.format(Locale.ROOT,
                "[%s] txns %,d (%,.0f/s)  rows %,d (%,.0f/s)  ddl %,d  aborted %,d  errors %,d  commit-binlogs pending %,d",
                clock(elapsed), s.txns(), txnPerSecond, s.rows(), rowsPerSecond, s.ddls(), s.aborted(), s.errors(),
                s.pendingCommitBinlogs());
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        printNow();
        if (terminal) {
            out.println();
        }
    }
}
