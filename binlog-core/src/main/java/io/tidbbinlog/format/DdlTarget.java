package io.tidbbinlog.format;

/**
 * The database and table a DDL statement names, read the way Reparo's parser reads them for its filter and its
 * loader: the {@code use} database unless the statement qualifies the name; CREATE/DROP DATABASE name the
 * database; RENAME TABLE names the new table of its first pair; DROP TABLE its first table. Only the grammar
 * needed to find that name is read; anything else names no table.
 */
record DdlTarget(String schema, String table) {

    static DdlTarget of(String statement, String useSchema) {
        Tokens t = new Tokens(statement);
        String first = t.keyword();
        if (first == null) {
            return new DdlTarget(useSchema, "");
        }
        switch (first) {
            case "create":
                return create(t, useSchema);
            case "alter":
                return t.accept("table") ? named(t, useSchema) : new DdlTarget(useSchema, "");
            case "truncate":
                t.accept("table");
                return named(t, useSchema);
            case "rename":
                if (t.accept("table") && t.name() != null && t.accept("to")) {
                    return named(t, useSchema);
                }
                return new DdlTarget(useSchema, "");
            case "drop":
                return drop(t, useSchema);
            default:
                return new DdlTarget(useSchema, "");
        }
    }

    private static DdlTarget create(Tokens t, String useSchema) {
        // Past modifiers (OR REPLACE, TEMPORARY, UNIQUE, a view's ALGORITHM=/DEFINER=/SQL SECURITY) to the noun.
        while (!t.atEnd() && !t.atSymbol('(')) {
            String k = t.keyword();
            if (k == null) {
                continue;
            }
            switch (k) {
                case "database", "schema" -> {
                    t.acceptAll("if", "not", "exists");
                    return database(t, useSchema);
                }
                case "table" -> {
                    t.acceptAll("if", "not", "exists");
                    return named(t, useSchema);
                }
                case "view" -> {
                    return named(t, useSchema);
                }
                case "index" -> {
                    while (!t.atEnd() && !t.accept("on")) {
                        t.skip();
                    }
                    return named(t, useSchema);
                }
                default -> {
                }
            }
        }
        return new DdlTarget(useSchema, "");
    }

    private static DdlTarget drop(Tokens t, String useSchema) {
        t.accept("temporary");
        String k = t.keyword();
        if (k == null) {
            return new DdlTarget(useSchema, "");
        }
        switch (k) {
            case "table", "view":
                t.acceptAll("if", "exists");
                return named(t, useSchema);
            case "index":
                t.acceptAll("if", "exists");
                if (t.name() != null && t.accept("on")) {
                    return named(t, useSchema);
                }
                return new DdlTarget(useSchema, "");
            case "database", "schema":
                t.acceptAll("if", "exists");
                return database(t, useSchema);
            default:
                return new DdlTarget(useSchema, "");
        }
    }

    private static DdlTarget database(Tokens t, String useSchema) {
        String[] name = t.name();
        return new DdlTarget(name == null ? useSchema : name[1], "");
    }

    private static DdlTarget named(Tokens t, String useSchema) {
        String[] name = t.name();
        if (name == null) {
            return new DdlTarget(useSchema, "");
        }
        return new DdlTarget(name[0] == null ? useSchema : name[0], name[1]);
    }

    /** Identifiers (plain or back-quoted) and single-character symbols, past whitespace and comments. */
    private static final class Tokens {
        private final String s;
        private int pos;

        Tokens(String s) {
            this.s = s;
            this.pos = DdlQueryText.skipBlanks(s, 0);
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        boolean atSymbol(char c) {
            return !atEnd() && s.charAt(pos) == c;
        }

        private int wordEnd() {
            return DdlQueryText.keywordEnd(s, pos);
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
            pos = DdlQueryText.skipBlanks(s, end);
            return word;
        }

        boolean accept(String keyword) {
            int end = wordEnd();
            if (end > pos && s.substring(pos, end).equalsIgnoreCase(keyword)) {
                pos = DdlQueryText.skipBlanks(s, end);
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
            pos = DdlQueryText.skipBlanks(s, end > pos ? end : pos + 1);
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
                            pos = DdlQueryText.skipBlanks(s, i + 1);
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
            pos = DdlQueryText.skipBlanks(s, end);
            return word;
        }

        /** {@code [schema, table]} of a possibly qualified name (schema null if unqualified), or null. */
        String[] name() {
            String first = identifier();
            if (first == null) {
                return null;
            }
            if (atSymbol('.')) {
                pos = DdlQueryText.skipBlanks(s, pos + 1);
                String second = identifier();
                return second == null ? null : new String[] {first, second};
            }
            return new String[] {null, first};
        }
    }
}
