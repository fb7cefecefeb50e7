package io.tidbbinlog.binlogfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the reader random and mutated binlog directories. Allowed outcomes: records and skip reports that tile each
 * file without overlap, or a {@link BinlogFileException}; never another exception, a hang, or an allocation sized by
 * a length read from the input (lengths are checked against the file first, so the heap stays small).
 *
 * <p>Runs about 3 seconds by default; {@code -Dfuzz.seconds=180} runs longer, {@code -Dfuzz.seed=N} replays.
 */
class BinlogFileReaderFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private static final long MAX_ALLOCATION_PER_CASE = 16L << 20;

    @Test
    void randomAndMutatedFilesReadCleanly(@TempDir Path tempDir) throws IOException {
        // tmpfs when there is one: the cases fsync (writer recovery), which on a disk would dominate the run
        Path shm = Path.of("/dev/shm");
        Path root = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "binlogfuzz") : tempDir;
        try {
            fuzz(root);
        } finally {
            if (!root.equals(tempDir)) {
                deleteTree(root);
            }
        }
    }

    private static void fuzz(Path root) {
        long seconds = Long.getLong("fuzz.seconds", 3);
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        long[] iterations = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(seconds + 60), () -> {
            Random rnd = new Random(seed);
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                long caseSeed = rnd.nextLong();
                Path dir = root.resolve("c" + iterations[0]);
                try {
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    runCase(dir, new Random(caseSeed));
                    long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                    // inputs are at most a few KiB: a length taken from them and allocated would show up here
                    assertTrue(allocated < MAX_ALLOCATION_PER_CASE, "case allocated " + allocated + " bytes");
                } catch (AssertionError | RuntimeException | IOException e) {
                    throw new AssertionError("fuzz case failed, seed " + seed + ", case seed " + caseSeed, e);
                }
                deleteTree(dir);
                iterations[0]++;
            }
        }, () -> "reader hung; fuzz seed " + seed);
        System.out.printf("binlog file reader fuzz: %d cases in %d s (seed %d)%n", iterations[0], seconds, seed);
        assertTrue(iterations[0] > 0);
    }

    private static void runCase(Path dir, Random rnd) throws IOException {
        Files.createDirectories(dir);
        int fileCount = 1 + rnd.nextInt(3);
        List<byte[]> contents = new ArrayList<>();
        List<List<byte[]>> written = new ArrayList<>();
        for (int f = 0; f < fileCount; f++) {
            List<byte[]> payloads = new ArrayList<>();
            byte[] content = rnd.nextInt(5) == 0 ? randomBytes(rnd, payloads) : mutatedRecords(rnd, payloads);
            contents.add(content);
            written.add(payloads);
            Files.write(dir.resolve(BinlogFileName.format(f + 5, java.time.LocalDateTime.of(2020, 1, 1, 0, 0, f))),
                    content);
        }
        int max = rnd.nextBoolean() ? BinlogFileReader.DEFAULT_MAX_RECORD_BYTES : 1 + rnd.nextInt(200);

        TreeMap<String, List<long[]>> regions = new TreeMap<>();
        CorruptionListener listener = (file, offset, length, reason) -> {
            assertTrue(length > 0, reason);
            regions.computeIfAbsent(file, k -> new ArrayList<>()).add(new long[] {offset, offset + length});
        };
        List<BinlogRecord> records;
        BinlogFilePosition end;
        try (BinlogFileReader reader = new BinlogFileReader(dir, null, max, listener)) {
            try {
                records = Dirs.readAll(reader);
            } catch (BinlogFileException documented) {
                return;
            }
            end = reader.position();
            // polling again at the end changes nothing
            assertEquals(null, reader.next());
            assertEquals(end, reader.position());
        }
        for (BinlogRecord r : records) {
            assertTrue(r.payload().length <= max);
            regions.computeIfAbsent(r.fileName(), k -> new ArrayList<>()).add(new long[] {r.offset(), r.nextOffset()});
        }
        List<BinlogFile> files = BinlogDirectory.list(dir);
        for (int f = 0; f < files.size(); f++) {
            String name = files.get(f).fileName();
            List<long[]> rs = new ArrayList<>(regions.getOrDefault(name, List.of()));
            rs.sort((a, b) -> Long.compare(a[0], b[0]));
            long at = 0;
            for (long[] reg : rs) {
                assertEquals(at, reg[0], "records and skipped regions tile " + name);
                at = reg[1];
            }
            boolean newest = f == files.size() - 1;
            if (newest) {
                assertEquals(new BinlogFilePosition(name, at), end);
                assertTrue(at <= contents.get(f).length);
            } else {
                assertEquals(contents.get(f).length, at, "an older file is consumed to its end: " + name);
            }
        }
        // every payload that survived unmutated and whole is read back (when it fits the bound)
        // is checked loosely: returned payloads must have been framed somewhere in the input
        for (BinlogRecord r : records) {
            byte[] content = contents.get(indexOf(files, r.fileName()));
            byte[] framed = RecordFraming.frame(r.payload());
            assertArrayEquals(framed, java.util.Arrays.copyOfRange(content, (int) r.offset(), (int) r.nextOffset()));
        }

        // the writer's recovery on the same directory leaves it appendable and readable to the new record
        if (rnd.nextInt(4) == 0) {
            byte[] marker = {(byte) 0xAB, (byte) rnd.nextInt(), 1, 2, 3};
            try (BinlogFileWriter w = BinlogFileWriter.open(dir,
                    BinlogFileWriter.Options.defaults().withSyncPolicy(SyncPolicy.ON_FLUSH).withMaxRecordBytes(
                            Math.max(max, marker.length)), CorruptionListener.NONE)) {
                w.append(marker);
            }
            try (BinlogFileReader reader = new BinlogFileReader(dir, null, Math.max(max, marker.length),
                    CorruptionListener.NONE)) {
                List<BinlogRecord> after = Dirs.readAll(reader);
                assertTrue(!after.isEmpty());
                assertArrayEquals(marker, after.get(after.size() - 1).payload());
            }
        }
    }

    private static int indexOf(List<BinlogFile> files, String name) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).fileName().equals(name)) {
                return i;
            }
        }
        fail("no file " + name);
        return -1;
    }

    private static byte[] randomBytes(Random rnd, List<byte[]> payloads) {
        byte[] b = new byte[rnd.nextInt(600)];
        rnd.nextBytes(b);
        // sprinkle magics so the resync path sees candidates
        for (int i = 0; i + 4 <= b.length && rnd.nextInt(3) > 0; i += 1 + rnd.nextInt(60)) {
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(i, RecordFraming.MAGIC);
        }
        return b;
    }

    private static byte[] mutatedRecords(Random rnd, List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            byte[] p = new byte[rnd.nextInt(rnd.nextInt(10) == 0 ? 400 : 40)];
            rnd.nextBytes(p);
            if (rnd.nextInt(6) == 0 && p.length >= 20) {
                // a payload that itself contains a complete framed record
                byte[] inner = RecordFraming.frame(new byte[] {9, 9});
                System.arraycopy(inner, 0, p, rnd.nextInt(p.length - inner.length + 1), Math.min(inner.length, p.length));
            }
            payloads.add(p);
            out.writeBytes(RecordFraming.frame(p));
        }
        byte[] b = out.toByteArray();
        int mutations = rnd.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[pos] = (byte) rnd.nextInt();
                case 2 -> b = java.util.Arrays.copyOf(b, pos);
                case 3 -> {
                    // a huge or negative length at a record-looking place
                    if (pos + 12 <= b.length) {
                        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(pos, RecordFraming.MAGIC)
                                .putLong(pos + 4, rnd.nextBoolean() ? rnd.nextLong() : Integer.MAX_VALUE - rnd.nextInt(20));
                    }
                }
                case 4 -> {
                    byte[] ins = new byte[1 + rnd.nextInt(20)];
                    rnd.nextBytes(ins);
                    byte[] nb = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, nb, 0, pos);
                    System.arraycopy(ins, 0, nb, pos, ins.length);
                    System.arraycopy(b, pos, nb, pos + ins.length, b.length - pos);
                    b = nb;
                }
                default -> {
                    int len = Math.min(b.length - pos, 1 + rnd.nextInt(30));
                    byte[] nb = new byte[b.length - len];
                    System.arraycopy(b, 0, nb, 0, pos);
                    System.arraycopy(b, pos + len, nb, pos, b.length - pos - len);
                    b = nb;
                }
            }
        }
        return b;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
