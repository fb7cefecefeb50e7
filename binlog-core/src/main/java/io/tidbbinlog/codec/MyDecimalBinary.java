package io.tidbbinlog.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * MySQL's fixed-length binary DECIMAL layout, as TiDB's {@code MyDecimal.WriteBin}/{@code FromBin} produce and read
 * it (the payload of datum flag 6 after the precision and frac bytes).
 *
 * <p>Layout for DECIMAL(p, f): the p-f integer digits, then the f fraction digits, cut into groups of 9 digits stored
 * as 4-byte big-endian words; the integer part's leading group and the fraction's trailing group hold fewer digits
 * and take only {@code DIG2BYTES[digits]} bytes. A negative number has every byte inverted; finally the top bit of
 * the first byte is flipped, so that equal (p, f) encodings compare like the numbers with memcmp.
 */
public final class MyDecimalBinary {
    static final int DIGITS_PER_WORD = 9;
    static final int WORD_SIZE = 4;
    private static final int[] DIG2BYTES = {0, 1, 1, 2, 2, 3, 3, 4, 4, 4};
    private static final int[] POW10 = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
    private static final long WORD_BASE = 1_000_000_000L;
    private static final BigInteger BIG_WORD_BASE = BigInteger.valueOf(WORD_BASE);
    /** MySQL's limits, which TiDB's encoder enforces too. */
    public static final int MAX_PRECISION = 65;
    public static final int MAX_FRAC = 30;
    /** What TiDB's {@code FromBin} accepts: 9 words of 9 digits, at most 40 bytes. */
    private static final int MAX_WORDS = 9;

    private MyDecimalBinary() {
    }

    /** Bytes taken by a DECIMAL(precision, frac); throws for impossible combinations. */
    public static int binSize(int precision, int frac) {
        if (precision < 1 || frac < 0 || frac > precision) {
            throw new CodecException("invalid decimal precision/frac " + precision + "/" + frac);
        }
        int digitsInt = precision - frac;
        int wordsInt = digitsInt / DIGITS_PER_WORD;
        int wordsFrac = frac / DIGITS_PER_WORD;
        return wordsInt * WORD_SIZE + DIG2BYTES[digitsInt - wordsInt * DIGITS_PER_WORD]
                + wordsFrac * WORD_SIZE + DIG2BYTES[frac - wordsFrac * DIGITS_PER_WORD];
    }

    /**
     * Encodes {@code v} as DECIMAL(precision, frac). Fraction digits beyond {@code frac} are cut off (not rounded),
     * as {@code WriteBin} does; an integer part with more than {@code precision - frac} digits is an error (TiDB
     * reports ErrOverflow and fails the write).
     */
    public static byte[] toBin(BigDecimal v, int precision, int frac) {
        if (precision < 1 || precision > MAX_PRECISION || frac < 0 || frac > MAX_FRAC || frac > precision) {
            throw new CodecException("invalid decimal precision/frac " + precision + "/" + frac);
        }
        byte[] out = new byte[binSize(precision, frac)];
        writeBin(v, precision, frac, out, 0);
        return out;
    }

    /** As {@link #toBin}, appending to {@code out}. */
    public static void writeBin(BigDecimal v, int precision, int frac, DatumWriter out) {
        out.writeBytes(toBin(v, precision, frac));
    }

    private static void writeBin(BigDecimal v, int precision, int frac, byte[] out, int off) {
        boolean negative = v.signum() < 0;
        BigInteger unscaled = v.abs().setScale(frac, RoundingMode.DOWN).unscaledValue();
        String digits = unscaled.toString();
        if (digits.length() > precision) {
            throw new CodecException("decimal " + v.toPlainString() + " overflows DECIMAL(" + precision + "," + frac
                    + ")");
        }
        // Exactly `precision` digits, zero padded on the left: integer digits then fraction digits.
        int pad = precision - digits.length();
        int mask = negative ? 0xff : 0;
        int digitsInt = precision - frac;
        int leading = digitsInt % DIGITS_PER_WORD;
        int wordsInt = digitsInt / DIGITS_PER_WORD;
        int wordsFrac = frac / DIGITS_PER_WORD;
        int trailing = frac % DIGITS_PER_WORD;
        int p = off;
        int d = 0; // digit index in the padded string
        if (leading > 0) {
            p = putGroup(out, p, groupValue(digits, pad, d, leading), DIG2BYTES[leading], mask);
            d += leading;
        }
        for (int i = 0; i < wordsInt + wordsFrac; i++) {
            p = putGroup(out, p, groupValue(digits, pad, d, DIGITS_PER_WORD), WORD_SIZE, mask);
            d += DIGITS_PER_WORD;
        }
        if (trailing > 0) {
            p = putGroup(out, p, groupValue(digits, pad, d, trailing), DIG2BYTES[trailing], mask);
        }
        out[off] ^= (byte) 0x80;
    }

