package io.tidbbinlog.sim.txn;

import io.tidbbinlog.sim.autoid.IdBlockAllocator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The committed rows of one physical table, by handle, with its unique index entries and its handle allocator
 * ({@code _tidb_rowid} / AUTO_INCREMENT, one allocator per table as TiDB's {@code autoid} keeps it, persisted in
 * blocks so that a restart never repeats an id). Rows are also
 * kept in an array so that a random existing row is picked in O(1). Thread-safe.
 */
final class TableData {
    private final long tableId;
    private final Map<RowHandle, Integer> positions = new HashMap<>();
    private final List<RowHandle> handles = new ArrayList<>();
    private final List<StoredRow> rows = new ArrayList<>();
    private final Map<ByteKey, RowHandle> unique = new HashMap<>();
    private final IdBlockAllocator autoIds;

    TableData(long tableId, IdBlockAllocator autoIds) {
        this.tableId = tableId;
        this.autoIds = autoIds;
    }

    long tableId() {
        return tableId;
    }

    synchronized int size() {
        return rows.size();
    }

    synchronized StoredRow get(RowHandle h) {
        Integer at = positions.get(h);
        return at == null ? null : rows.get(at);
    }

    synchronized RowHandle uniqueOwner(ByteKey key) {
        return unique.get(key);
    }

    /** A uniformly chosen committed row, or null when the table is empty. */
    synchronized Map.Entry<RowHandle, StoredRow> random(Random random) {
        if (rows.isEmpty()) {
            return null;
        }
        int i = random.nextInt(rows.size());
        return Map.entry(handles.get(i), rows.get(i));
    }

    /** The next handle for a row that did not name one (TiDB's auto ID allocator: strictly increasing). */
    long allocate() {
        return autoIds.next();
    }

    /** An explicitly written id moves the allocator past it, as TiDB's {@code Rebase} does. */
    void rebase(long explicitId) {
        autoIds.rebase(explicitId);
    }

    /** Applies one committed row change: {@code before}/{@code after} null for an insert / delete. */
    synchronized void apply(RowHandle h, StoredRow after, List<ByteKey> oldKeys, List<ByteKey> newKeys) {
        for (ByteKey k : oldKeys) {
            if (h.equals(unique.get(k))) {
                unique.remove(k);
            }
        }
        Integer at = positions.get(h);
        if (after == null) {
            if (at != null) {
                int last = rows.size() - 1;
                RowHandle moved = handles.get(last);
                handles.set(at, moved);
                rows.set(at, rows.get(last));
                positions.put(moved, at);
                handles.remove(last);
                rows.remove(last);
                positions.remove(h);
            }
        } else if (at != null) {
            rows.set(at, after);
        } else {
            positions.put(h, rows.size());
            handles.add(h);
            rows.add(after);
        }
        for (ByteKey k : newKeys) {
            unique.put(k, h);
        }
    }

    /** Rebuilds the unique index entries for a new table version (an index was added or dropped). */
    synchronized void reindex(TableLayout layout) {
        unique.clear();
        for (int i = 0; i < rows.size(); i++) {
            Object[] values = rows.get(i).project(layout);
            for (TableLayout.UniqueIndex idx : layout.uniqueIndexes) {
                ByteKey k = TableLayout.uniqueKey(idx, values, layout.columns);
                if (k != null) {
                    unique.put(k, handles.get(i));
                }
            }
        }
    }
}
