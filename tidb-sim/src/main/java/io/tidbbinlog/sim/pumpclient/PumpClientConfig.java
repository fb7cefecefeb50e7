package io.tidbbinlog.sim.pumpclient;

import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.registry.RegistryConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link PumpsClient}, defaulting to TiDB's (pump_client/client.go, TiDB {@code [binlog]}
 * config). Times are shortened by tests; production values are TiDB's.
 *
 * @param registry             the etcd holding the pump registry (PD's etcd), root {@code /tidb-binlog/v1}
 * @param clusterId            PD's cluster id, sent in every WriteBinlogReq ({@code PdClient.clusterId()})
 * @param strategy             {@code binlog.strategy}; TiDB default range
 * @param writeTimeout         {@code binlog.write-timeout}: deadline of one call, and the prewrite retry budget;
 *                             TiDB default 15 s
 * @param commitBinlogTimeout  how long a commit/rollback binlog is retried ({@code CommitBinlogTimeout}, 10 min)
 * @param detectInterval       how often unavailable online pumps are probed ({@code CheckInterval}, 30 s)
 * @param prewriteRetrySleep   pause between prewrite attempts ({@code RetryInterval}, 100 ms)
 * @param commitRetrySleep     pause between commit attempts ({@code RetryInterval * 10}, 1 s)
 * @param maxConsecutiveErrors a pump with more failed calls in a row is unavailable ({@code defaultMaxErrNums}, 10)
 * @param pumpTls              TLS files for the pump connections, or null for plain text
 * @param maxPendingCommits    bound on commit/rollback binlogs in flight; {@code writeCommit} waits for a slot
 *                             beyond it (TiDB starts one goroutine per binlog, without a bound)
 */
public record PumpClientConfig(RegistryConfig registry, long clusterId, SelectionStrategy strategy,
                               Duration writeTimeout, Duration commitBinlogTimeout, Duration detectInterval,
                               Duration prewriteRetrySleep, Duration commitRetrySleep, int maxConsecutiveErrors,
                               TlsFiles pumpTls, int maxPendingCommits) {

    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_COMMIT_BINLOG_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_DETECT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PREWRITE_RETRY_SLEEP = Duration.ofMillis(100);
    public static final Duration DEFAULT_COMMIT_RETRY_SLEEP = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_CONSECUTIVE_ERRORS = 10;
    public static final int DEFAULT_MAX_PENDING_COMMITS = 10_000;

    public PumpClientConfig {
        Objects.requireNonNull(registry, "registry config is required");
        Objects.requireNonNull(strategy, "strategy is required");
        requirePositive("write timeout", writeTimeout);
        requirePositive("commit binlog timeout", commitBinlogTimeout);
        requirePositive("detect interval", detectInterval);
        requireNotNegative("prewrite retry sleep", prewriteRetrySleep);
        requireNotNegative("commit retry sleep", commitRetrySleep);
        if (maxConsecutiveErrors < 0) {
            throw new IllegalArgumentException("max consecutive errors must not be negative: " + maxConsecutiveErrors);
        }
        if (maxPendingCommits < 1) {
            throw new IllegalArgumentException("max pending commits must be at least 1: " + maxPendingCommits);
        }
    }

    /** TiDB's defaults for a cluster: range strategy, 15 s write timeout, plain text. */
    public static PumpClientConfig of(RegistryConfig registry, long clusterId) {
        return new PumpClientConfig(registry, clusterId, SelectionStrategy.RANGE, DEFAULT_WRITE_TIMEOUT,
                DEFAULT_COMMIT_BINLOG_TIMEOUT, DEFAULT_DETECT_INTERVAL, DEFAULT_PREWRITE_RETRY_SLEEP,
                DEFAULT_COMMIT_RETRY_SLEEP, DEFAULT_MAX_CONSECUTIVE_ERRORS, null, DEFAULT_MAX_PENDING_COMMITS);
    }

    /** TiDB's defaults, with the cluster id read from PD as TiDB's {@code NewPumpsClient} does. */
    public static PumpClientConfig of(RegistryConfig registry, PdClient pd) {
        return of(registry, pd.clusterId());
    }

    public PumpClientConfig withStrategy(SelectionStrategy s) {
        return new PumpClientConfig(registry, clusterId, s, writeTimeout, commitBinlogTimeout, detectInterval,
                prewriteRetrySleep, commitRetrySleep, maxConsecutiveErrors, pumpTls, maxPendingCommits);
    }

    /** From TiDB's {@code binlog.strategy} text; unknown names fall back to range with a warning. */
    public PumpClientConfig withStrategy(String configName) {
        return withStrategy(SelectionStrategy.fromConfig(configName));
    }

    public PumpClientConfig withWriteTimeout(Duration d) {
        return new PumpClientConfig(registry, clusterId, strategy, d, commitBinlogTimeout, detectInterval,
                prewriteRetrySleep, commitRetrySleep, maxConsecutiveErrors, pumpTls, maxPendingCommits);
    }

    public PumpClientConfig withCommitBinlogTimeout(Duration d) {
        return new PumpClientConfig(registry, clusterId, strategy, writeTimeout, d, detectInterval,
                prewriteRetrySleep, commitRetrySleep, maxConsecutiveErrors, pumpTls, maxPendingCommits);
    }

    public PumpClientConfig withDetectInterval(Duration d) {
        return new PumpClientConfig(registry, clusterId, strategy, writeTimeout, commitBinlogTimeout, d,
                prewriteRetrySleep, commitRetrySleep, maxConsecutiveErrors, pumpTls, maxPendingCommits);
    }

    public PumpClientConfig withRetrySleeps(Duration prewrite, Duration commit) {
        return new PumpClientConfig(registry, clusterId, strategy, writeTimeout, commitBinlogTimeout,
                detectInterval, prewrite, commit, maxConsecutiveErrors, pumpTls, maxPendingCommits);
    }

    public PumpClientConfig withMaxConsecutiveErrors(int n) {
        return new PumpClientConfig(registry, clusterId, strategy, writeTimeout, commitBinlogTimeout,
                detectInterval, prewriteRetrySleep, commitRetrySleep, n, pumpTls, maxPendingCommits);
    }

    public PumpClientConfig withPumpTls(TlsFiles tls) {
        return new PumpClientConfig(registry, clusterId, strategy, writeTimeout, commitBinlogTimeout,
                detectInterval, prewriteRetrySleep, commitRetrySleep, maxConsecutiveErrors, tls, maxPendingCommits);
    }

    public PumpClientConfig withMaxPendingCommits(int n) {
        return new PumpClientConfig(registry, clusterId, strategy, writeTimeout, commitBinlogTimeout,
                detectInterval, prewriteRetrySleep, commitRetrySleep, maxConsecutiveErrors, pumpTls, n);
    }

    private static void requirePositive(String what, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    private static void requireNotNegative(String what, Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
    }
}
