package io.tidbbinlog.codec;

/** A decoded {@code updated_rows} entry: the old image and the new image, by column id. */
public final class UpdateRow {
    private final DecodedRow oldRow;
    private final DecodedRow newRow;

    UpdateRow(DecodedRow oldRow, DecodedRow newRow) {
        this.oldRow = oldRow;
        this.newRow = newRow;
    }

    public DecodedRow oldRow() {
        return oldRow;
    }

    public DecodedRow newRow() {
        return newRow;
    }
}
