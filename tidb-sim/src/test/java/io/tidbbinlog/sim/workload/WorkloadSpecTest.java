package io.tidbbinlog.sim.workload;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadSpecTest {
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"));

    private static WorkloadSpec spec(int sessions, int minRows, int maxRows, double abort, int largeEvery,
                                     int largeMb, List<ZoneId> zones) {
        return new WorkloadSpec(1, sessions, 0, minRows, maxRows, StatementMix.defaults(), 0.3, 10, abort,
                largeEvery, largeMb, Duration.ofMinutes(1), 0, zones);
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> spec(0, 5, 2, 1.5, 3, 0, ZONES));
        String m = e.getMessage();
        assertTrue(m.contains("sessions must be at least 1, was 0"), m);
        assertTrue(m.contains("maxRowsPerTxn (2) must not be below minRowsPerTxn (5)"), m);
        assertTrue(m.contains("abortProbability must be within [0, 1], was 1.5"), m);
        assertTrue(m.contains("largeTxnMegabytes must be at least 1"), m);
        e = assertThrows(IllegalArgumentException.class, () -> spec(1, 1, 1, 0, 0, 0, List.of()));
        assertTrue(e.getMessage().contains("time zone"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WorkloadSpec(1, 1, Double.NaN, 1, 1,
                StatementMix.defaults(), 0, 0, 0, 0, 0, Duration.ZERO, -1, ZONES));
        assertTrue(e.getMessage().contains("txnPerSecond") && e.getMessage().contains("duration")
                && e.getMessage().contains("txnCount"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StatementMix(0, 1, 1, 1));
        assertTrue(e.getMessage().contains("insert"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StatementMix(1, -1, 1, 1));
        assertTrue(e.getMessage().contains("update=-1"), e.getMessage());
    }

    @Test
    void sessionsGetZonesRoundRobinAndTheirOwnReproducibleRandomStreams() {
        WorkloadSpec s = spec(3, 1, 1, 0, 0, 0, ZONES);
        assertEquals(ZoneId.of("UTC"), s.zoneOf(0));
        assertEquals(ZoneId.of("Asia/Shanghai"), s.zoneOf(1));
        assertEquals(ZoneId.of("UTC"), s.zoneOf(2));
        assertThrows(IllegalArgumentException.class, () -> s.zoneOf(3));
        long[] a = draw(s.random(1, WorkloadSpec.Stream.VALUES));
        assertArrayEquals(a, draw(s.random(1, WorkloadSpec.Stream.VALUES)));
        assertFalse(java.util.Arrays.equals(a, draw(s.random(2, WorkloadSpec.Stream.VALUES))));
        assertFalse(java.util.Arrays.equals(a, draw(s.random(1, WorkloadSpec.Stream.PLAN))));
        WorkloadSpec otherSeed = new WorkloadSpec(2, 3, 0, 1, 1, StatementMix.defaults(), 0.3, 10, 0, 0, 0, null, 0,
                ZONES);
        assertFalse(java.util.Arrays.equals(a, draw(otherSeed.random(1, WorkloadSpec.Stream.VALUES))));
    }

    @Test
    void ddlIsDueAfterEveryNthTransaction() {
        WorkloadSpec s = spec(1, 1, 1, 0, 0, 0, ZONES);
        assertEquals(List.of(10L, 20L, 30L),
                LongStream.rangeClosed(0, 35).filter(s::ddlDueAfter).boxed().toList());
    }

    private static long[] draw(SplittableRandom r) {
        return LongStream.range(0, 8).map(i -> r.nextLong()).toArray();
    }
}
