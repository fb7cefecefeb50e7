package io.tidbbinlog.sim.txn;

import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.schema.SchemaHistory;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TiDB's 2PC with binlog (spec §5.5): prewrite binlog first, commit_ts order for listeners, Rollback on abort. */
class CommitFlowTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void listenersHearCommitsInCommitTsOrderUnderEightConcurrentSessions() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog())) {
            SchemaHistory history = t.catalog.history();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Void>> work = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    int worker = w;
                    work.add(() -> {
                        try (Session s = t.engine.openSession(UTC)) {
                            for (int i = 0; i < 40; i++) {
                                s.begin();
                                s.insert("shop", "logs", Map.of("a", (long) worker * 1000 + i, "b", "w" + worker));
                                s.insert("shop", "items", Map.of("id", (long) worker * 1000 + i));
                                s.commit();
                            }
                        }
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(work)) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }

            assertEquals(320, t.committed.size());
            for (int i = 1; i < t.committed.size(); i++) {
                assertTrue(t.committed.get(i - 1).commitTs() < t.committed.get(i).commitTs(),
                        "listener order breaks commit_ts order at " + i);
            }
            List<Txn> decoded = new ArrayList<>(t.decodeFromBinlogs(history));
            decoded.sort(Comparator.comparingLong(Txn::commitTs));
            assertEquals(t.committed, decoded);
            assertEquals(320, t.engine.rowCount("shop", "logs"));
            assertEquals(320, t.engine.rowCount("Shop", "ITEMS"));
        }
    }

    @Test
    void refusedPrewriteBinlogFailsTheCommitAndAppliesNothing() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            t.writer.refusePrewrites = true;
            long startTs = s.begin();
            s.insert("shop", "items", Map.of("id", 1L));
            TxnFailedException e = assertThrows(TxnFailedException.class, s::commit);
            assertEquals(startTs, e.startTs());

            assertEquals(0, t.engine.rowCount("shop", "items"));
            assertTrue(t.committed.isEmpty());
            // TiDB still sends the Rollback binlog (binlog.go Commit with commit_ts 0).
            Binlog finish = t.writer.finishes().get(0);
            assertEquals(BinlogType.Rollback, finish.getTp());
            assertEquals(startTs, finish.getStartTs());
            assertEquals(0, finish.getCommitTs());
            assertEquals(MvccOp.ROLLBACK, t.engine.mvcc().byStartTs(startTs).orElseThrow().writes().get(0).op());

            // The failed transaction let go of its locks: the same row commits now.
            t.writer.refusePrewrites = false;
            s.begin();
            s.insert("shop", "items", Map.of("id", 1L));
            assertTrue(s.commit().commitTs() > startTs);
            assertEquals(1, t.engine.rowCount("shop", "items"));
        }
    }

    @Test
    void abortAfterThePrewriteBinlogSendsRollbackAndRecordsItInMvcc() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog(), new TxnEngine.Options(1.0, 7));
             Session s = t.engine.openSession(UTC)) {
            long startTs = s.begin();
            s.insert("shop", "logs", Map.of("a", 1L));
            assertThrows(TxnFailedException.class, s::commit);

            assertEquals(1, t.writer.prewrites().size());
            Binlog rollback = t.writer.finishes().get(0);
            assertEquals(BinlogType.Rollback, rollback.getTp());
            assertEquals(0, rollback.getCommitTs());
            assertEquals(t.writer.prewrites().get(0).getPrewriteKey(), rollback.getPrewriteKey());
            assertTrue(rollback.getPrewriteValue().isEmpty());
            KeyMvcc mvcc = t.engine.mvcc().byStartTs(startTs).orElseThrow();
            assertNull(mvcc.lock());
            assertEquals(new MvccWrite(MvccOp.ROLLBACK, startTs, startTs, null).toString(),
                    mvcc.writes().get(0).toString());
            assertEquals(0, t.engine.rowCount("shop", "logs"));
            assertTrue(t.committed.isEmpty());
        }
    }

    @Test
    void transactionWithoutMutationsWritesNoBinlog() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            s.begin();
            RowHandle h = s.insert("shop", "items", Map.of("id", 1L, "c_tiny", 1L));
            s.commit();
            s.begin();
            s.update("shop", "items", h, Map.of("c_tiny", 1L)); // changes nothing: TiDB writes no row
            CommitResult r = s.commit();
            assertTrue(r.wroteNothing());
            assertEquals(1, t.writer.prewrites().size());
            assertEquals(1, t.committed.size());
        }
    }

    @Test
    void duplicateKeysFailTheStatementLikeTidb1062AndTheTransactionGoesOn() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            s.begin();
            s.insert("shop", "items", Map.of("id", 1L));
            RowHandle log = s.insert("shop", "logs", Map.of("a", 5L));
            s.commit();

            s.begin();
            SqlStatementException pk = assertThrows(SqlStatementException.class,
                    () -> s.insert("shop", "items", Map.of("id", 1L)));
            assertEquals(SqlStatementException.DUPLICATE_ENTRY, pk.errorCode());
            assertTrue(pk.getMessage().contains("Duplicate entry '1' for key 'Items.PRIMARY'"), pk.getMessage());
            SqlStatementException uk = assertThrows(SqlStatementException.class,
                    () -> s.insert("shop", "logs", Map.of("a", 5L)));
            assertEquals(SqlStatementException.DUPLICATE_ENTRY, uk.errorCode());
            assertTrue(uk.getMessage().contains("logs.u_a"), uk.getMessage());
            // Once the owner is deleted in this transaction the key is free again.
            s.delete("shop", "logs", log);
            s.insert("shop", "logs", Map.of("a", 5L));
            SqlStatementException noDefault = assertThrows(SqlStatementException.class,
                    () -> s.insert("shop", "logs", Map.of("b", "x")));
            assertEquals(SqlStatementException.NO_DEFAULT_VALUE, noDefault.errorCode());
            s.commit();
            assertEquals(1, t.engine.rowCount("shop", "logs"));
            assertEquals(2, t.committed.size());
        }
    }

    @Test
    void aRowLockedByAnOpenTransactionFailsAnotherWriterWithWriteConflict() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog());
             Session a = t.engine.openSession(UTC); Session b = t.engine.openSession(UTC)) {
            a.begin();
            RowHandle h = a.insert("shop", "items", Map.of("id", 1L));
            a.commit();

            a.begin();
            a.update("shop", "items", h, Map.of("c_tiny", 2L));
            b.begin();
            SqlStatementException e = assertThrows(SqlStatementException.class,
                    () -> b.delete("shop", "items", h));
            assertEquals(SqlStatementException.WRITE_CONFLICT, e.errorCode());
            a.commit();
            b.rollback();
            b.begin();
            b.delete("shop", "items", h);
            b.commit();
            assertFalse(t.engine.row("shop", "items", h).isPresent());
        }
    }
}
