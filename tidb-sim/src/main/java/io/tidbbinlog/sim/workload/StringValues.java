package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * CHAR/VARCHAR/TEXT values ({@link String}) and BINARY/VARBINARY/BLOB values ({@code byte[]}) that fit the column.
 *
 * <p>VARCHAR and CHAR lengths count characters, BINARY/VARBINARY and the BLOB/TEXT family count bytes (MySQL's
 * rules; TiDB's {@code Flen} holds those numbers).
 */
final class StringValues {
    private static final String ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Characters that break naive quoting or LIKE patterns, and whitespace that must survive as written. */
    private static final String[] SPECIAL = {"'", "\"", "\\", "%", "_", "`", " ", "\t", "\n", "\r", ";", "--"};
    private static final String[] TWO_BYTE = {"é", "ß", "ü", "ñ", "Ω", "д"};
    private static final String[] THREE_BYTE = {"中", "日", "€", "ह", "한", "\u2028"};
    private static final String[] FOUR_BYTE = {"😀", "🎉", "𝄞", "𠜎"};

    private StringValues() {
    }

    /** MySQL's byte capacity of a BLOB/TEXT type when TiDB left Flen unspecified. */
    static long blobCapacity(FieldType ft) {
        if (ft.flen() > 0) {
            return ft.flen();
        }
        switch (ft.tp()) {
            case MysqlType.TINY_BLOB:
                return 255;
            case MysqlType.BLOB:
                return 65_535;
            case MysqlType.MEDIUM_BLOB:
                return 16_777_215;
            default:
                return Integer.MAX_VALUE;
        }
    }

    /** The most bytes a value of this string column can have. */
    static long byteCapacity(FieldType ft) {
        if (MysqlType.isBlob(ft.tp())) {
            return blobCapacity(ft);
        }
        int flen = ft.flen() < 0 ? 1 : ft.flen();
        // CHAR(n)/VARCHAR(n) count characters: ASCII keeps bytes equal to characters.
        return flen;
    }

    static byte[] binary(FieldType ft, RandomGenerator rnd, double edgeProbability, int maxBytes) {
        if (ft.tp() == MysqlType.STRING) {
            // BINARY(n) is right-padded with 0x00 to n bytes by TiDB; generate exactly n so nothing is padded.
            int n = ft.flen() < 0 ? 1 : ft.flen();
            return bytes(n, rnd, edgeProbability);
        }
        long cap = byteCapacity(ft);
        int limit = (int) Math.min(cap, maxBytes);
        int len = rnd.nextDouble() < edgeProbability
                ? (rnd.nextBoolean() ? 0 : limit)
                : rnd.nextInt(limit + 1);
        return bytes(len, rnd, edgeProbability);
    }

    private static byte[] bytes(int n, RandomGenerator rnd, double edgeProbability) {
        byte[] b = new byte[n];
        if (n > 0 && rnd.nextDouble() < edgeProbability) {
            switch (rnd.nextInt(3)) {
                case 0:
                    return b; // all 0x00
                case 1:
                    Arrays.fill(b, (byte) 0xff);
                    return b;
                default:
                    rnd.nextBytes(b);
                    b[n - 1] = 0; // trailing zero bytes must survive in VARBINARY/BLOB
                    return b;
            }
        }
        rnd.nextBytes(b);
        return b;
    }

    /**
     * A text value: at most the column's characters (CHAR/VARCHAR) or bytes (TEXT family) and {@code maxChars},
     * using only characters the column's charset holds. CHAR values and key columns never end in a space: MySQL
     * strips CHAR's trailing spaces on read, and PAD SPACE collations make {@code 'a'} and {@code 'a '} the same key.
     */
    static String text(FieldType ft, RandomGenerator rnd, double edgeProbability, int maxChars) {
        boolean blob = MysqlType.isBlob(ft.tp());
        int maxLen = blob ? (int) Math.min(blobCapacity(ft), maxChars) : Math.min(ft.flen() < 0 ? 1 : ft.flen(), maxChars);
        long byteBudget = blob ? blobCapacity(ft) : Long.MAX_VALUE;
        int len;
        if (rnd.nextDouble() < edgeProbability) {
            len = rnd.nextBoolean() ? 0 : maxLen;
        } else {
            len = rnd.nextInt(maxLen + 1);
        }
        int widest = widestCharBytes(ft.charset());
        StringBuilder sb = new StringBuilder(len * 2);
        long bytes = 0;
        for (int i = 0; i < len; i++) {
            String c = character(rnd, widest);
            int cb = c.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + cb > byteBudget) {
                c = "a";
                cb = 1;
                if (bytes + cb > byteBudget) {
                    break;
                }
            }
            sb.append(c);
            bytes += cb;
        }
        boolean noTrailingSpace = ft.tp() == MysqlType.STRING
                || (ft.flag() & (ColumnFlag.PRI_KEY | ColumnFlag.UNIQUE_KEY | ColumnFlag.MULTIPLE_KEY)) != 0;
        if (noTrailingSpace) {
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == ' ') {
                end--;
            }
            sb.setLength(end);
        }
        return sb.toString();
    }

    /** Bytes per character the charset can store: 4 for utf8mb4 (and unspecified), 3 for utf8, else ASCII only. */
    static int widestCharBytes(String charset) {
        if (charset == null || charset.isEmpty() || charset.equalsIgnoreCase("utf8mb4")) {
            return 4;
        }
        if (charset.equalsIgnoreCase("utf8") || charset.equalsIgnoreCase("utf8mb3")) {
            return 3;
        }
        return 1;
    }

    private static String character(RandomGenerator rnd, int widest) {
        int pick = rnd.nextInt(100);
        if (pick < 70 || widest == 1) {
            if (widest == 1 && pick >= 85) {
                return SPECIAL[rnd.nextInt(SPECIAL.length)].substring(0, 1);
            }
            return String.valueOf(ASCII.charAt(rnd.nextInt(ASCII.length())));
        }
        if (pick < 80) {
            return SPECIAL[rnd.nextInt(SPECIAL.length)].substring(0, 1);
        }
        if (pick < 88) {
            return TWO_BYTE[rnd.nextInt(TWO_BYTE.length)];
        }
        if (pick < 95 || widest < 4) {
            return THREE_BYTE[rnd.nextInt(THREE_BYTE.length)];
        }
        return FOUR_BYTE[rnd.nextInt(FOUR_BYTE.length)];
    }

    /** An ASCII text value of exactly {@code bytes} bytes, for building large transactions cheaply. */
    static String largeText(int bytes, RandomGenerator rnd) {
        byte[] b = new byte[bytes];
        rnd.nextBytes(b);
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) ASCII.charAt((b[i] & 0xff) % ASCII.length());
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
