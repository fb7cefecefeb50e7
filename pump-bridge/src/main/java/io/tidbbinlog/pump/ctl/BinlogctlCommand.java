package io.tidbbinlog.pump.ctl;

import io.tidbbinlog.pd.ClusterUrls;
import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.pd.PdClientConfig;
import io.tidbbinlog.pump.config.GoFlagSet;
import io.tidbbinlog.pump.config.GoFlags;
import io.tidbbinlog.pump.config.VersionInfo;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code binlogctl}: TiDB Binlog's operations tool (binlog:cmd/binlogctl/main.go, binlog:binlogctl/*.go) with its
 * flags and commands. Results are printed to standard output as binlogctl logs them; failures go to standard
 * error. Exit status: 0 on success (and for {@code -V}, {@code -h}), 2 for a bad command line, 1 when the command
 * fails. One instance may run several command lines, one at a time.
 */
public final class BinlogctlCommand {

    static final String GENERATE_META = "generate_meta";
    static final String PUMPS = "pumps";
    static final String DRAINERS = "drainers";
    static final String UPDATE_PUMP = "update-pump";
    static final String UPDATE_DRAINER = "update-drainer";
    static final String PAUSE_PUMP = "pause-pump";
    static final String PAUSE_DRAINER = "pause-drainer";
    static final String OFFLINE_PUMP = "offline-pump";
    static final String OFFLINE_DRAINER = "offline-drainer";
    static final String ENCRYPT = "encrypt";

    private final Map<String, String> environment;
    private final Clock clock;

    /**
     * @param environment where {@code BINLOG_SECRET_KEY} is looked up
     * @param clock       time of the log lines; its zone is the "local" zone of node update times and
     *                    {@code -time-zone Local}
     */
    public BinlogctlCommand(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(environment);
        this.clock = clock;
    }

    public static void main(String[] args) {
        int status = new BinlogctlCommand(System.getenv(), Clock.systemDefaultZone())
                .run(args, System.out, System.err);
        System.exit(status);
    }

    public int run(String[] args, PrintStream out, PrintStream err) {
        GoFlagSet definition = BinlogctlConfig.flagSet();
        BinlogctlConfig config;
        try {
            GoFlags flags = definition.parse(Arrays.asList(args));
            if (flags.helpRequested()) {
                err.print(definition.usage());
                return 0;
            }
            if (!flags.remaining().isEmpty()) {
                throw new IllegalArgumentException("'" + flags.remaining().get(0) + "' is not a valid flag");
            }
            if (flags.bool("V")) {
                out.print(VersionInfo.text());
                return 0;
            }
            config = BinlogctlConfig.from(flags);
        } catch (IllegalArgumentException e) {
            err.println(LogLine.format(clock, "ERROR", "parse cmd flags", "error", e.getMessage()));
            err.print(definition.usage());
            return 2;
        }
        try {
            execute(config, out);
            return 0;
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println(LogLine.format(clock, "FATAL", "fail to execute command", "command", config.command(),
                    "error", message));
            return 1;
        }
    }

    private void execute(BinlogctlConfig config, PrintStream out) throws IOException {
        switch (config.command()) {
            case GENERATE_META -> generateMeta(config, out);
            case PUMPS -> listNodes(config, NodeKind.PUMP, out);
            case DRAINERS -> listNodes(config, NodeKind.DRAINER, out);
            case UPDATE_PUMP -> updateState(config, NodeKind.PUMP, out);
            case UPDATE_DRAINER -> updateState(config, NodeKind.DRAINER, out);
            case PAUSE_PUMP -> applyAction(config, NodeKind.PUMP, "pause", out);
            case PAUSE_DRAINER -> applyAction(config, NodeKind.DRAINER, "pause", out);
            case OFFLINE_PUMP -> applyAction(config, NodeKind.PUMP, "close", out);
            case OFFLINE_DRAINER -> applyAction(config, NodeKind.DRAINER, "close", out);
            case ENCRYPT -> encrypt(config, out);
            default -> throw new IllegalArgumentException("cmd " + config.command() + " not supported");
        }
    }

    private NodeRegistry registry(BinlogctlConfig config) {
        return NodeRegistry.connect(RegistryConfig.of(config.registryUrls()).withTls(config.tls()));
    }

