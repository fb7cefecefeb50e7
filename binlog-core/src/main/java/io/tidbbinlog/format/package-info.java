/**
 * Converters between the {@link io.tidbbinlog.model.Txn} model and drainer's two self-describing output formats:
 * the secondary binlog ({@code slave.binlog}, drainer's Kafka format that Arbiter reads) and {@code pb_binlog}
 * (drainer's file format that Reparo reads). Values are rendered exactly as drainer renders them, so that
 * PingCAP's consumers read our output and ours reads theirs.
 */
package io.tidbbinlog.format;
