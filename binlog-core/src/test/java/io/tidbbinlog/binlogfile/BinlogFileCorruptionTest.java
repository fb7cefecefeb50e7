package io.tidbbinlog.binlogfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BinlogFileCorruptionTest {
    private static final int RECORDS = 5;
    private static final int DAMAGED = 2;

    /** Byte offsets inside record 2's frame: magic 0..3, length 4..11, payload, crc (the last 4). */
    @ParameterizedTest(name = "{0} byte {1}")
    @CsvSource({"magic,0", "magic,3", "length,4", "length,7", "length,11", "payload,12", "payload,40", "crc,-4", "crc,-1"})
    void damageInTheMiddleIsSkippedUpToTheNextRecordAndReported(String part, int at, @TempDir Path dir) throws Exception {
        long[] starts = writeRecords(dir, 1 << 20);
        Path file = BinlogDirectory.list(dir).get(0).path();
        long recordEnd = starts[DAMAGED + 1];
        long pos = at >= 0 ? starts[DAMAGED] + at : recordEnd + at;
        flip(file, pos);

        Dirs.Skips skips = new Dirs.Skips();
        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
            List<BinlogRecord> got = Dirs.readAll(r);
            assertEquals(List.of(0, 1, 3, 4), got.stream().map(rec -> (int) rec.payload()[0]).toList());
            assertEquals(1, r.skippedRegions());
            assertEquals(recordEnd - starts[DAMAGED], r.skippedBytes());
            assertEquals(1, skips.events.size());
            assertTrue(skips.events.get(0).startsWith(BinlogDirectory.list(dir).get(0).fileName() + "@" + starts[DAMAGED]
                    + "+" + (recordEnd - starts[DAMAGED])), skips.events.get(0));
        }
    }

    @Test
    void aLengthBeyondTheMaximumIsDamageNotAnAllocation(@TempDir Path dir) throws Exception {
        long[] starts = writeRecords(dir, 1 << 20);
        Path file = BinlogDirectory.list(dir).get(0).path();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong((int) starts[DAMAGED] + 4, Long.MAX_VALUE - 3);
        Files.write(file, bytes);
        Dirs.Skips skips = new Dirs.Skips();
        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
            assertEquals(4, Dirs.readAll(r).size());
            assertTrue(skips.events.get(0).contains("exceeds the maximum record size"), skips.events.get(0));
        }
        // a reader with a small bound sees records larger than it as damage as well
        Dirs.Skips small = new Dirs.Skips();
        try (BinlogFileReader r = new BinlogFileReader(dir, null, 10, small)) {
            List<BinlogRecord> got = Dirs.readAll(r);
            got.forEach(rec -> assertTrue(rec.payload().length <= 10));
        }
    }

    @Test
    void aDamagedLastRecordOfAnOlderFileIsSkippedAndReadingGoesOnInTheNextFile(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, options(200), CorruptionListener.NONE)) {
            for (int i = 0; i < 12; i++) {
                w.append(Dirs.payload(i + 1));
            }
        }
        List<BinlogRecord> clean = Dirs.readAll(dir);
        List<BinlogFile> files = BinlogDirectory.list(dir);
        assertTrue(files.size() >= 3);
        BinlogRecord lastOfFirst = clean.stream().filter(r -> r.fileName().equals(files.get(0).fileName()))
                .reduce((a, b) -> b).orElseThrow();
        flip(files.get(0).path(), lastOfFirst.nextOffset() - 1);

        Dirs.Skips skips = new Dirs.Skips();
        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
            List<BinlogRecord> got = Dirs.readAll(r);
            assertEquals(clean.size() - 1, got.size());
            assertEquals(1, skips.events.size());
            assertEquals(lastOfFirst.nextOffset() - lastOfFirst.offset(), r.skippedBytes());
        }
    }

    @Test
    void aTruncatedRecordInAnOlderFileIsReportedAsDamage(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, options(200), CorruptionListener.NONE)) {
            for (int i = 0; i < 12; i++) {
                w.append(Dirs.payload(i + 1));
            }
        }
        int before = Dirs.readAll(dir).size();
        Path first = BinlogDirectory.list(dir).get(0).path();
        byte[] bytes = Files.readAllBytes(first);
        Files.write(first, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        Dirs.Skips skips = new Dirs.Skips();
        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
            assertEquals(before - 1, Dirs.readAll(r).size());
            assertEquals(1, r.skippedRegions());
        }
    }

    @Test
    void garbageAfterTheLastRecordOfTheNewestFileWaitsThenIsCutByTheWriter(@TempDir Path dir) throws Exception {
        long[] starts = writeRecords(dir, 1 << 20);
        Path file = BinlogDirectory.list(dir).get(0).path();
        long end = Files.size(file);
        flip(file, starts[RECORDS - 1] + 20);

        Dirs.Skips skips = new Dirs.Skips();
        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
            assertEquals(RECORDS - 1, Dirs.readAll(r).size());
            assertTrue(skips.events.isEmpty(), "nothing skipped yet: " + skips.events);
            assertEquals(starts[RECORDS - 1], r.position().offset());

            Dirs.Skips recovery = new Dirs.Skips();
            try (BinlogFileWriter w = BinlogFileWriter.open(dir, options(1 << 20), recovery)) {
                assertEquals(end - starts[RECORDS - 1], recovery.bytes);
                w.append(Dirs.payload(77));
            }
            assertArrayEquals(Dirs.payload(77), r.next().payload());
            assertNull(r.next());
            assertTrue(skips.events.isEmpty(), skips.events.toString());
        }
    }

    @Test
    void garbageFollowedByValidRecordsInTheNewestFileIsSkippedOnceTheyAppear(@TempDir Path dir) throws Exception {
        // PingCAP's writer appends after a torn tail without cutting it; our reader must get past it
        long[] starts = writeRecords(dir, 1 << 20);
        Path file = BinlogDirectory.list(dir).get(0).path();
        byte[] bytes = Files.readAllBytes(file);
        byte[] torn = java.util.Arrays.copyOf(bytes, (int) starts[RECORDS - 1] + 15);
        Files.write(file, torn);
        Dirs.Skips skips = new Dirs.Skips();
        try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
            assertEquals(RECORDS - 1, Dirs.readAll(r).size());
            byte[] appended = RecordFraming.frame(Dirs.payload(55));
            Files.write(file, appended, java.nio.file.StandardOpenOption.APPEND);
            BinlogRecord rec = r.next();
            assertArrayEquals(Dirs.payload(55), rec.payload());
            assertEquals(List.of(BinlogDirectory.list(dir).get(0).fileName() + "@" + starts[RECORDS - 1] + "+15"),
                    skips.events.stream().map(e -> e.substring(0, e.indexOf(':'))).toList());
        }
    }

    private static BinlogFileWriter.Options options(long segment) {
        return BinlogFileWriter.Options.defaults().withSegmentBytes(segment).withSyncPolicy(SyncPolicy.ON_FLUSH);
    }

    /** Writes records 0..RECORDS-1 (payload byte 0 = record number) and returns their start offsets plus the end. */
    private static long[] writeRecords(Path dir, long segment) throws Exception {
        long[] starts = new long[RECORDS + 1];
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, options(segment), CorruptionListener.NONE)) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] p = Dirs.payload(i + 50);
                p[0] = (byte) i;
                starts[i] = w.append(p).offset();
            }
            starts[RECORDS] = w.position().offset();
        }
        return starts;
    }

    private static void flip(Path file, long pos) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) pos] ^= (byte) 0x5a;
        Files.write(file, bytes);
    }
}
