package io.tidbbinlog.sim.reference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares one table present on both sides: both are read in the same order (primary key, or all compared columns
 * when the reference table has none) as streamed result sets and merged row by row, so memory stays bounded by one
 * row per side plus the kept samples.
 */
final class TableComparison {
    private static final int FETCH_SIZE = 1000;

    private final String database;
    private final String table;
    private final int sampleLimit;
    private final List<String> columns = new ArrayList<>();
    private final List<ColumnKind> kinds = new ArrayList<>();
    private final List<Integer> keyColumns = new ArrayList<>();
    private final List<String> missingDownstream = new ArrayList<>();
    private final List<String> extraDownstream = new ArrayList<>();

    private long referenceRows;
    private long downstreamRows;
    private long missing;
    private long extra;
    private long different;
    private final List<RowDifference> samples = new ArrayList<>();

    TableComparison(String database, String table, TableColumns reference, TableColumns downstream, int sampleLimit) {
        this.database = database;
        this.table = table;
        this.sampleLimit = sampleLimit;
        for (int i = 0; i < reference.names().size(); i++) {
            String name = reference.names().get(i);
            if (downstream.indexOf(name) < 0) {
                missingDownstream.add(name);
                continue;
            }
            columns.add(name);
            kinds.add(ColumnKind.of(reference.dataTypes().get(i), reference.isJson(name) || downstream.isJson(name)));
        }
        for (String name : downstream.names()) {
            if (reference.indexOf(name) < 0) {
                extraDownstream.add(name);
            }
        }
        boolean pkCompared = !reference.primaryKey().isEmpty()
                && reference.primaryKey().stream().allMatch(pk -> indexOfColumn(pk) >= 0);
        if (pkCompared) {
            for (String pk : reference.primaryKey()) {
                keyColumns.add(indexOfColumn(pk));
            }
        } else {
            for (int i = 0; i < columns.size(); i++) {
                keyColumns.add(i);
            }
        }
    }

    private int indexOfColumn(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    TableVerification compare(Connection referenceDb, String referenceDatabase, Connection downstreamDb)
            throws SQLException {
        if (columns.isEmpty()) {
            throw new IllegalStateException("`" + database + "`.`" + table + "` has no column in common downstream");
        }
        String sql = selectSql(referenceDatabase);
        String downstreamSql = selectSql(database);
        try (Statement rst = streaming(referenceDb); Statement dst = streaming(downstreamDb);
             ResultSet r = rst.executeQuery(sql); ResultSet d = dst.executeQuery(downstreamSql)) {
            Row ref = next(r, true);
            Row down = next(d, false);
            while (ref != null || down != null) {
                int cmp = ref == null ? 1 : down == null ? -1 : compareKeys(ref.key, down.key);
                if (cmp < 0) {
                    missing++;
                    sample(new RowDifference(RowDifference.Kind.MISSING_DOWNSTREAM, describe(ref), List.of()));
                    ref = next(r, true);
                } else if (cmp > 0) {
                    extra++;
                    sample(new RowDifference(RowDifference.Kind.EXTRA_DOWNSTREAM, describe(down), List.of()));
                    down = next(d, false);
                } else {
                    List<RowDifference.ColumnDifference> diffs = new ArrayList<>();
                    for (int i = 0; i < columns.size(); i++) {
                        if (!kinds.get(i).same(ref.values[i], down.values[i])) {
                            diffs.add(new RowDifference.ColumnDifference(columns.get(i),
                                    ColumnKind.render(ref.values[i]), ColumnKind.render(down.values[i])));
                        }
                    }
                    if (!diffs.isEmpty()) {
                        different++;
                        sample(new RowDifference(RowDifference.Kind.DIFFERENT_VALUES, describe(ref), diffs));
                    }
                    ref = next(r, true);
                    down = next(d, false);
                }
            }
        }
        boolean equal = missing == 0 && extra == 0 && different == 0 && missingDownstream.isEmpty()
                && extraDownstream.isEmpty();
        return new TableVerification(database, table,
                equal ? TableVerification.Status.EQUAL : TableVerification.Status.DIFFERENT, referenceRows,
                downstreamRows, missing, extra, different, missingDownstream, extraDownstream, samples);
    }

    private void sample(RowDifference d) {
        if (samples.size() < sampleLimit) {
            samples.add(d);
        }
    }

    private static Statement streaming(Connection c) throws SQLException {
        Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        st.setFetchSize(FETCH_SIZE);
        return st;
    }

    private String selectSql(String db) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(kinds.get(i).valueExpression(Identifiers.quote(columns.get(i))));
        }
        StringBuilder order = new StringBuilder();
        for (int k = 0; k < keyColumns.size(); k++) {
            int c = keyColumns.get(k);
            String expr = kinds.get(c).orderExpression(Identifiers.quote(columns.get(c)));
            sb.append(", ").append(expr);
            order.append(k > 0 ? ", " : "").append(expr);
        }
        sb.append(" FROM ").append(Identifiers.qualified(db, table)).append(" ORDER BY ").append(order);
        return sb.toString();
    }

    private record Row(Object[] values, Object[] key) {
    }

    private Row next(ResultSet rs, boolean reference) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        if (reference) {
            referenceRows++;
        } else {
            downstreamRows++;
        }
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = kinds.get(i).read(rs, i + 1);
        }
        Object[] key = new Object[keyColumns.size()];
        for (int k = 0; k < key.length; k++) {
            key[k] = kinds.get(keyColumns.get(k)).readKey(rs, values.length + k + 1);
        }
        return new Row(values, key);
    }

    private static int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = ColumnKind.compareKey(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private String describe(Row row) {
        StringBuilder sb = new StringBuilder("(");
        for (int k = 0; k < keyColumns.size(); k++) {
            int c = keyColumns.get(k);
            sb.append(k > 0 ? ", " : "").append(columns.get(c)).append('=').append(ColumnKind.render(row.values[c]));
        }
        return sb.append(')').toString();
    }
}
