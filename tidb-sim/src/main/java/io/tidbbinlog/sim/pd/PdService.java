package io.tidbbinlog.sim.pd;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.pdpb.GetMembersRequest;
import io.tidbbinlog.proto.pdpb.GetMembersResponse;
import io.tidbbinlog.proto.pdpb.Member;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.ResponseHeader;
import io.tidbbinlog.proto.pdpb.Timestamp;
import io.tidbbinlog.proto.pdpb.TsoRequest;
import io.tidbbinlog.proto.pdpb.TsoResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pdpb.PD} as a single-member cluster answers it (pingcap/pd {@code server/grpc_service.go}).
 *
 * <p>GetMembers does not check the request's cluster id (that is how clients learn it). A Tso stream ends with a
 * gRPC error, as PD's does: {@code FAILED_PRECONDITION "mismatch cluster id, need X but got Y"} for a foreign
 * cluster id, {@code UNKNOWN} with PD's {@code ErrGenerateTimestamp} text when the oracle refuses (count 0).
 */
final class PdService extends PDGrpc.PDImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(PdService.class);

    private final long clusterId;
    private final TimestampOracle oracle;
    /** Known once the port is bound (the member's URLs carry it); GetMembers is unavailable until then. */
    private volatile Member self;

    PdService(long clusterId, TimestampOracle oracle) {
        this.clusterId = clusterId;
        this.oracle = oracle;
    }

    void advertise(Member member) {
        self = member;
    }

    @Override
    public void getMembers(GetMembersRequest request, StreamObserver<GetMembersResponse> out) {
        Member self = this.self;
        if (self == null) {
            out.onError(Status.UNAVAILABLE.withDescription("PD is starting").asRuntimeException());
            return;
        }
        out.onNext(GetMembersResponse.newBuilder()
                .setHeader(header())
                .addMembers(self)
                .setLeader(self)
                .setEtcdLeader(self)
                .build());
        out.onCompleted();
    }

    @Override
    public StreamObserver<TsoRequest> tso(StreamObserver<TsoResponse> out) {
        return new StreamObserver<>() {
            // set once the stream ended with an error: later requests on it are not answered
            private boolean failed;

            @Override
            public void onNext(TsoRequest request) {
                if (failed) {
                    return;
                }
                long got = request.getHeader().getClusterId();
                if (got != clusterId) {
                    fail(Status.FAILED_PRECONDITION.withDescription("mismatch cluster id, need "
                            + Long.toUnsignedString(clusterId) + " but got " + Long.toUnsignedString(got)));
                    return;
                }
                long count = Integer.toUnsignedLong(request.getCount());
                long[] ts;
                try {
                    ts = oracle.next(count);
                } catch (RuntimeException e) {
                    LOG.debug("TSO request for {} refused: {}", count, e.getMessage());
                    fail(Status.UNKNOWN.withDescription(e.getMessage()));
                    return;
                }
                out.onNext(TsoResponse.newBuilder()
                        .setHeader(header())
                        .setCount(request.getCount())
                        .setTimestamp(Timestamp.newBuilder().setPhysical(ts[0]).setLogical(ts[1]))
                        .build());
            }

            @Override
            public void onError(Throwable t) {
                // the client went away; nothing to answer
            }

            @Override
            public void onCompleted() {
                if (!failed) {
                    out.onCompleted();
                }
            }

            private void fail(Status status) {
                failed = true;
                out.onError(status.asRuntimeException());
            }
        };
    }

    private ResponseHeader header() {
        return ResponseHeader.newBuilder().setClusterId(clusterId).build();
    }
}
