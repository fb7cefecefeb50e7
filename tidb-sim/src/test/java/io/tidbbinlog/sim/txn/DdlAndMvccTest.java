package io.tidbbinlog.sim.txn;

import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.catalog.DdlOutcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.tidbbinlog.sim.txn.Fixtures.SHOP;
import static io.tidbbinlog.sim.txn.Fixtures.num;
import static io.tidbbinlog.sim.txn.Fixtures.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DDL transactions' binlogs (spec §2.5) and the MVCC answers Pump relies on for lost commit binlogs. */
class DdlAndMvccTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final long NEW_TABLE_ID = 150;
    private static final String CREATE = "CREATE TABLE `Fresh` (`id` bigint PRIMARY KEY, `v` varchar(8))";

    private static TableInfo fresh() {
        Fixtures.TableColumns c = new Fixtures.TableColumns()
                .add("id", num(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20))
                .add("v", text(MysqlType.VARCHAR, 0, 8));
        return TableInfo.of(NEW_TABLE_ID, "Fresh", c.list, List.of(), true, false);
    }

    /**
     * A prepared DDL as the catalog hands it out: nothing visible until commit, which publishes the new table
     * version, bumps the schema version and records the finished job with its FinishedTS.
     */
    private static PreparedDdlJob prepared(InMemoryCatalog catalog, long jobId, ActionType action, TableInfo after,
                                           SchemaState state, List<SchemaState> earlier, String query,
                                           long[] finishedTs, boolean[] aborted) {
        return PreparedDdlJob.of(jobId, state, earlier, query, finished -> {
            finishedTs[0] = finished;
            catalog.table(SHOP.id(), after);
            long version = catalog.bumpVersion();
            Job job = Job.finished(jobId, action, SHOP.id(), after.id(), "shop", after.name().l(), query,
                    new HistoryInfo(version, null, after, finished, null));
            catalog.recordJob(job);
            return new DdlOutcome(job, query);
        }, () -> aborted[0] = true);
    }

    private static DdlStatement createFresh(InMemoryCatalog catalog, long[] finishedTs) {
        return startTs -> prepared(catalog, 77, ActionType.CREATE_TABLE, fresh(), SchemaState.PUBLIC, List.of(),
                CREATE, finishedTs, new boolean[1]);
    }

    @Test
    void ddlTransactionWritesTheJobFieldsAndListenersSeeWhatTheDecoderReads() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            SchemaHistory history = t.catalog.history();
            long[] finishedTs = new long[1];
            CommitResult r = s.executeDdl(createFresh(t.catalog, finishedTs));

            assertEquals(r.commitTs(), finishedTs[0]);
            Binlog p = t.writer.prewrites().get(0);
            assertEquals(BinlogType.Prewrite, p.getTp());
            assertEquals(r.startTs(), p.getStartTs());
            assertEquals(0, p.getCommitTs());
            assertEquals(77, p.getDdlJobId());
            assertEquals(SchemaState.PUBLIC.code(), p.getDdlSchemaState());
            assertEquals(CREATE, p.getDdlQuery().toStringUtf8());
            assertTrue(p.getPrewriteValue().isEmpty());
            assertArrayEquals(RecordKeys.ddlHistoryKey(77), p.getPrewriteKey().toByteArray());
            assertEquals('m', p.getPrewriteKey().byteAt(0)); // a meta key, TiDB's DDL history hash

            Binlog c = t.writer.finishes().get(0);
            assertEquals(BinlogType.Commit, c.getTp());
            assertEquals(r.commitTs(), c.getCommitTs());
            assertTrue(c.getCommitTs() > c.getStartTs());
            assertEquals(77, c.getDdlJobId());
            assertEquals(p.getPrewriteKey(), c.getPrewriteKey());

            // DML in the new table is written under the new schema version.
            s.begin();
            s.insert("shop", "fresh", Map.of("id", 1L, "v", "x"));
            s.commit();
            assertEquals(t.catalog.schemaVersion(), PrewriteValue.parseFrom(
                    t.writer.prewrites().get(1).getPrewriteValue()).getSchemaVersion());

            history.applyAll(t.catalog.ddlHistory(0, 0));
            List<Txn> decoded = t.decodeFromBinlogs(history);
            assertEquals(t.committed, decoded);
            assertEquals(new DdlChange("Shop", "Fresh", CREATE, 77, ActionType.CREATE_TABLE.code(),
                    t.catalog.schemaVersion()), t.committed.get(0).ddl());
        }
    }

    @Test
    void ddlWaitsForOpenDmlTransactionsSoNoneStraddlesTheSchemaChange() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog());
             Session dml = t.engine.openSession(UTC); Session ddl = t.engine.openSession(UTC)) {
            long versionBefore = t.catalog.schemaVersion();
            dml.begin();
            dml.insert("shop", "items", Map.of("id", 1L));
            CompletableFuture<CommitResult> ddlDone = CompletableFuture.supplyAsync(() -> {
                try {
                    return ddl.executeDdl(createFresh(t.catalog, new long[1]));
                } catch (TxnFailedException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The DDL cannot take the schema lock while the DML transaction is open.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !ddlDone.isDone());
            CommitResult dmlResult = dml.commit();
            CommitResult ddlResult = ddlDone.get();
            assertTrue(ddlResult.commitTs() > dmlResult.commitTs());
            assertEquals(versionBefore, PrewriteValue.parseFrom(t.writer.prewrites().get(0).getPrewriteValue())
                    .getSchemaVersion());
        }
    }

    @Test
    void mvccShowsTheLockWhileThePrewriteBinlogIsPendingThenTheCommitWrite() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            CountDownLatch release = new CountDownLatch(1);
            t.writer.holdPrewrites = release;
            long startTs = s.begin();
            s.insert("shop", "items", Map.of("id", 9L));
            CompletableFuture<CommitResult> commit = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.commit();
                } catch (TxnFailedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> t.writer.prewrites().size() == 1);
            byte[] primary = t.writer.prewrites().get(0).getPrewriteKey().toByteArray();

            KeyMvcc locked = t.engine.mvcc().byStartTs(startTs).orElseThrow();
            assertArrayEquals(primary, locked.key());
            assertNotNull(locked.lock());
            assertEquals(startTs, locked.lock().startTs());
            assertArrayEquals(primary, locked.lock().primary());
            assertEquals(MvccOp.PUT, locked.lock().op());
            assertTrue(locked.writes().isEmpty());

            release.countDown();
            CommitResult r = commit.get();
            KeyMvcc committed = t.engine.mvcc().byKey(primary).orElseThrow();
            assertNull(committed.lock());
            MvccWrite w = committed.writes().get(0);
            assertEquals(MvccOp.PUT, w.op());
            assertEquals(startTs, w.startTs());
            assertEquals(r.commitTs(), w.commitTs());
            assertNotNull(w.shortValue());

            // Deleting the row in a later transaction with the same primary key adds a newer DEL write.
            s.begin();
            s.delete("shop", "items", RowHandle.ofInt(9));
            CommitResult del = s.commit();
            List<MvccWrite> writes = t.engine.mvcc().byKey(primary).orElseThrow().writes();
            assertEquals(MvccOp.DEL, writes.get(0).op());
            assertEquals(del.commitTs(), writes.get(0).commitTs());
            assertEquals(r.commitTs(), writes.get(1).commitTs());
            assertFalse(t.engine.mvcc().byStartTs(12345).isPresent());
        }
    }

    @Test
    void rowsWrittenBeforeAddColumnReadTheOriginDefaultInLaterUpdates() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            SchemaHistory history = t.catalog.history();
            s.begin();
            RowHandle old = s.insert("shop", "logs", Map.of("a", 1L, "b", "x"));
            s.commit();

            String query = "ALTER TABLE `logs` ADD COLUMN `c` int DEFAULT 5";
            TableInfo before = t.catalog.tableById(Fixtures.LOGS_ID).orElseThrow();
            List<ColumnInfo> cols = new ArrayList<>(before.columns());
            cols.add(Fixtures.withDefaults(ColumnInfo.of(3, "c", 2, num(MysqlType.LONG, 0, 11)), "5", "5"));
            TableInfo after = before.withColumnsAndIndices(cols, before.indices());
            s.executeDdl(startTs -> prepared(t.catalog, 78, ActionType.ADD_COLUMN, after, SchemaState.PUBLIC,
                    List.of(), query, new long[1], new boolean[1]));

            s.begin();
            s.update("shop", "logs", old, Map.of("b", "y"));
            s.insert("shop", "logs", Map.of("a", 2L));
            s.commit();

            Txn dml = t.committed.get(2);
            assertArrayEquals(new Object[] {1L, "x", 5L}, dml.rows().get(0).before());
            assertArrayEquals(new Object[] {1L, "y", 5L}, dml.rows().get(0).after());
            assertArrayEquals(new Object[] {2L, null, 5L}, dml.rows().get(1).after());
            history.applyAll(t.catalog.ddlHistory(0, 0));
            assertEquals(t.committed, t.decodeFromBinlogs(history));
        }
    }

    @Test
    void refusedDdlPrewriteBinlogAbortsTheJobAndSendsRollback() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            long versionBefore = t.catalog.schemaVersion();
            t.writer.refusePrewrites = true;
            boolean[] aborted = new boolean[1];
            TxnFailedException e = assertThrows(TxnFailedException.class,
                    () -> s.executeDdl(startTs -> prepared(t.catalog, 79, ActionType.CREATE_TABLE, fresh(),
                            SchemaState.PUBLIC, List.of(), CREATE, new long[1], aborted)));

            assertTrue(aborted[0]);
            assertEquals(versionBefore, t.catalog.schemaVersion());
            assertFalse(t.catalog.tableById(NEW_TABLE_ID).isPresent());
            assertTrue(t.committed.isEmpty());
            Binlog rollback = t.writer.finishes().get(0);
            assertEquals(BinlogType.Rollback, rollback.getTp());
            assertEquals(e.startTs(), rollback.getStartTs());
            assertEquals(79, rollback.getDdlJobId());
            assertEquals(MvccOp.ROLLBACK, t.engine.mvcc().byStartTs(e.startTs()).orElseThrow().writes().get(0).op());
        }
    }

    @Test
    void dropColumnWritesAnEarlyDeleteOnlyBinlogThatListenersDoNotSee() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            SchemaHistory history = t.catalog.history();
            s.begin();
            RowHandle row = s.insert("shop", "logs", Map.of("a", 1L, "b", "x"));
            s.commit();

            TableInfo before = t.catalog.tableById(Fixtures.LOGS_ID).orElseThrow();
            TableInfo after = before.withColumnsAndIndices(List.of(before.columns().get(0)), before.indices());
            String query = "ALTER TABLE `logs` DROP COLUMN `b`";
            CommitResult r = s.executeDdl(startTs -> prepared(t.catalog, 80, ActionType.DROP_COLUMN, after,
                    SchemaState.NONE, List.of(SchemaState.DELETE_ONLY), query, new long[1], new boolean[1]));

            List<Binlog> ddlPrewrites = t.writer.prewrites().subList(1, 3);
            assertEquals(List.of(SchemaState.DELETE_ONLY.code(), SchemaState.NONE.code()),
                    ddlPrewrites.stream().map(Binlog::getDdlSchemaState).toList());
            assertEquals(List.of(80L, 80L), ddlPrewrites.stream().map(Binlog::getDdlJobId).toList());
            assertTrue(ddlPrewrites.get(0).getStartTs() < ddlPrewrites.get(1).getStartTs());
            assertEquals(r.startTs(), ddlPrewrites.get(1).getStartTs());
            // Both DDL binlog transactions committed, in order.
            List<Binlog> commits = t.writer.finishes().subList(1, 3);
            assertTrue(commits.get(0).getCommitTs() < commits.get(1).getStartTs());
            assertEquals(r.commitTs(), commits.get(1).getCommitTs());

            s.begin();
            s.update("shop", "logs", row, Map.of("a", 2L));
            s.commit();
            assertEquals(3, t.committed.size()); // insert, the final DDL, update
            assertArrayEquals(new Object[] {1L}, t.committed.get(2).rows().get(0).before());
            history.applyAll(t.catalog.ddlHistory(0, 0));
            assertEquals(t.committed, t.decodeFromBinlogs(history));
        }
    }
}
