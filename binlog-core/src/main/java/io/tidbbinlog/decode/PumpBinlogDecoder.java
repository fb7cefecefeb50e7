package io.tidbbinlog.decode;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.codec.CodecException;
import io.tidbbinlog.codec.MutationSequence;
import io.tidbbinlog.codec.SequenceVisitor;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * Turns a completed commit binlog, as Pump's PullBinlogs streams it (commit_ts plus the prewrite value or DDL
 * fields copied in), into a {@link Txn}.
 *
 * <p>Rows decode with the table as of the {@code schema_version} the transaction was written under. Insert
 * images are completed with fill values; update images may lack columns only when the table changed after that
 * version or a DROP COLUMN is in flight, as drainer allows; otherwise a missing column means corrupt data. Delete
 * images keep absent columns absent: each writer decides.
 *
 * <p>TiDB writes a DROP COLUMN's binlog early, at the job's delete-only state ({@code ddl_schema_state} 1), so
 * that consumers expect rows without the column from then on; the job's final binlog follows when it is done.
 * Like drainer, the decoder takes the early binlog as that notice and applies nothing for it.
 */
public final class PumpBinlogDecoder {
    private final SchemaView schema;
    private final LongFunction<DdlDescription> ddlJobs;
    private final TableMetaCache metas = new TableMetaCache();
    private final Set<Long> tablesDroppingColumn = ConcurrentHashMap.newKeySet();

    /**
     * @param schema  the versioned schema history
     * @param ddlJobs looks up the DDL job a DDL binlog names (by job id); may throw if TiDB has not got it
     */
    public PumpBinlogDecoder(SchemaView schema, LongFunction<DdlDescription> ddlJobs) {
        this.schema = schema;
        this.ddlJobs = ddlJobs;
    }

    /** Pump's fake binlogs (start_ts == commit_ts) only carry a watermark; they are not transactions. */
    public static boolean isFake(Binlog b) {
        return b.getStartTs() == b.getCommitTs() && b.getCommitTs() > 0;
    }

    /**
     * The transaction a completed commit binlog carries, or empty for a binlog that changes nothing downstream
     * (a DDL's delete-only notice).
     */
    public Optional<Txn> decode(Binlog binlog) {
        if (binlog.getTp() != BinlogType.Commit) {
            throw new BinlogDecodeException("binlog start_ts " + binlog.getStartTs() + " is a " + binlog.getTp()
                    + " binlog; only completed commit binlogs decode into transactions");
        }
        if (isFake(binlog)) {
            throw new BinlogDecodeException("binlog commit_ts " + binlog.getCommitTs() + " is a fake binlog");
        }
        if (binlog.getDdlJobId() > 0) {
            return decodeDdl(binlog);
        }
        PrewriteValue pv;
        try {
            pv = PrewriteValue.parseFrom(binlog.getPrewriteValue());
        } catch (InvalidProtocolBufferException e) {
            throw new BinlogDecodeException("binlog commit_ts " + binlog.getCommitTs()
                    + ": prewrite_value is not a PrewriteValue: " + e.getMessage(), e);
        }
        long version = pv.getSchemaVersion();
        List<RowChange> rows = new ArrayList<>();
        for (TableMutation m : pv.getMutationsList()) {
            decodeMutation(binlog.getCommitTs(), version, m, rows);
        }
        return Optional.of(Txn.dml(binlog.getStartTs(), binlog.getCommitTs(), version, rows));
    }

    private void decodeMutation(long commitTs, long version, TableMutation m, List<RowChange> out) {
        long tableId = m.getTableId();
        TableInfo table = schema.tableAt(tableId, version).orElseThrow(() -> new BinlogDecodeException(
                "binlog commit_ts " + commitTs + ": table id " + tableId + " is unknown at schema version "
                        + version));
        String db = schema.schemaNameAt(tableId, version).orElseThrow(() -> new BinlogDecodeException(
                "binlog commit_ts " + commitTs + ": no database holds table id " + tableId
                        + " at schema version " + version));
        TableRowDecoder rows = metas.decoderFor(db, table);
        boolean mayLackColumns = tablesDroppingColumn.contains(tableId) || schema.changedAfter(tableId, version);
        try {
            MutationSequence.walk(m, rows.label(), new SequenceVisitor() {
                @Override
                public void insert(int index, byte[] row) {
                    out.add(rows.insert(row));
                }

                @Override
                public void update(int index, byte[] row) {
                    out.add(rows.update(row, mayLackColumns));
                }

                @Override
                public void delete(int index, byte[] row) {
                    out.add(rows.delete(row));
                }
            });
        } catch (CodecException e) {
            // The row decoder has put table, row and column on it.
            throw new BinlogDecodeException("binlog commit_ts " + commitTs + ": " + e.getMessage(), e);
        } catch (BinlogDecodeException e) {
            throw new BinlogDecodeException("binlog commit_ts " + commitTs + ", table " + db + "."
                    + table.name().o() + " (#" + tableId + "): " + e.getMessage(), e);
        }
    }

    private Optional<Txn> decodeDdl(Binlog binlog) {
        long jobId = binlog.getDdlJobId();
        DdlDescription job = ddlJobs.apply(jobId);
        if (job == null) {
            throw new BinlogDecodeException("binlog commit_ts " + binlog.getCommitTs() + ": DDL job " + jobId
                    + " is unknown");
        }
        if (binlog.getDdlSchemaState() == SchemaState.DELETE_ONLY.code()) {
            tablesDroppingColumn.add(job.tableId());
            return Optional.empty();
        }
        tablesDroppingColumn.remove(job.tableId());
        String query = binlog.getDdlQuery().toString(StandardCharsets.UTF_8);
        return Optional.of(Txn.ddl(binlog.getStartTs(), binlog.getCommitTs(),
                new DdlChange(job.schemaName(), job.tableName(), query, jobId, job.actionType(), job.schemaVersion())));
    }
}
