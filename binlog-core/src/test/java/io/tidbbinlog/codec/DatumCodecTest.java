package io.tidbbinlog.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatumCodecTest {

    private static byte[] value(Datum d) {
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, d);
        return w.toByteArray();
    }

    private static byte[] key(Datum d) {
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeKey(w, d);
        return w.toByteArray();
    }

    private static Datum decodeAll(byte[] b) {
        DatumReader r = new DatumReader(b);
        Datum d = DatumCodec.decode(r);
        assertFalse(r.hasRemaining(), "decoder must consume exactly the encoded datum");
        return d;
    }

    // Go encoding/binary example_test.go, ExamplePutVarint: -65, -64, -2, -1, 0, 1, 2, 63, 64.
    @Test
    void varintMatchesGoPutVarintExamples() {
        long[] in = {-65, -64, -2, -1, 0, 1, 2, 63, 64};
        String[] out = {"8101", "7f", "03", "01", "00", "02", "04", "7e", "8001"};
        for (int i = 0; i < in.length; i++) {
            assertEquals("08" + out[i], Hex.of(value(Datum.ofInt(in[i]))), "varint of " + in[i]);
            assertEquals(Datum.ofInt(in[i]), decodeAll(Hex.bytes("08" + out[i])));
        }
    }

    // Go encoding/binary example_test.go, ExamplePutUvarint: 1, 2, 127, 128, 255, 256.
    @Test
    void uvarintMatchesGoPutUvarintExamples() {
        long[] in = {1, 2, 127, 128, 255, 256};
        String[] out = {"01", "02", "7f", "8001", "ff01", "8002"};
        for (int i = 0; i < in.length; i++) {
            assertEquals("09" + out[i], Hex.of(value(Datum.ofUint(in[i]))));
            assertEquals(Datum.ofUint(in[i]), decodeAll(Hex.bytes("09" + out[i])));
        }
        assertEquals("09ffffffffffffffffff01", Hex.of(value(Datum.ofUint(-1L))), "max uint64 takes 10 bytes");
    }

    @Test
    void uvarintRejectsOverflowAndTruncation() {
        // 10th byte above 1 overflows 64 bits (Go binary.Uvarint returns n < 0).
        assertThrows(CodecException.class, () -> decodeAll(Hex.bytes("09ffffffffffffffffff02")));
        assertThrows(CodecException.class, () -> decodeAll(Hex.bytes("09ffffffffffffffffffff01")));
        assertThrows(CodecException.class, () -> decodeAll(Hex.bytes("0980")));
    }

    // util/codec: intFlag payload = big-endian uint64(v) XOR 1<<63 (computed by hand from the layout).
    @Test
    void comparableIntKeyLayout() {
        assertEquals("038000000000000000", Hex.of(key(Datum.ofInt(0))));
        assertEquals("037fffffffffffffff", Hex.of(key(Datum.ofInt(-1))));
        assertEquals("038000000000000001", Hex.of(key(Datum.ofInt(1))));
        assertEquals("030000000000000000", Hex.of(key(Datum.ofInt(Long.MIN_VALUE))));
        assertEquals("04ffffffffffffffff", Hex.of(key(Datum.ofUint(-1L))));
        assertEquals(Datum.ofInt(-1), decodeAll(Hex.bytes("037fffffffffffffff")));
    }

    // util/codec/float.go: bits | sign for v >= 0, ^bits for v < 0 (computed by hand from IEEE-754 bits).
    @Test
    void comparableFloatLayout() {
        assertEquals("058000000000000000", Hex.of(value(Datum.ofFloat(0.0))));
        assertEquals("05bff0000000000000", Hex.of(value(Datum.ofFloat(1.0))));
        assertEquals("05400fffffffffffff", Hex.of(value(Datum.ofFloat(-1.0))));
        assertEquals("05c004000000000000", Hex.of(value(Datum.ofFloat(2.5))));
        assertEquals("053ffbffffffffffff", Hex.of(value(Datum.ofFloat(-2.5))));
        assertEquals(Datum.ofFloat(-2.5), decodeAll(Hex.bytes("053ffbffffffffffff")));
    }

    @Test
    void comparableKeysSortLikeTheirValues() {
        Random rnd = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long a = rnd.nextLong() >> rnd.nextInt(64);
            long b = rnd.nextLong() >> rnd.nextInt(64);
            assertEquals(Integer.signum(Long.compare(a, b)),
                    Integer.signum(java.util.Arrays.compareUnsigned(key(Datum.ofInt(a)), key(Datum.ofInt(b)))));
            double x = rnd.nextGaussian() * 1e6;
            double y = rnd.nextGaussian() * 1e6;
            assertEquals(Integer.signum(Double.compare(x, y)),
                    Integer.signum(java.util.Arrays.compareUnsigned(key(Datum.ofFloat(x)), key(Datum.ofFloat(y)))));
        }
    }

    // pkg/util/codec/bytes_test.go TestBytesCodec (ascending cases).
    @Test
    void memComparableBytesMatchTidbVectors() {
        int[][][] cases = {
                {{}, {0, 0, 0, 0, 0, 0, 0, 0, 247}},
                {{0}, {0, 0, 0, 0, 0, 0, 0, 0, 248}},
                {{1, 2, 3}, {1, 2, 3, 0, 0, 0, 0, 0, 250}},
                {{1, 2, 3, 0}, {1, 2, 3, 0, 0, 0, 0, 0, 251}},
                {{1, 2, 3, 4, 5, 6, 7}, {1, 2, 3, 4, 5, 6, 7, 0, 254}},
                {{0, 0, 0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 247}},
                {{1, 2, 3, 4, 5, 6, 7, 8}, {1, 2, 3, 4, 5, 6, 7, 8, 255, 0, 0, 0, 0, 0, 0, 0, 0, 247}},
                {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 5, 6, 7, 8, 255, 9, 0, 0, 0, 0, 0, 0, 0, 248}},
        };
        for (int[][] c : cases) {
            byte[] raw = Hex.ints(c[0]);
            byte[] enc = Hex.ints(c[1]);
            byte[] withFlag = new byte[enc.length + 1];
            withFlag[0] = 1;
            System.arraycopy(enc, 0, withFlag, 1, enc.length);
            assertArrayEquals(withFlag, key(Datum.ofBytes(raw)));
            assertEquals(Datum.ofBytes(raw), decodeAll(withFlag));
        }
    }

    // pkg/util/codec/bytes_test.go TestBytesCodec error inputs.
    @Test
    void memComparableBytesRejectTidbErrorInputs() {
        int[][] errs = {
                {1, 2, 3, 4},
                {0, 0, 0, 0, 0, 0, 0, 247},
                {0, 0, 0, 0, 0, 0, 0, 0, 246},
                {0, 0, 0, 0, 0, 0, 0, 1, 247},
                {1, 2, 3, 4, 5, 6, 7, 8, 0},
                {1, 2, 3, 4, 5, 6, 7, 8, 255, 1},
                {1, 2, 3, 4, 5, 6, 7, 8, 255, 1, 2, 3, 4, 5, 6, 7, 8},
                {1, 2, 3, 4, 5, 6, 7, 8, 255, 1, 2, 3, 4, 5, 6, 7, 8, 255},
                {1, 2, 3, 4, 5, 6, 7, 8, 255, 1, 2, 3, 4, 5, 6, 7, 8, 0},
        };
        for (int[] e : errs) {
            byte[] withFlag = new byte[e.length + 1];
            withFlag[0] = 1;
            System.arraycopy(Hex.ints(e), 0, withFlag, 1, e.length);
            assertThrows(CodecException.class, () -> DatumCodec.decode(new DatumReader(withFlag)));
        }
    }

    @Test
    void valueEncodingUsesNonComparableFlags() {
        // compact bytes: flag 2, varint length (zig-zag: 3 -> 06), raw bytes.
        assertEquals("0206616263", Hex.of(value(Datum.ofString("abc"))));
        assertEquals("0200", Hex.of(value(Datum.ofBytes(new byte[0]))));
        assertEquals("00", Hex.of(value(Datum.ofNull())));
        assertEquals("fa", Hex.of(value(Datum.max())));
        assertEquals(Datum.max(), decodeAll(Hex.bytes("fa")));
        // duration: flag 7 + comparable int of nanoseconds, in keys and values alike.
        assertEquals("078000000000000001", Hex.of(value(Datum.ofDuration(1))));
        assertEquals("078000000000000001", Hex.of(key(Datum.ofDuration(1))));
    }

    @Test
    void compactBytesRejectsLengthsBeyondTheInput() {
        assertThrows(CodecException.class, () -> decodeAll(Hex.bytes("020861")));
        assertThrows(CodecException.class, () -> decodeAll(Hex.bytes("0201")), "negative length");
        // a length claiming 2^62 bytes must fail before anything is allocated
        CodecException e = assertThrows(CodecException.class,
                () -> decodeAll(Hex.bytes("02feffffffffffffff7f")));
        assertTrue(e.getMessage().contains("at byte"), e.getMessage());
    }

    // MyDecimal.ToBin doc comment in pkg/types/mydecimal.go: 1234567890.1234 as DECIMAL(14,4).
    @Test
    void decimalDatumCarriesPrecisionFracAndBinary() {
        Datum d = Datum.ofDecimal(new BigDecimal("1234567890.1234"), 14, 4);
        assertEquals("060e04810dfb38d204d2", Hex.of(value(d)));
        Datum back = decodeAll(Hex.bytes("060e04810dfb38d204d2"));
        assertEquals(new BigDecimal("1234567890.1234"), back.asDecimal());
        assertEquals(14, back.decimalPrecision());
        assertEquals(4, back.decimalFrac());
    }

    @Test
    void decimalWithoutDeclaredPrecisionUsesItsOwnDigits() {
        // TiDB EncodeDecimal with precision 0 takes PrecisionAndFrac(): 123.45 -> (5, 2).
        Datum back = decodeAll(value(Datum.ofDecimal(new BigDecimal("123.45"), 0, 0)));
        assertEquals(5, back.decimalPrecision());
        assertEquals(2, back.decimalFrac());
        assertEquals(new BigDecimal("123.45"), back.asDecimal());
        Datum zero = decodeAll(value(Datum.ofDecimal(BigDecimal.ZERO, 0, 0)));
        assertEquals(1, zero.decimalPrecision());
        assertEquals(0, zero.asDecimal().signum());
    }

    @Test
    void unknownFlagIsRejectedWithItsOffset() {
        CodecException e = assertThrows(CodecException.class, () -> DatumCodec.decode(new DatumReader(Hex.bytes("0b00"))));
        assertEquals("invalid datum flag 11 at byte 0 of 2", e.getMessage());
    }

    @Test
    void randomValuesRoundTripThroughValueAndKeyEncodings() {
        Random rnd = new Random(20261121L);
        for (int i = 0; i < 5000; i++) {
            Datum d = RandomDatums.any(rnd);
            assertEquals(d, decodeAll(value(d)), "value encoding of " + d);
            Datum k = decodeAll(key(d));
            assertEquals(d, k, "key encoding of " + d);
        }
    }
}
