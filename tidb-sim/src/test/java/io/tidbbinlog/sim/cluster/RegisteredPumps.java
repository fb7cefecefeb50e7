package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.testservices.EtcdServer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recording pumps registered online in a registry of their own (a fresh root path in the shared test etcd), for a
 * deployment started in TiDB's order: PD, then these pumps, then TiDB. Closes the pumps it started.
 */
final class RegisteredPumps implements AutoCloseable {
    private static final AtomicInteger ROOTS = new AtomicInteger();
    private final RegistryConfig registry;
    private final List<RecordingPumpServer> started = new ArrayList<>();

    RegisteredPumps(EtcdServer etcd, String name) {
        this.registry = RegistryConfig.of(etcd.clientUrl())
                .withRootPath("/" + name + ROOTS.incrementAndGet() + "/v1");
    }

    RegistryConfig registry() {
        return registry;
    }

    RecordingPumpServer start(String nodeId, long clusterId) {
        RecordingPumpServer pump = RecordingPumpServer.start(nodeId, clusterId);
        started.add(pump);
        try (NodeRegistry r = NodeRegistry.connect(registry)) {
            pump.registerIn(r);
        }
        return pump;
    }

    List<RecordingPumpServer> all() {
        return List.copyOf(started);
    }

    @Override
    public void close() {
        for (RecordingPumpServer p : started) {
            p.close();
        }
    }
}
