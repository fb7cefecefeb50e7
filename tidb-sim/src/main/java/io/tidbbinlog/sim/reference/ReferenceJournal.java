package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.DdlChange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The applier's own bookkeeping in the reference database, schema {@value #SCHEMA}:
 * <ul>
 *   <li>{@code applied}: one row, the last applied commit_ts (updated in the same DB transaction as the data) and
 *       the commit_ts of a DDL that was started but not yet recorded (MariaDB commits DDL implicitly, so a DDL
 *       cannot share a transaction with its checkpoint).</li>
 *   <li>{@code journal}: every applied transaction, keyed by (commit_ts, chunk): a DDL as its schema and query
 *       text, row changes as {@link JournalCodec} chunks of at most {@link #CHUNK_BYTES} bytes, so that no row of
 *       the journal approaches MariaDB's {@code max_allowed_packet} however large the transaction.
 *       {@link ReferenceSnapshot} replays it to rebuild the state as of any commit_ts.</li>
 * </ul>
 */
final class ReferenceJournal {
    static final String SCHEMA = "tidb_sim_ref";
    /**
     * A chunk is cut once it reaches this size: sent escaped as text it stays far below MariaDB's default 16 MB
     * {@code max_allowed_packet} (and MySQL 5.7's 4 MB), whatever the transaction's size.
     */
    static final int CHUNK_BYTES = 1 << 20;
    static final int CHUNK_ROWS = 20_000;

    private ReferenceJournal() {
    }

    static void create(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS " + Identifiers.quote(SCHEMA));
            st.execute("CREATE TABLE IF NOT EXISTS " + table("applied") + " ("
                    + "id TINYINT NOT NULL PRIMARY KEY, commit_ts BIGINT NOT NULL, pending_ddl_ts BIGINT NOT NULL)"
                    + " ENGINE=InnoDB");
            st.execute("INSERT IGNORE INTO " + table("applied") + " VALUES (1, 0, 0)");
            st.execute("CREATE TABLE IF NOT EXISTS " + table("journal") + " ("
                    + "commit_ts BIGINT NOT NULL, chunk INT NOT NULL, start_ts BIGINT NOT NULL,"
                    + " ddl_schema VARCHAR(64) NULL, ddl_table VARCHAR(64) NULL, ddl_query LONGTEXT NULL,"
                    + " ddl_job_id BIGINT NULL, ddl_action INT NULL, schema_version BIGINT NOT NULL,"
                    + " row_count INT NOT NULL, row_data LONGBLOB NULL,"
                    + " PRIMARY KEY (commit_ts, chunk)) ENGINE=InnoDB");
        }
    }

    static String table(String name) {
        return Identifiers.qualified(SCHEMA, name);
    }

    record Checkpoint(long commitTs, long pendingDdlTs) {
    }

    static Checkpoint checkpoint(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT commit_ts, pending_ddl_ts FROM " + table("applied") + " WHERE id = 1")) {
            if (!rs.next()) {
                throw new IllegalStateException(table("applied") + " has lost its checkpoint row");
            }
            return new Checkpoint(rs.getLong(1), rs.getLong(2));
        }
    }

    static void setCheckpoint(Connection c, long commitTs, long pendingDdlTs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table("applied")
                + " SET commit_ts = ?, pending_ddl_ts = ? WHERE id = 1")) {
            ps.setLong(1, commitTs);
            ps.setLong(2, pendingDdlTs);
            ps.executeUpdate();
        }
    }

    static void setPendingDdl(Connection c, long pendingDdlTs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table("applied")
                + " SET pending_ddl_ts = ? WHERE id = 1")) {
            ps.setLong(1, pendingDdlTs);
            ps.executeUpdate();
        }
    }

    static void recordDdl(Connection c, long startTs, long commitTs, DdlChange ddl) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table("journal")
                + " (commit_ts, chunk, start_ts, ddl_schema, ddl_table, ddl_query, ddl_job_id, ddl_action,"
                + " schema_version, row_count) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            ps.setLong(1, commitTs);
            ps.setLong(2, startTs);
            ps.setString(3, ddl.schema());
            ps.setString(4, ddl.table());
            ps.setString(5, ddl.query());
            ps.setLong(6, ddl.jobId());
            ps.setInt(7, ddl.actionType());
            ps.setLong(8, ddl.schemaVersion());
            ps.executeUpdate();
        }
    }

    static void recordRows(Connection c, long startTs, long commitTs, long schemaVersion, int chunk, int rowCount,
                           byte[] data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table("journal")
                + " (commit_ts, chunk, start_ts, schema_version, row_count, row_data) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, commitTs);
            ps.setInt(2, chunk);
            ps.setLong(3, startTs);
            ps.setLong(4, schemaVersion);
            ps.setInt(5, rowCount);
            ps.setBytes(6, data);
            ps.executeUpdate();
        }
    }
}
