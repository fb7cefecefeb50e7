package io.tidbbinlog.pump.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Byte sizes as Pump's {@code stop-write-at-available-space} takes them (binlog:pump/storage/util.go
 * {@code HumanizeBytes}, which uses go-humanize {@code ParseBytes}): a number (commas and a fraction allowed),
 * optional blanks, then an optional case-insensitive unit. SI units are powers of 1000 ({@code 42 MB} =
 * 42000000), IEC units powers of 1024 ({@code 42 mib} = 44040192); a bare number is bytes. The empty text is 0.
 */
public final class HumanizedBytes {

    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("kib", 1L << 10), Map.entry("ki", 1L << 10),
            Map.entry("kb", 1_000L), Map.entry("k", 1_000L),
            Map.entry("mib", 1L << 20), Map.entry("mi", 1L << 20),
            Map.entry("mb", 1_000_000L), Map.entry("m", 1_000_000L),
            Map.entry("gib", 1L << 30), Map.entry("gi", 1L << 30),
            Map.entry("gb", 1_000_000_000L), Map.entry("g", 1_000_000_000L),
            Map.entry("tib", 1L << 40), Map.entry("ti", 1L << 40),
            Map.entry("tb", 1_000_000_000_000L), Map.entry("t", 1_000_000_000_000L),
            Map.entry("pib", 1L << 50), Map.entry("pi", 1L << 50),
            Map.entry("pb", 1_000_000_000_000_000L), Map.entry("p", 1_000_000_000_000_000L),
            Map.entry("eib", 1L << 60), Map.entry("ei", 1L << 60),
            Map.entry("eb", 1_000_000_000_000_000_000L), Map.entry("e", 1_000_000_000_000_000_000L));

    private HumanizedBytes() {
    }

    /** @throws IllegalArgumentException naming the text when it is not a size or does not fit a signed long */
    public static long parse(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int end = 0;
        while (end < text.length()
                && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.' || text.charAt(end) == ',')) {
            end++;
        }
        String number = text.substring(0, end).replace(",", "");
        String unit = text.substring(end).strip().toLowerCase(Locale.ROOT);
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": no number at its start");
        }
        Long multiplier = UNITS.get(unit);
        if (multiplier == null) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": unknown unit \"" + unit + "\"");
        }
        BigDecimal bytes = value.multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": too large");
        }
        return bytes.longValue(); // fraction of a byte dropped, as Go's float-to-integer conversion does
    }
}
