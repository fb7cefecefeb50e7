package io.tidbbinlog.pump;

import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.pd.PdClientConfig;
import io.tidbbinlog.pump.config.PumpConfig;
import io.tidbbinlog.pump.metrics.MetricsPusher;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.node.DataDirLock;
import io.tidbbinlog.pump.node.DrainerNotifier;
import io.tidbbinlog.pump.node.FakeBinlogTicker;
import io.tidbbinlog.pump.node.FakeBinlogWriter;
import io.tidbbinlog.pump.node.GcScheduler;
import io.tidbbinlog.pump.node.NodeIdFile;
import io.tidbbinlog.pump.node.PumpNode;
import io.tidbbinlog.pump.node.TsoClock;
import io.tidbbinlog.pump.resolve.MvccCommitResolver;
import io.tidbbinlog.pump.resolve.TidbStatusUrls;
import io.tidbbinlog.pump.resolve.TopologyStatusUrls;
import io.tidbbinlog.pump.server.EndpointSettings;
import io.tidbbinlog.pump.server.PumpEndpoint;
import io.tidbbinlog.pump.server.PumpService;
import io.tidbbinlog.pump.storage.BinlogStorage;
import io.tidbbinlog.pump.storage.SegmentedBinlogStorage;
import io.tidbbinlog.pump.storage.StorageConfig;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running pump-bridge: the parts of Pump (binlog:pump/server.go NewServer, Start, Close) put together in Pump's
 * order. Start: lock the data directory, reach PD and the registry, open the storage (recovering it), listen, then
 * register online (notifying drainers when new) and start the heartbeat, GC and fake-binlog loops. Close (SIGTERM, or
 * an HTTP pause/close action): stop the loops, write the final state (paused, or offline once drainers caught up),
 * stop serving, close the storage. Until it registers online the service refuses prewrite binlogs.
 */
