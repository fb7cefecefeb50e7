package io.tidbbinlog.pump.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.proto.pump.PullBinlogReq;
import io.tidbbinlog.proto.pump.PullBinlogResp;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.Pos;
import io.tidbbinlog.pump.PumpBridge;
import io.tidbbinlog.pump.config.PumpConfig;
import io.tidbbinlog.pump.config.PumpConfigLoader;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.cluster.SimCluster;
import io.tidbbinlog.sim.cluster.SimClusterConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How fast a pump-bridge takes TiDB's binlog traffic, durably: 64 writer threads (TiDB sessions) each writing a
 * prewrite binlog with a 1 KiB prewrite value and then its commit binlog, acknowledged only after fsync, over
 * loopback gRPC. In the same run and alternating with it, on the same disk and the same load: the bare gRPC
 * reference (a Pump service that acknowledges without storing) and the bare fsync reference (one group-committing
 * appender, no gRPC). Then the latency at half the measured peak rate (open loop), and the pull rate of everything
 * stored, from the start, through PullBinlogs. Prints one JSON line (also target/bench/pump.json). Run with
 * {@code scripts/bench.sh pump}.
 */
public final class PumpBenchmark {
    private static final int WRITERS = 64;
    private static final int PAYLOAD_BYTES = 1024;
    private static final int CONNECTIONS = 4;
    private static final int ROUNDS = Integer.getInteger("pump.bench.rounds", 3);
    /** The pump's own paths (storage, sorter, index) need longer than the references' before the JIT is done. */
    private static final Duration PUMP_WARMUP = Duration.ofSeconds(15);
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(10);

