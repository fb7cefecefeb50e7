package io.tidbbinlog.testservices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MariaDbExtension.class)
class MariaDbServerTest {

    @Test
    void rootConnectsOverTcpWithoutAPassword(MariaDbServer db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            assertTrue(rs.next());
            assertEquals("root@127.0.0.1", rs.getString(1));
        }
    }

    @Test
    void aCreatedUserLogsInWithItsPasswordOnly(MariaDbServer db) throws SQLException {
        db.createUser("loader", "s3cr'et");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "loader", "s3cr'et")) {
            assertTrue(c.isValid(5));
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), "loader", "wrong").close());
    }

    @Test
    void stopThenStartKeepsTheDataAndThePort(MariaDbServer db) throws SQLException {
        db.createDatabase("restart_test");
        db.executeSql("CREATE TABLE restart_test.t (id INT PRIMARY KEY); INSERT INTO restart_test.t VALUES (7)");
        int port = db.port();

        db.stop();
        assertFalse(db.isRunning());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(db.jdbcUrl(), "root", "").close());

        db.start();
        assertEquals(port, db.port());
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("restart_test"), "root", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM t")) {
            assertTrue(rs.next());
            assertEquals(7, rs.getInt(1));
        }
    }

    @Test
    void failingSqlReportsTheServersMessage(MariaDbServer db) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> db.executeSql("SELECT * FROM no_such_db.no_such_table"));
        assertTrue(e.getMessage().contains("no_such_db"), e.getMessage());
    }
}
