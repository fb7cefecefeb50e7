package io.tidbbinlog.sim.cli;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pumpclient.NoPumpFoundException;
import io.tidbbinlog.sim.reference.JdbcTarget;
import io.tidbbinlog.sim.reference.QueuedReference;
import io.tidbbinlog.sim.reference.ReferenceApplier;
import io.tidbbinlog.sim.txn.TxnListener;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSchema;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tidb-sim run}: PD + TiDB, the workload, the reference database, live progress. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts PD (gRPC) and TiDB (pump client, HTTP status API); like TiDB it refuses to start "
                + "without a pump in the registry (or waits for one with --wait-for-pump). Then runs the seeded "
                + "workload and applies every committed transaction to the reference database.",
                "Exit code: 0 when every transaction that should commit did (and the reference kept up), "
                        + "1 otherwise, 2 on bad usage."})
final class RunCommand implements Callable<Integer> {
    enum Workload { standard, none }

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Listen address. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--pd-port", defaultValue = "2379", description = "PD gRPC port (what pumps and drainers take "
            + "as pd-urls). Default: ${DEFAULT-VALUE}; 0 = any free port.")
    int pdPort;

    @Option(names = "--status-port", defaultValue = "10080", description = "TiDB HTTP status API port. "
            + "Default: ${DEFAULT-VALUE}; 0 = any free port.")
    int statusPort;

    @Option(names = "--etcd-urls", required = true, description = "etcd holding the pump registry "
            + "(/tidb-binlog/v1/pumps), comma separated.")
    String etcdUrls;

    @Option(names = "--data-dir", description = "Keeps the cluster across restarts (default: in memory): PD's "
            + "cluster id and TSO window, TiDB's schema, DDL history and row id allocators, the workload's schema and "
            + "key numbering, so a second run on the same dir continues the same cluster against the same pumps and "
            + "reference. Rows are not kept: after a restart updates and deletes pick only rows inserted since.")
    Path dataDir;

    @Option(names = "--wait-for-pump", defaultValue = "0s", converter = GoDurationConverter.class,
            description = "How long TiDB waits for a pump to register before giving up; 0s fails at once as TiDB "
                    + "does. Default: ${DEFAULT-VALUE}.")
    Duration waitForPump;

    @Option(names = "--strategy", defaultValue = "range", description = "TiDB binlog.strategy: range or hash. "
            + "Default: ${DEFAULT-VALUE}.")
    String strategy;

    @Option(names = "--write-timeout", defaultValue = "15s", converter = GoDurationConverter.class,
            description = "TiDB binlog.write-timeout. Default: ${DEFAULT-VALUE}.")
    Duration writeTimeout;

    @Option(names = "--ignore-error", description = "TiDB binlog.ignore-error: on the first binlog failure, stop "
            + "writing binlogs and keep committing (recover with GET /binlog/recover).")
    boolean ignoreError;

    @Option(names = "--pump-ssl-ca", description = "CA for the pumps' TLS (TiDB [security] cluster-ssl-ca).")
    String pumpSslCa;

    @Option(names = "--pump-ssl-cert", description = "Client certificate for the pumps' TLS.")
    String pumpSslCert;

    @Option(names = "--pump-ssl-key", description = "Client key for the pumps' TLS.")
    String pumpSslKey;

    @Option(names = "--workload", defaultValue = "standard", description = "standard (every column type, three "
            + "handle kinds, DDL) or none (serve PD and the status API only). Default: ${DEFAULT-VALUE}.")
    Workload workload;

    @Option(names = "--seed", defaultValue = "1", description = "Workload seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sessions", defaultValue = "4", description = "Concurrent sessions. Default: ${DEFAULT-VALUE}.")
    int sessions;

    @Option(names = "--rate", defaultValue = "0", description = "Transactions per second over all sessions; "
            + "0 = as fast as possible. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--rows-per-txn", defaultValue = "1-5", description = "Row statements per transaction, N or "
            + "MIN-MAX. Default: ${DEFAULT-VALUE}.")
    String rowsPerTxn;

    @Option(names = "--multi-table", defaultValue = "0.3", description = "Share of transactions over several "
            + "tables. Default: ${DEFAULT-VALUE}.")
    double multiTable;

    @Option(names = "--ddl-every", defaultValue = "50", description = "One DDL after every N transactions; 0 = no "
            + "DDL. Default: ${DEFAULT-VALUE}.")
    int ddlEvery;

    @Option(names = "--abort-ratio", defaultValue = "0.01", description = "Share of transactions failed after their "
            + "prewrite binlog (a Rollback binlog follows). Default: ${DEFAULT-VALUE}.")
    double abortRatio;

    @Option(names = "--large-txn-every", defaultValue = "0", description = "Every N-th transaction of a session is "
            + "a large one; 0 = never. Default: ${DEFAULT-VALUE}.")
    int largeTxnEvery;

