package io.tidbbinlog.format;

import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.util.List;

/**
 * Rebuilds a {@link FieldType} from what the self-describing formats carry (TiDB's type name, and for pb_binlog
 * the MySQL type code). Those formats say nothing of signedness, so the caller passes it from the values seen.
 */
final class TypeNames {
    private TypeNames() {
    }

    static FieldType fromName(String mysqlType, boolean unsigned, int flen, int decimal) {
        int tp;
        String charset = "utf8mb4";
        switch (mysqlType) {
            case "tinyint" -> tp = MysqlType.TINY;
            case "smallint" -> tp = MysqlType.SHORT;
            case "mediumint" -> tp = MysqlType.INT24;
            case "int" -> tp = MysqlType.LONG;
            case "bigint" -> tp = MysqlType.LONGLONG;
            case "year" -> tp = MysqlType.YEAR;
            case "float" -> tp = MysqlType.FLOAT;
            case "double" -> tp = MysqlType.DOUBLE;
            case "decimal" -> tp = MysqlType.NEWDECIMAL;
            case "date" -> tp = MysqlType.DATE;
            case "datetime" -> tp = MysqlType.DATETIME;
            case "timestamp" -> tp = MysqlType.TIMESTAMP;
            case "time" -> tp = MysqlType.DURATION;
            case "bit" -> tp = MysqlType.BIT;
            case "enum" -> tp = MysqlType.ENUM;
            case "set" -> tp = MysqlType.SET;
            case "json" -> {
                tp = MysqlType.JSON;
                charset = "binary";
            }
            case "char" -> tp = MysqlType.STRING;
            case "varchar" -> tp = MysqlType.VARCHAR;
            case "var_string" -> tp = MysqlType.VAR_STRING;
            case "tinytext" -> tp = MysqlType.TINY_BLOB;
            case "text" -> tp = MysqlType.BLOB;
            case "mediumtext" -> tp = MysqlType.MEDIUM_BLOB;
            case "longtext" -> tp = MysqlType.LONG_BLOB;
            case "binary" -> {
                tp = MysqlType.STRING;
                charset = "binary";
            }
            case "varbinary" -> {
                tp = MysqlType.VARCHAR;
                charset = "binary";
            }
            case "tinyblob" -> {
                tp = MysqlType.TINY_BLOB;
                charset = "binary";
            }
            case "blob" -> {
                tp = MysqlType.BLOB;
                charset = "binary";
            }
            case "mediumblob" -> {
                tp = MysqlType.MEDIUM_BLOB;
                charset = "binary";
            }
            case "longblob" -> {
                tp = MysqlType.LONG_BLOB;
                charset = "binary";
            }
            case "geometry" -> tp = MysqlType.GEOMETRY;
            default -> throw new IllegalArgumentException("unknown TiDB column type name '" + mysqlType + "'");
        }
        int flag = unsigned ? ColumnFlag.UNSIGNED : 0;
        if ("binary".equals(charset) && tp != MysqlType.JSON) {
            flag |= ColumnFlag.BINARY;
        }
        return new FieldType(tp, flag, flen, decimal, charset, "binary".equals(charset) ? "binary" : "utf8mb4_bin",
                List.of());
    }

    /** pb_binlog carries both the type code and the name; the name decides binary-ness and is checked against the code. */
    static FieldType fromCodeAndName(int tp, String mysqlType, boolean unsigned) {
        FieldType byName = fromName(mysqlType, unsigned, -1, -1);
        if (byName.tp() != tp && !(tp == MysqlType.NEWDATE && byName.tp() == MysqlType.DATE)
                && !(tp == MysqlType.DECIMAL && byName.tp() == MysqlType.NEWDECIMAL)) {
            throw new IllegalArgumentException("type code 0x" + Integer.toHexString(tp)
                    + " disagrees with type name '" + mysqlType + "'");
        }
        return byName;
    }
}
