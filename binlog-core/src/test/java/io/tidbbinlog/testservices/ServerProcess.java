package io.tidbbinlog.testservices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private server process started from a Debian binary for the length of a test: its own temp directory, its
 * own loopback ports, its output in a log file that is quoted whenever something goes wrong.
 *
 * <p>{@link #stop()} and {@link #start()} restart it on the same ports and data, {@link #kill()} is a
 * {@code kill -9}; {@link #close()} stops it for good and deletes the directory. Every instance is also closed
 * by a JVM shutdown hook, so an aborted test run leaves no server behind.
 */
public abstract class ServerProcess implements AutoCloseable {

    private static final int PORT_ATTEMPTS = 5;
    private static final int LOG_TAIL_CHARS = 4000;

    private final String name;
    private final Path workDir;
    private final Duration startTimeout;
    private Process process;
    private boolean portsChosen;
    private boolean prepared;
    private boolean closed;

    protected ServerProcess(String name, Duration startTimeout) {
        this.name = name;
        this.startTimeout = startTimeout;
        try {
            this.workDir = Files.createTempDirectory("tidb-binlog-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp directory for " + name, e);
        }
        ServerReaper.register(this);
    }

    /** The temp directory holding data and log; deleted by {@link #close()}. */
    public Path workDir() {
        return workDir;
    }

    /** The file receiving the process's stdout and stderr. */
    public Path logFile() {
        return workDir.resolve(name + ".log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Process id of the running server, for tests that signal it themselves. */
    public synchronized long pid() {
        requireRunning();
        return process.pid();
    }

    /**
     * Starts the server and waits until it answers. The first start chooses free ports and retries with other
     * ports when another process took one in the meantime; later starts reuse the same ports and data.
     */
    /** Starts {@code server}, or closes it (freeing its directory and ports) and rethrows when it fails to start. */
    protected static <T extends ServerProcess> T started(T server) {
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * One server of a kind shared by every test in the JVM that asks for it: started on first use, started anew
     * if it died, closed at JVM exit by the shutdown hook.
     */
    protected static final class Shared<T extends ServerProcess> {
        private final java.util.function.Supplier<T> launcher;
        private T server;

        public Shared(java.util.function.Supplier<T> launcher) {
            this.launcher = launcher;
        }

        public synchronized T get() {
            if (server == null || !server.isRunning()) {
                if (server != null) {
                    server.close();
                }
                server = launcher.get();
            }
            return server;
        }
    }

    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if (isRunning()) {
            return;
        }
        if (portsChosen) {
            launchAndAwait();
            return;
        }
        ServerStartException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            choosePorts();
            portsChosen = true;
            try {
                launchAndAwait();
                return;
            } catch (ServerStartException e) {
                if (!e.portCollision()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** Graceful stop (SIGTERM, then SIGKILL after a grace period); ports and data are kept for {@link #start()}. */
    public synchronized void stop() {
        terminate(false);
    }

    /** {@code kill -9} of the server and anything it spawned; ports and data are kept for {@link #start()}. */
    public synchronized void kill() {
        terminate(true);
    }

    /** Stops the server for good and deletes its directory. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            terminate(false);
        } finally {
            deleteRecursively(workDir);
            ServerReaper.unregister(this);
        }
    }

    /** The last part of the server's log, for error messages. */
    public String logTail() {
        Path log = logFile();
        try {
            if (!Files.exists(log)) {
                return "(no log written)";
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() <= LOG_TAIL_CHARS ? text : "..." + text.substring(text.length() - LOG_TAIL_CHARS);
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + "[" + workDir + "]";
    }

    /** Picks the ports for the first start; called again after a bind collision. */
    protected abstract void choosePorts();

    /** Anything needed once before the first launch (e.g. initialising a data directory). */
    protected void prepare() {
    }

    /** The command line of the server. */
    protected abstract List<String> command();

    /** True once the server answers on its ports. Must not block for long. */
    protected abstract boolean isReady();

    /** Anything to do once the server answers (e.g. creating users); runs on every start. */
    protected void afterReady() {
    }

    /** Whether the log says the server could not bind one of its ports. */
    protected abstract boolean logShowsPortCollision(String log);

    protected String name() {
        return name;
    }

    /** Runs a helper command (installer, client) to completion, failing with its output if it fails. */
    protected String runTool(List<String> cmd, Duration timeout) {
        Path out = workDir.resolve("tool-" + System.nanoTime() + ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTrees.kill(p.toHandle(), true);
                throw new ServerStartException(name + ": " + cmd.get(0) + " did not finish within " + timeout
                        + "; output:\n" + readQuietly(out), false);
            }
            String output = readQuietly(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name + ": " + String.join(" ", cmd) + " failed with exit code "
                        + p.exitValue() + "; output:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(name + ": cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + ": interrupted while running " + cmd.get(0), e);
        } finally {
            try {
                Files.deleteIfExists(out);
            } catch (IOException ignored) {
                // a leftover output file is deleted with the work directory
            }
        }
    }

    /** Fails with the Debian packages to install when a binary is not on this machine. */
    protected static String requireBinary(String binary) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin")) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                    return Path.of(dir, binary).toString();
                }
            }
        }
        throw new IllegalStateException("'" + binary + "' is not installed. The test services run real etcd and MariaDB"
                + " from Debian packages: apt-get install mariadb-server etcd-server etcd-client");
    }

    private void launchAndAwait() {
        if (!prepared) {
            prepare();
            prepared = true;
        }
        long logStart = logSize();
        try {
            process = new ProcessBuilder(command())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new ServerStartException(name + ": cannot launch " + command().get(0) + ": " + e.getMessage(), false);
        }
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                String log = logTail();
                int exit = process.exitValue();
                process = null;
                throw new ServerStartException(name + " exited with code " + exit + " while starting; log:\n" + log,
                        logShowsPortCollision(logSince(logStart)));
            }
            if (isReady()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                String log = logTail();
                terminate(true);
                throw new ServerStartException(name + " did not become ready within " + startTimeout + "; log:\n" + log,
                        logShowsPortCollision(logSince(logStart)));
            }
            sleep(50);
        }
        afterReady();
    }

    private long logSize() {
        try {
            return Files.exists(logFile()) ? Files.size(logFile()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What this launch wrote: an earlier attempt's bind error must not make a different failure look like one. */
    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(logFile());
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void terminate(boolean force) {
        if (process == null) {
            return;
        }
        ProcessTrees.kill(process.toHandle(), force);
        process = null;
    }

    private void requireRunning() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a test service", e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file still held open is left to the OS temp cleaner
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, as above
        }
    }

    /** A server that did not come up; {@link #portCollision()} says whether other ports may help. */
    static final class ServerStartException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final boolean portCollision;

        ServerStartException(String message, boolean portCollision) {
            super(message);
            this.portCollision = portCollision;
        }

        boolean portCollision() {
            return portCollision;
        }
    }
}
