package io.tidbbinlog.pump.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The recovery checkpoint, {@code <dir>/checkpoint}: where replay of the log starts after a restart (everything
 * before {@code replayFrom} is fully accounted for in the commit index), the watermark, how much of the index was
 * fsynced when it was written, and the GC watermark. Written to a temporary file, fsynced and renamed over the old
 * one, so a crash leaves either the old or the new checkpoint.
 */
record Checkpoint(LogPointer replayFrom, long maxCommitTs, int indexFile, long indexLength, long gcTs) {

    static final String FILE = "checkpoint";
    private static final int MAGIC = 0x50434b31; // "PCK1"
    private static final int BYTES = 4 + 4 + 8 + 8 + 4 + 8 + 8 + 4;

    static final Checkpoint EMPTY = new Checkpoint(new LogPointer(0, 0), 0, 0, 0, 0);

    static Checkpoint read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return EMPTY;
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != BYTES) {
            throw new StorageException("checkpoint " + file + " has " + raw.length + " bytes, expected " + BYTES);
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != MAGIC) {
            throw new StorageException("checkpoint " + file + " does not start with the checkpoint magic");
        }
        if (RecordFraming.crc(raw, 0, BYTES - 4) != b.getInt(BYTES - 4)) {
            throw new StorageException("checkpoint " + file + " fails its CRC");
        }
        return new Checkpoint(new LogPointer(b.getInt(), b.getLong()), b.getLong(), b.getInt(), b.getLong(),
                b.getLong());
    }

    void write(Path dir) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(replayFrom.segment()).putLong(replayFrom.offset()).putLong(maxCommitTs)
                .putInt(indexFile).putLong(indexLength).putLong(gcTs);
        b.putInt(RecordFraming.crc(b.array(), 0, BYTES - 4));
        b.flip();
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        FsyncedDirectory.sync(dir);
    }
}
