package io.tidbbinlog.codec;

/**
 * The one failure type of the datum/row codec: bad or truncated input, or a value that cannot be encoded.
 *
 * <p>The message names what was wrong and, for input bytes, the offset where it was found. Layers that know more
 * (which table, which row of a mutation, which column) add that as the exception propagates, using the
 * {@code with...} methods; an inner (more specific) context is never overwritten by an outer one. The final message
 * reads like {@code table test.t1 (#45) inserted_rows[2] column c3: truncated decimal at byte 17 of 23}.
 */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;
    private final String table;
    private final String row;
    private final String column;

    public CodecException(String detail) {
        this(detail, null, null, null, null);
    }

    public CodecException(String detail, Throwable cause) {
        this(detail, null, null, null, cause);
    }

    private CodecException(String detail, String table, String row, String column, Throwable cause) {
        super(compose(detail, table, row, column), cause);
        this.detail = detail;
        this.table = table;
        this.row = row;
        this.column = column;
    }

    /** A problem found at {@code offset} of an input of {@code length} bytes. */
    public static CodecException at(String what, int offset, int length) {
        return new CodecException(what + " at byte " + offset + " of " + length);
    }

    /** Adds table and column context; null arguments, and context already present, are left as they are. */
    public CodecException withContext(String table, String column) {
        String t = this.table != null ? this.table : table;
        String c = this.column != null ? this.column : column;
        if (t == this.table && c == this.column) {
            return this;
        }
        return copy(t, row, c);
    }

    public CodecException withTable(String table) {
        return withContext(table, null);
    }

    public CodecException withColumn(String column) {
        return withContext(null, column);
    }

    /**
     * Names a column the codec could only identify by id ({@code #7}), as {@code name (#7)}; {@code names}
     * returns null for an id it does not know, which leaves the id alone.
     */
    public CodecException namingColumn(java.util.function.LongFunction<String> names) {
        if (column == null || !column.startsWith("#")) {
            return this;
        }
        long id;
        try {
            id = Long.parseLong(column.substring(1));
        } catch (NumberFormatException e) {
            return this;
        }
        String name = names.apply(id);
        return name == null ? this : copy(table, row, name + " (" + column + ")");
    }

    /** Adds which row of a mutation was being decoded, e.g. {@code inserted_rows[2]}. */
    public CodecException withRow(String row) {
        if (this.row != null || row == null) {
            return this;
        }
        return copy(table, row, column);
    }

    private CodecException copy(String t, String r, String c) {
        CodecException e = new CodecException(detail, t, r, c, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The problem itself, without context. */
    public String detail() {
        return detail;
    }

    public String table() {
        return table;
    }

    public String row() {
        return row;
    }

    public String column() {
        return column;
    }

    private static String compose(String detail, String table, String row, String column) {
        if (table == null && row == null && column == null) {
            return detail;
        }
        StringBuilder sb = new StringBuilder();
        if (table != null) {
            sb.append("table ").append(table);
        }
        if (row != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(row);
        }
        if (column != null) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("column ").append(column);
        }
        return sb.append(": ").append(detail).toString();
    }
}
