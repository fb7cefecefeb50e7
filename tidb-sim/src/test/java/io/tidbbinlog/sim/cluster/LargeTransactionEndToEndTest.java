package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.txn.CommitResult;
import io.tidbbinlog.sim.txn.Session;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One transaction of over 100 MB goes as one prewrite binlog through the real gRPC pump client to a pump (Pump's
 * {@code max-message-size} is effectively unlimited, TiDB's client sends whatever size; spec §5.4) and decodes back
 * equal to what the engine committed.
 */
@ExtendWith(EtcdExtension.class)
class LargeTransactionEndToEndTest {
    private static final int ROWS = 1700;
    /** A BLOB holds at most 65,535 bytes. */
    private static final int VALUE_BYTES = 60 * 1024;
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final EtcdServer etcd;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    LargeTransactionEndToEndTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aTransactionOfOver100MegabytesTravelsThroughTheGrpcPumpClientAndDecodesBack() throws Exception {
        RegisteredPumps pumps = closing(new RegisteredPumps(etcd, "large-txn"));
        SimClusterConfig config = SimClusterConfig.loopback(pumps.registry())
                .withPumpClient("range", Duration.ofSeconds(120), false);
        var pd = SimCluster.startPd(config);
        RecordingPumpServer pump = pumps.start("pump-a", pd.clusterId());
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = closing(SimCluster.startTidb(config, pd, List.of(committed)));
        WorkloadSpec spec = new WorkloadSpec(1, 1, 0, 1, 1, StatementMix.defaults(), 0, 0, 0, 0, 0, null, 1,
                List.of(UTC));
        new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard())
                .createSchema(WorkloadTables.standard());

        MessageDigest written = MessageDigest.getInstance("SHA-256");
        Random random = new Random(20261121);
        CommitResult result;
        long commitNanos;
        try (Session s = sim.engine().openSession(UTC)) {
            s.begin();
            for (long id = 0; id < ROWS; id++) {
                byte[] payload = new byte[VALUE_BYTES];
                random.nextBytes(payload);
                written.update(payload);
                s.insert(WorkloadTables.SECOND_DB, WorkloadTables.LARGE_VALUES,
                        Map.of("id", id, "payload", payload, "note", "row " + id));
            }
            long start = System.nanoTime();
            result = s.commit();
            commitNanos = System.nanoTime() - start;
        }
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(60)), "commit binlog written");

        long startTs = result.startTs();
        Binlog prewrite = pump.binlogs(BinlogType.Prewrite).stream().filter(b -> b.getStartTs() == startTs)
                .findFirst().orElseThrow(() -> new AssertionError("the pump has no prewrite of start_ts " + startTs));
        long binlogBytes = prewrite.getSerializedSize();
        assertTrue(binlogBytes > 100_000_000L, "prewrite binlog of " + binlogBytes + " bytes");

        long decodeStart = System.nanoTime();
        List<Binlog> joined = PumpJoin.join(pumps.all(), new MvccResolver(sim.statusUrl())).joined();
        List<Txn> decodedAll = DecodedFromPumps.decode(joined, sim.statusUrl()).txns();
        long decodeNanos = System.nanoTime() - decodeStart;
        Txn decoded = decodedAll.stream().filter(t -> t.startTs() == startTs).findFirst().orElseThrow();

        assertEquals(ROWS, decoded.rows().size(), "rows");
        assertArrayEquals(written.digest(), payloadDigest(decoded), "SHA-256 of the payloads in id order");
        Txn expected = committed.all().stream().filter(t -> t.startTs() == startTs).findFirst().orElseThrow();
        assertEquals(expected, decoded);
        assertEquals(committed.all(), decodedAll, "the schema's DDL and the large transaction, nothing else");

        System.out.printf("large transaction: %d rows, prewrite binlog %.1f MiB; commit (prewrite binlog over gRPC "
                        + "included) %d ms; join and decode %d ms%n", ROWS, binlogBytes / 1048576.0,
                commitNanos / 1_000_000, decodeNanos / 1_000_000);
    }

    private static byte[] payloadDigest(Txn txn) throws Exception {
        List<ColumnMeta> columns = txn.rows().get(0).table().columns();
        int id = indexOf(columns, "id");
        int payload = indexOf(columns, "payload");
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        txn.rows().stream().sorted(Comparator.comparingLong(rc -> (Long) rc.after()[id]))
                .forEach(rc -> digest.update((byte[]) rc.after()[payload]));
        return digest.digest();
    }

    private static int indexOf(List<ColumnMeta> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + columns);
    }

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }
}
