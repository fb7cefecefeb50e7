package io.tidbbinlog.decode;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.format.SecondaryBinlogConverter;
import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.proto.secondary.Column;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fill values compared with what drainer emits for a column a row image lacks.
 *
 * <p>Drainer ({@code tidb-binlog drainer/translator/translator.go getDefaultOrZeroValue}) falls back, for a NOT
 * NULL column without origin default, to TiDB's {@code table.GetZeroValue} ({@code tidb table/column.go}), which
 * for {@code TypeNewDecimal} is {@code new(types.MyDecimal)}: a decimal with no integer and no fraction digits.
 * Drainer then prints it with {@code %v} ({@code kafka.go DatumToColumn}, case "decimal"; {@code mysql.go
 * formatData}, TypeNewDecimal), i.e. {@code MyDecimal.String()}, which for that value is {@code "0"}
 * ({@code tidb types/mydecimal.go ToString}: no digits at all prints one integer digit, no point), whatever the
 * column's declared scale.
 */
class FillValuesFidelityTest {
    private static final FieldType DECIMAL_10_2_NOT_NULL = FieldType.of(MysqlType.NEWDECIMAL, ColumnFlag.NOT_NULL,
            10, 2, "binary", "binary", List.of());

    @Test
    void notNullDecimalWithoutDefaultFillsWithTidbZeroDecimalWhichHasNoFractionDigits() {
        Object fill = FillValues.of(ColumnInfo.of(2, "d", 1, DECIMAL_10_2_NOT_NULL));
        // BigDecimal.equals compares scale too: drainer's zero has none.
        assertEquals(new BigDecimal("0"), fill);
    }

    @Test
    void secondaryBinlogRendersTheDecimalZeroFillAsDrainerDoes() {
        ColumnInfo d = ColumnInfo.of(2, "d", 1, DECIMAL_10_2_NOT_NULL);
        TableMeta meta = new TableMeta(new TableRef("test", "t", 45),
                List.of(new ColumnMeta("d", 2, DECIMAL_10_2_NOT_NULL, false, false, FillValues.of(d))), List.of());
        Txn txn = Txn.dml(1, 2, 3, List.of(RowChange.insert(meta, new Object[] {RowChange.ABSENT})));
        Column col = new SecondaryBinlogConverter(ZoneOffset.UTC).toSecondary(txn)
                .getDmlData().getTables(0).getMutations(0).getRow().getColumns(0);
        assertEquals("0", col.getStringValue());
    }

    /**
     * Drainer's {@code transTimestampToLocal} ({@code translator.go}) reads a TIMESTAMP origin default (UTC text,
     * {@code Time.String()} with the column's fsp, e.g. {@code "2020-01-02 03:04:05.678"} for TIMESTAMP(3)) with
     * Go's {@code time.Parse(types.TimeFormat, ...)}, layout {@code "2006-01-02 15:04:05"}, which accepts and keeps
     * the fraction, then writes it back with {@code Format(types.TimeFormat)}, which has no fraction: the filled
     * value drainer emits (to every sink) is whole seconds, printed without a fraction whatever the column's fsp.
     */
    @Test
    void timestampOriginDefaultLosesItsFractionAsDrainerReformatsItWithTimeFormat() {
        FieldType ts3 = FieldType.of(MysqlType.TIMESTAMP, ColumnFlag.NOT_NULL, 23, 3, "binary", "binary", List.of());
        ColumnInfo col = ColumnInfo.of(3, "ts", 2, ts3).withOriginDefault("2020-01-02 03:04:05.678");
        assertEquals(new TidbTime(2020, 1, 2, 3, 4, 5, 0, MysqlType.TIMESTAMP, 0), FillValues.of(col));

        TableMeta meta = new TableMeta(new TableRef("test", "t", 45),
                List.of(new ColumnMeta("ts", 3, ts3, false, false, FillValues.of(col))), List.of());
        Txn txn = Txn.dml(1, 2, 3, List.of(RowChange.insert(meta, new Object[] {RowChange.ABSENT})));
        Column rendered = new SecondaryBinlogConverter(ZoneOffset.ofHours(8)).toSecondary(txn)
                .getDmlData().getTables(0).getMutations(0).getRow().getColumns(0);
        assertEquals("2020-01-02 11:04:05", rendered.getStringValue());
    }

    /**
     * A zero TIMESTAMP origin default does not parse in Go (month 0 is out of range): drainer logs a warning and
     * emits the origin default text as it is, so it keeps whatever fraction TiDB wrote.
     */
    @Test
    void zeroTimestampOriginDefaultIsKeptAsWritten() {
        FieldType ts3 = FieldType.of(MysqlType.TIMESTAMP, ColumnFlag.NOT_NULL, 23, 3, "binary", "binary", List.of());
        ColumnInfo col = ColumnInfo.of(3, "ts", 2, ts3).withOriginDefault("0000-00-00 00:00:00.000");
        assertEquals("0000-00-00 00:00:00.000", FillValues.of(col).toString());
    }

    /**
     * Drainer resolves ENUM/SET origin defaults with {@code types.ParseEnumName(elems, value, "")} and
     * {@code types.ParseSetName(elems, value, "")} ({@code translator.go getEnumDatum/getSetDatum}). The empty
     * collation gives TiDB's binary collator (drainer never enables new collations), so names match exactly, byte
     * for byte: in an ENUM('a','A') COLLATE utf8mb4_bin, default 'A' is element 2, not 1.
     */
    @Test
    void enumAndSetOriginDefaultsMatchElementNamesExactly() {
        FieldType e = FieldType.of(MysqlType.ENUM, ColumnFlag.NOT_NULL, -1, -1, "utf8mb4", "utf8mb4_bin",
                List.of("a", "A"));
        assertEquals(2L, FillValues.of(ColumnInfo.of(1, "e", 0, e).withOriginDefault("A")));
        FieldType set = FieldType.of(MysqlType.SET, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of("x", "X", "y"));
        assertEquals(0b110L, FillValues.of(ColumnInfo.of(2, "s", 1, set).withOriginDefault("X,y")));
    }

    /**
     * When the name is not an element, drainer logs "failed to get enum datam" and falls back to
     * {@code types.NewDatum(originDefault)}, a string datum, whose {@code GetMysqlEnum().Value}/
     * {@code GetMysqlSet().Value} is 0 ({@code kafka.go DatumToColumn}, {@code mysql.go formatData}): the row still
     * goes out, with 0. A SET default that names no element but is a number is that bit set
     * ({@code ParseSetName} tries {@code strconv.ParseUint(name, 0, 64)} and {@code ParseSetValue}).
     */
    @Test
    void unknownEnumOrSetDefaultFillsZeroAndNumericSetDefaultIsItsBits() {
        FieldType e = FieldType.of(MysqlType.ENUM, ColumnFlag.NOT_NULL, -1, -1, "utf8mb4", "utf8mb4_bin",
                List.of("a", "b"));
        assertEquals(0L, FillValues.of(ColumnInfo.of(1, "e", 0, e).withOriginDefault("zz")));
        FieldType set = FieldType.of(MysqlType.SET, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of("x", "y", "z"));
        assertEquals(0L, FillValues.of(ColumnInfo.of(2, "s", 1, set).withOriginDefault("x,w")));
        assertEquals(5L, FillValues.of(ColumnInfo.of(2, "s", 1, set).withOriginDefault("5")));
        assertEquals(0L, FillValues.of(ColumnInfo.of(2, "s", 1, set).withOriginDefault("8")));
    }
}
