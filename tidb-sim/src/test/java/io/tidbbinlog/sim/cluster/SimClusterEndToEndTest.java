package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TidbJson;
import io.tidbbinlog.sim.drive.DriveCounters;
import io.tidbbinlog.sim.drive.WorkloadDriver;
import io.tidbbinlog.sim.pumpclient.NoPumpFoundException;
import io.tidbbinlog.sim.pumpclient.RecordingPumpServer;
import io.tidbbinlog.sim.workload.DdlPlanner;
import io.tidbbinlog.sim.workload.StatementMix;
import io.tidbbinlog.sim.workload.WorkloadSpec;
import io.tidbbinlog.sim.workload.WorkloadTables;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What tidb-sim encodes and serves decodes back through binlog-core alone: binlogs captured by real pump gRPC
 * servers, schema fetched over tidb-sim's own HTTP status API, rows decoded by {@code PumpBinlogDecoder}; the result
 * equals the transactions tidb-sim says it committed, for every column type and across DDL.
 */
@ExtendWith(EtcdExtension.class)
class SimClusterEndToEndTest {
    private final EtcdServer etcd;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    SimClusterEndToEndTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void tidbRefusesToStartWithoutAnyPumpInTheRegistry() {
        SimClusterConfig config = SimClusterConfig.loopback(new RegisteredPumps(etcd, "no-pump").registry());
        assertThrows(NoPumpFoundException.class, () -> SimCluster.start(config, List.of()));
    }

