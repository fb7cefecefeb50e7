package io.tidbbinlog.sim.workload;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Random JSON documents written exactly as TiDB renders them ({@code BinaryJSON.String()}, types/json_binary.go):
 * {@code ", "} and {@code ": "} separators, object keys in UTF-8 byte order without duplicates, Go's string escaping
 * (not HTML-escaping; U+2028/U+2029 escaped), int64/uint64 integers, and floats that Go's shortest formatting prints
 * back digit for digit ({@code .0} on integral floats, plain notation between 1e-15 and 1e15). Parsing such a text
 * and rendering it again gives the same text, so the model value equals what a row read back holds.
 */
final class JsonTextGenerator {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String[] KEY_PARTS = {"id", "name", "k", "a b", "ключ", "emoji😀", "q\"uote", "back\\slash",
            "", "n\u0001l", "x"};
    private static final String[] STRING_PARTS = {"hello", "'", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", "\u0000",
            "\u001f", "<&>", "é", "中文", "😀", "\u2028", "\u2029", " ", "null", "{}", "1.5"};

    private final RandomGenerator rnd;

    private JsonTextGenerator(RandomGenerator rnd) {
        this.rnd = rnd;
    }

    static String document(RandomGenerator rnd, int maxDepth) {
        StringBuilder sb = new StringBuilder();
        new JsonTextGenerator(rnd).value(sb, maxDepth);
        return sb.toString();
    }

    private void value(StringBuilder sb, int depthLeft) {
        int kinds = depthLeft > 0 ? 8 : 6;
        switch (rnd.nextInt(kinds)) {
            case 0:
                sb.append("null");
                break;
            case 1:
                sb.append(rnd.nextBoolean() ? "true" : "false");
                break;
            case 2:
                integer(sb);
                break;
            case 3:
                floating(sb);
                break;
            case 4:
            case 5:
                quoted(sb, randomString());
                break;
            case 6:
                array(sb, depthLeft - 1);
                break;
            default:
                object(sb, depthLeft - 1);
        }
    }

    private void integer(StringBuilder sb) {
        switch (rnd.nextInt(4)) {
            case 0:
                sb.append(rnd.nextLong());
                break;
            case 1:
                // Above int64: TiDB keeps it as uint64.
                sb.append(Long.toUnsignedString(rnd.nextLong() | Long.MIN_VALUE));
                break;
            case 2:
                sb.append(new long[]{0, -1, Long.MIN_VALUE, Long.MAX_VALUE}[rnd.nextInt(4)]);
                break;
            default:
                sb.append(rnd.nextInt(-1000, 1000));
        }
    }

    /**
     * A float of at most 15 significant digits and |x| in [1e-6, 1e12): the nearest double prints back as exactly
     * these digits under Go's shortest formatting, which is plain notation in that range.
     */
    private void floating(StringBuilder sb) {
        if (rnd.nextInt(10) == 0) {
            sb.append(rnd.nextBoolean() ? "0.0" : "-0.0");
            return;
        }
        int scale = rnd.nextInt(7);
        int intDigits = rnd.nextInt(13);
        int digits = Math.max(1, Math.min(15, intDigits + scale));
        char[] c = new char[digits];
        for (int i = 0; i < digits; i++) {
            c[i] = (char) ('0' + rnd.nextInt(10));
        }
        c[0] = (char) ('1' + rnd.nextInt(9));
        BigDecimal v = new BigDecimal(new BigInteger(new String(c)), Math.min(scale, digits)).stripTrailingZeros();
        if (rnd.nextBoolean()) {
            v = v.negate();
        }
        String text = v.toPlainString();
        sb.append(text);
        if (text.indexOf('.') < 0) {
            sb.append(".0");
        }
    }

    private String randomString() {
        int parts = rnd.nextInt(4);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            s.append(STRING_PARTS[rnd.nextInt(STRING_PARTS.length)]);
        }
        return s.toString();
    }

    private void array(StringBuilder sb, int depthLeft) {
        int n = rnd.nextInt(5);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            value(sb, depthLeft);
        }
        sb.append(']');
    }

    private void object(StringBuilder sb, int depthLeft) {
        int n = rnd.nextInt(5);
        TreeMap<byte[], String> keys = new TreeMap<>(Arrays::compareUnsigned);
        for (int i = 0; i < n; i++) {
            String key = KEY_PARTS[rnd.nextInt(KEY_PARTS.length)] + (rnd.nextBoolean() ? "" : rnd.nextInt(100));
            keys.put(key.getBytes(StandardCharsets.UTF_8), key);
        }
        sb.append('{');
        boolean first = true;
        for (String key : keys.values()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            quoted(sb, key);
            sb.append(": ");
            value(sb, depthLeft);
        }
        sb.append('}');
    }

    private static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                case '\\':
                    sb.append('\\').append(c);
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                case '\u2028':
                case '\u2029':
                    sb.append("\\u202").append(HEX[c & 0xf]);
                    break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
