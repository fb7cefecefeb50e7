package io.tidbbinlog.sim.catalog;

/**
 * Where ADD COLUMN puts the new column: at the end (no clause), FIRST, or AFTER another column.
 *
 * @param after the column to follow, or null
 */
public record ColumnPosition(boolean first, String after) {
    public ColumnPosition {
        if (first && after != null) {
            throw new IllegalArgumentException("a column position is FIRST or AFTER a column, not both");
        }
    }

    public static ColumnPosition last() {
        return new ColumnPosition(false, null);
    }

    public static ColumnPosition atFirst() {
        return new ColumnPosition(true, null);
    }

    public static ColumnPosition after(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("AFTER needs a column name");
        }
        return new ColumnPosition(false, column);
    }
}
