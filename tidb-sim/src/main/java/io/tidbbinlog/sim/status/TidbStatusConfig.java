package io.tidbbinlog.sim.status;

import java.util.function.IntSupplier;

/**
 * How to run the simulated TiDB status port (TiDB's {@code status.status-port}, 10080 by default).
 *
 * @param host        address to listen on and to advertise
 * @param port        0 picks a free port
 * @param version     what {@code GET /status} reports as {@code version} (TiDB's {@code mysql.ServerVersion})
 * @param gitHash     what {@code GET /status} reports as {@code git_hash}
 * @param connections the number of client connections {@code GET /status} reports
 * @param threads     request threads
 */
public record TidbStatusConfig(String host, int port, String version, String gitHash, IntSupplier connections,
                               int threads) {

    /** A TiDB release that still ships binlog (deprecated in v8.3). */
    public static final String DEFAULT_VERSION = "8.0.11-TiDB-v7.5.0";
    /** What a TiDB built without git information reports. */
    public static final String DEFAULT_GIT_HASH = "None";

    public TidbStatusConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("status host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("status port out of range 0..65535: " + port);
        }
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("status threads must be 1..64, got " + threads);
        }
        version = version == null ? DEFAULT_VERSION : version;
        gitHash = gitHash == null ? DEFAULT_GIT_HASH : gitHash;
        connections = connections == null ? () -> 0 : connections;
    }

    /** Loopback, a free port, defaults for the rest. */
    public static TidbStatusConfig loopback() {
        return new TidbStatusConfig("127.0.0.1", 0, null, null, null, 4);
    }

    public TidbStatusConfig withPort(int newPort) {
        return new TidbStatusConfig(host, newPort, version, gitHash, connections, threads);
    }

    public TidbStatusConfig withConnections(IntSupplier newConnections) {
        return new TidbStatusConfig(host, port, version, gitHash, newConnections, threads);
    }
}
