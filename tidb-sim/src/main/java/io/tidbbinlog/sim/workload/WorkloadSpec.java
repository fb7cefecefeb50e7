package io.tidbbinlog.sim.workload;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The workload's knobs, as the CLI exposes them. Every random choice of a run derives from {@link #seed()} and the
 * session index, so a run is reproducible.
 *
 * @param seed                  the run's seed
 * @param sessions              concurrent sessions (connections), >= 1
 * @param txnPerSecond          target committed transactions per second over all sessions; 0 = as fast as possible
 * @param minRowsPerTxn         fewest row statements in a transaction, >= 1
 * @param maxRowsPerTxn         most row statements in a transaction, >= minRowsPerTxn
 * @param mix                   statement kind weights
 * @param multiTableProbability chance that a transaction spans several tables
 * @param ddlEveryTxns          run one DDL after every this many transactions (over all sessions); 0 = never
 * @param abortProbability      chance that a transaction is aborted by an injected fault after prewrite
 * @param largeTxnEveryTxns     every this many transactions of a session is a large one; 0 = never
 * @param largeTxnMegabytes     size of a large transaction's row data in MiB, >= 1 when large transactions are on
 * @param duration              how long to run; null = no time limit
 * @param txnCount              how many transactions to run over all sessions; 0 = no count limit (with no duration
 *                              either, the run goes on until stopped)
 * @param sessionZones          session time zones, assigned to sessions round robin; not empty
 */
public record WorkloadSpec(long seed, int sessions, double txnPerSecond, int minRowsPerTxn, int maxRowsPerTxn,
                           StatementMix mix, double multiTableProbability, int ddlEveryTxns, double abortProbability,
                           int largeTxnEveryTxns, int largeTxnMegabytes, Duration duration, long txnCount,
                           List<ZoneId> sessionZones) {

    /** Streams of random numbers a session uses, kept apart so adding a draw to one never shifts another. */
    public enum Stream { PLAN, VALUES, DDL }

    public WorkloadSpec {
        List<String> problems = new ArrayList<>();
        if (sessions < 1) {
            problems.add("sessions must be at least 1, was " + sessions);
        }
        if (!(txnPerSecond >= 0) || Double.isInfinite(txnPerSecond)) {
            problems.add("txnPerSecond must be 0 (unlimited) or a positive finite rate, was " + txnPerSecond);
        }
        if (minRowsPerTxn < 1) {
            problems.add("minRowsPerTxn must be at least 1, was " + minRowsPerTxn);
        }
        if (maxRowsPerTxn < minRowsPerTxn) {
            problems.add("maxRowsPerTxn (" + maxRowsPerTxn + ") must not be below minRowsPerTxn (" + minRowsPerTxn
                    + ")");
        }
        if (mix == null) {
            problems.add("statement mix is missing");
        }
        if (!(multiTableProbability >= 0 && multiTableProbability <= 1)) {
            problems.add("multiTableProbability must be within [0, 1], was " + multiTableProbability);
        }
        if (ddlEveryTxns < 0) {
            problems.add("ddlEveryTxns must be 0 (no DDL) or positive, was " + ddlEveryTxns);
        }
        if (!(abortProbability >= 0 && abortProbability <= 1)) {
            problems.add("abortProbability must be within [0, 1], was " + abortProbability);
        }
        if (largeTxnEveryTxns < 0) {
            problems.add("largeTxnEveryTxns must be 0 (no large transactions) or positive, was " + largeTxnEveryTxns);
        }
        if (largeTxnEveryTxns > 0 && largeTxnMegabytes < 1) {
            problems.add("largeTxnMegabytes must be at least 1 when large transactions are on, was "
                    + largeTxnMegabytes);
        }
        if (largeTxnMegabytes < 0 || largeTxnMegabytes > 10_240) {
            problems.add("largeTxnMegabytes must be within 0..10240 (10 GiB bounds the memory one planned transaction can ask for), was "
                    + largeTxnMegabytes);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            problems.add("duration must be positive when given, was " + duration);
        }
        if (txnCount < 0) {
            problems.add("txnCount must be 0 (no limit) or positive, was " + txnCount);
        }
        if (sessionZones == null || sessionZones.isEmpty()) {
            problems.add("at least one session time zone is needed");
        } else if (sessionZones.stream().anyMatch(Objects::isNull)) {
            problems.add("session time zones must not contain null");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid workload spec: " + String.join("; ", problems));
        }
        sessionZones = List.copyOf(sessionZones);
    }

    /**
     * One session, 1..5 rows per transaction, the default mix, 30% multi-table, a DDL every 50 transactions, 1%
     * aborts, no large transactions, 1000 transactions, sessions in UTC, Asia/Shanghai and America/New_York.
     */
    public static WorkloadSpec defaults(long seed) {
        return new WorkloadSpec(seed, 1, 0, 1, 5, StatementMix.defaults(), 0.3, 50, 0.01, 0, 0, null, 1000,
                List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Shanghai"), ZoneId.of("America/New_York")));
    }

    /** The time zone of session {@code session} (round robin over {@link #sessionZones()}). */
    public ZoneId zoneOf(int session) {
        checkSession(session);
        return sessionZones.get(session % sessionZones.size());
    }

    /** Whether a DDL is due after the {@code committedTxns}-th transaction of the run (1-based). */
    public boolean ddlDueAfter(long committedTxns) {
        return ddlEveryTxns > 0 && committedTxns > 0 && committedTxns % ddlEveryTxns == 0;
    }

    /** A fresh random source for one session's stream; the same (seed, session, stream) gives the same numbers. */
    public SplittableRandom random(int session, Stream stream) {
        checkSession(session);
        long s = mix64(seed ^ mix64(0x632BE59BD9B4E019L * (session + 1L)) ^ mix64((stream.ordinal() + 1L) * 0x9E3779B97F4A7C15L));
        return new SplittableRandom(s);
    }

    /** The random source of the run's DDL statements (one stream for the whole run, as DDL is not per session). */
    public SplittableRandom ddlRandom() {
        return random(0, Stream.DDL);
    }

    private void checkSession(int session) {
        if (session < 0 || session >= sessions) {
            throw new IllegalArgumentException("session index " + session + " outside 0.." + (sessions - 1));
        }
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated outputs. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
