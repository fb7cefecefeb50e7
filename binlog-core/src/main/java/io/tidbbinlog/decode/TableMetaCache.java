package io.tidbbinlog.decode;

import io.tidbbinlog.schema.TableInfo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TableRowDecoder} per table version, shared by every row of that version. The schema history hands
 * out the same {@link TableInfo} instance for a version, so instances are the key. Bounded: a history that
 * produces many versions only costs a rebuild.
 */
final class TableMetaCache {
    private static final int MAX_ENTRIES = 4096;

    private record Key(String db, TableInfo table) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.table == table && k.db.equals(db);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(table) * 31 + db.hashCode();
        }
    }

    private final Map<Key, TableRowDecoder> decoders = new ConcurrentHashMap<>();

    TableRowDecoder decoderFor(String db, TableInfo table) {
        Key key = new Key(db, table);
        TableRowDecoder d = decoders.get(key);
        if (d != null) {
            return d;
        }
        if (decoders.size() >= MAX_ENTRIES) {
            decoders.clear();
        }
        return decoders.computeIfAbsent(key, k -> new TableRowDecoder(FillValues.tableMeta(db, table), table));
    }
}
