package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A DDL job ({@code model.Job}, pkg/meta/model/job.go) as {@code GET /ddl/history} serves it. Codes stay numeric
 * so that a job from a newer TiDB survives a round trip; {@link #action()}, {@link #jobState()} and
 * {@link #schemaStateEnum()} name them.
 *
 * <p>{@code version} is the job format version (1 before TiDB 8.4, 2 after; 0 in old clusters), which decides
 * the shape of {@code raw_args}; it is not a schema version (that is {@code binlog.SchemaVersion}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Job(
        @JsonProperty("id") long id,
        @JsonProperty("type") int type,
        @JsonProperty("schema_id") long schemaId,
        @JsonProperty("table_id") long tableId,
        @JsonProperty("schema_name") String schemaName,
        @JsonProperty("table_name") String tableName,
        @JsonProperty("state") int state,
        @JsonProperty("warning") JsonNode warning,
        @JsonProperty("err") JsonNode error,
        @JsonProperty("err_count") long errorCount,
        @JsonProperty("row_count") long rowCount,
        @JsonProperty("raw_args") JsonNode rawArgs,
        @JsonProperty("schema_state") int schemaState,
        @JsonProperty("snapshot_ver") long snapshotVersion,
        @JsonProperty("real_start_ts") long realStartTs,
        @JsonProperty("start_ts") long startTs,
        @JsonProperty("dependency_id") long dependencyId,
        @JsonProperty("query") String query,
        @JsonProperty("binlog") HistoryInfo binlog,
        @JsonProperty("version") long version,
        @JsonProperty("reorg_meta") JsonNode reorgMeta,
        @JsonProperty("multi_schema_info") JsonNode multiSchemaInfo,
        @JsonProperty("priority") int priority,
        @JsonProperty("seq_num") long seqNum,
        @JsonProperty("charset") String charset,
        @JsonProperty("collate") String collate,
        @JsonProperty("involving_schema_info") JsonNode involvingSchemaInfo,
        @JsonProperty("admin_operator") int adminOperator,
        @JsonProperty("trace_info") JsonNode traceInfo,
        @JsonProperty("bdr_role") String bdrRole,
        @JsonProperty("cdc_write_source") long cdcWriteSource,
        @JsonProperty("local_mode") boolean localMode,
        @JsonProperty("sql_mode") long sqlMode,
        @JsonProperty("session_vars") JsonNode sessionVars) {

    public Job {
        warning = TidbJson.orNull(warning);
        error = TidbJson.orNull(error);
        rawArgs = TidbJson.orNull(rawArgs);
        reorgMeta = TidbJson.orNull(reorgMeta);
        multiSchemaInfo = TidbJson.orNull(multiSchemaInfo);
        involvingSchemaInfo = TidbJson.orNull(involvingSchemaInfo);
        traceInfo = TidbJson.orNull(traceInfo);
        sessionVars = TidbJson.orNull(sessionVars);
        schemaName = schemaName == null ? "" : schemaName;
        tableName = tableName == null ? "" : tableName;
        query = query == null ? "" : query;
        charset = charset == null ? "" : charset;
        collate = collate == null ? "" : collate;
        bdrRole = bdrRole == null ? "" : bdrRole;
    }

    /** A finished job as TiDB records it in history; for tests and simulators. */
    public static Job finished(long id, ActionType action, long schemaId, long tableId, String schemaName,
                               String tableName, String query, HistoryInfo binlog) {
        return new Job(id, action.code(), schemaId, tableId, schemaName, tableName, JobState.SYNCED.code(), null,
                null, 0, 0, null, SchemaState.PUBLIC.code(), 0, 0, 0, 0, query, binlog, 1, null, null, 0, 0,
                "", "", null, 0, null, "", 0, false, 0, null);
    }

    /** The same job with other {@code raw_args}. */
    public Job withRawArgs(JsonNode args) {
        return new Job(id, type, schemaId, tableId, schemaName, tableName, state, warning, error, errorCount,
                rowCount, args, schemaState, snapshotVersion, realStartTs, startTs, dependencyId, query, binlog,
                version, reorgMeta, multiSchemaInfo, priority, seqNum, charset, collate, involvingSchemaInfo,
                adminOperator, traceInfo, bdrRole, cdcWriteSource, localMode, sqlMode, sessionVars);
    }

    @JsonIgnore
    public ActionType action() {
        return ActionType.of(type);
    }

    @JsonIgnore
    public JobState jobState() {
        return JobState.of(state);
    }

    @JsonIgnore
    public SchemaState schemaStateEnum() {
        return SchemaState.of(schemaState);
    }

    /** The schema version the job produced ({@code binlog.SchemaVersion}), or 0 when it carries none. */
    @JsonIgnore
    public long schemaVersion() {
        return binlog == null ? 0 : binlog.schemaVersion();
    }

    /**
     * Whether a schema history should apply this job: it took effect (done or synced) and it carries the
     * schema version it produced. Cancelled and rolled-back jobs changed nothing.
     */
    @JsonIgnore
    public boolean isApplicable() {
        return jobState().tookEffect() && binlog != null && binlog.schemaVersion() > 0;
    }

    @Override
    public String toString() {
        return "Job{id=" + id + ", " + action().description() + " (" + type + "), schema " + schemaName + "#"
                + schemaId + ", table " + tableName + "#" + tableId + ", state " + jobState() + ", version "
                + schemaVersion() + "}";
    }
}
