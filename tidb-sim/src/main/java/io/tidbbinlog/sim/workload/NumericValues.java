package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.FieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** DECIMAL, FLOAT and DOUBLE values: finite, inside the column's declared (M,D), never NaN or infinity. */
final class NumericValues {
    /** TiDB's default DECIMAL is DECIMAL(10,0) ({@code mysql.DefaultLengthOfMysqlTypes}). */
    private static final int DEFAULT_DECIMAL_PRECISION = 10;

    private NumericValues() {
    }

    /**
     * A DECIMAL(M,D) value with exactly scale D (the model keeps the column's scale), at most M-D integer digits,
     * including the extremes +-(10^M-1)/10^D, zero, and the smallest fraction.
     */
    static BigDecimal decimal(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        int precision = ft.flen() > 0 ? ft.flen() : DEFAULT_DECIMAL_PRECISION;
        int scale = Math.max(0, ft.decimal());
        if (scale > precision || precision > 65 || scale > 30) {
            throw new IllegalArgumentException("DECIMAL(" + precision + "," + scale + ") is not a MySQL decimal");
        }
        BigInteger unscaled;
        if (rnd.nextDouble() < edgeProbability) {
            BigInteger allNines = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
            BigInteger[] edges = {allNines, allNines.negate(), BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
                    BigInteger.TEN.pow(scale), BigInteger.TEN.pow(scale).negate()};
            unscaled = edges[rnd.nextInt(edges.length)];
            if (unscaled.abs().compareTo(allNines) > 0) {
                unscaled = BigInteger.ZERO;
            }
        } else {
            int digits = 1 + rnd.nextInt(precision);
            unscaled = randomDigits(digits, rnd);
            if (rnd.nextBoolean()) {
                unscaled = unscaled.negate();
            }
        }
        return new BigDecimal(unscaled, scale);
    }

    private static BigInteger randomDigits(int digits, RandomGenerator rnd) {
        char[] c = new char[digits];
        for (int i = 0; i < digits; i++) {
            c[i] = (char) ('0' + rnd.nextInt(10));
        }
        return new BigInteger(new String(c));
    }

    /**
     * A FLOAT value: representable as float32 (TiDB narrows FLOAT values to float32, convertToFloat), finite and
     * inside MySQL's documented FLOAT range, so no subnormals and no negative zero.
     */
    static float float32(RandomGenerator rnd, double edgeProbability) {
        if (rnd.nextDouble() < edgeProbability) {
            float[] edges = {0f, 1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
                    16777216f, -16777217f, 0.1f};
            return edges[rnd.nextInt(edges.length)];
        }
        if (rnd.nextBoolean()) {
            return (float) plainDecimal(rnd, 7).doubleValue();
        }
        while (true) {
            float f = Float.intBitsToFloat(rnd.nextInt());
            if (Float.isFinite(f) && Math.abs(f) >= Float.MIN_NORMAL) {
                return f;
            }
        }
    }

    /** A DOUBLE value: finite, normal or zero (MySQL's DOUBLE range), never negative zero. */
    static double float64(RandomGenerator rnd, double edgeProbability) {
        if (rnd.nextDouble() < edgeProbability) {
            double[] edges = {0d, 1d, -1d, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
                    9007199254740993d, 0.1d, 1e300, -1e-300};
            return edges[rnd.nextInt(edges.length)];
        }
        if (rnd.nextBoolean()) {
            return plainDecimal(rnd, 15).doubleValue();
        }
        while (true) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(d) && Math.abs(d) >= Double.MIN_NORMAL) {
                return d;
            }
        }
    }

    /** A decimal of at most {@code maxDigits} significant digits and up to 6 fractional digits; never -0. */
    static BigDecimal plainDecimal(RandomGenerator rnd, int maxDigits) {
        int digits = 1 + rnd.nextInt(maxDigits);
        BigInteger unscaled = randomDigits(digits, rnd);
        if (rnd.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, rnd.nextInt(Math.min(digits, 6) + 1));
    }

    /** FLOAT(M,D) / DOUBLE(M,D): TiDB rounds such values to D digits; keep them inside (M,D) from the start. */
    static double boundedFloat(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        FieldType asDecimal = FieldType.of(ft.tp(), ft.flag(), Math.min(ft.flen(), 65), Math.min(ft.decimal(), 30),
                ft.charset(), ft.collate(), ft.elems());
        return decimal(asDecimal, rnd, edgeProbability).doubleValue();
    }
}
