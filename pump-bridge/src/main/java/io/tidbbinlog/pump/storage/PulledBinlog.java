package io.tidbbinlog.pump.storage;

/**
 * One entry of a pull stream: a serialized {@code binlog.Binlog} (a commit binlog joined with its prewrite's
 * {@code start_ts, prewrite_value, ddl_query, ddl_job_id, ddl_schema_state}, or a fake binlog as stored).
 */
public record PulledBinlog(long startTs, long commitTs, byte[] payload) {
}
