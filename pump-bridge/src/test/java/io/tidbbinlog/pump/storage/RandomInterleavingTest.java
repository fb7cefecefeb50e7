package io.tidbbinlog.pump.storage;

import static io.tidbbinlog.pump.storage.Binlogs.commit;
import static io.tidbbinlog.pump.storage.Binlogs.commitTsOf;
import static io.tidbbinlog.pump.storage.Binlogs.prewrite;
import static io.tidbbinlog.pump.storage.Binlogs.pullAll;
import static io.tidbbinlog.pump.storage.Binlogs.rollback;
import static io.tidbbinlog.pump.storage.Binlogs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several sessions write transactions as TiDB does (spec §5.5): start_ts from the TSO, the prewrite binlog
 * acknowledged, then commit_ts from the TSO and the commit binlog (or a rollback). Whatever the interleaving, the
 * pulled stream is exactly the committed set in commit_ts order, before and after a restart.
 */
class RandomInterleavingTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void pulledIsExactlyTheCommittedSetInCommitOrder(long seed) throws Exception {
        StorageConfig config = new StorageConfig(dir, true, 0, 8192, Duration.ofSeconds(1));
        SegmentedBinlogStorage s = SegmentedBinlogStorage.open(config, CommitResolver.NEVER, () -> 0L,
                new PumpMetrics(), 64);
        AtomicLong tso = new AtomicLong(1000);
        ConcurrentSkipListSet<Long> committed = new ConcurrentSkipListSet<>();
        ExecutorService sessions = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int session = 0; session < 4; session++) {
            Random random = new Random(seed * 31 + session);
            done.add(sessions.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    long start = tso.incrementAndGet();
                    write(s, prewrite(start));
                    if (random.nextInt(10) == 0) {
                        write(s, rollback(start));
                    } else {
                        long commitTs = tso.incrementAndGet();
                        write(s, commit(start, commitTs));
                        committed.add(commitTs);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        sessions.shutdown();

        List<Long> expected = new ArrayList<>(committed);
        assertTrue(s.allMatched());
        assertEquals(expected.get(expected.size() - 1), s.maxCommitTs());
        assertEquals(expected, commitTsOf(pullAll(s, 0)));
        s.crashForTest();

        SegmentedBinlogStorage again = SegmentedBinlogStorage.open(config, CommitResolver.NEVER, () -> 0L,
                new PumpMetrics(), 64);
        try {
            assertEquals(expected, commitTsOf(pullAll(again, 0)));
        } finally {
            again.close();
        }
    }
}
