package io.tidbbinlog.format;

/**
 * Drainer's file sink prefixes a DDL with {@code use `db`;} so that Reparo runs it in the right database, except
 * CREATE DATABASE, which it only terminates with {@code ;}; a DDL with no schema name goes out unchanged.
 */
final class DdlQueryText {
    record Parsed(String schema, String table, String query) {
    }

    private DdlQueryText() {
    }

    static String withUse(String schema, String query) {
        if (schema.isEmpty()) {
            return query;
        }
        if (isCreateDatabase(query)) {
            return query + ";";
        }
        return "use " + quote(schema) + "; " + query + ";";
    }

    static Parsed parse(String text) {
        String s = text.strip();
        String schema = "";
        if (s.regionMatches(true, 0, "use ", 0, 4)) {
            int end = endOfUse(s);
            schema = unquote(s.substring(4, end).strip());
            s = s.substring(end + 1).strip();
        }
        if (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        DdlTarget target = DdlTarget.of(s, schema);
        return new Parsed(target.schema(), target.table(), s);
    }

    private static int endOfUse(String s) {
        boolean inQuote = false;
        for (int i = 4; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                if (inQuote && i + 1 < s.length() && s.charAt(i + 1) == '`') {
                    i++;
                } else {
                    inQuote = !inQuote;
                }
            } else if (c == ';' && !inQuote) {
                return i;
            }
        }
        throw new IllegalArgumentException("DDL starts with 'use' but has no ';': " + s);
    }

    /**
     * Whether TiDB's parser would read the query as a CREATE DATABASE statement: the first two keywords, past
     * whitespace and comments, are CREATE and DATABASE (or SCHEMA).
     */
    static boolean isCreateDatabase(String query) {
        return createDatabaseNameStart(query) >= 0;
    }

    /** Where the database name of a CREATE DATABASE starts (past IF NOT EXISTS), or -1 if it is none. */
    private static int createDatabaseNameStart(String q) {
        int i = skipBlanks(q, 0);
        int end = keywordEnd(q, i);
        if (!q.substring(i, end).equalsIgnoreCase("create")) {
            return -1;
        }
        i = skipBlanks(q, end);
        end = keywordEnd(q, i);
        String what = q.substring(i, end);
        if (!what.equalsIgnoreCase("database") && !what.equalsIgnoreCase("schema")) {
            return -1;
        }
        i = skipBlanks(q, end);
        int save = i;
        for (String word : new String[] {"if", "not", "exists"}) {
            end = keywordEnd(q, i);
            if (!q.substring(i, end).equalsIgnoreCase(word)) {
                return save;
            }
            i = skipBlanks(q, end);
        }
        return i;
    }

    /** Past whitespace and comments ({@code /* *&#47;} that are not executable, {@code -- }, {@code #}). */
    static int skipBlanks(String q, int i) {
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

    static int keywordEnd(String q, int i) {
        while (i < q.length()) {
            char c = q.charAt(i);
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '$') {
                break;
            }
            i++;
        }
        return i;
    }

    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    static String unquote(String name) {
        if (name.length() >= 2 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1).replace("``", "`");
        }
        return name;
    }
}
