package io.tidbbinlog.sim.catalog;

/**
 * A DDL statement TiDB would refuse, with the MySQL error code TiDB answers with (pingcap/tidb pkg/errno,
 * pkg/infoschema/error.go, pkg/util/dbterror). The message follows TiDB's wording.
 */
public final class DdlException extends RuntimeException {
    private final int errorCode;

    public DdlException(int errorCode, String message) {
        super("[" + errorCode + "] " + message);
        this.errorCode = errorCode;
    }

    /** The MySQL error number, e.g. 1050 for ER_TABLE_EXISTS_ERROR. */
    public int errorCode() {
        return errorCode;
    }

    static DdlException databaseExists(String db) {
        return new DdlException(1007, "Can't create database '" + db + "'; database exists");
    }

    static DdlException databaseDropNotExists(String db) {
        return new DdlException(1008, "Can't drop database '" + db + "'; database doesn't exist");
    }

    static DdlException unknownDatabase(String db) {
        return new DdlException(1049, "Unknown database '" + db + "'");
    }

    static DdlException tableExists(String table) {
        return new DdlException(1050, "Table '" + table + "' already exists");
    }

    static DdlException unknownTable(String db, String table) {
        return new DdlException(1051, "Unknown table '" + db + "." + table + "'");
    }

    static DdlException tableNotExists(String db, String table) {
        return new DdlException(1146, "Table '" + db + "." + table + "' doesn't exist");
    }

    static DdlException badField(String column, String table) {
        return new DdlException(1054, "Unknown column '" + column + "' in '" + table + "'");
    }

    static DdlException duplicateColumn(String column) {
        return new DdlException(1060, "Duplicate column name '" + column + "'");
    }

    static DdlException duplicateKeyName(String index) {
        return new DdlException(1061, "Duplicate key name '" + index + "'");
    }

    static DdlException multiplePrimaryKeys() {
        return new DdlException(1068, "Multiple primary key defined");
    }

    static DdlException keyColumnMissing(String column) {
        return new DdlException(1072, "Key column '" + column + "' doesn't exist in table");
    }

    static DdlException cantDropFieldOrKey(String what) {
        return new DdlException(1091, "Can't DROP '" + what + "'; check that column/key exists");
    }

    static DdlException cantRemoveAllFields() {
        return new DdlException(1090, "You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
    }

    static DdlException invalidDefault(String column) {
        return new DdlException(1067, "Invalid default value for '" + column + "'");
    }

    static DdlException blobCantHaveDefault(String column) {
        return new DdlException(1101, "BLOB/TEXT/JSON column '" + column + "' can't have a default value");
    }

    static DdlException wrongColumnName(String column) {
        return new DdlException(1166, "Incorrect column name '" + column + "'");
    }

    static DdlException blobKeyWithoutLength(String column) {
        return new DdlException(1170, "BLOB/TEXT column '" + column + "' used in key specification without a key length");
    }

    static DdlException jsonUsedAsKey(String column) {
        return new DdlException(3152, "JSON column '" + column + "' supports indexing only via generated columns on a specified JSON path.");
    }

    static DdlException tooLongKey(int max) {
        return new DdlException(1071, "Specified key was too long (" + max + " bytes); max key length is 3072 bytes");
    }

    static DdlException tableMustHaveColumns() {
        return new DdlException(1113, "A table must have at least 1 column");
    }

    static DdlException unsupported(String what) {
        return new DdlException(8200, "Unsupported " + what);
    }
}
