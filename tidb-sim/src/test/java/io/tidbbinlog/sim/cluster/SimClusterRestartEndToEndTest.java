package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.RowOp;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.HandleKind;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TidbJson;
import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.reference.JdbcTarget;
import io.tidbbinlog.sim.reference.ReferenceApplier;
import io.tidbbinlog.sim.reference.VerificationReport;
import io.tidbbinlog.sim.reference.Verifier;
import io.tidbbinlog.sim.txn.TxnListener;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSchema;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.MariaDbExtension;
import io.tidbbinlog.testservices.MariaDbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TiDB restarted on the same data dir continues the same cluster, as TiDB does from the meta it keeps in TiKV:
 * same schema and DDL history on the status API, ids that go on instead of starting over, and a workload that
 * goes on against the same pumps and the same reference database without colliding with what it wrote before.
 */
@ExtendWith({EtcdExtension.class, MariaDbExtension.class})
class SimClusterRestartEndToEndTest {
    private final EtcdServer etcd;
    private final MariaDbServer reference;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @TempDir
    Path dataDir;

    SimClusterRestartEndToEndTest(EtcdServer etcd, MariaDbServer reference) {
        this.etcd = etcd;
        this.reference = reference;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void aRestartOnTheSameDataDirContinuesTheClusterTheReferenceAndTheBinlogStream() throws Exception {
        RegisteredPumps registered = new RegisteredPumps(etcd, "sim-restart");
        toClose.add(registered);
        RegistryConfig registry = registered.registry();
        SimClusterConfig config = SimClusterConfig.loopback(registry).withDataDir(dataDir);
        PdServer pd = SimCluster.startPd(config);
        long clusterId = pd.clusterId();
        List<RecordingPumpServer> pumps = List.of(registered.start("restart-pump-a", clusterId),
                registered.start("restart-pump-b", clusterId));
        JdbcTarget referenceDb = new JdbcTarget(reference.jdbcUrl(), "root", "");
        List<String> referenceFailures = new CopyOnWriteArrayList<>();
        CommittedTxns committed = new CommittedTxns();

        // First run: the standard schema, a workload with DDL and aborts.
        SimCluster first;
        try (ReferenceApplier applier = new ReferenceApplier(referenceDb)) {
            first = SimCluster.startTidb(config, pd, List.of(committed, failuresOf(applier, referenceFailures)));
            toClose.add(first);
            runWorkload(first);
            assertTrue(first.awaitCommitBinlogs(Duration.ofSeconds(30)), "first run's commit binlogs drained");
        }
        List<Job> firstJobs = new StatusApiClient(first.statusUrl()).allJobs();
        byte[] firstCatalog = first.catalog().toJson();
        Catalog firstView = Catalog.fromJson(firstCatalog);
        long lastCommitTsOfFirstRun = first.currentTs(); // after every commit of the first run
        first.close();
        toClose.remove(first);

        // Second run: PD and TiDB restarted on the same dir, same pumps, the same reference database.
        SimCluster second;
        DriveCounters secondCounters;
        try (ReferenceApplier applier = new ReferenceApplier(referenceDb)) {
            second = SimCluster.start(config, List.of(committed, failuresOf(applier, referenceFailures)));
            toClose.add(second);
            assertEquals(clusterId, second.clusterId());
            assertEquals(new String(firstCatalog, StandardCharsets.UTF_8),
                    new String(second.catalog().toJson(), StandardCharsets.UTF_8), "the catalog came back as it was");
            secondCounters = runWorkload(second);
            assertTrue(second.awaitCommitBinlogs(Duration.ofSeconds(30)), "second run's commit binlogs drained");
        }
        assertEquals(List.of(), referenceFailures, "the reference applied both runs without a failure");
        assertTrue(secondCounters.ddls() > 0, "the second run ran planned DDL");
        assertTrue(secondCounters.lastCommitTs() > lastCommitTsOfFirstRun);

        // The status API serves the first run's history unchanged, then the second run's jobs, with ids that go on.
        List<Job> allJobs = new StatusApiClient(second.statusUrl()).allJobs();
        Map<Long, Job> byId = new HashMap<>();
        for (Job j : allJobs) {
            byId.put(j.id(), j);
        }
        for (Job j : firstJobs) {
            assertEquals(TidbJson.tree(j), TidbJson.tree(byId.get(j.id())), "first run's job " + j.id());
        }
        List<Job> newJobs = allJobs.stream().filter(j -> firstJobs.stream().noneMatch(f -> f.id() == j.id()))
                .toList();
        assertEquals(secondCounters.ddls(), newJobs.size(), "only the second run's own DDL is new: no schema re-made");
        for (Job j : newJobs) {
            assertTrue(j.id() > firstView.lastGlobalId(), "job " + j.id() + " after the first run's ids");
        }
        assertIdsContinue(firstView, second.catalog());

        // The binlog stream of both runs, as a consumer reads it from the pumps.
        List<Binlog> joined = PumpJoin.join(pumps, new MvccResolver(second.statusUrl())).joined();
        List<Txn> decoded = DecodedFromPumps.decode(joined, second.statusUrl()).txns();
        assertEquals(committed.all(), decoded, "both runs decode back from the pumps");
        assertNoKeyBornTwice(decoded);
        assertNoRowIdRepeats(joined, allJobs, lastCommitTsOfFirstRun);

        // A replica built from both runs' binlogs equals the reference.
        try (MariaDbServer replica = MariaDbServer.launch()) {
            JdbcTarget replicaDb = new JdbcTarget(replica.jdbcUrl(), "root", "");
            try (ReferenceApplier applier = new ReferenceApplier(replicaDb)) {
                decoded.forEach(applier::committed);
            }
            VerificationReport report = new Verifier(referenceDb, replicaDb).verify();
            assertTrue(report.equal(), report.describe());
        }
    }

    private static DriveCounters runWorkload(SimCluster sim) throws Exception {
        WorkloadSpec spec = new WorkloadSpec(4242, 2, 0, 1, 5, StatementMix.defaults(), 0.4, 10, 0.05, 0, 0, null,
                120, List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai")));
        WorkloadSchema schema = sim.workloadState().savedSchema().orElseGet(WorkloadTables::standard);
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec, schema, sim.workloadState());
        driver.createSchema(schema);
        DriveCounters counters = driver.run();
        assertEquals(List.of(), counters.firstErrors());
        return counters;
    }

    /** Table ids are new for new tables; a table's surviving columns keep their ids and new ones come after. */
    private static void assertIdsContinue(Catalog before, Catalog after) {
        for (var db : after.databases()) {
            for (TableInfo t : after.tables(db.name().o())) {
                var old = before.tableById(t.id());
                if (old.isEmpty()) {
                    assertTrue(t.id() > before.lastGlobalId(), "new table " + t.name().o() + " id " + t.id());
                    continue;
                }
                for (ColumnInfo c : t.columns()) {
                    boolean existed = old.get().columns().stream().anyMatch(o -> o.id() == c.id());
                    assertTrue(existed || c.id() > old.get().maxColumnId(), "column " + c.name().o() + " of "
                            + t.name().o() + " has id " + c.id() + ", max before " + old.get().maxColumnId());
                }
                assertTrue(t.maxColumnId() >= old.get().maxColumnId());
            }
        }
    }

    /**
     * Key ordinals never repeat, so no primary or unique key value is born twice in a table: neither by an insert
     * nor by an update that moves a row to a new key. An update that changes the handle reaches the binlog as a
     * delete and an insert in one transaction (TiDB's remove-and-add); the keys it carries over are not born.
     */
    private static void assertNoKeyBornTwice(List<Txn> txns) {
        Map<String, String> born = new HashMap<>();
        int checked = 0;
        for (Txn t : txns) {
            Set<String> movedAway = new HashSet<>();
            for (RowChange rc : t.rows()) {
                for (UniqueKey uk : rc.table().uniqueKeys()) {
                    if (rc.op() == RowOp.DELETE) {
                        movedAway.add(keyName(rc, uk, keyOf(rc, rc.before(), uk)));
                    }
                }
            }
            for (RowChange rc : t.rows()) {
                if (rc.op() == RowOp.DELETE) {
                    continue;
                }
                for (UniqueKey uk : rc.table().uniqueKeys()) {
                    String key = keyName(rc, uk, keyOf(rc, rc.after(), uk));
                    boolean newKey = rc.op() == RowOp.INSERT ? !movedAway.contains(key)
                            : !key.equals(keyName(rc, uk, keyOf(rc, rc.before(), uk)));
                    if (newKey) {
                        checked++;
                        String where = rc.op() + " at commit_ts " + t.commitTs();
                        String earlier = born.putIfAbsent(key, where);
                        assertTrue(earlier == null, "key " + key + " born by " + earlier + " and again by " + where);
                    }
                }
            }
        }
        assertTrue(checked > 100, "keys checked: " + checked);
    }

    private static String keyName(RowChange rc, UniqueKey uk, String values) {
        return rc.table().ref().tableId() + "/" + uk.name() + "/" + values;
    }

    private static String keyOf(RowChange rc, Object[] row, UniqueKey uk) {
        List<Object> values = new ArrayList<>();
        for (String c : uk.columnNames()) {
            values.add(row[rc.table().indexOf(c)]);
        }
        return Arrays.deepToString(values.toArray());
    }

    /** The hidden {@code _tidb_rowid} handles of inserted rows, read from the binlogs' insert rows, never repeat. */
    private static void assertNoRowIdRepeats(List<Binlog> joined, List<Job> jobs, long firstRunEnd)
            throws Exception {
        Set<Long> rowIdTables = new HashSet<>();
        for (Job j : jobs) {
            if (j.binlog() != null && j.binlog().tableInfo() != null
                    && j.binlog().tableInfo().handleKind() == HandleKind.ROW_ID) {
                rowIdTables.add(j.binlog().tableInfo().id());
            }
        }
        Set<String> seen = new HashSet<>();
        int secondRun = 0;
        for (Binlog b : joined) {
            if (b.getPrewriteValue().isEmpty()) {
                continue;
            }
            for (TableMutation m : PrewriteValue.parseFrom(b.getPrewriteValue()).getMutationsList()) {
                if (!rowIdTables.contains(m.getTableId())) {
                    continue;
                }
                for (var row : m.getInsertedRowsList()) {
                    long rowId = MutationRowCodec.decodeInsert(row.toByteArray(), 1).handle(0).asLong();
                    assertTrue(seen.add(m.getTableId() + "/" + rowId), "_tidb_rowid " + rowId + " of table "
                            + m.getTableId() + " repeated at commit_ts " + b.getCommitTs());
                    if (b.getCommitTs() > firstRunEnd) {
                        secondRun++;
                    }
                }
            }
        }
        assertTrue(secondRun > 0, "the second run inserted rows with _tidb_rowid");
    }

    private static TxnListener failuresOf(ReferenceApplier applier, List<String> failures) {
        return txn -> {
            try {
                applier.committed(txn);
            } catch (RuntimeException e) {
                failures.add("commit_ts " + txn.commitTs() + ": " + e);
            }
        };
    }
}
