package io.tidbbinlog.format;

/**
 * The database and table a DDL statement names, read the way Reparo's parser reads them for its filter and its
 * loader: the {@code use} database unless the statement qualifies the name; CREATE/DROP DATABASE name the
 * database; RENAME TABLE names the new table of its first pair; DROP TABLE its first table. Only the grammar
 * needed to find that name is read; anything else names no table.
 */
record DdlTarget(String schema, String table) {

    static DdlTarget of(String statement, String useSchema) {
        DdlTokens t = new DdlTokens(statement);
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

    private static DdlTarget create(DdlTokens t, String useSchema) {
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

    private static DdlTarget drop(DdlTokens t, String useSchema) {
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

    private static DdlTarget database(DdlTokens t, String useSchema) {
        String[] name = t.name();
        return new DdlTarget(name == null ? useSchema : name[1], "");
    }

    private static DdlTarget named(DdlTokens t, String useSchema) {
        String[] name = t.name();
        if (name == null) {
            return new DdlTarget(useSchema, "");
        }
        return new DdlTarget(name[0] == null ? useSchema : name[0], name[1]);
    }
}
