package io.tidbbinlog.sim.workload;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Distinct values for primary-key and unique-key columns: ordinal {@code n} always maps to the same value and
 * different ordinals to different values, so a session that numbers its new keys never collides with itself.
 * Random values cannot promise that (edge values repeat on purpose).
 */
public final class KeyValues {
    /** An odd multiplier: multiplication by it is a bijection on 64-bit values, spreading keys over the range. */
    private static final long SPREAD = 0x9E3779B97F4A7C15L;
    private static final String[] PREFIXES = {"k", "ключ", "鍵", "k'\\"};

    private KeyValues() {
    }

    /**
     * The key value for ordinal {@code n} (n >= 0) of a column of type {@code ft}.
     *
     * @throws IllegalArgumentException if the column type has fewer distinct values than {@code n + 1}, or is not a
     *                                  type usable as a key here (integers, DECIMAL, DATE/DATETIME, strings)
     */
    public static Object forOrdinal(FieldType ft, long n) {
        if (n < 0) {
            throw new IllegalArgumentException("key ordinal must not be negative: " + n);
        }
        switch (ft.tp()) {
            case MysqlType.TINY:
            case MysqlType.SHORT:
            case MysqlType.INT24:
            case MysqlType.LONG: {
                long[] r = IntegerValues.range(ft);
                if (n > r[1] - r[0]) {
                    throw new IllegalArgumentException("key ordinal " + n + " exceeds the " + (r[1] - r[0] + 1)
                            + " values of " + ft.typeName());
                }
                // Alternate around zero for signed columns so negative keys appear too.
                if (ft.unsigned()) {
                    return n;
                }
                return (n & 1) == 0 ? n / 2 : -(n / 2) - 1;
            }
            case MysqlType.LONGLONG:
                return n * SPREAD;
            case MysqlType.NEWDECIMAL: {
                int scale = Math.max(0, ft.decimal());
                int intDigits = (ft.flen() > 0 ? ft.flen() : 10) - scale;
                BigDecimal v = BigDecimal.valueOf(n).setScale(scale);
                if (intDigits < 19 && n >= Math.pow(10, intDigits)) {
                    throw new IllegalArgumentException("key ordinal " + n + " does not fit " + ft.typeName() + "("
                            + ft.flen() + "," + ft.decimal() + ")");
                }
                return v;
            }
            case MysqlType.DATE:
            case MysqlType.DATETIME: {
                LocalDate d = TemporalValues.MIN_DATE.plusDays(n);
                if (d.isAfter(TemporalValues.MAX_DATE)) {
                    throw new IllegalArgumentException("key ordinal " + n + " is past the last " + ft.typeName());
                }
                return TidbTime.of(d.atStartOfDay(), ft.tp(), ft.tp() == MysqlType.DATE ? 0 : TemporalValues.fsp(ft));
            }
            case MysqlType.VARCHAR:
            case MysqlType.VAR_STRING:
            case MysqlType.STRING: {
                String text = PREFIXES[(int) (n % PREFIXES.length)] + n;
                int limit = ft.flen() < 0 ? 1 : ft.flen();
                if (ft.binary() && ft.tp() == MysqlType.STRING) {
                    return fixedWidth(n, limit, ft);
                }
                if (ft.binary()) {
                    byte[] b = text.getBytes(StandardCharsets.UTF_8);
                    if (b.length > limit) {
                        throw new IllegalArgumentException("key ordinal " + n + " needs " + b.length + " bytes, "
                                + ft.typeName() + "(" + limit + ") holds " + limit);
                    }
                    return b;
                }
                if (text.codePointCount(0, text.length()) > limit) {
                    throw new IllegalArgumentException("key ordinal " + n + " needs more than the " + limit
                            + " characters of " + ft.typeName() + "(" + limit + ")");
                }
                return text;
            }
            default:
                throw new IllegalArgumentException("no key values for column type " + ft.typeName());
        }
    }

    /**
     * BINARY(m): n big-endian in exactly m bytes (TiDB pads shorter values with 0x00, which would make a
     * variable-length form ambiguous).
     */
    private static byte[] fixedWidth(long n, int width, FieldType ft) {
        if (width < 8 && n >= 1L << (8 * width)) {
            throw new IllegalArgumentException("key ordinal " + n + " does not fit the " + width + " bytes of "
                    + ft.typeName() + "(" + width + ")");
        }
        byte[] b = new byte[width];
        for (int i = 0; i < Math.min(width, 8); i++) {
            b[width - 1 - i] = (byte) (n >>> (8 * i));
        }
        return b;
    }
}