    @Option(names = "--large-txn-mb", defaultValue = "0", description = "Size of a large transaction in MiB. "
            + "Default: ${DEFAULT-VALUE}.")
    int largeTxnMb;

    @Option(names = "--max-rows-per-table", defaultValue = "50000", description = "tidb-sim keeps rows in memory: "
            + "a table this full trades inserts for deletes. Default: ${DEFAULT-VALUE}.")
    long maxRowsPerTable;

    @Option(names = "--txns", defaultValue = "0", description = "Stop after this many transactions; 0 = no count "
            + "limit. Default: ${DEFAULT-VALUE}.")
    long txns;

    @Option(names = "--duration", converter = GoDurationConverter.class, description = "Stop after this long "
            + "(e.g. 30s, 5m). Without --txns or --duration the workload runs until interrupted.")
    Duration duration;

    @Option(names = "--time-zones", split = ",", defaultValue = "UTC,Asia/Shanghai,America/New_York",
            description = "Session time zones, round robin. Default: ${DEFAULT-VALUE}.")
    List<ZoneId> timeZones;

    @Option(names = "--reference-url", description = "JDBC URL of the reference MariaDB/MySQL (every committed "
            + "transaction is applied there, in commit order).")
    String referenceUrl;

    @Option(names = "--reference-user", defaultValue = "root", description = "Default: ${DEFAULT-VALUE}.")
    String referenceUser;

    @Option(names = "--reference-password", defaultValue = "${env:TIDB_SIM_REFERENCE_PASSWORD}", arity = "0..1",
            interactive = true, description = "Default: $TIDB_SIM_REFERENCE_PASSWORD.")
    String referencePassword;

    @Option(names = "--keep-running", description = "After the workload, keep serving PD and the status API until "
            + "interrupted (so pumps and drainers can catch up).")
    boolean keepRunning;

    @Option(names = "--progress", defaultValue = "auto", description = "auto (in place on a terminal), lines, or "
            + "off. Default: ${DEFAULT-VALUE}.")
    String progress;

    @Option(names = "--registry-root", defaultValue = "/tidb-binlog/v1", hidden = true,
            description = "Registry root path (tests run several clusters on one etcd).")
    String registryRoot;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CountDownLatch interrupted = new CountDownLatch(1);
    private final WorkloadDriver[] driver = new WorkloadDriver[1];

    private volatile boolean finishedWorkload;

    /** True once the workload ended, its binlogs drained and the reference caught up (the report is printed). */
    boolean finishedWorkload() {
        return finishedWorkload;
    }

