package io.tidbbinlog.sim.reference;

import io.tidbbinlog.codec.DurationText;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;

/**
 * Turns a model value (see the {@code io.tidbbinlog.model} package docs) into a JDBC parameter MariaDB stores as the
 * same value, and says which placeholder expression the column needs.
 */
final class ValueBinder {
    private ValueBinder() {
    }

    /**
     * The placeholder for a column. BIT values travel as unsigned decimal text cast to UNSIGNED: MariaDB then stores
     * all 64 bits in the BIT column and compares a BIT column with it as an integer.
     */
    static String placeholder(FieldType ft) {
        return ft.tp() == MysqlType.BIT ? "CAST(? AS UNSIGNED)" : "?";
    }

    static void bind(PreparedStatement ps, int index, Object value, ColumnMeta column, TableMeta table)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NULL);
            return;
        }
        ps.setObject(index, jdbcValue(value, column, table));
    }

    static Object jdbcValue(Object value, ColumnMeta columnMeta, TableMeta table) {
        FieldType ft = columnMeta.type();
        // Named only when a value is refused: building the name for every bound value would cost more than binding.
        Column column = new Column(table, columnMeta);
        int tp = ft.tp();
        switch (tp) {
            case MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG, MysqlType.LONGLONG -> {
                long v = expect(value, Long.class, ft, column);
                // The model keeps UNSIGNED BIGINT as raw 64 bits: above Long.MAX_VALUE it must go out unsigned.
                return ft.unsigned() && v < 0 ? new BigInteger(Long.toUnsignedString(v)) : v;
            }
            case MysqlType.YEAR -> {
                return expect(value, Long.class, ft, column);
            }
            case MysqlType.ENUM -> {
                // A number assigned to (or compared with) an ENUM column is its 1-based index, 0 the empty value.
                return expect(value, Long.class, ft, column);
            }
            case MysqlType.SET -> {
                long v = expect(value, Long.class, ft, column);
                return v < 0 ? new BigInteger(Long.toUnsignedString(v)) : v;
            }
            case MysqlType.BIT -> {
                return Long.toUnsignedString(expect(value, Long.class, ft, column));
            }
            case MysqlType.FLOAT -> {
                // Widened: the driver may send the parameter as text, and a float's shortest text ("0.1") names a
                // different double than the FLOAT column holds, so a WHERE on it would miss; the double's text
                // names exactly the stored value and stores back as the same float.
                return (double) expect(value, Float.class, ft, column);
            }
            case MysqlType.DOUBLE -> {
                return expect(value, Double.class, ft, column);
            }
            case MysqlType.NEWDECIMAL, MysqlType.DECIMAL -> {
                return expect(value, BigDecimal.class, ft, column);
            }
            case MysqlType.DATE, MysqlType.NEWDATE, MysqlType.DATETIME, MysqlType.TIMESTAMP -> {
                // Text keeps zero dates; TIMESTAMP text is UTC and the session time zone is +00:00.
                return expect(value, TidbTime.class, ft, column).toString();
            }
            case MysqlType.DURATION -> {
                return DurationText.format(expect(value, Duration.class, ft, column), Math.max(ft.decimal(), 0));
            }
            case MysqlType.JSON -> {
                return expect(value, String.class, ft, column);
            }
            default -> {
                if (value instanceof String || value instanceof byte[]) {
                    return value;
                }
                throw wrong(value, ft, column);
            }
        }
    }

    private record Column(TableMeta table, ColumnMeta meta) {
        @Override
        public String toString() {
            return table.ref() + "." + meta.name();
        }
    }

    private static <T> T expect(Object value, Class<T> type, FieldType ft, Column column) {
        if (!type.isInstance(value)) {
            throw wrong(value, ft, column);
        }
        return type.cast(value);
    }

    private static IllegalArgumentException wrong(Object value, FieldType ft, Column column) {
        return new IllegalArgumentException("column " + column + " of type " + ft.typeName() + " cannot take a "
                + value.getClass().getSimpleName() + " value (" + value + ")");
    }
}
