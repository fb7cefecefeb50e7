package io.tidbbinlog.schema;

/** State of a DDL job ({@code model.JobState}); codes are TiDB's (pkg/meta/model/job.go). */
public enum JobState {
    NONE(0),
    RUNNING(1),
    ROLLINGBACK(2),
    ROLLBACK_DONE(3),
    DONE(4),
    CANCELLED(5),
    SYNCED(6),
    CANCELLING(7),
    QUEUEING(8),
    PAUSED(9),
    PAUSING(10),
    /** A code this build does not know (a newer TiDB). */
    UNKNOWN(-1);

    private final int code;

    JobState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static JobState of(int code) {
        for (JobState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNKNOWN;
    }

    /** Done or synced: the job's schema change took effect, so drainer applies it. */
    public boolean tookEffect() {
        return this == DONE || this == SYNCED;
    }
}
