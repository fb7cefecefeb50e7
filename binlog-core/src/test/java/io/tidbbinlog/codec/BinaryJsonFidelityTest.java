package io.tidbbinlog.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Binary JSON text as TiDB renders it ({@code BinaryJSON.String()} in pingcap/tidb pkg/types/json_binary.go).
 */
class BinaryJsonFidelityTest {

    private static String renderFloat(double v) {
        byte[] b = new byte[9];
        b[0] = BinaryJson.FLOAT64;
        long bits = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (bits >>> (8 * i));
        }
        return BinaryJson.toText(b);
    }

    /*
     * marshalFloat64To (pkg/types/json_binary.go) writes strconv.AppendFloat(buf, f, 'f' or 'e', -1, 64); Go documents
     * precision -1 as "the smallest number of digits necessary such that ParseFloat will return f exactly". Just below
     * a power of two the gap between doubles is half the gap above it, so the nearest 16-digit decimal can fail to read
     * back while the next 16-digit decimal up does: 2^-24 is 5.960464477539063e-08 in Go (and Python's repr), not the
     * 17-digit exact value 5.9604644775390625e-08.
     */
    @Test
    void floatJustAtAPowerOfTwoUsesTheShortestDigitsThatReadBack() {
        double twoPowMinus24 = 0x1p-24;
        assertEquals(twoPowMinus24, Double.parseDouble("5.960464477539063e-08"), "16 digits read back");
        assertNotEquals(twoPowMinus24, Double.parseDouble("5.960464477539062e-08"), "the nearest 16 digits do not");
        assertEquals("0.00000005960464477539063", renderFloat(twoPowMinus24));

        // 2^-44, 2^-77 and 2^89: the 'f' range and both 'e' ranges of TiDB's cut-offs.
        assertEquals(0x1p-44, Double.parseDouble("5.684341886080802e-14"));
        assertEquals("0.00000000000005684341886080802", renderFloat(0x1p-44));
        assertEquals(0x1p-77, Double.parseDouble("6.617444900424222e-24"));
        assertEquals("6.617444900424222e-24", renderFloat(0x1p-77));
        assertEquals("6.189700196426902e26", renderFloat(0x1p89));
        assertEquals("-6.189700196426902e26", renderFloat(-0x1p89));
        // Powers of two whose nearest short decimal does read back are unchanged.
        assertEquals("1.8014398509481984e16", renderFloat(0x1p54));
        assertEquals("5e-324", renderFloat(Double.MIN_VALUE));
    }

    /*
     * The shortest-digit vectors of Go's strconv tests (src/strconv/ftoa_test.go, format 'e'/'g' with precision -1),
     * put through marshalFloat64To's cut-offs: 'e' form from 1e15 up and below 1e-15, '+' removed from the exponent.
     */
    @Test
    void floatDigitsMatchGoStrconvShortestVectors() {
        assertEquals("1e23", renderFloat(1e23));
        assertEquals("9.999999999999997e22", renderFloat(99999999999999974834176d));
        assertEquals("1.0000000000000001e23", renderFloat(100000000000000008388608d));
        assertEquals("5e-324", renderFloat(5e-304 / 1e20));
        assertEquals("-5e-324", renderFloat(-5e-304 / 1e20));
        assertEquals("2.2250738585072014e-308", renderFloat(2.2250738585072012e-308));
        assertEquals("2.225073858507201e-308", renderFloat(2.2250738585072011e-308));
        assertEquals("3.8326057576481645e17", renderFloat(383260575764816448d));
        // Go: 'f' gives 498484681984085570, i.e. the 17 digits 49848468198408557; TiDB uses 'e' at this size.
        assertEquals("4.9848468198408557e17", renderFloat(498484681984085570d));
        assertEquals("-5.8339553793802237e23", renderFloat(-5.8339553793802237e+23));
        assertEquals("1234567.8", renderFloat(1234567.8));
        assertEquals("200000.0", renderFloat(200000));
        assertEquals("123456700.0", renderFloat(123456700));
    }
}