    /** binlog:binlogctl/nodes.go {@code QueryNodesByKind}: one line per node, offline ones only on request. */
    private void listNodes(BinlogctlConfig config, NodeKind kind, PrintStream out) {
        try (NodeRegistry registry = registry(config)) {
            for (NodeStatus node : registry.list(kind).nodes()) {
                if (node.state() == NodeState.OFFLINE && !config.showOfflineNodes()) {
                    continue;
                }
                out.println(LogLine.format(clock, "INFO", "query node", "type", typeName(kind),
                        "node", NodeText.of(node, clock.getZone())));
            }
        }
    }

    /**
     * binlog:binlogctl/nodes.go {@code UpdateNodeState}: the node must exist, then the state must be one of the
     * five; only the state is rewritten, in etcd, without contacting the node.
     */
    private void updateState(BinlogctlConfig config, NodeKind kind, PrintStream out) {
        try (NodeRegistry registry = registry(config)) {
            NodeStatus current = node(registry, kind, config.nodeId());
            NodeState state;
            try {
                state = NodeState.fromJsonName(config.state());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("state " + config.state() + " is illegal; it must be one of "
                        + "online, pausing, paused, closing, offline", e);
            }
            NodeStatus updated = registry.updateState(kind, current.nodeId(), state);
            out.println(LogLine.format(clock, "INFO", "update node state", "type", typeName(kind),
                    "node", NodeText.of(updated, clock.getZone())));
        }
    }

    /** binlog:binlogctl/nodes.go {@code ApplyAction}: the node's host from the registry, then the HTTP PUT. */
    private void applyAction(BinlogctlConfig config, NodeKind kind, String action, PrintStream out)
            throws IOException {
        NodeStatus node;
        try (NodeRegistry registry = registry(config)) {
            node = node(registry, kind, config.nodeId());
        }
        URI url = new NodeActionClient(config.tls()).apply(node.host(), node.nodeId(), action);
        out.println(LogLine.format(clock, "INFO", "Apply action on node success", "action", action,
                "NodeID", node.nodeId(), "url", url.toString()));
    }

    /** binlog:pkg/node/node.go {@code PumpNode}/{@code DrainerNode}: the type names in binlogctl's lines. */
    private static String typeName(NodeKind kind) {
        return kind == NodeKind.PUMP ? "pump" : "drainer";
    }

    private static NodeStatus node(NodeRegistry registry, NodeKind kind, String nodeId) {
        if (nodeId.isEmpty()) {
            throw new IllegalArgumentException("-node-id is required for this command");
        }
        return registry.get(kind, nodeId).orElseThrow(() -> new IllegalArgumentException(
                "node " + nodeId + " not found: no key " + registry.keyOf(kind, nodeId) + " in etcd"));
    }

    /**
     * binlog:binlogctl/meta.go {@code GenerateMetaInfo}: a fresh TSO from PD into {@code <data-dir>/savepoint}. An
     * unknown time zone only drops the time lines, with a warning, as binlogctl does.
     */
    private void generateMeta(BinlogctlConfig config, PrintStream out) throws IOException {
        long ts;
        PdClientConfig pd = new PdClientConfig(ClusterUrls.parse(config.pdUrls()), config.tls(), null);
        try (PdClient client = PdClient.connect(pd)) {
            ts = client.getTs();
        }
        ZoneId zone = null;
        if (!config.timeZone().isEmpty()) {
            try {
                zone = config.timeZone().equals("Local") ? clock.getZone() : ZoneId.of(config.timeZone());
            } catch (DateTimeException e) {
                out.println(LogLine.format(clock, "WARN", "fail to load location", "time zone", config.timeZone(),
                        "error", e.getMessage()));
            }
        }
        Path file = SavepointFile.write(config.dataDir(), SavepointFile.text(ts, zone));
        out.println(LogLine.format(clock, "INFO", "save meta", "meta", "commitTS: " + ts, "file", file.toString()));
    }

    /** binlog:binlogctl/encrypt.go: the text encrypted with TiDB Binlog's scheme, for encrypted_password settings. */
    private void encrypt(BinlogctlConfig config, PrintStream out) {
        if (config.text().isEmpty()) {
            throw new IllegalArgumentException("need to specify the text to be encrypt");
        }
        SecretCipher cipher = SecretCipher.fromEnvironment(environment);
        if (cipher.usesDefaultKey()) {
            out.println(LogLine.format(clock, "WARN", "use the default secret key to encrypt"));
        }
        out.println(LogLine.format(clock, "INFO", "encrypt text", "encrypted", cipher.encrypt(config.text())));
    }
}
