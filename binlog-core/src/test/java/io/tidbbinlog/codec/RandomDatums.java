package io.tidbbinlog.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;

/** Seeded random datums of every kind, for round-trip and fuzz tests. */
final class RandomDatums {
    private RandomDatums() {
    }

    static Datum any(Random rnd) {
        switch (rnd.nextInt(9)) {
            case 0:
                return Datum.ofNull();
            case 1:
                return Datum.ofInt(interestingLong(rnd));
            case 2:
                return Datum.ofUint(interestingLong(rnd));
            case 3: {
                double v = rnd.nextInt(4) == 0 ? Double.longBitsToDouble(rnd.nextLong()) : rnd.nextGaussian() * 1e9;
                if (Double.isNaN(v) || v == 0) {
                    v = 1.5; // NaN has many bit patterns and -0.0 reads back as 0.0, as in TiDB
                }
                return Datum.ofFloat(v);
            }
            case 4: {
                byte[] b = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(300) : rnd.nextInt(20)];
                rnd.nextBytes(b);
                return Datum.ofBytes(b);
            }
            case 5:
                return decimal(rnd);
            case 6:
                return Datum.ofDuration(interestingLong(rnd));
            case 7:
                return Datum.ofJson(BinaryJson.fromText(RandomJson.text(rnd, 3)));
            default:
                return Datum.ofInt(rnd.nextInt(1000) - 500);
        }
    }

    static Datum decimal(Random rnd) {
        int prec = 1 + rnd.nextInt(MyDecimalBinary.MAX_PRECISION);
        int frac = rnd.nextInt(Math.min(prec, MyDecimalBinary.MAX_FRAC) + 1);
        int digits = 1 + rnd.nextInt(prec);
        BigInteger unscaled = new BigInteger(digits * 4, rnd).mod(BigInteger.TEN.pow(digits));
        if (rnd.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        BigDecimal v = new BigDecimal(unscaled, frac);
        if (v.precision() - v.scale() > prec - frac) {
            v = BigDecimal.ONE.movePointLeft(frac);
        }
        return Datum.ofDecimal(v, prec, frac);
    }

    static long interestingLong(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0:
                return Long.MIN_VALUE + rnd.nextInt(3);
            case 1:
                return Long.MAX_VALUE - rnd.nextInt(3);
            case 2:
                return rnd.nextInt(256) - 128;
            default:
                return rnd.nextLong() >> rnd.nextInt(64);
        }
    }
}
