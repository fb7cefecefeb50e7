package io.tidbbinlog.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One row operation. {@code before} is the old image (update, delete), {@code after} the new one (insert, update);
 * the image that does not apply is {@code null}. Images are aligned with {@link TableMeta#columns()}; see the
 * package documentation for the Java type of each value.
 */
public final class RowChange {
    /** Marks a column that the image does not carry (distinct from SQL NULL, which is {@code null}). */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "<absent>";
        }
    };

    private final TableMeta table;
    private final RowOp op;
    private final Object[] before;
    private final Object[] after;

    public RowChange(TableMeta table, RowOp op, Object[] before, Object[] after) {
        this.table = Objects.requireNonNull(table, "table");
        this.op = Objects.requireNonNull(op, "op");
        int width = table.columns().size();
        if ((op == RowOp.INSERT) != (before == null) || (op == RowOp.DELETE) != (after == null)) {
            throw new IllegalArgumentException(op + " on " + table.ref() + " with the wrong images");
        }
        if ((before != null && before.length != width) || (after != null && after.length != width)) {
            throw new IllegalArgumentException("row image width differs from the " + width + " columns of "
                    + table.ref());
        }
        this.before = before;
        this.after = after;
    }

    public static RowChange insert(TableMeta table, Object[] after) {
        return new RowChange(table, RowOp.INSERT, null, after);
    }

    public static RowChange update(TableMeta table, Object[] before, Object[] after) {
        return new RowChange(table, RowOp.UPDATE, before, after);
    }

    public static RowChange delete(TableMeta table, Object[] before) {
        return new RowChange(table, RowOp.DELETE, before, null);
    }

    public TableMeta table() {
        return table;
    }

    public RowOp op() {
        return op;
    }

    /** The old image, or null for an insert. The array is shared, not copied: do not modify it. */
    public Object[] before() {
        return before;
    }

    /** The new image, or null for a delete. The array is shared, not copied: do not modify it. */
    public Object[] after() {
        return after;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RowChange other)) {
            return false;
        }
        return table.equals(other.table) && op == other.op
                && Arrays.deepEquals(before, other.before) && Arrays.deepEquals(after, other.after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, op, Arrays.deepHashCode(before), Arrays.deepHashCode(after));
    }

    @Override
    public String toString() {
        return op + " " + table.ref() + " before=" + Arrays.deepToString(before) + " after="
                + Arrays.deepToString(after);
    }
}
