package io.tidbbinlog.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MyDecimalBinaryTest {

    // The worked example in MyDecimal.ToBin's comment (pkg/types/mydecimal.go).
    @Test
    void encodesTheWorkedExampleFromMyDecimalToBin() {
        assertEquals("810dfb38d204d2", Hex.of(MyDecimalBinary.toBin(new BigDecimal("1234567890.1234"), 14, 4)));
        assertEquals("7ef204c72dfb2d", Hex.of(MyDecimalBinary.toBin(new BigDecimal("-1234567890.1234"), 14, 4)));
        assertEquals(new BigDecimal("-1234567890.1234"),
                MyDecimalBinary.fromBin(Hex.bytes("7ef204c72dfb2d"), 0, 14, 4));
    }

    // MySQL manual, "Precision Math: DECIMAL Data Type Characteristics": DECIMAL(18,9) takes 4+4 bytes,
    // DECIMAL(20,6) takes 4+3 bytes for 14 integer digits and 3 bytes for 6 fraction digits.
    @Test
    void binSizeFollowsTheMysqlStorageTable() {
        assertEquals(8, MyDecimalBinary.binSize(18, 9));
        assertEquals(10, MyDecimalBinary.binSize(20, 6));
        assertEquals(1, MyDecimalBinary.binSize(1, 0));
        assertEquals(4, MyDecimalBinary.binSize(9, 0));
        assertEquals(5, MyDecimalBinary.binSize(10, 0));
        assertEquals(30, MyDecimalBinary.binSize(65, 30));
    }

    // pkg/types/mydecimal_test.go TestToBinFromBin: {input, precision, frac, output} without ErrOverflow.
    // (ErrTruncated cases: WriteBin cuts the extra fraction digits, which is what the expected output shows.)
    @Test
    void roundTripsTidbToBinFromBinVectors() {
        Object[][] cases = {
                {"-10.55", 4, 2, "-10.55"},
                {"0.0123456789012345678912345", 30, 25, "0.0123456789012345678912345"},
                {"12345", 5, 0, "12345"},
                {"12345", 10, 3, "12345.000"},
                {"123.45", 10, 3, "123.450"},
                {"-123.45", 20, 10, "-123.4500000000"},
                {".00012345000098765", 15, 14, "0.00012345000098"},
                {".00012345000098765", 22, 20, "0.00012345000098765000"},
                {".12345000098765", 30, 20, "0.12345000098765000000"},
                {"-.000000012345000098765", 30, 20, "-0.00000001234500009876"},
                {"1234500009876.5", 30, 5, "1234500009876.50000"},
                {"000000000.01", 7, 3, "0.010"},
                {"123.4", 10, 2, "123.40"},
                {"0.1", 1, 1, "0.1"},
                {"0.100", 1, 1, "0.1"},
                {"0.1000", 1, 1, "0.1"},
                {"0.10000", 1, 1, "0.1"},
                {"0.100000", 1, 1, "0.1"},
                {"0.1000000", 1, 1, "0.1"},
                {"0.10", 1, 1, "0.1"},
                {"0000000000000000000000000000000000000000000.000000000000123000000000000000", 15, 15,
                        "0.000000000000123"},
                {"00000000000000000000000000000.00000000000012300", 15, 15, "0.000000000000123"},
                {"0000000000000000000000000000000000000000000.0000000000001234000000000000000", 16, 16,
                        "0.0000000000001234"},
                {"00000000000000000000000000000.000000000000123400", 16, 16, "0.0000000000001234"},
                {"0.1", 2, 2, "0.10"},
                {"0.10", 3, 3, "0.100"},
                {"0.1", 3, 1, "0.1"},
                {"0.0000000000001234", 32, 17, "0.00000000000012340"},
                {"0.0000000000001234", 20, 20, "0.00000000000012340000"},
        };
        for (Object[] c : cases) {
            int prec = (Integer) c[1];
            int frac = (Integer) c[2];
            byte[] bin = MyDecimalBinary.toBin(new BigDecimal((String) c[0]), prec, frac);
            assertEquals(MyDecimalBinary.binSize(prec, frac), bin.length);
            BigDecimal back = MyDecimalBinary.fromBin(bin, 0, prec, frac);
            assertEquals(c[3], back.toPlainString(), "vector " + c[0] + " (" + prec + "," + frac + ")");
        }
    }

    // TestToBinFromBin's ErrOverflow cases and its ErrBadNumber precision/frac cases fail to encode.
    @Test
    void rejectsOverflowAndBadPrecision() {
        assertThrows(CodecException.class, () -> MyDecimalBinary.toBin(new BigDecimal("111111111.11"), 10, 2));
        assertThrows(CodecException.class, () -> MyDecimalBinary.toBin(new BigDecimal("1000"), 3, 0));
        assertThrows(CodecException.class, () -> MyDecimalBinary.toBin(BigDecimal.ONE, 82, 1));
        assertThrows(CodecException.class, () -> MyDecimalBinary.toBin(BigDecimal.ONE, -1, 1));
        assertThrows(CodecException.class, () -> MyDecimalBinary.toBin(BigDecimal.ONE, 10, 31));
        assertThrows(CodecException.class, () -> MyDecimalBinary.toBin(BigDecimal.ONE, 10, -1));
    }

    @Test
    void zeroIsPositiveAndCompact() {
        // 0 as DECIMAL(1,0): one byte 0x00 with the top bit flipped.
        assertEquals("80", Hex.of(MyDecimalBinary.toBin(BigDecimal.ZERO, 1, 0)));
        assertEquals(0, MyDecimalBinary.fromBin(Hex.bytes("80"), 0, 1, 0).signum());
    }

    @Test
    void rejectsTruncatedInputAndOutOfRangeGroups() {
        CodecException e = assertThrows(CodecException.class,
                () -> MyDecimalBinary.fromBin(Hex.bytes("810dfb38d204"), 0, 14, 4));
        assertTrue(e.getMessage().startsWith("truncated decimal"), e.getMessage());
        // leading 1-digit group holding 0x7f = 127 > 9
        assertThrows(CodecException.class, () -> MyDecimalBinary.fromBin(Hex.bytes("ff0dfb38d204d2"), 0, 14, 4));
        // a full word of 0xffffffff (more than 999999999)
        assertThrows(CodecException.class, () -> MyDecimalBinary.fromBin(Hex.bytes("ffffffff"), 0, 9, 0));
    }

    @Test
    void encodingPreservesOrderForEqualPrecisionAndFrac() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2000; i++) {
            BigDecimal a = BigDecimal.valueOf(rnd.nextLong() % 10_000_000_000L, 4);
            BigDecimal b = BigDecimal.valueOf(rnd.nextLong() % 10_000_000_000L, 4);
            int cmp = java.util.Arrays.compareUnsigned(MyDecimalBinary.toBin(a, 20, 4), MyDecimalBinary.toBin(b, 20, 4));
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(cmp), a + " vs " + b);
        }
    }

    @Test
    void randomDecimalsRoundTripAtEveryPrecisionAndFrac() {
        Random rnd = new Random(99);
        for (int i = 0; i < 5000; i++) {
            Datum d = RandomDatums.decimal(rnd);
            int prec = d.decimalPrecision();
            int frac = d.decimalFrac();
            byte[] bin = MyDecimalBinary.toBin(d.asDecimal(), prec, frac);
            assertEquals(MyDecimalBinary.binSize(prec, frac), bin.length);
            BigDecimal back = MyDecimalBinary.fromBin(bin, 0, prec, frac);
            assertEquals(0, d.asDecimal().compareTo(back), d + " -> " + back);
            assertEquals(frac, back.scale());
        }
    }
}
