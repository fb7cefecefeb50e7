package io.tidbbinlog.pump.server;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.pump.config.PumpConfig;
import java.util.List;
import java.util.Objects;

/**
 * Where and how {@link PumpEndpoint} listens.
 *
 * @param host           address to bind (a name, an IPv4 or IPv6 literal; 0.0.0.0 for all)
 * @param port           TCP port; 0 picks a free one ({@link PumpEndpoint#port()})
 * @param socket         unix domain socket path for gRPC only; empty = none
 * @param maxMessageSize largest gRPC message accepted, bytes ({@code -max-message-size})
 * @param tls            {@code [security]} files; null = plain text
 * @param certAllowedCn  {@code cert-allowed-cn}; empty = any certificate the CA signed
 */
public record EndpointSettings(String host, int port, String socket, int maxMessageSize, TlsFiles tls,
                               List<String> certAllowedCn) {

    public EndpointSettings {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxMessageSize <= 0) {
            throw new IllegalArgumentException("max message size must be positive: " + maxMessageSize);
        }
        socket = socket == null ? "" : socket;
        certAllowedCn = List.copyOf(certAllowedCn);
        if (!certAllowedCn.isEmpty() && tls == null) {
            throw new IllegalArgumentException("cert-allowed-cn " + certAllowedCn
                    + " needs TLS ([security] ssl-ca, ssl-cert, ssl-key)");
        }
    }

    /** Plain text on host:port with Pump's default message limit. */
    public static EndpointSettings plain(String host, int port) {
        return new EndpointSettings(host, port, "", PumpConfig.DEFAULT_MAX_MESSAGE_SIZE, null, List.of());
    }

    /** From the pump's configuration ({@code addr}, {@code socket}, {@code max-message-size}, {@code [security]}). */
    public static EndpointSettings from(PumpConfig config) {
        String addr = config.addr();
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("addr must be host:port: '" + addr + "'");
        }
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("addr has no numeric port: '" + addr + "'", e);
        }
        return new EndpointSettings(host.isEmpty() ? "0.0.0.0" : host, port, config.socket(),
                config.maxMessageSize(), config.tls(), config.certAllowedCn());
    }

    public EndpointSettings withMaxMessageSize(int bytes) {
        return new EndpointSettings(host, port, socket, bytes, tls, certAllowedCn);
    }

    public EndpointSettings withTls(TlsFiles files, List<String> allowedCn) {
        return new EndpointSettings(host, port, socket, maxMessageSize, files, allowedCn);
    }

    public EndpointSettings withSocket(String path) {
        return new EndpointSettings(host, port, path, maxMessageSize, tls, certAllowedCn);
    }
}
