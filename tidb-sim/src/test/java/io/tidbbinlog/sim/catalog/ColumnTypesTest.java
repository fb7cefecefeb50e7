package io.tidbbinlog.sim.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.ColumnInfo;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.TidbJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field types as TiDB stores them for each column type the workload declares. Expected values come from TiDB's
 * parser rules (pkg/parser/parser.y), {@code mysql.GetDefaultFieldLengthAndDecimal} (pkg/parser/mysql/type.go),
 * {@code setCharsetCollationFlenDecimal} / {@code processColumnFlags} (pkg/ddl/create_table.go), and from a real
 * TiDB table's JSON (TiFlash's test fixture tiflash_table_546.json, in binlog-core's test resources).
 */
class ColumnTypesTest {

    private static final String BIN = "binary";
    private static final String MB4 = "utf8mb4";
    private static final String MB4_BIN = "utf8mb4_bin";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // sqlType            | Tp  | Flag | Flen       | Decimal | Charset | Collate
        "tinyint              | 1   | 0    | 4          | 0       | binary  | binary",
        "tinyint unsigned     | 1   | 32   | 3          | 0       | binary  | binary",
        "smallint             | 2   | 0    | 6          | 0       | binary  | binary",
        "smallint unsigned    | 2   | 32   | 5          | 0       | binary  | binary",
        "mediumint            | 9   | 0    | 9          | 0       | binary  | binary",
        "mediumint unsigned   | 9   | 32   | 8          | 0       | binary  | binary",
        "int                  | 3   | 0    | 11         | 0       | binary  | binary",
        "int unsigned         | 3   | 32   | 10         | 0       | binary  | binary",
        "int(5) zerofill      | 3   | 96   | 5          | 0       | binary  | binary",
        "bigint               | 8   | 0    | 20         | 0       | binary  | binary",
        // BIGINT UNSIGNED keeps 20: issue #4684 shortens every unsigned integer but BIGINT.
        "bigint unsigned      | 8   | 32   | 20         | 0       | binary  | binary",
        "bool                 | 1   | 0    | 1          | 0       | binary  | binary",
        "decimal              | 246 | 0    | 10         | 0       | binary  | binary",
        "decimal(12)          | 246 | 0    | 12         | 0       | binary  | binary",
        "decimal(10,2)        | 246 | 0    | 10         | 2       | binary  | binary",
        "decimal(65,30)       | 246 | 0    | 65         | 30      | binary  | binary",
        "decimal(20,4) unsigned | 246 | 32 | 20         | 4       | binary  | binary",
        "float                | 4   | 0    | 12         | -1      | binary  | binary",
        "float(30)            | 5   | 0    | 22         | -1      | binary  | binary",
        "double               | 5   | 0    | 22         | -1      | binary  | binary",
        "double(10,3)         | 5   | 0    | 10         | 3       | binary  | binary",
        "char                 | 254 | 0    | 1          | 0       | utf8mb4 | utf8mb4_bin",
        "char(10)             | 254 | 0    | 10         | 0       | utf8mb4 | utf8mb4_bin",
        "varchar(255)         | 15  | 0    | 255        | 0       | utf8mb4 | utf8mb4_bin",
        "binary(16)           | 254 | 128  | 16         | 0       | binary  | binary",
        "binary               | 254 | 128  | 1          | 0       | binary  | binary",
        "varbinary(64)        | 15  | 128  | 64         | 0       | binary  | binary",
        "tinytext             | 249 | 0    | 255        | 0       | utf8mb4 | utf8mb4_bin",
        "text                 | 252 | 0    | 65535      | 0       | utf8mb4 | utf8mb4_bin",
        "mediumtext           | 250 | 0    | 16777215   | 0       | utf8mb4 | utf8mb4_bin",
        "longtext             | 251 | 0    | 4294967295 | 0       | utf8mb4 | utf8mb4_bin",
        // TEXT(n) / BLOB(n) become the smallest blob type that holds n characters (adjustBlobTypesFlen).
        "text(100)            | 252 | 0    | 65535      | 0       | utf8mb4 | utf8mb4_bin",
        "text(50)             | 249 | 0    | 255        | 0       | utf8mb4 | utf8mb4_bin",
        "blob(300)            | 252 | 128  | 65535      | 0       | binary  | binary",
        "tinyblob             | 249 | 128  | 255        | 0       | binary  | binary",
        "blob                 | 252 | 128  | 65535      | 0       | binary  | binary",
        "mediumblob           | 250 | 128  | 16777215   | 0       | binary  | binary",
        "longblob             | 251 | 128  | 4294967295 | 0       | binary  | binary",
        // DATE/DATETIME/TIMESTAMP/TIME/JSON evaluate as strings in binary charset: BinaryFlag (processColumnFlags).
        "date                 | 10  | 128  | 10         | 0       | binary  | binary",
        "datetime             | 12  | 128  | 19         | 0       | binary  | binary",
        "datetime(6)          | 12  | 128  | 26         | 6       | binary  | binary",
        "timestamp            | 7   | 128  | 19         | 0       | binary  | binary",
        "timestamp(3)         | 7   | 128  | 23         | 3       | binary  | binary",
        "time                 | 11  | 128  | 10         | 0       | binary  | binary",
        "time(2)              | 11  | 128  | 13         | 2       | binary  | binary",
        // YEAR: zerofill (hence unsigned), no binary flag.
        "year                 | 13  | 96   | 4          | 0       | binary  | binary",
        // BIT: unsigned, no binary flag, BIT(1) without a length.
        "bit                  | 16  | 32   | 1          | 0       | binary  | binary",
        "bit(64)              | 16  | 32   | 64         | 0       | binary  | binary",
        "json                 | 245 | 128  | 4294967295 | 0       | binary  | binary",
    })
    void storesTidbFieldType(String sqlType, int tp, int flag, long flen, int decimal, String charset,
                             String collate) {
        FieldType t = ColumnTypes.parse("c", sqlType);
        JsonNode json = TidbJson.tree(t);
        assertEquals(tp, json.get("Tp").asInt(), "Tp");
        assertEquals(flag, json.get("Flag").asInt(), "Flag");
        assertEquals(flen, json.get("Flen").asLong(), "Flen");
        assertEquals(decimal, json.get("Decimal").asInt(), "Decimal");
        assertEquals(charset, json.get("Charset").asText(), "Charset");
        assertEquals(collate, json.get("Collate").asText(), "Collate");
    }

    @Test
    void enumFlenIsItsLongestMemberAndSetFlenTheJoinedLength() {
        FieldType e = ColumnTypes.parse("e", "enum('a','bcd','xy ')");
        assertEquals(MysqlType.ENUM, e.tp());
        assertEquals(List.of("a", "bcd", "xy"), e.elems(), "trailing spaces are dropped from members");
        assertEquals(3, e.flen());
        assertEquals(MB4, e.charset());
        assertEquals(MB4_BIN, e.collate());
        assertEquals(0, e.flag());
        FieldType s = ColumnTypes.parse("s", "set('a','bcd','it''s')");
        assertEquals(MysqlType.SET, s.tp());
        assertEquals(List.of("a", "bcd", "it's"), s.elems());
        assertEquals(1 + 3 + 4 + 2, s.flen(), "sum of member lengths plus a separator between each");
    }

    @Test
    void refusesWhatTidbRefuses() {
        assertEquals(1426, assertThrows(DdlException.class, () -> ColumnTypes.parse("d", "decimal(66,2)")).errorCode());
        assertEquals(1425, assertThrows(DdlException.class, () -> ColumnTypes.parse("d", "decimal(40,31)")).errorCode());
        assertEquals(1427, assertThrows(DdlException.class, () -> ColumnTypes.parse("d", "decimal(5,6)")).errorCode());
        assertEquals(1439, assertThrows(DdlException.class, () -> ColumnTypes.parse("b", "bit(65)")).errorCode());
        assertEquals(1074, assertThrows(DdlException.class, () -> ColumnTypes.parse("v", "varchar(16384)")).errorCode());
        assertEquals(1426, assertThrows(DdlException.class, () -> ColumnTypes.parse("t", "datetime(7)")).errorCode());
        assertEquals(1291, assertThrows(DdlException.class, () -> ColumnTypes.parse("e", "enum('a','a')")).errorCode());
    }

    @Test
    void unknownTypeIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColumnTypes.parse("g", "geometry"));
        assertTrue(e.getMessage().contains("geometry") && e.getMessage().contains("'g'"), e.getMessage());
        IllegalArgumentException v = assertThrows(IllegalArgumentException.class,
                () -> ColumnTypes.parse("v", "varchar"));
        assertTrue(v.getMessage().contains("VARCHAR needs a length"), v.getMessage());
    }

    /** The columns of a real TiDB table (TiFlash's fixture), rebuilt from the DDL that made them. */
    @Test
    void rebuildsTheColumnsOfARealTidbTable() throws IOException {
        JsonNode real;
        try (InputStream in = getClass().getResourceAsStream("/io/tidbbinlog/schema/tiflash_table_546.json")) {
            real = TidbJson.mapper().readTree(in);
        }
        List<ColumnDef> defs = List.of(
                new ColumnDef("col_86", "blob", true, null),
                new ColumnDef("col_87", "datetime", false, "'1994-05-06 00:00:00'"),
                new ColumnDef("col_88", "bit(42)", true, null),
                new ColumnDef("col_89", "binary(21)", false, "''"),
                new ColumnDef("col_90", "tinyint unsigned", false, null),
                new ColumnDef("col_91", "bit(12)", true, "b'011100000111'"),
                new ColumnDef("col_92", "varbinary(343)", false, "'kY~6to6H4ut*QAPrj@&'"),
                new ColumnDef("col_93", "json", true, null));
        for (int i = 0; i < defs.size(); i++) {
            ColumnInfo built = ColumnBuilder.build(defs.get(i), i + 1, i, ZoneOffset.UTC);
            JsonNode want = real.get("cols").get(i).get("type");
            JsonNode got = TidbJson.tree(built.type());
            for (String key : List.of("Tp", "Flag", "Flen", "Decimal", "Charset", "Collate")) {
                assertEquals(want.get(key).asText(), got.get(key).asText(), defs.get(i).name() + " " + key);
            }
        }
        // BINARY(n) defaults are padded with zero bytes to n (setDefaultValueWithBinaryPadding).
        ColumnInfo padded = ColumnBuilder.build(defs.get(3), 4, 3, ZoneOffset.UTC);
        assertEquals(real.get("cols").get(3).get("default").asText(), padded.defaultValue());
        // A BIT default is kept both as a string and as raw bytes in default_bit.
        ColumnInfo bit = ColumnBuilder.build(defs.get(5), 6, 5, ZoneOffset.UTC);
        assertEquals(real.get("cols").get(5).get("default").asText(), bit.defaultValue());
        assertArrayEquals(Base64.getDecoder().decode(real.get("cols").get(5).get("default_bit").asText()),
                bit.defaultBit());
        assertEquals("Bwc=", TidbJson.tree(bit).get("default_bit").asText());
    }

    @Test
    void notNullWithoutDefaultGetsNoDefaultValueFlag() {
        ColumnInfo c = ColumnBuilder.build(ColumnDef.notNull("c", "int"), 1, 0, ZoneOffset.UTC);
        assertEquals(ColumnFlag.NOT_NULL | ColumnFlag.NO_DEFAULT_VALUE, c.type().flag());
        assertNull(c.defaultValue());
        // explicit_defaults_for_timestamp: a NOT NULL TIMESTAMP gets no implicit CURRENT_TIMESTAMP either.
        ColumnInfo ts = ColumnBuilder.build(ColumnDef.notNull("ts", "timestamp"), 1, 0, ZoneOffset.UTC);
        assertEquals(ColumnFlag.NOT_NULL | ColumnFlag.NO_DEFAULT_VALUE | ColumnFlag.BINARY, ts.type().flag());
        assertNull(ts.defaultValue());
        // A NOT NULL YEAR without a default carries "0000" (setYearDefaultValue) and still NoDefaultValueFlag.
        ColumnInfo y = ColumnBuilder.build(ColumnDef.notNull("y", "year"), 1, 0, ZoneOffset.UTC);
        assertEquals("0000", y.defaultValue());
        assertEquals(96 | ColumnFlag.NOT_NULL | ColumnFlag.NO_DEFAULT_VALUE, y.type().flag());
    }

    @ParameterizedTest(name = "{0} DEFAULT {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // integers are rounded, strings converted (getDefaultValue converts to the column type)
        "int              | 5                      | 5",
        "int              | '7'                    | 7",
        "int              | 1.5                    | 2",
        "tinyint unsigned | 255                    | 255",
        "bigint           | -9223372036854775808   | -9223372036854775808",
        "float            | 1.1                    | 1.1",
        "double           | 2.50                   | 2.5",
        "double           | 1e3                    | 1000",
        "decimal(10,2)    | 1.50                   | 1.50",
        "decimal(10,2)    | '3.14'                 | 3.14",
        "varchar(10)      | 'it''s'                | it's",
        "varchar(10)      | 12                     | 12",
        "char(3)          | 'ab'                   | ab",
        "enum('a','b')    | 'b'                    | b",
        "enum('a','b')    | 2                      | b",
        "set('a','b','c') | 'c,a'                  | a,c",
        "set('a','b','c') | 5                      | a,c",
        "date             | '2020-1-2'             | 2020-01-02",
        "datetime         | '2020-01-02'           | 2020-01-02 00:00:00",
        "datetime(3)      | '2020-01-02 03:04:05'  | 2020-01-02 03:04:05.000",
        "datetime(2)      | '2020-01-02 03:04:05.126' | 2020-01-02 03:04:05.13",
        "datetime         | CURRENT_TIMESTAMP      | CURRENT_TIMESTAMP",
        "timestamp(6)     | CURRENT_TIMESTAMP(6)   | CURRENT_TIMESTAMP",
        "time             | '12:34:56'             | 12:34:56",
        "time(1)          | '-1:02:03.25'          | -01:02:03.3",
        "year             | 2021                   | 2021",
        "year             | 69                     | 2069",
        "year             | '0'                    | 2000",
    })
    void storesDefaultsAsTidbDoes(String sqlType, String literal, String stored) {
        ColumnInfo c = ColumnBuilder.build(new ColumnDef("c", sqlType, true, literal), 1, 0, ZoneOffset.UTC);
        assertEquals(stored, c.defaultValue());
    }

    @Test
    void timestampDefaultsAreStoredInUtc() {
        ColumnInfo c = ColumnBuilder.build(new ColumnDef("ts", "timestamp", true, "'2020-06-01 12:00:00'"), 1, 0,
                java.time.ZoneId.of("Asia/Shanghai"));
        assertEquals("2020-06-01 04:00:00", c.defaultValue(), "convertTimestampDefaultValToUTC");
        ColumnInfo dt = ColumnBuilder.build(new ColumnDef("dt", "datetime", true, "'2020-06-01 12:00:00'"), 1, 0,
                java.time.ZoneId.of("Asia/Shanghai"));
        assertEquals("2020-06-01 12:00:00", dt.defaultValue(), "DATETIME has no time zone");
    }

    @Test
    void bitIntegerDefaultIsItsShortestBigEndianBytes() {
        ColumnInfo c = ColumnBuilder.build(new ColumnDef("b", "bit(16)", true, "258"), 1, 0, ZoneOffset.UTC);
        assertArrayEquals(new byte[] {1, 2}, c.defaultBit());
        ColumnInfo zero = ColumnBuilder.build(new ColumnDef("b", "bit(8)", true, "0"), 1, 0, ZoneOffset.UTC);
        assertArrayEquals(new byte[] {0}, zero.defaultBit());
    }

    @Test
    void invalidDefaultsAreRefused() {
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "tinyint", true, "300"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "int", false, "NULL"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "enum('a')", true, "'z'"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "bit(3)", true, "8"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "varchar(2)", true, "'abc'"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1101, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "text", true, "'x'"), 1, 0, ZoneOffset.UTC)).errorCode());
        // TiDB's default sql_mode has NO_ZERO_DATE and NO_ZERO_IN_DATE under strict mode.
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "datetime", true, "'0000-00-00 00:00:00'"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1067, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "date", true, "'2020-00-10'"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1101, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                new ColumnDef("c", "json", true, "'{}'"), 1, 0, ZoneOffset.UTC)).errorCode());
        assertEquals(1166, assertThrows(DdlException.class, () -> ColumnBuilder.build(
                ColumnDef.nullable("_tidb_rowid", "int"), 1, 0, ZoneOffset.UTC)).errorCode());
    }
}
