package io.tidbbinlog.codec;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinaryJsonTest {

    private static String roundTrip(String text) {
        return BinaryJson.toText(BinaryJson.fromText(text));
    }

    // pkg/types/json_binary_test.go TestBinaryJSONMarshalUnmarshal: TiDB renders these exactly as written.
    @Test
    void rendersTidbMarshalUnmarshalVectors() {
        String[] expected = {
                "{\"a\": [1, \"2\", {\"aa\": \"bb\"}, 4, null], \"b\": true, \"c\": null}",
                "{\"aaaaaaaaaaa\": [1, \"2\", {\"aa\": \"bb\"}, 4.1], \"bbbbbbbbbb\": true, \"ccccccccc\": \"d\"}",
                "[{\"a\": 1, \"b\": true}, 3, 3.5, \"hello, world\", null, true]",
                "{\"a\": \"&<>\"}",
        };
        for (String s : expected) {
            assertEquals(s, roundTrip(s));
        }
    }

    // Hand-built from the layout in pkg/types/json_binary.go: {"a":true,"b":1}
    // object: count 2, size 40; key entries (30,1) (31,1); value entries [literal true inlined] [int64 @32];
    // keys "a" "b"; int64 1 little-endian.
    private static final String OBJECT_A_TRUE_B_1 = "01" + "02000000" + "28000000"
            + "1e0000000100" + "1f0000000100"
            + "0401000000" + "0920000000"
            + "6162" + "0100000000000000";

    @Test
    void buildsTheHandComputedObjectLayout() {
        assertEquals(OBJECT_A_TRUE_B_1, Hex.of(BinaryJson.fromText("{\"b\":1,\"a\":true}")));
        assertEquals("{\"a\": true, \"b\": 1}", BinaryJson.toText(Hex.bytes(OBJECT_A_TRUE_B_1)));
        assertEquals(41, BinaryJson.peekLength(Hex.bytes(OBJECT_A_TRUE_B_1 + "ffff"), 0));
    }

    @Test
    void buildsScalarLayouts() {
        assertEquals("0400", Hex.of(BinaryJson.fromText("null")));
        assertEquals("0401", Hex.of(BinaryJson.fromText("true")));
        assertEquals("0402", Hex.of(BinaryJson.fromText(" false ")));
        assertEquals("09ffffffffffffffff", Hex.of(BinaryJson.fromText("-1")));
        assertEquals("0a0000000000000080", Hex.of(BinaryJson.fromText("9223372036854775808")), "uint64");
        assertEquals("0b000000000000f03f", Hex.of(BinaryJson.fromText("1.0")), "float64 1.0");
        assertEquals("0c03616263", Hex.of(BinaryJson.fromText("\"abc\"")));
        // array [1, null]: count 1.. value entries (int64 @18) (literal null inlined), then the int64
        assertEquals("03" + "02000000" + "1a000000" + "0912000000" + "0400000000" + "0100000000000000",
                Hex.of(BinaryJson.fromText("[1,null]")));
    }

    @Test
    void numbersAreTypedAsTidbTypesJsonNumber() {
        assertEquals(BinaryJson.INT64, BinaryJson.fromText("-9223372036854775808")[0]);
        assertEquals(BinaryJson.UINT64, BinaryJson.fromText("18446744073709551615")[0]);
        assertEquals(BinaryJson.FLOAT64, BinaryJson.fromText("18446744073709551616")[0]);
        assertEquals(BinaryJson.FLOAT64, BinaryJson.fromText("-9223372036854775809")[0]);
        assertEquals(BinaryJson.INT64, BinaryJson.fromText("-0")[0]);
        assertEquals(BinaryJson.FLOAT64, BinaryJson.fromText("1e2")[0]);
        assertEquals("100.0", roundTrip("1e2"));
        assertEquals("0.00125", roundTrip("1.25e-3"));
    }

    // Float formatting follows marshalFloat64To in pkg/types/json_binary.go: 'e' form below 1e-15 and from 1e15,
    // no '+' in the exponent, and ".0" kept on integral values in 'f' form.
    @Test
    void formatsFloatsAsTidb() {
        assertEquals("3.5", roundTrip("3.5"));
        assertEquals("4.0", roundTrip("4.0"));
        assertEquals("-0.0", roundTrip("-0.0"));
        assertEquals("0.1", roundTrip("0.1"));
        assertEquals("123456789012345.6", roundTrip("123456789012345.6"));
        assertEquals("100000000000000.0", roundTrip("1e14"));
        assertEquals("1e15", roundTrip("1e15"));
        assertEquals("1.5e300", roundTrip("1.5e300"));
        assertEquals("0.000000000000001", roundTrip("1e-15"));
        assertEquals("1.5e-16", roundTrip("1.5e-16"));
        assertEquals("5e-324", roundTrip("4.9e-324"));
        assertEquals("1.7976931348623157e308", roundTrip("1.7976931348623157e308"));
        assertEquals("0.30000000000000004", roundTrip("0.30000000000000004"));
    }

    @Test
    void escapesStringsLikeGoEncodingJson() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001/\"", roundTrip("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\/\""));
        assertEquals("\"\\u2028\\u2029\"", roundTrip("\"\\u2028\\u2029\""));
        assertEquals("\"é中😀<>&\u007f\"", roundTrip("\"\\u00e9中\\ud83d\\ude00<>&\u007f\""));
        // lone surrogates become U+FFFD, as Go's decoder does
        assertEquals("\"\ufffdA\"", roundTrip("\"\\uD800\\u0041\""));
        assertEquals("\"\ufffd\"", roundTrip("\"\\uDC00\""));
    }

    @Test
    void rendersInvalidUtf8AsEscapedReplacementCharacter() {
        byte[] b = Hex.bytes("0c03" + "61ff62");
        assertEquals("\"a\\ufffdb\"", BinaryJson.toText(b));
    }

    @Test
    void sortsKeysByUtf8BytesAndKeepsTheLastDuplicate() {
        assertEquals("{\"a\": 1, \"b\": 2}", roundTrip(" { \"b\": 2, \"a\": 1 } "));
        assertEquals("{\"a\": 2}", roundTrip("{\"a\":1,\"a\":2}"));
        assertEquals("{\"a\": 2}", roundTrip("{\"a\":1,\"\\u0061\":2}"));
        // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8 although its UTF-16 unit is larger.
        assertEquals("{\"｡\": 1, \"😀\": 2}", roundTrip("{\"😀\":2,\"｡\":1}"));
        assertEquals("{\"\": 1, \"A\": 2, \"a\": 3, \"aa\": 4}", roundTrip("{\"aa\":4,\"a\":3,\"A\":2,\"\":1}"));
    }

    // pkg/types/json_binary_test.go TestBinaryJSONOpaque.
    @Test
    void rendersOpaqueValuesAsBase64() {
        assertEquals("\"base64:type233:OQ==\"", BinaryJson.toText(Hex.bytes("0de90139")));
        StringBuilder zeros = new StringBuilder("0de98001");
        for (int i = 0; i < 128; i++) {
            zeros.append("00");
        }
        String expected = "\"base64:type233:" + "A".repeat(170) + "A=\"";
        assertEquals(expected, BinaryJson.toText(Hex.bytes(zeros.toString())));
        assertEquals(132, BinaryJson.peekLength(Hex.bytes(zeros.toString()), 0));
    }

    @Test
    void rendersTimesAndDurationsWithSixDigits() {
        TidbTime t = new TidbTime(2021, 3, 4, 5, 6, 7, 8, io.tidbbinlog.schema.MysqlType.DATETIME, 0);
        byte[] dt = new byte[9];
        dt[0] = BinaryJson.DATETIME;
        long core = t.toCoreTime();
        for (int i = 0; i < 8; i++) {
            dt[1 + i] = (byte) (core >>> (8 * i));
        }
        assertEquals("\"2021-03-04 05:06:07.000008\"", BinaryJson.toText(dt));
        dt[0] = BinaryJson.DATE;
        assertEquals("\"2021-03-04\"", BinaryJson.toText(dt));
        // duration -1h 0.5s with fsp 0 stored: rendered with 6 digits anyway
        long nanos = -(3_600_000_000_000L + 500_000_000L);
        byte[] du = new byte[13];
        du[0] = BinaryJson.DURATION;
        for (int i = 0; i < 8; i++) {
            du[1 + i] = (byte) (nanos >>> (8 * i));
        }
        assertEquals("\"-01:00:00.500000\"", BinaryJson.toText(du));
        assertEquals(13, BinaryJson.peekLength(du, 0));
    }

    // pkg/types/json_binary_test.go TestParseBinaryFromString invalid inputs.
    @Test
    void rejectsTidbInvalidInputs() {
        String[] invalid = {"", " ", "01", "+1", "1.", "1e", "NaN", "Infinity", "1e400",
                "{\"control\":\"\u0000\"}", "\"\\b\u0018\"", "\"a\"\"", "1 2", "{\"a\":}", "[1,]",
                "{\"a\":\"unterminated}", "\"\\v\"", "\"\\uZZZZ\"", "[1 2]", "{\"a\":1 \"b\":2}"};
        for (String s : invalid) {
            assertThrows(CodecException.class, () -> BinaryJson.fromText(s), s);
        }
        String tooDeep = "[".repeat(101) + "0" + "]".repeat(101);
        assertThrows(CodecException.class, () -> BinaryJson.fromText(tooDeep));
        assertThrows(CodecException.class, () -> BinaryJson.fromText("{\"" + "a".repeat(65536) + "\":1}"));
    }

    // pkg/types/json_binary_test.go TestParseBinaryFromString valid inputs (those expressible as Java strings).
    @Test
    void acceptsTidbValidInputs() {
        String[] valid = {"{\"a\":[1,\"2\",{\"aa\":\"bb\"},4,null],\"b\":true,\"c\":null}", "null", "true", "false",
                "\"root string\"", "-9223372036854775808", "18446744073709551615", "1.25e-3", "[]", "{}",
                "{\"replacement\":\"\\uD800\"}", "[\"\\b\\f\\n\\r\\t\\/\\\\\\\"\",\"\\uD800\\u0041\",\"\\uDC00\"]",
                " { \"b\": 2, \"a\": 1 } ", "{\"a\":1,\"a\":2}", "{\"a\":1,\"\\u0061\":2}",
                "[9223372036854775807,-9223372036854775808,9223372036854775808,18446744073709551615,"
                        + "18446744073709551616,-9223372036854775809,-0,1e2,1.25]",
                "[{\"nested\":[{\"value\":true},null]},[],{}]", "[".repeat(100) + "0" + "]".repeat(100)};
        for (String s : valid) {
            byte[] b = BinaryJson.fromText(s);
            assertEquals(b.length, BinaryJson.peekLength(b, 0), s);
            BinaryJson.toText(b);
        }
        assertEquals("[]", roundTrip("[]"));
        assertEquals("{}", roundTrip("{}"));
    }

    // pkg/types/json_binary_test.go TestFunctions: PeekBytesAsJSON rejects an unknown type code and empty input.
    @Test
    void peekRejectsUnknownTypeAndEmptyInput() {
        assertThrows(CodecException.class, () -> BinaryJson.peekLength("\\bfnrtuz0".getBytes(), 0));
        assertThrows(CodecException.class, () -> BinaryJson.peekLength(new byte[0], 0));
        assertThrows(CodecException.class, () -> BinaryJson.peekLength(Hex.bytes("0c05616263"), 0));
        assertThrows(CodecException.class, () -> BinaryJson.peekLength(Hex.bytes("0102000000"), 0));
    }

    @Test
    void rejectsCorruptContainersInsteadOfReadingOutside() {
        byte[] good = Hex.bytes(OBJECT_A_TRUE_B_1);
        byte[] badKey = good.clone();
        badKey[9] = (byte) 0xf0; // first key offset far outside
        assertThrows(CodecException.class, () -> BinaryJson.toText(badKey));
        byte[] badCount = good.clone();
        badCount[1] = (byte) 0x7f; // 127 elements cannot fit 40 bytes
        assertThrows(CodecException.class, () -> BinaryJson.toText(badCount));
        byte[] badType = good.clone();
        badType[26] = 0x42; // second value entry's type
        assertThrows(CodecException.class, () -> BinaryJson.toText(badType));
    }

    @Test
    void randomDocumentsRoundTripThroughBinaryAndText() {
        Random rnd = new Random(5);
        for (int i = 0; i < 3000; i++) {
            String text = RandomJson.text(rnd, 4);
            byte[] bin = BinaryJson.fromText(text);
            String rendered = BinaryJson.toText(bin);
            byte[] again = BinaryJson.fromText(rendered);
            assertEquals(Hex.of(bin), Hex.of(again), text + " -> " + rendered);
            assertEquals(rendered, BinaryJson.toText(again));
            assertTrue(BinaryJson.peekLength(bin, 0) == bin.length);
        }
    }
}
