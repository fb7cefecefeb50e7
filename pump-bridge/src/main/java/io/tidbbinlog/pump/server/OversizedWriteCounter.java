package io.tidbbinlog.pump.server;

import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.pump.metrics.PumpMetrics;

/**
 * Counts WriteBinlog requests that gRPC itself refused for exceeding {@code max-message-size}: they never reach
 * {@link PumpService}, which never answers RESOURCE_EXHAUSTED itself.
 */
final class OversizedWriteCounter extends ServerStreamTracer.Factory {

    private static final String WRITE_BINLOG = PumpGrpc.getWriteBinlogMethod().getFullMethodName();

    private final PumpMetrics metrics;

    OversizedWriteCounter(PumpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        if (!WRITE_BINLOG.equals(fullMethodName)) {
            return NOOP;
        }
        return new ServerStreamTracer() {
            @Override
            public void streamClosed(Status status) {
                if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                    metrics.rejectedWrites.labels("too_large").inc();
                }
            }
        };
    }

    private static final ServerStreamTracer NOOP = new ServerStreamTracer() {
    };
}
