package io.tidbbinlog.codec;

import java.util.Random;

/** Seeded random JSON documents (text) for round trips. */
final class RandomJson {
    private RandomJson() {
    }

    static String text(Random rnd, int depth) {
        StringBuilder sb = new StringBuilder();
        append(sb, rnd, depth);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Random rnd, int depth) {
        int k = rnd.nextInt(depth > 0 ? 9 : 7);
        switch (k) {
            case 0:
                sb.append("null");
                break;
            case 1:
                sb.append(rnd.nextBoolean());
                break;
            case 2:
                sb.append(rnd.nextLong() >> rnd.nextInt(64));
                break;
            case 3:
                sb.append(Long.toUnsignedString(rnd.nextLong() | Long.MIN_VALUE));
                break;
            case 4: {
                double d = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
                sb.append(d);
                break;
            }
            case 5:
            case 6:
                string(sb, rnd);
                break;
            case 7: {
                sb.append('[');
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    append(sb, rnd, depth - 1);
                }
                sb.append(']');
                break;
            }
            default: {
                sb.append('{');
                int n = rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    string(sb, rnd);
                    sb.append(':');
                    append(sb, rnd, depth - 1);
                }
                sb.append('}');
            }
        }
    }

    private static void string(StringBuilder sb, Random rnd) {
        String alphabet = "abcXYZ09 _-\"\\\n\t/é中😀\u2028<>&";
        sb.append('"');
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0, rnd.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            switch (cp) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                default:
                    sb.appendCodePoint(cp);
            }
        }
        sb.append('"');
    }
}
