package io.tidbbinlog.pump.config;

import java.time.Duration;

/**
 * Pump's {@code gc} setting (binlog:pkg/util/duration.go {@code Duration.ParseDuration}): an unsigned integer is a
 * number of days; anything else must be a Go duration such as {@code 8h} or {@code 30m} (hours are the largest
 * unit). The retention must be positive (binlog:pump/config.go {@code validate}).
 */
public final class GcRetention {

    private GcRetention() {
    }

    /** @throws IllegalArgumentException naming the value when it is not a positive retention */
    public static Duration parse(String text) {
        Duration retention;
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            try {
                retention = Duration.ofDays(Long.parseLong(text));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("invalid gc \"" + text + "\": too large");
            }
        } else {
            try {
                retention = GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid gc \"" + text + "\": " + e.getMessage()
                        + "; use 7 for 7 days, 7h for 7 hours");
            }
        }
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("invalid gc \"" + text + "\": must be greater than 0");
        }
        return retention;
    }
}
