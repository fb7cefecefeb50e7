package io.tidbbinlog.binlogfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinlogFileConcurrencyTest {
    /**
     * A reader polling while the writer appends and rotates must see every record once, in order, and never take a
     * record that is still being written (or a file the writer has just left) for damage.
     */
    @Test
    void aReaderPollingAlongsideTheWriterSeesEveryRecordWithoutFalseDamage(@TempDir Path dir) {
        int n = 20_000;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (BinlogFileWriter w = BinlogFileWriter.open(dir, BinlogFileWriter.Options.defaults()
                    .withSegmentBytes(16 * 1024).withSyncPolicy(SyncPolicy.ON_FLUSH), CorruptionListener.NONE)) {
                Dirs.Skips skips = new Dirs.Skips();
                Future<?> writer = pool.submit(() -> {
                    for (int i = 0; i < n; i++) {
                        w.append(Dirs.payload(i));
                        if (i % 100 == 0) {
                            Thread.yield();
                        }
                    }
                    return null;
                });
                int read = 0;
                try (BinlogFileReader r = BinlogFileReader.fromStart(dir, skips)) {
                    while (read < n) {
                        BinlogRecord rec = r.next();
                        if (rec == null) {
                            if (writer.isDone()) {
                                writer.get();
                            }
                            Thread.yield();
                            continue;
                        }
                        assertArrayEquals(Dirs.payload(read), rec.payload(), "record " + read);
                        read++;
                    }
                    writer.get();
                    assertEquals(null, r.next());
                }
                assertEquals(n, read);
                assertTrue(skips.events.isEmpty(), skips.events.toString());
                assertTrue(BinlogDirectory.list(dir).size() > 10);
            } finally {
                pool.shutdownNow();
            }
        });
    }
}
