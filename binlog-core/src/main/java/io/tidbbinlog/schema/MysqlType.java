package io.tidbbinlog.schema;

/**
 * MySQL column type codes as TiDB stores them in {@code FieldType.Tp}, and TiDB's names for them.
 *
 * <p>The names are what TiDB's {@code types.TypeToStr} returns; drainer writes them into the secondary binlog's
 * {@code ColumnInfo.mysql_type} and into {@code pb_binlog.column.mysql_type}, so consumers compare against these
 * exact strings.
 */
public final class MysqlType {
    public static final int DECIMAL = 0x00;
    public static final int TINY = 0x01;
    public static final int SHORT = 0x02;
    public static final int LONG = 0x03;
    public static final int FLOAT = 0x04;
    public static final int DOUBLE = 0x05;
    public static final int NULL = 0x06;
    public static final int TIMESTAMP = 0x07;
    public static final int LONGLONG = 0x08;
    public static final int INT24 = 0x09;
    public static final int DATE = 0x0a;
    public static final int DURATION = 0x0b;
    public static final int DATETIME = 0x0c;
    public static final int YEAR = 0x0d;
    public static final int NEWDATE = 0x0e;
    public static final int VARCHAR = 0x0f;
    public static final int BIT = 0x10;
    public static final int JSON = 0xf5;
    public static final int NEWDECIMAL = 0xf6;
    public static final int ENUM = 0xf7;
    public static final int SET = 0xf8;
    public static final int TINY_BLOB = 0xf9;
    public static final int MEDIUM_BLOB = 0xfa;
    public static final int LONG_BLOB = 0xfb;
    public static final int BLOB = 0xfc;
    public static final int VAR_STRING = 0xfd;
    public static final int STRING = 0xfe;
    public static final int GEOMETRY = 0xff;
    /** TiDB's VECTOR(FLOAT32) type ({@code mysql.TypeTiDBVectorFloat32}). */
    public static final int TIDB_VECTOR_FLOAT32 = 0xe1;

    private MysqlType() {
    }

    /**
     * TiDB's {@code TypeToStr}: the plain name, with "text" to "blob" and "char" to "binary" for binary charset,
     * and "binary" for the NULL type in binary charset. A code TiDB has no name for (NEWDATE, anything unknown)
     * gives the empty string, as Go's map lookup does.
     */
    public static String name(int tp, String charset) {
        String base = baseName(tp);
        if (!"binary".equals(charset)) {
            return base;
        }
        if (isBlob(tp)) {
            return base.replaceFirst("text", "blob");
        }
        if (tp == STRING || tp == VARCHAR) {
            return base.replaceFirst("char", "binary");
        }
        if (tp == NULL) {
            return "binary";
        }
        return base;
    }

    private static String baseName(int tp) {
        switch (tp) {
            case BIT: return "bit";
            case BLOB: return "text";
            case DATE: return "date";
            case DATETIME: return "datetime";
            case NEWDECIMAL: return "decimal";
            case DOUBLE: return "double";
            case ENUM: return "enum";
            case FLOAT: return "float";
            case GEOMETRY: return "geometry";
            case INT24: return "mediumint";
            case JSON: return "json";
            case LONG: return "int";
            case LONGLONG: return "bigint";
            case LONG_BLOB: return "longtext";
            case MEDIUM_BLOB: return "mediumtext";
            case NULL: return "null";
            case SET: return "set";
            case SHORT: return "smallint";
            case STRING: return "char";
            case DURATION: return "time";
            case TIMESTAMP: return "timestamp";
            case TINY: return "tinyint";
            case TINY_BLOB: return "tinytext";
            case VARCHAR: return "varchar";
            case VAR_STRING: return "var_string";
            case YEAR: return "year";
            // Code 0 is TiDB's TypeUnspecified (MySQL's old DECIMAL); TiDB never stores it for a real column.
            case DECIMAL: return "unspecified";
            case TIDB_VECTOR_FLOAT32: return "vector";
            default: return "";
        }
    }

    public static boolean isBlob(int tp) {
        return tp == TINY_BLOB || tp == MEDIUM_BLOB || tp == BLOB || tp == LONG_BLOB;
    }

    public static boolean isString(int tp) {
        return tp == VARCHAR || tp == VAR_STRING || tp == STRING || isBlob(tp);
    }

    public static boolean isInteger(int tp) {
        return tp == TINY || tp == SHORT || tp == INT24 || tp == LONG || tp == LONGLONG || tp == YEAR;
    }

    public static boolean isTime(int tp) {
        return tp == DATE || tp == DATETIME || tp == TIMESTAMP || tp == NEWDATE;
    }
}
