package io.tidbbinlog.codec;

import io.tidbbinlog.schema.MysqlType;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A DATE, DATETIME or TIMESTAMP value exactly as TiDB holds it, including zero dates ({@code 0000-00-00}) and
 * zero-in-date values that java.time cannot hold.
 *
 * <p>{@code type} is the MySQL type code ({@link MysqlType#DATE}, {@link MysqlType#DATETIME},
 * {@link MysqlType#TIMESTAMP}); {@code fsp} the fractional seconds precision (0..6, always 0 for DATE).
 * In rows TiDB stores these as a packed uint64 ({@link #toPacked()}); inside binary JSON as its in-memory
 * "CoreTime" bit layout ({@link #toCoreTime()}).
 */
public record TidbTime(int year, int month, int day, int hour, int minute, int second, int microsecond,
                       int type, int fsp) {

    public TidbTime {
        if (type == MysqlType.NEWDATE) {
            type = MysqlType.DATE;
        }
        if (type != MysqlType.DATE && type != MysqlType.DATETIME && type != MysqlType.TIMESTAMP) {
            throw new IllegalArgumentException("not a date/time type: " + type);
        }
        if (type == MysqlType.DATE) {
            fsp = 0;
        }
        if (fsp < 0 || fsp > 6) {
            throw new IllegalArgumentException("fsp out of range: " + fsp);
        }
        if (year < 0 || year > 9999 || month < 0 || month > 12 || day < 0 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59 || microsecond < 0
                || microsecond > 999_999) {
            throw new IllegalArgumentException("time field out of range: " + year + "-" + month + "-" + day + " "
                    + hour + ":" + minute + ":" + second + "." + microsecond);
        }
    }

    /** The zero value {@code 0000-00-00 00:00:00} of the given type. */
    public static TidbTime zero(int type, int fsp) {
        return new TidbTime(0, 0, 0, 0, 0, 0, 0, type, fsp);
    }

    public static TidbTime of(LocalDateTime t, int type, int fsp) {
        return new TidbTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond(), t.getNano() / 1000, type, fsp);
    }

    /** Normalises an "unspecified" (-1) or out-of-range column fsp the way TiDB does for rendering. */
    static int columnFsp(int decimal) {
        return decimal < 0 ? 0 : Math.min(decimal, 6);
    }

    /**
     * TiDB's {@code FromPackedUint}: {@code ((((year*13+month)<<5 | day) << 17 | (hour<<12 | minute<<6 | second))
     * << 24) | microsecond}; 0 is the zero date.
     *
     * @throws CodecException if a field is outside its range (TiDB never writes such values)
     */
    public static TidbTime fromPacked(long packed, int type, int fsp) {
        if (packed == 0) {
            return zero(type, fsp);
        }
        long ymdhms = packed >>> 24;
        long ymd = ymdhms >>> 17;
        int day = (int) (ymd & 31);
        long ym = ymd >>> 5;
        int month = (int) (ym % 13);
        long year = ym / 13;
        int hms = (int) (ymdhms & ((1 << 17) - 1));
        int second = hms & 63;
        int minute = (hms >>> 6) & 63;
        int hour = hms >>> 12;
        int micro = (int) (packed & ((1 << 24) - 1));
        if (year > 9999 || hour > 23 || minute > 59 || second > 59 || micro > 999_999) {
            throw new CodecException("invalid packed time 0x" + Long.toHexString(packed));
        }
        return new TidbTime((int) year, month, day, hour, minute, second, micro, type, fsp);
    }

    /** TiDB's {@code ToPackedUint}. */
    public long toPacked() {
        long ymd = ((long) (year * 13 + month) << 5) | day;
        long hms = ((long) hour << 12) | ((long) minute << 6) | second;
        return ((ymd << 17 | hms) << 24) | microsecond;
    }

    /** TiDB's in-memory {@code CoreTime} bits (used inside binary JSON); the fsp/type nibble is left 0. */
    public long toCoreTime() {
        return ((long) year << 50) | ((long) month << 46) | ((long) day << 41) | ((long) hour << 36)
                | ((long) minute << 30) | ((long) second << 24) | ((long) microsecond << 4);
    }

    public static TidbTime fromCoreTime(long core, int type, int fsp) {
        int year = (int) ((core >>> 50) & 0x3fff);
        int month = (int) ((core >>> 46) & 0xf);
        int day = (int) ((core >>> 41) & 0x1f);
        int hour = (int) ((core >>> 36) & 0x1f);
        int minute = (int) ((core >>> 30) & 0x3f);
        int second = (int) ((core >>> 24) & 0x3f);
        int micro = (int) ((core >>> 4) & 0xfffff);
        try {
            return new TidbTime(year, month, day, hour, minute, second, micro, type, fsp);
        } catch (IllegalArgumentException e) {
            throw new CodecException("invalid time 0x" + Long.toHexString(core) + ": " + e.getMessage());
        }
    }

    public boolean isZero() {
        return year == 0 && month == 0 && day == 0 && hour == 0 && minute == 0 && second == 0 && microsecond == 0;
    }

    public TidbTime withFsp(int newFsp) {
        return new TidbTime(year, month, day, hour, minute, second, microsecond, type, newFsp);
    }

    /** The value as a LocalDateTime; fails for zero dates and dates with zero month/day. */
    public LocalDateTime toLocalDateTime() {
        return LocalDateTime.of(year, month, day, hour, minute, second, microsecond * 1000);
    }

    /**
     * Reads the wall clock in zone {@code from} and returns the same instant's wall clock in {@code to}, as TiDB's
     * {@code ConvertTimeZone} (used between UTC storage and the session zone for TIMESTAMP). Zero values are
     * returned unchanged.
     */
    public TidbTime convertZone(ZoneId from, ZoneId to) {
        if (isZero() || from.equals(to)) {
            return this;
        }
        try {
            LocalDateTime converted = toLocalDateTime().atZone(from).withZoneSameInstant(to).toLocalDateTime();
            return new TidbTime(converted.getYear(), converted.getMonthValue(), converted.getDayOfMonth(),
                    converted.getHour(), converted.getMinute(), converted.getSecond(), converted.getNano() / 1000,
                    type, fsp);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new CodecException("cannot convert " + this + " from " + from + " to " + to + ": "
                    + e.getMessage());
        }
    }

    /** TiDB's {@code Time.String()}: {@code 2006-01-02} for DATE, else {@code 2006-01-02 15:04:05[.ffffff]} with fsp digits. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(26);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2);
        if (type == MysqlType.DATE) {
            return sb.toString();
        }
        sb.append(' ');
        pad(sb, hour, 2).append(':');
        pad(sb, minute, 2).append(':');
        pad(sb, second, 2);
        if (fsp > 0) {
            sb.append('.');
            appendFraction(sb, microsecond, fsp);
        }
        return sb.toString();
    }

    static StringBuilder pad(StringBuilder sb, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    /** The first {@code digits} of the 6-digit zero-padded microsecond value. */
    static void appendFraction(StringBuilder sb, int micros, int digits) {
        int div = 100_000;
        for (int i = 0; i < digits; i++) {
            sb.append((char) ('0' + (micros / div) % 10));
            div /= 10;
        }
    }
}
