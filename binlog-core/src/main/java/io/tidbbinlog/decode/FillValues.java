package io.tidbbinlog.decode;

import io.tidbbinlog.codec.TemporalTextParser;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TableMetaFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The value drainer substitutes for a column a row image lacks ({@code getDefaultOrZeroValue}): the column's
 * origin default (the default in force when the column was added, which is what rows written before then
 * mean), else NULL for a nullable column, else the first element of an ENUM, else the type's zero value.
 * TiDB records a TIMESTAMP origin default in UTC, which is how the model keeps TIMESTAMP values; drainer keeps
 * only its whole seconds.
 */
public final class FillValues {
    private FillValues() {
    }

    static Object of(ColumnInfo column) {
        FieldType ft = column.type();
        if (ft.tp() == MysqlType.BIT && column.originDefaultBit() != null) {
            return bigEndian(column.originDefaultBit());
        }
        if (column.hasOriginDefault()) {
            Object v = fromText(String.valueOf(column.rawOriginDefault()), ft);
            if (ft.tp() == MysqlType.TIMESTAMP && v instanceof TidbTime t && t.month() != 0 && t.day() != 0) {
                // Drainer re-reads the UTC text with Go's "2006-01-02 15:04:05" layout and writes it back with the
                // same layout, dropping the fraction; a zero date does not parse there and is kept as written.
                return new TidbTime(t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second(), 0,
                        MysqlType.TIMESTAMP, 0);
            }
            return v;
        }
        if (!ft.notNull()) {
            return null;
        }
        if (ft.tp() == MysqlType.ENUM) {
            return ft.elems().isEmpty() ? 0L : 1L;
        }
        return zero(ft);
    }

    /**
     * A default as TiDB's column JSON holds it ({@code default}/{@code origin_default} text or number, or the BIT
     * bytes of {@code default_bit}/{@code origin_default_bit}) as the model value of the column; null stays null.
     *
     * @throws IllegalArgumentException naming the column when the text is no value of its type
     */
    public static Object fromColumnJson(Object raw, ColumnInfo column) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof byte[] bits) {
            return bigEndian(bits);
        }
        try {
            return fromText(String.valueOf(raw), column.type());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column " + column.name().o() + ": cannot read default " + raw + ": "
                    + e.getMessage(), e);
        }
    }

    static Object fromText(String s, FieldType ft) {
        int scale = Math.max(ft.decimal(), 0);
        switch (ft.tp()) {
            case MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG, MysqlType.LONGLONG,
                    MysqlType.YEAR:
                return new BigDecimal(s.trim()).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact().longValue();
            case MysqlType.FLOAT:
                return Float.parseFloat(s.trim());
            case MysqlType.DOUBLE:
                return Double.parseDouble(s.trim());
            case MysqlType.NEWDECIMAL, MysqlType.DECIMAL:
                return new BigDecimal(s.trim()).setScale(scale, RoundingMode.HALF_UP);
            case MysqlType.DATE, MysqlType.NEWDATE, MysqlType.DATETIME, MysqlType.TIMESTAMP:
                return TemporalTextParser.parseTime(s, ft.tp() == MysqlType.NEWDATE ? MysqlType.DATE : ft.tp(), scale);
            case MysqlType.DURATION:
                return TemporalTextParser.parseDuration(s);
            case MysqlType.BIT:
                return bigEndian(s.getBytes(StandardCharsets.ISO_8859_1));
            case MysqlType.ENUM:
                return enumIndex(s, ft.elems());
            case MysqlType.SET:
                return setBits(s, ft.elems());
            case MysqlType.JSON:
                return s;
            default:
                return ft.binary() ? s.getBytes(StandardCharsets.UTF_8) : s;
        }
    }

    static Object zero(FieldType ft) {
        switch (ft.tp()) {
            case MysqlType.FLOAT:
                return 0f;
            case MysqlType.DOUBLE:
                return 0d;
            case MysqlType.NEWDECIMAL, MysqlType.DECIMAL:
                // TiDB's zero decimal carries no digits at all, whatever the column's scale: drainer prints "0".
                return BigDecimal.ZERO;
            case MysqlType.DATE, MysqlType.NEWDATE, MysqlType.DATETIME, MysqlType.TIMESTAMP:
                return new TidbTime(0, 0, 0, 0, 0, 0, 0, ft.tp() == MysqlType.NEWDATE ? MysqlType.DATE : ft.tp(), 0);
            case MysqlType.DURATION:
                return Duration.ZERO;
            case MysqlType.JSON:
                return "null";
            case MysqlType.STRING:
                if (ft.binary()) {
                    return new byte[Math.max(ft.flen(), 0)];
                }
                return "";
            default:
                if (MysqlType.isString(ft.tp())) {
                    return ft.binary() ? new byte[0] : "";
                }
                return 0L;
        }
    }

    private static long bigEndian(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    /**
     * Element names match exactly (drainer resolves them with TiDB's binary collator); a name that is no element
     * gives 0, the value drainer emits after warning about it.
     */
    private static long enumIndex(String name, List<String> elems) {
        for (int i = 0; i < elems.size(); i++) {
            if (elems.get(i).equals(name)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** As {@link #enumIndex}; a default naming no element but reading as a number is that bit set, if it fits. */
    private static long setBits(String names, List<String> elems) {
        if (names.isEmpty()) {
            return 0;
        }
        Set<String> wanted = new HashSet<>(Arrays.asList(names.split(",", -1)));
        long bits = 0;
        for (int i = 0; i < elems.size() && i < 64; i++) {
            if (wanted.remove(elems.get(i))) {
                bits |= 1L << i;
            }
        }
        if (wanted.isEmpty()) {
            return bits;
        }
        long number;
        try {
            number = names.startsWith("0x") || names.startsWith("0X")
                    ? Long.parseUnsignedLong(names.substring(2), 16) : Long.parseUnsignedLong(names);
        } catch (NumberFormatException e) {
            return 0;
        }
        boolean fits = elems.size() >= 64 || (number >>> elems.size()) == 0;
        return fits ? number : 0;
    }

    /**
     * The table metadata the decoder attaches to rows of {@code table}: TiDB's columns and keys, each column with
     * the value that stands in when a row does not carry it (see {@link FillValues}). Producers that must match the
     * decoder (tidb-sim's commit listeners) build their metas here too.
     */
    public static TableMeta tableMeta(String db, TableInfo table) {
        TableMeta plain = TableMetaFactory.create(db, table);
        List<ColumnMeta> columns = new ArrayList<>(plain.columns().size());
        for (ColumnMeta c : plain.columns()) {
            var info = table.columnById(c.columnId()).orElseThrow();
            try {
                columns.add(c.withFillValue(FillValues.of(info)));
            } catch (RuntimeException e) {
                throw new BinlogDecodeException("table " + db + "." + table.name().o() + " column " + c.name()
                        + ": cannot read its default value " + info.rawOriginDefault() + ": " + e.getMessage(), e);
            }
        }
        return new TableMeta(plain.ref(), columns, plain.uniqueKeys());
    }
}
