package io.tidbbinlog.pump.server;

import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pump's listener (binlog:pump/server.go Start, spec §1.4): gRPC ({@code binlog.Pump}) and the HTTP API on one TCP
 * port, TLS first when {@code [security]} is set, and optionally gRPC on a unix domain socket.
 *
 * <p>Lifecycle: {@link #start()} binds (port 0 picks one, see {@link #port()}); {@link #shutdown(Duration)} stops
 * accepting, lets calls in flight finish for at most the grace period (Pump caps GracefulStop at 10 s), then cuts
 * what is left. The {@link PumpService} is not closed here: close it first so that pull streams end and the grace
 * period is spent on writes.
 */
public final class PumpEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PumpEndpoint.class);

    /** Pump's cap on GracefulStop (server.go Close: util.WaitUntilTimeout(..., 10*time.Second)). */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final EndpointSettings settings;
    private final ServerServiceDefinition service;
    private final PumpControl control;
    private final PumpMetrics metrics;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private ExecutorService httpExecutor;
    private Server tcpServer;
    private Server unixServer;
    private int port = -1;

    public PumpEndpoint(EndpointSettings settings, PumpService service, PumpControl control, PumpMetrics metrics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.service = ServerInterceptors.intercept(Objects.requireNonNull(service, "service"),
                new RequestCompressionMirror());
        this.control = Objects.requireNonNull(control, "control");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Binds and serves.
     *
     * @throws UncheckedIOException when the address cannot be bound (the message names it)
     * @throws IllegalArgumentException when the TLS files are unusable
     */
    public synchronized PumpEndpoint start() {
        if (tcpServer != null) {
            throw new IllegalStateException("already started");
        }
        ServerTls tls = settings.tls() == null ? null : ServerTls.create(settings.tls(), settings.certAllowedCn());
        AtomicInteger httpThreads = new AtomicInteger();
        ThreadPoolExecutor http = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024),
                r -> {
                    Thread t = new Thread(r, "pump-http-" + httpThreads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        http.allowCoreThreadTimeOut(true);
        httpExecutor = http;
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        ServerCredentials credentials = InternalNettyServerCredentials.create(
                new PortSharingNegotiator(tls, () -> new PumpHttpApi(control, metrics, httpExecutor), true));
        try {
            tcpServer = startGrpc(address, NioServerSocketChannel.class, credentials);
            port = ((InetSocketAddress) tcpServer.getListenSockets().get(0)).getPort();
            if (!settings.socket().isEmpty()) {
                unixServer = startUnix(Path.of(settings.socket()), tls);
            }
        } catch (IOException | RuntimeException e) {
            stopNow();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port()
                        + (settings.socket().isEmpty() ? "" : " and unix socket " + settings.socket()) + ": "
                        + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        LOG.info("serving gRPC and HTTP on {}:{}{}{}", settings.host(), port, tls == null ? "" : " with TLS",
                unixServer == null ? "" : ", gRPC on unix socket " + settings.socket());
        return this;
    }

    private Server startUnix(Path socket, ServerTls tls) throws IOException {
        // Pump removes a stale socket file before listening (pkg/util.Listen on "unix").
        Files.deleteIfExists(socket);
        ServerCredentials credentials = InternalNettyServerCredentials.create(
                new PortSharingNegotiator(tls, null, false));
        return startGrpc(UnixDomainSocketAddress.of(socket), NioServerDomainSocketChannel.class, credentials);
    }

    /** The gRPC server on one listener; both listeners share the event loops and the service. */
    private Server startGrpc(SocketAddress address, Class<? extends ServerChannel> channelType,
                             ServerCredentials credentials) throws IOException {
        return NettyServerBuilder.forAddress(address, credentials)
                .channelType(channelType)
                .bossEventLoopGroup(boss)
                .workerEventLoopGroup(workers)
                .maxInboundMessageSize(settings.maxMessageSize())
                .addStreamTracerFactory(new OversizedWriteCounter(metrics))
                .addService(service)
                // Handlers run on the transport's event loop: neither WriteBinlog (parse, hand to the group
                // commit, answer from its completion) nor PullBinlogs (open a cursor, schedule the stream)
                // waits on anything but the storage's bounded write queue, and a full queue holding the
                // connection's reads is the back-pressure we want. Saves a thread hand-off per call.
                .directExecutor()
                .build()
                .start();
    }

    /** The bound TCP port. */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("not started");
        }
        return port;
    }

    /**
     * Stops accepting, waits up to {@code grace} for calls in flight, then closes every connection and releases the
     * threads. Idempotent.
     */
    public synchronized void shutdown(Duration grace) {
        if (tcpServer == null && boss == null) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Server server : new Server[] {tcpServer, unixServer}) {
            if (server != null) {
                server.shutdown();
            }
        }
        try {
            for (Server server : new Server[] {tcpServer, unixServer}) {
                if (server != null) {
                    long left = Math.max(0, deadline - System.nanoTime());
                    if (!server.awaitTermination(left, TimeUnit.NANOSECONDS)) {
                        LOG.warn("calls still in flight after {} ms; cutting them", grace.toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopNow();
    }

    private void stopNow() {
        for (Server server : new Server[] {tcpServer, unixServer}) {
            if (server != null) {
                server.shutdownNow();
            }
        }
        // Our own event loops: shutting them down closes every connection still open, HTTP ones included.
        for (EventLoopGroup group : new EventLoopGroup[] {boss, workers}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        if (httpExecutor != null) {
            httpExecutor.shutdownNow();
        }
        if (unixServer != null && !settings.socket().isEmpty()) {
            try {
                Files.deleteIfExists(Path.of(settings.socket()));
            } catch (IOException e) {
                LOG.warn("cannot remove unix socket {}: {}", settings.socket(), e.getMessage());
            }
        }
        tcpServer = null;
        unixServer = null;
        boss = null;
        workers = null;
        httpExecutor = null;
    }

    /** {@link #shutdown(Duration)} with Pump's 10 s grace. */
    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }
}
