package io.tidbbinlog.codec;

import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Texts as TiDB renders them (types.Time.String, types.Duration.String) read back into values. */
class TemporalTextParserTest {
    @Test
    void datesDatetimesAndZeroDates() {
        assertEquals(new TidbTime(2006, 1, 2, 0, 0, 0, 0, MysqlType.DATE, 0),
                TemporalTextParser.parseTime("2006-01-02", MysqlType.DATE, -1));
        assertEquals(new TidbTime(2006, 1, 2, 15, 4, 5, 120000, MysqlType.DATETIME, 2),
                TemporalTextParser.parseTime("2006-01-02 15:04:05.12", MysqlType.DATETIME, -1));
        assertEquals(new TidbTime(0, 0, 0, 0, 0, 0, 0, MysqlType.DATETIME, 0),
                TemporalTextParser.parseTime("0000-00-00 00:00:00", MysqlType.DATETIME, -1));
    }

    @Test
    void aGivenPrecisionWinsOverTheDigitsInTheText() {
        assertEquals(6, TemporalTextParser.parseTime("2006-01-02 15:04:05", MysqlType.DATETIME, 6).fsp());
    }

    @Test
    void renderingAndParsingAgreeForEveryPrecision() {
        for (int fsp = 0; fsp <= 6; fsp++) {
            TidbTime t = new TidbTime(2024, 2, 29, 23, 59, 58, fsp == 0 ? 0 : 654321 - 654321 % (int) Math.pow(10, 6 - fsp),
                    MysqlType.DATETIME, fsp);
            assertEquals(t, TemporalTextParser.parseTime(t.toString(), MysqlType.DATETIME, -1), t.toString());
        }
    }

    @Test
    void durationsIncludingNegativeAndBeyondADay() {
        assertEquals(Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                TemporalTextParser.parseDuration("838:59:59"));
        assertEquals(Duration.ofHours(-1).minusMillis(500), TemporalTextParser.parseDuration("-01:00:00.5"));
        assertEquals(Duration.ofSeconds(-4).minusNanos(120000000L), TemporalTextParser.parseDuration(
                DurationText.format(Duration.ofSeconds(-4).minusNanos(120000000L), 2)));
    }

    @Test
    void garbageIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TemporalTextParser.parseTime("2006/01/02 x", MysqlType.DATETIME, -1));
        assertEquals(true, e.getMessage().contains("2006/01/02 x"));
        assertThrows(IllegalArgumentException.class, () -> TemporalTextParser.parseDuration("12"));
        assertThrows(IllegalArgumentException.class,
                () -> TemporalTextParser.parseTime("2006-01-02 15:04:05.1234567", MysqlType.DATETIME, -1));
    }
}
