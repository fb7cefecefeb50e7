package io.tidbbinlog.pump.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The metrics an operator of Pump watches, under Pump's own names (binlog:pump/metrics.go,
 * binlog:pump/storage/metrics.go) so that TiDB Binlog's Grafana dashboards and alert rules keep working, plus a few
 * of our own (marked below). One instance per pump-bridge, each with its own registry, so that several bridges can
 * run in one JVM (tests, the quickstart).
 */
public final class PumpMetrics {

    private final CollectorRegistry registry = new CollectorRegistry(true);

    /** Labels: method (WriteBinlog, PullBinlogs), label (succ, fail). */
    public final Histogram rpcDuration = Histogram.build()
            .namespace("binlog").subsystem("pump").name("rpc_duration_seconds")
            .help("Bucketed histogram of processing time (s) of rpc queries.")
            .exponentialBuckets(0.00005, 2, 18)
            .labelNames("method", "label").register(registry);

    /** Incremented when a commit binlog is skipped on pull because its prewrite is missing. */
    public final Counter lossBinlog = Counter.build()
            .namespace("binlog").subsystem("pump").name("loss_binlog_count")
            .help("Total loss binlog count").register(registry);

    /** Incremented when an online drainer's checkpoint is older than what GC is about to remove (or removed). */
    public final Counter detectedDrainerBinlogPurge = Counter.build()
            .namespace("binlog").subsystem("pump").name("detected_drainer_binlog_purge_count")
            .help("binlog purge count > 0 means some unread binlog was purged")
            .labelNames("id").register(registry);

    public final Gauge gcTs = Gauge.build()
            .namespace("binlog").subsystem("pump_storage").name("gc_ts")
            .help("gc ts of storage").register(registry);

    public final Gauge doneGcTs = Gauge.build()
            .namespace("binlog").subsystem("pump_storage").name("done_gc_ts")
            .help("the data at or below this gc ts has been collected").register(registry);

    /** Labels: type (capacity, available, used). */
    public final Gauge storageSize = Gauge.build()
            .namespace("binlog").subsystem("pump_storage").name("storage_size_bytes")
            .help("storage size info").labelNames("type").register(registry);

    public final Gauge maxCommitTs = Gauge.build()
            .namespace("binlog").subsystem("pump_storage").name("max_commit_ts")
            .help("max commit ts of storage").register(registry);

    /** Pump counts TiKV queries; ours go to the cluster's MVCC API, same meaning. */
    public final Counter queryTikv = Counter.build()
            .namespace("binlog").subsystem("pump_storage").name("query_tikv_count")
            .help("Total count that queried the cluster for a transaction's status.").register(registry);

    /** Labels: type (write_binlog, read_value, no_space, corrupt_record, resolve, ...). */
    public final Counter storageErrors = Counter.build()
            .namespace("binlog").subsystem("pump_storage").name("error_count")
            .help("Total error count in storage").labelNames("type").register(registry);

    /** Labels: type (single, batch). */
    public final Histogram writeBinlogSize = Histogram.build()
            .namespace("binlog").subsystem("pump_storage").name("write_binlog_size")
            .help("write binlog size").exponentialBuckets(16, 2, 25)
            .labelNames("type").register(registry);

    /** Labels: type (single = one binlog until acknowledged, batch = one group commit write + fsync). */
    public final Histogram writeBinlogDuration = Histogram.build()
            .namespace("binlog").subsystem("pump_storage").name("write_binlog_duration_time")
            .help("Bucketed histogram of write time (s) of binlog.").exponentialBuckets(0.00005, 2, 20)
            .labelNames("type").register(registry);

    /** Ours: prewrite binlogs waiting for their commit binlog (they hold the watermark back). */
    public final Gauge waitingPrewrites = Gauge.build()
            .namespace("binlog").subsystem("pump_storage").name("waiting_prewrites")
            .help("Prewrite binlogs still waiting for their commit binlog.").register(registry);

    /** Ours: rejected requests by reason (cluster_id, not_online, bad_payload, too_large, no_space). */
    public final Counter rejectedWrites = Counter.build()
            .namespace("binlog").subsystem("pump").name("rejected_write_count")
            .help("WriteBinlog requests refused, by reason.").labelNames("reason").register(registry);

    /** Ours: bytes streamed to pullers. */
    public final Counter pulledBytes = Counter.build()
            .namespace("binlog").subsystem("pump").name("pulled_bytes_total")
            .help("Bytes of binlog payload sent to pullers.").register(registry);

    /** Ours: fake binlogs written by the heartbeat of the stream. */
    public final Counter fakeBinlogs = Counter.build()
            .namespace("binlog").subsystem("pump").name("fake_binlog_count")
            .help("Fake binlogs written to advance the stream.").register(registry);

    public CollectorRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition (version 0.0.4) of every metric, for GET /metrics. */
    public String scrape() {
        StringWriter out = new StringWriter();
        try {
            TextFormat.write004(out, registry.metricFamilySamples());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
