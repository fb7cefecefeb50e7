package io.tidbbinlog.schema;

/** How a table's rows are keyed in TiKV, which decides the handle datums that lead each inserted row. */
public enum HandleKind {
    /** {@code pk_is_handle}: the single integer PRIMARY KEY column is the row's int handle. */
    INT_PRIMARY_KEY,
    /** {@code is_common_handle}: a clustered primary key; the handle is the PRIMARY index's column values. */
    COMMON,
    /** No clustered key: a hidden int handle, {@code _tidb_rowid} (column id -1). */
    ROW_ID
}
