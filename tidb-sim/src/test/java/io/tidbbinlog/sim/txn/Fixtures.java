package io.tidbbinlog.sim.txn;

import io.tidbbinlog.schema.CIStr;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.IndexColumn;
import io.tidbbinlog.schema.IndexInfo;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaState;
import io.tidbbinlog.schema.TableInfo;

import java.util.ArrayList;
import java.util.List;

/** Tables shaped as TiDB's schema API describes them, one per handle kind. */
final class Fixtures {
    static final DBInfo SHOP = DBInfo.of(1, "Shop", "utf8mb4", "utf8mb4_bin");
    static final long ITEMS_ID = 101;
    static final long PAIRS_ID = 102;
    static final long LOGS_ID = 103;

    private Fixtures() {
    }

    static FieldType num(int tp, int flag, int flen) {
        return FieldType.of(tp, flag, flen, 0, "binary", "binary", List.of());
    }

    static FieldType text(int tp, int flag, int flen) {
        return FieldType.of(tp, flag, flen, -1, "utf8mb4", "utf8mb4_bin", List.of());
    }

    static ColumnInfo withDefaults(ColumnInfo c, Object origin, Object current) {
        return new ColumnInfo(c.id(), c.name(), c.offset(), origin, null, current, null, false, "", false, null,
                c.type(), SchemaState.PUBLIC.code(), "", false, null, 2);
    }

    static IndexInfo index(long id, String name, String table, boolean primary, TableColumns cols, String... names) {
        List<IndexColumn> ics = new ArrayList<>();
        for (String n : names) {
            ics.add(new IndexColumn(CIStr.of(n), cols.offsetOf(n), IndexColumn.UNSPECIFIED_LENGTH));
        }
        return new IndexInfo(id, CIStr.of(name), CIStr.of(table), ics, SchemaState.PUBLIC.code(), "", 1, true,
                primary, false, false);
    }

    /** Columns with consecutive ids and offsets. */
    static final class TableColumns {
        final List<ColumnInfo> list = new ArrayList<>();

        TableColumns add(String name, FieldType type) {
            list.add(ColumnInfo.of(list.size() + 1, name, list.size(), type));
            return this;
        }

        TableColumns addWithDefaults(String name, FieldType type, Object origin, Object current) {
            list.add(withDefaults(ColumnInfo.of(list.size() + 1, name, list.size(), type), origin, current));
            return this;
        }

        int offsetOf(String name) {
            for (ColumnInfo c : list) {
                if (c.name().o().equals(name)) {
                    return c.offset();
                }
            }
            throw new IllegalArgumentException(name);
        }
    }

    /** Items: BIGINT primary key as the int handle, and a column of every type TiDB binlog carries. */
    static TableInfo items() {
        TableColumns c = new TableColumns()
                .add("id", num(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20))
                .add("c_tiny", num(MysqlType.TINY, 0, 4))
                .add("c_uint", num(MysqlType.LONGLONG, ColumnFlag.UNSIGNED, 20))
                .add("c_year", num(MysqlType.YEAR, ColumnFlag.UNSIGNED | ColumnFlag.ZEROFILL, 4))
                .add("c_float", FieldType.of(MysqlType.FLOAT, 0, 12, -1, "binary", "binary", List.of()))
                .add("c_double", FieldType.of(MysqlType.DOUBLE, 0, 22, -1, "binary", "binary", List.of()))
                .add("c_dec", FieldType.of(MysqlType.NEWDECIMAL, 0, 10, 2, "binary", "binary", List.of()))
                .add("c_date", FieldType.of(MysqlType.DATE, 0, 10, 0, "binary", "binary", List.of()))
                .add("c_dt", FieldType.of(MysqlType.DATETIME, 0, 23, 3, "binary", "binary", List.of()))
                .add("c_ts", FieldType.of(MysqlType.TIMESTAMP, 0, 26, 6, "binary", "binary", List.of()))
                .add("c_time", FieldType.of(MysqlType.DURATION, 0, 13, 2, "binary", "binary", List.of()))
                .add("c_enum", FieldType.of(MysqlType.ENUM, 0, 1, -1, "utf8mb4", "utf8mb4_bin",
                        List.of("a", "b", "c")))
                .add("c_set", FieldType.of(MysqlType.SET, 0, 3, -1, "utf8mb4", "utf8mb4_bin", List.of("x", "y")))
                .add("c_bit", num(MysqlType.BIT, ColumnFlag.UNSIGNED, 8))
                .add("c_json", FieldType.of(MysqlType.JSON, ColumnFlag.BINARY, -1, 0, "binary", "binary",
                        List.of()))
                .add("c_char", text(MysqlType.STRING, 0, 10))
                .add("c_varchar", text(MysqlType.VARCHAR, 0, 20))
                .add("c_text", text(MysqlType.BLOB, 0, 65535))
                .add("c_blob", num(MysqlType.BLOB, ColumnFlag.BINARY, 65535))
                .add("c_binary", num(MysqlType.STRING, ColumnFlag.BINARY, 4))
                .addWithDefaults("c_def", num(MysqlType.LONG, ColumnFlag.NOT_NULL, 11), null, "42")
                .addWithDefaults("c_added", num(MysqlType.LONG, 0, 11), "7", "7");
        return TableInfo.of(ITEMS_ID, "Items", c.list, List.of(), true, false);
    }

    /** Pairs: clustered primary key (k1 VARCHAR, k2 INT, k3 CHAR): TiDB's common handle. */
    static TableInfo pairs() {
        TableColumns c = new TableColumns()
                .add("k1", text(MysqlType.VARCHAR, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 16))
                .add("k2", num(MysqlType.LONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 11))
                .add("k3", text(MysqlType.STRING, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 4))
                .add("v", text(MysqlType.VARCHAR, 0, 20));
        return TableInfo.of(PAIRS_ID, "pairs", c.list,
                List.of(index(1, "PRIMARY", "pairs", true, c, "k1", "k2", "k3")), false, true);
    }

    /** Logs: no primary key, so rows live under the hidden _tidb_rowid; a unique index on a. */
    static TableInfo logs() {
        TableColumns c = new TableColumns()
                .add("a", num(MysqlType.LONG, ColumnFlag.NOT_NULL | ColumnFlag.UNIQUE_KEY, 11))
                .add("b", text(MysqlType.VARCHAR, 0, 20));
        return TableInfo.of(LOGS_ID, "logs", c.list, List.of(index(1, "u_a", "logs", false, c, "a")), false,
                false);
    }

    static InMemoryCatalog catalog() {
        return new InMemoryCatalog().database(SHOP).table(SHOP.id(), items()).table(SHOP.id(), pairs())
                .table(SHOP.id(), logs());
    }
}