    @Test
    void aSeededWorkloadWithDdlAndAbortsDecodesBackFromThePumpsAndTheStatusApi() throws Exception {
        RegisteredPumps registered = new RegisteredPumps(etcd, "sim");
        toClose.add(registered);
        RegistryConfig registry = registered.registry();
        SimClusterConfig config = SimClusterConfig.loopback(registry);
        var pd = SimCluster.startPd(config);
        List<RecordingPumpServer> pumps = List.of(registered.start("pump-a", pd.clusterId()),
                registered.start("pump-b", pd.clusterId()));
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = SimCluster.startTidb(config, pd, List.of(committed));
        toClose.add(sim);

        WorkloadSpec spec = new WorkloadSpec(20261121, 3, 0, 1, 6, StatementMix.defaults(), 0.4, 12, 0.05, 0, 0,
                null, 240, List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"), ZoneId.of("America/New_York")));
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard());
        driver.createSchema(WorkloadTables.standard());
        DriveCounters counters = driver.run();
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)), "commit binlogs drained");

        assertEquals(List.of(), counters.firstErrors());
        assertTrue(counters.ddls() >= 6 + 240 / 12 - 1, "planned DDL ran: " + counters.ddls());
        assertTrue(counters.aborted() > 0, "the fault mode aborted some transactions");

        // Decode from what the pumps got, with the schema read over HTTP only.
        StatusApiClient api = new StatusApiClient(sim.statusUrl());
        DecodedFromPumps fromPumps = DecodedFromPumps.read(pumps, sim.statusUrl());
        SchemaHistory history = fromPumps.history();
        List<Txn> decoded = fromPumps.txns();
        List<Txn> expected = committed.all();
        assertEquals(expected.size(), decoded.size(), "transactions");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), decoded.get(i), "transaction #" + i + " at commit_ts "
                    + expected.get(i).commitTs());
        }
        assertEquals(counters.committed() + counters.ddls(), expected.size(), "every commit was told");

        // Rolled-back transactions reached the pumps as Rollback binlogs with commit_ts 0.
        long rollbacks = pumps.stream().flatMap(p -> p.binlogs(BinlogType.Rollback).stream())
                .filter(b -> b.getCommitTs() == 0).count();
        assertEquals(counters.aborted(), rollbacks, "one rollback binlog per aborted transaction");

        // Every column type travelled, NULLs included.
        Set<Integer> typesSeen = new HashSet<>();
        boolean sawNull = false;
        for (Txn t : decoded) {
            for (RowChange rc : t.rows()) {
                Object[] after = rc.after() != null ? rc.after() : rc.before();
                for (int c = 0; c < rc.table().columns().size(); c++) {
                    if (after[c] == null) {
                        sawNull = true;
                    } else if (after[c] != RowChange.ABSENT) {
                        typesSeen.add(rc.table().columns().get(c).type().tp());
                    }
                }
            }
        }
        assertTrue(sawNull, "NULLs travelled");
        for (int tp : new int[]{MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG,
                MysqlType.LONGLONG, MysqlType.NEWDECIMAL, MysqlType.FLOAT, MysqlType.DOUBLE, MysqlType.STRING,
                MysqlType.VARCHAR, MysqlType.BLOB, MysqlType.DATE, MysqlType.DATETIME, MysqlType.TIMESTAMP,
                MysqlType.DURATION, MysqlType.YEAR, MysqlType.ENUM, MysqlType.SET, MysqlType.BIT, MysqlType.JSON}) {
            assertTrue(typesSeen.contains(tp), "column type " + tp + " travelled");
        }

        // The status API's current tables are the end of the history the consumer rebuilt.
        for (var db : sim.catalog().databases()) {
            for (TableInfo t : sim.catalog().tables(db.name().o())) {
                // Compared as TiDB's JSON: ColumnInfo's byte[] defaults have no value equality.
                assertEquals(TidbJson.tree(t), TidbJson.tree(api.tableById(t.id())), "table " + t.name().o()
                        + " by id");
                assertEquals(TidbJson.tree(t), TidbJson.tree(history.tableAt(t.id(), history.latestVersion())
                        .orElseThrow()), "table " + t.name().o() + " as the history rebuilt it");
            }
        }
    }

    @Test
    void everyKindOfDdlBetweenWorkloadsDecodesBackWithTheSchemaItWasWrittenUnder() throws Exception {
        RegisteredPumps registered = new RegisteredPumps(etcd, "sim");
        toClose.add(registered);
        RegistryConfig registry = registered.registry();
        SimClusterConfig config = SimClusterConfig.loopback(registry);
        var pd = SimCluster.startPd(config);
        List<RecordingPumpServer> pumps = List.of(registered.start("pump-x", pd.clusterId()));
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = SimCluster.startTidb(config, pd, List.of(committed));
        toClose.add(sim);

        WorkloadSpec spec = new WorkloadSpec(77, 2, 0, 1, 4, StatementMix.defaults(), 0.5, 0, 0, 0, 0, null, 25,
                List.of(ZoneId.of("Europe/Berlin")));
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard());
        driver.createSchema(WorkloadTables.standard());
        DdlPlanner planner = new DdlPlanner(DdlPlanner.Bounds.aroundStandardTables());
        SplittableRandom rnd = new SplittableRandom(5);
        driver.run();
        // Build up before tearing down, so every kind has something to act on.
        for (DdlPlanner.Kind kind : List.of(DdlPlanner.Kind.CREATE_DATABASE, DdlPlanner.Kind.CREATE_TABLE,
                DdlPlanner.Kind.ADD_COLUMN, DdlPlanner.Kind.ADD_COLUMN, DdlPlanner.Kind.MODIFY_COLUMN,
                DdlPlanner.Kind.ADD_INDEX, DdlPlanner.Kind.DROP_INDEX, DdlPlanner.Kind.DROP_COLUMN,
                DdlPlanner.Kind.TRUNCATE_TABLE, DdlPlanner.Kind.RENAME_TABLE, DdlPlanner.Kind.DROP_TABLE,
                DdlPlanner.Kind.DROP_DATABASE)) {
            assertTrue(planner.possibleKinds(driver.schema()).contains(kind), kind + " possible now");
            driver.runDdl(planner.plan(kind, driver.schema(), rnd));
            driver.run();
        }
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)));
        assertEquals(List.of(), driver.counters().firstErrors());

        List<Txn> decoded = DecodedFromPumps.read(pumps, sim.statusUrl()).txns();
        assertEquals(committed.all(), decoded);
        Set<Integer> actions = new HashSet<>();
        for (Txn t : decoded) {
            if (t.isDdl()) {
                actions.add(t.ddl().actionType());
            }
        }
        // TiDB's ActionType codes: schema 1/2, table 3/4, column 5/6, index 7/8, truncate 11, modify 12, rename 14.
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14), actions);
    }

    @Test
    void theWorkloadsLargeTransactionsTravelWhole() throws Exception {
        RegisteredPumps registered = new RegisteredPumps(etcd, "sim");
        toClose.add(registered);
        RegistryConfig registry = registered.registry();
        SimClusterConfig config = SimClusterConfig.loopback(registry);
        var pd = SimCluster.startPd(config);
        List<RecordingPumpServer> pumps = List.of(registered.start("pump-large", pd.clusterId()));
        CommittedTxns committed = new CommittedTxns();
        SimCluster sim = SimCluster.startTidb(config, pd, List.of(committed));
        toClose.add(sim);

        // Every second transaction of the session is a 3 MiB one.
        WorkloadSpec spec = new WorkloadSpec(3, 1, 0, 1, 3, StatementMix.defaults(), 0, 0, 0, 2, 3, null, 6,
                List.of(ZoneId.of("UTC")));
        WorkloadDriver driver = new WorkloadDriver(sim.engine(), sim.catalog(), spec, WorkloadTables.standard());
        driver.createSchema(WorkloadTables.standard());
        DriveCounters counters = driver.run();
        assertTrue(sim.awaitCommitBinlogs(Duration.ofSeconds(30)));
        assertEquals(List.of(), counters.firstErrors());

        long largeTxns = committed.all().stream().filter(t -> payloadBytes(t) >= 3L << 20).count();
        assertEquals(3, largeTxns, "three large transactions of at least 3 MiB each");
        assertEquals(committed.all(), DecodedFromPumps.read(pumps, sim.statusUrl()).txns());
    }

    private static long payloadBytes(Txn t) {
        long bytes = 0;
        for (RowChange rc : t.rows()) {
            for (Object v : rc.after() == null ? new Object[0] : rc.after()) {
                if (v instanceof byte[] b) {
                    bytes += b.length;
                } else if (v instanceof String str) {
                    bytes += str.length();
                }
            }
        }
        return bytes;
    }
}