    private PumpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of("target", "bench", "pump-data");
        deleteRecursively(work);
        Files.createDirectories(work);
        TxnLoad load = new TxnLoad(WRITERS, PAYLOAD_BYTES);
        List<Double> pumpRates = new ArrayList<>();
        List<Double> grpcRates = new ArrayList<>();
        List<Double> fsyncRates = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        List<Double> pumpCpu = new ArrayList<>();
        List<Double> grpcCpu = new ArrayList<>();
        List<Double> fsyncCpu = new ArrayList<>();
        double halfPeakP99;
        double pullMbPerSecond;
        long pulled;
        try (EtcdServer etcd = EtcdServer.launch()) {
            SimClusterConfig simConfig = SimClusterConfig.loopback(RegistryConfig.of(etcd.clientUrl()));
            try (PdServer pd = SimCluster.startPd(simConfig)) {
                int port = FreePorts.pick();
                PumpConfig config = new PumpConfigLoader(Map.of(), "127.0.0.1").loadConfig(List.of(
                        "-addr", "127.0.0.1:" + port, "-advertise-addr", "127.0.0.1:" + port,
                        "-pd-urls", pd.url(), "-etcd-urls", etcd.clientUrl(), "-node-id", "bench-pump",
                        "-data-dir", work.resolve("pump").toString(),
                        // the load brings its own timestamps; no fake binlogs in between
                        "-fake-binlog-interval", "3600"));
                try (PumpBridge pump = PumpBridge.start(config);
                     GrpcWriteSink toPump = new GrpcWriteSink("127.0.0.1", pump.port(), pump.clusterId(),
                             CONNECTIONS);
                     BareGrpcPump bare = new BareGrpcPump();
                     GrpcWriteSink toBare = new GrpcWriteSink("127.0.0.1", bare.port(), pump.clusterId(),
                             CONNECTIONS);
                     BareFsyncLog fsync = new BareFsyncLog(work.resolve("bare-fsync.log"))) {
                    load.run(toPump, PUMP_WARMUP, 0);
                    load.run(toBare, WARMUP, 0);
                    load.run(fsync, WARMUP, 0);
                    for (int round = 0; round < ROUNDS; round++) {
                        TxnLoad.Result p = load.run(toPump, MEASURE, 0);
                        pumpRates.add(p.txnPerSecond());
                        p50s.add(p.p50Millis());
                        p99s.add(p.p99Millis());
                        pumpCpu.add(p.cpuMicrosPerTxn());
                        TxnLoad.Result g = load.run(toBare, MEASURE, 0);
                        grpcRates.add(g.txnPerSecond());
                        grpcCpu.add(g.cpuMicrosPerTxn());
                        TxnLoad.Result f = load.run(fsync, MEASURE, 0);
                        fsyncRates.add(f.txnPerSecond());
                        fsyncCpu.add(f.cpuMicrosPerTxn());
                        System.err.printf(Locale.ROOT, "round %d: pump %.0f txn/s (p50 %.2f ms, p99 %.2f ms, "
                                        + "%.0f us CPU/txn), bare gRPC %.0f (%.0f us), bare fsync %.0f (%.0f us)%n",
                                round, p.txnPerSecond(), p.p50Millis(), p.p99Millis(), p.cpuMicrosPerTxn(),
                                g.txnPerSecond(), g.cpuMicrosPerTxn(), f.txnPerSecond(), f.cpuMicrosPerTxn());
                    }
                    double peak = median(pumpRates);
                    TxnLoad.Result half = load.run(toPump, MEASURE, peak / 2);
                    halfPeakP99 = half.p99Millis();
                    System.err.printf(Locale.ROOT, "at half peak (%.0f txn/s offered): %.0f txn/s, p99 %.2f ms%n",
                            peak / 2, half.txnPerSecond(), half.p99Millis());

                    long lastTs = load.lastTs();
                    long started = System.nanoTime();
                    pulled = pullAll("127.0.0.1", pump.port(), pump.clusterId(), lastTs);
                    pullMbPerSecond = pulled / 1e6 / ((System.nanoTime() - started) / 1e9);
                    System.err.printf(Locale.ROOT, "pulled %.1f MB at %.1f MB/s%n", pulled / 1e6, pullMbPerSecond);
                }
            }
        }
        double txnPerSecond = median(pumpRates);
        double grpc = median(grpcRates);
        double fsync = median(fsyncRates);
        double ratio = txnPerSecond / Math.min(grpc, fsync);
        boolean met = ratio >= 0.7 && halfPeakP99 <= 10;
        String json = String.format(Locale.ROOT,
                "{\"bench\": \"pump\", \"machine\": {\"cores\": %d, \"java\": \"%s\", \"commit\": \"%s\"}, "
                        + "\"params\": {\"writers\": %d, \"payload_bytes\": %d, \"fsync\": true, "
                        + "\"connections\": %d, \"rounds\": %d, \"round_s\": %d, "
                        + "\"txn\": \"prewrite binlog, then commit binlog, each acknowledged\"}, "
                        + "\"figures\": {\"txn_per_s\": %.0f, \"p50_ms\": %.2f, \"p99_ms\": %.2f, "
                        + "\"p99_ms_at_half_peak\": %.2f, \"pull_mb_per_s\": %.1f, \"pulled_mb\": %.1f, "
                        + "\"cpu_us_per_txn\": %.0f, \"bare_grpc_cpu_us_per_txn\": %.0f, "
                        + "\"bare_fsync_cpu_us_per_txn\": %.0f}, "
                        + "\"references\": {\"bare_grpc_txn_per_s\": %.0f, \"bare_fsync_txn_per_s\": %.0f}, "
                        + "\"ratios\": {\"vs_lower_reference\": %.3f, \"vs_bare_grpc\": %.3f, "
                        + "\"vs_bare_fsync\": %.3f}, "
                        + "\"targets\": {\"vs_lower_reference\": \">= 0.7\", \"p99_ms_at_half_peak\": \"<= 10\"}, "
                        + "\"met\": %s}",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), commit(),
                WRITERS, PAYLOAD_BYTES, CONNECTIONS, ROUNDS, MEASURE.toSeconds(), txnPerSecond, median(p50s),
                median(p99s), halfPeakP99, pullMbPerSecond, pulled / 1e6, median(pumpCpu), median(grpcCpu),
                median(fsyncCpu), grpc, fsync, ratio, txnPerSecond / grpc,
                txnPerSecond / fsync, met);
        Path out = Path.of("target", "bench", "pump.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json + System.lineSeparator(), StandardCharsets.UTF_8);
        deleteRecursively(work);
        System.out.println(json);
        System.exit(0);
    }

    /** Pulls from the start until the stream reaches {@code lastTs}; returns the payload bytes received. */
    private static long pullAll(String host, int port, long clusterId, long lastTs) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .maxInboundMessageSize(Integer.MAX_VALUE - (4 << 20)).build();
        long bytes = 0;
        try {
            Iterator<PullBinlogResp> stream = PumpGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.MINUTES)
                    .pullBinlogs(PullBinlogReq.newBuilder().setClusterID(clusterId)
                            .setStartFrom(Pos.newBuilder().setOffset(0)).build());
            while (stream.hasNext()) {
                PullBinlogResp resp = stream.next();
                bytes += resp.getEntity().getPayload().size();
                if (resp.getEntity().getMeta().getCommitTs() >= lastTs) {
                    break;
                }
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        return bytes;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
