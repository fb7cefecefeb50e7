package io.tidbbinlog.pump.process;

import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.testservices.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A pump-bridge as a user runs it: a separate JVM started with {@code --config=pump.toml}, on the test's classpath,
 * that can be killed with SIGKILL, stopped with SIGTERM, and started again on the same data directory.
 */
public final class PumpBridgeProcess implements AutoCloseable {

    private final Path dir;
    private final Path config;
    private final String nodeId;
    private final int port;
    private final List<String> extraJvmArgs;
    private Process process;
    private int launches;

    private PumpBridgeProcess(Path dir, Path config, String nodeId, int port, List<String> extraJvmArgs) {
        this.dir = dir;
        this.config = config;
        this.nodeId = nodeId;
        this.port = port;
        this.extraJvmArgs = extraJvmArgs;
    }

    /**
     * Writes a pump.toml in {@code dir} in the TiDB Binlog tutorial's shape (log-file, data-dir, addr,
     * advertise-addr, pd-urls) plus {@code etcd-urls}, short heartbeat and fake-binlog intervals, and the extra TOML
     * lines given, and starts the process.
     */
    public static PumpBridgeProcess start(Path dir, String nodeId, String pdUrl, String etcdUrl,
                                          String... extraTomlLines) throws IOException {
        int port = FreePorts.pick();
        Files.createDirectories(dir);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("log-file", quoted(dir.resolve("pump.log").toString()));
        keys.put("data-dir", quoted(dir.resolve("data.pump").toString()));
        keys.put("addr", quoted("127.0.0.1:" + port));
        keys.put("advertise-addr", quoted("127.0.0.1:" + port));
        keys.put("pd-urls", quoted(pdUrl));
        keys.put("etcd-urls", quoted(etcdUrl));
        keys.put("node-id", quoted(nodeId));
        keys.put("heartbeat-interval", "1");
        keys.put("gen-binlog-interval", "1");
        StringBuilder toml = new StringBuilder();
        List<String> storage = new ArrayList<>();
        for (String line : extraTomlLines) {
            if (line.startsWith("[storage]")) {
                storage.add(line.substring("[storage]".length()).trim());
            } else {
                // a top-level line given by the test replaces the default of the same key
                keys.put(line.substring(0, line.indexOf('=')).trim(), line.substring(line.indexOf('=') + 1).trim());
            }
        }
        keys.forEach((k, v) -> toml.append(k).append(" = ").append(v).append('\n'));
        if (!storage.isEmpty()) {
            toml.append("[storage]\n");
            storage.forEach(s -> toml.append(s).append('\n'));
        }
        Path config = dir.resolve("pump.toml");
        Files.writeString(config, toml.toString(), StandardCharsets.UTF_8);
        PumpBridgeProcess p = new PumpBridgeProcess(dir, config, nodeId, port, List.of("-Xmx512m"));
        p.launch();
        return p;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Starts the process again on the same configuration and data directory. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(nodeId + " is still running");
        }
        launch();
    }

    private void launch() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(extraJvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tidbbinlog.pump.cli.PumpBridgeCommand");
        command.add("--config=" + config);
        launches++;
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("stdout.log").toFile()))
                .start();
    }

    /**
     * Waits until this launch of the node has registered itself online (that is, it serves). A registry entry alone
     * does not tell: a process killed with SIGKILL leaves its entry online, so the launch's own "is online" line in
     * its log-file is awaited too.
     */
    public void awaitOnline(NodeRegistry registry, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(nodeId + " exited with " + process.exitValue() + ": " + output());
            }
            Optional<NodeStatus> s = registry.get(NodeKind.PUMP, nodeId);
            return s.isPresent() && s.get().state() == NodeState.ONLINE && onlineLinesInLog() >= launches;
        });
    }

    private long onlineLinesInLog() throws IOException {
        if (!Files.exists(logFile())) {
            return 0;
        }
        String marker = "pump-bridge " + nodeId + " is online";
        try (var lines = Files.lines(logFile())) {
            return lines.filter(l -> l.contains(marker)).count();
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no registry update. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit; returns the exit code. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(nodeId + " did not exit within " + timeout + ": " + output());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dir.resolve("data.pump");
    }

    public Path logFile() {
        return dir.resolve("pump.log");
    }

    /** What the process printed (stdout and stderr) and its log file, for failure messages. */
    public String output() {
        StringBuilder s = new StringBuilder();
        for (File f : List.of(dir.resolve("stdout.log").toFile(), logFile().toFile())) {
            try {
                if (f.exists()) {
                    String text = Files.readString(f.toPath());
                    s.append("--- ").append(f.getName()).append(" (tail)\n")
                            .append(text.substring(Math.max(0, text.length() - 4000)));
                }
            } catch (IOException e) {
                s.append("(unreadable ").append(f).append(": ").append(e).append(")\n");
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
