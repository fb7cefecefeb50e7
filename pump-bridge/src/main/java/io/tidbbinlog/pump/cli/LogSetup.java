package io.tidbbinlog.pump.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points the process's logging at Pump's {@code log-file} (standard error when empty) at {@code log-level}, once the
 * configuration is known. Chatty libraries (gRPC, Netty, the etcd client) are kept at WARN unless debugging.
 */
final class LogSetup {

    private static final String[] CHATTY = {"io.grpc", "io.netty", "io.etcd", "io.vertx"};

    private LogSetup() {
    }

    /** Call first thing in main, before any class logs. */
    static void installShutdownSafeManager() {
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        }
    }

    static void apply(String logFile, String logLevel) {
        Level level = level(logLevel);
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        Handler handler;
        if (logFile == null || logFile.isBlank()) {
            handler = new ConsoleHandler();
        } else {
            try {
                Path file = Path.of(logFile).toAbsolutePath();
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                handler = new FileHandler(file.toString(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open log-file " + logFile + ": " + e.getMessage(), e);
            }
        }
        handler.setFormatter(new PumpLogFormat());
        handler.setLevel(level);
        root.addHandler(handler);
        root.setLevel(level);
        Level libraries = level.intValue() < Level.INFO.intValue() ? level : Level.WARNING;
        for (String name : CHATTY) {
            Logger.getLogger(name).setLevel(libraries);
        }
    }

    /** Pump's levels: debug, info, warn, error, fatal. */
    static Level level(String name) {
        return switch (name == null ? "info" : name.toLowerCase(Locale.ROOT)) {
            case "debug" -> Level.FINE;
            case "info", "" -> Level.INFO;
            case "warn", "warning" -> Level.WARNING;
            case "error", "fatal" -> Level.SEVERE;
            default -> throw new IllegalArgumentException("log-level must be debug, info, warn, error or fatal: '"
                    + name + "'");
        };
    }
}
