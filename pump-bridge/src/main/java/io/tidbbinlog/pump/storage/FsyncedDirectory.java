package io.tidbbinlog.pump.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Fsync of a directory, so that a created, renamed or deleted file survives a power loss. */
final class FsyncedDirectory {

    private FsyncedDirectory() {
    }

    static void sync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open or fsync a directory; the data files themselves are fsynced.
            if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
                return;
            }
            throw e;
        }
    }
}
