package io.tidbbinlog.pump.cli;

import io.tidbbinlog.pump.PumpBridge;
import io.tidbbinlog.pump.config.GoFlagException;
import io.tidbbinlog.pump.config.PumpConfig;
import io.tidbbinlog.pump.config.PumpConfigException;
import io.tidbbinlog.pump.config.PumpConfigLoader;
import io.tidbbinlog.pump.config.PumpLaunch;
import java.util.List;
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
        PumpBridge bridge;
        try {
            bridge = PumpBridge.start(config);
        } catch (RuntimeException e) {
            log.error("pump-bridge failed to start: {}", e.getMessage(), e);
            System.err.println("pump-bridge failed to start: " + e.getMessage());
            ShutdownSafeLogManager.release();
            return 1;
        }
        Thread hook = new Thread(() -> {
            log.info("got signal to quit pump-bridge");
            bridge.close();
            ShutdownSafeLogManager.release();
        }, "pump-bridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            bridge.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("pump-bridge exits");
        return 0;
    }
}
