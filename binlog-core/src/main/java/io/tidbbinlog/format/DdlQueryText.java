package io.tidbbinlog.format;

import java.util.Locale;

/**
 * Drainer's file sink prefixes a DDL with {@code use `db`;} so that Reparo runs it in the right database, except
 * CREATE DATABASE, which it only terminates with {@code ;}; a DDL with no schema name goes out unchanged.
 */
final class DdlQueryText {
    record Parsed(String schema, String query) {
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
        if (schema.isEmpty() && isCreateDatabase(s)) {
            schema = createdDatabaseName(s);
        }
        return new Parsed(schema, s);
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

    static boolean isCreateDatabase(String query) {
        String[] words = leadingWords(query, 2);
        return words.length == 2 && words[0].equals("create")
                && (words[1].equals("database") || words[1].equals("schema"));
    }

    private static String createdDatabaseName(String query) {
        String[] words = leadingWords(query, 6);
        int i = 2;
        if (words.length > 4 && words[2].equals("if") && words[3].equals("not") && words[4].equals("exists")) {
            i = 5;
        }
        if (i >= words.length) {
            return "";
        }
        String rest = skipWords(query, i);
        return unquote(rest.split("[\\s;]", 2)[0]);
    }

    private static String[] leadingWords(String query, int n) {
        String s = stripComments(query).strip();
        String[] parts = s.split("\\s+", n + 1);
        int k = Math.min(n, parts.length);
        String[] out = new String[k];
        for (int i = 0; i < k; i++) {
            out[i] = parts[i].toLowerCase(Locale.ROOT);
        }
        return out;
    }

    private static String skipWords(String query, int n) {
        String s = stripComments(query).strip();
        String[] parts = s.split("\\s+", n + 1);
        return parts.length > n ? parts[n] : "";
    }

    /** Leading block comments that are not MySQL executable comments ({@code /*!...}). */
    private static String stripComments(String q) {
        String s = q.strip();
        while (s.startsWith("/*") && !s.startsWith("/*!")) {
            int end = s.indexOf("*/");
            if (end < 0) {
                return s;
            }
            s = s.substring(end + 2).strip();
        }
        return s;
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
