package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.registry.RegistryConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a simulated TiDB cluster.
 *
 * @param host            address the PD and status servers listen on
 * @param pdPort          PD's gRPC port (TiDB's default 2379); 0 = a free port
 * @param statusPort      TiDB's HTTP status port (default 10080); 0 = a free port
 * @param dataDir         where PD keeps its cluster id and TSO window, and TiDB its catalog, id allocator bounds and
 *                        the workload's state, across restarts ({@code pd/}, {@code tidb/}, {@code workload/});
 *                        null = in memory
 * @param registry        the etcd holding the pump registry (PD's etcd; {@code etcd-urls} in our components)
 * @param pumpTls         TLS for the pumps' gRPC (TiDB's {@code [security] cluster-ssl-*}); null = plain text
 * @param strategy        TiDB's {@code binlog.strategy}: range or hash
 * @param writeTimeout    TiDB's {@code binlog.write-timeout}
 * @param ignoreError     TiDB's {@code binlog.ignore-error}
 * @param commitTimeout   how long a commit binlog is retried (TiDB: 10 minutes)
 * @param detectInterval  how often unavailable pumps are probed (TiDB: 30 s)
 * @param abortSeed       seeds the engine's own random abort draws (the workload's aborts are planned)
 */
public record SimClusterConfig(String host, int pdPort, int statusPort, Path dataDir, RegistryConfig registry,
                               TlsFiles pumpTls, String strategy, Duration writeTimeout, boolean ignoreError,
                               Duration commitTimeout, Duration detectInterval, long abortSeed) {
    public SimClusterConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(registry, "registry (etcd endpoints)");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(commitTimeout, "commitTimeout");
        Objects.requireNonNull(detectInterval, "detectInterval");
        if (pdPort < 0 || pdPort > 65535 || statusPort < 0 || statusPort > 65535) {
            throw new IllegalArgumentException("ports must be within 0..65535: pd " + pdPort + ", status " + statusPort);
        }
    }

    /** Loopback, free ports, in-memory PD, TiDB's defaults for the pump client. */
    public static SimClusterConfig loopback(RegistryConfig registry) {
        return new SimClusterConfig("127.0.0.1", 0, 0, null, registry, null, "range", Duration.ofSeconds(15), false,
                Duration.ofMinutes(10), Duration.ofSeconds(30), 1);
    }

    public SimClusterConfig withPorts(int newPdPort, int newStatusPort) {
        return new SimClusterConfig(host, newPdPort, newStatusPort, dataDir, registry, pumpTls, strategy,
                writeTimeout, ignoreError, commitTimeout, detectInterval, abortSeed);
    }

    public SimClusterConfig withDataDir(Path dir) {
        return new SimClusterConfig(host, pdPort, statusPort, dir, registry, pumpTls, strategy, writeTimeout,
                ignoreError, commitTimeout, detectInterval, abortSeed);
    }

    public SimClusterConfig withPumpClient(String newStrategy, Duration newWriteTimeout, boolean newIgnoreError) {
        return new SimClusterConfig(host, pdPort, statusPort, dataDir, registry, pumpTls, newStrategy,
                newWriteTimeout, newIgnoreError, commitTimeout, detectInterval, abortSeed);
    }

    public SimClusterConfig withRetryTimings(Duration newCommitTimeout, Duration newDetectInterval) {
        return new SimClusterConfig(host, pdPort, statusPort, dataDir, registry, pumpTls, strategy, writeTimeout,
                ignoreError, newCommitTimeout, newDetectInterval, abortSeed);
    }

    public SimClusterConfig withPumpTls(TlsFiles tls) {
        return new SimClusterConfig(host, pdPort, statusPort, dataDir, registry, tls, strategy, writeTimeout,
                ignoreError, commitTimeout, detectInterval, abortSeed);
    }
}