    /** What Ctrl-C does: end the workload after the transactions in flight, then stop serving. */
    void requestStop() {
        interrupted.countDown();
        WorkloadDriver d = driver[0];
        if (d != null) {
            d.stop();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        WorkloadSpec workloadSpec = workload == Workload.standard ? workloadSpec() : null;
        SimClusterConfig defaults = SimClusterConfig.loopback(RegistryConfig.of(etcdUrls).withRootPath(registryRoot));
        SimClusterConfig config = new SimClusterConfig(host, pdPort, statusPort, dataDir, defaults.registry(),
                pumpTls(), strategy, writeTimeout, ignoreError, defaults.commitTimeout(), defaults.detectInterval(),
                seed);

        List<AutoCloseable> resources = new ArrayList<>();
        QueuedReference reference = null;
        List<TxnListener> listeners = new ArrayList<>();
        if (referenceUrl != null) {
            ReferenceApplier applier = new ReferenceApplier(new JdbcTarget(referenceUrl, referenceUser,
                    referencePassword == null ? "" : referencePassword));
            resources.add(applier);
            reference = new QueuedReference(applier, 10_000, 256L << 20);
            resources.add(0, reference);
            listeners.add(reference);
        }
        WorkloadDriver[] driver = this.driver;
        Thread hook = new Thread(this::requestStop, "tidb-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        SimCluster sim;
        try {
            sim = startCluster(config, listeners, out);
        } catch (NoPumpFoundException e) {
            closeAll(resources);
            removeHook(hook);
            spec.commandLine().getErr().println("tidb-sim: " + e.getMessage()
                    + (waitForPump.isZero() ? "" : " after waiting " + GoDurationConverter.format(waitForPump))
                    + "; TiDB refuses to start without a pump (start one, or give --wait-for-pump)");
            return 1;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            // An unusable --data-dir (another cluster's, a corrupt file): the message names the file.
            closeAll(resources);
            removeHook(hook);
            spec.commandLine().getErr().println("tidb-sim: " + e.getMessage());
            return 1;
        }
        resources.add(0, sim);
        try {
            out.printf("tidb-sim: cluster id %d, PD %s, TiDB status API %s, pumps %s%n", sim.clusterId(),
                    sim.pdUrl(), sim.statusUrl(), sim.pumps().knownPumpIds());
            out.flush();
            int status = 0;
            if (workloadSpec != null) {
                status = runWorkload(sim, workloadSpec, reference, driver, out);
            }
            if (workloadSpec == null || keepRunning) {
                out.println("tidb-sim: serving until interrupted (Ctrl-C)");
                out.flush();
                interrupted.await();
            }
            return status;
        } finally {
            closeAll(resources);
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: nothing to remove.
        }
    }

    /**
     * PD first; then TiDB, which fails without a registered pump. With {@code --wait-for-pump} PD keeps serving
     * while TiDB retries, so pumps (which need PD's cluster id) can be started after tidb-sim.
     */
    private SimCluster startCluster(SimClusterConfig config, List<TxnListener> listeners, PrintWriter out)
            throws InterruptedException {
        PdServer pd = SimCluster.startPd(config);
        long deadline = System.nanoTime() + waitForPump.toNanos();
        boolean announced = false;
        try {
            while (true) {
                try {
                    return SimCluster.startTidb(config, pd, listeners);
                } catch (NoPumpFoundException e) {
                    if (System.nanoTime() >= deadline) {
                        throw e;
                    }
                    if (!announced) {
                        out.printf("tidb-sim: PD is up at %s (cluster id %d); waiting up to %s for a pump to "
                                + "register%n", pd.url(), pd.clusterId(), GoDurationConverter.format(waitForPump));
                        out.flush();
                        announced = true;
                    }
                    Thread.sleep(500);
                }
            }
        } catch (RuntimeException | InterruptedException e) {
            pd.close();
            throw e;
        }
    }

    private int runWorkload(SimCluster sim, WorkloadSpec workloadSpec, QueuedReference reference,
                            WorkloadDriver[] driverSlot, PrintWriter out) throws Exception {
        // A restarted cluster (same --data-dir) resumes the workload's schema, as its own DDL left it.
        WorkloadSchema schema = sim.workloadState().savedSchema().orElseGet(WorkloadTables::standard);
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), workloadSpec, schema,
                sim.workloadState());
        try {
            driver.limitTableSizes(maxRowsPerTable, Math.max(256L << 20, 2L * largeTxnMb << 20));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-rows-per-table: " + e.getMessage());
        }
        driverSlot[0] = driver;
        DriveCounters c = driver.counters();
        ProgressPrinter printer = "off".equals(progress) ? null : new ProgressPrinter(out,
                () -> new ProgressPrinter.Snapshot(c.committed(), c.rows(), c.ddls(), c.aborted(),
                        c.errors() + (reference != null && reference.failure() != null ? 1 : 0),
                        sim.pumps().pendingCommits(), c.lastCommitTs()),
                "auto".equals(progress) && System.console() != null).start();
        try {
            driver.createSchema(schema);
            driver.run();
        } finally {
            if (printer != null) {
                printer.close();
            }
        }
        boolean drained = sim.awaitCommitBinlogs(Duration.ofMinutes(10));
        String referenceState = "no reference database";
        boolean referenceOk = true;
        if (reference != null) {
            try {
                referenceOk = reference.drain(Duration.ofMinutes(30));
                referenceState = referenceOk ? "reference applied up to commit_ts " + reference.appliedCommitTs()
                        : "reference still applying after 30 minutes";
            } catch (RuntimeException e) {
                referenceOk = false;
                referenceState = "reference database FAILED: " + e.getMessage();
            }
        }
        out.printf("tidb-sim: %,d transactions (%,d rows), %,d DDL, %,d aborted on purpose, %,d statements refused "
                        + "as TiDB would, %,d errors; last commit_ts %d; %s%s%n", c.committed(), c.rows(), c.ddls(),
                c.aborted(), c.skippedStatements(), c.errors(), c.lastCommitTs(), referenceState,
                drained ? "" : "; some commit binlogs were still pending");
        for (String e : c.firstErrors()) {
            out.println("  error: " + e);
        }
        out.flush();
        finishedWorkload = true;
        return c.errors() == 0 && referenceOk ? 0 : 1;
    }

    private WorkloadSpec workloadSpec() {
        int min;
        int max;
        try {
            String[] parts = rowsPerTxn.split("-", 2);
            min = Integer.parseInt(parts[0].trim());
            max = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : min;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rows-per-txn must be N or MIN-MAX, was '"
                    + rowsPerTxn + "'");
        }
        try {
            return new WorkloadSpec(seed, sessions, rate, min, max, StatementMix.defaults(), multiTable, ddlEvery,
                    abortRatio, largeTxnEvery, largeTxnMb, duration, txns, timeZones);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private TlsFiles pumpTls() {
        if (pumpSslCa == null && pumpSslCert == null && pumpSslKey == null) {
            return null;
        }
        try {
            return TlsFiles.fromConfig(pumpSslCa, pumpSslCert, pumpSslKey);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("tidb-sim: closing " + r + " failed: " + e);
            }
        }
    }
}
