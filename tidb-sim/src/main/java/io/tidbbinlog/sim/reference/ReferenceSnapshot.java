package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.RowChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Rebuilds the reference state as of a commit_ts into scratch databases on the reference server, by replaying the
 * journal from the beginning up to and including that commit_ts: database {@code d} becomes
 * {@code <prefix>d}. Each journaled DML transaction is replayed in one DB transaction, DDL text with its database
 * names rewritten ({@link SchemaRenamer}).
 *
 * <p>Replay rather than current state plus undo: DDL (a dropped table, a changed column type) cannot be undone
 * from row images alone, while replaying the same text and rows reproduces exactly what the applier did.
 */
public final class ReferenceSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceSnapshot.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]{1,40}");

    private final JdbcTarget reference;

    public ReferenceSnapshot(JdbcTarget reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /**
     * The scratch databases of one materialisation: user database name to scratch database name.
     * {@code referenceAppliedUpTo} is the reference's checkpoint at the time: a state "as of" a later commit_ts only
     * holds what the reference had received by then.
     */
    public record Materialized(long asOfCommitTs, long referenceAppliedUpTo, String prefix,
                               Map<String, String> databases) {
    }

    /**
     * Drops every database starting with {@code scratchPrefix}, then replays the journal up to {@code commitTs}
     * into databases named {@code scratchPrefix + name}.
     *
     * @throws IllegalArgumentException if the prefix is not 1-40 characters of [A-Za-z0-9_], or names the
     *                                  bookkeeping schema
     */
    public Materialized materializeAsOf(long commitTs, String scratchPrefix) {
        checkPrefix(scratchPrefix);
        try (Connection read = reference.connect(); Connection write = reference.connectForWriting()) {
            long appliedUpTo = ReferenceJournal.checkpoint(read).commitTs();
            if (commitTs > appliedUpTo) {
                LOG.warn("materialising as of commit_ts {} but the reference has applied only up to {}", commitTs,
                        appliedUpTo);
            }
            dropScratch(write, scratchPrefix);
            UnaryOperator<String> mapping = name -> scratchName(scratchPrefix, name);
            Set<String> known = new HashSet<>();
            Map<String, String> created = new LinkedHashMap<>();
            replay(read, write, reference, commitTs, mapping, known);
            for (String db : databasesWithPrefix(write, scratchPrefix)) {
                created.put(db.substring(scratchPrefix.length()), db);
            }
            return new Materialized(commitTs, appliedUpTo, scratchPrefix, created);
        } catch (SQLException e) {
            throw new ReferenceApplyException("materialising the reference as of commit_ts " + commitTs + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Drops the scratch databases of a materialisation. */
    public void drop(Materialized snapshot) {
        try (Connection c = reference.connect()) {
            dropScratch(c, snapshot.prefix());
        } catch (SQLException e) {
            throw new ReferenceApplyException("dropping scratch databases " + snapshot.prefix() + "* failed: "
                    + e.getMessage(), e);
        }
    }

    private static void replay(Connection read, Connection write, JdbcTarget target, long commitTs, UnaryOperator<String> mapping,
                               Set<String> known) throws SQLException {
        SchemaRenamer renamer = new SchemaRenamer(known, mapping);
        try (PreparedStatement ps = read.prepareStatement("SELECT commit_ts, chunk, ddl_schema, ddl_query, row_data"
                + " FROM " + ReferenceJournal.table("journal") + " WHERE commit_ts <= ? ORDER BY commit_ts, chunk",
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setLong(1, commitTs);
            // Streams the journal (one chunk in memory at a time) rather than loading the whole history.
            ps.setFetchSize(1);
            try (ResultSet rs = ps.executeQuery()) {
                long openTxn = -1;
                RowWriter writer = null;
                try {
                    while (rs.next()) {
                        long ts = rs.getLong(1);
                        if (ts != openTxn && writer != null) {
                            writer.flush();
                            writer.close();
                            writer = null;
                            write.commit();
                            write.setAutoCommit(true);
                        }
                        String query = rs.getString(4);
                        if (query != null) {
                            String schema = rs.getString(3);
                            known.add(schema.toLowerCase(Locale.ROOT));
                            DdlRunner.run(write, target, schema.isEmpty() ? "" : mapping.apply(schema), renamer.rewrite(query));
                            openTxn = -1;
                            continue;
                        }
                        if (writer == null) {
                            write.setAutoCommit(false);
                            writer = new RowWriter(write, mapping);
                            openTxn = ts;
                        }
                        byte[] data = rs.getBytes(5);
                        for (RowChange row : JournalCodec.decode(data)) {
                            known.add(row.table().ref().schema().toLowerCase(Locale.ROOT));
                            writer.write(row);
                        }
                    }
                    if (writer != null) {
                        writer.flush();
                        write.commit();
                    }
                } finally {
                    if (writer != null) {
                        writer.close();
                    }
                    if (!write.getAutoCommit()) {
                        write.rollback();
                        write.setAutoCommit(true);
                    }
                }
            }
        }
    }

    static String scratchName(String prefix, String name) {
        String s = prefix + name;
        if (s.length() > 64) {
            throw new IllegalArgumentException("scratch database name " + s + " exceeds MariaDB's 64 characters");
        }
        return s;
    }

    private static void checkPrefix(String prefix) {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("scratch prefix must be 1-40 characters of [A-Za-z0-9_]: " + prefix);
        }
        if (ReferenceJournal.SCHEMA.startsWith(prefix) || "mysql".startsWith(prefix)
                || "information_schema".startsWith(prefix) || "performance_schema".startsWith(prefix)
                || "sys".startsWith(prefix)) {
            throw new IllegalArgumentException("scratch prefix " + prefix + " would cover a system or bookkeeping schema");
        }
    }

    private static void dropScratch(Connection c, String prefix) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String db : databasesWithPrefix(c, prefix)) {
                st.execute("DROP DATABASE " + Identifiers.quote(db));
            }
        }
    }

    private static List<String> databasesWithPrefix(Connection c, String prefix) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (name.startsWith(prefix)) {
                    out.add(name);
                }
            }
        }
        return out;
    }
}
