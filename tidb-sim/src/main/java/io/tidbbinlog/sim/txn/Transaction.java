package io.tidbbinlog.sim.txn;

import com.google.protobuf.ByteString;
import io.tidbbinlog.codec.Datum;
import io.tidbbinlog.codec.MutationRowCodec;
import io.tidbbinlog.codec.OldRowCodec;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.HandleKind;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DML transaction in flight: its statements' effects on top of the committed tables, the binlog mutations
 * TiDB's {@code tables.go} would have added ({@code addInsertBinlog / addUpdateBinlog / addDeleteBinlog}), the row
 * changes for listeners, and the pessimistic locks it holds. Rows are encoded as each statement runs and stored
 * once in the mutation builders; the listener images share their arrays with the pending rows.
 */
final class Transaction {
    /** A row the transaction deleted. */
    private static final StoredRow DELETED = new StoredRow(new long[0], new Object[0]);

    /** A change to apply to the committed table at commit, in statement order. */
    record Applied(TableData data, RowHandle handle, StoredRow after, List<ByteKey> oldKeys, List<ByteKey> newKeys) {
    }

    /** The transaction's view of one table. */
    private static final class TableState {
        final TableData data;
        final Map<RowHandle, StoredRow> rows = new HashMap<>();
        final Map<ByteKey, RowHandle> addedKeys = new HashMap<>();
        final Set<ByteKey> removedKeys = new HashSet<>();

        TableState(TableData data) {
            this.data = data;
        }
    }

    final long startTs;
    final long schemaVersion;
    private final TxnEngine engine;
    private final ZoneId zone;
    private final Map<Long, TableMutation.Builder> mutations = new LinkedHashMap<>();
    /**
     * Row changes per logical table in statement order, tables in first-touch order: the binlog groups rows by
     * table, so this is the only order a consumer can see, and the one listeners get.
     */
    private final Map<Long, List<RowChange>> changes = new LinkedHashMap<>();
    private final List<Applied> applied = new ArrayList<>();
    private final Map<Long, TableState> tables = new HashMap<>();
    private final List<ByteKey> locks = new ArrayList<>();
    private byte[] primaryKey;
    private MvccOp primaryOp;
    private byte[] primaryValue;

    Transaction(TxnEngine engine, ZoneId zone, long startTs, long schemaVersion) {
        this.engine = engine;
        this.zone = zone;
        this.startTs = startTs;
        this.schemaVersion = schemaVersion;
    }

    boolean isEmpty() {
        return mutations.isEmpty();
    }

    byte[] primaryKey() {
        return primaryKey;
    }

    MvccOp primaryOp() {
        return primaryOp;
    }

    byte[] primaryValue() {
        return primaryValue;
    }

    List<RowChange> changes() {
        List<RowChange> out = new ArrayList<>();
        changes.values().forEach(out::addAll);
        return out;
    }

    private void addChange(TableLayout layout, RowChange change) {
        changes.computeIfAbsent(layout.info.id(), id -> new ArrayList<>()).add(change);
    }

    List<Applied> applied() {
        return applied;
    }

    List<ByteKey> locks() {
        return locks;
    }

    /** TiDB's {@code PrewriteValue}: schema version at begin, one mutation per logical table, first touched first. */
    PrewriteValue prewriteValue() {
        PrewriteValue.Builder pv = PrewriteValue.newBuilder().setSchemaVersion(schemaVersion);
        for (TableMutation.Builder m : mutations.values()) {
            pv.addMutations(m);
        }
        return pv.build();
    }

    // ---------------------------------------------------------------- statements

    RowHandle insert(TableLayout layout, Map<String, Object> given) {
        layout.checkSupported();
        TableState state = state(layout);
        Object[] values = new Object[layout.columns.size()];
        boolean[] set = new boolean[values.length];
        for (Map.Entry<String, Object> e : given.entrySet()) {
            int p = position(layout, e.getKey());
            values[p] = ColumnValues.normalize(e.getValue(), layout.columns.get(p), zone);
            set[p] = true;
        }
        for (int i = 0; i < values.length; i++) {
            ColumnInfo c = layout.columns.get(i);
            if (i == layout.autoIncrementPos && values[i] == null) {
                // AUTO_INCREMENT given NULL or omitted takes the next id (TiDB's autoid allocator).
                values[i] = state.data.allocate();
                set[i] = true;
                continue;
            }
            if (!set[i]) {
                Object d = ColumnValues.insertDefault(c, zone);
                if (d == ColumnValues.NO_DEFAULT) {
                    throw new SqlStatementException(SqlStatementException.NO_DEFAULT_VALUE,
                            "Field '" + c.name().o() + "' doesn't have a default value");
                }
                values[i] = d;
            }
            if (values[i] == null && c.type().notNull()) {
                throw new SqlStatementException(SqlStatementException.COLUMN_CANNOT_BE_NULL,
                        "Column '" + c.name().o() + "' cannot be null");
            }
        }
        if (layout.autoIncrementPos >= 0) {
            state.data.rebase((Long) values[layout.autoIncrementPos]);
        }
        if (layout.handleKind == HandleKind.INT_PRIMARY_KEY && values[layout.pkHandlePos] == null) {
            throw new SqlStatementException(SqlStatementException.COLUMN_CANNOT_BE_NULL, "Column '"
                    + layout.columns.get(layout.pkHandlePos).name().o() + "' cannot be null");
        }
        RowHandle handle = layout.handleOf(values).orElseGet(() -> RowHandle.ofInt(state.data.allocate()));
        byte[] recordKey = RecordKeys.recordKey(layout.info.id(), handle);
        lock(new ByteKey(recordKey));
        if (current(layout, state, handle) != null) {
            throw duplicate(layout, "PRIMARY", handle.entryText());
        }
        List<ByteKey> newKeys = claimUniqueKeys(layout, state, values, handle, List.of());

        StoredRow row = new StoredRow(layout.columnIds, values);
        addInsert(layout, state, handle, row, recordKey, newKeys);
        return handle;
    }

