package io.tidbbinlog.binlogfile;

/** A byte offset within a named binlog file: where a record starts, or where reading or writing resumes. */
public record BinlogFilePosition(String fileName, long offset) {
    public BinlogFilePosition {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }
}
