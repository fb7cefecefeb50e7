package io.tidbbinlog.pump.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes binlogs over gRPC the way TiDB's pump client does: unary WriteBinlog calls, a connection per client (here
 * a few channels shared round-robin by the writer threads, like several TiDB servers), and a non-empty errmsg or a
 * status error counts as a failure.
 */
final class GrpcWriteSink implements TxnLoad.BinlogSink, AutoCloseable {

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<PumpGrpc.PumpBlockingStub> stubs = new ArrayList<>();
    private final long clusterId;

    GrpcWriteSink(String host, int port, long clusterId, int connections) {
        this.clusterId = clusterId;
        for (int i = 0; i < connections; i++) {
            ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                    .maxInboundMessageSize(64 << 20).build();
            channels.add(channel);
            stubs.add(PumpGrpc.newBlockingStub(channel));
        }
    }

    @Override
    public void write(byte[] payload) {
        int index = (int) (Thread.currentThread().getId() % stubs.size());
        WriteBinlogResp resp = stubs.get(index).withDeadlineAfter(15, TimeUnit.SECONDS)
                .writeBinlog(WriteBinlogReq.newBuilder().setClusterID(clusterId)
                        .setPayload(ByteString.copyFrom(payload)).build());
        if (!resp.getErrmsg().isEmpty()) {
            throw new IllegalStateException("pump refused a binlog: " + resp.getErrmsg());
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
