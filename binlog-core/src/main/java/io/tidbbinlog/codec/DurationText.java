package io.tidbbinlog.codec;

import java.time.Duration;

/**
 * TiDB's text rendering of a TIME value ({@code types.Duration.String()}): optional {@code -}, hours with at least
 * two digits, {@code :mm:ss}, and {@code fsp} digits of the microseconds (truncated, not rounded), e.g.
 * {@code -838:59:59.000000}.
 */
public final class DurationText {
    private DurationText() {
    }

    public static String format(Duration d, int fsp) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            throw new CodecException("duration " + d + " does not fit TiDB's int64 nanoseconds");
        }
        return format(nanos, fsp);
    }

    public static String format(long nanos, int fsp) {
        fsp = TidbTime.columnFsp(fsp);
        StringBuilder sb = new StringBuilder(20);
        long t = nanos;
        if (t < 0) {
            sb.append('-');
        }
        // Unsigned arithmetic on |t| keeps Long.MIN_VALUE sane.
        long abs = t < 0 ? -t : t;
        long hours = Long.divideUnsigned(abs, 3_600_000_000_000L);
        long rest = Long.remainderUnsigned(abs, 3_600_000_000_000L);
        long minutes = rest / 60_000_000_000L;
        rest -= minutes * 60_000_000_000L;
        long seconds = rest / 1_000_000_000L;
        rest -= seconds * 1_000_000_000L;
        int micros = (int) (rest / 1000);
        TidbTime.pad(sb, hours, 2).append(':');
        TidbTime.pad(sb, minutes, 2).append(':');
        TidbTime.pad(sb, seconds, 2);
        if (fsp > 0) {
            sb.append('.');
            TidbTime.appendFraction(sb, micros, fsp);
        }
        return sb.toString();
    }
}
