package io.tidbbinlog.format;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.proto.pbbinlog.Event;
import io.tidbbinlog.proto.pbbinlog.column;
import io.tidbbinlog.proto.secondary.Row;
import io.tidbbinlog.proto.secondary.TableMutation;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generated columns in updates, as drainer writes them.
 *
 * <p>Drainer decodes an update row with the columns of {@code writableColumns}
 * ({@code tidb-binlog drainer/translator/mysql.go}: public AND NOT generated, stored or virtual), through
 * {@code newUpdateDecoder}/{@code DecodeOldAndNewRow} ({@code translator.go}); the value TiDB writes for a
 * STORED generated column is skipped there. So:
 * <ul>
 *   <li>pb_binlog ({@code pb.go genUpdate}) lists only those columns: a generated column is not in the event;</li>
 *   <li>secondary binlog ({@code kafka.go updateRowToRow}) walks all table columns, finds no datum for the
 *       generated column and writes a zero Datum, which {@code DatumToColumn} turns into {@code is_null} in both
 *       {@code row} and {@code change_row}.</li>
 * </ul>
 * Inserts and deletes decode every column ({@code insertRowToDatums}, {@code DecodeRowToDatumMap}), so a stored
 * generated column keeps its value there.
 */
class UpdateGeneratedColumnFidelityTest {
    private static final FieldType INT_PK = FieldType.of(MysqlType.LONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL,
            11, 0, "binary", "binary", List.of());
    private static final FieldType INT = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());

    /** CREATE TABLE t (id INT PRIMARY KEY, a INT, g INT AS (a + 1) STORED). */
    private static final TableMeta TABLE = new TableMeta(new TableRef("test", "t", 50), List.of(
            new ColumnMeta("id", 1, INT_PK, true, false),
            new ColumnMeta("a", 2, INT, false, false),
            new ColumnMeta("g", 3, INT, false, true)),
            List.of(new UniqueKey("PRIMARY", List.of("id"))));

    private static Txn updateAToTwo() {
        return Txn.dml(1, 2, 3, List.of(RowChange.update(TABLE, new Object[] {7L, 1L, 2L},
                new Object[] {7L, 2L, 3L})));
    }

    @Test
    void pbBinlogUpdateLeavesGeneratedColumnsOut() throws InvalidProtocolBufferException {
        Event event = new PbBinlogConverter(ZoneOffset.UTC).toPb(updateAToTwo()).getDmlData().getEvents(0);
        List<String> names = new ArrayList<>();
        for (var raw : event.getRowList()) {
            names.add(column.parseFrom(raw).getName());
        }
        assertEquals(List.of("id", "a"), names);
    }

    @Test
    void secondaryBinlogUpdateReportsGeneratedColumnsAsNullInBothImages() {
        TableMutation m = new SecondaryBinlogConverter(ZoneOffset.UTC).toSecondary(updateAToTwo())
                .getDmlData().getTables(0).getMutations(0);
        Row after = m.getRow();
        Row before = m.getChangeRow();
        assertEquals(3, after.getColumnsCount());
        assertEquals(2L, after.getColumns(1).getInt64Value());
        assertEquals(1L, before.getColumns(1).getInt64Value());
        assertTrue(after.getColumns(2).getIsNull());
        assertTrue(before.getColumns(2).getIsNull());
    }

    @Test
    void insertsAndDeletesKeepTheStoredGeneratedValue() {
        Txn txn = Txn.dml(1, 2, 3, List.of(RowChange.insert(TABLE, new Object[] {7L, 1L, 2L}),
                RowChange.delete(TABLE, new Object[] {7L, 1L, 2L})));
        var table = new SecondaryBinlogConverter(ZoneOffset.UTC).toSecondary(txn).getDmlData().getTables(0);
        for (TableMutation m : table.getMutationsList()) {
            assertFalse(m.getRow().getColumns(2).getIsNull());
            assertEquals(2L, m.getRow().getColumns(2).getInt64Value());
        }
        assertEquals(3, new PbBinlogConverter(ZoneOffset.UTC).toPb(txn).getDmlData().getEvents(1).getRowCount());
    }
}
