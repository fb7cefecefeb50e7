package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import io.tidbbinlog.sim.catalog.TableDef;

import java.util.ArrayList;
import java.util.List;

/**
 * The standard tables every run starts with, in two databases. Names never change between versions: tests and the
 * verifier refer to them.
 *
 * <ul>
 *   <li>{@value #MAIN_DB}.{@value #INT_PK}: every column type, a BIGINT primary key (TiDB's int handle), a unique
 *       key and a plain index;</li>
 *   <li>{@value #MAIN_DB}.{@value #CLUSTERED}: every column type, a clustered (varchar, int) primary key (common
 *       handle);</li>
 *   <li>{@value #MAIN_DB}.{@value #NARROW}: three columns, int handle, for high-rate benchmarks;</li>
 *   <li>{@value #SECOND_DB}.{@value #NO_PK}: every column type, no key at all (hidden {@code _tidb_rowid});</li>
 *   <li>{@value #SECOND_DB}.{@value #NO_PK_UNIQUE}: no primary key but a NOT NULL unique key (still
 *       {@code _tidb_rowid} in TiDB, a row identity for the downstream);</li>
 *   <li>{@value #SECOND_DB}.{@value #LARGE_VALUES}: a BLOB and a TEXT column, for large transactions.</li>
 * </ul>
 */
public final class WorkloadTables {
    public static final String MAIN_DB = "sim_main";
    public static final String SECOND_DB = "sim_second";
    public static final String INT_PK = "all_types_int_pk";
    public static final String CLUSTERED = "all_types_clustered";
    public static final String NARROW = "narrow";
    public static final String NO_PK = "all_types_no_pk";
    public static final String NO_PK_UNIQUE = "no_pk_unique";
    public static final String LARGE_VALUES = "large_values";

    /** Every SQL type the workload uses, as {@link ColumnDef#sqlType()} spells it. */
    public static final List<String> SQL_TYPES = List.of(
            "tinyint", "tinyint unsigned", "smallint", "smallint unsigned", "mediumint", "mediumint unsigned",
            "int", "int unsigned", "bigint", "bigint unsigned",
            "decimal(65,30)", "decimal(10,2)", "float", "double",
            "char(16)", "varchar(255)", "varchar(64)", "varchar(32)", "text", "blob", "binary(8)", "varbinary(64)",
            "date", "datetime(6)", "timestamp(6)", "time", "year",
            "enum('red','green','blue')", "set('a','b','c','d')", "bit(1)", "bit(17)", "bit(64)", "json");

    private WorkloadTables() {
    }

    /** The standard schema: {@value #MAIN_DB} and {@value #SECOND_DB} with their tables, in a fixed order. */
    public static WorkloadSchema standard() {
        return new WorkloadSchema(List.of(
                new WorkloadSchema.Database(MAIN_DB, List.of(intPk(), clustered(), narrow())),
                new WorkloadSchema.Database(SECOND_DB, List.of(noPk(), noPkUnique(), largeValues()))));
    }

    /** One nullable column per workload type, named {@code c_<type>}. */
    public static List<ColumnDef> allTypeColumns() {
        return List.of(
                ColumnDef.nullable("c_tinyint", "tinyint"),
                ColumnDef.nullable("c_tinyint_u", "tinyint unsigned"),
                ColumnDef.nullable("c_smallint", "smallint"),
                ColumnDef.nullable("c_smallint_u", "smallint unsigned"),
                ColumnDef.nullable("c_mediumint", "mediumint"),
                ColumnDef.nullable("c_mediumint_u", "mediumint unsigned"),
                ColumnDef.nullable("c_int", "int"),
                ColumnDef.nullable("c_int_u", "int unsigned"),
                ColumnDef.nullable("c_bigint", "bigint"),
                ColumnDef.nullable("c_bigint_u", "bigint unsigned"),
                ColumnDef.nullable("c_decimal_65_30", "decimal(65,30)"),
                ColumnDef.nullable("c_decimal_10_2", "decimal(10,2)"),
                ColumnDef.nullable("c_float", "float"),
                ColumnDef.nullable("c_double", "double"),
                ColumnDef.nullable("c_char", "char(16)"),
                ColumnDef.nullable("c_varchar", "varchar(255)"),
                ColumnDef.nullable("c_text", "text"),
                ColumnDef.nullable("c_blob", "blob"),
                ColumnDef.nullable("c_binary", "binary(8)"),
                ColumnDef.nullable("c_varbinary", "varbinary(64)"),
                ColumnDef.nullable("c_date", "date"),
                ColumnDef.nullable("c_datetime", "datetime(6)"),
                ColumnDef.nullable("c_timestamp", "timestamp(6)"),
                ColumnDef.nullable("c_time", "time"),
                ColumnDef.nullable("c_year", "year"),
                ColumnDef.nullable("c_enum", "enum('red','green','blue')"),
                ColumnDef.nullable("c_set", "set('a','b','c','d')"),
                ColumnDef.nullable("c_bit1", "bit(1)"),
                ColumnDef.nullable("c_bit17", "bit(17)"),
                ColumnDef.nullable("c_bit64", "bit(64)"),
                ColumnDef.nullable("c_json", "json"),
                // Always written: rows never consist of NULLs only, and a NOT NULL column is covered.
                ColumnDef.notNull("c_not_null", "varchar(32)"));
    }

    private static TableDef intPk() {
        List<ColumnDef> cols = new ArrayList<>();
        cols.add(ColumnDef.notNull("id", "bigint"));
        cols.add(ColumnDef.nullable("uk_code", "varchar(64)"));
        cols.addAll(allTypeColumns());
        return new TableDef(INT_PK, cols, List.of(
                IndexDef.primaryKey("id"),
                IndexDef.unique("uk_all_types_int_pk_code", "uk_code"),
                IndexDef.plain("idx_all_types_int_pk_int", "c_int")), false);
    }

    private static TableDef clustered() {
        List<ColumnDef> cols = new ArrayList<>();
        cols.add(ColumnDef.notNull("k_str", "varchar(64)"));
        cols.add(ColumnDef.notNull("k_int", "int"));
        cols.addAll(allTypeColumns());
        return new TableDef(CLUSTERED, cols, List.of(IndexDef.primaryKey("k_str", "k_int")), true);
    }

    private static TableDef narrow() {
        return new TableDef(NARROW, List.of(
                ColumnDef.notNull("id", "bigint"),
                ColumnDef.nullable("v", "int"),
                ColumnDef.nullable("s", "varchar(32)")), List.of(IndexDef.primaryKey("id")), false);
    }

    private static TableDef noPk() {
        return new TableDef(NO_PK, allTypeColumns(), List.of(), false);
    }

    private static TableDef noPkUnique() {
        return new TableDef(NO_PK_UNIQUE, List.of(
                ColumnDef.notNull("uk_id", "bigint"),
                ColumnDef.nullable("c_varchar", "varchar(255)"),
                ColumnDef.nullable("c_decimal_10_2", "decimal(10,2)"),
                ColumnDef.nullable("c_datetime", "datetime(6)")), List.of(IndexDef.unique("uk_no_pk_unique_id", "uk_id")),
                false);
    }

    private static TableDef largeValues() {
        return new TableDef(LARGE_VALUES, List.of(
                ColumnDef.notNull("id", "bigint"),
                ColumnDef.nullable("payload", "blob"),
                ColumnDef.nullable("note", "text")), List.of(IndexDef.primaryKey("id")), false);
    }
}
