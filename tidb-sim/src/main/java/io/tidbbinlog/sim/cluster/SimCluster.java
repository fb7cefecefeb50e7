package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.sim.autoid.IdBoundStore;
import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.datadir.TidbDataDir;
import io.tidbbinlog.sim.drive.WorkloadState;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pd.PdServerConfig;
import io.tidbbinlog.sim.pumpclient.BinlogWriter;
import io.tidbbinlog.sim.pumpclient.PumpClientConfig;
import io.tidbbinlog.sim.pumpclient.PumpsClient;
import io.tidbbinlog.sim.pumpclient.SkippingOnErrorWriter;
import io.tidbbinlog.sim.status.TidbStatusConfig;
import io.tidbbinlog.sim.status.TidbStatusServer;
import io.tidbbinlog.sim.topology.TidbTopology;
import io.tidbbinlog.sim.txn.TxnEngine;
import io.tidbbinlog.sim.txn.TxnListener;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * One simulated TiDB cluster: PD (cluster id, TSO) on gRPC, a TiDB server (its pump client, schema catalog,
 * transaction engine) and TiDB's HTTP status API. Started in TiDB's order: PD first, then TiDB, which refuses to
 * start when the registry holds no pump at all.
 */
public final class SimCluster implements AutoCloseable {
    private final PdServer pd;
    private final PdClient pdClient;
    private final PumpsClient pumps;
    private final SkippingOnErrorWriter skipping;
    private final Catalog catalog;
    private final TxnEngine engine;
    private final TidbStatusServer status;
    private final WorkloadState workloadState;
    private final Deque<AutoCloseable> closeOrder;

    private SimCluster(PdServer pd, PdClient pdClient, PumpsClient pumps, SkippingOnErrorWriter skipping,
                       Catalog catalog, TxnEngine engine, TidbStatusServer status, WorkloadState workloadState,
                       Deque<AutoCloseable> closeOrder) {
        this.workloadState = workloadState;
        this.pd = pd;
        this.pdClient = pdClient;
        this.pumps = pumps;
        this.skipping = skipping;
        this.catalog = catalog;
        this.engine = engine;
        this.status = status;
        this.closeOrder = closeOrder;
    }

    /**
     * Starts the cluster; {@code listeners} hear every committed transaction in commit_ts order.
     *
     * @throws io.tidbbinlog.sim.pumpclient.NoPumpFoundException when the registry has no pump, as TiDB refuses to start
     */
    public static SimCluster start(SimClusterConfig config, List<TxnListener> listeners) {
        PdServer pd = startPd(config);
        try {
            return startTidb(config, pd, listeners);
        } catch (RuntimeException e) {
            pd.close();
            throw e;
        }
    }

    /**
     * Starts PD alone: pumps need its cluster id before they register, and TiDB needs a registered pump, so a
     * deployment brings up PD, then pumps, then TiDB ({@link #startTidb}).
     */
    public static PdServer startPd(SimClusterConfig config) {
        PdServerConfig base = config.dataDir() == null ? PdServerConfig.inMemory()
                : PdServerConfig.persistent(config.dataDir().resolve("pd"));
        return PdServer.start(new PdServerConfig(config.host(), config.pdPort(), base.name(), base.dataDir(),
                base.tls(), base.clock()));
    }

    /**
     * Starts TiDB against a running PD. On success the cluster owns PD and closes it; on failure PD is left running
     * (a caller may wait for a pump to register and try again, as an operator restarts TiDB).
     */
    public static SimCluster startTidb(SimClusterConfig config, PdServer pd, List<TxnListener> listeners) {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            PdClient pdClient = push(opened, PdClient.connect(pd.url()));
            PumpClientConfig pumpConfig = PumpClientConfig.of(config.registry(), pdClient.clusterId())
                    .withStrategy(config.strategy())
                    .withWriteTimeout(config.writeTimeout())
                    .withCommitBinlogTimeout(config.commitTimeout())
                    .withDetectInterval(config.detectInterval());
            if (config.pumpTls() != null) {
                pumpConfig = pumpConfig.withPumpTls(config.pumpTls());
            }
            PumpsClient pumps = push(opened, PumpsClient.start(pumpConfig));
            SkippingOnErrorWriter skipping = config.ignoreError() ? new SkippingOnErrorWriter(pumps) : null;
            BinlogWriter writer = skipping != null ? skipping : pumps;
            // With a data dir TiDB's meta (catalog, id allocators) continues where the last run left it, as TiDB
            // reads it back from TiKV; the PD cluster id must be the one the dir was made for.
            TidbDataDir dir = config.dataDir() == null ? null
                    : TidbDataDir.open(config.dataDir(), pdClient.clusterId());
            Catalog catalog = dir == null ? new Catalog() : dir.catalog();
            IdBoundStore rowIds = dir == null ? IdBoundStore.inMemory() : dir.rowIds();
            WorkloadState workloadState = dir == null ? WorkloadState.inMemory() : dir.workload();
            TxnEngine engine = push(opened, new TxnEngine(catalog, new PdTso(pdClient), writer, listeners,
                    new TxnEngine.Options(0, config.abortSeed()), rowIds));
            TidbStatusConfig statusConfig = new TidbStatusConfig(config.host(), config.statusPort(),
                    TidbStatusConfig.DEFAULT_VERSION, TidbStatusConfig.DEFAULT_GIT_HASH, () -> 0,
                    TidbStatusConfig.loopback().threads());
            TidbStatusServer status = push(opened, TidbStatusServer.start(statusConfig, catalog, engine.mvcc(),
                    skipping));
            push(opened, TidbTopology.register(config.registry(), config.host(), status.port(),
                    statusConfig.version(), statusConfig.gitHash(),
                    config.dataDir() == null ? "" : config.dataDir().toAbsolutePath().toString(),
                    java.time.Clock.systemUTC()));
            opened.addLast(pd);
            return new SimCluster(pd, pdClient, pumps, skipping, catalog, engine, status, workloadState, opened);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * Waits until every commit and rollback binlog has been written or given up, as a TiDB server draining before
     * shutdown; returns false on timeout.
     */
    public boolean awaitCommitBinlogs(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pumps.pendingCommits() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    public PdServer pd() {
        return pd;
    }

    /** PD's URL, what components take as {@code pd-urls}. */
    public String pdUrl() {
        return pd.url();
    }

    /** TiDB's status API base URL ({@code http://host:port}). */
    public String statusUrl() {
        return status.url();
    }

    public long clusterId() {
        return pd.clusterId();
    }

    /** A fresh timestamp from this cluster's PD. */
    public long currentTs() {
        return pdClient.getTs();
    }

    public Catalog catalog() {
        return catalog;
    }

    public TxnEngine engine() {
        return engine;
    }

    /**
     * Where a workload driver keeps what it must remember across restarts: in the data dir's {@code workload/}
     * when the cluster has one, else in memory.
     */
    public WorkloadState workloadState() {
        return workloadState;
    }

    public PumpsClient pumps() {
        return pumps;
    }

    /** TiDB's ignore-error switch, when the cluster runs with {@code ignore-error = true}; null otherwise. */
    public SkippingOnErrorWriter ignoreErrorSwitch() {
        return skipping;
    }

    @Override
    public void close() {
        closeAll(closeOrder, null);
    }

    private static void closeAll(Deque<AutoCloseable> opened, RuntimeException primary) {
        RuntimeException failure = primary;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the simulated cluster failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null && primary == null) {
            throw failure;
        }
    }
}
