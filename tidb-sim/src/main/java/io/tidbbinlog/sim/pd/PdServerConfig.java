package io.tidbbinlog.sim.pd;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How to run the simulated PD.
 *
 * @param host        address to listen on, also used in the advertised URL
 * @param port        0 picks a free port
 * @param name        the member name ({@code name} in pd.toml; PD's default is {@code pd})
 * @param dataDir     where the cluster id and the saved TSO window live; null keeps them in memory only (tests)
 * @param tls         null for plain text
 * @param clock       the wall clock timestamps follow; injectable so that tests can turn it back
 */
public record PdServerConfig(String host, int port, String name, Path dataDir, PdTls tls, Clock clock) {

    public PdServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("PD host is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("PD port out of range 0..65535: " + port);
        }
        name = name == null || name.isBlank() ? "pd" : name;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Plain text on loopback, a free port, in memory. */
    public static PdServerConfig inMemory() {
        return new PdServerConfig("127.0.0.1", 0, "pd", null, null, null);
    }

    public static PdServerConfig persistent(Path dataDir) {
        if (dataDir == null) {
            throw new IllegalArgumentException("PD data dir is required");
        }
        return new PdServerConfig("127.0.0.1", 0, "pd", dataDir, null, null);
    }

    public PdServerConfig withPort(int newPort) {
        return new PdServerConfig(host, newPort, name, dataDir, tls, clock);
    }

    public PdServerConfig withTls(PdTls newTls) {
        return new PdServerConfig(host, port, name, dataDir, newTls, clock);
    }

    public PdServerConfig withClock(Clock newClock) {
        return new PdServerConfig(host, port, name, dataDir, tls, newClock);
    }

    public PdServerConfig withDataDir(Path newDataDir) {
        return new PdServerConfig(host, port, name, newDataDir, tls, clock);
    }
}
