package io.tidbbinlog.pump.bench;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The "bare gRPC" reference: a Pump service on the same transport and dispatch as pump-bridge (grpc-netty, handlers
 * on the event loop) that parses each binlog and acknowledges it at once, storing nothing. What the wire and the
 * framework cost on their own.
 */
final class BareGrpcPump implements AutoCloseable {

    private final Server server;

    BareGrpcPump() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new PumpGrpc.PumpImplBase() {
                    @Override
                    public void writeBinlog(WriteBinlogReq request, StreamObserver<WriteBinlogResp> response) {
                        try {
                            Binlog.parseFrom(request.getPayload());
                        } catch (IOException e) {
                            response.onError(e);
                            return;
                        }
                        response.onNext(WriteBinlogResp.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                // as pump-bridge's endpoint does: handlers on the event loop, the cheapest dispatch gRPC has
                .directExecutor()
                .build().start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination();
    }
}