    RowHandle update(TableLayout layout, RowHandle handle, Map<String, Object> changesByName) {
        layout.checkSupported();
        TableState state = state(layout);
        byte[] recordKey = RecordKeys.recordKey(layout.info.id(), handle);
        lock(new ByteKey(recordKey));
        Object[] before = existing(layout, state, handle);
        Object[] after = before.clone();
        boolean[] explicit = new boolean[after.length];
        for (Map.Entry<String, Object> e : changesByName.entrySet()) {
            int p = position(layout, e.getKey());
            explicit[p] = true;
            ColumnInfo c = layout.columns.get(p);
            Object v = ColumnValues.normalize(e.getValue(), c, zone);
            if (v == null && c.type().notNull()) {
                throw new SqlStatementException(SqlStatementException.COLUMN_CANNOT_BE_NULL,
                        "Column '" + c.name().o() + "' cannot be null");
            }
            after[p] = v;
        }
        if (Arrays.deepEquals(before, after)) {
            return handle; // nothing changed: TiDB's updateRecord writes nothing (and no binlog row)
        }
        if (layout.autoIncrementPos >= 0 && explicit[layout.autoIncrementPos]
                && after[layout.autoIncrementPos] instanceof Long id) {
            // An AUTO_INCREMENT value set by UPDATE moves the allocator past it (executor/write.go updateRecord).
            state.data.rebase(id);
        }
        for (int i = 0; i < after.length; i++) {
            ColumnInfo c = layout.columns.get(i);
            if (!explicit[i] && (c.type().flag() & ColumnFlag.ON_UPDATE_NOW) != 0) {
                // ON UPDATE CURRENT_TIMESTAMP columns take the statement's time when the row really changed.
                after[i] = ColumnValues.now(c, zone);
            }
        }
        RowHandle newHandle = layout.handleOf(after).orElse(handle);
        List<ByteKey> oldKeys = uniqueKeys(layout, before);
        if (!newHandle.equals(handle)) {
            // The row moves to another key: TiDB's updateRecord removes the old record and adds the new one
            // (executor/write.go, "If handle changed, remove the old then add the new record"), so the binlog
            // carries a delete row and an insert row.
            byte[] newKey = RecordKeys.recordKey(layout.info.id(), newHandle);
            lock(new ByteKey(newKey));
            if (current(layout, state, newHandle) != null) {
                throw duplicate(layout, "PRIMARY", newHandle.entryText());
            }
            for (ByteKey k : oldKeys) {
                lock(uniqueLockKey(layout, k));
            }
            List<ByteKey> newKeys = claimUniqueKeys(layout, state, after, newHandle, oldKeys);
            List<ByteKey> dropped = new ArrayList<>(oldKeys);
            dropped.removeAll(newKeys);
            releaseUniqueKeys(state, dropped);
            addDelete(layout, state, handle, before, recordKey, oldKeys);
            addInsert(layout, state, newHandle, new StoredRow(layout.columnIds, after), newKey, newKeys);
            return newHandle;
        }
        for (ByteKey k : oldKeys) {
            lock(uniqueLockKey(layout, k));
        }
        List<ByteKey> newKeys = claimUniqueKeys(layout, state, after, handle, oldKeys);
        List<ByteKey> dropped = new ArrayList<>(oldKeys);
        dropped.removeAll(newKeys);
        releaseUniqueKeys(state, dropped);

        int n = layout.columns.size();
        boolean rowId = layout.handleKind == HandleKind.ROW_ID;
        long[] ids = rowId ? Arrays.copyOf(layout.columnIds, n + 1) : layout.columnIds;
        Datum[] oldDatums = new Datum[ids.length];
        Datum[] newDatums = new Datum[ids.length];
        for (int i = 0; i < n; i++) {
            oldDatums[i] = ColumnValues.datum(before[i], layout.columns.get(i));
            newDatums[i] = ColumnValues.datum(after[i], layout.columns.get(i));
        }
        if (rowId) {
            // Without an int or common handle TiDB appends _tidb_rowid (column id -1) to both images.
            ids[n] = MutationRowCodec.TIDB_ROWID_COLUMN_ID;
            oldDatums[n] = Datum.ofInt(handle.intValue());
            newDatums[n] = oldDatums[n];
        }
        byte[] bytes = MutationRowCodec.encodeUpdate(ids, oldDatums, newDatums);
        mutation(layout).addUpdatedRows(ByteString.copyFrom(bytes)).addSequence(MutationType.Update);
        StoredRow row = new StoredRow(layout.columnIds, after);
        state.rows.put(handle, row);
        addChange(layout, RowChange.update(layout.meta, before, after));
        applied.add(new Applied(state.data, handle, row, oldKeys, newKeys));
        notePrimary(recordKey, MvccOp.PUT, layout, after);
        return handle;
    }

