package io.tidbbinlog.pd;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One gRPC channel per PD address, plain text or TLS as configured. gRPC's shaded Netty runs on daemon
 * threads; {@link #close()} shuts every channel down.
 */
final class PdChannels implements AutoCloseable {

    private final boolean useTls;
    private final TlsFiles tls;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile boolean closed;

    PdChannels(boolean useTls, TlsFiles tls) {
        this.useTls = useTls;
        this.tls = tls;
    }

    /** The channel to a PD client URL such as {@code http://10.0.0.1:2379}. */
    ManagedChannel forUrl(String url) {
        URI uri = ClusterUrls.parseOne(url);
        String authority = ClusterUrls.authority(uri);
        if (closed) {
            throw new PdException("PD client is closed");
        }
        return channels.computeIfAbsent(authority, a -> build(uri));
    }

    /**
     * After a failure gRPC waits up to two minutes before it dials an address again; PD callers retry on their
     * own schedule, so every retry dials at once.
     */
    void resetBackoff() {
        for (ManagedChannel channel : channels.values()) {
            channel.resetConnectBackoff();
        }
    }

    private ManagedChannel build(URI uri) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                .keepAliveTime(10, TimeUnit.SECONDS)
                .keepAliveTimeout(3, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true);
        if (useTls) {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient();
                if (tls != null) {
                    ssl.trustManager(tls.caFile().toFile());
                    if (tls.hasClientCertificate()) {
                        ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
                    }
                }
                builder.sslContext(ssl.build());
            } catch (SSLException | IllegalArgumentException e) {
                throw new PdException("cannot set up TLS for PD at " + uri + ": " + e.getMessage(), e);
            }
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    @Override
    public void close() {
        closed = true;
        List<ManagedChannel> all = new ArrayList<>(channels.values());
        channels.clear();
        for (ManagedChannel channel : all) {
            channel.shutdownNow();
        }
        for (ManagedChannel channel : all) {
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
