package io.tidbbinlog.pump.config;

import io.tidbbinlog.pd.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A pump-bridge's settings: Pump's TOML keys and flags (spec §10.1, binlog:pump/config.go) plus our additions
 * ({@code etcd-urls}, {@code tidb-status-urls}). Built and validated by {@code PumpConfigLoader}; every field is
 * already defaulted and checked here.
 *
 * @param nodeId                    {@code node-id}; empty = read {@code .node} or generate hostname:port
 * @param addr                      {@code addr}: host:port to listen on (gRPC and HTTP on the same port)
 * @param advertiseAddr             {@code advertise-addr}: host:port registered for TiDB and drainers (never 0.0.0.0)
 * @param socket                    {@code socket}: optional unix socket path for gRPC; empty = none
 * @param pdUrls                    {@code pd-urls}: comma-separated PD endpoints (gRPC for cluster id/TSO, etcd)
 * @param etcdUrls                  ours, {@code etcd-urls}: registry endpoints when not PD's own etcd; empty = pd-urls
 * @param tidbStatusUrls            ours, {@code tidb-status-urls}: TiDB status API base URLs for lost-commit
 *                                  resolution; empty = discover from PD's etcd ({@code /topology/tidb})
 * @param dataDir                   {@code data-dir}
 * @param heartbeatInterval         {@code heartbeat-interval} (integer seconds in TOML)
 * @param gc                        {@code gc}: retention, days as an integer or a Go duration such as {@code 8h}
 * @param genBinlogInterval         {@code gen-binlog-interval} (flag {@code -fake-binlog-interval}), seconds
 * @param maxMessageSize            {@code -max-message-size}: largest gRPC message accepted, bytes
 * @param logFile                   {@code log-file}; empty = stderr
 * @param logLevel                  {@code log-level} (flag {@code -L}): debug, info, warn, error, fatal
 * @param syncLog                   {@code [storage] sync-log}
 * @param stopWriteAtAvailableSpace {@code [storage] stop-write-at-available-space}, bytes
 * @param slowWriteThreshold        {@code [storage] slow_write_threshold}
 * @param tls                       {@code [security] ssl-ca, ssl-cert, ssl-key}; null = plaintext
 * @param certAllowedCn             {@code [security] cert-allowed-cn}: client certificate CNs allowed; empty = any
 * @param metricsAddr               {@code metrics-addr}: Prometheus pushgateway; empty = no push
 * @param metricsInterval           {@code metrics-interval}, seconds between pushes
 */
public record PumpConfig(
        String nodeId,
        String addr,
        String advertiseAddr,
        String socket,
        String pdUrls,
        String etcdUrls,
        List<String> tidbStatusUrls,
        Path dataDir,
        Duration heartbeatInterval,
        Duration gc,
        Duration genBinlogInterval,
        int maxMessageSize,
        String logFile,
        String logLevel,
        boolean syncLog,
        long stopWriteAtAvailableSpace,
        Duration slowWriteThreshold,
        TlsFiles tls,
        List<String> certAllowedCn,
        String metricsAddr,
        Duration metricsInterval) {

    /** Pump's default gRPC receive limit: MaxInt - 4 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = Integer.MAX_VALUE - (4 << 20);

    public PumpConfig {
        tidbStatusUrls = List.copyOf(tidbStatusUrls);
        certAllowedCn = List.copyOf(certAllowedCn);
    }

    /** The endpoints of the node registry: {@code etcd-urls} when set, else PD's. */
    public String registryUrls() {
        return etcdUrls == null || etcdUrls.isBlank() ? pdUrls : etcdUrls;
    }
}
