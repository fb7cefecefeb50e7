package io.tidbbinlog.pump.server;

import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalProtocolNegotiator;
import io.netty.channel.ChannelHandler;
import io.netty.util.AsciiString;
import java.util.function.Supplier;

/**
 * gRPC's protocol negotiator for the shared port (Pump does this with cmux, binlog:pump/server.go Start): optional
 * TLS first, then each connection goes to gRPC or to the HTTP API depending on its first bytes
 * ({@link ProtocolSniffer}).
 */
final class PortSharingNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private static final AsciiString HTTP = AsciiString.of("http");
    private static final AsciiString HTTPS = AsciiString.of("https");

    private final ServerTls tls;
    private final Supplier<ChannelHandler> httpApi;
    private final boolean httpAllowed;

    /**
     * @param tls         null for plain text
     * @param httpApi     makes the HTTP API's handler for one connection
     * @param httpAllowed false to refuse HTTP/1 connections (the unix socket serves gRPC only)
     */
    PortSharingNegotiator(ServerTls tls, Supplier<ChannelHandler> httpApi, boolean httpAllowed) {
        this.tls = tls;
        this.httpApi = httpApi;
        this.httpAllowed = httpAllowed;
    }

    @Override
    public AsciiString scheme() {
        return tls == null ? HTTP : HTTPS;
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new ProtocolSniffer(grpcHandler, tls, httpAllowed ? httpApi : null);
    }

    @Override
    public void close() {
        // nothing held: the TLS context lives as long as the endpoint
    }
}
