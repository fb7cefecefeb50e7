package io.tidbbinlog.sim.reference;

import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rewrites the database names in a DDL's text so that replaying it into scratch databases touches only those:
 * a qualifier {@code db.} (bare or backticked) whose name is a known database, and the name after
 * {@code CREATE|DROP|ALTER DATABASE|SCHEMA [IF [NOT] EXISTS]}. String literals and comments are left alone.
 * Anything else that happens to spell a database name followed by a dot (a column qualified by a table named like
 * a database) would be renamed too; the simulator's DDL does not produce such text.
 */
final class SchemaRenamer {
    private final Set<String> knownLowerCase;
    private final UnaryOperator<String> mapping;

    SchemaRenamer(Set<String> knownLowerCase, UnaryOperator<String> mapping) {
        this.knownLowerCase = knownLowerCase;
        this.mapping = mapping;
    }

    String rewrite(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int i = 0;
        int n = sql.length();
        // Words seen so far, to recognise "<CREATE|DROP|ALTER> <DATABASE|SCHEMA> [IF [NOT] EXISTS] name".
        int words = 0;
        boolean databaseDdl = false;
        boolean databaseNameDone = false;
        String first = null;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && sql.startsWith("-- ", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && sql.startsWith("/*", i) && !sql.startsWith("/*!", i)) {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                out.append(sql, i, end);
                i = end;
            } else if (c == '`' || isWordChar(c)) {
                int end;
                String name;
                boolean quoted = c == '`';
                if (quoted) {
                    end = skipQuoted(sql, i, '`');
                    name = sql.substring(i + 1, end - 1).replace("``", "`");
                } else {
                    end = i;
                    while (end < n && isWordChar(sql.charAt(end))) {
                        end++;
                    }
                    name = sql.substring(i, end);
                }
                words++;
                String upper = name.toUpperCase(Locale.ROOT);
                boolean replaced = false;
                if (words == 1) {
                    first = upper;
                } else if (words == 2 && !quoted && (upper.equals("DATABASE") || upper.equals("SCHEMA"))
                        && ("CREATE".equals(first) || "DROP".equals(first) || "ALTER".equals(first))) {
                    databaseDdl = true;
                } else if (databaseDdl && !databaseNameDone && !(!quoted
                        && (upper.equals("IF") || upper.equals("NOT") || upper.equals("EXISTS")))) {
                    databaseNameDone = true;
                    out.append(Identifiers.quote(mapping.apply(name)));
                    replaced = true;
                }
                if (!replaced && followedByQualifiedName(sql, end) && knownLowerCase.contains(name.toLowerCase(Locale.ROOT))) {
                    out.append(Identifiers.quote(mapping.apply(name)));
                    replaced = true;
                }
                if (!replaced) {
                    out.append(sql, i, end);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean followedByQualifiedName(String sql, int from) {
        int j = from;
        while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
            j++;
        }
        if (j >= sql.length() || sql.charAt(j) != '.') {
            return false;
        }
        j++;
        while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
            j++;
        }
        return j < sql.length() && (sql.charAt(j) == '`' || (isWordChar(sql.charAt(j))
                && !Character.isDigit(sql.charAt(j))));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 0x7f;
    }

    /** Index just past a quoted token starting at {@code start}; doubled quotes and backslash escapes stay inside. */
    private static int skipQuoted(String sql, int start, char quote) {
        int j = start + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (c == '\\' && quote != '`') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length();
    }
}
