package io.tidbbinlog.pump.config;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.pump.storage.StorageConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link PumpConfig} from Pump's command line, TOML file and environment, in Pump's order
 * (binlog:pump/config.go {@code Parse}): flag defaults, then the file named by {@code -config}, then
 * {@code PUMP_*} variables for flags not given on the command line (binlog:pkg/flags/flag.go), then the command
 * line's flags, which win over both. Defaults and checks follow Pump's {@code Parse}/{@code validate}; every
 * error names the flag, key or variable and the value. Stateless apart from the injected environment: safe to
 * share.
 */
public final class PumpConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PumpConfigLoader.class);

    public static final String ENV_PREFIX = "PUMP";
    public static final int DEFAULT_PORT = 8250;
    public static final String DEFAULT_LISTEN_ADDR = "127.0.0.1:8250";
    public static final String DEFAULT_PD_URLS = "http://127.0.0.1:2379";
    public static final String DEFAULT_DATA_DIR = "data.pump";
    public static final int DEFAULT_HEARTBEAT_SECONDS = 2;
    public static final String DEFAULT_GC = "7";
    public static final int DEFAULT_GEN_BINLOG_SECONDS = 3;
    public static final int DEFAULT_METRICS_INTERVAL_SECONDS = 15;
    public static final double DEFAULT_SLOW_WRITE_THRESHOLD_SECONDS = 1.0;

    /** Flags Pump still accepts but no longer uses (binlog:pump/config.go {@code NewConfig}). */
    static final Set<String> DEPRECATED_FLAGS = Set.of("binlog-file-size", "enable-binlog-slice",
            "binlog-slice-size", "log-rotate");

    private static final Set<String> LOG_LEVELS = Set.of("debug", "info", "warn", "error", "fatal");

    private final Map<String, String> environment;
    private final String defaultHost;

    /**
     * @param environment where {@code PUMP_*} variables are looked up
     * @param defaultHost the host of the default {@code addr} (Pump: the first non-loopback IPv4 address)
     */
    public PumpConfigLoader(Map<String, String> environment, String defaultHost) {
        this.environment = Map.copyOf(environment);
        this.defaultHost = defaultHost;
    }

    /** The process environment and this machine's first non-loopback IPv4 address. */
    public static PumpConfigLoader fromSystem() {
        return new PumpConfigLoader(System.getenv(), DefaultIp.find());
    }

    /** Pump's flags (binlog:pump/config.go {@code NewConfig}) plus ours, {@code -etcd-urls} and {@code -tidb-status-urls}. */
    public GoFlagSet flagSet() {
        return new GoFlagSet("pump")
                .string("node-id", "", "the ID of pump node; if not specified, we will generate one from hostname and the listening port")
                .string("addr", defaultHost + ":" + DEFAULT_PORT, "addr(i.e. 'host:port') to listen on for client traffic")
                .string("advertise-addr", "", "addr(i.e. 'host:port') to advertise to the public")
                .string("socket", "", "unix socket addr to listen on for client traffic")
                .string("pd-urls", DEFAULT_PD_URLS, "a comma separated list of the PD endpoints")
                .string("etcd-urls", "", "a comma separated list of etcd endpoints of the node registry (default: pd-urls)")
                .string("tidb-status-urls", "", "a comma separated list of TiDB status API URLs (default: discovered from PD's etcd)")
                .string("data-dir", "", "the path to store binlog data")
                .integer("heartbeat-interval", DEFAULT_HEARTBEAT_SECONDS, "number of seconds between heartbeat ticks")
                .string("gc", DEFAULT_GC, "recycle binlog files older than gc time. default unit is day. also accept 8h format time(max unit is hour)")
                .string("L", "info", "log level: debug, info, warn, error, fatal")
                .string("metrics-addr", "", "prometheus pushgateway address, leaves it empty will disable prometheus push")
                .integer("metrics-interval", DEFAULT_METRICS_INTERVAL_SECONDS, "prometheus client push interval in second, set \"0\" to disable prometheus push")
                .string("config", "", "path to the pump configuration file")
                .bool("V", "print version information and exit")
                .string("log-file", "", "log file path")
                .integer("fake-binlog-interval", DEFAULT_GEN_BINLOG_SECONDS, "interval time to generate fake binlog, the unit is second")
                .bool("enable-debug", "enable print debug log")
                .integer("max-message-size", PumpConfig.DEFAULT_MAX_MESSAGE_SIZE, "max message size tidb produce into pump")
                .integer("binlog-file-size", 0, "DEPRECATED")
                .bool("enable-binlog-slice", "DEPRECATED")
                .integer("binlog-slice-size", 0, "DEPRECATED")
                .string("log-rotate", "", "DEPRECATED");
    }

    /**
     * Reads a pump command line (without the program name).
     *
     * @return what to do: run with the configuration, or print version/usage and exit
     * @throws GoFlagException     when the command line does not parse (Pump prints its usage and exits with 2)
     * @throws PumpConfigException when a setting cannot be used (Pump logs it fatally: exit status 1)
     */
    public PumpLaunch load(List<String> args) {
        GoFlagSet definition = flagSet();
        GoFlags flags = definition.parse(args);
        if (flags.helpRequested()) {
            return new PumpLaunch.PrintAndExit(definition.usage(), 0, true);
        }
        if (flags.bool("V")) {
            return new PumpLaunch.PrintAndExit(VersionInfo.text(), 0, false);
        }
        if (!flags.remaining().isEmpty()) {
            throw new PumpConfigException("'" + flags.remaining().get(0) + "' is not a valid flag");
        }
        // the file is chosen by the command line only: Pump reads PUMP_* after loading it
        PumpConfigFile file = flags.string("config").isEmpty() ? null
                : PumpConfigFile.read(Path.of(flags.string("config")));
        List<String> usedVariables = new ArrayList<>();
        try {
            flags = flags.withEnvironment(ENV_PREFIX, environment, usedVariables);
        } catch (GoFlagException e) {
            throw new PumpConfigException(e.getMessage(), e);
        }
        usedVariables.forEach(key -> LOG.info("using environment variable {}", key));
        for (String name : flags.givenNames()) {
            if (DEPRECATED_FLAGS.contains(name)) {
                LOG.info("flag -{} is deprecated and ignored", name);
            }
        }
        if (file != null) {
            for (String key : file.keys()) {
                if (key.startsWith("storage.kv.") || key.equals("storage.kv_chan_cap")) {
                    LOG.info("config key {} in {} is accepted and ignored: it tunes Pump's LevelDB, which "
                            + "pump-bridge does not use", key, file.path());
                }
            }
        }
        return new PumpLaunch.Run(build(new Settings(flags, file)));
    }

    /** Like {@link #load} for a command line that must yield a configuration (no {@code -V}, no {@code -h}). */
    public PumpConfig loadConfig(List<String> args) {
        PumpLaunch launch = load(args);
        if (launch instanceof PumpLaunch.Run run) {
            return run.config();
        }
        throw new PumpConfigException("the command line asks to print and exit, not to run: " + args);
    }

    private PumpConfig build(Settings s) {
        String nodeId = s.string("node-id", "node-id");
        if (nodeId.indexOf('/') >= 0) {
            throw new PumpConfigException("invalid node-id \"" + nodeId + "\": must not contain '/'");
        }

        String addr = s.string("addr", "addr");
        if (addr.isEmpty()) {
            addr = DEFAULT_LISTEN_ADDR;
        }
        HostPort.parse("addr", addr);
        String advertiseAddr = s.string("advertise-addr", "advertise-addr");
        if (advertiseAddr.isEmpty()) {
            advertiseAddr = addr;
        }
        HostPort advertised = HostPort.parse("advertise-addr", advertiseAddr);
        if (advertised.host().isEmpty() || advertised.host().equals("0.0.0.0")) {
            throw new PumpConfigException("invalid advertise-addr \"" + advertiseAddr + "\": host \""
                    + advertised.host() + "\" cannot be reached by others; set advertise-addr (or addr) to a "
                    + "routable address");
        }

        String socket = socketPath(s.string("socket", "socket"));
        String pdUrls = s.string("pd-urls", "pd-urls");
        checkUrls("pd-urls", pdUrls);
        String etcdUrls = s.string("etcd-urls", "etcd-urls");
        if (!etcdUrls.isBlank()) {
            checkUrls("etcd-urls", etcdUrls);
        }
        List<String> tidbStatusUrls = statusUrls(s.string("tidb-status-urls", "tidb-status-urls"));

        String dataDir = s.string("data-dir", "data-dir");
        if (dataDir.isEmpty()) {
            dataDir = DEFAULT_DATA_DIR;
        }

        long heartbeat = s.integer("heartbeat-interval", "heartbeat-interval");
        if (heartbeat == 0) {
            heartbeat = DEFAULT_HEARTBEAT_SECONDS; // Pump's AdjustInt: 0 means the default
        }
        requirePositive("heartbeat-interval", heartbeat);

        Duration gc;
        String gcText = s.has("gc", "gc") ? s.text("gc", "gc") : DEFAULT_GC;
        try {
            gc = GcRetention.parse(gcText);
        } catch (IllegalArgumentException e) {
            throw new PumpConfigException(e.getMessage(), e);
        }

        long genBinlog = s.integer("fake-binlog-interval", "gen-binlog-interval");
        requirePositive("gen-binlog-interval (flag -fake-binlog-interval)", genBinlog);

        long maxMessageSize = s.flags.integer("max-message-size");
        requirePositive("max-message-size", maxMessageSize);
        // Go's int is 64-bit; a gRPC message limit in Java is an int
        int maxMessage = (int) Math.min(maxMessageSize, PumpConfig.DEFAULT_MAX_MESSAGE_SIZE);

        String logLevel = s.string("L", "log-level").toLowerCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new PumpConfigException("invalid log-level (flag -L) \"" + s.string("L", "log-level")
                    + "\": must be one of debug, info, warn, error, fatal");
        }

        long metricsInterval = s.integer("metrics-interval", "MetricsInterval");
        if (metricsInterval < 0) {
            throw new PumpConfigException("invalid metrics-interval " + metricsInterval
                    + ": must be 0 (no push) or a number of seconds");
        }

        boolean syncLog = s.fileBool("storage.sync-log").orElse(true);
        long stopWrite = StorageConfig.DEFAULT_STOP_WRITE_AT_AVAILABLE_SPACE;
        if (s.file != null && s.file.has("storage.stop-write-at-available-space")) {
            String text = s.file.text("storage.stop-write-at-available-space").orElseThrow();
            try {
                stopWrite = HumanizedBytes.parse(text);
            } catch (IllegalArgumentException e) {
                throw new PumpConfigException("invalid [storage] stop-write-at-available-space in "
                        + s.file.path() + ": " + e.getMessage(), e);
            }
        }
        double slowSeconds = s.file == null ? 0 : s.file.number("storage.slow_write_threshold").orElse(0.0);
        if (slowSeconds <= 0) {
            slowSeconds = DEFAULT_SLOW_WRITE_THRESHOLD_SECONDS; // Pump's GetSlowWriteThreshold
        }

        TlsFiles tls;
        try {
            tls = TlsFiles.fromConfig(s.fileString("security.ssl-ca"), s.fileString("security.ssl-cert"),
                    s.fileString("security.ssl-key"));
        } catch (IllegalArgumentException e) {
            throw new PumpConfigException("invalid [security]: " + e.getMessage(), e);
        }
        List<String> allowedCn = new ArrayList<>();
        if (s.file != null) {
            s.file.strings("security.cert-allowed-cn").orElse(List.of())
                    .forEach(cn -> allowedCn.add(cn.strip()));
        }

        return new PumpConfig(nodeId, addr, advertiseAddr, socket, pdUrls, etcdUrls, tidbStatusUrls,
                Path.of(dataDir), Duration.ofSeconds(heartbeat), gc, Duration.ofSeconds(genBinlog), maxMessage,
                s.string("log-file", "log-file"), logLevel, syncLog, stopWrite,
                Duration.ofNanos(Math.round(slowSeconds * 1e9)), tls, allowedCn,
                s.string("metrics-addr", "MetricsAddr"), Duration.ofSeconds(metricsInterval));
    }

    private static void requirePositive(String what, long value) {
        if (value <= 0) {
            throw new PumpConfigException("invalid " + what + " " + value + ": must be greater than 0");
        }
    }

    /**
     * Pump's check (binlog:pump/config.go {@code validate}) wants a path with at least one '/'; a
     * {@code unix://} prefix is dropped so that the result is the file path to bind.
     */
    private static String socketPath(String socket) {
        if (socket.isEmpty()) {
            return socket;
        }
        String path = socket.startsWith("unix://") ? socket.substring("unix://".length()) : socket;
        if (path.indexOf('/') < 0) {
            throw new PumpConfigException("invalid socket \"" + socket + "\": give a path such as /tmp/pump.sock");
        }
        return path;
    }

    /**
     * The URL-list checks of binlog:pkg/types/urls.go {@code NewURLs}: each URL with a scheme, {@code host:port}
     * and no path. Only http and https are accepted: the PD and etcd clients here speak nothing else.
     */
    static void checkUrls(String what, String commaSeparated) {
        for (String part : commaSeparated.split(",", -1)) {
            String url = part.strip();
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                uri = null;
            }
            if (uri == null && url.contains("://")) {
                throw new PumpConfigException("invalid " + what + " \"" + commaSeparated + "\": \"" + url
                        + "\" is not a URL");
            }
            if (uri == null || !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new PumpConfigException("invalid " + what + " \"" + commaSeparated
                        + "\": URL scheme must be http or https: \"" + url + "\"");
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new PumpConfigException("invalid " + what + " \"" + commaSeparated
                        + "\": URL address does not have the form \"host:port\": \"" + url + "\"");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                throw new PumpConfigException("invalid " + what + " \"" + commaSeparated
                        + "\": URL must not contain a path: \"" + url + "\"");
            }
        }
    }

    private static List<String> statusUrls(String commaSeparated) {
        List<String> urls = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            String url = part.strip();
            if (url.isEmpty()) {
                continue;
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw new PumpConfigException("invalid tidb-status-urls entry \"" + url + "\": " + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new PumpConfigException("invalid tidb-status-urls entry \"" + url
                        + "\": must be an http:// or https:// URL with a host, such as http://127.0.0.1:10080");
            }
            urls.add(url);
        }
        return urls;
    }

    /** One setting's value by precedence: command line or environment, then the file, then the flag default. */
    private record Settings(GoFlags flags, PumpConfigFile file) {

        boolean has(String flag, String key) {
            return flags.isSet(flag) || file != null && file.has(key);
        }

        String string(String flag, String key) {
            if (flags.isSet(flag) || file == null || !file.has(key)) {
                return flags.string(flag);
            }
            return file.string(key).orElseThrow();
        }

        String text(String flag, String key) {
            if (flags.isSet(flag) || file == null || !file.has(key)) {
                return flags.string(flag);
            }
            return file.text(key).orElseThrow();
        }

        long integer(String flag, String key) {
            if (flags.isSet(flag) || file == null || !file.has(key)) {
                return flags.integer(flag);
            }
            return file.integer(key).orElseThrow();
        }

        String fileString(String key) {
            return file == null ? null : file.string(key).orElse(null);
        }

        Optional<Boolean> fileBool(String key) {
            return file == null ? Optional.empty() : file.bool(key);
        }
    }
}
