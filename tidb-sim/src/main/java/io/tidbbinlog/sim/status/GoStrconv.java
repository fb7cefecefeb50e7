package io.tidbbinlog.sim.status;

/**
 * The two Go integer parsers TiDB's handlers use on request parameters, with Go's error texts, which TiDB sends
 * back as the 400 body: {@code strconv.Atoi} (decimal, optional sign) and {@code strconv.ParseInt(s, 0, 64)}
 * (sign, then a {@code 0x}/{@code 0o}/{@code 0b}/{@code 0} prefix picks the base, {@code _} allowed after a
 * prefix).
 */
final class GoStrconv {

    private GoStrconv() {
    }

    static long atoi(String s) {
        return parse("Atoi", s, s, 10);
    }

    static long parseIntBase0(String s) {
        String body = s;
        String sign = "";
        if (body.startsWith("+") || body.startsWith("-")) {
            sign = body.substring(0, 1);
            body = body.substring(1);
        }
        int base = 10;
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("0x")) {
            base = 16;
            body = body.substring(2);
        } else if (lower.startsWith("0b")) {
            base = 2;
            body = body.substring(2);
        } else if (lower.startsWith("0o")) {
            base = 8;
            body = body.substring(2);
        } else if (body.length() > 1 && body.charAt(0) == '0') {
            base = 8;
            body = body.substring(1);
        }
        if (base != 10 && body.startsWith("_")) {
            body = body.substring(1);
        }
        if (base != 10) {
            if (body.contains("__") || body.endsWith("_")) {
                throw syntax("ParseInt", s);
            }
            body = body.replace("_", "");
        }
        return parse("ParseInt", s, sign + body, base);
    }

    private static long parse(String func, String original, String digits, int radix) {
        if (digits.isEmpty() || digits.equals("+") || digits.equals("-")) {
            throw syntax(func, original);
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (i == 0 && (c == '+' || c == '-')) {
                continue;
            }
            if (Character.digit(c, radix) < 0 || c > 0x7f) {
                throw syntax(func, original);
            }
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new TidbRequestException("strconv." + func + ": parsing " + quote(original)
                    + ": value out of range");
        }
    }

    private static TidbRequestException syntax(String func, String s) {
        return new TidbRequestException("strconv." + func + ": parsing " + quote(s) + ": invalid syntax");
    }

    /** Go's {@code strconv.Quote} for the ASCII texts that reach here; other characters are escaped. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
