package io.tidbbinlog.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TsoTest {

    /** maxCommitTS of pingcap/tidb-binlog docs/binlog_http_api.md; split by hand: 412518831548007863 = 1573634458725 * 2^18 + 1463. */
    @Test
    void splitsTidbBinlogsDocumentedTimestamp() {
        long ts = 412518831548007863L;
        assertEquals(1573634458725L, Tso.physical(ts));
        assertEquals(1463, Tso.logical(ts));
        assertEquals(Instant.parse("2019-11-13T08:40:58.725Z"), Tso.toInstant(ts));
        assertEquals(ts, Tso.compose(1573634458725L, 1463));
    }

    @Test
    void composesEighteenLogicalBits() {
        assertEquals(262_144_005L, Tso.compose(1000, 5));          // 1000 * 2^18 + 5
        assertEquals(262_144L + 262_143L, Tso.compose(1, Tso.MAX_LOGICAL));
        assertThrows(IllegalArgumentException.class, () -> Tso.compose(1, 1 << 18));
        assertThrows(IllegalArgumentException.class, () -> Tso.compose(-1, 0));
    }

    @Test
    void fromMillisHasLogicalZero() {
        long ts = Tso.fromInstant(Instant.parse("2019-11-13T08:40:58.725Z"));
        assertEquals(412518831548007863L - 1463, ts);
        assertEquals(ts, Tso.fromMillis(1573634458725L));
    }

    @Test
    void agoIsTheTsoOfNowMinusTheRetention() {
        Clock clock = Clock.fixed(Instant.parse("2019-11-20T08:40:58.725Z"), ZoneOffset.UTC);
        assertEquals(Tso.fromMillis(1573634458725L), Tso.ago(Duration.ofDays(7), clock));
    }
}
