package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Copies of a TableInfo with some fields changed; TableInfo itself offers only a few such copies. */
final class TableInfos {
    /** {@code model.CurrLatestTableInfoVersion}. */
    static final int TABLE_INFO_VERSION = 5;

    private TableInfos() {
    }

    static TableInfo create(long id, CIStr name, List<ColumnInfo> cols, List<IndexInfo> indices, boolean pkIsHandle,
                            boolean commonHandle, long maxColId, long maxIdxId, long updateTs) {
        return new TableInfo(id, name, ColumnTypes.UTF8MB4, ColumnTypes.UTF8MB4_BIN, cols, indices, null, null,
                io.tidbbinlog.schema.SchemaState.PUBLIC.code(), pkIsHandle, commonHandle, commonHandle ? 1 : 0, "",
                0, 0, 0, maxColId, maxIdxId, 0, 0, updateTs, 0, 0, 0, 0, 0, 0, null, "", null, null, null,
                TABLE_INFO_VERSION, null, false, 0, 0, null, null, null, null, 0);
    }

    static TableInfo with(TableInfo t, long id, CIStr name, List<ColumnInfo> cols, List<IndexInfo> indices,
                          int state, long maxColId, long maxIdxId, long updateTs, long oldSchemaId) {
        return new TableInfo(id, name, t.charset(), t.collate(), cols, indices, t.constraintInfo(), t.fkInfo(),
                state, t.pkIsHandle(), t.isCommonHandle(), t.commonHandleVersion(), t.comment(), t.autoIncId(),
                t.autoIdCache(), t.autoRandId(), maxColId, maxIdxId, t.maxForeignKeyId(), t.maxConstraintId(),
                updateTs, oldSchemaId, t.shardRowIdBits(), t.maxShardRowIdBits(), t.autoRandomBits(),
                t.autoRandomRangeBits(), t.preSplitRegions(), t.partition(), t.compression(), t.view(),
                t.sequence(), t.lock(), t.version(), t.tiflashReplica(), t.isColumnar(), t.tempTableType(),
                t.cacheTableStatus(), t.policyRefInfo(), t.statsOptions(), t.exchangePartitionInfo(), t.ttlInfo(),
                t.revision());
    }

    /**
     * Columns renumbered by position and index columns pointed at their columns' new offsets, as TiDB's
     * {@code MoveColumnInfo} leaves them.
     */
    static List<ColumnInfo> renumber(List<ColumnInfo> cols) {
        List<ColumnInfo> out = new ArrayList<>(cols.size());
        for (int i = 0; i < cols.size(); i++) {
            out.add(cols.get(i).offset() == i ? cols.get(i) : cols.get(i).withOffset(i));
        }
        return out;
    }

    static List<IndexInfo> reoffset(List<IndexInfo> indices, List<ColumnInfo> cols) {
        List<IndexInfo> out = new ArrayList<>(indices.size());
        for (IndexInfo idx : indices) {
            List<IndexColumn> ics = new ArrayList<>();
            for (IndexColumn ic : idx.columns()) {
                int off = offsetOf(cols, ic.name().l());
                ics.add(new IndexColumn(ic.name(), off, ic.length()));
            }
            out.add(index(idx, idx.id(), idx.name(), ics));
        }
        return out;
    }

    static IndexInfo index(IndexInfo i, long id, CIStr name, List<IndexColumn> cols) {
        return new IndexInfo(id, name, i.tableName(), cols, i.state(), i.comment(), i.indexType(), i.unique(),
                i.primary(), i.invisible(), i.global());
    }

    static int offsetOf(List<ColumnInfo> cols, String name) {
        String l = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).name().l().equals(l)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name);
    }
}
