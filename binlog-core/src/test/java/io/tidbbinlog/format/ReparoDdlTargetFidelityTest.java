package io.tidbbinlog.format;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.DdlChange;
import io.tidbbinlog.proto.pbbinlog.Binlog;
import io.tidbbinlog.proto.pbbinlog.BinlogType;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The database and table a pb_binlog DDL applies to, as Reparo reads them.
 *
 * <p>Reparo parses the record's DDL text with TiDB's parser ({@code tidb-binlog reparo/syncer/translate.go
 * parserSchemaTableFromDDL}; the filter in {@code reparo/ddl.go parseDDL} does the same): the schema starts as the
 * {@code use} statement's database; CREATE/DROP DATABASE name the schema; CREATE TABLE, ALTER TABLE, DROP TABLE
 * (first table), TRUNCATE TABLE, CREATE INDEX, DROP INDEX, CREATE VIEW name the table and, when the name is
 * qualified, replace the schema; RENAME TABLE names the NEW table of its first pair.
 */
class ReparoDdlTargetFidelityTest {
    private final PbBinlogConverter converter = new PbBinlogConverter(ZoneOffset.UTC);

    private DdlChange read(String ddlQuery) {
        Binlog b = Binlog.newBuilder().setTp(BinlogType.DDL).setCommitTs(9)
                .setDdlQuery(ByteString.copyFromUtf8(ddlQuery)).build();
        return converter.fromPb(b).ddl();
    }

    private void assertTarget(String schema, String table, String ddlQuery) {
        DdlChange d = read(ddlQuery);
        assertEquals(schema, d.schema(), "schema of " + ddlQuery);
        assertEquals(table, d.table(), "table of " + ddlQuery);
    }

    @Test
    void unqualifiedTableStatementsNameTheTableInTheUseDatabase() {
        assertTarget("db1", "t", "use `db1`; CREATE TABLE t (id INT);");
        assertTarget("db1", "t", "use `db1`; create table if not exists `t`(id int);");
        assertTarget("db1", "t", "use `db1`; ALTER TABLE t ADD COLUMN c INT;");
        assertTarget("db1", "t", "use `db1`; TRUNCATE TABLE t;");
        assertTarget("db1", "t", "use `db1`; truncate t;");
        assertTarget("db1", "t", "use `db1`; CREATE UNIQUE INDEX `on` ON t (c);");
        assertTarget("db1", "t", "use `db1`; DROP INDEX i ON t;");
        assertTarget("db1", "a", "use `db1`; DROP TABLE IF EXISTS a, b;");
        assertTarget("db1", "v", "use `db1`; CREATE OR REPLACE ALGORITHM=UNDEFINED DEFINER=`root`@`%` SQL SECURITY"
                + " DEFINER VIEW v AS SELECT 1;");
    }

    @Test
    void aQualifiedNameReplacesTheUseDatabase() {
        assertTarget("db2", "t", "use `db1`; CREATE TABLE db2.t (id INT);");
        assertTarget("d`b", "my t", "use `db1`; ALTER TABLE `d``b` . `my t` ADD c INT;");
        assertTarget("db3", "new", "use `db1`; RENAME TABLE db1.old TO db3.new;");
        assertTarget("db1", "new", "use `db1`; RENAME TABLE old TO new, x TO y;");
    }

    @Test
    void dropDatabaseNamesTheDatabase() {
        assertTarget("gone", "", "use `gone`; DROP DATABASE IF EXISTS `gone`;");
        assertTarget("x", "", "CREATE DATABASE x;");
    }
}
