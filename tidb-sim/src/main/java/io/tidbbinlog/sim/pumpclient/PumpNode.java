package io.tidbbinlog.sim.pumpclient;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pump as the client sees it (TiDB's {@code PumpStatus}): its last registry entry, a lazily dialled gRPC
 * connection and the number of consecutive failed calls. Thread-safe.
 *
 * <p>Go's gRPC client allows sends up to {@code math.MaxInt32} bytes by default and TiDB does not change it;
 * calls here lift grpc-java's outbound limit to the same, so prewrite binlogs of hundreds of MB go through.
 */
final class PumpNode {

    private static final int MAX_SEND_BYTES = Integer.MAX_VALUE;

    private final String nodeId;
    private final PumpChannels channels;
    private final AtomicLong consecutiveErrors = new AtomicLong();
    private volatile NodeStatus status;
    private ManagedChannel channel; // guarded by this

    PumpNode(NodeStatus status, PumpChannels channels) {
        this.nodeId = status.nodeId();
        this.status = status;
        this.channels = channels;
    }

    String nodeId() {
        return nodeId;
    }

    NodeStatus status() {
        return status;
    }

    void setStatus(NodeStatus newStatus) {
        status = newStatus;
    }

    long consecutiveErrors() {
        return consecutiveErrors.get();
    }

    /** TiDB's {@code ShouldBeUsable}: only {@code online} pumps take binlogs. */
    boolean shouldBeUsable() {
        return status.state() == NodeState.ONLINE;
    }

    /** TiDB's {@code IsUsable}: online and not more than {@code maxErrors} failures in a row. */
    boolean isUsable(int maxErrors) {
        return shouldBeUsable() && consecutiveErrors.get() <= maxErrors;
    }

    /**
     * One blocking WriteBinlog call with a deadline. A gRPC failure counts as a consecutive error and is
     * rethrown; a reply (even one carrying {@code errmsg}) clears the count, as in TiDB.
     */
    WriteBinlogResp write(WriteBinlogReq request, Duration timeout) throws CallFailedException {
        ManagedChannel ch = channelOrFail();
        try {
            WriteBinlogResp resp = PumpGrpc.newBlockingStub(ch)
                    .withMaxOutboundMessageSize(MAX_SEND_BYTES)
                    .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                    .writeBinlog(request);
            consecutiveErrors.set(0);
            return resp;
        } catch (StatusRuntimeException e) {
            consecutiveErrors.incrementAndGet();
            throw new CallFailedException(PumpCallError.of(e));
        }
    }

    /** The same call without blocking a thread; the future fails with {@link CallFailedException}. */
    CompletableFuture<WriteBinlogResp> writeAsync(WriteBinlogReq request, Duration timeout) {
        CompletableFuture<WriteBinlogResp> result = new CompletableFuture<>();
        ManagedChannel ch;
        try {
            ch = channelOrFail();
        } catch (CallFailedException e) {
            result.completeExceptionally(e);
            return result;
        }
        PumpGrpc.newStub(ch)
                .withMaxOutboundMessageSize(MAX_SEND_BYTES)
                .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .writeBinlog(request, new StreamObserver<>() {
                    private WriteBinlogResp resp;

                    @Override
                    public void onNext(WriteBinlogResp value) {
                        resp = value;
                    }

                    @Override
                    public void onError(Throwable t) {
                        consecutiveErrors.incrementAndGet();
                        PumpCallError error = t instanceof StatusRuntimeException sre ? PumpCallError.of(sre)
                                : PumpCallError.other(String.valueOf(t));
                        result.completeExceptionally(new CallFailedException(error));
                    }

                    @Override
                    public void onCompleted() {
                        consecutiveErrors.set(0);
                        result.complete(resp == null ? WriteBinlogResp.getDefaultInstance() : resp);
                    }
                });
        return result;
    }

    /** TiDB's {@code ResetGrpcClient}: drop the connection; the next call dials anew (at the current address). */
    synchronized void resetConnection() {
        if (channel != null) {
            // graceful: calls already under way on it may finish; only new calls use the new connection
            channel.shutdown();
            channel = null;
        }
    }

    /** TiDB's {@code Reset}: new connection and a clean error count. */
    void reset() {
        resetConnection();
        consecutiveErrors.set(0);
    }

    /**
     * A connection that failed enough goes into gRPC's reconnect backoff (up to two minutes) and fails calls
     * without trying; a retry that is meant to reach the pump asks for an immediate reconnect first.
     */
    synchronized void reconnectNow() {
        if (channel != null) {
            channel.resetConnectBackoff();
        }
    }

    void close() {
        ManagedChannel toClose;
        synchronized (this) {
            toClose = channel;
            channel = null;
        }
        if (toClose != null) {
            toClose.shutdownNow();
        }
    }

    private synchronized ManagedChannel channelOrFail() throws CallFailedException {
        if (channel == null) {
            try {
                channel = channels.open(status.host());
            } catch (RuntimeException e) {
                consecutiveErrors.incrementAndGet();
                throw new CallFailedException(PumpCallError.other("create grpc connection for pump " + nodeId
                        + " failed, error " + e.getMessage()));
            }
        }
        return channel;
    }

    @Override
    public String toString() {
        return nodeId + "@" + status.host() + "(" + status.state() + ")";
    }

    /** A failed call, with TiDB's wording of the failure. */
    static final class CallFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient PumpCallError error;

        CallFailedException(PumpCallError error) {
            super(error.text(), null, false, false);
            this.error = error;
        }

        PumpCallError error() {
            return error;
        }
    }
}
