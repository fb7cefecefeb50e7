package io.tidbbinlog.sim.pd;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.tidbbinlog.proto.pdpb.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A one-member PD cluster on a real gRPC port: {@code /pdpb.PD/GetMembers} and {@code /pdpb.PD/Tso}
 * (spec §13, §10.3). With a data dir, the cluster id survives restarts and timestamps stay strictly increasing
 * across them (see {@link TimestampOracle}); without one, both live as long as the server.
 *
 * <p>gRPC serves calls on its own threads; the oracle is synchronized. {@link #close()} stops the port, cuts open
 * streams and releases the data dir.
 */
public final class PdServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PdServer.class);

    private final PdStateStore store;
    private final Server server;
    private final String url;
    private final long clusterId;
    private final long memberId;

    private PdServer(PdStateStore store, Server server, String url, long clusterId, long memberId) {
        this.store = store;
        this.server = server;
        this.url = url;
        this.clusterId = clusterId;
        this.memberId = memberId;
    }

    /** Opens the state, binds the port and starts serving. */
    public static PdServer start(PdServerConfig config) {
        PdStateStore store = config.dataDir() == null
                ? PdStateStore.inMemory(PdIdentity.generate(config.clock()))
                : FilePdStateStore.open(config.dataDir(), config.clock());
        try {
            TimestampOracle oracle = new TimestampOracle(config.clock(), store);
            PdIdentity id = store.identity();
            PdService service = new PdService(id.clusterId(), oracle);
            NettyServerBuilder builder = NettyServerBuilder
                    .forAddress(new InetSocketAddress(config.host(), config.port()))
                    .addService(service);
            if (config.tls() != null) {
                builder.sslContext(sslContext(config.tls()));
            }
            Server server = builder.build().start();
            String scheme = config.tls() == null ? "http" : "https";
            String url = scheme + "://" + hostForUrl(config.host()) + ":" + server.getPort();
            service.advertise(Member.newBuilder()
                    .setName(config.name())
                    .setMemberId(id.memberId())
                    .addPeerUrls(url)
                    .addClientUrls(url)
                    .build());
            LOG.info("PD {} serving cluster {} at {}", config.name(), Long.toUnsignedString(id.clusterId()), url);
            return new PdServer(store, server, url, id.clusterId(), id.memberId());
        } catch (IOException e) {
            store.close();
            throw new UncheckedIOException("PD cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The bound port (the real one when the config asked for 0). */
    public int port() {
        return server.getPort();
    }

    /** {@code http://host:port} (https with TLS): what pd-urls name. */
    public String url() {
        return url;
    }

    public long clusterId() {
        return clusterId;
    }

    public long memberId() {
        return memberId;
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("PD at {} did not stop within 5 s", url);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            store.close();
        }
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(PdTls tls) {
        try {
            SslContextBuilder ssl = GrpcSslContexts.forServer(tls.certFile().toFile(), tls.keyFile().toFile());
            if (tls.requiresClientCertificate()) {
                ssl.trustManager(tls.clientCaFile().toFile()).clientAuth(ClientAuth.REQUIRE);
            }
            return ssl.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("PD TLS files are unusable (cert " + tls.certFile() + ", key "
                    + tls.keyFile() + "): " + e.getMessage(), e);
        }
    }

    private static String hostForUrl(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
