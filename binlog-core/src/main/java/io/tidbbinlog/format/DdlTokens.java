package io.tidbbinlog.format;

/**
 * Just enough of MySQL's lexer for reading DDL targets: identifiers (plain or back-quoted) and single-character
 * symbols, past whitespace and comments.
 */
final class DdlTokens {
    private final String s;
    private int pos;

    DdlTokens(String s) {
        this.s = s;
        this.pos = skipBlanks(s, 0);
    }

    boolean atEnd() {
        return pos >= s.length();
    }

    boolean atSymbol(char c) {
        return !atEnd() && s.charAt(pos) == c;
    }

    private int wordEnd() {
        return keywordEnd(s, pos);
    }

    /** The next token lower-cased if it is a plain word (it is consumed either way), else null. */
    String keyword() {
        if (atEnd()) {
            return null;
        }
        int end = wordEnd();
        if (end == pos) {
            skip();
            return null;
        }
        String word = s.substring(pos, end).toLowerCase(java.util.Locale.ROOT);
        pos = skipBlanks(s, end);
        return word;
    }

    boolean accept(String keyword) {
        int end = wordEnd();
        if (end > pos && s.substring(pos, end).equalsIgnoreCase(keyword)) {
            pos = skipBlanks(s, end);
            return true;
        }
        return false;
    }

    void acceptAll(String... keywords) {
        int save = pos;
        for (String k : keywords) {
            if (!accept(k)) {
                pos = save;
                return;
            }
        }
    }

    /** Skips one token. */
    void skip() {
        if (atEnd()) {
            return;
        }
        if (s.charAt(pos) == '`') {
            identifier();
            return;
        }
        int end = wordEnd();
        pos = skipBlanks(s, end > pos ? end : pos + 1);
    }

    private String identifier() {
        if (atEnd()) {
            return null;
        }
        if (s.charAt(pos) == '`') {
            StringBuilder out = new StringBuilder();
            for (int i = pos + 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '`') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '`') {
                        out.append('`');
                        i++;
                    } else {
                        pos = skipBlanks(s, i + 1);
                        return out.toString();
                    }
                } else {
                    out.append(c);
                }
            }
            pos = s.length();
            return null;
        }
        int end = wordEnd();
        if (end == pos) {
            return null;
        }
        String word = s.substring(pos, end);
        pos = skipBlanks(s, end);
        return word;
    }

    /** {@code [schema, table]} of a possibly qualified name (schema null if unqualified), or null. */
    String[] name() {
        String first = identifier();
        if (first == null) {
            return null;
        }
        if (atSymbol('.')) {
            pos = skipBlanks(s, pos + 1);
            String second = identifier();
            return second == null ? null : new String[] {first, second};
        }
        return new String[] {null, first};
    }

    /** Past whitespace and comments ({@code /* *&#47;} that are not executable, {@code -- }, {@code #}). */
    private static int skipBlanks(String q, int i) {
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (q.startsWith("/*", i) && !q.startsWith("/*!", i)) {
                int close = q.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '#' || (q.startsWith("--", i) && (i + 2 == n || Character.isWhitespace(q.charAt(i + 2))))) {
                int eol = q.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else {
                break;
            }
        }
        return i;
    }

    private static int keywordEnd(String q, int i) {
        while (i < q.length()) {
            char c = q.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '$') {
                break;
            }
            i++;
        }
        return i;
    }
}
