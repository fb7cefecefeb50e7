package io.tidbbinlog.pd;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.pdpb.Error;
import io.tidbbinlog.proto.pdpb.ErrorType;
import io.tidbbinlog.proto.pdpb.GetMembersRequest;
import io.tidbbinlog.proto.pdpb.GetMembersResponse;
import io.tidbbinlog.proto.pdpb.Member;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.ResponseHeader;
import io.tidbbinlog.proto.pdpb.Timestamp;
import io.tidbbinlog.proto.pdpb.TsoRequest;
import io.tidbbinlog.proto.pdpb.TsoResponse;
import io.tidbbinlog.testservices.FreePorts;
import io.tidbbinlog.testservices.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal PD for client tests, on a real loopback port: GetMembers names a configurable leader, Tso hands out
 * timestamps like PD (the reply carries the last of {@code count} consecutive ones). Tests can make it answer
 * with a header error, reject TSO calls as a non-leader would, delay answers, and restart on the same port.
 */
final class FakePd implements AutoCloseable {

    static final long CLUSTER_ID = 6_960_000_000_000_000_001L;

    private final String name;
    private final long memberId;
    private final long clusterId;
    private final int port;
    private final TestCertificates tls;
    private Server server;

    /**
     * One timestamp window for every fake PD in the JVM: a real PD cluster keeps its timestamps increasing
     * across restarts and leader changes, and the client under test checks that they do.
     */
    private static long physical;
    private static long logical;

    volatile FakePd leader = this;
    final List<TsoRequest> tsoRequests = new CopyOnWriteArrayList<>();
    final List<GetMembersRequest> membersRequests = new CopyOnWriteArrayList<>();
    final AtomicReference<Error> nextTsoHeaderError = new AtomicReference<>();
    volatile Status rejectTso;
    volatile long tsoDelayMillis;

    private FakePd(String name, long memberId, long clusterId, int port, TestCertificates tls) {
        this.tls = tls;
        this.name = name;
        this.memberId = memberId;
        this.clusterId = clusterId;
        this.port = port;
    }

    static FakePd start(String name) {
        return start(name, CLUSTER_ID);
    }

    static FakePd start(String name, long clusterId) {
        FakePd pd = new FakePd(name, name.hashCode() & 0xffffL, clusterId, FreePorts.pick(), null);
        pd.start();
        return pd;
    }

    /** A fake PD on https that requires a client certificate signed by the certificates' CA. */
    static FakePd startTls(String name, TestCertificates certificates) {
        FakePd pd = new FakePd(name, name.hashCode() & 0xffffL, CLUSTER_ID, FreePorts.pick(), certificates);
        pd.start();
        return pd;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                    .addService(new Service());
            if (tls != null) {
                builder.sslContext(GrpcSslContexts.forServer(tls.serverCert().toFile(), tls.serverKey().toFile())
                        .trustManager(tls.caCert().toFile())
                        .clientAuth(ClientAuth.REQUIRE)
                        .build());
            }
            server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("fake PD " + name + " cannot listen on " + port, e);
        }
    }

    /** Goes away like a crashed PD: open streams are cut. */
    synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    Member member() {
        return Member.newBuilder().setName(name).setMemberId(memberId)
                .addClientUrls(url()).addPeerUrls("http://127.0.0.1:1").build();
    }

    private static synchronized Timestamp next(int count) {
        long now = System.currentTimeMillis();
        if (now > physical) {
            physical = now;
            logical = 0;
        }
        if (logical + count > Tso.MAX_LOGICAL) {
            physical++;
            logical = 0;
        }
        logical += count;
        return Timestamp.newBuilder().setPhysical(physical).setLogical(logical - 1).build();
    }

    private final class Service extends PDGrpc.PDImplBase {
        @Override
        public void getMembers(GetMembersRequest request, StreamObserver<GetMembersResponse> out) {
            membersRequests.add(request);
            FakePd l = leader;
            GetMembersResponse.Builder b = GetMembersResponse.newBuilder()
                    .setHeader(ResponseHeader.newBuilder().setClusterId(clusterId))
                    .addMembers(member());
            if (l != null) {
                if (l != FakePd.this) {
                    b.addMembers(l.member());
                }
                b.setLeader(l.member()).setEtcdLeader(l.member());
            }
            out.onNext(b.build());
            out.onCompleted();
        }

        @Override
        public StreamObserver<TsoRequest> tso(StreamObserver<TsoResponse> out) {
            return new StreamObserver<>() {
                @Override
                public void onNext(TsoRequest request) {
                    Status reject = rejectTso;
                    if (reject != null) {
                        out.onError(reject.asRuntimeException());
                        return;
                    }
                    tsoRequests.add(request);
                    if (tsoDelayMillis > 0) {
                        try {
                            Thread.sleep(tsoDelayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    TsoResponse.Builder reply = TsoResponse.newBuilder().setCount(request.getCount());
                    ResponseHeader.Builder header = ResponseHeader.newBuilder().setClusterId(clusterId);
                    Error error = nextTsoHeaderError.getAndSet(null);
                    if (error != null) {
                        header.setError(error);
                    } else if (request.getHeader().getClusterId() != clusterId) {
                        header.setError(Error.newBuilder().setType(ErrorType.UNKNOWN)
                                .setMessage("mismatch cluster id, need " + clusterId + " but got "
                                        + request.getHeader().getClusterId()));
                    } else {
                        reply.setTimestamp(next(request.getCount()));
                    }
                    out.onNext(reply.setHeader(header).build());
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onCompleted() {
                    out.onCompleted();
                }
            };
        }
    }
}