public final class PumpBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PumpBridge.class);
    private static final Duration GRPC_GRACE = PumpEndpoint.DEFAULT_GRACE;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private String nodeId;
    private long clusterId;
    private PumpMetrics metrics;
    private BinlogStorage storage;
    private PumpNode node;
    private PumpEndpoint endpoint;
    private FakeBinlogTicker ticker;
    private GcScheduler gc;
    private PumpService service;

    private PumpBridge() {
    }

    /**
     * Starts a pump-bridge; returns once it is registered online and serving.
     *
     * @throws IllegalStateException naming what failed (data directory in use, PD or etcd unreachable, a drainer
     *                               that cannot be notified, the port taken, ...); whatever was opened is closed
     */
    public static PumpBridge start(PumpConfig config) {
        PumpBridge bridge = new PumpBridge();
        try {
            bridge.startParts(config);
            return bridge;
        } catch (RuntimeException | IOException e) {
            bridge.closeOpened();
            bridge.closed.countDown();
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("pump-bridge failed to start: " + e.getMessage(), e);
        }
    }

    private void startParts(PumpConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        opened.push(DataDirLock.acquire(config.dataDir()));

        PdClient pd = PdClient.connect(PdClientConfig.of(tlsScheme(config, config.pdUrls())).withTls(config.tls()));
        opened.push(pd);
        clusterId = pd.clusterId();
        NodeRegistry registry = NodeRegistry.connect(RegistryConfig.of(tlsScheme(config, config.registryUrls())).withTls(config.tls()));
        opened.push(registry);
        nodeId = NodeIdFile.resolve(config.dataDir(), config.nodeId(), config.addr());
        LOG.info("pump-bridge {} starting: cluster id {}, data dir {}, addr {}, advertise-addr {}", nodeId,
                clusterId, config.dataDir().toAbsolutePath(), config.addr(), config.advertiseAddr());

        metrics = new PumpMetrics();
        TsoClock tso = new TsoClock(pd::getTs, Clock.systemUTC());
        boolean https = config.tls() != null;
        TidbStatusUrls statusUrls = config.tidbStatusUrls().isEmpty()
                ? new TopologyStatusUrls(registry.client(), https, REQUEST_TIMEOUT)
                : TidbStatusUrls.configured(config.tidbStatusUrls(), https);
        MvccCommitResolver resolver = new MvccCommitResolver(statusUrls, config.tls(), REQUEST_TIMEOUT, metrics);
        storage = SegmentedBinlogStorage.open(new StorageConfig(config.dataDir(), config.syncLog(),
                config.stopWriteAtAvailableSpace(), StorageConfig.DEFAULT_SEGMENT_BYTES,
                config.slowWriteThreshold()), resolver, tso::latest, metrics);
        opened.push(storage);

        FakeBinlogWriter fakeBinlogs = new FakeBinlogWriter(tso, storage, metrics);
        gc = new GcScheduler(storage, registry, metrics, config.gc(), Clock.systemUTC());
        opened.push(gc);
        node = new PumpNode(registry, nodeId, config.advertiseAddr(), tso, storage, fakeBinlogs,
                new DrainerNotifier(config.tls(), DrainerNotifier.DEFAULT_TIMEOUT), gc, config.heartbeatInterval(),
                PumpNode.OFFLINE_CHECK_INTERVAL);
        node.onShutdownRequested(this::close);

        service = new PumpService(clusterId, storage, node, metrics);
        endpoint = new PumpEndpoint(EndpointSettings.from(config), service, node, metrics).start();
        opened.push(endpoint);
        LOG.info("listening on {} (gRPC and HTTP) as {}", endpoint.port(), config.advertiseAddr());

        node.start();
        opened.push(node);
        gc.start();
        ticker = new FakeBinlogTicker(fakeBinlogs, tso, service::lastWriteMillis, config.genBinlogInterval());
        ticker.start();
        opened.push(ticker);
        if (!config.metricsAddr().isBlank() && !config.metricsInterval().isZero()) {
            MetricsPusher pusher = new MetricsPusher(config.metricsAddr(), metrics, nodeId);
            pusher.start(config.metricsInterval());
            opened.push(pusher);
            LOG.info("pushing metrics to {} every {}", config.metricsAddr(), config.metricsInterval());
        }
        LOG.info("pump-bridge {} is online", nodeId);
    }

    /**
     * Pump dials PD and etcd with TLS whenever {@code [security]} is set, whatever scheme pd-urls spells
     * (tutorials keep {@code http://} there); our clients take the scheme literally, so it is upgraded here.
     */
    private static String tlsScheme(PumpConfig config, String urls) {
        return config.tls() == null ? urls : urls.replace("http://", "https://");
    }

    public String nodeId() {
        return nodeId;
    }

    public long clusterId() {
        return clusterId;
    }

    /** The bound port (gRPC and HTTP). */
    public int port() {
        return endpoint.port();
    }

    public PumpMetrics metrics() {
        return metrics;
    }

    public BinlogStorage storage() {
        return storage;
    }

    public PumpNode node() {
        return node;
    }

    /** Blocks until the bridge has shut down (by {@link #close()} or an HTTP pause/close action). */
    public void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Shuts down in Pump's order: loops, final registry state (paused; offline after drainers caught up when
     * closing), gRPC and HTTP (a bounded grace period), storage, registry, PD, the data directory lock. Only the
     * first call acts; later calls wait for it.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        LOG.info("pump-bridge {} shutting down (state {})", nodeId, node == null ? "-" : node.state());
        closeQuietly(ticker);
        closeQuietly(gc);
        closeQuietly(node);
        if (service != null) {
            service.close();
        }
        if (endpoint != null) {
            endpoint.shutdown(GRPC_GRACE);
        }
        opened.removeIf(c -> c == ticker || c == gc || c == node || c == endpoint); // closed above, in Pump's order
        closeOpened();
        LOG.info("pump-bridge {} stopped", nodeId);
        closed.countDown();
    }

    private void closeOpened() {
        while (!opened.isEmpty()) {
            closeQuietly(opened.pop());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
