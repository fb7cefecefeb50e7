package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Column defaults as TiDB stores them: the DEFAULT literal turned into the string TiDB keeps in {@code default}
 * ({@code getDefaultValue} / {@code SetDefaultValue} in pkg/ddl/create_table.go: times formatted at the column's
 * fsp, TIMESTAMP moved from the session time zone to UTC, integers rounded, floats in Go's shortest form, ENUM and
 * SET by member name, BINARY(n) padded with zero bytes, BIT as raw bytes also kept in {@code default_bit}); and the
 * {@code origin_default} an ADD COLUMN records ({@code generateOriginDefaultValue} in pkg/ddl/column.go: the
 * default, else for a NOT NULL column the type's zero value, CURRENT_TIMESTAMP resolved to the statement time).
 */
final class ColumnDefaults {
    /** A default: {@code value} is a String (or null for DEFAULT NULL); {@code bits} the raw BIT bytes. */
    record Value(String value, byte[] bits) {
        static final Value NULL = new Value(null, null);
    }

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{1,4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d*))?)?");
    private static final Pattern DURATION = Pattern.compile("(-)?(\\d{1,3}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?");

    private ColumnDefaults() {
    }

    /** The stored default for a DEFAULT literal on a column of type {@code t}. */
    static Value of(String column, FieldType t, String defaultSql, ZoneId sessionZone) {
        SqlLiteral lit = SqlLiteral.parseDefault(column, defaultSql);
        if (lit.kind() == SqlLiteral.Kind.NULL) {
            return Value.NULL;
        }
        int tp = t.tp();
        if (MysqlType.isBlob(tp) || tp == MysqlType.JSON) {
            throw DdlException.blobCantHaveDefault(column);
        }
        if (lit.kind() == SqlLiteral.Kind.CURRENT_TIMESTAMP) {
            if ((tp != MysqlType.TIMESTAMP && tp != MysqlType.DATETIME) || lit.fsp() != t.decimal()) {
                throw DdlException.invalidDefault(column);
            }
            return new Value("CURRENT_TIMESTAMP", null);
        }
        try {
            switch (tp) {
                case MysqlType.TIMESTAMP, MysqlType.DATETIME, MysqlType.DATE:
                    return new Value(timeDefault(t, textOf(lit), sessionZone), null);
                case MysqlType.DURATION:
                    return new Value(durationDefault(t, textOf(lit)), null);
                case MysqlType.YEAR:
                    return new Value(yearDefault(lit), null);
                case MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG, MysqlType.LONGLONG:
                    return new Value(integerDefault(t, lit), null);
                case MysqlType.FLOAT, MysqlType.DOUBLE:
                    return new Value(floatDefault(t, lit), null);
                case MysqlType.NEWDECIMAL:
                    return new Value(decimalDefault(t, lit), null);
                case MysqlType.BIT:
                    return bitDefault(t, lit);
                case MysqlType.ENUM:
                    return new Value(enumDefault(t, lit), null);
                case MysqlType.SET:
                    return new Value(setDefault(t, lit), null);
                case MysqlType.STRING, MysqlType.VARCHAR:
                    return new Value(stringDefault(t, lit), null);
                default:
                    throw new IllegalArgumentException("column '" + column + "': no default handling for type "
                            + t.typeName());
            }
        } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
            throw DdlException.invalidDefault(column);
        } catch (InvalidDefault e) {
            throw DdlException.invalidDefault(column);
        }
    }

    /**
     * What rows written before an ADD COLUMN read as: the default; for a NOT NULL column without one the type's
     * zero value (ENUM: its first member; BINARY(n): n zero bytes); CURRENT_TIMESTAMP as the statement time.
     */
    static Value originDefault(FieldType t, Value current, Instant statementTime,
                               ZoneId sessionZone) {
        Value v = current;
        // A NOT NULL YEAR without DEFAULT already carries "0000" as its default, which TiDB takes as is.
        if ((v == null || v.value() == null) && (t.flag() & ColumnFlag.NOT_NULL) != 0) {
            v = zeroValue(t);
        }
        if (v != null && "CURRENT_TIMESTAMP".equals(v.value())) {
            ZoneId zone = t.tp() == MysqlType.TIMESTAMP ? ZoneOffset.UTC : sessionZone;
            LocalDateTime now = LocalDateTime.ofInstant(statementTime, zone);
            return new Value(formatDateTime(now, Math.max(t.decimal(), 0)), null);
        }
        return v == null ? Value.NULL : v;
    }

    /** {@code table.GetZeroValue(col).ToString()}. */
    static Value zeroValue(FieldType t) {
        int fsp = Math.max(t.decimal(), 0);
        switch (t.tp()) {
            case MysqlType.TINY, MysqlType.SHORT, MysqlType.INT24, MysqlType.LONG, MysqlType.LONGLONG,
                 MysqlType.FLOAT, MysqlType.DOUBLE, MysqlType.NEWDECIMAL, MysqlType.YEAR:
                return new Value("0", null);
            case MysqlType.DATE:
                return new Value("0000-00-00", null);
            case MysqlType.DATETIME, MysqlType.TIMESTAMP:
                return new Value("0000-00-00 00:00:00" + fraction(0, fsp), null);
            case MysqlType.DURATION:
                return new Value("00:00:00" + fraction(0, fsp), null);
            case MysqlType.JSON:
                return new Value("null", null);
            case MysqlType.BIT:
                return new Value("", new byte[0]);
            case MysqlType.ENUM:
                return new Value(t.elems().isEmpty() ? "" : t.elems().get(0), null);
            case MysqlType.STRING:
                if (ColumnTypes.BINARY.equals(t.charset()) && t.flen() > 0) {
                    return new Value("\0".repeat(t.flen()), null);
                }
                return new Value("", null);
            default:
                return new Value("", null);
        }
    }

    private static final class InvalidDefault extends RuntimeException {
        InvalidDefault() {
            super(null, null, false, false);
        }
    }

    private static String textOf(SqlLiteral lit) {
        if (lit.kind() == SqlLiteral.Kind.BITS) {
            throw new InvalidDefault();
        }
        return lit.text();
    }

    private static String timeDefault(FieldType t, String text, ZoneId zone) {
        String s = text.trim();
        int fsp = t.tp() == MysqlType.DATE ? 0 : Math.max(t.decimal(), 0);
        if (s.matches("\\d{8}|\\d{14}")) {
            s = s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6, 8)
                    + (s.length() == 14 ? " " + s.substring(8, 10) + ":" + s.substring(10, 12) + ":" + s.substring(12) : "");
        }
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            throw new InvalidDefault();
        }
        int y = Integer.parseInt(m.group(1));
        int mo = Integer.parseInt(m.group(2));
        int d = Integer.parseInt(m.group(3));
        int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int mi = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int se = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        String frac = m.group(7) == null ? "" : m.group(7);
        if (y == 0 && mo == 0 && d == 0) {
            // TiDB's default sql_mode has STRICT_TRANS_TABLES and NO_ZERO_DATE: a zero date default is refused
            // (checkColumnDefaultValue).
            throw new InvalidDefault();
        }
        LocalDateTime local = LocalDateTime.of(y, mo, d, h, mi, se);
        long nanos = fracNanos(frac, fsp);
        local = local.plusNanos(nanos);
        if (t.tp() == MysqlType.DATE) {
            return LocalDate.from(local).toString();
        }
        if (t.tp() == MysqlType.TIMESTAMP) {
            local = local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return formatDateTime(local, fsp);
    }

    private static String durationDefault(FieldType t, String text) {
        int fsp = Math.max(t.decimal(), 0);
        String s = text.trim();
        if (s.matches("-?\\d+(\\.\\d*)?")) {
            boolean neg = s.startsWith("-");
            String digits = neg ? s.substring(1) : s;
            String whole = digits.contains(".") ? digits.substring(0, digits.indexOf('.')) : digits;
            String frac = digits.contains(".") ? digits.substring(digits.indexOf('.') + 1) : "";
            whole = "0".repeat(Math.max(0, 6 - whole.length())) + whole;
            int n = whole.length();
            s = (neg ? "-" : "") + whole.substring(0, n - 4) + ":" + whole.substring(n - 4, n - 2) + ":"
                    + whole.substring(n - 2) + (frac.isEmpty() ? "" : "." + frac);
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new InvalidDefault();
        }
        boolean neg = m.group(1) != null;
        long h = Long.parseLong(m.group(2));
        long mi = Long.parseLong(m.group(3));
        long se = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
        if (mi > 59 || se > 59) {
            throw new InvalidDefault();
        }
        long total = ((h * 60 + mi) * 60 + se) * 1_000_000_000L + fracNanos(m.group(5) == null ? "" : m.group(5), fsp);
        if (total > ((838L * 60 + 59) * 60 + 59) * 1_000_000_000L) {
            throw new InvalidDefault();
        }
        long secs = total / 1_000_000_000L;
        long nano = total % 1_000_000_000L;
        String body = String.format("%02d:%02d:%02d", secs / 3600, (secs / 60) % 60, secs % 60)
                + fraction(nano, fsp);
        return (neg && total != 0 ? "-" : "") + body;
    }

    /** Fraction digits rounded half up to fsp digits, as nanoseconds (may carry into a whole second). */
    private static long fracNanos(String frac, int fsp) {
        if (frac.isEmpty()) {
            return 0;
        }
        BigDecimal f = new BigDecimal("0." + frac).setScale(fsp, RoundingMode.HALF_UP);
        return f.movePointRight(9).longValueExact();
    }

    private static String fraction(long nanos, int fsp) {
        if (fsp <= 0) {
            return "";
        }
        String nine = String.format("%09d", nanos);
        return "." + nine.substring(0, fsp);
    }

    static String formatDateTime(LocalDateTime t, int fsp) {
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()) + fraction(t.getNano(), fsp);
    }

    private static String yearDefault(SqlLiteral lit) {
        if (lit.kind() == SqlLiteral.Kind.BITS) {
            throw new InvalidDefault();
        }
        String s = lit.text().trim();
        boolean isString = lit.kind() == SqlLiteral.Kind.STRING;
        long y = new BigDecimal(s).setScale(0, RoundingMode.HALF_UP).longValueExact();
        if (y == 0) {
            // The number 0 is the zero year; the strings '0' and '00' mean 2000 (types.AdjustYear).
            return isString ? "2000" : "0";
        }
        if (y >= 1 && y <= 69) {
            y += 2000;
        } else if (y >= 70 && y <= 99) {
            y += 1900;
        }
        if (y < 1901 || y > 2155) {
            throw new InvalidDefault();
        }
        return Long.toString(y);
    }

    private static BigInteger integral(SqlLiteral lit) {
        if (lit.kind() == SqlLiteral.Kind.BITS) {
            return new BigInteger(1, lit.bytes());
        }
        return new BigDecimal(lit.text().trim()).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    }

    private static String integerDefault(FieldType t, SqlLiteral lit) {
        BigInteger v = integral(lit);
        int bits = switch (t.tp()) {
            case MysqlType.TINY -> 8;
            case MysqlType.SHORT -> 16;
            case MysqlType.INT24 -> 24;
            case MysqlType.LONG -> 32;
            default -> 64;
        };
        BigInteger min;
        BigInteger max;
        if (t.unsigned()) {
            min = BigInteger.ZERO;
            max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        } else {
            min = BigInteger.ONE.shiftLeft(bits - 1).negate();
            max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new InvalidDefault();
        }
        return v.toString();
    }

    private static String floatDefault(FieldType t, SqlLiteral lit) {
        if (lit.kind() == SqlLiteral.Kind.BITS) {
            return new BigInteger(1, lit.bytes()).toString();
        }
        double d = Double.parseDouble(lit.text().trim());
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            throw new InvalidDefault();
        }
        if (t.tp() == MysqlType.FLOAT) {
            float f = (float) d;
            if (Float.isInfinite(f)) {
                throw new InvalidDefault();
            }
            return shortest(new BigDecimal(Float.toString(f)));
        }
        return shortest(new BigDecimal(Double.toString(d)));
    }

    /** Go's {@code strconv.FormatFloat(f, 'f', -1, bits)}: plain digits, no trailing zeros. */
    private static String shortest(BigDecimal v) {
        if (v.signum() == 0) {
            return "0";
        }
        return v.stripTrailingZeros().toPlainString();
    }

    private static String decimalDefault(FieldType t, SqlLiteral lit) {
        BigDecimal v;
        String stored;
        if (lit.kind() == SqlLiteral.Kind.BITS) {
            v = new BigDecimal(new BigInteger(1, lit.bytes()));
            stored = v.toPlainString();
        } else if (lit.kind() == SqlLiteral.Kind.STRING) {
            v = new BigDecimal(lit.text().trim());
            stored = lit.text();
        } else {
            String s = lit.text();
            v = new BigDecimal(s);
            stored = s.matches(".*[eE].*") ? shortest(new BigDecimal(Double.toString(v.doubleValue())))
                    : v.toPlainString();
        }
        BigDecimal rounded = v.setScale(t.decimal(), RoundingMode.HALF_UP);
        int intDigits = rounded.precision() - rounded.scale();
        if (intDigits > t.flen() - t.decimal() || (t.unsigned() && v.signum() < 0)) {
            throw new InvalidDefault();
        }
        return stored;
    }

    private static Value bitDefault(FieldType t, SqlLiteral lit) {
        byte[] bytes;
        switch (lit.kind()) {
            case NUMBER -> {
                BigInteger v = new BigDecimal(lit.text()).toBigIntegerExact();
                if (v.signum() < 0 || v.bitLength() > 64) {
                    throw new InvalidDefault();
                }
                bytes = minimalBytes(v);
            }
            case BITS -> bytes = lit.bytes();
            case STRING -> bytes = lit.text().getBytes(StandardCharsets.UTF_8);
            default -> throw new InvalidDefault();
        }
        BigInteger value = new BigInteger(1, bytes);
        if (value.bitLength() > t.flen() || bytes.length > 8) {
            throw new InvalidDefault();
        }
        // The default string is Go's string of these bytes, which Go's JSON writes as UTF-8 (U+FFFD for
        // invalid bytes); default_bit keeps the exact bytes.
        return new Value(new String(bytes, StandardCharsets.UTF_8), bytes.clone());
    }

    /** {@code NewBinaryLiteralFromUint(v, -1)}: big-endian without leading zero bytes, at least one byte. */
    private static byte[] minimalBytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        int start = 0;
        while (start < raw.length - 1 && raw[start] == 0) {
            start++;
        }
        return Arrays.copyOfRange(raw, start, raw.length);
    }

    private static String enumDefault(FieldType t, SqlLiteral lit) {
        List<String> elems = t.elems();
        if (lit.kind() == SqlLiteral.Kind.NUMBER) {
            BigInteger idx = new BigDecimal(lit.text()).toBigIntegerExact();
            if (idx.signum() <= 0 || idx.compareTo(BigInteger.valueOf(elems.size())) > 0) {
                throw new InvalidDefault();
            }
            return elems.get(idx.intValue() - 1);
        }
        String name = stringOf(lit).replaceFirst(" +$", "");
        for (String e : elems) {
            if (e.equals(name)) {
                return e;
            }
        }
        throw new InvalidDefault();
    }

    private static String setDefault(FieldType t, SqlLiteral lit) {
        List<String> elems = t.elems();
        long bits;
        if (lit.kind() == SqlLiteral.Kind.NUMBER) {
            bits = new BigDecimal(lit.text()).longValueExact();
            if (bits < 1 || (elems.size() < 63 && bits >= (1L << elems.size()))) {
                throw new InvalidDefault();
            }
        } else {
            String s = stringOf(lit);
            if (s.isEmpty()) {
                return "";
            }
            bits = 0;
            for (String part : s.split(",", -1)) {
                int i = elems.indexOf(part.replaceFirst(" +$", ""));
                if (i < 0) {
                    throw new InvalidDefault();
                }
                bits |= 1L << i;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < elems.size(); i++) {
            if ((bits & (1L << i)) != 0) {
                names.add(elems.get(i));
            }
        }
        return String.join(",", names);
    }

    private static String stringOf(SqlLiteral lit) {
        if (lit.kind() == SqlLiteral.Kind.BITS) {
            return new String(lit.bytes(), StandardCharsets.UTF_8);
        }
        return lit.text();
    }

    private static String stringDefault(FieldType t, SqlLiteral lit) {
        String s = stringOf(lit);
        boolean binary = ColumnTypes.BINARY.equals(t.charset());
        int len = binary ? s.getBytes(StandardCharsets.UTF_8).length : s.codePointCount(0, s.length());
        if (len > t.flen()) {
            throw new InvalidDefault();
        }
        if (binary && t.tp() == MysqlType.STRING && len < t.flen()) {
            s = s + "\0".repeat(t.flen() - len);
        }
        return s;
    }
}
