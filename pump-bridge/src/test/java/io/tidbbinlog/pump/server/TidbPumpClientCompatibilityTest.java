package io.tidbbinlog.pump.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.pumpclient.PumpClientConfig;
import io.tidbbinlog.sim.pumpclient.PumpsClient;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TiDB's own pump client (tidb-sim's faithful port of tools:pump_client) finds the pump in a real etcd registry,
 * probes it and writes prewrite and commit binlogs to it unchanged.
 */
@ExtendWith(EtcdExtension.class)
class TidbPumpClientCompatibilityTest {

    private static final long CLUSTER = 6_000_000_000_000_000_123L;

    private final EtcdServer etcd;

    TidbPumpClientCompatibilityTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @Test
    void tidbsPumpClientWritesPrewriteAndCommitBinlogs() throws Exception {
        InMemoryBinlogStorage storage = new InMemoryBinlogStorage();
        FakePumpControl control = new FakePumpControl("pump-compat");
        PumpMetrics metrics = new PumpMetrics();
        PumpService service = new PumpService(CLUSTER, storage, control, metrics);
        PumpEndpoint endpoint = new PumpEndpoint(EndpointSettings.plain("127.0.0.1", 0), service, control, metrics)
                .start();
        RegistryConfig registryConfig = RegistryConfig.of(etcd.clientUrl()).withRootPath("/compat-" + System.nanoTime()
                + "/v1");
        try (NodeRegistry registry = NodeRegistry.connect(registryConfig)) {
            registry.updateNode(NodeKind.PUMP,
                    NodeStatus.of("pump-compat", "127.0.0.1:" + endpoint.port(), NodeState.ONLINE, 0, 0));
            try (PumpsClient client = PumpsClient.start(PumpClientConfig.of(registryConfig, CLUSTER)
                    .withWriteTimeout(Duration.ofSeconds(15)), registry)) {
                Binlog prewrite = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(1000)
                        .setPrewriteKey(ByteString.copyFromUtf8("t\u0080k"))
                        .setPrewriteValue(ByteString.copyFromUtf8("mutations")).build();
                client.writePrewrite(prewrite);
                Binlog commit = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(1000).setCommitTs(1001)
                        .build();
                client.writeCommit(commit).get(30, TimeUnit.SECONDS);

                List<Binlog> stored = storage.writtenBinlogs().stream()
                        .filter(b -> b.getStartTs() != 0 || b.getCommitTs() != 0).toList();
                assertEquals(List.of(prewrite, commit), stored);
            }
        } finally {
            service.close();
            endpoint.shutdown(Duration.ofSeconds(1));
        }
    }
}
