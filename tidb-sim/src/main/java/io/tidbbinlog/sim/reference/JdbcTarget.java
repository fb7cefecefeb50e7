package io.tidbbinlog.sim.reference;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Where a MariaDB/MySQL server is reached: a JDBC URL (server level, e.g. {@code jdbc:mariadb://host:3306/}), a user
 * and a password. {@link #toString()} never shows the password.
 */
public record JdbcTarget(String url, String user, String password) {
    public JdbcTarget {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + url);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * A new connection with the session settings the reference relies on: UTC session time zone (TIMESTAMP values
     * are exchanged as UTC wall clock, as TiDB stores them) and a non-strict SQL mode that keeps TiDB values MariaDB
     * would otherwise reject (zero dates, the empty ENUM value) and keeps an explicit 0 in an AUTO_INCREMENT column.
     */
    Connection connect() throws SQLException {
        return connect("");
    }

    /**
     * As {@link #connect()}, for the connection that writes the reference: databases created without a character
     * set get TiDB's default, utf8mb4 with utf8mb4_bin (pkg/parser/charset {@code CharsetUTF8MB4},
     * {@code CollationUTF8MB4}), not the server's (latin1 on a stock MariaDB), so that DDL text without a charset
     * gives the same tables as on TiDB.
     */
    Connection connectForWriting() throws SQLException {
        return connect(", SESSION character_set_server = 'utf8mb4', SESSION collation_server = 'utf8mb4_bin'");
    }

    private Connection connect(String moreSettings) throws SQLException {
        Connection c = DriverManager.getConnection(withDriverOptions(url), user, password);
        try (var st = c.createStatement()) {
            st.execute("SET SESSION time_zone = '+00:00', "
                    + "SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION', "
                    + "SESSION foreign_key_checks = 0" + moreSettings);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * A batch of INSERTs goes to MariaDB as one bulk statement; a batch of UPDATEs or DELETEs is pipelined (sent
     * without waiting between rows), which keeps each statement's row count so that a change finding no row shows.
     */
    private static String withDriverOptions(String url) {
        if (!url.startsWith("jdbc:mariadb:")) {
            return url;
        }
        String sep = url.contains("?") ? "&" : "?";
        // Found rows, not changed rows: an UPDATE that rewrites equal values still proves its row exists.
        return url + sep + "useBulkStmts=false&useBulkStmtsForInserts=true&useAffectedRows=false";
    }

    @Override
    public String toString() {
        return user + "@" + url;
    }
}
