package io.tidbbinlog.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.google.protobuf.MessageLite;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test helper for hand-written wire vectors: hex byte pairs, {@code "text"} for the ASCII bytes of a string, and
 * {@code //} comments to the end of the line (outside quotes).
 */
final class WireBytes {
    private WireBytes() {
    }

    static byte[] of(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int hi = -1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed string at " + i);
                }
                out.writeBytes(text.substring(i + 1, close).getBytes(StandardCharsets.UTF_8));
                i = close + 1;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int d = Character.digit(c, 16);
                if (d < 0) {
                    throw new IllegalArgumentException("not hex: '" + c + "' at " + i);
                }
                if (hi < 0) {
                    hi = d;
                } else {
                    out.write(hi << 4 | d);
                    hi = -1;
                }
                i++;
            }
            if (hi >= 0 && (i >= text.length() || Character.digit(text.charAt(i), 16) < 0)) {
                throw new IllegalArgumentException("odd hex digit before position " + i);
            }
        }
        return out.toByteArray();
    }

    /** Re-encoding what was parsed must give back exactly the bytes a Go encoder wrote. */
    static void assertReencodes(byte[] wire, MessageLite parsed) {
        assertArrayEquals(wire, parsed.toByteArray(), () -> "re-encoded bytes differ: expected " + hex(wire) + " got "
                + hex(parsed.toByteArray()));
    }

    static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x ", x & 0xff));
        }
        return sb.toString().trim();
    }
}
