package io.tidbbinlog.pump.node;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.cistern.CisternGrpc;
import io.tidbbinlog.proto.cistern.NotifyReq;
import io.tidbbinlog.proto.cistern.NotifyResp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

/** A drainer's gRPC service over loopback that only counts Notify calls. */
final class RecordingCistern implements AutoCloseable {

    private final AtomicInteger notifies = new AtomicInteger();
    private final Server server;

    RecordingCistern() {
        try {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
                    .addService(new CisternGrpc.CisternImplBase() {
                        @Override
                        public void notify(NotifyReq request, StreamObserver<NotifyResp> responseObserver) {
                            notifies.incrementAndGet();
                            responseObserver.onNext(NotifyResp.getDefaultInstance());
                            responseObserver.onCompleted();
                        }
                    }).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String host() {
        return "127.0.0.1:" + server.getPort();
    }

    int notifies() {
        return notifies.get();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
