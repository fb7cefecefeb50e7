package io.tidbbinlog.sim.txn;

import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.sim.catalog.DdlOutcome;

import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * A DDL job that passed the catalog's checks but is not visible yet: what the DDL binlog needs (job id, final
 * schema state, query, and the states at which TiDB writes an extra, earlier DDL binlog for the job), and the two
 * ways to end it. The catalog's {@code PreparedDdl} has this shape; {@link #of} adapts it without a dependency.
 */
public interface PreparedDdlJob {
    /** The DDL binlog's {@code ddl_job_id}. */
    long jobId();

    /** The DDL binlog's {@code ddl_schema_state}: the job's state when it finishes. */
    SchemaState schemaState();

    /**
     * States at which TiDB writes an extra DDL binlog for the job before the final one (DELETE_ONLY for DROP
     * COLUMN: ddl_worker.go {@code writeBinlog}); empty for most DDL.
     */
    List<SchemaState> earlierBinlogStates();

    /** The DDL binlog's {@code ddl_query}. */
    String query();

    /**
     * Publishes the change and records the finished job, whose {@code binlog.FinishedTS} is {@code finishedTs} (the
     * engine passes the DDL binlog transaction's commit_ts).
     */
    DdlOutcome commit(long finishedTs);

    /** Drops the change: the DDL binlog could not be written. */
    void abort();

    static PreparedDdlJob of(long jobId, SchemaState schemaState, List<SchemaState> earlierBinlogStates, String query,
                             LongFunction<DdlOutcome> commit, Runnable abort) {
        Objects.requireNonNull(schemaState, "schemaState");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(abort, "abort");
        List<SchemaState> earlier = List.copyOf(earlierBinlogStates);
        if (jobId <= 0) {
            throw new IllegalArgumentException("a DDL job id is positive: " + jobId);
        }
        return new PreparedDdlJob() {
            @Override
            public long jobId() {
                return jobId;
            }

            @Override
            public SchemaState schemaState() {
                return schemaState;
            }

            @Override
            public List<SchemaState> earlierBinlogStates() {
                return earlier;
            }

            @Override
            public String query() {
                return query;
            }

            @Override
            public DdlOutcome commit(long finishedTs) {
                return commit.apply(finishedTs);
            }

            @Override
            public void abort() {
                abort.run();
            }
        };
    }
}
