package io.tidbbinlog.model;

import java.util.List;

/**
 * A table's shape at the schema version a change was written under: its columns in TiDB's column order
 * (row images are aligned with this list) and its unique keys, primary key first.
 */
public record TableMeta(TableRef ref, List<ColumnMeta> columns, List<UniqueKey> uniqueKeys) {
    public TableMeta {
        columns = List.copyOf(columns);
        uniqueKeys = List.copyOf(uniqueKeys);
    }

    /** Index of the column in row images, or -1. */
    public int indexOf(String columnName) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(columnName)) {
                return i;
            }
        }
        return -1;
    }
}
