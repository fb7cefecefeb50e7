package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: the FieldType TiDB builds for each SQL type the workload uses, with TiDB's defaults (display widths
 * from {@code mysql.GetDefaultFieldLengthAndDecimal}, binary charset and BINARY flag for numeric, temporal, BLOB and
 * JSON types, UNSIGNED|ZEROFILL for YEAR, UNSIGNED for BIT, utf8mb4/utf8mb4_bin for text). Unknown types fail, which
 * is how the tests check that the workload sticks to its listed types.
 */
final class TidbFieldTypes {
    private static final Pattern PARAMS = Pattern.compile("([a-z]+)(?:\\((.*)\\))?( unsigned)?");
    private static final String UTF8MB4 = "utf8mb4";
    private static final String UTF8MB4_BIN = "utf8mb4_bin";

    private TidbFieldTypes() {
    }

    static FieldType of(String sqlType, boolean nullable) {
        Matcher m = PARAMS.matcher(sqlType.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown SQL type " + sqlType);
        }
        String base = m.group(1);
        String args = m.group(2);
        boolean unsigned = m.group(3) != null;
        int nn = nullable ? 0 : ColumnFlag.NOT_NULL;
        int num = ColumnFlag.BINARY | nn | (unsigned ? ColumnFlag.UNSIGNED : 0);
        switch (base) {
            case "tinyint":
                return bin(MysqlType.TINY, num, unsigned ? 3 : 4, 0);
            case "smallint":
                return bin(MysqlType.SHORT, num, unsigned ? 5 : 6, 0);
            case "mediumint":
                return bin(MysqlType.INT24, num, unsigned ? 8 : 9, 0);
            case "int":
                return bin(MysqlType.LONG, num, unsigned ? 10 : 11, 0);
            case "bigint":
                return bin(MysqlType.LONGLONG, num, 20, 0);
            case "decimal": {
                int[] md = ints(args);
                return bin(MysqlType.NEWDECIMAL, num, md[0], md[1]);
            }
            case "float":
                return bin(MysqlType.FLOAT, num, 12, -1);
            case "double":
                return bin(MysqlType.DOUBLE, num, 22, -1);
            case "char":
                return FieldType.of(MysqlType.STRING, nn, ints(args)[0], 0, UTF8MB4, UTF8MB4_BIN, List.of());
            case "varchar":
                return FieldType.of(MysqlType.VARCHAR, nn, ints(args)[0], 0, UTF8MB4, UTF8MB4_BIN, List.of());
            case "text":
                return FieldType.of(MysqlType.BLOB, nn | ColumnFlag.BLOB, 65535, 0, UTF8MB4, UTF8MB4_BIN, List.of());
            case "blob":
                return bin(MysqlType.BLOB, nn | ColumnFlag.BINARY | ColumnFlag.BLOB, 65535, 0);
            case "binary":
                return bin(MysqlType.STRING, nn | ColumnFlag.BINARY, ints(args)[0], 0);
            case "varbinary":
                return bin(MysqlType.VARCHAR, nn | ColumnFlag.BINARY, ints(args)[0], 0);
            case "date":
                return bin(MysqlType.DATE, nn | ColumnFlag.BINARY, 10, 0);
            case "datetime": {
                int fsp = args == null ? 0 : ints(args)[0];
                return bin(MysqlType.DATETIME, nn | ColumnFlag.BINARY, fsp == 0 ? 19 : 20 + fsp, fsp);
            }
            case "timestamp": {
                int fsp = args == null ? 0 : ints(args)[0];
                return bin(MysqlType.TIMESTAMP, nn | ColumnFlag.BINARY, fsp == 0 ? 19 : 20 + fsp, fsp);
            }
            case "time": {
                int fsp = args == null ? 0 : ints(args)[0];
                return bin(MysqlType.DURATION, nn | ColumnFlag.BINARY, fsp == 0 ? 10 : 11 + fsp, fsp);
            }
            case "year":
                return bin(MysqlType.YEAR, nn | ColumnFlag.UNSIGNED | ColumnFlag.ZEROFILL, 4, 0);
            case "enum":
                return FieldType.of(MysqlType.ENUM, nn, -1, -1, UTF8MB4, UTF8MB4_BIN, elems(args));
            case "set":
                return FieldType.of(MysqlType.SET, nn, -1, -1, UTF8MB4, UTF8MB4_BIN, elems(args));
            case "bit":
                return bin(MysqlType.BIT, nn | ColumnFlag.UNSIGNED, ints(args)[0], 0);
            case "json":
                return bin(MysqlType.JSON, nn | ColumnFlag.BINARY, Integer.MAX_VALUE, 0);
            default:
                throw new IllegalArgumentException("unknown SQL type " + sqlType);
        }
    }

    private static FieldType bin(int tp, int flag, int flen, int decimal) {
        return FieldType.of(tp, flag, flen, decimal, "binary", "binary", List.of());
    }

    private static int[] ints(String args) {
        if (args == null) {
            throw new IllegalArgumentException("type needs a length");
        }
        return Arrays.stream(args.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static List<String> elems(String args) {
        return Arrays.stream(args.split(",")).map(s -> s.trim().replaceAll("^'|'$", "")).toList();
    }
}
