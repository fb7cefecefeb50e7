package io.tidbbinlog.pump.cli;

import io.tidbbinlog.pump.PumpBridge;
import io.tidbbinlog.pump.config.GoFlagException;
import io.tidbbinlog.pump.config.PumpConfig;
import io.tidbbinlog.pump.config.PumpConfigException;
import io.tidbbinlog.pump.config.PumpConfigLoader;
import io.tidbbinlog.pump.config.PumpLaunch;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/pump-bridge}: Pump's command line (cmd/pump/main.go). Reads flags, {@code --config} TOML and PUMP_*
 * variables, logs to {@code log-file}, starts the bridge and serves until SIGTERM/SIGINT/SIGHUP (which close it to
 * {@code paused}, as Pump does) or an HTTP pause/close action. Exit status: 0 after a clean stop, 1 when a setting is
 * unusable or the start fails, 2 when the command line does not parse.
 */
public final class PumpBridgeCommand {

    private PumpBridgeCommand() {
    }

    public static void main(String[] args) {
        LogSetup.installShutdownSafeManager();
        System.exit(run(args));
    }

    static int run(String[] args) {
        PumpLaunch launch;
        try {
            launch = PumpConfigLoader.fromSystem().load(List.of(args));
        } catch (GoFlagException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (PumpConfigException e) {
            System.err.println("pump-bridge: invalid configuration: " + e.getMessage());
            return 1;
        }
        if (launch instanceof PumpLaunch.PrintAndExit print) {
            (print.toStandardError() ? System.err : System.out).print(print.text());
            return print.exitCode();
        }
        PumpConfig config = ((PumpLaunch.Run) launch).config();
        try {
            LogSetup.apply(config.logFile(), config.logLevel());
        } catch (RuntimeException e) {
            System.err.println("pump-bridge: " + e.getMessage());
            return 1;
        }
        Logger log = LoggerFactory.getLogger(PumpBridgeCommand.class);
        // Pump handles SIGHUP, SIGINT and SIGTERM itself: close to paused, then exit 0. Without our own handlers the
        // JVM would exit 143 and run the close from a shutdown hook; that hook stays as the net for other exits.
        // Installed before the start, so a signal that arrives while starting closes the bridge once it is up.
        CompletableFuture<PumpBridge> started = new CompletableFuture<>();
        for (String signal : new String[] {"TERM", "INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> {
                    log.info("got signal [{}] to exit.", s.getName());
                    started.thenAcceptAsync(PumpBridge::close);
                });
            } catch (IllegalArgumentException e) {
                log.warn("cannot handle SIG{} here ({}); it will end the JVM directly", signal, e.getMessage());
            }
        }
        PumpBridge bridge;
        try {
            bridge = PumpBridge.start(config);
        } catch (RuntimeException e) {
            log.error("pump-bridge failed to start: {}", e.getMessage(), e);
            System.err.println("pump-bridge failed to start: " + e.getMessage());
            ShutdownSafeLogManager.release();
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            ShutdownSafeLogManager.release();
        }, "pump-bridge-shutdown"));
        started.complete(bridge);
        try {
            bridge.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("pump-bridge exits");
        ShutdownSafeLogManager.release();
        return 0;
    }
}
