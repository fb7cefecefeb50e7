package io.tidbbinlog.sim.workload;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.random.RandomGenerator;

/**
 * DATE, DATETIME(fsp), TIMESTAMP(fsp) and TIME(fsp) values inside MySQL's supported ranges (the reference database
 * must accept them too), with no fractional digit beyond the column's fsp.
 */
final class TemporalValues {
    /** MySQL's supported DATE / DATETIME range starts at 1000-01-01 and ends at 9999-12-31. */
    static final LocalDate MIN_DATE = LocalDate.of(1000, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    /** TIMESTAMP: '1970-01-01 00:00:01.000000' UTC to '2038-01-19 03:14:07.999999' UTC. */
    static final long MIN_TIMESTAMP_SECOND = 1;
    static final long MAX_TIMESTAMP_SECOND = Integer.MAX_VALUE;
    /** TIME: '-838:59:59.000000' to '838:59:59.000000'. */
    static final long MAX_TIME_MICROS = (838L * 3600 + 59 * 60 + 59) * 1_000_000L;

    private TemporalValues() {
    }

    /** The column's fsp as TiDB keeps it in Decimal (-1 = unspecified = 0). */
    static int fsp(FieldType ft) {
        return ft.decimal() < 0 ? 0 : Math.min(ft.decimal(), 6);
    }

    /** Drops the microsecond digits a column of this fsp cannot hold. */
    static int truncateMicros(int micros, int fsp) {
        int unit = (int) Math.pow(10, 6 - fsp);
        return micros / unit * unit;
    }

    static TidbTime date(RandomGenerator rnd, double edgeProbability) {
        LocalDate d;
        if (rnd.nextDouble() < edgeProbability) {
            LocalDate[] edges = {MIN_DATE, MAX_DATE, LocalDate.of(1970, 1, 1), LocalDate.of(2000, 2, 29),
                    LocalDate.of(2038, 1, 19)};
            d = edges[rnd.nextInt(edges.length)];
        } else {
            d = LocalDate.ofEpochDay(rnd.nextLong(MIN_DATE.toEpochDay(), MAX_DATE.toEpochDay() + 1));
        }
        return TidbTime.of(d.atStartOfDay(), MysqlType.DATE, 0);
    }

    static TidbTime datetime(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        int fsp = fsp(ft);
        LocalDateTime t;
        if (rnd.nextDouble() < edgeProbability) {
            LocalDateTime[] edges = {MIN_DATE.atStartOfDay(), MAX_DATE.atTime(LocalTime.MAX),
                    LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.of(2000, 2, 29, 23, 59, 59, 999_999_000)};
            t = edges[rnd.nextInt(edges.length)];
        } else {
            LocalDate d = LocalDate.ofEpochDay(rnd.nextLong(MIN_DATE.toEpochDay(), MAX_DATE.toEpochDay() + 1));
            t = d.atTime(LocalTime.ofNanoOfDay(rnd.nextLong(86_400_000_000L) * 1000));
        }
        return withMicros(t, truncateMicros(t.getNano() / 1000, fsp), MysqlType.DATETIME, fsp);
    }

    /**
     * A TIMESTAMP as the model holds it: UTC, as TiDB stores it. The instant's wall clock in {@code sessionZone} is
     * neither in a DST gap nor in a DST overlap, so a session writing it as local text means exactly this instant.
     */
    static TidbTime timestamp(FieldType ft, ZoneId sessionZone, RandomGenerator rnd, double edgeProbability) {
        int fsp = fsp(ft);
        ZoneRules rules = sessionZone.getRules();
        for (int attempt = 0; ; attempt++) {
            long second;
            int micros;
            if (attempt == 0 && rnd.nextDouble() < edgeProbability) {
                boolean low = rnd.nextBoolean();
                second = low ? MIN_TIMESTAMP_SECOND : MAX_TIMESTAMP_SECOND;
                micros = low ? 0 : 999_999;
            } else {
                second = rnd.nextLong(MIN_TIMESTAMP_SECOND, MAX_TIMESTAMP_SECOND + 1);
                micros = rnd.nextInt(1_000_000);
            }
            Instant instant = Instant.ofEpochSecond(second);
            LocalDateTime local = LocalDateTime.ofInstant(instant, sessionZone);
            if (rules.getValidOffsets(local).size() != 1 && attempt < 64) {
                continue;
            }
            LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            return withMicros(utc, truncateMicros(micros, fsp), MysqlType.TIMESTAMP, fsp);
        }
    }

    static Duration time(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        int fsp = fsp(ft);
        long micros;
        if (rnd.nextDouble() < edgeProbability) {
            long[] edges = {0, MAX_TIME_MICROS, -MAX_TIME_MICROS, 86_400_000_000L, -1_000_000, 1};
            micros = edges[rnd.nextInt(edges.length)];
        } else if (rnd.nextBoolean()) {
            // Within one day, as most TIME values are.
            micros = rnd.nextLong(86_400_000_000L);
        } else {
            micros = rnd.nextLong(-MAX_TIME_MICROS, MAX_TIME_MICROS + 1);
        }
        long unit = (long) Math.pow(10, 6 - fsp);
        micros = micros / unit * unit; // toward zero, so the magnitude never grows past the limit
        return Duration.ofNanos(micros * 1000);
    }

    private static TidbTime withMicros(LocalDateTime t, int micros, int type, int fsp) {
        return new TidbTime(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
                t.getSecond(), micros, type, fsp);
    }
}
