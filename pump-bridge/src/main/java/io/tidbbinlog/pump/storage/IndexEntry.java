package io.tidbbinlog.pump.storage;

/**
 * One final entry of the commit index: a commit (or fake) binlog at or below the watermark, where it is stored, and
 * where its prewrite is stored ({@code null}: fake binlog, or prewrite never seen).
 */
record IndexEntry(long commitTs, long startTs, LogPointer commit, LogPointer prewrite) {

    boolean fake() {
        return commitTs == startTs;
    }
}
