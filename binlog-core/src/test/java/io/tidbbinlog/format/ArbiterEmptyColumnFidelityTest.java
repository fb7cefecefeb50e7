package io.tidbbinlog.format;

import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.proto.secondary.Binlog;
import io.tidbbinlog.proto.secondary.BinlogType;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.proto.secondary.ColumnInfo;
import io.tidbbinlog.proto.secondary.DMLData;
import io.tidbbinlog.proto.secondary.MutationType;
import io.tidbbinlog.proto.secondary.Row;
import io.tidbbinlog.proto.secondary.Table;
import io.tidbbinlog.proto.secondary.TableMutation;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A secondary-binlog column that carries no value and is not NULL, as Arbiter reads it.
 *
 * <p>Drainer can write one: a NOT NULL binary string column it fills with TiDB's zero value
 * ({@code table.GetZeroValue}: {@code d.SetString("", collate)}, whose bytes are nil) goes through
 * {@code DatumToColumn} ({@code tidb-binlog drainer/translator/kafka.go}, case "varbinary"/"blob"...:
 * {@code col.BytesValue = datum.GetBytes()}), and a nil {@code bytes} field is not written. Arbiter's
 * {@code columnToArg} ({@code pkg/loader/translate.go}) then finds no int64/uint64/double/bytes value and returns
 * {@code c.GetStringValue()}, the empty string: the row applies with an empty value.
 */
class ArbiterEmptyColumnFidelityTest {
    private static Binlog oneInsert(String mysqlType) {
        Table table = Table.newBuilder().setSchemaName("test").setTableName("t")
                .addColumnInfo(ColumnInfo.newBuilder().setName("c").setMysqlType(mysqlType).setIsPrimaryKey(false)
                        .setFlen(16).setDecimal(0))
                .addMutations(TableMutation.newBuilder().setType(MutationType.Insert)
                        .setRow(Row.newBuilder().addColumns(Column.newBuilder())))
                .build();
        return Binlog.newBuilder().setType(BinlogType.DML).setCommitTs(7)
                .setDmlData(DMLData.newBuilder().addTables(table)).build();
    }

    private static Object readOnlyValue(String mysqlType) {
        RowChange row = new SecondaryBinlogConverter(ZoneOffset.UTC).fromSecondary(oneInsert(mysqlType)).rows()
                .get(0);
        return row.after()[0];
    }

    @Test
    void aBinaryStringColumnWithoutAnyValueIsEmpty() {
        assertArrayEquals(new byte[0], (byte[]) readOnlyValue("varbinary"));
        assertArrayEquals(new byte[0], (byte[]) readOnlyValue("blob"));
    }

    @Test
    void aTextColumnWithoutAnyValueIsTheEmptyString() {
        assertEquals("", readOnlyValue("varchar"));
    }

    @Test
    void aNumericColumnWithoutAnyValueIsStillAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> readOnlyValue("int"));
        assertEquals(true, e.getMessage().contains("column c"), e.getMessage());
    }
}
