package io.tidbbinlog.codec;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Datum bytes laid out as pingcap/tidb pkg/util/codec writes them. */
class DatumFidelityTest {

    private static String value(Datum d) {
        DatumWriter w = new DatumWriter();
        DatumCodec.encodeValue(w, d);
        return Hex.of(w.toByteArray());
    }

    /*
     * pkg/util/codec/decimal.go EncodeDecimal: with precision 0 it takes dec.PrecisionAndFrac() (pkg/types/mydecimal.go:
     * frac = digitsFrac, precision = integer digits without leading zeros + frac) and only then caps frac at
     * MaxDecimalScale (30); the precision byte keeps the uncapped count. For 0.1234567890123456789012345678901234
     * (34 fraction digits): precision 34 (0x22), frac 30 (0x1e), then WriteBin(34, 30): 4 integer digits in 2 bytes
     * (0000, first bit flipped: 8000), words 123456789 012345678 901234567 (075bcd15 00bc614e 35b7bf87) and the
     * remaining 3 digits 890 in 2 bytes (037a); the 4 digits past frac 30 are cut off.
     */
    @Test
    void decimalWithoutPrecisionKeepsItsOwnPrecisionWhenFracIsCapped() {
        Datum d = Datum.ofDecimal(new BigDecimal("0.1234567890123456789012345678901234"), 0, 0);
        assertEquals("06" + "22" + "1e" + "8000" + "075bcd15" + "00bc614e" + "35b7bf87" + "037a", value(d));
        // Below the cap nothing changes: 123.45 -> precision 5, frac 2.
        assertEquals("06" + "05" + "02" + "807b" + "2d", value(Datum.ofDecimal(new BigDecimal("123.45"), 0, 0)));
    }
}
