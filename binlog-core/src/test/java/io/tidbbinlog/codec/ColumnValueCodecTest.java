package io.tidbbinlog.codec;

import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ColumnValueCodecTest {

    private static byte[] encoded(Object v, FieldType ft) {
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, ColumnValueCodec.toDatum(v, ft));
        return w.toByteArray();
    }

    private static Object decoded(byte[] b, FieldType ft) {
        return ColumnValueCodec.toModelValue(DatumCodec.decode(new DatumReader(b)), ft);
    }

    private static void roundTrip(Object v, FieldType ft, String expectedHex) {
        byte[] b = encoded(v, ft);
        assertEquals(expectedHex, Hex.of(b), "flatten of " + v + " as " + ft.typeName());
        Object back = decoded(b, ft);
        if (v instanceof byte[]) {
            assertArrayEquals((byte[]) v, (byte[]) back);
        } else {
            assertEquals(v, back);
        }
    }

    // Flags per tablecodec flatten (spec §3.2): signed ints varint(8), unsigned uvarint(9), floats 5, decimal 6,
    // times packed uvarint, TIME varint nanos, enum/set/bit uvarint, strings compact bytes(2), JSON 10.
    @Test
    void yearIsASignedDatumEvenThoughTidbFlagsTheColumnUnsigned() {
        // TiDB gives YEAR columns UNSIGNED|ZEROFILL (flag 0x60); its datum is still KindInt64, encoded as a varint:
        // 2024 -> flag 08, zig-zag 4048 = d0 1f.
        FieldType year = FieldType.of(MysqlType.YEAR, 0x60, 4, 0, "binary", "binary", List.of());
        Datum d = ColumnValueCodec.toDatum(2024L, year);
        assertEquals(Datum.Kind.INT64, d.kind());
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, d);
        assertArrayEquals(new byte[] {0x08, (byte) 0xd0, 0x1f}, w.toByteArray());
        assertEquals(2024L, ColumnValueCodec.toModelValue(d, year));
    }

    @Test
    void flattensEachColumnTypeToTidbsFlag() {
        roundTrip(-2L, ColumnTypes.bigint(), "0803");
        roundTrip(-1L, ColumnTypes.bigintUnsigned(), "09ffffffffffffffffff01");
        roundTrip(2024L, ColumnTypes.of(MysqlType.YEAR), "08d01f");
        roundTrip(1.5f, ColumnTypes.of(MysqlType.FLOAT), "05bff8000000000000");
        roundTrip(-2.5d, ColumnTypes.of(MysqlType.DOUBLE), "053ffbffffffffffff");
        roundTrip(new BigDecimal("1234567890.1234"), ColumnTypes.decimal(14, 4), "060e04810dfb38d204d2");
        roundTrip(new TidbTime(2006, 1, 2, 15, 4, 5, 6, MysqlType.DATETIME, 6), ColumnTypes.time(MysqlType.DATETIME, 6),
                "09" + "868080a8909ef1bb19");
        roundTrip(Duration.ofSeconds(-1), ColumnTypes.of(MysqlType.DURATION), "08ffa7d6b907");
        roundTrip(2L, ColumnTypes.enumOf("a", "b"), "0902");
        roundTrip(5L, ColumnTypes.of(MysqlType.SET), "0905");
        roundTrip(255L, ColumnTypes.of(MysqlType.BIT), "09ff01");
        roundTrip("hé", ColumnTypes.varchar(), "020668c3a9");
        roundTrip(new byte[] {0, (byte) 0xff}, ColumnTypes.varbinary(), "020400ff");
        roundTrip("{\"a\": 1}", ColumnTypes.of(MysqlType.JSON),
                "0a01" + "01000000" + "1c000000" + "130000000100" + "0914000000" + "61" + "0100000000000000");
    }

    @Test
    void narrowsFloatAndKeepsTimestampInUtc() {
        Object f = decoded(Hex.bytes("05" + Hex.of(longBytes(DatumCodec.comparableFloatBits(0.1)))),
                ColumnTypes.of(MysqlType.FLOAT));
        assertEquals(0.1f, f);
        TidbTime ts = new TidbTime(2021, 6, 1, 12, 0, 0, 0, MysqlType.TIMESTAMP, 0);
        assertEquals(ts, decoded(encoded(ts, ColumnTypes.time(MysqlType.TIMESTAMP, 0)),
                ColumnTypes.time(MysqlType.TIMESTAMP, 0)));
    }

    @Test
    void takesFspFromTheColumnAndTypeFromTheColumn() {
        TidbTime t = new TidbTime(2006, 1, 2, 0, 0, 0, 0, MysqlType.DATE, 0);
        Object back = decoded(encoded(t, ColumnTypes.time(MysqlType.DATE, -1)), ColumnTypes.time(MysqlType.DATE, -1));
        assertEquals("2006-01-02", back.toString());
        Object dt = decoded(Hex.bytes("09868080a8909ef1bb19"), ColumnTypes.time(MysqlType.DATETIME, 3));
        assertEquals("2006-01-02 15:04:05.000", dt.toString());
    }

    @Test
    void enumIndexOutsideTheElementsBecomesTheEmptyValue() {
        assertEquals(0L, decoded(Hex.bytes("0905"), ColumnTypes.enumOf("a", "b")));
        assertEquals(2L, decoded(Hex.bytes("0902"), ColumnTypes.enumOf("a", "b")));
    }

    @Test
    void nullStaysNull() {
        assertNull(decoded(Hex.bytes("00"), ColumnTypes.bigint()));
        assertEquals(Datum.ofNull(), ColumnValueCodec.toDatum(null, ColumnTypes.varchar()));
    }

    @Test
    void rejectsDatumsThatDoNotFitTheColumn() {
        assertThrows(CodecException.class, () -> decoded(Hex.bytes("0206616263"), ColumnTypes.bigint()));
        assertThrows(CodecException.class, () -> decoded(Hex.bytes("0803"), ColumnTypes.varchar()));
        assertThrows(CodecException.class, () -> ColumnValueCodec.toDatum("x", ColumnTypes.bigint()));
        assertThrows(CodecException.class, () -> ColumnValueCodec.toDatum(1L, ColumnTypes.of(MysqlType.JSON)));
    }

    @Test
    void decimalUsesColumnPrecisionOrItsOwn() {
        Datum d = ColumnValueCodec.toDatum(new BigDecimal("12.5"), ColumnTypes.decimal(20, 4));
        assertEquals(20, d.decimalPrecision());
        assertEquals(4, d.decimalFrac());
        // more fraction digits than the column keeps: rounded half up as TiDB's cast does
        assertEquals(new BigDecimal("12.3457"),
                ColumnValueCodec.toDatum(new BigDecimal("12.34565"), ColumnTypes.decimal(20, 4)).asDecimal());
        FieldType unspecified = FieldType.of(MysqlType.NEWDECIMAL, 0, -1, -1, "binary", "binary", List.of());
        Object back = decoded(encoded(new BigDecimal("12.5"), unspecified), unspecified);
        assertEquals(new BigDecimal("12.5"), back);
    }

    @Test
    void randomModelValuesOfEveryColumnTypeRoundTrip() {
        java.util.Random rnd = new java.util.Random(17);
        FieldType[] types = {ColumnTypes.bigint(), ColumnTypes.bigintUnsigned(), ColumnTypes.intType(),
                ColumnTypes.of(MysqlType.YEAR), ColumnTypes.of(MysqlType.FLOAT), ColumnTypes.of(MysqlType.DOUBLE),
                ColumnTypes.decimal(20, 4), ColumnTypes.decimal(65, 30), ColumnTypes.time(MysqlType.DATE, 0),
                ColumnTypes.time(MysqlType.DATETIME, 6), ColumnTypes.time(MysqlType.TIMESTAMP, 3),
                ColumnTypes.of(MysqlType.DURATION), ColumnTypes.enumOf("a", "b", "c"), ColumnTypes.of(MysqlType.SET),
                ColumnTypes.of(MysqlType.BIT), ColumnTypes.varchar(), ColumnTypes.varbinary(),
                ColumnTypes.of(MysqlType.JSON)};
        for (int i = 0; i < 4000; i++) {
            FieldType ft = types[i % types.length];
            Object v = randomValue(rnd, ft);
            Object back = decoded(encoded(v, ft), ft);
            if (v instanceof byte[]) {
                assertArrayEquals((byte[]) v, (byte[]) back);
            } else if (ft.tp() == MysqlType.JSON) {
                assertEquals(io.tidbbinlog.codec.BinaryJson.toText(io.tidbbinlog.codec.BinaryJson.fromText((String) v)),
                        back);
            } else {
                assertEquals(v, back, ft.typeName());
            }
        }
    }

    private static Object randomValue(java.util.Random rnd, FieldType ft) {
        switch (ft.tp()) {
            case MysqlType.LONGLONG:
            case MysqlType.SET:
            case MysqlType.BIT:
                return rnd.nextLong();
            case MysqlType.LONG:
                return (long) rnd.nextInt();
            case MysqlType.YEAR:
                return (long) (1901 + rnd.nextInt(255));
            case MysqlType.FLOAT:
                return rnd.nextFloat() * 1e6f - 5e5f;
            case MysqlType.DOUBLE:
                return rnd.nextGaussian() * 1e12;
            case MysqlType.NEWDECIMAL: {
                Datum d = RandomDatums.decimal(rnd);
                BigDecimal v = d.asDecimal();
                int frac = ft.decimal();
                v = v.setScale(Math.min(v.scale(), frac), java.math.RoundingMode.DOWN).setScale(frac);
                return v.precision() - v.scale() > ft.flen() - frac ? BigDecimal.ONE.setScale(frac) : v;
            }
            case MysqlType.DATE:
                return new TidbTime(rnd.nextInt(10000), rnd.nextInt(13), rnd.nextInt(32), 0, 0, 0, 0, ft.tp(), 0);
            case MysqlType.DATETIME:
            case MysqlType.TIMESTAMP:
                return new TidbTime(rnd.nextInt(10000), rnd.nextInt(13), rnd.nextInt(32), rnd.nextInt(24),
                        rnd.nextInt(60), rnd.nextInt(60), rnd.nextInt(1_000_000), ft.tp(), ft.decimal());
            case MysqlType.DURATION:
                return Duration.ofNanos(RandomDatums.interestingLong(rnd));
            case MysqlType.ENUM:
                return (long) rnd.nextInt(4);
            case MysqlType.JSON:
                return RandomJson.text(rnd, 3);
            default:
                if (ft.binary()) {
                    byte[] b = new byte[rnd.nextInt(40)];
                    rnd.nextBytes(b);
                    return b;
                }
                StringBuilder sb = new StringBuilder();
                for (int i = rnd.nextInt(20); i > 0; i--) {
                    sb.appendCodePoint(rnd.nextInt(5) == 0 ? 0x4e00 + rnd.nextInt(500) : 'a' + rnd.nextInt(26));
                }
                return sb.toString();
        }
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }
}
