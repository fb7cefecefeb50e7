package io.tidbbinlog.pump.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pump's node id, kept in {@code <data-dir>/.node} so that it survives restarts and host renames (binlog:pump/node.go
 * readLocalNodeID / generateLocalNodeID):
 * <ol>
 *   <li>the file's content, trimmed, when the file exists (a configured {@code node-id} is then ignored, with a
 *       warning, as Pump does);</li>
 *   <li>else the configured {@code node-id}, used as is and not written (Pump does not persist it either);</li>
 *   <li>else {@code <hostname>:<port of addr>}, written to the file.</li>
 * </ol>
 */
public final class NodeIdFile {

    static final String FILE_NAME = ".node";
    private static final Logger LOG = LoggerFactory.getLogger(NodeIdFile.class);

    private NodeIdFile() {
    }

    /** Resolves the node id with the machine's host name. */
    public static String resolve(Path dataDir, String configuredNodeId, String listenAddr) {
        return resolve(dataDir, configuredNodeId, listenAddr, NodeIdFile::localHostName);
    }

    /**
     * @param listenAddr {@code host:port} (optionally with a scheme) the pump listens on; its port forms the id
     * @param hostName   the host name used when an id is generated
     */
    public static String resolve(Path dataDir, String configuredNodeId, String listenAddr, Supplier<String> hostName) {
        Path file = dataDir.resolve(FILE_NAME);
        String configured = configuredNodeId == null ? "" : configuredNodeId.trim();
        if (Files.isDirectory(file)) {
            throw new IllegalStateException("node id path " + file + " is a directory");
        }
        if (Files.exists(file)) {
            String stored = read(file);
            if (stored.isEmpty()) {
                throw new IllegalStateException("node id file " + file + " is empty; delete it to generate a new id");
            }
            if (!configured.isEmpty() && !configured.equals(stored)) {
                LOG.warn("node id {} from {} is used, configured node-id {} is ignored (delete the file to change "
                        + "the node id)", stored, file, configured);
            }
            return stored;
        }
        if (!configured.isEmpty()) {
            return configured;
        }
        String id = hostName.get() + ":" + portOf(listenAddr);
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, id, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write node id file " + file + ": " + e.getMessage(), e);
        }
        LOG.info("generated node id {} and saved it in {}", id, file);
        return id;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read node id file " + file + ": " + e.getMessage(), e);
        }
    }

    static String portOf(String addr) {
        if (addr == null || addr.isBlank()) {
            throw new IllegalArgumentException("cannot generate a node id: the listen address is empty");
        }
        String hostPort = addr.contains("://") ? addr.substring(addr.indexOf("://") + 3) : addr;
        int slash = hostPort.indexOf('/');
        if (slash >= 0) {
            hostPort = hostPort.substring(0, slash);
        }
        int colon = hostPort.lastIndexOf(':');
        String port = colon < 0 ? "" : hostPort.substring(colon + 1);
        if (port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("cannot generate a node id: listen address '" + addr
                    + "' has no port");
        }
        return port;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env.trim();
            }
            throw new IllegalStateException("cannot determine the host name for the node id; set node-id", e);
        }
    }
}
