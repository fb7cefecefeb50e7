package io.tidbbinlog.sim.cli;

import picocli.CommandLine;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as TiDB's tools write them (Go's {@code time.ParseDuration}): a sequence of decimal numbers with units
 * ns, us/µs, ms, s, m, h, e.g. {@code 15s}, {@code 1m30s}, {@code 1.5h}.
 */
public final class GoDurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new CommandLine.TypeConversionException("empty duration");
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw bad(text);
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw bad(text);
            };
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(unit)));
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** Go's spelling of a duration ({@code 1m30s}, {@code 500ms}), for messages next to the flags that take it. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.toNanos() % 1_000_000_000L != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            sb.append((s % 3600) / 60).append('m');
        }
        if (s % 60 != 0) {
            sb.append(s % 60).append('s');
        }
        return sb.toString();
    }

    private static CommandLine.TypeConversionException bad(String text) {
        return new CommandLine.TypeConversionException("'" + text
                + "' is not a duration: use a number with a unit (ns, us, ms, s, m, h), e.g. 15s, 1m30s, 1.5h");
    }
}