    void delete(TableLayout layout, RowHandle handle) {
        layout.checkSupported();
        TableState state = state(layout);
        byte[] recordKey = RecordKeys.recordKey(layout.info.id(), handle);
        lock(new ByteKey(recordKey));
        Object[] before = existing(layout, state, handle);
        List<ByteKey> oldKeys = uniqueKeys(layout, before);
        for (ByteKey k : oldKeys) {
            lock(uniqueLockKey(layout, k));
        }
        releaseUniqueKeys(state, oldKeys);
        addDelete(layout, state, handle, before, recordKey, oldKeys);
    }

    // ---------------------------------------------------------------- row encodings

    /**
     * inserted_rows: the handle datums, then the columns {@code CanSkip} keeps: not the int PK handle column, not a
     * clustered PK column stored whole in the key, not a NULL without default and origin default.
     */
    private void addInsert(TableLayout layout, TableState state, RowHandle handle, StoredRow row, byte[] recordKey,
                           List<ByteKey> newKeys) {
        Object[] values = row.values();
        int n = values.length;
        long[] ids = new long[n];
        Datum[] datums = new Datum[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            ColumnInfo c = layout.columns.get(i);
            if (layout.handleCoversColumn[i]
                    || (values[i] == null && !c.hasDefault() && !c.hasOriginDefault())) {
                continue;
            }
            ids[kept] = c.id();
            datums[kept] = ColumnValues.datum(values[i], c);
            kept++;
        }
        byte[] bytes = MutationRowCodec.encodeInsert(handle.data().toArray(new Datum[0]),
                Arrays.copyOf(ids, kept), Arrays.copyOf(datums, kept));
        mutation(layout).addInsertedRows(ByteString.copyFrom(bytes)).addSequence(MutationType.Insert);
        state.rows.put(handle, row);
        addChange(layout, RowChange.insert(layout.meta, values));
        applied.add(new Applied(state.data, handle, row, List.of(), newKeys));
        notePrimary(recordKey, MvccOp.PUT, layout, values);
    }

    /** deleted_rows: every column, plus _tidb_rowid (-1) for a table without int or common handle. */
    private void addDelete(TableLayout layout, TableState state, RowHandle handle, Object[] before, byte[] recordKey,
                           List<ByteKey> oldKeys) {
        int n = layout.columns.size();
        boolean rowId = layout.handleKind == HandleKind.ROW_ID;
        long[] ids = rowId ? Arrays.copyOf(layout.columnIds, n + 1) : layout.columnIds;
        Datum[] datums = new Datum[ids.length];
        for (int i = 0; i < n; i++) {
            datums[i] = ColumnValues.datum(before[i], layout.columns.get(i));
        }
        if (rowId) {
            ids[n] = MutationRowCodec.TIDB_ROWID_COLUMN_ID;
            datums[n] = Datum.ofInt(handle.intValue());
        }
        byte[] bytes = MutationRowCodec.encodeDelete(ids, datums);
        mutation(layout).addDeletedRows(ByteString.copyFrom(bytes)).addSequence(MutationType.DeleteRow);
        state.rows.put(handle, DELETED);
        addChange(layout, RowChange.delete(layout.meta, before));
        applied.add(new Applied(state.data, handle, null, oldKeys, List.of()));
        notePrimary(recordKey, MvccOp.DEL, layout, null);
    }

