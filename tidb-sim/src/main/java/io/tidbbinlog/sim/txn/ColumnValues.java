package io.tidbbinlog.sim.txn;

import io.tidbbinlog.codec.BinaryJson;
import io.tidbbinlog.codec.ColumnValueCodec;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.decode.FillValues;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;

/**
 * A column value on its way into a row, as TiDB's {@code table.CastValue} and {@code tablecodec.flatten} shape it,
 * in the model's types (binlog-core {@code io.tidbbinlog.model}): exactly what a binlog decoder reads back
 * (TIMESTAMP in UTC, FLOAT narrowed, DECIMAL at the column's scale, CHAR without trailing spaces, ...).
 */
final class ColumnValues {
    private ColumnValues() {
    }

    /**
     * The stored value of {@code v} for column {@code c}; TIMESTAMP values are read in the session zone and
     * stored in UTC (spec §3.2/§3.4).
     */
    static Object normalize(Object v, ColumnInfo c, ZoneId sessionZone) {
        if (v == null) {
            return null;
        }
        FieldType ft = c.type();
        try {
            return switch (ft.tp()) {
                case MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG, MysqlType.LONGLONG,
                        MysqlType.YEAR, MysqlType.ENUM, MysqlType.SET, MysqlType.BIT -> inRange(integer(v, c), c);
                case MysqlType.FLOAT -> {
                    if (!(v instanceof Float || v instanceof Double)) {
                        throw wrongType(v, c);
                    }
                    yield (float) ((Number) v).doubleValue();
                }
                case MysqlType.DOUBLE -> {
                    if (!(v instanceof Float || v instanceof Double)) {
                        throw wrongType(v, c);
                    }
                    yield ((Number) v).doubleValue();
                }
                case MysqlType.NEWDECIMAL, MysqlType.DECIMAL -> {
                    if (!(v instanceof BigDecimal d)) {
                        throw wrongType(v, c);
                    }
                    if (ft.flen() <= 0) {
                        yield d;
                    }
                    // TiDB casts to the column's (Flen, Decimal); the row then holds exactly `Decimal` digits.
                    BigDecimal scaled = d.setScale(Math.max(0, ft.decimal()), RoundingMode.HALF_UP);
                    if (scaled.precision() - scaled.scale() > ft.flen() - Math.max(0, ft.decimal())) {
                        throw outOfRange(v, c);
                    }
                    yield scaled;
                }
                case MysqlType.DATE, MysqlType.NEWDATE, MysqlType.DATETIME, MysqlType.TIMESTAMP -> time(v, c,
                        sessionZone);
                case MysqlType.DURATION -> {
                    if (!(v instanceof Duration d)) {
                        throw wrongType(v, c);
                    }
                    yield roundDuration(d, fsp(ft));
                }
                case MysqlType.JSON -> {
                    if (!(v instanceof String s)) {
                        throw wrongType(v, c);
                    }
                    yield BinaryJson.toText(BinaryJson.fromText(s));
                }
                case MysqlType.VARCHAR, MysqlType.VAR_STRING, MysqlType.STRING, MysqlType.TINY_BLOB,
                        MysqlType.MEDIUM_BLOB, MysqlType.BLOB, MysqlType.LONG_BLOB -> string(v, c);
                default -> throw new IllegalArgumentException("column " + c.name().o() + ": type "
                        + ft.typeName() + " is not simulated");
            };
        } catch (IllegalArgumentException | SqlStatementException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column " + c.name().o() + ": bad value " + v + ": " + e.getMessage(),
                    e);
        }
    }

    static Datum datum(Object normalized, ColumnInfo c) {
        return ColumnValueCodec.toDatum(normalized, c.type());
    }

    /** Strict SQL mode's range checks (error 1264, or 1265 for an ENUM / SET value naming no element). */
    private static long inRange(long x, ColumnInfo c) {
        FieldType ft = c.type();
        boolean unsigned = ft.unsigned();
        switch (ft.tp()) {
            case MysqlType.TINY -> checkBits(x, 8, unsigned, c);
            case MysqlType.SHORT -> checkBits(x, 16, unsigned, c);
            case MysqlType.INT24 -> checkBits(x, 24, unsigned, c);
            case MysqlType.LONG -> checkBits(x, 32, unsigned, c);
            case MysqlType.YEAR -> {
                if (x != 0 && (x < 1901 || x > 2155)) {
                    throw outOfRange(x, c);
                }
            }
            case MysqlType.BIT -> {
                int width = Math.max(1, ft.flen());
                if (width < 64 && (x >>> width) != 0) {
                    throw outOfRange(x, c);
                }
            }
            case MysqlType.ENUM -> {
                if (!ft.elems().isEmpty() && (x < 1 || x > ft.elems().size())) {
                    throw new SqlStatementException(SqlStatementException.DATA_TRUNCATED,
                            "Data truncated for column '" + c.name().o() + "': enum index " + x);
                }
            }
            case MysqlType.SET -> {
                int n = ft.elems().size();
                if (n < 64 && (x >>> n) != 0) {
                    throw new SqlStatementException(SqlStatementException.DATA_TRUNCATED,
                            "Data truncated for column '" + c.name().o() + "': set bits 0x" + Long.toHexString(x));
                }
            }
            default -> {
            }
        }
        return x;
    }

    private static void checkBits(long x, int bits, boolean unsigned, ColumnInfo c) {
        boolean ok = unsigned ? x >= 0 && x < (1L << bits) : x >= -(1L << (bits - 1)) && x < (1L << (bits - 1));
        if (!ok) {
            throw outOfRange(x, c);
        }
    }

    private static SqlStatementException outOfRange(Object v, ColumnInfo c) {
        return new SqlStatementException(SqlStatementException.OUT_OF_RANGE, "Out of range value for column '"
                + c.name().o() + "': " + v);
    }

    private static SqlStatementException tooLong(ColumnInfo c) {
        return new SqlStatementException(SqlStatementException.DATA_TOO_LONG, "Data too long for column '"
                + c.name().o() + "'");
    }

    private static long integer(Object v, ColumnInfo c) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw wrongType(v, c);
    }

    private static Object time(Object v, ColumnInfo c, ZoneId sessionZone) {
        if (!(v instanceof TidbTime t)) {
            throw wrongType(v, c);
        }
        int tp = c.type().tp() == MysqlType.NEWDATE ? MysqlType.DATE : c.type().tp();
        int fsp = tp == MysqlType.DATE ? 0 : fsp(c.type());
        TidbTime typed = new TidbTime(t.year(), t.month(), t.day(), tp == MysqlType.DATE ? 0 : t.hour(),
                tp == MysqlType.DATE ? 0 : t.minute(), tp == MysqlType.DATE ? 0 : t.second(),
                tp == MysqlType.DATE ? 0 : t.microsecond(), tp, fsp);
        typed = roundMicros(typed, fsp);
        // Only TIMESTAMP is a point in time; TiDB stores it in UTC (tablecodec flatten).
        return tp == MysqlType.TIMESTAMP ? typed.toUtc(sessionZone) : typed;
    }

    private static TidbTime roundMicros(TidbTime t, int fsp) {
        int unit = (int) Math.pow(10, 6 - fsp);
        int rounded = (t.microsecond() + unit / 2) / unit * unit;
        if (rounded == t.microsecond()) {
            return t;
        }
        if (rounded < 1_000_000) {
            return new TidbTime(t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second(), rounded, t.type(),
                    t.fsp());
        }
        LocalDateTime next = t.toLocalDateTime().withNano(0).plusSeconds(1);
        return TidbTime.of(next, t.type(), t.fsp());
    }

    private static Duration roundDuration(Duration d, int fsp) {
        long unit = (long) Math.pow(10, 9 - fsp);
        long nanos = d.toNanos();
        long q = Math.floorDiv(Math.abs(nanos) + unit / 2, unit) * unit;
        return Duration.ofNanos(nanos < 0 ? -q : q);
    }

    private static int fsp(FieldType ft) {
        return ft.decimal() < 0 ? 0 : Math.min(ft.decimal(), 6);
    }

    private static Object string(Object v, ColumnInfo c) {
        FieldType ft = c.type();
        boolean binary = ft.binary() || (ft.charset() == null && "binary".equals(ft.collate()));
        if (binary) {
            byte[] b = v instanceof byte[] bytes ? bytes.clone()
                    : v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
            if (b == null) {
                throw wrongType(v, c);
            }
            if (ft.flen() > 0 && b.length > ft.flen()) {
                throw tooLong(c);
            }
            if (ft.tp() == MysqlType.STRING && ft.flen() > b.length) {
                // BINARY(n) is padded with 0x00 to n bytes (types.ProduceStrWithSpecifiedTp).
                b = Arrays.copyOf(b, ft.flen());
            }
            return b;
        }
        String s = v instanceof String str ? str
                : v instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
        if (s == null) {
            throw wrongType(v, c);
        }
        if (ft.tp() == MysqlType.STRING) {
            // CHAR drops trailing spaces on write (table.CastValue truncateTrailingSpaces).
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            }
            s = s.substring(0, end);
        }
        boolean charLength = ft.tp() == MysqlType.VARCHAR || ft.tp() == MysqlType.VAR_STRING
                || ft.tp() == MysqlType.STRING;
        // VARCHAR/CHAR lengths count characters, TEXT lengths bytes.
        long length = charLength ? s.codePointCount(0, s.length()) : s.getBytes(StandardCharsets.UTF_8).length;
        if (ft.flen() > 0 && length > ft.flen()) {
            throw tooLong(c);
        }
        return s;
    }

    private static IllegalArgumentException wrongType(Object v, ColumnInfo c) {
        return new IllegalArgumentException("column " + c.name().o() + " (" + c.type().typeName() + "): a "
                + v.getClass().getSimpleName() + " is not a value for it");
    }

    /** Marks a column without a usable default: the statement must give it a value. */
    static final Object NO_DEFAULT = new Object();

    /**
     * The value an INSERT that omits the column writes ({@code table.GetColDefaultValue}): the current default
     * (CURRENT_TIMESTAMP evaluated now; a TIMESTAMP default text is UTC, TiDB's column version ≥ 1), else NULL for
     * a nullable column, else {@link #NO_DEFAULT}.
     */
    static Object insertDefault(ColumnInfo c, ZoneId sessionZone) {
        if (c.hasDefault()) {
            Object raw = c.rawDefault();
            int tp = c.type().tp();
            if (raw instanceof String s && (tp == MysqlType.TIMESTAMP || tp == MysqlType.DATETIME)
                    && s.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP")) {
                return now(c, sessionZone);
            }
            return fromRaw(raw, c);
        }
        return c.type().notNull() ? NO_DEFAULT : null;
    }

    /** CURRENT_TIMESTAMP for a TIMESTAMP (stored in UTC) or DATETIME (session wall clock) column. */
    static TidbTime now(ColumnInfo c, ZoneId sessionZone) {
        int tp = c.type().tp();
        if (tp != MysqlType.TIMESTAMP && tp != MysqlType.DATETIME) {
            throw new IllegalArgumentException("column " + c.name().o() + " (" + c.type().typeName()
                    + ") cannot take CURRENT_TIMESTAMP");
        }
        LocalDateTime now = LocalDateTime.now(tp == MysqlType.TIMESTAMP ? ZoneOffset.UTC : sessionZone);
        return roundMicros(TidbTime.of(now.withNano(now.getNano() / 1000 * 1000), tp, fsp(c.type())), fsp(c.type()));
    }

    /** What a stored row written before the column existed reads as: its origin default, else NULL. */
    static Object originDefault(ColumnInfo c) {
        return c.hasOriginDefault() ? fromRaw(c.rawOriginDefault(), c) : null;
    }

    /** A default as TiDB's column JSON holds it (text, number, or BIT bytes), as a model value of the column. */
    static Object fromRaw(Object raw, ColumnInfo c) {
        return FillValues.fromColumnJson(raw, c);
    }

    /**
     * The datum of a value inside a row key or index key, as TiDB's {@code codec.EncodeKey} writes it and
     * {@code Handle.Data()} decodes it back: flattened, a string reduced to its collation key (a {@code _bin}
     * collation drops trailing spaces, PAD SPACE; binary strings are kept), and a prefix index column cut to its
     * prefix length ({@code TruncateIndexValue}). Case-insensitive collations are approximated by the
     * {@code _bin} rule: their sort keys are not simulated (such columns always also travel in the row, because
     * they need restored data, so decoding is unaffected).
     */
    static Datum keyDatum(Object normalized, ColumnInfo c, int prefixLength) {
        FieldType ft = c.type();
        if (normalized == null || !MysqlType.isString(ft.tp())) {
            return datum(normalized, c);
        }
        boolean binary = normalized instanceof byte[];
        byte[] b = binary ? (byte[]) normalized : ((String) normalized).getBytes(StandardCharsets.UTF_8);
        if (prefixLength > 0) {
            if (binary) {
                b = Arrays.copyOf(b, Math.min(prefixLength, b.length));
            } else {
                String s = (String) normalized;
                int end = s.offsetByCodePoints(0, Math.min(prefixLength, s.codePointCount(0, s.length())));
                b = s.substring(0, end).getBytes(StandardCharsets.UTF_8);
            }
        }
        if (!binary && !"utf8mb4_0900_bin".equals(ft.collate())) {
            int end = b.length;
            while (end > 0 && b[end - 1] == ' ') {
                end--;
            }
            b = Arrays.copyOf(b, end);
        }
        return Datum.ofBytes(b);
    }

    /** TiDB's {@code types.NeedRestoredData} with new collations enabled (the default since TiDB 6.0). */
    static boolean needsRestoredData(FieldType ft) {
        if (!MysqlType.isString(ft.tp()) || "binary".equals(ft.collate()) || ft.binary()) {
            return false;
        }
        String collate = ft.collate() == null ? "" : ft.collate();
        boolean binCollation = switch (collate) {
            case "utf8mb4_bin", "utf8_bin", "latin1_bin", "ascii_bin", "gbk_bin", "gb18030_bin" -> true;
            default -> false;
        };
        boolean varchar = ft.tp() == MysqlType.VARCHAR || ft.tp() == MysqlType.VAR_STRING;
        return (!binCollation || varchar) && !"utf8mb4_0900_bin".equals(collate);
    }
}
