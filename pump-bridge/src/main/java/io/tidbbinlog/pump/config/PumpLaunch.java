package io.tidbbinlog.pump.config;

/**
 * What a pump-bridge command line asks for: to run with a configuration, or only to print something (version,
 * usage) and exit with a status, as Pump does for {@code -V} and {@code -h}.
 */
public sealed interface PumpLaunch {

    /** Start the pump with this configuration. */
    record Run(PumpConfig config) implements PumpLaunch {
    }

    /**
     * Print {@code text} and exit with {@code exitCode}: the version goes to standard output, the usage to standard
     * error, as Go's flag package writes it.
     */
    record PrintAndExit(String text, int exitCode, boolean toStandardError) implements PumpLaunch {
    }
}
