package io.tidbbinlog.format;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.model.ColumnMeta;
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
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table with one column of each kind drainer renders differently. */
final class ConverterFixtures {
    static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL,
            20, 0, "binary", "binary", List.of());
    static final FieldType BIGINT_UNSIGNED = FieldType.of(MysqlType.LONGLONG, ColumnFlag.UNSIGNED, 20, 0, "binary",
            "binary", List.of());
    static final FieldType VARCHAR = FieldType.of(MysqlType.VARCHAR, 0, 32, 0, "utf8mb4", "utf8mb4_bin", List.of());
    static final FieldType VARBINARY = FieldType.of(MysqlType.VARCHAR, ColumnFlag.BINARY, 32, 0, "binary", "binary",
            List.of());
    static final FieldType DECIMAL = FieldType.of(MysqlType.NEWDECIMAL, 0, 10, 2, "binary", "binary", List.of());
    static final FieldType TIMESTAMP = FieldType.of(MysqlType.TIMESTAMP, 0, 19, 0, "binary", "binary", List.of());
    static final FieldType DATETIME6 = FieldType.of(MysqlType.DATETIME, 0, 26, 6, "binary", "binary", List.of());
    static final FieldType TIME = FieldType.of(MysqlType.DURATION, 0, 10, 0, "binary", "binary", List.of());
    static final FieldType YEAR = FieldType.of(MysqlType.YEAR, ColumnFlag.UNSIGNED, 4, 0, "binary", "binary",
            List.of());
    static final FieldType FLOAT = FieldType.of(MysqlType.FLOAT, 0, 12, -1, "binary", "binary", List.of());
    static final FieldType ENUM = FieldType.of(MysqlType.ENUM, 0, -1, -1, "utf8mb4", "utf8mb4_bin",
            List.of("a", "b", "c"));
    static final FieldType SET = FieldType.of(MysqlType.SET, 0, -1, -1, "utf8mb4", "utf8mb4_bin",
            List.of("x", "y"));
    static final FieldType BIT10 = FieldType.of(MysqlType.BIT, ColumnFlag.UNSIGNED, 10, 0, "binary", "binary",
            List.of());
    static final FieldType JSON = FieldType.of(MysqlType.JSON, ColumnFlag.BINARY, 0, 0, "binary", "binary",
            List.of());

    static final TableMeta TABLE = new TableMeta(new TableRef("test", "t", 45), List.of(
            new ColumnMeta("id", 1, BIGINT_PK, true, false),
            new ColumnMeta("u", 2, BIGINT_UNSIGNED, false, false),
            new ColumnMeta("s", 3, VARCHAR, false, false, "dflt"),
            new ColumnMeta("b", 4, VARBINARY, false, false),
            new ColumnMeta("d", 5, DECIMAL, false, false),
            new ColumnMeta("ts", 6, TIMESTAMP, false, false),
            new ColumnMeta("dt", 7, DATETIME6, false, false),
            new ColumnMeta("tm", 8, TIME, false, false),
            new ColumnMeta("y", 9, YEAR, false, false),
            new ColumnMeta("f", 10, FLOAT, false, false),
            new ColumnMeta("e", 11, ENUM, false, false),
            new ColumnMeta("st", 12, SET, false, false),
            new ColumnMeta("bt", 13, BIT10, false, false),
            new ColumnMeta("j", 14, JSON, false, false)),
            List.of(new UniqueKey("PRIMARY", List.of("id"))));

    static Object[] sampleRow(long id) {
        return new Object[] {
            id,
            -1L, // BIGINT UNSIGNED 18446744073709551615: the model keeps the raw 64 bits
            "héllo",
            new byte[] {0, 1, (byte) 0xff},
            new BigDecimal("-12.50"),
            new TidbTime(2020, 1, 2, 3, 4, 5, 0, MysqlType.TIMESTAMP, 0),
            new TidbTime(2021, 12, 31, 23, 59, 59, 123456, MysqlType.DATETIME, 6),
            Duration.ofHours(-25).minusMinutes(3).minusSeconds(4),
            2024L,
            1.5f,
            2L,
            3L,
            0x201L,
            "{\"a\": [1, 2]}"
        };
    }

    /** An insert, an update and a delete of sample rows: what the round-trip tests write and read back. */
    static Txn sampleTxn() {
        Object[] before = sampleRow(5);
        Object[] after = sampleRow(6);
        return Txn.dml(1, 2, 3, List.of(RowChange.insert(TABLE, before), RowChange.update(TABLE, before, after),
                RowChange.delete(TABLE, after)));
    }

    /** The read-back transaction has the same operations and the same values in every image. */
    static void assertSameImages(Txn written, Txn read) {
        assertEquals(written.rows().size(), read.rows().size());
        for (int k = 0; k < written.rows().size(); k++) {
            RowChange w = written.rows().get(k);
            RowChange r = read.rows().get(k);
            assertEquals(w.op(), r.op());
            assertEquals(w.table().ref().table(), r.table().ref().table());
            assertTrue(Arrays.deepEquals(w.after(), r.after()), "after: " + Arrays.deepToString(r.after()));
            assertTrue(Arrays.deepEquals(w.before(), r.before()), "before: " + Arrays.deepToString(r.before()));
        }
    }

    private ConverterFixtures() {
    }
}
