package io.tidbbinlog.testservices;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private MariaDB (Debian's {@code mariadbd}) on a loopback port chosen at run time, with its data directory
 * in a temp directory. {@code root} connects over TCP to 127.0.0.1 without a password; {@link #createUser}
 * adds a user with one. SQL given to {@link #executeSql} runs through Debian's {@code mariadb} client on the
 * server's socket, so the harness needs no JDBC driver; tests connect with {@link #jdbcUrl()}.
 */
public final class MariaDbServer extends ServerProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final Shared<MariaDbServer> SHARED = new Shared<>(MariaDbServer::launch);

    private final String serverBinary;
    private final String installBinary;
    private final String clientBinary;
    private int port;

    private MariaDbServer() {
        super("mariadb", START_TIMEOUT);
        this.serverBinary = requireBinary("mariadbd");
        this.installBinary = requireBinary("mariadb-install-db");
        this.clientBinary = requireBinary("mariadb");
    }

    /** Starts a new private MariaDB; the caller closes it. */
    public static MariaDbServer launch() {
        MariaDbServer server = new MariaDbServer();
        return started(server);
    }

    /**
     * One MariaDB shared by every test in this JVM that asks for it, started on first use and closed at JVM
     * exit. Tests sharing it must use their own databases, and must not stop it.
     */
    public static MariaDbServer shared() {
        return SHARED.get();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/} (log in as root with an empty password). */
    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/";
    }

    /** {@code jdbc:mariadb://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return jdbcUrl() + database;
    }

    /** The same server for MySQL Connector/J. */
    public String mysqlJdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    public Path socket() {
        return workDir().resolve("mysqld.sock");
    }

    /** Runs statements as root (separate them with ';') and returns the client's tab-separated output. */
    public String executeSql(String sql) {
        List<String> cmd = new ArrayList<>(List.of(clientBinary, "--no-defaults", "--socket=" + socket(),
                "-uroot", "--batch", "-e", sql));
        return runTool(cmd, TOOL_TIMEOUT);
    }

    /** Creates (or replaces) a user that may connect from 127.0.0.1 with the password and has all privileges. */
    public void createUser(String user, String password) {
        String u = quote(user);
        executeSql("CREATE OR REPLACE USER " + u + "@'127.0.0.1' IDENTIFIED BY " + quote(password) + ";"
                + " GRANT ALL PRIVILEGES ON *.* TO " + u + "@'127.0.0.1';");
    }

    /** Creates a database if it does not exist yet. */
    public void createDatabase(String name) {
        executeSql("CREATE DATABASE IF NOT EXISTS `" + name.replace("`", "``") + "`");
    }

    @Override
    protected void choosePorts() {
        port = FreePorts.pick();
    }

    @Override
    protected void prepare() {
        Path data = workDir().resolve("data");
        if (Files.exists(data.resolve("mysql"))) {
            return;
        }
        runTool(List.of(installBinary, "--no-defaults", "--datadir=" + data, "--user=root",
                "--auth-root-authentication-method=normal", "--skip-test-db"), TOOL_TIMEOUT);
    }

    @Override
    protected List<String> command() {
        return List.of(serverBinary, "--no-defaults",
                "--datadir=" + workDir().resolve("data"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + socket(),
                "--pid-file=" + workDir().resolve("mysqld.pid"),
                "--user=root",
                "--skip-name-resolve",
                // the binary log lets CDC tools (and our own tests) read changes; cheap for a test server
                "--log-bin=" + workDir().resolve("data").resolve("binlog"),
                "--server-id=1",
                "--binlog-format=ROW",
                "--innodb-buffer-pool-size=64M",
                "--innodb-log-file-size=48M",
                "--log-error=" + logFile());
    }

    @Override
    protected boolean isReady() {
        // mariadbd accepts TCP connections only once recovery is done, and greets with a protocol-10 handshake
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(1000);
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(5);
            return header.length == 5 && header[4] == 10;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected boolean logShowsPortCollision(String log) {
        return log.contains("Address already in use") || log.contains("Do you already have another");
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
