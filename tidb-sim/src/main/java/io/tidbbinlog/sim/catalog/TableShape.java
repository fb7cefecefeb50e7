package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.SchemaState;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns and indexes CREATE TABLE gives a table (pkg/ddl/create_table.go {@code buildTableInfo},
 * {@code buildColumnsAndConstraints}, {@code setColumnFlagWithConstraint}): column ids 1..n; a single integer
 * column primary key becomes the row handle ({@code pk_is_handle}, no index); any other primary key is the
 * PRIMARY index, clustered ({@code is_common_handle}, version 1) or not as asked; index ids 1..m in declaration
 * order. Primary key columns get NOT NULL and PriKeyFlag (and NoDefaultValueFlag without a default); the first
 * column of a one-column unique index UniqueKeyFlag; the first column of any other index MultipleKeyFlag.
 */
record TableShape(List<ColumnInfo> columns, List<IndexInfo> indices, boolean pkIsHandle, boolean commonHandle) {
    /** {@code model.IndexTypeBtree}, what TiDB records for an index without USING. */
    static final int INDEX_TYPE_BTREE = 1;
    private static final int MAX_KEY_BYTES = 3072;

    static TableShape build(TableDef def, ZoneId sessionZone) {
        if (def.columns().isEmpty()) {
            throw DdlException.tableMustHaveColumns();
        }
        List<ColumnInfo> cols = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ColumnDef c : def.columns()) {
            if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
                throw DdlException.duplicateColumn(c.name());
            }
            cols.add(ColumnBuilder.build(c, cols.size() + 1L, cols.size(), sessionZone));
        }
        IndexDef pk = null;
        for (IndexDef i : def.indexes()) {
            if (i.primary()) {
                if (pk != null) {
                    throw DdlException.multiplePrimaryKeys();
                }
                pk = i;
            }
        }
        boolean pkIsHandle = false;
        boolean common = false;
        if (pk != null) {
            if (pk.columns().isEmpty()) {
                throw new IllegalArgumentException("primary key of table " + def.name() + " has no columns");
            }
            for (IndexColumn ic : indexColumns(pk.columns(), cols)) {
                ColumnInfo c = cols.get(ic.offset());
                if (c.defaultValue() == null && c.defaultBit() == null && (c.type().flag() & ColumnFlag.NOT_NULL) == 0
                        && hasExplicitNullDefault(def, c)) {
                    throw new DdlException(1171, "All parts of a PRIMARY KEY must be NOT NULL; if you need NULL in a"
                            + " key, use UNIQUE instead");
                }
                int flag = c.type().flag() | ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL;
                if (c.defaultValue() == null) {
                    flag |= ColumnFlag.NO_DEFAULT_VALUE;
                }
                cols.set(ic.offset(), ColumnBuilder.withFlags(c, flag));
            }
            pkIsHandle = pk.columns().size() == 1
                    && ColumnTypes.isIntegerType(cols.get(TableInfos.offsetOf(cols, pk.columns().get(0))).type().tp());
            common = !pkIsHandle && def.clustered();
        }
        List<IndexInfo> indices = new ArrayList<>();
        Set<String> indexNames = new HashSet<>();
        for (IndexDef i : def.indexes()) {
            if (i.columns().isEmpty()) {
                throw new IllegalArgumentException("index " + i.name() + " of table " + def.name() + " has no columns");
            }
            List<IndexColumn> ics = indexColumns(i.columns(), cols);
            if (i.primary()) {
                if (pkIsHandle) {
                    continue;
                }
            } else {
                String lower = i.name() == null ? "" : i.name().toLowerCase(Locale.ROOT);
                if (lower.isEmpty()) {
                    throw new IllegalArgumentException("index of table " + def.name() + " has no name");
                }
                if (lower.equals("primary")) {
                    throw new DdlException(1280, "Incorrect index name '" + i.name() + "'");
                }
                ColumnInfo first = cols.get(ics.get(0).offset());
                int flag = first.type().flag()
                        | (i.unique() && i.columns().size() == 1 ? ColumnFlag.UNIQUE_KEY : ColumnFlag.MULTIPLE_KEY);
                cols.set(first.offset(), ColumnBuilder.withFlags(first, flag));
            }
            String name = i.primary() ? "PRIMARY" : i.name();
            if (!indexNames.add(name.toLowerCase(Locale.ROOT))) {
                throw DdlException.duplicateKeyName(name);
            }
            indices.add(new IndexInfo(indices.size() + 1L, CIStr.of(name), new CIStr("", ""), ics,
                    SchemaState.PUBLIC.code(), "", INDEX_TYPE_BTREE, i.unique() || i.primary(), i.primary(), false,
                    false));
        }
        return new TableShape(cols, indices, pkIsHandle, common);
    }

    private static boolean hasExplicitNullDefault(TableDef def, ColumnInfo c) {
        for (ColumnDef d : def.columns()) {
            if (d.name().equalsIgnoreCase(c.name().o()) && d.defaultSql() != null) {
                return d.defaultSql().trim().equalsIgnoreCase("null");
            }
        }
        return false;
    }

    /** Index columns by name with their offsets; checks that they exist and can be keys within 3072 bytes. */
    static List<IndexColumn> indexColumns(List<String> names, List<ColumnInfo> cols) {
        List<IndexColumn> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        for (String n : names) {
            ColumnInfo c = null;
            for (ColumnInfo ci : cols) {
                if (ci.name().l().equals(n.toLowerCase(Locale.ROOT))) {
                    c = ci;
                }
            }
            if (c == null) {
                throw DdlException.keyColumnMissing(n);
            }
            if (!seen.add(c.name().l())) {
                throw DdlException.duplicateColumn(c.name().o());
            }
            Catalog.checkKeyColumn(c.name().o(), c.type());
            bytes += ColumnTypes.keyBytes(c.type());
            out.add(new IndexColumn(c.name(), c.offset(), IndexColumn.UNSPECIFIED_LENGTH));
        }
        if (bytes > MAX_KEY_BYTES) {
            throw DdlException.tooLongKey(MAX_KEY_BYTES);
        }
        return out;
    }

    /** {@code addIndexColumnFlag} (pkg/ddl/index.go). */
    static void addIndexColumnFlag(List<ColumnInfo> cols, IndexInfo idx) {
        if (idx.primary()) {
            for (IndexColumn ic : idx.columns()) {
                ColumnInfo c = cols.get(ic.offset());
                cols.set(ic.offset(), ColumnBuilder.withFlags(c, c.type().flag() | ColumnFlag.PRI_KEY));
            }
            return;
        }
        ColumnInfo c = cols.get(idx.columns().get(0).offset());
        int add = idx.unique() && idx.columns().size() == 1 ? ColumnFlag.UNIQUE_KEY : ColumnFlag.MULTIPLE_KEY;
        cols.set(c.offset(), ColumnBuilder.withFlags(c, c.type().flag() | add));
    }

    /**
     * {@code dropIndexColumnFlag} (pkg/ddl/index.go): the dropped index's flag leaves its first column (all its
     * columns for the primary key), then indexes that still start with that column put theirs back.
     */
    static void dropIndexColumnFlag(List<ColumnInfo> cols, IndexInfo dropped, List<IndexInfo> remaining) {
        if (dropped.primary()) {
            for (IndexColumn ic : dropped.columns()) {
                ColumnInfo c = cols.get(ic.offset());
                cols.set(ic.offset(), ColumnBuilder.withFlags(c, c.type().flag() & ~ColumnFlag.PRI_KEY));
            }
        } else {
            ColumnInfo c = cols.get(dropped.columns().get(0).offset());
            int del = dropped.unique() && dropped.columns().size() == 1 ? ColumnFlag.UNIQUE_KEY : ColumnFlag.MULTIPLE_KEY;
            cols.set(c.offset(), ColumnBuilder.withFlags(c, c.type().flag() & ~del));
        }
        String first = dropped.columns().get(0).name().l();
        for (IndexInfo i : remaining) {
            if (i.columns().get(0).name().l().equals(first)) {
                addIndexColumnFlag(cols, i);
            }
        }
    }
}
