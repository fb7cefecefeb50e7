package io.tidbbinlog.sim.pumpclient;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import io.tidbbinlog.registry.NodeEvent;
import io.tidbbinlog.registry.NodeEventListener;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeListing;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.NodeWatch;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TiDB's pump client (pump_client/client.go, spec §5.4): finds the pumps in the etcd registry, follows their
 * state through a watch, writes each transaction's prewrite binlog to a selected available pump with TiDB's
 * retry and failover rules, and its commit/rollback binlog asynchronously to the pump that took the prewrite.
 *
 * <p>Threading: {@link #writePrewrite} blocks the calling thread for up to the write-timeout budget plus one
 * pass over the online pumps, and may be called from many threads at once. {@link #writeCommit} returns at once
 * (unless {@link PumpClientConfig#maxPendingCommits()} binlogs are already in flight, then it waits for a slot);
 * its calls run on gRPC's threads and one scheduler thread. A detector thread probes unavailable pumps; the
 * registry watch runs on the etcd client's threads.
 */
public final class PumpsClient implements BinlogWriter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PumpsClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final PumpClientConfig config;
    private final NodeRegistry registry;
    private final boolean ownsRegistry;
    private final PumpMembership membership;
    private final PumpSelector selector;
    private final PrewritePumps prewritePumps = new PrewritePumps();
    private final PumpClientCounters counters = new PumpClientCounters();
    private final Semaphore commitSlots;
    private final Set<CommitWrite> commitsInFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService detector;
    private final ScheduledExecutorService commitRetries;
    private final NodeWatch watch;
    private volatile boolean closed;

    private PumpsClient(PumpClientConfig config, NodeRegistry registry, boolean ownsRegistry) {
        this.config = config;
        this.registry = registry;
        this.ownsRegistry = ownsRegistry;
        this.selector = config.strategy().newSelector();
        this.membership = new PumpMembership(selector, new PumpChannels(config.pumpTls()),
                config.maxConsecutiveErrors());
        this.commitSlots = new Semaphore(config.maxPendingCommits());

        NodeListing listing = registry.list(NodeKind.PUMP);
        for (NodeStatus status : listing.nodes()) {
            LOG.debug("pump from the registry: {}", status.toJson());
            membership.add(status, false);
        }
        if (membership.isEmpty()) {
            throw new NoPumpFoundException(registry.keyOf(NodeKind.PUMP, "") + " in etcd "
                    + config.registry().endpoints());
        }
        membership.publish();

        int instance = INSTANCES.incrementAndGet();
        this.detector = daemonScheduler("pump-client-" + instance + "-detector");
        this.commitRetries = daemonScheduler("pump-client-" + instance + "-commit");
        try {
            // from just after the listing, so that no change between the two is missed
            this.watch = registry.watch(NodeKind.PUMP, listing.revision() + 1, new RegistryListener());
        } catch (RuntimeException e) {
            detector.shutdownNow();
            commitRetries.shutdownNow();
            membership.closeAll();
            throw e;
        }
        long detectMillis = config.detectInterval().toMillis();
        detector.scheduleWithFixedDelay(this::detectSafely, detectMillis, detectMillis, TimeUnit.MILLISECONDS);
        LOG.info("pump client started: pumps {}, available {}, strategy {}", membership.knownIds(),
                membership.availableIds(), config.strategy().configName());
    }

    /**
     * Connects to the registry, lists the pumps and starts watching them.
     *
     * @throws NoPumpFoundException when the registry has no pump key at all
     * @throws io.tidbbinlog.registry.RegistryException when etcd cannot be read
     */
    public static PumpsClient start(PumpClientConfig config) {
        NodeRegistry registry = NodeRegistry.connect(config.registry());
        try {
            return new PumpsClient(config, registry, true);
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
    }

    /** Like {@link #start(PumpClientConfig)} over a registry the caller keeps (and closes after this client). */
    public static PumpsClient start(PumpClientConfig config, NodeRegistry registry) {
        return new PumpsClient(config, registry, false);
    }

    // ---- prewrite ----

    /**
     * TiDB's {@code WriteBinlog} for a prewrite binlog. Attempts go to the selected pump, re-selected before
     * every retry, each with the write timeout as deadline and {@link PumpClientConfig#prewriteRetrySleep()} in
     * between. An error mentioning ResourceExhausted fails at once; an Unavailable connection is re-dialled.
     * Attempts stop once the write timeout has passed <em>and</em> more attempts were made than pumps were
     * available; then every pump registered as online is tried once on a fresh connection, and the first that
     * takes the binlog becomes available again.
     *
     * @throws PumpWriteException "write binlog failed, the last error ..." (or the ResourceExhausted error)
     */
    @Override
    public void writePrewrite(Binlog prewrite) throws PumpWriteException {
        if (prewrite.getTp() != BinlogType.Prewrite) {
            throw new IllegalArgumentException("writePrewrite needs a Prewrite binlog, got " + prewrite.getTp()
                    + " (start_ts " + prewrite.getStartTs() + ")");
        }
        ensureOpen();
        long startTs = prewrite.getStartTs();
        WriteBinlogReq request = request(prewrite);
        int pumpNum = membership.availableCount();
        long startNanos = System.nanoTime();
        long budgetNanos = config.writeTimeout().toNanos();
        boolean meetError = false;
        PumpNode chosen = null;
        try {
            PumpCallError lastError;
            String firstPump = null;
            int retryTime = 0;
            while (true) {
                PumpNode pump = selector.select(startTs, retryTime);
                if (pump == null) {
                    lastError = PumpCallError.noAvailablePump();
                    break;
                }
                if (firstPump == null) {
                    firstPump = pump.nodeId();
                }
                PumpCallError error = call(pump, request);
                if (error == null) {
                    chosen = pump;
                    counters.prewriteWritten();
                    if (!pump.nodeId().equals(firstPump)) {
                        counters.pumpSwitched();
                    }
                    return;
                }
                meetError = true;
                lastError = error;
                counters.callFailed();
                LOG.warn("write prewrite binlog (start_ts {}, {} bytes) to pump {} failed: {}", startTs,
                        request.getPayload().size(), pump.nodeId(), error);
                if (!error.retryable()) {
                    counters.prewriteFailed();
                    throw new PumpWriteException(error.text());
                }
                if (System.nanoTime() - startNanos > budgetNanos && retryTime > pumpNum) {
                    break;
                }
                if (error.connectionUnavailable()) {
                    pump.resetConnection();
                }
                retryTime++;
                sleep(config.prewriteRetrySleep(), startTs);
            }

            LOG.info("write binlog to available pumps all failed (start_ts {}), will try every online pump", startTs);
            chosen = tryEveryOnlinePump(request);
            if (chosen != null) {
                counters.prewriteWritten();
                if (!chosen.nodeId().equals(firstPump)) {
                    counters.pumpSwitched();
                }
                return;
            }
            counters.prewriteFailed();
            throw new PumpWriteException("write binlog failed, the last error " + lastError.text());
        } finally {
            if (meetError) {
                membership.demoteUnusable();
            }
            if (chosen != null) {
                prewritePumps.remember(startTs, chosen);
            } else {
                prewritePumps.forget(startTs);
            }
        }
    }

    /** TiDB's {@code backoffWriteBinlog}: one more chance for every online pump, available or not. */
    private PumpNode tryEveryOnlinePump(WriteBinlogReq request) {
        for (PumpNode pump : membership.allPumps()) {
            if (!pump.shouldBeUsable()) {
                continue;
            }
            pump.resetConnection();
            PumpCallError error = call(pump, request);
            if (error != null) {
                counters.callFailed();
                LOG.warn("last-chance write of binlog to pump {} failed: {}", pump.nodeId(), error);
                continue;
            }
            LOG.info("pump {} took the binlog, it is available again", pump.nodeId());
            membership.setAvailable(pump, true);
            return pump;
        }
        return null;
    }

    /** One call; null on success, else the failure (a gRPC error or the reply's errmsg). */
    private PumpCallError call(PumpNode pump, WriteBinlogReq request) {
        try {
            WriteBinlogResp resp = pump.write(request, config.writeTimeout());
            return resp.getErrmsg().isEmpty() ? null : PumpCallError.errmsg(resp.getErrmsg());
        } catch (PumpNode.CallFailedException e) {
            return e.error();
        }
    }

    private static void sleep(Duration d, long startTs) throws PumpWriteException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PumpWriteException("interrupted while retrying the prewrite binlog of start_ts " + startTs, e);
        }
    }

    // ---- commit / rollback ----

    /**
     * TiDB's {@code WriteBinlog} for a commit or rollback binlog: only the pump that took the prewrite of the
     * same start_ts, retried every {@link PumpClientConfig#commitRetrySleep()} until
     * {@link PumpClientConfig#commitBinlogTimeout()} has passed. TiDB then drops it silently (the pump learns
     * the outcome from TiKV later); here the future fails, with a warning logged. The prewrite's record is
     * dropped once this binlog is done either way.
     */
    @Override
    public CompletableFuture<Void> writeCommit(Binlog commitOrRollback) {
        BinlogType tp = commitOrRollback.getTp();
        if (tp != BinlogType.Commit && tp != BinlogType.Rollback) {
            throw new IllegalArgumentException("writeCommit needs a Commit or Rollback binlog, got " + tp
                    + " (start_ts " + commitOrRollback.getStartTs() + ")");
        }
        if (closed) {
            return CompletableFuture.failedFuture(new PumpWriteException("pump client is closed"));
        }
        try {
            commitSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new PumpWriteException(
                    "interrupted while waiting to send the " + tp + " binlog of start_ts "
                            + commitOrRollback.getStartTs(), e));
        }
        CommitWrite write = new CommitWrite(commitOrRollback);
        commitsInFlight.add(write);
        write.start();
        return write.future;
    }

    /** Commit/rollback binlogs accepted by {@link #writeCommit} and not yet acknowledged or given up. */
    public int pendingCommits() {
        return commitsInFlight.size();
    }

    /** Prewrites acknowledged whose commit/rollback binlog has not finished yet. */
    public int prewritesAwaitingCommit() {
        return prewritePumps.size();
    }

    /** One commit/rollback binlog on its way to its pump. */
    private final class CommitWrite {
        final Binlog binlog;
        final WriteBinlogReq request;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final long startNanos = System.nanoTime();
        PumpNode pump;
        boolean meetError;
        boolean warned;

        CommitWrite(Binlog binlog) {
            this.binlog = binlog;
            this.request = request(binlog);
        }

        void start() {
            pump = prewritePumps.pumpOf(binlog.getStartTs());
            if (pump == null) {
                // TiDB: "binlog don't have matched prewrite binlog", then it gives up without an error
                LOG.warn("{} binlog of start_ts {} has no prewrite written by this client; dropping it",
                        binlog.getTp(), binlog.getStartTs());
                giveUp("no pump took a prewrite binlog with start_ts " + binlog.getStartTs());
                return;
            }
            attempt();
        }

        void attempt() {
            if (closed) {
                giveUp("pump client closed");
                return;
            }
            pump.writeAsync(request, config.writeTimeout()).whenComplete((resp, failure) -> {
                PumpCallError error;
                if (failure != null) {
                    error = failure instanceof PumpNode.CallFailedException cfe ? cfe.error()
                            : PumpCallError.other(String.valueOf(failure));
                } else {
                    error = resp.getErrmsg().isEmpty() ? null : PumpCallError.errmsg(resp.getErrmsg());
                }
                if (error == null) {
                    counters.commitWritten(binlog.getTp() == BinlogType.Rollback);
                    finish(null);
                } else {
                    retryOrGiveUp(error);
                }
            });
        }

        void retryOrGiveUp(PumpCallError error) {
            meetError = true;
            counters.callFailed();
            if (!warned) {
                warned = true;
                LOG.warn("write {} binlog (start_ts {}, commit_ts {}) to pump {} failed, retrying: {}",
                        binlog.getTp(), binlog.getStartTs(), binlog.getCommitTs(), pump.nodeId(), error);
            } else {
                LOG.debug("retry of {} binlog of start_ts {} failed: {}", binlog.getTp(), binlog.getStartTs(), error);
            }
            if (System.nanoTime() - startNanos > config.commitBinlogTimeout().toNanos()) {
                LOG.warn("giving up {} binlog of start_ts {} after {}: the last error {}", binlog.getTp(),
                        binlog.getStartTs(), config.commitBinlogTimeout(), error);
                giveUp("write " + binlog.getTp() + " binlog of start_ts " + binlog.getStartTs()
                        + " gave up after " + config.commitBinlogTimeout() + ", the last error " + error.text());
                return;
            }
            try {
                commitRetries.schedule(() -> {
                    pump.reconnectNow();
                    attempt();
                }, config.commitRetrySleep().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                giveUp("pump client closed");
            }
        }

        void giveUp(String why) {
            counters.commitGivenUp();
            finish(new PumpWriteException(why));
        }

        void finish(Throwable failure) {
            if (!commitsInFlight.remove(this)) {
                return; // close() finished it already
            }
            prewritePumps.forget(binlog.getStartTs());
            if (meetError) {
                membership.demoteUnusable();
            }
            commitSlots.release();
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        }
    }

    // ---- registry watch and detector ----

    /** TiDB's {@code watchStatus}: PUT adds or re-states a pump, DELETE removes it. */
    private final class RegistryListener implements NodeEventListener {
        @Override
        public void onEvent(NodeEvent event) {
            if (closed) {
                return;
            }
            if (event.type() == NodeEvent.Type.PUT) {
                membership.applyStatus(event.status());
            } else {
                membership.remove(event.nodeId());
            }
        }

        @Override
        public void onResync(NodeListing snapshot) {
            // TiDB re-watches from the latest revision and misses what happened in between; a fresh listing
            // applied as PUTs (and DELETEs for the vanished) reaches the state TiDB would reach on later heartbeats
            Set<String> present = new HashSet<>();
            for (NodeStatus status : snapshot.nodes()) {
                present.add(status.nodeId());
                membership.applyStatus(status);
            }
            for (String known : membership.knownIds()) {
                if (!present.contains(known)) {
                    membership.remove(known);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            LOG.warn("pump registry watch: {}", error.toString());
        }
    }

    /**
     * TiDB's {@code detect}: every interval, an empty WriteBinlogReq (start_ts 0, which a pump accepts without
     * storing) to each unavailable pump that is online and not over the error limit; those that answer without
     * a gRPC error become available.
     */
    private void detect() {
        WriteBinlogReq probe = WriteBinlogReq.newBuilder().setClusterID(config.clusterId()).build();
        for (PumpNode pump : membership.probeCandidates()) {
            if (closed) {
                return;
            }
            try {
                pump.write(probe, config.writeTimeout());
                LOG.info("unavailable pump {} answered the probe", pump.nodeId());
                counters.probeSucceeded();
                membership.setAvailable(pump, true);
            } catch (PumpNode.CallFailedException e) {
                LOG.debug("probe of unavailable pump {} failed: {}", pump.nodeId(), e.getMessage());
            }
        }
    }

    private void detectSafely() {
        try {
            detect();
        } catch (RuntimeException e) {
            LOG.warn("pump detector round failed", e);
        }
    }

    // ---- state ----

    public long clusterId() {
        return config.clusterId();
    }

    public PumpClientConfig config() {
        return config;
    }

    public PumpClientCounters counters() {
        return counters;
    }

    /** Node ids of the pumps prewrites may currently be sent to. */
    public Set<String> availablePumpIds() {
        return membership.availableIds();
    }

    /** Node ids of known pumps that are not available (not online, or failing). */
    public Set<String> unavailablePumpIds() {
        return membership.unavailableIds();
    }

    /** Node ids of every pump in the registry as last seen. */
    public Set<String> knownPumpIds() {
        return membership.knownIds();
    }

    /**
     * Stops the watch and the detector, fails commit/rollback binlogs still being retried and closes the pump
     * connections (and the registry connection when this client opened it).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        watch.close();
        detector.shutdownNow();
        commitRetries.shutdownNow();
        for (CommitWrite write : Set.copyOf(commitsInFlight)) {
            write.giveUp("pump client closed");
        }
        membership.closeAll();
        if (ownsRegistry) {
            registry.close();
        }
        LOG.info("pump client closed: {}", counters);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("pump client is closed");
        }
    }

    private WriteBinlogReq request(Binlog binlog) {
        return WriteBinlogReq.newBuilder().setClusterID(config.clusterId()).setPayload(binlog.toByteString()).build();
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
