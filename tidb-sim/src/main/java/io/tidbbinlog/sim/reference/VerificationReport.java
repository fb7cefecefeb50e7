package io.tidbbinlog.sim.reference;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of comparing a downstream database with the reference: one {@link TableVerification} per table either
 * side has in the compared databases, and databases the reference has but the downstream lacks.
 * {@link #exitCode()} gives the command-line meaning: 0 equal, 1 differences.
 */
public record VerificationReport(List<String> databases, List<String> databasesMissingDownstream,
                                 List<TableVerification> tables) {
    public static final int EXIT_EQUAL = 0;
    public static final int EXIT_DIFFERENT = 1;
    public static final int EXIT_ERROR = 2;

    public VerificationReport {
        databases = List.copyOf(databases);
        databasesMissingDownstream = List.copyOf(databasesMissingDownstream);
        tables = List.copyOf(tables);
    }

    public boolean equal() {
        return databasesMissingDownstream.isEmpty() && tables.stream().allMatch(TableVerification::equal);
    }

    public int exitCode() {
        return equal() ? EXIT_EQUAL : EXIT_DIFFERENT;
    }

    public Optional<TableVerification> table(String database, String table) {
        return tables.stream().filter(t -> t.database().equals(database) && t.table().equals(table)).findFirst();
    }

    /** A human-readable report: a summary line, then every table that differs with its sample rows. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        long differing = tables.stream().filter(t -> !t.equal()).count();
        sb.append(equal() ? "EQUAL" : "DIFFERENT").append(": ").append(tables.size()).append(" tables in ")
                .append(databases).append(", ").append(differing).append(" differ");
        for (String db : databasesMissingDownstream) {
            sb.append("\n  database `").append(db).append("` missing downstream");
        }
        for (TableVerification t : tables) {
            if (!t.equal()) {
                sb.append("\n  ").append(t.describe());
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
