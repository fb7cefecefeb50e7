package io.tidbbinlog.binlogfile;

/** Told about every region of a binlog file the reader or the writer's recovery had to skip. */
@FunctionalInterface
public interface CorruptionListener {
    /**
     * @param fileName the file holding the damaged bytes
     * @param offset   where the skipped region starts
     * @param length   how many bytes were skipped
     * @param reason   what was wrong at {@code offset}
     */
    void onSkipped(String fileName, long offset, long length, String reason);

    CorruptionListener NONE = (fileName, offset, length, reason) -> { };
}
