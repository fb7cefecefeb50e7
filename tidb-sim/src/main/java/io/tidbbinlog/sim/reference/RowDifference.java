package io.tidbbinlog.sim.reference;

import java.util.List;

/**
 * One row that differs between the reference and the downstream: missing downstream, extra downstream, or present
 * on both sides (same order key) with the listed columns differing. {@code key} names the row by its order key
 * (primary key columns, or all columns for a table without one).
 */
public record RowDifference(Kind kind, String key, List<ColumnDifference> columns) {
    public enum Kind { MISSING_DOWNSTREAM, EXTRA_DOWNSTREAM, DIFFERENT_VALUES }

    /** A column whose values differ, rendered for reading (strings quoted, bytes as hex, NULL as NULL). */
    public record ColumnDifference(String column, String reference, String downstream) {
    }

    public RowDifference {
        columns = List.copyOf(columns);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case MISSING_DOWNSTREAM -> "missing downstream: " + key;
            case EXTRA_DOWNSTREAM -> "extra downstream: " + key;
            case DIFFERENT_VALUES -> {
                StringBuilder sb = new StringBuilder("different values at ").append(key).append(':');
                for (ColumnDifference c : columns) {
                    sb.append(' ').append(c.column()).append(" reference=").append(c.reference())
                            .append(" downstream=").append(c.downstream()).append(';');
                }
                yield sb.toString();
            }
        };
    }
}
