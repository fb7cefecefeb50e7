package io.tidbbinlog.sim.reference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * Compares a downstream database (any MariaDB/MySQL server) with the reference: for each compared database the same
 * set of tables, per table the same columns (by name), then every row, in order, value by value (see
 * {@link ColumnKind} for how values are normalised and {@link TableComparison} for the streaming merge).
 *
 * <p>{@link #verify()} compares every user database of the reference (not system schemas, not
 * {@value ReferenceJournal#SCHEMA}, not scratch databases starting with {@link #DEFAULT_SCRATCH_PREFIX});
 * {@link #verifyAsOf(long)} first rebuilds the reference as of a commit_ts ({@link ReferenceSnapshot}) and compares
 * against that, dropping the scratch databases afterwards. Instances are not shared between threads.
 */
public final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

    public static final int DEFAULT_SAMPLE_LIMIT = 10;
    public static final String DEFAULT_SCRATCH_PREFIX = "tidb_sim_asof_";
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "mysql", "performance_schema",
            "sys", ReferenceJournal.SCHEMA);

    private final JdbcTarget reference;
    private final JdbcTarget downstream;
    private final int sampleLimit;
    private final String scratchPrefix;

    public Verifier(JdbcTarget reference, JdbcTarget downstream) {
        this(reference, downstream, DEFAULT_SAMPLE_LIMIT, DEFAULT_SCRATCH_PREFIX);
    }

    /**
     * @param sampleLimit   how many differing rows per table the report keeps (counts are always complete)
     * @param scratchPrefix database name prefix for {@link #verifyAsOf} scratch copies on the reference server
     */
    public Verifier(JdbcTarget reference, JdbcTarget downstream, int sampleLimit, String scratchPrefix) {
        this.reference = Objects.requireNonNull(reference, "reference");
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        if (sampleLimit < 0) {
            throw new IllegalArgumentException("sample limit must not be negative: " + sampleLimit);
        }
        this.sampleLimit = sampleLimit;
        this.scratchPrefix = Objects.requireNonNull(scratchPrefix, "scratchPrefix");
    }

    /** Compares every user database the reference holds. */
    public VerificationReport verify() {
        try (Connection ref = reference.connect()) {
            return verify(userDatabases(ref));
        } catch (SQLException e) {
            throw new VerificationException("cannot list the reference databases on " + reference + ": "
                    + e.getMessage(), e);
        }
    }

    /** Compares the named databases (same names on both sides). */
    public VerificationReport verify(Collection<String> databases) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String db : databases) {
            names.put(db, db);
        }
        return compare(names);
    }

    /**
     * Compares reference databases with differently named downstream databases (for a downstream on the same
     * server): key reference name, value downstream name. The report names the databases by their downstream names.
     */
    public VerificationReport verifyRenamed(Map<String, String> referenceToDownstream) {
        Map<String, String> names = new LinkedHashMap<>();
        referenceToDownstream.forEach((ref, down) -> {
            if (names.put(down, ref) != null) {
                throw new IllegalArgumentException("downstream database " + down + " is named twice");
            }
        });
        return compare(names);
    }

    /** Compares with the reference as it was right after the transaction with {@code commitTs} (all its databases). */
    public VerificationReport verifyAsOf(long commitTs) {
        return verifyAsOf(commitTs, null);
    }

    /**
     * Compares the named databases (all databases the reference had at that point when {@code databases} is null)
     * with the reference as it was right after the transaction with {@code commitTs}.
     */
    public VerificationReport verifyAsOf(long commitTs, Collection<String> databases) {
        ReferenceSnapshot snapshots = new ReferenceSnapshot(reference);
        ReferenceSnapshot.Materialized snapshot = snapshots.materializeAsOf(commitTs, scratchPrefix);
        try {
            Map<String, String> names = new LinkedHashMap<>();
            Collection<String> wanted = databases == null ? snapshot.databases().keySet() : databases;
            for (String db : wanted) {
                names.put(db, ReferenceSnapshot.scratchName(scratchPrefix, db));
            }
            return compare(names);
        } finally {
            snapshots.drop(snapshot);
        }
    }

    /**
     * Runs a verification for a command line: prints the report (or the error) to {@code out} and returns the exit
     * code: 0 equal, 1 differences, 2 the verification itself failed.
     */
    public static int run(Callable<VerificationReport> verification, PrintStream out) {
        java.io.PrintWriter writer = new java.io.PrintWriter(out, true);
        int code = run(verification, writer);
        writer.flush();
        return code;
    }

    /** As {@link #run(Callable, PrintStream)}, to a writer (picocli's output). */
    public static int run(Callable<VerificationReport> verification, java.io.PrintWriter out) {
        try {
            VerificationReport report = verification.call();
            out.println(report.describe());
            return report.exitCode();
        } catch (Exception e) {
            out.println("verification failed: " + e.getMessage());
            LOG.debug("verification failed", e);
            return VerificationReport.EXIT_ERROR;
        } finally {
            out.flush();
        }
    }

    /** Compares downstream database (key) with reference database (value). */
    private VerificationReport compare(Map<String, String> downstreamToReference) {
        List<TableVerification> tables = new ArrayList<>();
        List<String> missingDatabases = new ArrayList<>();
        try (Connection ref = reference.connect(); Connection down = downstream.connect()) {
            // One snapshot per side for all tables, so that a writer still running cannot make tables disagree
            // with each other (InnoDB consistent read).
            consistentSnapshot(ref);
            consistentSnapshot(down);
            for (Map.Entry<String, String> e : downstreamToReference.entrySet()) {
                String db = e.getKey();
                String refDb = e.getValue();
                boolean downExists = DdlRunner.databaseExists(down, db);
                if (!downExists && DdlRunner.databaseExists(ref, refDb)) {
                    missingDatabases.add(db);
                }
                Set<String> refTables = tables(ref, refDb);
                Set<String> downTables = downExists ? tables(down, db) : Set.of();
                Set<String> all = new TreeSet<>(refTables);
                all.addAll(downTables);
                for (String t : all) {
                    tables.add(compareTable(ref, refDb, refTables.contains(t), down, db, downTables.contains(t), t));
                }
            }
        } catch (SQLException e) {
            throw new VerificationException("comparing " + downstream + " with the reference " + reference
                    + " failed: " + e.getMessage(), e);
        }
        return new VerificationReport(new ArrayList<>(downstreamToReference.keySet()), missingDatabases, tables);
    }

    private static void consistentSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        }
    }

    private TableVerification compareTable(Connection ref, String refDb, boolean inRef, Connection down, String db,
                                           boolean inDown, String table) throws SQLException {
        if (!inDown) {
            return new TableVerification(db, table, TableVerification.Status.TABLE_MISSING_DOWNSTREAM,
                    count(ref, refDb, table), 0, 0, 0, 0, List.of(), List.of(), List.of());
        }
        if (!inRef) {
            return new TableVerification(db, table, TableVerification.Status.TABLE_EXTRA_DOWNSTREAM, 0,
                    count(down, db, table), 0, 0, 0, List.of(), List.of(), List.of());
        }
        TableColumns refColumns = TableColumns.read(ref, refDb, table);
        TableColumns downColumns = TableColumns.read(down, db, table);
        return new TableComparison(db, table, refColumns, downColumns, sampleLimit).compare(ref, refDb, down);
    }

    private static long count(Connection c, String db, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + Identifiers.qualified(db, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Base tables of a database, by the name as stored (case preserved). */
    private static Set<String> tables(Connection c, String db) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private List<String> userDatabases(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (!SYSTEM_SCHEMAS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(scratchPrefix)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
