package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.TableInfo;
import io.tidbbinlog.testservices.MariaDbExtension;
import io.tidbbinlog.testservices.MariaDbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every DDL query the catalog generates runs on the reference MariaDB 10.11 (which executes the DDL binlogs), and
 * leaves there the same tables with the same columns in the same order as the catalog has.
 */
@ExtendWith(MariaDbExtension.class)
class DdlQueriesOnMariaDbTest {

    private final AtomicLong tso = new AtomicLong(460_000_000_000L << 18);
    private final Catalog catalog = new Catalog(100, 30, ZoneOffset.UTC);

    private long ts() {
        return tso.addAndGet(1 << 18);
    }

    @Test
    void everyGeneratedQueryRunsOnMariaDbAndLeavesTheSameColumns(MariaDbServer mariadb) throws SQLException {
        try (Connection conn = DriverManager.getConnection(mariadb.jdbcUrl(), "root", "")) {
            try (Statement st = conn.createStatement()) {
                st.execute("SET time_zone = '+00:00'");
            }
            List<PreparedDdlStep> steps = new ArrayList<>();
            steps.add(() -> catalog.createDatabase("sim_a", ts()));
            steps.add(() -> catalog.createDatabase("Sim`B", ts()));
            steps.add(() -> catalog.createTable("sim_a", allTypes(), ts()));
            steps.add(() -> catalog.createTable("sim_a", new TableDef("clustered",
                    List.of(ColumnDef.notNull("region", "varchar(32)"), ColumnDef.notNull("seq", "bigint unsigned"),
                            ColumnDef.nullable("v", "decimal(65,30)")),
                    List.of(IndexDef.primaryKey("region", "seq"), IndexDef.plain("iv", "v")), true), ts()));
            steps.add(() -> catalog.createTable("sim_a", new TableDef("nonclustered",
                    List.of(ColumnDef.notNull("k", "char(10)"), ColumnDef.nullable("v", "int")),
                    List.of(IndexDef.primaryKey("k")), false), ts()));
            steps.add(() -> catalog.createTable("sim_a", new TableDef("no_pk",
                    List.of(ColumnDef.nullable("a", "int"), ColumnDef.nullable("b", "varchar(10)")),
                    List.of(IndexDef.unique("ub", "b")), false), ts()));
            steps.add(() -> catalog.addColumn("sim_a", "no_pk", new ColumnDef("first", "bigint", false, "7"),
                    ColumnPosition.atFirst(), ts()));
            steps.add(() -> catalog.addColumn("sim_a", "no_pk", new ColumnDef("mid", "datetime(3)", true,
                    "'2020-01-02 03:04:05.678'"), ColumnPosition.after("a"), ts()));
            steps.add(() -> catalog.addColumn("sim_a", "no_pk", new ColumnDef("ts", "timestamp", true,
                    "CURRENT_TIMESTAMP"), ColumnPosition.last(), ts()));
            steps.add(() -> catalog.addColumn("sim_a", "no_pk", ColumnDef.notNull("e", "enum('x','y''s')"),
                    ColumnPosition.last(), ts()));
            steps.add(() -> catalog.modifyColumn("sim_a", "no_pk", ColumnDef.nullable("b", "varchar(40)"), ts()));
            steps.add(() -> catalog.modifyColumn("sim_a", "no_pk", ColumnDef.nullable("a", "bigint"), ts()));
            steps.add(() -> catalog.modifyColumn("sim_a", "no_pk", new ColumnDef("a", "varchar(20)", true, "'n/a'"),
                    ts()));
            steps.add(() -> catalog.addIndex("sim_a", "no_pk", IndexDef.plain("i_a_mid", "a", "mid"), ts()));
            steps.add(() -> catalog.addIndex("sim_a", "no_pk", IndexDef.primaryKey("first"), ts()));
            steps.add(() -> catalog.dropIndex("sim_a", "no_pk", "ub", ts()));
            steps.add(() -> catalog.dropIndex("sim_a", "no_pk", "PRIMARY", ts()));
            steps.add(() -> catalog.dropColumn("sim_a", "no_pk", "ts", ts()));
            steps.add(() -> catalog.dropColumn("sim_a", "nonclustered", "v", ts()));
            steps.add(() -> catalog.truncateTable("sim_a", "clustered", ts()));
            steps.add(() -> catalog.renameTable("sim_a", "clustered", "Sim`B", "moved`t", ts()));
            steps.add(() -> catalog.renameTable("sim_a", "no_pk", "sim_a", "renamed", ts()));
            steps.add(() -> catalog.createTable("Sim`B", new TableDef("doomed",
                    List.of(ColumnDef.nullable("x", "int")), List.of(), false), ts()));
            steps.add(() -> catalog.dropTable("Sim`B", "doomed", ts()));
            steps.add(() -> catalog.createDatabase("sim_c", ts()));
            steps.add(() -> catalog.createTable("sim_c", new TableDef("t",
                    List.of(ColumnDef.nullable("x", "int")), List.of(), false), ts()));
            steps.add(() -> catalog.dropDatabase("sim_c", ts()));
            for (PreparedDdlStep step : steps) {
                DdlOutcome out = step.prepare().commit(ts());
                try (Statement st = conn.createStatement()) {
                    st.execute(out.query());
                } catch (SQLException e) {
                    throw new AssertionError("MariaDB refused " + out.query() + ": " + e.getMessage(), e);
                }
            }
            for (DBInfo db : catalog.databases()) {
                for (TableInfo t : catalog.tables(db.name().o())) {
                    assertEquals(catalogColumns(t), mariaDbColumns(conn, db.name().o(), t.name().o()),
                            db.name().o() + "." + t.name().o());
                }
            }
            assertEquals(java.util.Set.of("Sim`B", "sim_a"), java.util.Set.copyOf(mariaDbDatabases(conn)));
        }
    }

