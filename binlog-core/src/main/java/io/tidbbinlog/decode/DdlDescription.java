package io.tidbbinlog.decode;

/**
 * What the decoder needs of the DDL job a DDL binlog names (TiDB's binlog carries only the job id and query):
 * the database and table it applies to (table id 0 for database DDL), its action type and the schema version it
 * produced.
 */
public record DdlDescription(String schemaName, String tableName, long tableId, int actionType, long schemaVersion) {
}
