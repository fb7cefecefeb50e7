package io.tidbbinlog.codec;

/** A decoded {@code inserted_rows} entry: the handle datums (one int handle, or the common-handle PK datums) and the columns. */
public final class InsertRow {
    private final Datum[] handle;
    private final DecodedRow columns;

    InsertRow(Datum[] handle, DecodedRow columns) {
        this.handle = handle;
        this.columns = columns;
    }

    public int handleCount() {
        return handle.length;
    }

    public Datum handle(int i) {
        return handle[i];
    }

    public DecodedRow columns() {
        return columns;
    }
}
