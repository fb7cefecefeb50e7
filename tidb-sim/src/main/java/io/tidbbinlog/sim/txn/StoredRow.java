package io.tidbbinlog.sim.txn;

import io.tidbbinlog.schema.ColumnInfo;

/**
 * A committed row: the column ids of the table version it was written under and its values (model values,
 * TIMESTAMP in UTC). The values array is shared with the listener's row image and never modified.
 */
record StoredRow(long[] columnIds, Object[] values) {
    /**
     * The row as the given table version reads it: columns added since read as their origin default (TiDB's
     * {@code GetOriginDefaultValue} for a row lacking the column), dropped columns are gone.
     */
    Object[] project(TableLayout layout) {
        if (columnIds == layout.columnIds || java.util.Arrays.equals(columnIds, layout.columnIds)) {
            return values;
        }
        Object[] out = new Object[layout.columns.size()];
        for (int i = 0; i < out.length; i++) {
            ColumnInfo c = layout.columns.get(i);
            int at = -1;
            for (int k = 0; k < columnIds.length; k++) {
                if (columnIds[k] == c.id()) {
                    at = k;
                    break;
                }
            }
            out[i] = at >= 0 ? values[at] : ColumnValues.originDefault(c);
        }
        return out;
    }
}
