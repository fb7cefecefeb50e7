package io.tidbbinlog.pump.metrics;

import io.prometheus.client.exporter.PushGateway;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pump's {@code metrics-addr}: every {@code metrics-interval}, the whole registry is added (POST) to a Prometheus
 * pushgateway under job {@code binlog} and grouping {@code instance=<node id>} (binlog:pkg/util/p8s.go,
 * pump/server.go). A push that fails is logged and retried at the next tick; scraping {@code /metrics} on the
 * pump's port works whether or not this runs.
 */
public final class MetricsPusher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsPusher.class);
    static final String JOB = "binlog";

    private final PushGateway gateway;
    private final PumpMetrics metrics;
    private final Map<String, String> grouping;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pump-metrics-push");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong pushes = new AtomicLong();

    /**
     * @param address a pushgateway {@code host:port}, or a URL with a scheme
     */
    public MetricsPusher(String address, PumpMetrics metrics, String nodeId) {
        this.gateway = gateway(address);
        this.metrics = metrics;
        this.grouping = Map.of("instance", nodeId);
    }

    private static PushGateway gateway(String address) {
        if (!address.contains("://")) {
            return new PushGateway(address);
        }
        try {
            return new PushGateway(new URL(address));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("metrics-addr is not a usable address: '" + address + "'", e);
        }
    }

    public void start(Duration interval) {
        long ms = interval.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("metrics-interval must be positive to push: " + interval);
        }
        scheduler.scheduleWithFixedDelay(this::pushOnce, ms, ms, TimeUnit.MILLISECONDS);
    }

    void pushOnce() {
        try {
            gateway.pushAdd(metrics.registry(), JOB, grouping);
            pushes.incrementAndGet();
        } catch (IOException | RuntimeException e) {
            LOG.error("push metrics to Prometheus Pushgateway failed: {}", e.getMessage());
        }
    }

    /** Pushes that succeeded. */
    public long pushes() {
        return pushes.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
