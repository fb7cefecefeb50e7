package io.tidbbinlog.sim.txn;

/**
 * A DML statement TiDB would have refused, with MySQL's error code (1062 duplicate entry, 1048 column cannot be
 * null, 1364 no default value, 1054 unknown column, 1146 no such table, 1264 out of range, 1265 data
 * truncated, 1406 data too long, 9007 write conflict, ...). The statement
 * changed nothing; the transaction stays usable, as in TiDB.
 */
public class SqlStatementException extends RuntimeException {
    public static final int DUPLICATE_ENTRY = 1062;
    public static final int COLUMN_CANNOT_BE_NULL = 1048;
    public static final int NO_DEFAULT_VALUE = 1364;
    public static final int UNKNOWN_COLUMN = 1054;
    public static final int NO_SUCH_TABLE = 1146;
    public static final int WRITE_CONFLICT = 9007;
    public static final int ROW_NOT_FOUND = 1032;
    public static final int OUT_OF_RANGE = 1264;
    public static final int DATA_TRUNCATED = 1265;
    public static final int DATA_TOO_LONG = 1406;

    private final int errorCode;

    public SqlStatementException(int errorCode, String message) {
        super("Error " + errorCode + ": " + message);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }
}