    private static int groupValue(String digits, int pad, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int idx = i - pad;
            v = v * 10 + (idx < 0 ? 0 : digits.charAt(idx) - '0');
        }
        return v;
    }

    private static int putGroup(byte[] out, int p, int value, int size, int mask) {
        for (int i = size - 1; i >= 0; i--) {
            out[p + i] = (byte) ((value & 0xff) ^ mask);
            value >>>= 8;
        }
        return p + size;
    }

    /**
     * Decodes a DECIMAL(precision, frac) from {@code b} at {@code off}; the result has scale {@code frac}.
     *
     * @throws CodecException if the bytes run out or a group holds more digits than it may
     */
    public static BigDecimal fromBin(byte[] b, int off, int precision, int frac) {
        return fromBin(b, off, b.length, precision, frac, 0);
    }

    /** As {@link #fromBin(byte[], int, int, int)}; {@code end} bounds the input, {@code base} only shifts offsets in messages. */
    static BigDecimal fromBin(byte[] b, int off, int end, int precision, int frac, int base) {
        if (precision < 1 || frac < 0 || frac > precision) {
            throw CodecException.at("invalid decimal precision/frac " + precision + "/" + frac, off - base,
                    end - base);
        }
        int digitsInt = precision - frac;
        int wordsInt = digitsInt / DIGITS_PER_WORD;
        int leading = digitsInt - wordsInt * DIGITS_PER_WORD;
        int wordsFrac = frac / DIGITS_PER_WORD;
        int trailing = frac - wordsFrac * DIGITS_PER_WORD;
        if (wordsInt + (leading > 0 ? 1 : 0) + wordsFrac + (trailing > 0 ? 1 : 0) > MAX_WORDS) {
            throw CodecException.at("decimal precision/frac " + precision + "/" + frac + " too large", off - base,
                    end - base);
        }
        int size = wordsInt * WORD_SIZE + DIG2BYTES[leading] + wordsFrac * WORD_SIZE + DIG2BYTES[trailing];
        if (off < 0 || end - off < size) {
            throw CodecException.at("truncated decimal", Math.max(0, end - base), end - base);
        }
        boolean negative = (b[off] & 0x80) == 0;
        int mask = negative ? 0xff : 0;
        int p = off;
        long acc = 0;
        BigInteger big = null;
        if (leading > 0) {
            int n = DIG2BYTES[leading];
            int w = readGroup(b, p, n, mask, off);
            if (w >= POW10[leading]) {
                throw CodecException.at("invalid decimal digits", p - base, end - base);
            }
            acc = w;
            p += n;
        }
        for (int i = 0; i < wordsInt + wordsFrac; i++) {
            int w = readGroup(b, p, WORD_SIZE, mask, off);
            if (w < 0 || w >= WORD_BASE) {
                throw CodecException.at("invalid decimal digits", p - base, end - base);
            }
            if (big == null && acc > (Long.MAX_VALUE - w) / WORD_BASE) {
                big = BigInteger.valueOf(acc);
            }
            if (big == null) {
                acc = acc * WORD_BASE + w;
            } else {
                big = big.multiply(BIG_WORD_BASE).add(BigInteger.valueOf(w));
            }
            p += WORD_SIZE;
        }
        if (trailing > 0) {
            int n = DIG2BYTES[trailing];
            int w = readGroup(b, p, n, mask, off);
            if (w >= POW10[trailing]) {
                throw CodecException.at("invalid decimal digits", p - base, end - base);
            }
            long scale = POW10[trailing];
            if (big == null && acc > (Long.MAX_VALUE - w) / scale) {
                big = BigInteger.valueOf(acc);
            }
            if (big == null) {
                acc = acc * scale + w;
            } else {
                big = big.multiply(BigInteger.valueOf(scale)).add(BigInteger.valueOf(w));
            }
        }
        if (big == null) {
            return BigDecimal.valueOf(negative ? -acc : acc, frac);
        }
        return new BigDecimal(negative ? big.negate() : big, frac);
    }

    /** Unsigned big-endian group with the sign bit of the first byte restored and negatives re-inverted. */
    private static int readGroup(byte[] b, int p, int n, int mask, int first) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int c = b[p + i] & 0xff;
            if (p + i == first) {
                c ^= 0x80;
            }
            v = (v << 8) | (c ^ mask);
        }
        return v;
    }
}
