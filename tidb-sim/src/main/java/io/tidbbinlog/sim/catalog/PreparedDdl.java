package io.tidbbinlog.sim.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.JobState;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;

import java.util.List;

/**
 * A DDL that passed TiDB's checks and holds its job id and schema version, but is not visible yet. The transaction
 * engine writes the DDL prewrite binlog with {@link #jobId()} / {@link #schemaState()} / {@link #query()}, then
 * either {@link #commit(long)}s it with the commit ts (publishing the change and its history job) or
 * {@link #abort()}s it (nothing changes; the ids it took stay used, as in TiDB). Until one of them is called no
 * other DDL can be prepared. Readers keep seeing the previous schema until commit.
 */
public final class PreparedDdl {
    /** What the finished job will carry, short of its finished ts. */
    record Draft(long jobId, ActionType action, long schemaId, long tableId, String schemaName, String tableName,
                 SchemaState schemaState, long schemaVersion, DBInfo dbInfo, TableInfo tableInfo, String query,
                 JsonNode rawArgs, long startTs) {
    }

    private final Catalog catalog;
    private final Catalog.Schemas after;
    private final Draft draft;
    private boolean finished;

    PreparedDdl(Catalog catalog, Catalog.Schemas after, Draft draft) {
        this.catalog = catalog;
        this.after = after;
        this.draft = draft;
    }

    /** The DDL job id: the DDL binlog's {@code ddl_job_id}. */
    public long jobId() {
        return draft.jobId();
    }

    public ActionType action() {
        return draft.action();
    }

    /** The schema version the DDL produces. */
    public long schemaVersion() {
        return draft.schemaVersion();
    }

    /** The job's final schema state: the DDL binlog's {@code ddl_schema_state}. */
    public SchemaState schemaState() {
        return draft.schemaState();
    }

    /**
     * States in which TiDB writes an extra DDL binlog for this job, with the same job id and query, before the
     * final one: DELETE_ONLY for DROP COLUMN, because from that state on DML binlogs no longer carry the column
     * (pkg/ddl/ddl_worker.go {@code writeBinlog}); drainer forwards it as a delete-only DDL. Empty for others.
     */
    public List<SchemaState> earlierBinlogStates() {
        return draft.action() == ActionType.DROP_COLUMN ? List.of(SchemaState.DELETE_ONLY) : List.of();
    }

    /** The statement text: the DDL binlog's {@code ddl_query}. */
    public String query() {
        return draft.query();
    }

    /** The table as the DDL leaves it (the new table for TRUNCATE), or null for database DDL. */
    public TableInfo tableInfo() {
        return draft.tableInfo();
    }

    /**
     * Publishes the change and records the job in the DDL history as synced, with {@code finishedTs} as its
     * {@code binlog.FinishedTS}. TiDB sets that to the start ts of the meta transaction that moves the finished
     * job to the history, which runs after the transaction that wrote the DDL binlog (pkg/ddl job_worker.go
     * {@code finishDDLJob}); so pass a TSO taken at or after the DDL binlog's commit ts.
     */
    public synchronized DdlOutcome commit(long finishedTs) {
        if (finished) {
            throw new IllegalStateException("DDL job " + draft.jobId() + " was already committed or aborted");
        }
        if (finishedTs < draft.startTs()) {
            throw new IllegalArgumentException("DDL job " + draft.jobId() + ": finished ts " + finishedTs
                    + " is before its start ts " + draft.startTs());
        }
        finished = true;
        HistoryInfo binlog = new HistoryInfo(draft.schemaVersion(), draft.dbInfo(), draft.tableInfo(), finishedTs,
                List.of());
        Job job = catalog.publish(after, draft, binlog);
        return new DdlOutcome(job, draft.query());
    }

    /** Drops the change; the catalog is as before and the next DDL may be prepared. */
    public synchronized void abort() {
        if (finished) {
            throw new IllegalStateException("DDL job " + draft.jobId() + " was already committed or aborted");
        }
        finished = true;
        catalog.release();
    }

    static Job job(Draft d, HistoryInfo binlog, long seqNum) {
        return new Job(d.jobId(), d.action().code(), d.schemaId(), d.tableId(), d.schemaName(), d.tableName(),
                JobState.SYNCED.code(), null, null, 0, 0, d.rawArgs(), d.schemaState().code(), 0, d.startTs(),
                d.startTs(), 0, d.query(), binlog, 1, null, null, 0, seqNum, "", "", null, 0, null, "", 0, false, 0,
                null);
    }
}
