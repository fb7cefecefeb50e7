package io.tidbbinlog.sim.workload;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MODIFY COLUMN changes the workload makes: ones TiDB applies without losing or rejecting data (a longer
 * VARCHAR, a wider integer of the same signedness), and which column types an index can cover without a prefix.
 */
final class TypeWidening {
    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "bigint");
    private static final Pattern VARCHAR = Pattern.compile("varchar\\((\\d+)\\)");
    /** A utf8mb4 VARCHAR this long (1536 bytes in utf8mb4) keeps any two-column index within TiDB's 3072-byte key limit. */
    static final int MAX_VARCHAR = 384;

    private TypeWidening() {
    }

    static boolean widens(String from, String to) {
        String f = norm(from);
        String t = norm(to);
        Optional<Integer> fv = varcharLength(f);
        Optional<Integer> tv = varcharLength(t);
        if (fv.isPresent() && tv.isPresent()) {
            return tv.get() > fv.get();
        }
        IntType fi = IntType.parse(f);
        IntType ti = IntType.parse(t);
        return fi != null && ti != null && fi.unsigned == ti.unsigned && ti.rank > fi.rank;
    }

    /** The next wider type, if the workload widens this type at all. */
    static Optional<String> widerType(String sqlType, int varcharStep) {
        String s = norm(sqlType);
        Optional<Integer> v = varcharLength(s);
        if (v.isPresent()) {
            int to = Math.min(MAX_VARCHAR, v.get() + varcharStep);
            return to > v.get() ? Optional.of("varchar(" + to + ")") : Optional.empty();
        }
        IntType i = IntType.parse(s);
        if (i == null || i.rank == INTEGERS.size() - 1) {
            return Optional.empty();
        }
        return Optional.of(INTEGERS.get(i.rank + 1) + (i.unsigned ? " unsigned" : ""));
    }

    /** TEXT, BLOB and JSON columns need a prefix length (or, for JSON, a functional index) to be indexed. */
    static boolean indexable(String sqlType) {
        String s = norm(sqlType);
        return !(s.endsWith("text") || s.endsWith("blob") || s.equals("json"));
    }

    private static Optional<Integer> varcharLength(String s) {
        Matcher m = VARCHAR.matcher(s);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private static String norm(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private record IntType(int rank, boolean unsigned) {
        static IntType parse(String s) {
            boolean unsigned = s.endsWith(" unsigned");
            String base = unsigned ? s.substring(0, s.length() - " unsigned".length()) : s;
            int rank = INTEGERS.indexOf(base);
            return rank < 0 ? null : new IntType(rank, unsigned);
        }
    }
}
