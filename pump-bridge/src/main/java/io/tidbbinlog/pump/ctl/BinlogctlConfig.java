package io.tidbbinlog.pump.ctl;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.pump.config.GoFlagSet;
import io.tidbbinlog.pump.config.GoFlags;
import io.tidbbinlog.pump.config.HostPort;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * binlogctl's settings (binlog:binlogctl/config.go), all from flags, plus our {@code -etcd-urls} for a registry
 * that is not PD's own etcd. Endpoint lists accept {@code host:port} as binlogctl does
 * (binlog:pkg/flags/urls.go {@code ParseHostPortAddr}); such entries get {@code http://}, or {@code https://}
 * when TLS files are given.
 *
 * @param command          {@code -cmd}
 * @param nodeId           {@code -node-id}
 * @param dataDir          {@code -data-dir}, where generate_meta writes {@code savepoint}
 * @param pdUrls           {@code -pd-urls} as http(s) URLs
 * @param registryUrls     {@code -etcd-urls} as http(s) URLs when given, else {@code pdUrls}
 * @param tls              {@code -ssl-ca/-ssl-cert/-ssl-key}; null = plain text
 * @param timeZone         {@code -time-zone}; empty = no time lines in the savepoint
 * @param state            {@code -state}, for update-pump/update-drainer
 * @param showOfflineNodes {@code -show-offline-nodes}
 * @param text             {@code -text}, for encrypt
 */
public record BinlogctlConfig(String command, String nodeId, Path dataDir, String pdUrls, String registryUrls,
                              TlsFiles tls, String timeZone, String state, boolean showOfflineNodes, String text) {

    public static final String DEFAULT_PD_URLS = "http://127.0.0.1:2379";
    public static final String DEFAULT_DATA_DIR = "binlog_position";

    static GoFlagSet flagSet() {
        return new GoFlagSet("binlogctl")
                .string("cmd", "pumps", "operator: \"generate_meta\", \"pumps\", \"drainers\", \"update-pump\", "
                        + "\"update-drainer\", \"pause-pump\", \"pause-drainer\", \"offline-pump\", "
                        + "\"offline-drainer\", \"encrypt\"")
                .string("node-id", "", "id of node, use to update some node with operation update-pump, "
                        + "update-drainer, pause-pump, pause-drainer, offline-pump and offline-drainer")
                .string("data-dir", DEFAULT_DATA_DIR, "meta directory path")
                .string("pd-urls", DEFAULT_PD_URLS, "a comma separated list of PD endpoints")
                .string("etcd-urls", "", "a comma separated list of etcd endpoints of the node registry (default: pd-urls)")
                .string("ssl-ca", "", "Path of file that contains list of trusted SSL CAs for connection with cluster components.")
                .string("ssl-cert", "", "Path of file that contains X509 certificate in PEM format for connection with cluster components.")
                .string("ssl-key", "", "Path of file that contains X509 key in PEM format for connection with cluster components.")
                .string("time-zone", "", "set time zone if you want save time info in savepoint file, for example "
                        + "`Asia/Shanghai` for CST time, `Local` for local time")
                .string("state", "", "set node's state, can set to online, pausing, paused, closing or offline.")
                .bool("show-offline-nodes", "include offline nodes when querying pumps/drainers")
                .string("text", "", "text to be encrypt when using encrypt command")
                .bool("V", "prints version and exit");
    }

    /** From parsed flags; checks as binlogctl's {@code Parse}/{@code validate} do. */
    static BinlogctlConfig from(GoFlags flags) {
        String dataDir = flags.string("data-dir");
        if (dataDir.isEmpty()) {
            dataDir = DEFAULT_DATA_DIR;
        }
        TlsFiles tls;
        try {
            tls = TlsFiles.fromConfig(flags.string("ssl-ca"), flags.string("ssl-cert"), flags.string("ssl-key"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls config error: " + e.getMessage(), e);
        }
        String pdUrls = endpoints("pd-urls", flags.string("pd-urls"), tls != null);
        String etcdUrls = flags.string("etcd-urls");
        String registryUrls = etcdUrls.isBlank() ? pdUrls : endpoints("etcd-urls", etcdUrls, tls != null);
        return new BinlogctlConfig(flags.string("cmd"), flags.string("node-id"), Path.of(dataDir), pdUrls,
                registryUrls, tls, flags.string("time-zone"), flags.string("state"),
                flags.bool("show-offline-nodes"), flags.string("text"));
    }

    /** binlog:pkg/flags/urls.go {@code ParseHostPortAddr}, each entry then made an http(s) URL. */
    static String endpoints(String flag, String commaSeparated, boolean tls) {
        List<String> out = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            String entry = part.strip();
            if (!entry.contains("://")) {
                try {
                    HostPort.parse(flag, entry);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("parse " + flag + " error: " + commaSeparated + ", "
                            + e.getMessage(), e);
                }
                out.add((tls ? "https://" : "http://") + entry);
                continue;
            }
            URI uri;
            try {
                uri = new URI(entry);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("parse " + flag + " error: " + commaSeparated + ", " + e.getMessage(), e);
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new IllegalArgumentException("parse " + flag + " error: " + commaSeparated
                        + ", URL scheme must be http or https: " + entry);
            }
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IllegalArgumentException("parse " + flag + " error: " + commaSeparated
                        + ", URL address does not have the form \"host:port\": " + entry);
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
                throw new IllegalArgumentException("parse " + flag + " error: " + commaSeparated
                        + ", URL must not contain a path: " + entry);
            }
            out.add(entry);
        }
        return String.join(",", out);
    }
}