    @FunctionalInterface
    private interface PreparedDdlStep {
        PreparedDdl prepare();
    }

    private static TableDef allTypes() {
        return new TableDef("all_types", List.of(
                ColumnDef.notNull("id", "bigint"),
                new ColumnDef("c_tiny", "tinyint", true, "-1"),
                new ColumnDef("c_tiny_u", "tinyint unsigned", false, "255"),
                ColumnDef.nullable("c_small", "smallint"),
                ColumnDef.nullable("c_small_u", "smallint unsigned"),
                ColumnDef.nullable("c_medium", "mediumint"),
                ColumnDef.nullable("c_medium_u", "mediumint unsigned"),
                new ColumnDef("c_int", "int", true, "42"),
                ColumnDef.nullable("c_int_u", "int unsigned"),
                ColumnDef.nullable("c_big_u", "bigint unsigned"),
                new ColumnDef("c_dec", "decimal(10,2)", true, "3.14"),
                ColumnDef.nullable("c_dec_max", "decimal(65,30)"),
                new ColumnDef("c_float", "float", true, "1.5"),
                ColumnDef.nullable("c_double", "double"),
                new ColumnDef("c_char", "char(5)", true, "'ab'"),
                new ColumnDef("c_varchar", "varchar(255)", false, "'it''s \\\\ ok'"),
                ColumnDef.nullable("c_text", "text"),
                ColumnDef.nullable("c_blob", "blob"),
                new ColumnDef("c_binary", "binary(4)", true, "'ab'"),
                ColumnDef.nullable("c_varbinary", "varbinary(16)"),
                new ColumnDef("c_date", "date", true, "'2020-02-29'"),
                new ColumnDef("c_datetime", "datetime(6)", true, "'2020-01-02 03:04:05.123456'"),
                new ColumnDef("c_timestamp", "timestamp(3)", true, "'2021-06-07 08:09:10.5'"),
                ColumnDef.notNull("c_timestamp_nn", "timestamp"),
                new ColumnDef("c_time", "time(2)", true, "'-12:34:56.78'"),
                new ColumnDef("c_year", "year", true, "2024"),
                new ColumnDef("c_enum", "enum('a','b','c d')", true, "'b'"),
                new ColumnDef("c_set", "set('x','y','z')", true, "'z,x'"),
                new ColumnDef("c_bit", "bit(7)", true, "b'1010101'"),
                ColumnDef.nullable("c_bit64", "bit(64)"),
                ColumnDef.nullable("c_json", "json")),
                List.of(IndexDef.primaryKey("id"), IndexDef.unique("u_char", "c_char"),
                        IndexDef.plain("i_dt_int", "c_datetime", "c_int")), false);
    }

    private static List<String> catalogColumns(TableInfo t) {
        List<String> out = new ArrayList<>();
        for (ColumnInfo c : t.publicColumns()) {
            out.add(c.name().o());
        }
        return out;
    }

    private static List<String> mariaDbColumns(Connection conn, String db, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, db);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> mariaDbDatabases(Connection conn) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'sim%' ")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
