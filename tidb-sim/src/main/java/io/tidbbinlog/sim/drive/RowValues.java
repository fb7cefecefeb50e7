package io.tidbbinlog.sim.drive;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.sim.workload.ColumnValueGenerator;
import io.tidbbinlog.sim.workload.KeyValues;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Column values for one session's statements, as a client would send them: key columns numbered so they never
 * collide, other columns random, TIMESTAMP in the session's time zone (the generators speak UTC, TiDB's storage).
 */
final class RowValues {
    private final ColumnValueGenerator generator;
    private final ZoneId sessionZone;

    RowValues(ColumnValueGenerator generator, ZoneId sessionZone) {
        this.generator = generator;
        this.sessionZone = sessionZone;
    }

    /** A full new row; key columns (primary and unique) take the value of ordinal {@code keyOrdinal}. */
    Map<String, Object> newRow(TableInfo table, LongSupplier keyOrdinal, RandomGenerator rnd) {
        Set<String> keyColumns = keyColumns(table, true);
        long ordinal = keyColumns.isEmpty() ? -1 : keyOrdinal.getAsLong();
        Map<String, Object> row = new LinkedHashMap<>();
        for (ColumnInfo c : table.publicColumns()) {
            String name = c.name().o();
            Object v = keyColumns.contains(name.toLowerCase()) ? keyValue(c, ordinal, rnd) : generator.next(c.type(), rnd);
            row.put(name, toSession(c, v));
        }
        return row;
    }

    /** New values for one to three non-key columns, and with {@code changeKey} new primary-key values. */
    Map<String, Object> changes(TableInfo table, boolean changeKey, LongSupplier keyOrdinal, RandomGenerator rnd) {
        Set<String> keys = keyColumns(table, true);
        List<ColumnInfo> plain = new ArrayList<>();
        for (ColumnInfo c : table.publicColumns()) {
            if (!keys.contains(c.name().l())) {
                plain.add(c);
            }
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        int n = plain.isEmpty() ? 0 : 1 + rnd.nextInt(Math.min(3, plain.size()));
        for (int i = 0; i < n; i++) {
            ColumnInfo c = plain.get(rnd.nextInt(plain.size()));
            changes.put(c.name().o(), toSession(c, generator.next(c.type(), rnd)));
        }
        if (changeKey) {
            Set<String> primary = keyColumns(table, false);
            if (!primary.isEmpty()) {
                long ordinal = keyOrdinal.getAsLong();
                for (ColumnInfo c : table.publicColumns()) {
                    if (primary.contains(c.name().l())) {
                        changes.put(c.name().o(), toSession(c, keyValue(c, ordinal, rnd)));
                    }
                }
            }
        }
        return changes;
    }

    /** A value of exactly {@code bytes} bytes for a large-transaction column. */
    Object large(TableInfo table, String column, int bytes, RandomGenerator rnd) {
        ColumnInfo c = table.columnByName(column).orElseThrow(() -> new IllegalArgumentException(
                "table " + table.name().o() + " has no column " + column));
        return generator.large(c.type(), bytes, rnd);
    }

    private Object keyValue(ColumnInfo c, long ordinal, RandomGenerator rnd) {
        try {
            return KeyValues.forOrdinal(c.type(), ordinal);
        } catch (IllegalArgumentException notAKeyType) {
            // A key over a type without numbered values (e.g. TIMESTAMP): random, and a duplicate is refused as in TiDB.
            return generator.nextNonNull(c.type(), rnd);
        }
    }

    private Object toSession(ColumnInfo c, Object v) {
        if (v instanceof TidbTime t && c.type().tp() == MysqlType.TIMESTAMP) {
            return t.fromUtc(sessionZone);
        }
        return v;
    }

    /** Lower-case names of the primary-key columns (incl. an int handle), and with {@code unique} unique-key ones. */
    static Set<String> keyColumns(TableInfo table, boolean unique) {
        Set<String> keys = new HashSet<>();
        table.pkHandleColumn().ifPresent(c -> keys.add(c.name().l()));
        for (IndexInfo index : table.indices()) {
            if (index.isPublic() && (index.primary() || (unique && index.unique()))) {
                for (IndexColumn ic : index.columns()) {
                    keys.add(ic.name().l());
                }
            }
        }
        return keys;
    }
}
