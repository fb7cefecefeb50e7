package io.tidbbinlog.pump.storage;

import static io.tidbbinlog.pump.storage.Binlogs.commit;
import static io.tidbbinlog.pump.storage.Binlogs.commitTsOf;
import static io.tidbbinlog.pump.storage.Binlogs.fake;
import static io.tidbbinlog.pump.storage.Binlogs.prewrite;
import static io.tidbbinlog.pump.storage.Binlogs.pullAll;
import static io.tidbbinlog.pump.storage.Binlogs.rollback;
import static io.tidbbinlog.pump.storage.Binlogs.txn;
import static io.tidbbinlog.pump.storage.Binlogs.write;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedBinlogStorageTest {

    @TempDir
    Path dir;

    private final PumpMetrics metrics = new PumpMetrics();
    private final List<SegmentedBinlogStorage> opened = new ArrayList<>();
    private final Map<Long, CommitResolver.Resolution> answers = new ConcurrentHashMap<>();
    private final CommitResolver resolver = (prewrite, latest) ->
            answers.getOrDefault(prewrite.getStartTs(), new CommitResolver.Unknown("not in the test's map"));

    private StorageConfig config() {
        return new StorageConfig(dir, true, 0, StorageConfig.DEFAULT_SEGMENT_BYTES, Duration.ofSeconds(1));
    }

    private SegmentedBinlogStorage open(StorageConfig config) {
        SegmentedBinlogStorage s = SegmentedBinlogStorage.open(config, resolver, () -> 0L, metrics);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SegmentedBinlogStorage::close);
    }

    @Test
    void commitsArrivingOutOfOrderArePulledInCommitTsOrder() throws Exception {
        SegmentedBinlogStorage s = open(config());
        List<CompletableFuture<Void>> prewrites = new ArrayList<>();
        for (long start = 1; start <= 50; start++) {
            prewrites.add(s.write(prewrite(start), prewrite(start).toByteArray()));
        }
        CompletableFuture.allOf(prewrites.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        List<Long> starts = new ArrayList<>(LongStream.rangeClosed(1, 50).boxed().toList());
        Collections.shuffle(starts, new java.util.Random(7));
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (long start : starts) {
            Binlog c = commit(start, 1000 + start);
            commits.add(s.write(c, c.toByteArray()));
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertEquals(1050, s.maxCommitTs());
        assertEquals(LongStream.rangeClosed(1001, 1050).boxed().toList(), commitTsOf(pullAll(s, 0)));
        assertTrue(s.allMatched());
        assertEquals(100, s.stats().binlogsWritten());
    }

    @Test
    void aWaitingPrewriteHoldsTheWatermarkUntilItsCommitArrives() {
        SegmentedBinlogStorage s = open(config());
        write(s, prewrite(10));
        txn(s, 11, 20);

        assertEquals(0, s.maxCommitTs(), "prewrite 10 arrived before commit 20 and still waits");
        assertEquals(List.of(), pullAll(s, 0));
        assertFalse(s.allMatched());

        write(s, commit(10, 15));
        assertEquals(20, s.maxCommitTs());
        assertEquals(List.of(15L, 20L), commitTsOf(pullAll(s, 0)));
        assertEquals(List.of(20L), commitTsOf(pullAll(s, 15)));
    }

    @Test
    void aStoredBinlogIsFoundUnderPumpsKeyStartTsForAWaitingPrewriteCommitTsOtherwise() {
        // binlog:pump/storage: the KV key is start_ts for a prewrite, commit_ts for everything else (spec §4.3)
        SegmentedBinlogStorage s = open(config());
        write(s, prewrite(10));
        txn(s, 11, 20);
        write(s, prewrite(30));

        assertArrayEquals(prewrite(10).toByteArray(), s.storedBinlog(10).orElseThrow(), "waiting prewrite");
        assertArrayEquals(commit(11, 20).toByteArray(), s.storedBinlog(20).orElseThrow(), "commit not yet indexed");
        write(s, commit(10, 15));
        assertArrayEquals(commit(10, 15).toByteArray(), s.storedBinlog(15).orElseThrow(), "indexed commit");
        assertArrayEquals(commit(11, 20).toByteArray(), s.storedBinlog(20).orElseThrow(), "indexed commit");
        assertTrue(s.storedBinlog(10).isEmpty(), "a matched prewrite is reached through its commit binlog");
        assertTrue(s.storedBinlog(16).isEmpty());
        assertArrayEquals(prewrite(30).toByteArray(), s.storedBinlog(30).orElseThrow());
    }

    @Test
    void aPulledCommitCarriesItsPrewritesDataAsPumpJoinsThem() throws Exception {
        SegmentedBinlogStorage s = open(config());
        Binlog p = prewrite(5).toBuilder().setDdlQuery(ByteString.copyFromUtf8("create table t (a int)"))
                .setDdlJobId(42).setDdlSchemaState(5).build();
        write(s, p);
        write(s, commit(5, 9));

        List<PulledBinlog> pulled = pullAll(s, 0);
        assertEquals(1, pulled.size());
        Binlog joined = Binlog.parseFrom(pulled.get(0).payload());
        // binlog:pump/storage/storage.go PullCommitBinlog copies these five fields into the commit binlog.
        assertEquals(BinlogType.Commit, joined.getTp());
        assertEquals(5, joined.getStartTs());
        assertEquals(9, joined.getCommitTs());
        assertEquals(p.getPrewriteValue(), joined.getPrewriteValue());
        assertEquals("create table t (a int)", joined.getDdlQuery().toStringUtf8());
        assertEquals(42, joined.getDdlJobId());
        assertEquals(5, joined.getDdlSchemaState());
        assertEquals(5, pulled.get(0).startTs());
    }

    @Test
    void fakeBinlogsArePulledExactlyAsWritten() {
        SegmentedBinlogStorage s = open(config());
        write(s, fake(100));
        List<PulledBinlog> pulled = pullAll(s, 0);
        assertEquals(1, pulled.size());
        assertArrayEquals(fake(100).toByteArray(), pulled.get(0).payload());
        assertEquals(100, s.maxCommitTs());
    }

    @Test
    void rollbacksResolveTheirPrewriteAndAreNeverPulled() {
        SegmentedBinlogStorage s = open(config());
        write(s, prewrite(1));
        write(s, rollback(1));
        txn(s, 2, 3);
        assertTrue(s.allMatched());
        assertEquals(List.of(3L), commitTsOf(pullAll(s, 0)));
    }

    @Test
    void theProbeIsAcknowledgedAndNothingIsStored() throws Exception {
        SegmentedBinlogStorage s = open(config());
        Binlog probe = Binlog.getDefaultInstance();
        s.write(probe, new byte[0]).get(10, TimeUnit.SECONDS);
        assertEquals(0, s.stats().binlogsWritten());
    }

    @Test
    void aCommitWrittenTwiceIsPulledOnce() {
        SegmentedBinlogStorage s = open(config());
        write(s, prewrite(1));
        write(s, prewrite(2));
        write(s, commit(2, 8));
        write(s, commit(2, 8)); // still in the memtable: TiDB's retry
        write(s, commit(1, 5));
        write(s, commit(1, 5)); // already indexed
        assertEquals(List.of(5L, 8L), commitTsOf(pullAll(s, 0)));
    }

    @Test
    void aCommitWhosePrewriteNeverArrivedIsSkippedAndCounted() {
        SegmentedBinlogStorage s = open(config());
        write(s, commit(3, 4));
        txn(s, 5, 6);
        assertEquals(List.of(6L), commitTsOf(pullAll(s, 0)));
        assertEquals(1.0, metrics.lossBinlog.get());
        assertEquals(1, s.stats().missingPrewrites());
    }

    @Test
    void theResolverCommittingAPrewriteMakesTheStorageWriteItsCommitBinlog() throws Exception {
        SegmentedBinlogStorage s = open(config());
        answers.put(7L, new CommitResolver.Committed(12));
        write(s, prewrite(7));

        await().atMost(Duration.ofSeconds(30)).until(() -> s.maxCommitTs() == 12);
        List<PulledBinlog> pulled = pullAll(s, 0);
        assertEquals(List.of(12L), commitTsOf(pulled));
        Binlog joined = Binlog.parseFrom(pulled.get(0).payload());
        assertEquals(prewrite(7).getPrewriteValue(), joined.getPrewriteValue());
        assertEquals(1, s.stats().resolvedCommits());
        assertTrue(metrics.queryTikv.get() >= 1);

        write(s, commit(7, 12)); // TiDB's own commit binlog, late: dropped as already indexed
        txn(s, 13, 14);
        assertEquals(List.of(12L, 14L), commitTsOf(pullAll(s, 0)));
    }

    @Test
    void theResolverRollingBackAPrewriteDropsIt() {
        SegmentedBinlogStorage s = open(config());
        answers.put(7L, new CommitResolver.RolledBack("no lock, no write"));
        write(s, prewrite(7));
        txn(s, 8, 9);

        await().atMost(Duration.ofSeconds(30)).until(s::allMatched);
        assertEquals(9, s.maxCommitTs());
        assertEquals(List.of(9L), commitTsOf(pullAll(s, 0)));
        assertEquals(1, s.stats().resolvedRollbacks());
    }

    @Test
    void anUndecidedPrewriteKeepsWaitingAndIsAskedAgain() {
        SegmentedBinlogStorage s = open(config());
        write(s, prewrite(7));
        txn(s, 8, 9);

        await().atMost(Duration.ofSeconds(30)).until(() -> metrics.queryTikv.get() >= 2);
        assertFalse(s.allMatched());
        assertEquals(0, s.maxCommitTs());
        assertEquals(List.of(), pullAll(s, 0));

        write(s, commit(7, 10));
        assertEquals(List.of(9L, 10L), commitTsOf(pullAll(s, 0)));
    }

    @Test
    void theNoSpaceRuleRefusesTransactionsWithPumpsTextButAcceptsFakeBinlogs() throws Exception {
        SegmentedBinlogStorage s = open(config().withStopWriteAtAvailableSpace(Long.MAX_VALUE / 2));
        ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> s.write(prewrite(1), prewrite(1).toByteArray()).get(10, TimeUnit.SECONDS));
        NoSpaceException e = assertInstanceOf(NoSpaceException.class, refused.getCause());
        assertTrue(e.getMessage().matches("no available space, available: \\d+, StopWriteAtAvailableSpace: "
                + (Long.MAX_VALUE / 2)), e.getMessage());

        write(s, fake(50));
        assertEquals(List.of(50L), commitTsOf(pullAll(s, 0)));
    }

    @Test
    void aCursorFollowsTheWatermark() {
        SegmentedBinlogStorage s = open(config());
        try (PullCursor cursor = s.pull(0)) {
            assertEquals(null, cursor.next());
            txn(s, 1, 2);
            assertEquals(2, cursor.next().commitTs());
            assertEquals(null, cursor.next());
            txn(s, 3, 4);
            assertEquals(4, cursor.next().commitTs());
            assertEquals(4, cursor.position());
        }
    }
}
