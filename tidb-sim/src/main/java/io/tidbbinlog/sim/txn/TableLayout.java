package io.tidbbinlog.sim.txn;

import io.tidbbinlog.decode.FillValues;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.DatumCodec;
import io.tidbbinlog.codec.DatumWriter;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.HandleKind;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One version of a table as the write path needs it: the public columns in TiDB's column order (the order rows
 * are encoded in), the handle, the unique indexes, which columns an inserted row leaves out (TiDB's
 * {@code CanSkip}), and the {@link TableMeta} that listeners' row images are aligned with.
 */
final class TableLayout {
    final String db;
    final TableInfo info;
    final List<ColumnInfo> columns;
    final long[] columnIds;
    final TableMeta meta;
    final HandleKind handleKind;
    /** Position of the int primary key column for {@code pk_is_handle} tables, else -1. */
    final int pkHandlePos;
    /** Positions and prefix lengths of the clustered primary key's columns. */
    final int[] commonHandlePos;
    final int[] commonHandlePrefix;
    /** {@code CanSkip}'s handle rules: the int PK column; clustered PK columns whole in the key, no restored data. */
    final boolean[] handleCoversColumn;
    final List<UniqueIndex> uniqueIndexes;
    final int autoIncrementPos;
    /** Why DML on this table is refused, or null. */
    final String unsupported;

    /** A unique index other than the clustered key: its positions in {@link #columns} and prefix lengths. */
    record UniqueIndex(long id, String name, int[] positions, int[] prefix) {
    }

    TableLayout(String db, TableInfo info) {
        this.db = db;
        this.info = info;
        this.columns = info.publicColumns();
        String why = null;
        for (ColumnInfo c : columns) {
            if (c.isGenerated() || c.hidden()) {
                why = "column " + c.name().o() + " is generated or hidden; generated columns are not simulated";
            }
        }
        if (info.isPartitioned()) {
            why = "partitioned tables are not simulated";
        }
        this.unsupported = why;
        int n = columns.size();
        columnIds = new long[n];
        handleCoversColumn = new boolean[n];
        int autoInc = -1;
        for (int i = 0; i < n; i++) {
            columnIds[i] = columns.get(i).id();
            if ((columns.get(i).type().flag() & ColumnFlag.AUTO_INCREMENT) != 0) {
                autoInc = i;
            }
        }
        autoIncrementPos = autoInc;
        handleKind = info.handleKind();
        int pk = -1;
        if (handleKind == HandleKind.INT_PRIMARY_KEY) {
            pk = positionOf(info.pkHandleColumn().orElseThrow().id());
            handleCoversColumn[pk] = true;
        }
        pkHandlePos = pk;
        List<IndexColumn> common = info.commonHandleColumns();
        commonHandlePos = new int[common.size()];
        commonHandlePrefix = new int[common.size()];
        for (int k = 0; k < common.size(); k++) {
            IndexColumn ic = common.get(k);
            int pos = positionOfName(ic.name().l());
            commonHandlePos[k] = pos;
            commonHandlePrefix[k] = ic.isPrefix() ? ic.length() : -1;
            if (!ic.isPrefix() && !ColumnValues.needsRestoredData(columns.get(pos).type())) {
                handleCoversColumn[pos] = true;
            }
        }
        List<UniqueIndex> uniques = new ArrayList<>();
        for (IndexInfo idx : info.uniqueIndexes()) {
            if (idx.primary() && handleKind == HandleKind.COMMON) {
                continue; // the clustered key is the row key itself
            }
            int[] pos = new int[idx.columns().size()];
            int[] prefix = new int[pos.length];
            for (int k = 0; k < pos.length; k++) {
                pos[k] = positionOfName(idx.columns().get(k).name().l());
                prefix[k] = idx.columns().get(k).isPrefix() ? idx.columns().get(k).length() : -1;
            }
            uniques.add(new UniqueIndex(idx.id(), idx.name().o(), pos, prefix));
        }
        uniqueIndexes = List.copyOf(uniques);
        meta = FillValues.tableMeta(db, info);
    }

    String label() {
        return db + "." + info.name().o();
    }

    void checkSupported() {
        if (unsupported != null) {
            throw new UnsupportedOperationException("table " + label() + ": " + unsupported);
        }
    }

    int positionOf(long columnId) {
        for (int i = 0; i < columnIds.length; i++) {
            if (columnIds[i] == columnId) {
                return i;
            }
        }
        return -1;
    }

    int positionOfName(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().l().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException("table " + label() + " has no public column " + name);
    }

    /** The handle a row with these values lives under, or empty for a hidden-rowid table (allocated instead). */
    Optional<RowHandle> handleOf(Object[] values) {
        switch (handleKind) {
            case INT_PRIMARY_KEY:
                return Optional.of(RowHandle.ofInt((Long) values[pkHandlePos]));
            case COMMON: {
                List<Datum> datums = new ArrayList<>(commonHandlePos.length);
                for (int k = 0; k < commonHandlePos.length; k++) {
                    int p = commonHandlePos[k];
                    datums.add(ColumnValues.keyDatum(values[p], columns.get(p), commonHandlePrefix[k]));
                }
                return Optional.of(RowHandle.ofCommon(datums));
            }
            default:
                return Optional.empty();
        }
    }

    /**
     * The key of a row's entry in a unique index (index id, then the key datums), or null when a column of it is
     * NULL: NULLs never collide in a unique index.
     */
    static ByteKey uniqueKey(UniqueIndex idx, Object[] values, List<ColumnInfo> columns) {
        DatumWriter out = new DatumWriter(32);
        out.writeUint64(idx.id());
        for (int k = 0; k < idx.positions().length; k++) {
            int p = idx.positions()[k];
            if (values[p] == null) {
                return null;
            }
            DatumCodec.encodeKey(out, ColumnValues.keyDatum(values[p], columns.get(p), idx.prefix()[k]));
        }
        return new ByteKey(out.toByteArray());
    }
}
