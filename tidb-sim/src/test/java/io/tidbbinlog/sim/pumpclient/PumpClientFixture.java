package io.tidbbinlog.sim.pumpclient;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.testservices.EtcdServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's registry root, pumps and clients, all closed together. Clients get short timings so that failure
 * paths finish in well under a second; everything else is TiDB's default.
 */
final class PumpClientFixture implements AutoCloseable {

    static final long CLUSTER_ID = 6_937_284_927_418_736_511L;
    private static final AtomicInteger ROOTS = new AtomicInteger();

    final RegistryConfig registryConfig;
    final NodeRegistry registry;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    PumpClientFixture(EtcdServer etcd) {
        // every test under its own root, so that it sees only its own pumps
        registryConfig = RegistryConfig.of(etcd.clientUrl()).withRootPath("/pc" + ROOTS.incrementAndGet() + "/v1");
        registry = NodeRegistry.connect(registryConfig);
    }

    /** A running pump registered online. */
    RecordingPumpServer onlinePump(String nodeId) {
        RecordingPumpServer pump = RecordingPumpServer.start(nodeId, CLUSTER_ID);
        toClose.add(pump);
        pump.registerIn(registry);
        return pump;
    }

    /** A pump that is already running (e.g. a TLS one), registered online and closed with the fixture. */
    RecordingPumpServer register(RecordingPumpServer pump) {
        toClose.add(pump);
        pump.registerIn(registry);
        return pump;
    }

    PumpClientConfig config() {
        return PumpClientConfig.of(registryConfig, CLUSTER_ID)
                .withWriteTimeout(Duration.ofMillis(500))
                .withRetrySleeps(Duration.ofMillis(10), Duration.ofMillis(50))
                .withDetectInterval(Duration.ofMillis(200));
    }

    PumpsClient start(PumpClientConfig config) {
        PumpsClient client = PumpsClient.start(config);
        toClose.add(0, client);
        return client;
    }

    PumpsClient start() {
        return start(config());
    }

    static Binlog prewrite(long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFromUtf8("t\u0080k" + startTs))
                .setPrewriteValue(ByteString.copyFromUtf8("value of " + startTs)).build();
    }

    static Binlog commit(long startTs, long commitTs) {
        return Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs).setCommitTs(commitTs).build();
    }

    static Binlog rollback(long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(startTs).setCommitTs(0).build();
    }

    static List<Long> startTsOf(List<Binlog> binlogs) {
        return binlogs.stream().map(Binlog::getStartTs).toList();
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        registry.close();
    }
}
