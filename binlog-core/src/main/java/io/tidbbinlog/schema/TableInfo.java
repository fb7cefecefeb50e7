package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table as TiDB describes it ({@code model.TableInfo}, pkg/meta/model/table.go), as served by
 * {@code GET /schema/{db}/{table}} and {@code GET /schema?table_id=} and carried in DDL jobs.
 *
 * <p>JSON keys are TiDB's, including its two untagged ones ({@code ShardRowIDBits}, {@code Lock}). Sub-objects
 * no decoder needs (views, sequences, TiFlash replica, locks, placement, ...) are kept as raw JSON so that a
 * table read from TiDB is written back with them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableInfo(
        @JsonProperty("id") long id,
        @JsonProperty("name") CIStr name,
        @JsonProperty("charset") String charset,
        @JsonProperty("collate") String collate,
        @JsonProperty("cols") List<ColumnInfo> columns,
        @JsonProperty("index_info") List<IndexInfo> indices,
        @JsonProperty("constraint_info") JsonNode constraintInfo,
        @JsonProperty("fk_info") JsonNode fkInfo,
        @JsonProperty("state") int state,
        @JsonProperty("pk_is_handle") boolean pkIsHandle,
        @JsonProperty("is_common_handle") boolean isCommonHandle,
        @JsonProperty("common_handle_version") int commonHandleVersion,
        @JsonProperty("comment") String comment,
        @JsonProperty("auto_inc_id") long autoIncId,
        @JsonProperty("auto_id_cache") long autoIdCache,
        @JsonProperty("auto_rand_id") long autoRandId,
        @JsonProperty("max_col_id") long maxColumnId,
        @JsonProperty("max_idx_id") long maxIndexId,
        @JsonProperty("max_fk_id") long maxForeignKeyId,
        @JsonProperty("max_cst_id") long maxConstraintId,
        @JsonProperty("update_timestamp") long updateTimestamp,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("old_schema_id") long oldSchemaId,
        @JsonProperty("ShardRowIDBits") long shardRowIdBits,
        @JsonProperty("max_shard_row_id_bits") long maxShardRowIdBits,
        @JsonProperty("auto_random_bits") long autoRandomBits,
        @JsonProperty("auto_random_range_bits") long autoRandomRangeBits,
        @JsonProperty("pre_split_regions") long preSplitRegions,
        @JsonProperty("partition") PartitionInfo partition,
        @JsonProperty("compression") String compression,
        @JsonProperty("view") JsonNode view,
        @JsonProperty("sequence") JsonNode sequence,
        @JsonProperty("Lock") JsonNode lock,
        @JsonProperty("version") int version,
        @JsonProperty("tiflash_replica") JsonNode tiflashReplica,
        @JsonProperty("is_columnar") boolean isColumnar,
        @JsonProperty("temp_table_type") int tempTableType,
        @JsonProperty("cache_table_status") int cacheTableStatus,
        @JsonProperty("policy_ref_info") JsonNode policyRefInfo,
        @JsonProperty("stats_options") JsonNode statsOptions,
        @JsonProperty("exchange_partition_info") JsonNode exchangePartitionInfo,
        @JsonProperty("ttl_info") JsonNode ttlInfo,
        @JsonProperty("revision") long revision) {

    public TableInfo {
        constraintInfo = TidbJson.orNull(constraintInfo);
        fkInfo = TidbJson.orNull(fkInfo);
        view = TidbJson.orNull(view);
        sequence = TidbJson.orNull(sequence);
        lock = TidbJson.orNull(lock);
        tiflashReplica = TidbJson.orNull(tiflashReplica);
        policyRefInfo = TidbJson.orNull(policyRefInfo);
        statsOptions = TidbJson.orNull(statsOptions);
        exchangePartitionInfo = TidbJson.orNull(exchangePartitionInfo);
        ttlInfo = TidbJson.orNull(ttlInfo);
        if (name == null) {
            throw new IllegalArgumentException("table " + id + " has no name");
        }
        columns = columns == null ? List.of() : List.copyOf(columns);
        indices = indices == null ? List.of() : List.copyOf(indices);
        charset = charset == null ? "" : charset;
        collate = collate == null ? "" : collate;
        comment = comment == null ? "" : comment;
        compression = compression == null ? "" : compression;
    }

    /**
     * A public base table with the given columns and indexes; {@code max_col_id}/{@code max_idx_id} are the
     * largest ids present. For tests and simulators; TiDB's own JSON is parsed, not built.
     */
    public static TableInfo of(long id, String name, List<ColumnInfo> columns, List<IndexInfo> indices,
                               boolean pkIsHandle, boolean isCommonHandle) {
        long maxCol = 0;
        for (ColumnInfo c : columns) {
            maxCol = Math.max(maxCol, c.id());
        }
        long maxIdx = 0;
        for (IndexInfo i : indices) {
            maxIdx = Math.max(maxIdx, i.id());
        }
        return new TableInfo(id, CIStr.of(name), "utf8mb4", "utf8mb4_bin", columns, indices, null, null,
                SchemaState.PUBLIC.code(), pkIsHandle, isCommonHandle, isCommonHandle ? 1 : 0, "", 0, 0, 0,
                maxCol, maxIdx, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, "", null, null, null, 5, null, false, 0, 0,
                null, null, null, null, 0);
    }

    /** This table under another id and name, everything else equal (what TRUNCATE and RENAME produce). */
    public TableInfo withIdAndName(long newId, CIStr newName) {
        return new TableInfo(newId, newName, charset, collate, columns, indices, constraintInfo, fkInfo, state,
                pkIsHandle, isCommonHandle, commonHandleVersion, comment, autoIncId, autoIdCache, autoRandId,
                maxColumnId, maxIndexId, maxForeignKeyId, maxConstraintId, updateTimestamp, oldSchemaId,
                shardRowIdBits, maxShardRowIdBits, autoRandomBits, autoRandomRangeBits, preSplitRegions, partition,
                compression, view, sequence, lock, version, tiflashReplica, isColumnar, tempTableType,
                cacheTableStatus, policyRefInfo, statsOptions, exchangePartitionInfo, ttlInfo, revision);
    }

    /** This table with other columns and indexes; {@code max_col_id}/{@code max_idx_id} never go down. */
    public TableInfo withColumnsAndIndices(List<ColumnInfo> newColumns, List<IndexInfo> newIndices) {
        long maxCol = maxColumnId;
        for (ColumnInfo c : newColumns) {
            maxCol = Math.max(maxCol, c.id());
        }
        long maxIdx = maxIndexId;
        for (IndexInfo i : newIndices) {
            maxIdx = Math.max(maxIdx, i.id());
        }
        return new TableInfo(id, name, charset, collate, newColumns, newIndices, constraintInfo, fkInfo, state,
                pkIsHandle, isCommonHandle, commonHandleVersion, comment, autoIncId, autoIdCache, autoRandId,
                maxCol, maxIdx, maxForeignKeyId, maxConstraintId, updateTimestamp, oldSchemaId,
                shardRowIdBits, maxShardRowIdBits, autoRandomBits, autoRandomRangeBits, preSplitRegions, partition,
                compression, view, sequence, lock, version, tiflashReplica, isColumnar, tempTableType,
                cacheTableStatus, policyRefInfo, statsOptions, exchangePartitionInfo, ttlInfo, revision);
    }

    public TableInfo withPartition(PartitionInfo newPartition) {
        return new TableInfo(id, name, charset, collate, columns, indices, constraintInfo, fkInfo, state,
                pkIsHandle, isCommonHandle, commonHandleVersion, comment, autoIncId, autoIdCache, autoRandId,
                maxColumnId, maxIndexId, maxForeignKeyId, maxConstraintId, updateTimestamp, oldSchemaId,
                shardRowIdBits, maxShardRowIdBits, autoRandomBits, autoRandomRangeBits, preSplitRegions,
                newPartition, compression, view, sequence, lock, version, tiflashReplica, isColumnar,
                tempTableType, cacheTableStatus, policyRefInfo, statsOptions, exchangePartitionInfo, ttlInfo,
                revision);
    }

    @JsonIgnore
    public boolean isPublic() {
        return SchemaState.isPublic(state);
    }

    @JsonIgnore
    public boolean isView() {
        return view != null && !view.isNull();
    }

    @JsonIgnore
    public boolean isSequence() {
        return sequence != null && !sequence.isNull();
    }

    /** Partitioned as TiDB means it: partition info present and enabled ({@code GetPartitionInfo}). */
    @JsonIgnore
    public boolean isPartitioned() {
        return partition != null && partition.enable();
    }

    /** Public columns in TiDB's column order (by offset), like TiDB's {@code Cols()}. */
    @JsonIgnore
    public List<ColumnInfo> publicColumns() {
        List<ColumnInfo> out = new ArrayList<>(columns.size());
        for (ColumnInfo c : columns) {
            if (c.isPublic()) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt(ColumnInfo::offset));
        return out;
    }

    /**
     * Columns whose values TiDB writes into binlog rows: public and not virtual generated (stored generated
     * columns are written). In column order.
     */
    @JsonIgnore
    public List<ColumnInfo> writableColumns() {
        List<ColumnInfo> out = publicColumns();
        out.removeIf(ColumnInfo::isVirtualGenerated);
        return out;
    }

    /**
     * Columns a SQL writer sets downstream: public and not generated at all, as drainer's translator
     * ({@code writableColumns} in drainer/translator) chooses them; the downstream computes generated columns.
     */
    @JsonIgnore
    public List<ColumnInfo> nonGeneratedColumns() {
        List<ColumnInfo> out = publicColumns();
        out.removeIf(ColumnInfo::isGenerated);
        return out;
    }

    /** The column with this id in any state (mid-DDL rows may carry non-public columns), or empty. */
    public Optional<ColumnInfo> columnById(long columnId) {
        for (ColumnInfo c : columns) {
            if (c.id() == columnId) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The column at this offset of {@code cols}, or empty. */
    public Optional<ColumnInfo> columnAtOffset(int offset) {
        if (offset >= 0 && offset < columns.size() && columns.get(offset).offset() == offset) {
            return Optional.of(columns.get(offset));
        }
        for (ColumnInfo c : columns) {
            if (c.offset() == offset) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The column with this name (case-insensitive, any state), or empty. */
    public Optional<ColumnInfo> columnByName(String columnName) {
        for (ColumnInfo c : columns) {
            if (c.name().l().equalsIgnoreCase(columnName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @JsonIgnore
    public HandleKind handleKind() {
        if (pkIsHandle) {
            return HandleKind.INT_PRIMARY_KEY;
        }
        if (isCommonHandle) {
            return HandleKind.COMMON;
        }
        return HandleKind.ROW_ID;
    }

    /**
     * For {@code pk_is_handle} tables, the integer primary key column (the one with the PRI_KEY flag), as
     * TiDB's {@code GetPkColInfo} finds it. Empty for other tables.
     */
    @JsonIgnore
    public Optional<ColumnInfo> pkHandleColumn() {
        if (!pkIsHandle) {
            return Optional.empty();
        }
        for (ColumnInfo c : columns) {
            if (c.isPrimaryKeyFlagged()) {
                return Optional.of(c);
            }
        }
        throw new IllegalStateException("table " + name + " (id " + id
                + ") has pk_is_handle but no column with the PRI_KEY flag");
    }

    /** The index with {@code is_primary}, if the table has one (never for {@code pk_is_handle} tables). */
    @JsonIgnore
    public Optional<IndexInfo> primaryIndex() {
        for (IndexInfo i : indices) {
            if (i.primary()) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * For clustered (common handle) tables, the PRIMARY index's columns in key order, each with its offset in
     * {@code cols} and prefix length; these are the datums of the handle. Empty for other tables.
     */
    @JsonIgnore
    public List<IndexColumn> commonHandleColumns() {
        if (!isCommonHandle) {
            return List.of();
        }
        return primaryIndex().map(IndexInfo::columns).orElseThrow(() -> new IllegalStateException(
                "table " + name + " (id " + id + ") has is_common_handle but no primary index"));
    }

    /** Number of handle datums that lead each inserted row: the common handle's columns, else one. */
    @JsonIgnore
    public int handleDatumCount() {
        return isCommonHandle ? commonHandleColumns().size() : 1;
    }

    /**
     * Public unique indexes in drainer's order: the PRIMARY index first, then the other unique indexes in index
     * order. The int handle primary key of a {@code pk_is_handle} table has no IndexInfo; see
     * {@link TableMetaFactory} for the key list that includes it.
     */
    @JsonIgnore
    public List<IndexInfo> uniqueIndexes() {
        List<IndexInfo> out = new ArrayList<>();
        for (IndexInfo i : indices) {
            if (i.primary() && i.isPublic()) {
                out.add(i);
            }
        }
        for (IndexInfo i : indices) {
            if (!i.primary() && i.unique() && i.isPublic()) {
                out.add(i);
            }
        }
        return out;
    }

    /** Physical ids rows of this table are written under: its partitions' ids, or its own id. */
    @JsonIgnore
    public List<Long> physicalIds() {
        if (partition == null) {
            return List.of(id);
        }
        return partition.physicalIds();
    }
}
