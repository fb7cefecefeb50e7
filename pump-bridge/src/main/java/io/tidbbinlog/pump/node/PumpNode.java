package io.tidbbinlog.pump.node;

import io.tidbbinlog.pd.Tso;
import io.tidbbinlog.pump.server.PumpControl;
import io.tidbbinlog.pump.storage.BinlogStorage;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pump's life in the registry (spec §4.8, §5.3; binlog:pump/server.go Start, registerNode, ApplyAction,
 * commitStatus, waitSafeToOffline; binlog:pump/node.go):
 * <ol>
 *   <li>{@link #start()}: reads the previous state (absent = offline), registers {@code online} with
 *       {@code updateTS} = a fresh TSO and {@code maxCommitTS} = the storage watermark; when the previous state was
 *       offline (a new or re-added pump), notifies every online drainer and, if that fails, writes itself back
 *       offline and fails with "fail to notify all living drainer"; then heartbeats every
 *       {@code heartbeat-interval}.</li>
 *   <li>{@link #applyAction}: {@code pause} / {@code close} over HTTP move online to pausing / closing in memory
 *       and ask for the whole process to shut down, asynchronously.</li>
 *   <li>{@link #close()}: stops the heartbeat and writes the final state: online or pausing become
 *       {@code paused}; closing becomes {@code offline} only once every non-offline drainer has consumed this
 *       pump's binlogs up to its watermark (fake binlogs keep the stream moving meanwhile).</li>
 * </ol>
 * Thread-safe. The caller closes the fake binlog ticker and the GC scheduler before {@link #close()}, and stops
 * gRPC, storage, registry and PD after it, in Pump's order.
 */
public final class PumpNode implements PumpControl, AutoCloseable {

    /** Pump checks the offline conditions once a second. */
    public static final Duration OFFLINE_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PumpNode.class);

    private final NodeRegistry registry;
    private final String nodeId;
    private final String advertiseAddr;
    private final TsoClock tso;
    private final BinlogStorage storage;
    private final FakeBinlogWriter fakeBinlogs;
    private final DrainerNotifier notifier;
    private final GcScheduler gc;
    private final Duration heartbeatInterval;
    private final Duration offlineCheckInterval;
    private final ScheduledExecutorService heartbeats = DaemonThreads.single("pump-heartbeat");
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object statusLock = new Object();

    private volatile NodeState state = NodeState.OFFLINE;
    private volatile Runnable shutdownRequest = this::close;
    private ScheduledFuture<?> heartbeat;

    /**
     * @param advertiseAddr        {@code host:port} registered for TiDB and drainers
     * @param heartbeatInterval    {@code heartbeat-interval}
     * @param offlineCheckInterval how often the closing pump checks drainers ({@link #OFFLINE_CHECK_INTERVAL})
     */
    public PumpNode(NodeRegistry registry, String nodeId, String advertiseAddr, TsoClock tso, BinlogStorage storage,
                    FakeBinlogWriter fakeBinlogs, DrainerNotifier notifier, GcScheduler gc,
                    Duration heartbeatInterval, Duration offlineCheckInterval) {
        if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeat-interval must be positive: " + heartbeatInterval);
        }
        this.registry = registry;
        this.nodeId = nodeId;
        this.advertiseAddr = advertiseAddr;
        this.tso = tso;
        this.storage = storage;
        this.fakeBinlogs = fakeBinlogs;
        this.notifier = notifier;
        this.gc = gc;
        this.heartbeatInterval = heartbeatInterval;
        this.offlineCheckInterval = offlineCheckInterval;
    }

    /**
     * What an accepted HTTP action runs, on its own thread, to shut the whole pump down (the lead's process
     * shutdown, which ends in {@link #close()}). By default only this node is closed.
     */
    public void onShutdownRequested(Runnable shutdown) {
        this.shutdownRequest = shutdown;
    }

    /**
     * Registers online, notifies drainers when this pump is new, starts the heartbeat.
     *
     * @throws IllegalStateException when PD, etcd or a drainer fails; the message says which, as Pump's does
     */
    public void start() {
        NodeState previous;
        try {
            previous = registry.get(NodeKind.PUMP, nodeId).map(NodeStatus::state).orElse(NodeState.OFFLINE);
        } catch (RuntimeException e) {
            throw new IllegalStateException("fail to get previous node status: " + e.getMessage(), e);
        }
        long ts;
        try {
            ts = tso.fresh();
        } catch (RuntimeException e) {
            throw new IllegalStateException("fail to get tso from pd: " + e.getMessage(), e);
        }
        try {
            register(NodeState.ONLINE, ts);
        } catch (RuntimeException e) {
            throw new IllegalStateException("fail to register node to etcd: " + e.getMessage(), e);
        }
        LOG.info("register success, NodeID {}, previous state {}", nodeId, previous);
        if (previous == NodeState.OFFLINE) {
            try {
                notifier.notifyOnline(registry.list(NodeKind.DRAINER).nodes());
            } catch (RuntimeException e) {
                try {
                    register(NodeState.OFFLINE, 0);
                } catch (RuntimeException unregister) {
                    LOG.error("unregister pump while pump fails to notify drainer: {}", unregister.getMessage());
                }
                throw new IllegalStateException("fail to notify all living drainer: " + e.getMessage(), e);
            }
            LOG.info("notify success");
        }
        long ms = heartbeatInterval.toMillis();
        synchronized (statusLock) {
            heartbeat = heartbeats.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public NodeState state() {
        return state;
    }

    @Override
    public List<NodeStatus> pumps() {
        return registry.list(NodeKind.PUMP).nodes();
    }

    @Override
    public List<NodeStatus> drainers() {
        return registry.list(NodeKind.DRAINER).nodes();
    }

    @Override
    public long freshTso() {
        return tso.fresh();
    }

    /** Error texts are Pump's (binlog:pump/server.go ApplyAction), typos included, since binlogctl prints them. */
    @Override
    public void applyAction(String requestedNodeId, String action) {
        synchronized (statusLock) {
            if (!nodeId.equals(requestedNodeId)) {
                throw new IllegalArgumentException(String.format("invalide nodeID %s, this pump's nodeID is %s",
                        requestedNodeId, nodeId));
            }
            if (state != NodeState.ONLINE) {
                throw new IllegalArgumentException(String.format("this pump's state is %s, apply %s failed!",
                        state, action));
            }
            switch (action) {
                case "pause" -> state = NodeState.PAUSING;
                case "close" -> state = NodeState.CLOSING;
                default -> throw new IllegalArgumentException(String.format("invalide action %s", action));
            }
        }
        LOG.info("pump's state change to {}, nodeID {}", state, nodeId);
        Thread shutdown = new Thread(shutdownRequest, "pump-shutdown");
        shutdown.start();
    }

    @Override
    public Optional<byte[]> storedBinlog(long ts) {
        return storage.storedBinlog(ts);
    }

    @Override
    public boolean triggerGc() {
        return gc.triggerGc();
    }

    /**
     * Stops the heartbeat and writes the final state (Pump's commitStatus). For a closing pump this waits, without
     * limit as Pump does, until drainers have caught up; interrupting the calling thread abandons the wait and writes
     * offline anyway, as Pump does when its wait fails. Only the first call acts.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        heartbeats.shutdownNow();
        try {
            heartbeats.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NodeState current = state;
        NodeState last = switch (current) {
            case ONLINE, PAUSING -> NodeState.PAUSED;
            case CLOSING -> {
                try {
                    waitSafeToOffline();
                    LOG.info("safe to offline now");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    LOG.error("Waiting to offline failed: interrupted");
                }
                yield NodeState.OFFLINE;
            }
            default -> {
                LOG.warn("there must be something wrong: closing in state {}", current);
                yield current;
            }
        };
        try {
            register(last, 0);
            LOG.info("update state success, NodeID {}, state {}", nodeId, last);
        } catch (RuntimeException e) {
            LOG.error("unregister pump failed: {}", e.getMessage(), e);
        }
    }

    private void beat() {
        synchronized (statusLock) {
            if (closed.get()) {
                return;
            }
            try {
                registry.updateNode(NodeKind.PUMP, NodeStatus.of(nodeId, advertiseAddr, state, storage.maxCommitTs(),
                        tso.approximate()));
            } catch (RuntimeException e) {
                LOG.error("send heartbeat failed: {}", e.getMessage());
            }
        }
    }

    /**
     * Pump's registerNode + RefreshStatus: a given updateTS becomes the latest TSO; 0 means "now", approximated from
     * the latest TSO (so the state written at shutdown carries an approximate TSO, as Pump's does).
     */
    private void register(NodeState newState, long updateTs) {
        synchronized (statusLock) {
            long ts;
            if (updateTs != 0) {
                tso.observe(updateTs);
                ts = updateTs;
            } else {
                ts = tso.approximate();
            }
            registry.updateNode(NodeKind.PUMP, NodeStatus.of(nodeId, advertiseAddr, newState, storage.maxCommitTs(),
                    ts));
            state = newState;
        }
    }

    /** binlog:pump/server.go waitSafeToOffline and waitUntilCommitTSSaved. */
    private void waitSafeToOffline() throws InterruptedException {
        long fakeTs;
        while (true) {
            try {
                fakeTs = fakeBinlogs.write();
                break;
            } catch (RuntimeException e) {
                LOG.error("Failed to write fake binlog: {}", e.getMessage());
                pause();
            }
        }
        while (storage.maxCommitTs() < fakeTs || !storage.allMatched()) {
            if (storage.maxCommitTs() < fakeTs) {
                LOG.info("The max commit ts saved {} is less than expected commit ts {}", storage.maxCommitTs(),
                        fakeTs);
            } else {
                LOG.info("wait all P-binlog to be matched");
            }
            pause();
        }
        long pumpMaxCommitTs = storage.maxCommitTs();
        LOG.info("Start waiting until all drainers have consumed binlogs up to {}", Tso.describe(pumpMaxCommitTs));
        while (true) {
            pause();
            long drainersMin;
            try {
                drainersMin = registry.list(NodeKind.DRAINER).nodes().stream()
                        .filter(d -> d.state() != NodeState.OFFLINE)
                        .mapToLong(NodeStatus::maxCommitTS).min().orElse(Long.MAX_VALUE);
            } catch (RuntimeException e) {
                LOG.error("fail to query status of drainers: {}", e.getMessage());
                continue;
            }
            if (drainersMin >= pumpMaxCommitTs) {
                return;
            }
            LOG.warn("Waiting for drainer to consume binlog: minimum drainer maxCommitTS {}, need to reach {}",
                    drainersMin, pumpMaxCommitTs);
            try {
                fakeBinlogs.write();
            } catch (RuntimeException e) {
                LOG.error("write fake binlog failed: {}", e.getMessage());
            }
        }
    }

    private void pause() throws InterruptedException {
        Thread.sleep(offlineCheckInterval.toMillis());
    }
}
