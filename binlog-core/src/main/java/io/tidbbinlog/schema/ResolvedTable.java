package io.tidbbinlog.schema;

/**
 * A physical table id resolved at a schema version: the database, the logical table (for a partition, the
 * partitioned table it belongs to) and the physical id the rows were written under.
 */
public record ResolvedTable(DBInfo db, TableInfo table, long physicalId) {
    public boolean isPartition() {
        return physicalId != table.id();
    }
}
