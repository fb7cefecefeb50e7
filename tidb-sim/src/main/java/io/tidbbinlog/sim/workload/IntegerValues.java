package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.util.random.RandomGenerator;

/**
 * Values of the integer-like columns as the model holds them ({@link Long}; UNSIGNED BIGINT as its raw 64 bits):
 * TINYINT..BIGINT, YEAR, ENUM (1-based index), SET (bitmask) and BIT(n).
 */
final class IntegerValues {
    private IntegerValues() {
    }

    /** The signed/unsigned range of an integer column type ({@code mysql} type widths), as {lo, hi}. */
    static long[] range(FieldType ft) {
        boolean u = ft.unsigned();
        switch (ft.tp()) {
            case MysqlType.TINY:
                return u ? new long[]{0, 255} : new long[]{-128, 127};
            case MysqlType.SHORT:
                return u ? new long[]{0, 65535} : new long[]{-32768, 32767};
            case MysqlType.INT24:
                return u ? new long[]{0, 16777215} : new long[]{-8388608, 8388607};
            case MysqlType.LONG:
                return u ? new long[]{0, 4294967295L} : new long[]{Integer.MIN_VALUE, Integer.MAX_VALUE};
            case MysqlType.LONGLONG:
                // For UNSIGNED the bounds are raw bits: 0 .. 0xFFFF_FFFF_FFFF_FFFF (-1L).
                return u ? new long[]{0, -1L} : new long[]{Long.MIN_VALUE, Long.MAX_VALUE};
            default:
                throw new IllegalArgumentException("not an integer column type: " + ft.typeName());
        }
    }

    static long integer(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        long[] r = range(ft);
        long lo = r[0];
        long hi = r[1];
        boolean fullBits = ft.tp() == MysqlType.LONGLONG;
        if (rnd.nextDouble() < edgeProbability) {
            long[] edges = ft.unsigned()
                    ? new long[]{lo, hi, 1, hi - 1}
                    : new long[]{lo, hi, 0, 1, -1, lo + 1, hi - 1};
            return edges[rnd.nextInt(edges.length)];
        }
        if (rnd.nextBoolean()) {
            // Small values are what real rows mostly hold, and they exercise the short varint encodings.
            long bound = hi < 0 ? 1000 : Math.min(1000, hi); // hi < 0 only for BIGINT UNSIGNED's raw 2^64-1
            long small = rnd.nextLong(bound + 1);
            return ft.unsigned() || rnd.nextBoolean() ? small : -small;
        }
        if (fullBits) {
            return rnd.nextLong();
        }
        return rnd.nextLong(lo, hi + 1);
    }

    /** YEAR: 1901..2155, or 0 (the zero year {@code 0000}) rarely, as MySQL's YEAR type allows. */
    static long year(RandomGenerator rnd, double edgeProbability) {
        if (rnd.nextDouble() < edgeProbability) {
            long[] edges = {1901, 2155, 0, 2000, 1970};
            return edges[rnd.nextInt(edges.length)];
        }
        return rnd.nextLong(1901, 2156);
    }

    /** ENUM: a 1-based element index (never 0, the invalid-value index strict mode rejects). */
    static long enumIndex(FieldType ft, RandomGenerator rnd) {
        int n = ft.elems().size();
        if (n == 0) {
            throw new IllegalArgumentException("ENUM column type without elements: " + ft);
        }
        return 1 + rnd.nextInt(n);
    }

    /** SET: a bitmask over the elements, bit i = element i. */
    static long setBits(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        int n = ft.elems().size();
        if (n == 0 || n > 64) {
            throw new IllegalArgumentException("SET column type needs 1..64 elements, has " + n + ": " + ft);
        }
        long mask = n == 64 ? -1L : (1L << n) - 1;
        if (rnd.nextDouble() < edgeProbability) {
            return rnd.nextBoolean() ? 0 : mask;
        }
        return rnd.nextLong() & mask;
    }

    /** BIT(n): any value below 2^n; BIT without a width is BIT(1). */
    static long bits(FieldType ft, RandomGenerator rnd, double edgeProbability) {
        int n = ft.flen() <= 0 ? 1 : ft.flen();
        if (n > 64) {
            throw new IllegalArgumentException("BIT width " + n + " is above 64: " + ft);
        }
        long mask = n == 64 ? -1L : (1L << n) - 1;
        if (rnd.nextDouble() < edgeProbability) {
            long[] edges = {0, mask, 1, mask >>> 1, mask & ~(mask >>> 1)};
            return edges[rnd.nextInt(edges.length)];
        }
        return rnd.nextLong() & mask;
    }
}
