package io.tidbbinlog.pump.node;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code gen-binlog-interval}, writes a fake binlog when no WriteBinlog arrived since the previous tick
 * (binlog:pump/server.go genForwardBinlog, spec §4.5), so an idle pump does not hold drainers back. Each tick also
 * refreshes the latest TSO, which the lost-commit resolver's age rule needs even while traffic keeps the pump busy.
 */
public final class FakeBinlogTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeBinlogTicker.class);

    private final FakeBinlogWriter writer;
    private final TsoClock tso;
    private final LongSupplier lastWriteMillis;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = DaemonThreads.single("pump-fake-binlog");
    private long lastSeenWrite;

    /**
     * @param lastWriteMillis when the last WriteBinlog call arrived (any monotonic stamp; only changes matter),
     *                        supplied by the gRPC service
     * @param interval        {@code gen-binlog-interval}
     */
    public FakeBinlogTicker(FakeBinlogWriter writer, TsoClock tso, LongSupplier lastWriteMillis, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("gen-binlog-interval must be positive: " + interval);
        }
        this.writer = writer;
        this.tso = tso;
        this.lastWriteMillis = lastWriteMillis;
        this.interval = interval;
    }

    public void start() {
        lastSeenWrite = lastWriteMillis.getAsLong();
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The newest TSO this pump has seen, 0 before the first: the resolver's {@code latestTso}. */
    public long latestTso() {
        return tso.latest();
    }

    private void tick() {
        try {
            long lastWrite = lastWriteMillis.getAsLong();
            boolean idle = lastWrite == lastSeenWrite;
            lastSeenWrite = lastWrite;
            if (idle) {
                writer.write();
            } else {
                tso.fresh();
            }
        } catch (RuntimeException e) {
            LOG.error("write fake binlog failed: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
