package io.tidbbinlog.binlogfile;

import java.io.ByteArrayOutputStream;

/** Test helper: hex text (whitespace and // comments allowed) to bytes. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : text.split("\n")) {
            int c = line.indexOf("//");
            String hex = (c >= 0 ? line.substring(0, c) : line).replaceAll("\\s+", "");
            if (hex.length() % 2 != 0) {
                throw new IllegalArgumentException("odd hex digits in: " + line);
            }
            for (int i = 0; i < hex.length(); i += 2) {
                out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
            }
        }
        return out.toByteArray();
    }
}
