package io.tidbbinlog.sim.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations spelled as TiDB's configs spell them (Go's time.ParseDuration examples). */
class GoDurationConverterTest {
    @Test
    void readsGoDurations() {
        assertEquals(Duration.ofSeconds(15), GoDurationConverter.parse("15s"));
        assertEquals(Duration.ofMinutes(10), GoDurationConverter.parse("10m"));
        assertEquals(Duration.ofSeconds(90), GoDurationConverter.parse("1m30s"));
        assertEquals(Duration.ofMinutes(90), GoDurationConverter.parse("1.5h"));
        assertEquals(Duration.ofMillis(300), GoDurationConverter.parse("300ms"));
        assertEquals(Duration.ofNanos(2_500), GoDurationConverter.parse("2.5us"));
        assertEquals(Duration.ofHours(2).plusMinutes(45), GoDurationConverter.parse("2h45m"));
        assertEquals(Duration.ZERO, GoDurationConverter.parse("0"));
    }

    @Test
    void refusesWhatGoRefuses() {
        for (String bad : new String[]{"", "15", "s", "1x", "ten", "1..5s", "-"}) {
            assertThrows(CommandLine.TypeConversionException.class, () -> GoDurationConverter.parse(bad), bad);
        }
    }

    @Test
    void writesGoSpelling() {
        assertEquals("15s", GoDurationConverter.format(Duration.ofSeconds(15)));
        assertEquals("1h2m3s", GoDurationConverter.format(Duration.ofSeconds(3723)));
        assertEquals("2m", GoDurationConverter.format(Duration.ofMinutes(2)));
        assertEquals("250ms", GoDurationConverter.format(Duration.ofMillis(250)));
        assertEquals("0s", GoDurationConverter.format(Duration.ZERO));
    }
}
