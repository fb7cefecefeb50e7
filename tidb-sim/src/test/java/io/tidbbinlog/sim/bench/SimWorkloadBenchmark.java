package io.tidbbinlog.sim.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * How fast tidb-sim produces binlogs: the standard workload (every column type, 1-5 rows a transaction, 4
 * sessions, no DDL or aborts) into a recording pump over loopback gRPC, against the reference of the very same
 * binlogs written to the same pump by bare gRPC stubs from as many threads (the transport alone), in the same run.
 * Prints one JSON line (also target/bench/sim.json). Run with {@code scripts/bench.sh sim}.
 */
public final class SimWorkloadBenchmark {
    private static final int SESSIONS = 32;
    private static final Duration MEASURE = Duration.ofSeconds(10);

    private SimWorkloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (EtcdServer etcd = EtcdServer.launch()) {
            RegistryConfig registry = RegistryConfig.of(etcd.clientUrl());
            SimClusterConfig config = SimClusterConfig.loopback(registry);
            PdServer pd = SimCluster.startPd(config);
            try (RecordingPumpServer pump = RecordingPumpServer.start("bench-pump", pd.clusterId())) {
                try (NodeRegistry r = NodeRegistry.connect(registry)) {
                    pump.registerIn(r);
                }
                double simTxnPerSecond;
                double simRowsPerSecond;
                List<Binlog> written;
                try (SimCluster sim = SimCluster.startTidb(config, pd, List.of())) {
                    WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec(null, 3_000),
                            WorkloadTables.standard());
                    driver.createSchema(WorkloadTables.standard());
                    driver.run(); // warm-up
                    sim.awaitCommitBinlogs(Duration.ofSeconds(60));
                    pump.clear();
                    WorkloadDriver measured = new WorkloadDriver(sim.engine(), sim.catalog(), spec(MEASURE, 0),
                            driver.schema());
                    long start = System.nanoTime();
                    DriveCounters c = measured.run();
                    sim.awaitCommitBinlogs(Duration.ofSeconds(60));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    simTxnPerSecond = c.committed() / seconds;
                    simRowsPerSecond = c.rows() / seconds;
                    written = pump.binlogs();
                    if (c.errors() > 0) {
                        throw new IllegalStateException("the workload failed: " + c.firstErrors());
                    }
                }
                pump.clear();
                long bytes = 0;
                for (Binlog b : written) {
                    bytes += b.getSerializedSize();
                }
                double bareTxnPerSecond = bareGrpc(pump, pd.clusterId(), written);
                long pairs = written.stream().filter(b -> b.getTp() == BinlogType.Commit).count();
                double ratio = simTxnPerSecond / bareTxnPerSecond;
                String json = String.format(Locale.ROOT,
                        "{\"bench\": \"sim\", \"machine\": {\"cores\": %d, \"java\": \"%s\"}, "
                                + "\"params\": {\"sessions\": %d, \"rows_per_txn\": \"1-5\", \"seconds\": %d, "
                                + "\"tables\": \"standard (every column type, three handle kinds)\", "
                                + "\"pump\": \"recording gRPC pump on loopback\"}, "
                                + "\"figures\": {\"txn_per_s\": %.0f, \"rows_per_s\": %.0f, \"binlog_mb_per_s\": %.1f, "
                                + "\"txns\": %d}, "
                                + "\"references\": {\"bare_grpc_txn_per_s\": %.0f}, "
                                + "\"ratios\": {\"vs_bare_grpc\": %.2f}, "
                                + "\"targets\": {\"vs_bare_grpc\": \">= 0.5\"}, \"met\": %s}",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), SESSIONS,
                        MEASURE.toSeconds(), simTxnPerSecond, simRowsPerSecond,
                        bytes / 1e6 * simTxnPerSecond / Math.max(1, pairs), pairs, bareTxnPerSecond, ratio,
                        ratio >= 0.5);
                Path out = Path.of("target", "bench", "sim.json");
                Files.createDirectories(out.getParent());
                Files.writeString(out, json + System.lineSeparator(), StandardCharsets.UTF_8);
                System.out.println(json);
            }
        }
    }

    private static WorkloadSpec spec(Duration duration, long txns) {
        return new WorkloadSpec(1, SESSIONS, 0, 1, 5, StatementMix.defaults(), 0.3, 0, 0, 0, 0, duration, txns,
                List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai")));
    }

    /** The same prewrite and commit binlogs, each transaction's pair in order, from SESSIONS threads. */
    private static double bareGrpc(RecordingPumpServer pump, long clusterId, List<Binlog> binlogs) throws Exception {
        Map<Long, Binlog> prewrites = new HashMap<>();
        List<Binlog[]> pairs = new ArrayList<>();
        for (Binlog b : binlogs) {
            if (b.getTp() == BinlogType.Prewrite) {
                prewrites.put(b.getStartTs(), b);
            } else if (b.getTp() == BinlogType.Commit) {
                pairs.add(new Binlog[]{prewrites.get(b.getStartTs()), b});
            }
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", pump.port()).usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE).build();
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            PumpGrpc.PumpBlockingStub stub = PumpGrpc.newBlockingStub(channel);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < SESSIONS; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < pairs.size(); i += SESSIONS) {
                        for (Binlog b : pairs.get(i)) {
                            stub.writeBinlog(WriteBinlogReq.newBuilder().setClusterID(clusterId)
                                    .setPayload(ByteString.copyFrom(b.toByteArray())).build());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return pairs.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
