package io.tidbbinlog.pump.node;

import io.tidbbinlog.pd.Tso;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.BinlogStorage;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pump's binlog retention (spec §4.6, binlog:pump/server.go gcBinlogFile, detectDrainerCheckpoint,
 * detectDrainerCheckPoints):
 * <ul>
 *   <li>every hour, and when triggered over HTTP, asks the storage to drop what is older than
 *       {@code TSO(now - gc)} (physical milliseconds shifted by 18). GC never waits for drainers;</li>
 *   <li>every 10 minutes, and after each GC round, compares each non-offline drainer's checkpoint
 *       ({@code maxCommitTS} in the registry) with the GC watermark plus 20 hours, and logs an error and counts
 *       {@code detected_drainer_binlog_purge_count{id}} for each drainer below it: its unread binlogs were purged
 *       (checkpoint below the watermark) or will be within 20 hours.</li>
 * </ul>
 */
public final class GcScheduler implements AutoCloseable {

    /** Pump's {@code gcInterval}. */
    public static final Duration GC_INTERVAL = Duration.ofHours(1);
    /** Pump's {@code detectDrainerCheckpointInterval}. */
    public static final Duration ALARM_INTERVAL = Duration.ofMinutes(10);
    /** Pump's {@code earlyAlertGC}: how far ahead of the GC watermark drainers are warned about. */
    public static final Duration EARLY_ALERT = Duration.ofHours(20);

    private static final Logger LOG = LoggerFactory.getLogger(GcScheduler.class);

    private final BinlogStorage storage;
    private final NodeRegistry registry;
    private final PumpMetrics metrics;
    private final Duration retention;
    private final Clock clock;
    private final Duration gcInterval;
    private final Duration alarmInterval;
    private final ScheduledExecutorService scheduler = DaemonThreads.single("pump-gc");
    private final AtomicBoolean roundRunning = new AtomicBoolean();

    /** With Pump's intervals. */
    public GcScheduler(BinlogStorage storage, NodeRegistry registry, PumpMetrics metrics, Duration retention,
                       Clock clock) {
        this(storage, registry, metrics, retention, clock, GC_INTERVAL, ALARM_INTERVAL);
    }

    /**
     * @param retention {@code gc}: how long binlogs are kept
     */
    public GcScheduler(BinlogStorage storage, NodeRegistry registry, PumpMetrics metrics, Duration retention,
                       Clock clock, Duration gcInterval, Duration alarmInterval) {
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("gc retention must be positive: " + retention);
        }
        this.storage = storage;
        this.registry = registry;
        this.metrics = metrics;
        this.retention = retention;
        this.clock = clock;
        this.gcInterval = gcInterval;
        this.alarmInterval = alarmInterval;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::scheduledRound, gcInterval.toMillis(), gcInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::scheduledAlarm, alarmInterval.toMillis(), alarmInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a GC round now, in the background (POST /debug/gc/trigger).
     *
     * @return false when a round is already running (Pump answers "gc is working")
     */
    public boolean triggerGc() {
        if (!roundRunning.compareAndSet(false, true)) {
            return false;
        }
        try {
            scheduler.execute(this::runClaimedRound);
        } catch (RuntimeException e) {
            roundRunning.set(false);
            throw new IllegalStateException("GC scheduler is stopped", e);
        }
        return true;
    }

    /** The GC point for now: {@code TSO(now - gc)}. */
    public long currentGcTs() {
        return Tso.fromMillis(clock.millis() - retention.toMillis());
    }

    private void scheduledRound() {
        if (roundRunning.compareAndSet(false, true)) {
            runClaimedRound();
        }
    }

    private void runClaimedRound() {
        try {
            long gcTs = currentGcTs();
            LOG.info("send gc request to storage, request gc ts {}", Tso.describe(gcTs));
            boolean moved = storage.gc(gcTs);
            long done = storage.gcTs();
            metrics.gcTs.set(done);
            if (!moved) {
                LOG.info("gc ts {} not applied: storage gc ts is {}, max commit ts {}", gcTs, done,
                        storage.maxCommitTs());
            }
            alarmLaggingDrainers(done);
        } catch (RuntimeException e) {
            LOG.error("gc round failed: {}", e.getMessage(), e);
        } finally {
            roundRunning.set(false);
        }
    }

    private void scheduledAlarm() {
        try {
            alarmLaggingDrainers(storage.gcTs());
        } catch (RuntimeException e) {
            LOG.error("cannot check drainer checkpoints: {}", e.getMessage(), e);
        }
    }

    /**
     * Logs and counts every non-offline drainer whose checkpoint is below {@code gcTs + 20h}.
     *
     * @return the ids of those drainers
     */
    List<String> alarmLaggingDrainers(long gcTs) {
        long alertTs = gcTs + Tso.fromMillis(EARLY_ALERT.toMillis());
        List<String> lagging = new ArrayList<>();
        for (NodeStatus drainer : registry.list(NodeKind.DRAINER).nodes()) {
            if (drainer.state() == NodeState.OFFLINE || drainer.maxCommitTS() >= alertTs) {
                continue;
            }
            lagging.add(drainer.nodeId());
            if (drainer.maxCommitTS() < gcTs) {
                LOG.error("drainer's checkpoint is older than pump gc ts, some binlogs are purged: drainer {} "
                                + "checkpoint {} < gc ts {}", drainer.nodeId(), Tso.describe(drainer.maxCommitTS()),
                        Tso.describe(gcTs));
            } else {
                LOG.error("drainer's checkpoint is older than pump gc ts + {}, its unread binlogs will be purged "
                                + "soon: drainer {} checkpoint {} < {}", EARLY_ALERT, drainer.nodeId(),
                        Tso.describe(drainer.maxCommitTS()), Tso.describe(alertTs));
            }
            metrics.detectedDrainerBinlogPurge.labels(drainer.nodeId()).inc();
        }
        return lagging;
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
