package io.tidbbinlog.binlogfile;

/** When {@link BinlogFileWriter} forces written records to disk. */
public enum SyncPolicy {
    /** fsync after every appended record: nothing acknowledged is lost in a crash. */
    EACH_WRITE,
    /** fsync only on {@link BinlogFileWriter#flush()}, rotation and close: callers batch records between syncs. */
    ON_FLUSH
}
