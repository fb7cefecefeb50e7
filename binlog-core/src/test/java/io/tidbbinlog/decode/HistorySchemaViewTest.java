package io.tidbbinlog.decode;

import com.google.protobuf.ByteString;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.binlog.MutationType;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.proto.binlog.TableMutation;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder over a real schema history: rows decode with the table as of their schema version. */
class HistorySchemaViewTest {
    private static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG,
            ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary", "binary", List.of());
    private static final FieldType VARCHAR = FieldType.of(MysqlType.VARCHAR, 0, 32, 0, "utf8mb4", "utf8mb4_bin",
            List.of());
    private static final FieldType INT_NOT_NULL = FieldType.of(MysqlType.LONG, ColumnFlag.NOT_NULL, 11, 0,
            "binary", "binary", List.of());

    private final SchemaHistory history = new SchemaHistory();
    private HistorySchemaView view;
    private Job addColumn;

    @BeforeEach
    void createTableThenAddAColumn() {
        DBInfo db = DBInfo.of(2, "test", "utf8mb4", "utf8mb4_bin");
        history.apply(Job.finished(1, ActionType.CREATE_SCHEMA, 2, 0, "test", "", "CREATE DATABASE test",
                new HistoryInfo(10, db, null, 0, List.of())));
        ColumnInfo id = ColumnInfo.of(1, "id", 0, BIGINT_PK);
        ColumnInfo name = ColumnInfo.of(2, "name", 1, VARCHAR);
        TableInfo v11 = TableInfo.of(45, "t", List.of(id, name), List.of(), true, false);
        history.apply(Job.finished(2, ActionType.CREATE_TABLE, 2, 45, "test", "t",
                "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(32))", new HistoryInfo(11, null, v11, 0, List.of())));
        ColumnInfo n = ColumnInfo.of(3, "n", 2, INT_NOT_NULL).withOriginDefault("7");
        TableInfo v12 = TableInfo.of(45, "t", List.of(id, name, n), List.of(), true, false);
        addColumn = Job.finished(3, ActionType.ADD_COLUMN, 2, 45, "test", "t",
                "ALTER TABLE t ADD COLUMN n INT NOT NULL DEFAULT 7", new HistoryInfo(12, null, v12, 0, List.of()));
        history.apply(addColumn);
        view = new HistorySchemaView(history);
    }

    private static Binlog insertAt(long schemaVersion, byte[] row) {
        TableMutation m = TableMutation.newBuilder().setTableId(45).addInsertedRows(ByteString.copyFrom(row))
                .addSequence(MutationType.Insert).build();
        return Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(100).setCommitTs(101)
                .setPrewriteValue(PrewriteValue.newBuilder().setSchemaVersion(schemaVersion).addMutations(m).build()
                        .toByteString()).build();
    }

    @Test
    void aRowWrittenBeforeAddColumnDecodesWithTheOldColumns() {
        // handle 5 | col 2 = "ab"
        byte[] row = {0x08, 0x0a, 0x08, 0x04, 0x02, 0x04, 0x61, 0x62};
        PumpBinlogDecoder decoder = new PumpBinlogDecoder(view, jobId -> null);

        RowChange old = decoder.decode(insertAt(11, row)).orElseThrow().rows().get(0);
        assertEquals(2, old.table().columns().size());
        assertArrayEquals(new Object[] {5L, "ab"}, old.after());

        RowChange current = decoder.decode(insertAt(12, row)).orElseThrow().rows().get(0);
        assertEquals(3, current.table().columns().size());
        assertArrayEquals(new Object[] {5L, "ab", 7L}, current.after());
    }

    @Test
    void theTableChangedAfterItsCreationButNotAfterTheAddColumn() {
        assertTrue(view.changedAfter(45, 11));
        assertFalse(view.changedAfter(45, 12));
        assertEquals("test", view.schemaNameAt(45, 11).orElseThrow());
    }

    @Test
    void aDdlJobIsDescribedByItsTargetAndVersion() {
        assertEquals(new DdlDescription("test", "t", 45, ActionType.ADD_COLUMN.code(), 12), view.describe(addColumn));
    }
}
