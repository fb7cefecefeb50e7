package io.tidbbinlog.pump.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Answers a call compressed the way its request was: grpc-go servers (Pump, with the gzip codec imported by
 * cmd/pump/main.go) reply with the request's compressor, so a drainer with {@code compressor = "gzip"} gets gzip
 * streams (spec §1.4). grpc-java would otherwise reply uncompressed.
 */
final class RequestCompressionMirror implements ServerInterceptor {

    private static final Metadata.Key<String> GRPC_ENCODING =
            Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String encoding = headers.get(GRPC_ENCODING);
        if ("gzip".equals(encoding)) {
            call.setCompression("gzip");
        }
        return next.startCall(call, headers);
    }
}
