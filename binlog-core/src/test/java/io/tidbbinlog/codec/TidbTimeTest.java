package io.tidbbinlog.codec;

import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TidbTimeTest {

    // Packed values computed by hand from ToPackedUint's formula in pkg/types/time.go:
    // ((((year*13+month)<<5 | day) << 17 | (hour<<12 | minute<<6 | second)) << 24) | microsecond
    @Test
    void packsLikeToPackedUint() {
        TidbTime t = new TidbTime(2006, 1, 2, 15, 4, 5, 6, MysqlType.DATETIME, 6);
        assertEquals(0x1977c4f105000006L, t.toPacked());
        assertEquals(1835151912626814982L, t.toPacked());
        assertEquals(t, TidbTime.fromPacked(1835151912626814982L, MysqlType.DATETIME, 6));
        assertEquals(1847882667971789375L,
                new TidbTime(2019, 12, 31, 23, 59, 59, 999999, MysqlType.DATETIME, 6).toPacked());
        assertEquals(1802216106157408256L, new TidbTime(1970, 1, 1, 0, 0, 0, 0, MysqlType.DATE, 0).toPacked());
        assertEquals(0L, TidbTime.zero(MysqlType.DATETIME, 0).toPacked());
        assertTrue(TidbTime.fromPacked(0, MysqlType.TIMESTAMP, 0).isZero());
    }

    @Test
    void rendersLikeTidbTimeString() {
        assertEquals("2006-01-02 15:04:05.000006",
                new TidbTime(2006, 1, 2, 15, 4, 5, 6, MysqlType.DATETIME, 6).toString());
        assertEquals("2006-01-02 15:04:05.123",
                new TidbTime(2006, 1, 2, 15, 4, 5, 123456, MysqlType.TIMESTAMP, 3).toString(), "truncated to fsp");
        assertEquals("2006-01-02 15:04:05",
                new TidbTime(2006, 1, 2, 15, 4, 5, 999999, MysqlType.DATETIME, 0).toString());
        assertEquals("2006-01-02", new TidbTime(2006, 1, 2, 0, 0, 0, 0, MysqlType.DATE, 0).toString());
        assertEquals("0000-00-00 00:00:00", TidbTime.zero(MysqlType.DATETIME, 0).toString());
        assertEquals("0000-00-00", TidbTime.zero(MysqlType.DATE, 0).toString());
        assertEquals("0001-02-00 00:00:00.00", new TidbTime(1, 2, 0, 0, 0, 0, 0, MysqlType.DATETIME, 2).toString());
    }

    @Test
    void rejectsPackedValuesNoTidbTimeCanHave() {
        assertThrows(CodecException.class, () -> TidbTime.fromPacked(0xffffffffffffffffL, MysqlType.DATETIME, 0));
        long badMicro = new TidbTime(2000, 1, 1, 0, 0, 0, 0, MysqlType.DATETIME, 0).toPacked() | 0xffffff;
        assertThrows(CodecException.class, () -> TidbTime.fromPacked(badMicro, MysqlType.DATETIME, 0));
    }

    @Test
    void convertsTimestampsBetweenUtcAndAZone() {
        TidbTime utc = new TidbTime(2021, 1, 1, 0, 30, 0, 5, MysqlType.TIMESTAMP, 6);
        TidbTime shanghai = utc.convertZone(ZoneOffset.UTC, ZoneId.of("Asia/Shanghai"));
        assertEquals("2021-01-01 08:30:00.000005", shanghai.toString());
        assertEquals(utc, shanghai.convertZone(ZoneId.of("Asia/Shanghai"), ZoneOffset.UTC));
        TidbTime zero = TidbTime.zero(MysqlType.TIMESTAMP, 0);
        assertSame(zero, zero.convertZone(ZoneOffset.UTC, ZoneId.of("Asia/Shanghai")));
        assertThrows(CodecException.class, () -> new TidbTime(2021, 0, 1, 0, 0, 0, 0, MysqlType.TIMESTAMP, 0)
                .convertZone(ZoneOffset.UTC, ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void coreTimeBitsRoundTrip() {
        TidbTime t = new TidbTime(9999, 12, 31, 23, 59, 59, 999999, MysqlType.DATETIME, 6);
        assertEquals(t, TidbTime.fromCoreTime(t.toCoreTime(), MysqlType.DATETIME, 6));
    }

    @Test
    void randomTimesRoundTripThroughPackedForm() {
        Random rnd = new Random(3);
        for (int i = 0; i < 5000; i++) {
            TidbTime t = new TidbTime(rnd.nextInt(10000), rnd.nextInt(13), rnd.nextInt(32), rnd.nextInt(24),
                    rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000), MysqlType.DATETIME, rnd.nextInt(7));
            assertEquals(t, TidbTime.fromPacked(t.toPacked(), MysqlType.DATETIME, t.fsp()));
        }
    }

    // types.Duration.String(): sign, %02d hours, minutes, seconds, fsp digits of %06d microseconds.
    @Test
    void rendersDurationsLikeTidb() {
        Duration max = Duration.ofHours(838).plusMinutes(59).plusSeconds(59);
        assertEquals("-838:59:59.000000", DurationText.format(max.negated(), 6));
        assertEquals("838:59:59", DurationText.format(max, 0));
        assertEquals("00:00:00", DurationText.format(Duration.ZERO, 0));
        assertEquals("01:02:03.45", DurationText.format(Duration.ofNanos(3_723_456_789_000L), 2));
        assertEquals("-00:00:00.000001", DurationText.format(Duration.ofNanos(-1_000), 6));
        assertEquals("100:00:00.0", DurationText.format(Duration.ofHours(100), 1));
    }
}
