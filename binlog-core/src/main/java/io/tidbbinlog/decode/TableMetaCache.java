package io.tidbbinlog.decode;

import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.schema.TableMetaFactory;

import java.util.ArrayList;
import java.util.List;
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
        return decoders.computeIfAbsent(key, k -> new TableRowDecoder(withFillValues(db, table), table));
    }

    private static TableMeta withFillValues(String db, TableInfo table) {
        TableMeta plain = TableMetaFactory.create(db, table);
        List<ColumnMeta> columns = new ArrayList<>(plain.columns().size());
        for (ColumnMeta c : plain.columns()) {
            var info = table.columnById(c.columnId()).orElseThrow();
            try {
                columns.add(c.withFillValue(FillValues.of(info)));
            } catch (RuntimeException e) {
                throw new BinlogDecodeException("table " + db + "." + table.name().o() + " column " + c.name()
                        + ": cannot read its default value " + info.rawOriginDefault() + ": " + e.getMessage(), e);
            }
        }
        return new TableMeta(plain.ref(), columns, plain.uniqueKeys());
    }
}
