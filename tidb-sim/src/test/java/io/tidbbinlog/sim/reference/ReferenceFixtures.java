package io.tidbbinlog.sim.reference;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Transactions as the binlog delivers them (model values per the io.tidbbinlog.model package docs), for a table
 * with one column of every type the reference must carry, and a table without a primary key.
 */
final class ReferenceFixtures {
    static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20,
            0, "binary", "binary", List.of());
    static final FieldType UBIGINT = FieldType.of(MysqlType.LONGLONG, ColumnFlag.UNSIGNED, 20, 0, "binary", "binary",
            List.of());
    static final FieldType INT = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
    static final FieldType DECIMAL_65_30 = FieldType.of(MysqlType.NEWDECIMAL, 0, 65, 30, "binary", "binary",
            List.of());
    static final FieldType FLOAT = FieldType.of(MysqlType.FLOAT, 0, 12, -1, "binary", "binary", List.of());
    static final FieldType DOUBLE = FieldType.of(MysqlType.DOUBLE, 0, 22, -1, "binary", "binary", List.of());
    static final FieldType DATE = FieldType.of(MysqlType.DATE, 0, 10, 0, "binary", "binary", List.of());
    static final FieldType DATETIME6 = FieldType.of(MysqlType.DATETIME, 0, 26, 6, "binary", "binary", List.of());
    static final FieldType TIMESTAMP6 = FieldType.of(MysqlType.TIMESTAMP, 0, 26, 6, "binary", "binary", List.of());
    static final FieldType TIME6 = FieldType.of(MysqlType.DURATION, 0, 17, 6, "binary", "binary", List.of());
    static final FieldType YEAR = FieldType.of(MysqlType.YEAR, ColumnFlag.UNSIGNED | ColumnFlag.ZEROFILL, 4, 0,
            "binary", "binary", List.of());
    static final FieldType VARCHAR = FieldType.of(MysqlType.VARCHAR, 0, 64, 0, "utf8mb4", "utf8mb4_bin", List.of());
    static final FieldType BLOB = FieldType.of(MysqlType.BLOB, ColumnFlag.BINARY, 65535, 0, "binary", "binary",
            List.of());
    static final FieldType ENUM = FieldType.of(MysqlType.ENUM, 0, -1, -1, "utf8mb4", "utf8mb4_bin",
            List.of("a", "b", "c"));
    static final FieldType SET = FieldType.of(MysqlType.SET, 0, -1, -1, "utf8mb4", "utf8mb4_bin",
            List.of("x", "y", "z"));
    static final FieldType BIT64 = FieldType.of(MysqlType.BIT, ColumnFlag.UNSIGNED, 64, 0, "binary", "binary",
            List.of());
    static final FieldType JSON = FieldType.of(MysqlType.JSON, ColumnFlag.BINARY, 0, 0, "binary", "binary",
            List.of());

    static final String ALL_TYPES_DDL = "CREATE TABLE `all_types` ("
            + "`id` BIGINT NOT NULL, `u` BIGINT UNSIGNED NULL, `d` DECIMAL(65,30) NULL, `f` FLOAT NULL,"
            + " `db` DOUBLE NULL, `dt` DATE NULL, `dtm` DATETIME(6) NULL, `ts` TIMESTAMP(6) NULL DEFAULT NULL,"
            + " `tm` TIME(6) NULL, `y` YEAR NULL, `s` VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,"
            + " `b` BLOB NULL, `e` ENUM('a','b','c') NULL, `st` SET('x','y','z') NULL, `bt` BIT(64) NULL,"
            + " `j` JSON NULL, PRIMARY KEY (`id`))";

    static final TableMeta ALL_TYPES = new TableMeta(new TableRef("refdb", "all_types", 100), List.of(
            new ColumnMeta("id", 1, BIGINT_PK, true, false),
            new ColumnMeta("u", 2, UBIGINT, false, false),
            new ColumnMeta("d", 3, DECIMAL_65_30, false, false),
            new ColumnMeta("f", 4, FLOAT, false, false),
            new ColumnMeta("db", 5, DOUBLE, false, false),
            new ColumnMeta("dt", 6, DATE, false, false),
            new ColumnMeta("dtm", 7, DATETIME6, false, false),
            new ColumnMeta("ts", 8, TIMESTAMP6, false, false),
            new ColumnMeta("tm", 9, TIME6, false, false),
            new ColumnMeta("y", 10, YEAR, false, false),
            new ColumnMeta("s", 11, VARCHAR, false, false),
            new ColumnMeta("b", 12, BLOB, false, false),
            new ColumnMeta("e", 13, ENUM, false, false),
            new ColumnMeta("st", 14, SET, false, false),
            new ColumnMeta("bt", 15, BIT64, false, false),
            new ColumnMeta("j", 16, JSON, false, false)),
            List.of(new UniqueKey(UniqueKey.PRIMARY, List.of("id"))));

    static final String NO_PK_DDL = "CREATE TABLE `no_pk` (`a` INT NULL, `s` VARCHAR(64) NULL)";
    static final TableMeta NO_PK = new TableMeta(new TableRef("refdb", "no_pk", 101), List.of(
            new ColumnMeta("a", 1, INT, false, false),
            new ColumnMeta("s", 2, VARCHAR, false, false)), List.of());

    /** Row 1: the extremes of every type. */
    static Object[] extremes(long id) {
        return new Object[]{id, -1L /* 18446744073709551615 */,
                new BigDecimal("-99999999999999999999999999999999999.999999999999999999999999999999"),
                3.4028235e38f, -1.7976931348623157e308, new TidbTime(9999, 12, 31, 0, 0, 0, 0, MysqlType.DATE, 0),
                new TidbTime(1000, 1, 1, 0, 0, 0, 1, MysqlType.DATETIME, 6),
                new TidbTime(2038, 1, 19, 3, 14, 7, 999_999, MysqlType.TIMESTAMP, 6),
                Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), 2155L, "héllo 😀 'quoted' \\ back",
                new byte[]{0, (byte) 0xff, 0x27, 0x5c}, 3L, 7L, -1L /* all 64 bits */,
                "{\"k\": [1, 2.5, \"s\"], \"n\": null}"};
    }

    /** Row 2: ordinary values. */
    static Object[] ordinary(long id) {
        return new Object[]{id, 42L, new BigDecimal("1.500000000000000000000000000000"), 0.1f, 0.1, 
                new TidbTime(2024, 2, 29, 0, 0, 0, 0, MysqlType.DATE, 0),
                new TidbTime(2024, 2, 29, 23, 59, 59, 500_000, MysqlType.DATETIME, 6),
                new TidbTime(1970, 1, 1, 0, 0, 1, 0, MysqlType.TIMESTAMP, 6),
                Duration.ofHours(25).plusMillis(1), 1999L, "plain", new byte[]{1, 2, 3}, 1L, 5L, 1L, "[]"};
    }

    /** Row 4: zero values, including TiDB's zero dates and the empty ENUM value (index 0). */
    static Object[] zeros(long id) {
        return new Object[]{id, 0L, new BigDecimal("0E-30"), 0.0f, 0.0, TidbTime.zero(MysqlType.DATE, 0),
                TidbTime.zero(MysqlType.DATETIME, 6), TidbTime.zero(MysqlType.TIMESTAMP, 6), Duration.ZERO, 0L, "",
                new byte[0], 0L, 0L, 0L, "0"};
    }

    /** Row 3: SQL NULL everywhere but the key. */
    static Object[] nulls(long id) {
        Object[] row = new Object[ALL_TYPES.columns().size()];
        row[0] = id;
        return row;
    }

    static Object[] with(Object[] row, String column, Object value) {
        Object[] copy = row.clone();
        copy[ALL_TYPES.indexOf(column)] = value;
        return copy;
    }

    /** Hands out increasing start/commit timestamps. */
    static final class Clock {
        private long ts;

        Clock(long start) {
            this.ts = start;
        }

        Txn ddl(String schema, String table, String query) {
            long start = ++ts;
            long commit = ++ts;
            return Txn.ddl(start, commit, new DdlChange(schema, table, query, commit, 0, commit));
        }

        Txn dml(RowChange... rows) {
            return dml(List.of(rows));
        }

        Txn dml(List<RowChange> rows) {
            long start = ++ts;
            long commit = ++ts;
            return Txn.dml(start, commit, 1, rows);
        }
    }

    /** The database and both tables, created through DDL transactions. */
    static List<Txn> schema(Clock clock) {
        List<Txn> txns = new ArrayList<>();
        txns.add(clock.ddl("refdb", "", "CREATE DATABASE `refdb`"));
        txns.add(clock.ddl("refdb", "all_types", ALL_TYPES_DDL));
        txns.add(clock.ddl("refdb", "no_pk", NO_PK_DDL));
        return txns;
    }

    private ReferenceFixtures() {
    }
}
