package io.tidbbinlog.pump.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pd.Tso;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * binlog:pump/server.go gcBinlogFile, detectDrainerCheckpoint, detectDrainerCheckPoints (spec §4.6): GC at
 * TSO(now - gc) without waiting for drainers, and the alarm for drainers whose checkpoint is below gc ts + 20h.
 */
@ExtendWith(EtcdExtension.class)
class GcSchedulerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(7);
    private static final long GC_TS = Tso.fromInstant(NOW.minus(RETENTION));

    private final EtcdServer etcd;
    private NodeRegistry registry;
    private final InMemoryBinlogStorage storage = new InMemoryBinlogStorage();
    private final PumpMetrics metrics = new PumpMetrics();
    private GcScheduler gc;

    GcSchedulerTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void setUp() {
        registry = NodeRegistry.connect(RegistryConfig.of(etcd.clientUrl())
                .withRootPath("/test-" + UUID.randomUUID() + "/tidb-binlog/v1"));
        storage.setMaxCommitTs(Tso.fromInstant(NOW));
        gc = new GcScheduler(storage, registry, metrics, RETENTION, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofHours(1), Duration.ofMinutes(10));
        gc.start();
    }

    @AfterEach
    void tearDown() {
        gc.close();
        registry.close();
    }

    private void drainer(String id, NodeState state, long checkpoint) {
        registry.create(NodeKind.DRAINER, NodeStatus.of(id, "127.0.0.1:8249", state, checkpoint, 0));
    }

    private double purgeAlarms(String id) {
        return metrics.detectedDrainerBinlogPurge.labels(id).get();
    }

    @Test
    void aTriggeredRoundCollectsAtTheTsoOfNowMinusTheRetention() {
        assertEquals(Tso.fromMillis(NOW.toEpochMilli() - RETENTION.toMillis()), gc.currentGcTs());
        assertEquals(GC_TS >>> 18, NOW.minus(RETENTION).toEpochMilli(), "physical milliseconds shifted by 18");

        assertTrue(gc.triggerGc());

        await().atMost(Duration.ofSeconds(10)).until(() -> storage.gcTs() == GC_TS);
        assertEquals(List.of(GC_TS), storage.gcRequests());
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.gcTs.get() == GC_TS);
    }

    @Test
    void aTriggerWhileARoundRunsIsRefused() throws Exception {
        CountDownLatch gate = storage.holdGc();
        assertTrue(gc.triggerGc());
        assertFalse(gc.triggerGc(), "gc is working");
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.gcTs() == GC_TS);
        await().atMost(Duration.ofSeconds(10)).until(gc::triggerGc);
    }

    @Test
    void drainersBehindTheGcPointOrWithin20HoursOfItRaiseTheAlarm() {
        long twentyHours = Tso.fromMillis(Duration.ofHours(20).toMillis());
        drainer("purged", NodeState.ONLINE, GC_TS - 1);
        drainer("soon", NodeState.PAUSED, GC_TS + twentyHours - 1);
        drainer("fine", NodeState.ONLINE, GC_TS + twentyHours);
        drainer("gone", NodeState.OFFLINE, 1);

        assertTrue(gc.triggerGc());

        await().atMost(Duration.ofSeconds(10)).until(() -> purgeAlarms("purged") == 1 && purgeAlarms("soon") == 1);
        assertEquals(0, purgeAlarms("fine"));
        assertEquals(0, purgeAlarms("gone"), "offline drainers are ignored");
        assertEquals(List.of("purged", "soon"), gc.alarmLaggingDrainers(storage.gcTs()));
    }

    @Test
    void gcDoesNotWaitForDrainers() {
        drainer("stuck", NodeState.ONLINE, 5);
        assertTrue(gc.triggerGc());
        await().atMost(Duration.ofSeconds(10)).until(() -> storage.gcTs() == GC_TS);
    }
}
