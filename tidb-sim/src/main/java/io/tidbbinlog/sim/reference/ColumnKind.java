package io.tidbbinlog.sim.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the verifier reads, compares and orders one column, chosen from the reference column's SQL type. Values are
 * read through a select expression that makes both servers render the same stored value the same way (FLOAT
 * widened to DOUBLE so that no digits are lost, temporal values as text in the UTC session zone, BIT and YEAR as
 * integers), then compared by value: integers and decimals numerically, floats bit-exactly, JSON as parsed
 * documents (key order and number spelling do not matter), binary strings byte by byte.
 */
enum ColumnKind {
    INTEGER, YEAR, BIT, DECIMAL, FLOAT, DOUBLE, TEMPORAL, TIME, JSON, TEXT, BYTES;

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    static ColumnKind of(String dataType, boolean json) {
        if (json) {
            return JSON;
        }
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> INTEGER;
            case "year" -> YEAR;
            case "bit" -> BIT;
            case "decimal", "numeric" -> DECIMAL;
            case "float" -> FLOAT;
            case "double", "real" -> DOUBLE;
            case "date", "datetime", "timestamp" -> TEMPORAL;
            case "time" -> TIME;
            case "json" -> JSON;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> TEXT;
            default -> BYTES;
        };
    }

    /** The select expression for the value of column {@code quoted}. */
    String valueExpression(String quoted) {
        return switch (this) {
            // CAST: a TINYINT(1) would otherwise reach the driver as a boolean.
            case INTEGER -> "CAST(" + quoted + " AS CHAR)";
            case YEAR -> "(" + quoted + " + 0)";
            case BIT -> "CAST(" + quoted + " AS UNSIGNED)";
            case FLOAT -> "CAST(" + quoted + " AS DOUBLE)";
            case TEMPORAL, TIME -> "CAST(" + quoted + " AS CHAR)";
            default -> quoted;
        };
    }

    /**
     * The ORDER BY expression when this column is part of the row order, and the value {@link #readKey} reads:
     * numbers (TIME as its signed HHMMSS.ffffff number) order numerically, temporal values by their fixed-width
     * text, everything else (ENUM and SET included, by their text) by its bytes, so that {@link #compareKey} sorts
     * exactly as both servers do whatever their collations.
     */
    String orderExpression(String quoted) {
        return switch (this) {
            case INTEGER, YEAR, BIT, DECIMAL, FLOAT, DOUBLE, TIME -> "(" + quoted + " + 0)";
            case TEMPORAL -> "CAST(" + quoted + " AS CHAR)";
            default -> "CAST(" + quoted + " AS BINARY)";
        };
    }

    boolean numericKey() {
        return switch (this) {
            case INTEGER, YEAR, BIT, DECIMAL, FLOAT, DOUBLE, TIME -> true;
            default -> false;
        };
    }

    /** The order-key value at {@code index}: a BigDecimal for numeric keys, else bytes. */
    Object readKey(ResultSet rs, int index) throws SQLException {
        if (numericKey()) {
            return rs.getBigDecimal(index);
        }
        return rs.getBytes(index);
    }

    /** Orders keys as the servers' ORDER BY does: NULL first, numbers by value, bytes unsigned lexicographically. */
    static int compareKey(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof BigDecimal x) {
            return x.compareTo((BigDecimal) b);
        }
        return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
    }

    /** The normalised value at {@code index}; equal stored values give {@link #same} results. */
    Object read(ResultSet rs, int index) throws SQLException {
        Object v = switch (this) {
            case INTEGER, YEAR, BIT -> {
                String s = rs.getString(index);
                yield s == null ? null : new BigInteger(s.trim());
            }
            case DECIMAL -> rs.getBigDecimal(index);
            case FLOAT, DOUBLE -> {
                double d = rs.getDouble(index);
                yield rs.wasNull() ? null : d;
            }
            case TEMPORAL, TIME, TEXT, JSON -> rs.getString(index);
            case BYTES -> rs.getBytes(index);
        };
        return rs.wasNull() ? null : v;
    }

    boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (this) {
            case INTEGER, YEAR, BIT -> a.equals(b);
            case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
            case FLOAT, DOUBLE -> Double.compare((Double) a, (Double) b) == 0;
            case JSON -> sameJson((String) a, (String) b);
            case BYTES -> Arrays.equals((byte[]) a, (byte[]) b);
            default -> a.equals(b);
        };
    }

    private static boolean sameJson(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            JsonNode x = JSON_MAPPER.readTree(a);
            JsonNode y = JSON_MAPPER.readTree(b);
            return x.equals((n1, n2) -> {
                if (n1.isNumber() && n2.isNumber()) {
                    return n1.decimalValue().compareTo(n2.decimalValue());
                }
                return n1.equals(n2) ? 0 : 1;
            }, y);
        } catch (IOException e) {
            return false;
        }
    }

    /** A readable rendering for reports. */
    static String render(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof byte[] b) {
            String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 64));
            return "0x" + hex + (b.length > 64 ? "...(" + b.length + " bytes)" : "");
        }
        if (v instanceof String s) {
            String shown = s.length() > 200 ? s.substring(0, 200) + "...(" + s.length() + " chars)" : s;
            return "'" + shown.replace("'", "''") + "'";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }
}
