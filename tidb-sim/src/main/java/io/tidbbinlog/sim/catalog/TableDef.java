package io.tidbbinlog.sim.catalog;

import java.util.List;

/**
 * A CREATE TABLE statement in structured form.
 *
 * @param clustered for a primary key that is not a single integer column: true stores rows under the primary key
 *                  (TiDB's clustered / common handle), false keeps a hidden {@code _tidb_rowid} handle. A single
 *                  integer column primary key is always the int handle, as with TiDB's default
 *                  {@code tidb_enable_clustered_index = INT_ONLY}.
 */
public record TableDef(String name, List<ColumnDef> columns, List<IndexDef> indexes, boolean clustered) {
    public TableDef {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }
}
