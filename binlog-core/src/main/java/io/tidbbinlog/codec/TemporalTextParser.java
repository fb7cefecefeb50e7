package io.tidbbinlog.codec;

import java.time.Duration;

/**
 * Reads back the text TiDB renders temporal values as ({@link TidbTime#toString()}, {@link DurationText}):
 * {@code 2006-01-02}, {@code 2006-01-02 15:04:05[.ffffff]} (zero dates included) and
 * {@code [-]hhh:mm:ss[.fffffffff]}. Drainer's formats and TiDB's default values carry these texts.
 */
public final class TemporalTextParser {
    private TemporalTextParser() {
    }

    /** A DATE/DATETIME/TIMESTAMP text; {@code fsp} < 0 takes the precision from the fractional digits. */
    public static TidbTime parseTime(String text, int type, int fsp) {
        try {
            String s = text.trim();
            int year = Integer.parseInt(s.substring(0, 4));
            int month = Integer.parseInt(s.substring(5, 7));
            int day = Integer.parseInt(s.substring(8, 10));
            if (s.length() == 10) {
                return new TidbTime(year, month, day, 0, 0, 0, 0, type, Math.max(fsp, 0));
            }
            int hour = Integer.parseInt(s.substring(11, 13));
            int minute = Integer.parseInt(s.substring(14, 16));
            int second = Integer.parseInt(s.substring(17, 19));
            int micro = 0;
            int digits = 0;
            if (s.length() > 19) {
                if (s.charAt(19) != '.') {
                    throw new IllegalArgumentException("unexpected character after seconds");
                }
                String frac = s.substring(20);
                digits = frac.length();
                if (digits == 0 || digits > 6) {
                    throw new IllegalArgumentException("fractional seconds must have 1 to 6 digits");
                }
                micro = Integer.parseInt((frac + "000000").substring(0, 6));
            }
            return new TidbTime(year, month, day, hour, minute, second, micro, type, fsp < 0 ? digits : fsp);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a TiDB date/time text: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    public static Duration parseDuration(String text) {
        try {
            String s = text.trim();
            boolean negative = s.startsWith("-");
            if (negative) {
                s = s.substring(1);
            }
            int c1 = s.indexOf(':');
            int c2 = s.indexOf(':', c1 + 1);
            long hours = Long.parseLong(s.substring(0, c1));
            long minutes = Long.parseLong(s.substring(c1 + 1, c2));
            String secPart = s.substring(c2 + 1);
            long nanos = 0;
            int dot = secPart.indexOf('.');
            long seconds;
            if (dot >= 0) {
                seconds = Long.parseLong(secPart.substring(0, dot));
                String frac = (secPart.substring(dot + 1) + "000000000").substring(0, 9);
                nanos = Long.parseLong(frac);
            } else {
                seconds = Long.parseLong(secPart);
            }
            Duration d = Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusNanos(nanos);
            return negative ? d.negated() : d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a TiDB time text: '" + text + "'", e);
        }
    }
}
