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
        DdlTokens t = new DdlTokens(query);
        if (!"create".equals(t.keyword())) {
            return false;
        }
        String what = t.keyword();
        return "database".equals(what) || "schema".equals(what);
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
