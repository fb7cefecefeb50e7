package io.tidbbinlog.sim.reference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/** Runs one DDL as TiDB recorded it: {@code USE schema} when that database exists, then the query text unchanged. */
final class DdlRunner {
    /**
     * MariaDB errors meaning the DDL's effect is already there (or already gone): database/table exists, unknown
     * database/table, duplicate column/key, can't drop a missing column/key, unknown column. Only tolerated when a
     * DDL is re-run after a crash that may have come after the DDL but before its checkpoint.
     */
    private static final Set<Integer> ALREADY_DONE = Set.of(1007, 1008, 1049, 1050, 1051, 1054, 1060, 1061, 1091,
            1146);

    private DdlRunner() {
    }

    /**
     * Runs the DDL on {@code connection} with its schema as default database; when that database does not exist
     * (CREATE DATABASE, or a DDL that must fail as it failed nowhere else) the DDL runs on a fresh connection of
     * {@code target}, so that a default database left over from an earlier DDL cannot capture an unqualified name.
     */
    static void run(Connection connection, JdbcTarget target, String schema, String query) throws SQLException {
        if (!schema.isEmpty() && databaseExists(connection, schema)) {
            try (Statement st = connection.createStatement()) {
                st.execute("USE " + Identifiers.quote(schema));
                st.execute(query);
            }
            return;
        }
        try (Connection fresh = target.connectForWriting(); Statement st = fresh.createStatement()) {
            st.execute(query);
        }
    }

    /** As {@link #run}, but a DDL whose effect is already in place counts as applied. */
    static void rerun(Connection connection, JdbcTarget target, String schema, String query) throws SQLException {
        try {
            run(connection, target, schema, query);
        } catch (SQLException e) {
            if (!ALREADY_DONE.contains(e.getErrorCode())) {
                throw e;
            }
        }
    }

    static boolean databaseExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
