package io.tidbbinlog.sim.pumpclient;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.testservices.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A real gRPC {@code binlog.Pump} server on a free loopback port that records every WriteBinlog request, for
 * tests that need to see what TiDB (or the simulator) sends to pumps. It answers like Pump's
 * {@code writeBinlog} (pump/server.go, spec §1.5):
 * <ul>
 *   <li>a request with another cluster id fails (gRPC Unknown, "cluster ID are mismatch, X vs Y");</li>
 *   <li>a payload that is not a {@code binlog.Binlog} fails;</li>
 *   <li>a prewrite binlog while the pump's own state ({@link #setPumpState}) is not online fails with
 *       "no online: &lt;state&gt;"; commit/rollback binlogs are still taken;</li>
 *   <li>a binlog with start_ts 0 and commit_ts 0 (the pump client's probe) succeeds without being stored;</li>
 *   <li>anything else is stored (see {@link #binlogs()}) and acknowledged with an empty errmsg.</li>
 * </ul>
 * Pump fails with a gRPC error whose text is the error; the optional {@link #failNextWithErrmsg} models a reply
 * carrying {@code errmsg} instead, which clients must treat as a failure too. Messages of any size up to 2 GiB
 * are accepted (Pump's {@code max-message-size} default is effectively unlimited).
 *
 * <p>Faults for tests: {@link #failNext} (next N requests get a gRPC status), {@link #failNextWithErrmsg},
 * {@link #setDelay} (answer late), {@link #stop()} / {@link #restart()} (same port). {@link #startTls} serves
 * TLS with the test certificates. Faults apply to every
 * request, probes included, before any other check. Thread-safe; everything received is kept until
 * {@link #clear()}, so keep it to test-sized traffic.
 *
 * <pre>{@code
 * try (RecordingPumpServer pump = RecordingPumpServer.start("pump-1", clusterId)) {
 *     pump.registerIn(registry);                 // online entry under <root>/pumps/pump-1
 *     ... run what writes binlogs ...
 *     List<Binlog> stored = pump.awaitBinlogs(2, Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class RecordingPumpServer implements AutoCloseable {

    /** One request as received, in arrival order. */
    public record ReceivedWrite(long clusterId, int payloadSize, Binlog binlog, boolean accepted, String error) {

        /** The client's availability probe: an empty binlog. */
        public boolean isProbe() {
            return binlog != null && binlog.getStartTs() == 0 && binlog.getCommitTs() == 0;
        }
    }

    private final String nodeId;
    private final long clusterId;
    private final int port;
    private final SslContext tls;
    private final List<ReceivedWrite> writes = new ArrayList<>();
    private final List<Binlog> stored = new ArrayList<>();
    private Server server;
    private NodeState pumpState = NodeState.ONLINE;
    private int failuresLeft;
    private Status failureStatus;
    private int errmsgsLeft;
    private String errmsg;
    private Duration delay = Duration.ZERO;

    private RecordingPumpServer(String nodeId, long clusterId, SslContext tls) {
        this.nodeId = nodeId;
        this.clusterId = clusterId;
        this.tls = tls;
        synchronized (this) {
            this.server = bind(0);
        }
        this.port = server.getPort();
    }

    /** Starts a pump named {@code nodeId} for cluster {@code clusterId} on a free loopback port. */
    public static RecordingPumpServer start(String nodeId, long clusterId) {
        return new RecordingPumpServer(nodeId, clusterId, null);
    }

    /**
     * Like {@link #start(String, long)} but serving TLS with the test server certificate and requiring a client
     * certificate signed by the test CA, as a pump with a {@code [security]} section does.
     */
    public static RecordingPumpServer startTls(String nodeId, long clusterId, TestCertificates certificates) {
        try {
            SslContext ssl = GrpcSslContexts.forServer(certificates.serverCert().toFile(),
                            certificates.serverKey().toFile())
                    .trustManager(certificates.caCert().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
            return new RecordingPumpServer(nodeId, clusterId, ssl);
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for the test pump: " + e.getMessage(), e);
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public long clusterId() {
        return clusterId;
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}, as a pump advertises itself in the registry ({@code host}). */
    public String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    }

    // ---- registry ----

    /** Writes (creates or updates) this pump's registry entry as online, like a starting pump. */
    public NodeStatus registerIn(NodeRegistry registry) {
        return registerIn(registry, NodeState.ONLINE);
    }

    /**
     * Writes this pump's registry entry with {@code state} (what a pump writes for itself, or what binlogctl
     * update-pump does). The server's own state ({@link #setPumpState}) is left as it is.
     */
    public NodeStatus registerIn(NodeRegistry registry, NodeState state) {
        NodeStatus status = NodeStatus.of(nodeId, address(), state, 0, 0);
        registry.updateNode(NodeKind.PUMP, status);
        return status;
    }

    // ---- faults ----

    /** The pump's in-memory state: while not online it refuses prewrite binlogs, as Pump does. */
    public synchronized void setPumpState(NodeState state) {
        pumpState = state;
    }

    /** The next {@code n} requests fail with {@code status} (e.g. {@code Status.UNAVAILABLE}). */
    public synchronized void failNext(int n, Status status) {
        failuresLeft = n;
        failureStatus = status;
    }

    /** The next {@code n} requests get a reply whose {@code errmsg} is {@code message}. */
    public synchronized void failNextWithErrmsg(int n, String message) {
        errmsgsLeft = n;
        errmsg = message;
    }

    /** Every answer from now on comes {@code d} late (zero: at once). */
    public synchronized void setDelay(Duration d) {
        delay = d;
    }

    /** Stops listening, dropping connections; calls then fail with Unavailable. */
    public void stop() {
        Server s;
        synchronized (this) {
            s = server;
            server = null;
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Listens again on the same port; what was recorded is kept. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        server = bind(port);
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    // ---- what was received ----

    /** Every request so far, accepted or not, probes included, in arrival order. */
    public synchronized List<ReceivedWrite> writes() {
        return List.copyOf(writes);
    }

    /** The binlogs this pump stored (accepted, probes excluded), in arrival order. */
    public synchronized List<Binlog> binlogs() {
        return List.copyOf(stored);
    }

    /** The stored binlogs of one type. */
    public synchronized List<Binlog> binlogs(BinlogType type) {
        return stored.stream().filter(b -> b.getTp() == type).toList();
    }

    /** Probes that reached the pump and were answered successfully. */
    public synchronized long acceptedProbes() {
        return writes.stream().filter(w -> w.accepted() && w.isProbe()).count();
    }

    /**
     * Waits until at least {@code n} binlogs are stored and returns them all.
     *
     * @throws TimeoutException naming how many arrived when {@code timeout} passes first
     */
    public synchronized List<Binlog> awaitBinlogs(int n, Duration timeout) throws TimeoutException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored.size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("pump " + nodeId + " stored " + stored.size() + " binlogs, expected "
                        + n + " within " + timeout);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(stored);
    }

    /** Forgets everything received so far. */
    public synchronized void clear() {
        writes.clear();
        stored.clear();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "RecordingPumpServer[" + nodeId + "@" + address() + "]";
    }

    // ---- serving ----

    private Server bind(int onPort) {
        try {
            NettyServerBuilder builder = NettyServerBuilder
                    .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort))
                    .maxInboundMessageSize(Integer.MAX_VALUE)
                    .addService(new Service(this));
            if (tls != null) {
                builder.sslContext(tls);
            }
            return builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + onPort, e);
        }
    }

    /** What the pump does with one request; the answer is computed under the lock, sent outside it. */
    private Outcome handle(WriteBinlogReq request) {
        Duration wait;
        Outcome outcome;
        synchronized (this) {
            wait = delay;
            outcome = decide(request);
            notifyAll();
        }
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return outcome;
    }

    private Outcome decide(WriteBinlogReq request) {
        Binlog binlog = null;
        try {
            binlog = Binlog.parseFrom(request.getPayload());
        } catch (InvalidProtocolBufferException e) {
            // recorded without a binlog below
        }
        Outcome outcome;
        if (failuresLeft > 0) {
            failuresLeft--;
            outcome = Outcome.error(failureStatus);
        } else if (request.getClusterID() != clusterId) {
            outcome = Outcome.error(Status.UNKNOWN.withDescription("cluster ID are mismatch, "
                    + Long.toUnsignedString(request.getClusterID()) + " vs " + Long.toUnsignedString(clusterId)));
        } else if (binlog == null) {
            outcome = Outcome.error(Status.UNKNOWN.withDescription("unexpected EOF"));
        } else if (binlog.getTp() == BinlogType.Prewrite && pumpState != NodeState.ONLINE) {
            outcome = Outcome.error(Status.UNKNOWN.withDescription("no online: " + pumpState));
        } else if (errmsgsLeft > 0) {
            errmsgsLeft--;
            outcome = Outcome.reply(errmsg);
        } else {
            outcome = Outcome.reply("");
        }
        boolean accepted = outcome.status == null && outcome.errmsg.isEmpty();
        String error = outcome.status != null ? outcome.status.getCode() + ": " + outcome.status.getDescription()
                : (outcome.errmsg.isEmpty() ? null : outcome.errmsg);
        writes.add(new ReceivedWrite(request.getClusterID(), request.getPayload().size(), binlog, accepted, error));
        if (accepted && !(binlog.getStartTs() == 0 && binlog.getCommitTs() == 0)) {
            stored.add(binlog);
        }
        return outcome;
    }

    private record Outcome(Status status, String errmsg) {
        static Outcome error(Status status) {
            return new Outcome(status, null);
        }

        static Outcome reply(String errmsg) {
            return new Outcome(null, errmsg);
        }
    }

    private static final class Service extends PumpGrpc.PumpImplBase {
        private final RecordingPumpServer owner;

        Service(RecordingPumpServer owner) {
            this.owner = owner;
        }

        @Override
        public void writeBinlog(WriteBinlogReq request, StreamObserver<WriteBinlogResp> responseObserver) {
            Outcome outcome = owner.handle(request);
            if (outcome.status != null) {
                responseObserver.onError(outcome.status.asRuntimeException());
            } else {
                responseObserver.onNext(WriteBinlogResp.newBuilder().setErrmsg(outcome.errmsg).build());
                responseObserver.onCompleted();
            }
        }
    }
}