    /**
     * The first row key the transaction writes is its primary key: in a pessimistic transaction (TiDB's default)
     * the first key locked becomes the primary. What is prewritten for it is the key's last write in the
     * transaction (TiDB's membuffer keeps one value per key).
     */
    private void notePrimary(byte[] recordKey, MvccOp op, TableLayout layout, Object[] values) {
        if (primaryKey == null) {
            primaryKey = recordKey;
        } else if (!Arrays.equals(primaryKey, recordKey)) {
            return;
        }
        primaryOp = op;
        primaryValue = null;
        if (values != null) {
            Datum[] datums = new Datum[values.length];
            for (int i = 0; i < values.length; i++) {
                datums[i] = ColumnValues.datum(values[i], layout.columns.get(i));
            }
            primaryValue = OldRowCodec.encode(layout.columnIds, datums);
        }
    }

    private TableMutation.Builder mutation(TableLayout layout) {
        // TiDB keys mutations by the logical table id (tables.go initTableCommon: tableID = tblInfo.ID).
        return mutations.computeIfAbsent(layout.info.id(), id -> TableMutation.newBuilder().setTableId(id));
    }

    // ---------------------------------------------------------------- reads and keys

    private TableState state(TableLayout layout) {
        return tables.computeIfAbsent(layout.info.id(), id -> new TableState(engine.tableData(id)));
    }

    /** The row as this transaction sees it (its own writes over the committed table), or null. */
    private Object[] current(TableLayout layout, TableState state, RowHandle h) {
        StoredRow own = state.rows.get(h);
        if (own == DELETED) {
            return null;
        }
        if (own != null) {
            return own.project(layout);
        }
        StoredRow committed = state.data.get(h);
        return committed == null ? null : committed.project(layout);
    }

    private Object[] existing(TableLayout layout, TableState state, RowHandle h) {
        Object[] row = current(layout, state, h);
        if (row == null) {
            throw new SqlStatementException(SqlStatementException.ROW_NOT_FOUND, "Can't find record with "
                    + h + " in table '" + layout.label() + "'");
        }
        return row;
    }

    private static List<ByteKey> uniqueKeys(TableLayout layout, Object[] values) {
        List<ByteKey> keys = new ArrayList<>(layout.uniqueIndexes.size());
        for (TableLayout.UniqueIndex idx : layout.uniqueIndexes) {
            ByteKey k = TableLayout.uniqueKey(idx, values, layout.columns);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    /**
     * Locks and checks the unique entries the row will hold; entries in {@code ownedBefore} are the row's own.
     * Registers them as taken by this transaction only once all checks passed.
     */
    private List<ByteKey> claimUniqueKeys(TableLayout layout, TableState state, Object[] values, RowHandle h,
                                          List<ByteKey> ownedBefore) {
        List<ByteKey> keys = new ArrayList<>(layout.uniqueIndexes.size());
        for (TableLayout.UniqueIndex idx : layout.uniqueIndexes) {
            ByteKey k = TableLayout.uniqueKey(idx, values, layout.columns);
            if (k == null) {
                continue;
            }
            keys.add(k);
            if (ownedBefore.contains(k)) {
                continue;
            }
            lock(uniqueLockKey(layout, k));
            RowHandle owner = state.addedKeys.get(k);
            if (owner == null && !state.removedKeys.contains(k)) {
                owner = state.data.uniqueOwner(k);
            }
            if (owner != null) {
                throw duplicate(layout, idx.name(), describe(idx, values));
            }
        }
        for (ByteKey k : keys) {
            state.addedKeys.put(k, h);
            state.removedKeys.remove(k);
        }
        return keys;
    }

    private static void releaseUniqueKeys(TableState state, List<ByteKey> keys) {
        for (ByteKey k : keys) {
            state.addedKeys.remove(k);
            state.removedKeys.add(k);
        }
    }

    private static String describe(TableLayout.UniqueIndex idx, Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int p : idx.positions()) {
            if (!sb.isEmpty()) {
                sb.append('-');
            }
            Object v = values[p];
            sb.append(v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v);
        }
        return sb.toString();
    }

    private ByteKey uniqueLockKey(TableLayout layout, ByteKey k) {
        return new ByteKey(RecordKeys.indexKey(layout.info.id(), 0, k.bytes()));
    }

    private void lock(ByteKey key) {
        if (engine.locks().lock(key, startTs)) {
            locks.add(key);
        }
    }

    private static SqlStatementException duplicate(TableLayout layout, String index, String entry) {
        return new SqlStatementException(SqlStatementException.DUPLICATE_ENTRY, "Duplicate entry '" + entry
                + "' for key '" + layout.info.name().o() + "." + index + "'");
    }

    private static int position(TableLayout layout, String name) {
        Objects.requireNonNull(name, "column name");
        for (int i = 0; i < layout.columns.size(); i++) {
            if (layout.columns.get(i).name().l().equals(name.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new SqlStatementException(SqlStatementException.UNKNOWN_COLUMN, "Unknown column '" + name
                + "' in '" + layout.label() + "'");
    }
}
