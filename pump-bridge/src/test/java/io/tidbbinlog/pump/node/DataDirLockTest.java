package io.tidbbinlog.pump.node;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** binlog:pump/node.go checkExclusive: one pump per data directory. */
class DataDirLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondHolderIsRefusedWithTheDirectoryNamed() {
        Path dataDir = tmp.resolve("data.pump");
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            assertTrue(Files.exists(dataDir.resolve(".lock")));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDirLock.acquire(dataDir));
            assertTrue(e.getMessage().contains(dataDir.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("in use by another pump"), e.getMessage());
        }
    }

    @Test
    void theLockCanBeTakenAgainOnceReleased() {
        Path dataDir = tmp.resolve("d");
        DataDirLock.acquire(dataDir).close();
        try (DataDirLock again = DataDirLock.acquire(dataDir)) {
            assertTrue(again.dataDir().equals(dataDir));
        }
    }
}
