package io.tidbbinlog.sim.pumpclient;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.tidbbinlog.pd.TlsFiles;
import javax.net.ssl.SSLException;

/**
 * Opens the gRPC connection to one pump's advertised {@code host:port}: plain text, or TLS with TiDB's
 * {@code [security]} files (the pump client reuses the cluster TLS config for pumps).
 */
final class PumpChannels {

    private final SslContext ssl;

    PumpChannels(TlsFiles tls) {
        if (tls == null) {
            ssl = null;
            return;
        }
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(tls.caFile().toFile());
            if (tls.hasClientCertificate()) {
                builder.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
            }
            ssl = builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot set up TLS for pumps from " + tls + ": " + e.getMessage(), e);
        }
    }

    /** A new channel to {@code hostPort}; it connects lazily, on the first call. */
    ManagedChannel open(String hostPort) {
        if (hostPort == null || hostPort.isBlank()) {
            throw new IllegalArgumentException("pump has no address");
        }
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(hostPort);
        if (ssl != null) {
            builder.sslContext(ssl);
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }
}
