package io.tidbbinlog.pump.storage;

import static io.tidbbinlog.pump.storage.Binlogs.commit;
import static io.tidbbinlog.pump.storage.Binlogs.commitTsOf;
import static io.tidbbinlog.pump.storage.Binlogs.fake;
import static io.tidbbinlog.pump.storage.Binlogs.prewrite;
import static io.tidbbinlog.pump.storage.Binlogs.pullAll;
import static io.tidbbinlog.pump.storage.Binlogs.txn;
import static io.tidbbinlog.pump.storage.Binlogs.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts, crashes, torn and corrupt value logs, rotation and GC (spec §4.2, §4.6). */
class StorageRecoveryTest {

    @TempDir
    Path dir;

    private final List<SegmentedBinlogStorage> opened = new ArrayList<>();
    private PumpMetrics metrics = new PumpMetrics();

    private SegmentedBinlogStorage open(long segmentBytes) {
        return open(segmentBytes, 1L << 20);
    }

    private SegmentedBinlogStorage open(long segmentBytes, long indexEntriesPerFile) {
        metrics = new PumpMetrics();
        SegmentedBinlogStorage s = SegmentedBinlogStorage.open(
                new StorageConfig(dir, true, 0, segmentBytes, Duration.ofSeconds(1)), CommitResolver.NEVER,
                () -> 0L, metrics, indexEntriesPerFile);
        opened.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SegmentedBinlogStorage::close);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void aCleanRestartServesTheSameStreamAndKeepsWaitingPrewrites() {
        SegmentedBinlogStorage s = open(4096);
        for (long t = 1; t <= 100; t++) {
            txn(s, 2 * t, 2 * t + 1);
        }
        write(s, prewrite(1000));
        txn(s, 1001, 1002);
        s.close();

        SegmentedBinlogStorage again = open(4096);
        assertEquals(201, again.maxCommitTs());
        assertFalse(again.allMatched(), "prewrite 1000 still waits after the restart");
        write(again, commit(1000, 1003));
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 100).map(t -> 2 * t + 1).boxed().toList());
        expected.addAll(List.of(1002L, 1003L));
        assertEquals(expected, commitTsOf(pullAll(again, 0)));
    }

    @Test
    void aCrashLosesNothingAcknowledgedAndDuplicatesNothing() {
        SegmentedBinlogStorage s = open(4096);
        for (long t = 1; t <= 60; t++) {
            txn(s, 2 * t, 2 * t + 1);
        }
        // A prewrite before commits whose own prewrites came earlier: replay must start early enough for both.
        write(s, prewrite(500));
        write(s, prewrite(501));
        write(s, prewrite(502));
        write(s, commit(502, 505));
        write(s, commit(501, 504));
        s.crashForTest();

        SegmentedBinlogStorage again = open(4096);
        assertEquals(121, again.maxCommitTs());
        write(again, commit(500, 503));
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 60).map(t -> 2 * t + 1).boxed().toList());
        expected.addAll(List.of(503L, 504L, 505L));
        assertEquals(expected, commitTsOf(pullAll(again, 0)));
        assertEquals(0, again.stats().missingPrewrites());
    }

    @Test
    void theIndexIsRebuiltFromTheLogWhenItAndTheCheckpointAreLost() throws IOException {
        SegmentedBinlogStorage s = open(4096);
        for (long t = 1; t <= 80; t++) {
            txn(s, 2 * t, 2 * t + 1);
        }
        s.crashForTest();
        Files.deleteIfExists(dir.resolve(Checkpoint.FILE));
        deleteTree(dir.resolve("index"));

        SegmentedBinlogStorage again = open(4096);
        assertEquals(LongStream.rangeClosed(1, 80).map(t -> 2 * t + 1).boxed().toList(),
                commitTsOf(pullAll(again, 0)));
    }

    @Test
    void aTornTailIsCutAndReportedAndWhatPrecedesItSurvives() throws IOException {
        SegmentedBinlogStorage s = open(1L << 20);
        for (long ts = 1; ts <= 10; ts++) {
            write(s, fake(ts));
        }
        s.crashForTest();
        Path segment = dir.resolve("value").resolve("000000.vlog");
        long size = Files.size(segment);
        truncate(segment, size - 5);

        SegmentedBinlogStorage again = open(1L << 20);
        assertEquals(range(1, 9), commitTsOf(pullAll(again, 0)));
        assertEquals(1.0, metrics.storageErrors.labels("torn_tail").get());
        write(again, fake(11));
        assertEquals(range(1, 9).size() + 1, pullAll(again, 0).size());
    }

    @Test
    void garbageAfterTheLastRecordIsCut() throws IOException {
        SegmentedBinlogStorage s = open(1L << 20);
        for (long ts = 1; ts <= 10; ts++) {
            write(s, fake(ts));
        }
        s.close();
        Path segment = dir.resolve("value").resolve("000000.vlog");
        long size = Files.size(segment);
        Files.write(segment, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21},
                StandardOpenOption.APPEND);

        SegmentedBinlogStorage again = open(1L << 20);
        assertEquals(size, Files.size(segment));
        assertEquals(1.0, metrics.storageErrors.labels("torn_tail").get());
        assertEquals(range(1, 10), commitTsOf(pullAll(again, 0)));
    }

    @Test
    void aFlippedByteInTheLastRecordCutsOnlyThatRecord() throws IOException {
        SegmentedBinlogStorage s = open(1L << 20);
        for (long ts = 1; ts <= 10; ts++) {
            write(s, fake(ts));
        }
        s.crashForTest();
        Path segment = dir.resolve("value").resolve("000000.vlog");
        flipByte(segment, Files.size(segment) - 2);

        SegmentedBinlogStorage again = open(1L << 20);
        assertEquals(range(1, 9), commitTsOf(pullAll(again, 0)));
        assertEquals(1.0, metrics.storageErrors.labels("torn_tail").get());
    }

    @Test
    void aCorruptRecordInTheMiddleIsSkippedWithoutLosingLaterRecords() throws IOException {
        SegmentedBinlogStorage s = open(1L << 20);
        for (long ts = 1; ts <= 20; ts++) {
            write(s, fake(ts));
        }
        s.crashForTest();
        Files.deleteIfExists(dir.resolve(Checkpoint.FILE));
        deleteTree(dir.resolve("index"));
        int recordBytes = RecordFraming.HEADER_BYTES + fake(1).toByteArray().length;
        Path segment = dir.resolve("value").resolve("000000.vlog");
        flipByte(segment, 4L * recordBytes + RecordFraming.HEADER_BYTES + 1); // inside the 5th record's payload

        SegmentedBinlogStorage again = open(1L << 20);
        List<Long> expected = new ArrayList<>(range(1, 20));
        expected.remove(Long.valueOf(5));
        assertEquals(expected, commitTsOf(pullAll(again, 0)));
        assertEquals(1.0, metrics.storageErrors.labels("corrupt_record").get());
    }

    @Test
    void smallSegmentsRotateAndAPullCrossesThem() {
        SegmentedBinlogStorage s = open(4096);
        for (long t = 1; t <= 300; t++) {
            txn(s, 2 * t, 2 * t + 1);
        }
        assertTrue(s.stats().segments() > 5, "segments: " + s.stats().segments());
        assertEquals(300, pullAll(s, 0).size());
        s.close();
        SegmentedBinlogStorage again = open(4096);
        assertEquals(LongStream.rangeClosed(1, 300).map(t -> 2 * t + 1).boxed().toList(),
                commitTsOf(pullAll(again, 0)));
    }

    @Test
    void gcDeletesOldSegmentsAndIndexFilesAndAPullBelowItStartsAtIt() throws IOException {
        long minute = 60_000L << 18;
        long early = 1_000 * minute;
        long late = early + 30 * minute;
        SegmentedBinlogStorage s = open(4096, 16);
        for (long t = 1; t <= 100; t++) {
            txn(s, early + 2 * t, early + 2 * t + 1);
        }
        for (long t = 1; t <= 100; t++) {
            txn(s, late + 2 * t, late + 2 * t + 1);
        }
        long segmentsBefore = countFiles(dir.resolve("value"));
        long indexBefore = countFiles(dir.resolve("index"));

        assertFalse(s.gc(late + 10_000), "not above the watermark");
        long gcTs = early + 20 * minute;
        assertTrue(s.gc(gcTs));
        assertFalse(s.gc(gcTs), "not above the previous GC watermark");
        assertEquals(gcTs, s.gcTs());
        assertTrue(countFiles(dir.resolve("value")) < segmentsBefore);
        assertTrue(countFiles(dir.resolve("index")) < indexBefore);
        assertEquals(gcTs, metrics.doneGcTs.get());

        List<Long> expected = LongStream.rangeClosed(1, 100).map(t -> late + 2 * t + 1).boxed().toList();
        assertEquals(expected, commitTsOf(pullAll(s, 0)));
        s.close();
        SegmentedBinlogStorage again = open(4096, 16);
        assertEquals(gcTs, again.gcTs());
        assertEquals(expected, commitTsOf(pullAll(again, early)));
    }

    private static long countFiles(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.count();
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    private static void flipByte(Path file, long at) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x5a));
            b.rewind();
            ch.write(b, at);
        }
    }

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
