package io.tidbbinlog.sim.catalog;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Locale;

/**
 * One SQL literal as a DEFAULT clause writes it: NULL, a quoted string, a number, a bit or hex literal, TRUE /
 * FALSE, or CURRENT_TIMESTAMP. {@code end} is where the literal ended in the text it was read from.
 */
record SqlLiteral(Kind kind, String text, byte[] bytes, int fsp, int end) {

    enum Kind { NULL, STRING, NUMBER, BITS, CURRENT_TIMESTAMP }

    /** Reads a whole DEFAULT literal; anything after it is an error. */
    static SqlLiteral parseDefault(String column, String sql) {
        String s = sql.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("column '" + column + "': empty DEFAULT literal");
        }
        SqlLiteral lit = readAt(column, s);
        if (lit.end != s.length()) {
            throw new IllegalArgumentException("column '" + column + "': cannot read DEFAULT literal '" + sql
                    + "': unexpected '" + s.substring(lit.end) + "'");
        }
        return lit;
    }

    private static SqlLiteral readAt(String column, String s) {
        char c = s.charAt(0);
        if (c == '\'' || c == '"') {
            return readQuoted(s, 0);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("b'") || lower.startsWith("x'")) && s.endsWith("'")) {
            String digits = s.substring(2, s.length() - 1);
            byte[] bytes = lower.charAt(0) == 'b' ? bitDigits(column, digits) : hexDigits(column, digits, true);
            return new SqlLiteral(Kind.BITS, s, bytes, 0, s.length());
        }
        if (lower.startsWith("0x") && s.length() > 2) {
            return new SqlLiteral(Kind.BITS, s, hexDigits(column, s.substring(2), false), 0, s.length());
        }
        if (lower.startsWith("0b") && s.length() > 2) {
            return new SqlLiteral(Kind.BITS, s, bitDigits(column, s.substring(2)), 0, s.length());
        }
        switch (lower) {
            case "null": return new SqlLiteral(Kind.NULL, null, null, 0, s.length());
            case "true": return new SqlLiteral(Kind.NUMBER, "1", null, 0, s.length());
            case "false": return new SqlLiteral(Kind.NUMBER, "0", null, 0, s.length());
            default: break;
        }
        String compact = lower.replace(" ", "");
        for (String fn : new String[] {"current_timestamp", "now", "localtime", "localtimestamp"}) {
            if (compact.equals(fn) || compact.startsWith(fn + "(")) {
                int fsp = 0;
                if (compact.startsWith(fn + "(")) {
                    String inner = compact.substring(fn.length() + 1, compact.length() - 1);
                    if (!compact.endsWith(")") || (!inner.isEmpty() && !inner.matches("[0-6]"))) {
                        throw new IllegalArgumentException("column '" + column + "': cannot read DEFAULT '" + s + "'");
                    }
                    fsp = inner.isEmpty() ? 0 : Integer.parseInt(inner);
                }
                return new SqlLiteral(Kind.CURRENT_TIMESTAMP, "CURRENT_TIMESTAMP", null, fsp, s.length());
            }
        }
        if (s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")) {
            return new SqlLiteral(Kind.NUMBER, s.startsWith("+") ? s.substring(1) : s, null, 0, s.length());
        }
        throw new IllegalArgumentException("column '" + column + "': cannot read DEFAULT literal '" + s
                + "' (expected NULL, a quoted string, a number, b'..', 0x.., TRUE/FALSE or CURRENT_TIMESTAMP)");
    }

    /** A quoted string starting at {@code start}, with MySQL's escapes and doubled quotes undone. */
    static SqlLiteral readQuoted(String s, int start) {
        char q = s.charAt(start);
        StringBuilder out = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == q) {
                if (i + 1 < s.length() && s.charAt(i + 1) == q) {
                    out.append(q);
                    i += 2;
                    continue;
                }
                return new SqlLiteral(Kind.STRING, out.toString(), null, 0, i + 1);
            }
            if (c == '\\' && i + 1 < s.length()) {
                char e = s.charAt(i + 1);
                switch (e) {
                    case '0' -> out.append('\0');
                    case 'b' -> out.append('\b');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'Z' -> out.append('\u001a');
                    case '%', '_' -> out.append('\\').append(e);
                    default -> out.append(e);
                }
                i += 2;
                continue;
            }
            out.append(c);
            i++;
        }
        throw new IllegalArgumentException("unterminated quoted string in '" + s + "'");
    }

    /** b'0101': whole bytes, as many as the digits need (TiDB's ParseBitStr). */
    private static byte[] bitDigits(String column, String digits) {
        if (!digits.matches("[01]*")) {
            throw new IllegalArgumentException("column '" + column + "': bad bit literal digits '" + digits + "'");
        }
        if (digits.isEmpty()) {
            return new byte[0];
        }
        int n = (digits.length() + 7) / 8;
        byte[] raw = new BigInteger(digits, 2).toByteArray();
        return fit(raw, n);
    }

    private static byte[] hexDigits(String column, String digits, boolean quoted) {
        if (!digits.matches("[0-9a-fA-F]*")) {
            throw new IllegalArgumentException("column '" + column + "': bad hex literal digits '" + digits + "'");
        }
        if (quoted && digits.length() % 2 != 0) {
            throw new IllegalArgumentException("column '" + column + "': x'' literal needs an even number of digits");
        }
        String d = digits.length() % 2 != 0 ? "0" + digits : digits;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < d.length(); i += 2) {
            out.write(Integer.parseInt(d.substring(i, i + 2), 16));
        }
        return out.toByteArray();
    }

    private static byte[] fit(byte[] raw, int n) {
        byte[] out = new byte[n];
        int copy = Math.min(raw.length, n);
        System.arraycopy(raw, raw.length - copy, out, n - copy, copy);
        return out;
    }
}
