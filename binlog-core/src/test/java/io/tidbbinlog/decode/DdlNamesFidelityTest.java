package io.tidbbinlog.decode;

import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.HistoryInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.SchemaHistory;
import io.tidbbinlog.schema.TableInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The schema and table names a DDL goes out with, compared with drainer.
 *
 * <p>TiDB fills a job's {@code schema_name}/{@code table_name} with LOWER-CASED names ({@code tidb ddl/ddl_api.go}:
 * {@code SchemaName: schema.Name.L, TableName: t.Meta().Name.L}). Drainer does not use them: its
 * {@code Schema.handleDDL} ({@code tidb-binlog drainer/schema.go}) names the schema by {@code job.SchemaID} in its
 * own schema ({@code schema.Name.O}) and the table by the job's binlog table info ({@code tbInfo.Name.O}, the new
 * name after a RENAME), or, for DROP TABLE / DROP DATABASE, by the name it had before. Those names go into the
 * secondary binlog's {@code DDLData} ({@code kafka.go}) and the pb_binlog {@code use `db`;} prefix
 * ({@code pb.go}), so a database {@code MyDb} must not become {@code mydb} downstream.
 */
class DdlNamesFidelityTest {
    private static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG,
            ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary", "binary", List.of());

    private final SchemaHistory history = new SchemaHistory();
    private HistorySchemaView view;
    private TableInfo table;

    @BeforeEach
    void createMixedCaseDatabaseAndTable() {
        DBInfo db = DBInfo.of(2, "MyDb", "utf8mb4", "utf8mb4_bin");
        history.apply(Job.finished(1, ActionType.CREATE_SCHEMA, 2, 0, "mydb", "", "CREATE DATABASE MyDb",
                new HistoryInfo(10, db, null, 0, List.of())));
        table = TableInfo.of(45, "MyTable", List.of(ColumnInfo.of(1, "id", 0, BIGINT_PK)), List.of(), true, false);
        history.apply(Job.finished(2, ActionType.CREATE_TABLE, 2, 45, "mydb", "mytable",
                "CREATE TABLE MyTable (id BIGINT PRIMARY KEY)", new HistoryInfo(11, null, table, 0, List.of())));
        view = new HistorySchemaView(history);
    }

    @Test
    void tableDdlIsNamedWithTheOriginalCaseOfDatabaseAndTable() {
        Job create = Job.finished(2, ActionType.CREATE_TABLE, 2, 45, "mydb", "mytable",
                "CREATE TABLE MyTable (id BIGINT PRIMARY KEY)", new HistoryInfo(11, null, table, 0, List.of()));
        DdlDescription d = view.describe(create);
        assertEquals("MyDb", d.schemaName());
        assertEquals("MyTable", d.tableName());
    }

    @Test
    void renameIsNamedWithTheNewTableName() {
        TableInfo renamed = TableInfo.of(45, "NewName", table.columns(), List.of(), true, false);
        // TiDB's rename job carries the OLD table name (lower-cased) in table_name.
        Job rename = Job.finished(3, ActionType.RENAME_TABLE, 2, 45, "mydb", "mytable",
                "RENAME TABLE MyTable TO NewName", new HistoryInfo(12, null, renamed, 0, List.of()));
        history.apply(rename);
        DdlDescription d = view.describe(rename);
        assertEquals("MyDb", d.schemaName());
        assertEquals("NewName", d.tableName());
    }

    @Test
    void dropDatabaseIsNamedWithTheDroppedDatabaseOriginalName() {
        Job drop = Job.finished(4, ActionType.DROP_SCHEMA, 2, 0, "mydb", "", "DROP DATABASE MyDb",
                new HistoryInfo(12, DBInfo.of(2, "MyDb", "utf8mb4", "utf8mb4_bin"), null, 0, List.of()));
        history.apply(drop);
        DdlDescription d = view.describe(drop);
        assertEquals("MyDb", d.schemaName());
        assertEquals("", d.tableName());
    }
}
