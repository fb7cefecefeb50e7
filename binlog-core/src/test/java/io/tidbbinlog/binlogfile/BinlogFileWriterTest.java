package io.tidbbinlog.binlogfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinlogFileWriterTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2019-03-04T05:06:07Z"), ZoneId.of("Asia/Shanghai"));

    private static BinlogFileWriter.Options small(long segment) {
        return BinlogFileWriter.Options.defaults().withSegmentBytes(segment).withSyncPolicy(SyncPolicy.ON_FLUSH)
                .withClock(FIXED);
    }

    @Test
    void firstFileIsIndexZeroNamedWithLocalCreationTime(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20), CorruptionListener.NONE)) {
            // 05:06:07 UTC is 13:06:07 in Asia/Shanghai (UTC+8)
            assertEquals(new BinlogFilePosition("binlog-0000000000000000-20190304130607", 0), w.position());
            BinlogFilePosition at = w.append("123456789".getBytes(StandardCharsets.US_ASCII));
            assertEquals(0, at.offset());
            assertEquals(25, w.position().offset());
        }
        assertArrayEquals(Hex.bytes(RecordFramingTest.RECORD_123456789),
                Files.readAllBytes(dir.resolve("binlog-0000000000000000-20190304130607")));
        assertTrue(Files.exists(dir.resolve(".lock")));
    }

    @Test
    void manyRecordsAcrossRotationReadBackInOrder(@TempDir Path dir) throws Exception {
        int n = 2000;
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(4096), CorruptionListener.NONE)) {
            for (int i = 0; i < n; i++) {
                w.append(Dirs.payload(i));
            }
        }
        List<BinlogFile> files = BinlogDirectory.list(dir);
        assertTrue(files.size() > 50, "expected many rotations, got " + files.size());
        for (int i = 0; i < files.size(); i++) {
            assertEquals(i, files.get(i).index());
            long size = Files.size(files.get(i).path());
            if (i < files.size() - 1) {
                // rotation happens right after the write that reaches the segment size
                assertTrue(size >= 4096, "file " + i + " rotated early at " + size);
                assertTrue(size < 4096 + 300 + 5 + RecordFraming.OVERHEAD_BYTES, "file " + i + " too big: " + size);
            }
        }
        List<BinlogRecord> read = Dirs.readAll(dir);
        assertEquals(n, read.size());
        for (int i = 0; i < n; i++) {
            assertArrayEquals(Dirs.payload(i), read.get(i).payload(), "record " + i);
        }
    }

    @Test
    void readerResumesFromACheckpointPosition(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1000), CorruptionListener.NONE)) {
            for (int i = 0; i < 100; i++) {
                w.append(Dirs.payload(i));
            }
        }
        List<BinlogRecord> all = Dirs.readAll(dir);
        BinlogFilePosition checkpoint = all.get(41).next();
        try (BinlogFileReader r = new BinlogFileReader(dir, checkpoint, 1 << 20, CorruptionListener.NONE)) {
            List<BinlogRecord> rest = Dirs.readAll(r);
            assertEquals(58, rest.size());
            assertArrayEquals(Dirs.payload(42), rest.get(0).payload());
        }
        assertThrows(BinlogFileException.class,
                () -> new BinlogFileReader(dir, new BinlogFilePosition("binlog-0000000000000999", 0), 1 << 20,
                        CorruptionListener.NONE));
    }

    @Test
    void readerFollowsTheWriterAcrossAppendsAndRotation(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(600), CorruptionListener.NONE);
             BinlogFileReader r = BinlogFileReader.fromStart(dir, CorruptionListener.NONE)) {
            int written = 0;
            int read = 0;
            for (int round = 0; round < 30; round++) {
                for (int k = 0; k < round % 4; k++) {
                    w.append(Dirs.payload(written++));
                }
                w.flush();
                BinlogRecord rec;
                while ((rec = r.next()) != null) {
                    assertArrayEquals(Dirs.payload(read), rec.payload(), "record " + read);
                    read++;
                }
                assertEquals(written, read);
                assertEquals(w.position(), r.position());
            }
            assertTrue(BinlogDirectory.list(dir).size() > 3);
        }
    }

    @Test
    void reopeningContinuesTheNewestFile(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20), CorruptionListener.NONE)) {
            w.append(Dirs.payload(0));
            w.append(Dirs.payload(1));
        }
        BinlogFilePosition end;
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20), CorruptionListener.NONE)) {
            assertEquals(Dirs.readAll(dir).get(1).next(), w.position());
            w.append(Dirs.payload(2));
            end = w.position();
        }
        List<BinlogRecord> all = Dirs.readAll(dir);
        assertEquals(3, all.size());
        assertArrayEquals(Dirs.payload(2), all.get(2).payload());
        assertEquals(end, all.get(2).next());
        assertEquals(1, BinlogDirectory.list(dir).size());
    }

    @Test
    void tornTailAtEveryBytePositionReadsAsEndAndTheWriterContinuesCleanly(@TempDir Path root) throws Exception {
        byte[] last = Dirs.payload(3);
        for (int cut = 0; cut < RecordFraming.OVERHEAD_BYTES + last.length; cut++) {
            Path dir = Files.createDirectory(root.resolve("cut" + cut));
            try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20), CorruptionListener.NONE)) {
                w.append(Dirs.payload(1));
                w.append(Dirs.payload(2));
                w.append(last);
            }
            Path file = BinlogDirectory.list(dir).get(0).path();
            byte[] whole = Files.readAllBytes(file);
            long goodEnd = whole.length - RecordFraming.OVERHEAD_BYTES - last.length;
            byte[] torn = java.util.Arrays.copyOf(whole, (int) goodEnd + cut);
            Files.write(file, torn);

            Dirs.Skips readerSkips = new Dirs.Skips();
            try (BinlogFileReader r = BinlogFileReader.fromStart(dir, readerSkips)) {
                List<BinlogRecord> got = Dirs.readAll(r);
                assertEquals(2, got.size(), "cut at " + cut);
                assertEquals(goodEnd, r.position().offset(), "reader waits at the torn record, cut " + cut);
                assertTrue(readerSkips.events.isEmpty(), "a torn tail is not damage: " + readerSkips.events);

                Dirs.Skips recovery = new Dirs.Skips();
                try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20), recovery)) {
                    assertEquals(goodEnd, w.position().offset());
                    assertEquals(cut, recovery.bytes, "cut " + cut);
                    w.append(Dirs.payload(9));
                }
                // the same reader picks up the record written after recovery
                BinlogRecord next = r.next();
                assertArrayEquals(Dirs.payload(9), next.payload(), "cut " + cut);
                assertNull(r.next());
                assertTrue(readerSkips.events.isEmpty(), readerSkips.events.toString());
            }
        }
    }

    @Test
    void anArchivedNewestFileIsLeftAloneAndWritingGoesOnInTheNextIndex(@TempDir Path dir) throws Exception {
        byte[] archived = {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3};
        Path old = dir.resolve("binlog-0000000000000004-20180315121212-407623959013752832.tar.gz");
        Files.write(old, archived);
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20), CorruptionListener.NONE)) {
            assertEquals("binlog-0000000000000005-20190304130607", w.position().fileName());
            w.append(new byte[] {5});
        }
        assertArrayEquals(archived, Files.readAllBytes(old));
    }

    @Test
    void aSecondWriterOnTheSameDirectoryFailsClearly(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir)) {
            BinlogFileException e = assertThrows(BinlogFileException.class, () -> BinlogFileWriter.open(dir));
            assertTrue(e.getMessage().contains("already open for writing"), e.getMessage());
            w.append(new byte[] {1});
        }
        // released on close
        try (BinlogFileWriter w = BinlogFileWriter.open(dir)) {
            assertEquals(1, Dirs.readAll(dir).size());
        }
    }

    @Test
    void aLockHeldByAnotherProcessIsReported(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir);
        Process holder = WriterInAnotherProcess.start(dir);
        try {
            assertEquals("locked", WriterInAnotherProcess.firstLine(holder));
            BinlogFileException e = assertThrows(BinlogFileException.class, () -> BinlogFileWriter.open(dir));
            assertTrue(e.getMessage().contains("locked by another process"), e.getMessage());
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(10, TimeUnit.SECONDS);
            holder.destroy();
        }
        try (BinlogFileWriter w = BinlogFileWriter.open(dir)) {
            w.append(new byte[] {7});
        }
    }

    @Test
    void anOversizedPayloadIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        try (BinlogFileWriter w = BinlogFileWriter.open(dir, small(1 << 20).withMaxRecordBytes(100),
                CorruptionListener.NONE)) {
            BinlogFileException e = assertThrows(BinlogFileException.class, () -> w.append(new byte[101]));
            assertTrue(e.getMessage().contains("101"), e.getMessage());
            assertEquals(0, w.position().offset());
            w.append(new byte[100]);
        }
    }

    @Test
    void appendAfterCloseFails(@TempDir Path dir) throws Exception {
        BinlogFileWriter w = BinlogFileWriter.open(dir);
        w.close();
        assertThrows(BinlogFileException.class, () -> w.append(new byte[1]));
    }

    @Test
    void firstCommitTsComesFromTheNameOrTheFirstPayload(@TempDir Path dir) throws Exception {
        Path named = dir.resolve("binlog-0000000000000003-20180315121212-407623959013752832.tar.gz");
        Files.write(named, new byte[0]);
        BinlogFile archived = new BinlogFile(named, BinlogFileName.parse(named.getFileName().toString()).orElseThrow());
        assertEquals(OptionalLong.of(407623959013752832L),
                BinlogFileReader.firstCommitTs(archived, p -> { throw new AssertionError("not read"); }));

        Path sub = Files.createDirectory(dir.resolve("plain"));
        try (BinlogFileWriter w = BinlogFileWriter.open(sub)) {
            w.append(new byte[] {0, 0, 0, 42});
            w.append(new byte[] {0, 0, 0, 43});
        }
        BinlogFile file = BinlogDirectory.list(sub).get(0);
        assertEquals(OptionalLong.of(42), BinlogFileReader.firstCommitTs(file, p -> p[3]));

        Path empty = Files.createDirectory(dir.resolve("empty"));
        try (BinlogFileWriter w = BinlogFileWriter.open(empty)) {
            assertEquals(OptionalLong.empty(),
                    BinlogFileReader.firstCommitTs(BinlogDirectory.list(empty).get(0), p -> 1L));
        }
    }
}
