/**
 * The binlog file format written by drainer's file sink and replayed by Reparo: a directory of
 * {@code binlog-<index>-<datetime>} files, each a sequence of framed records
 * (magic u32 LE, length u64 LE, payload, CRC-32C u32 LE). See spec/tidb-binlog-facts.md section 7.1.
 *
 * <p>{@link io.tidbbinlog.binlogfile.BinlogFileWriter} appends and rotates, {@link io.tidbbinlog.binlogfile.BinlogFileReader}
 * iterates payloads across files, tolerating a torn tail and skipping (and reporting) corrupted regions.
 */
package io.tidbbinlog.binlogfile;
