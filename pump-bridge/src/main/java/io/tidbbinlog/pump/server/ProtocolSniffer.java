package io.tidbbinlog.pump.server;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.InternalChannelz;
import io.grpc.SecurityLevel;
import io.grpc.internal.GrpcAttributes;
import io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.ProtocolNegotiationEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every connection on the shared port. With TLS it puts an {@link SslHandler} in front of
 * itself and, once the handshake is done, applies {@code cert-allowed-cn}. Then it reads until it can tell the HTTP/2
 * client preface (gRPC) from anything else (HTTP/1.1), and hands the connection, with the bytes already read, to
 * gRPC's handler or to an HTTP/1.1 codec and the HTTP API.
 *
 * <p>Pump's cmux waits at most 10 s for the bytes it matches on; so do we.
 */
final class ProtocolSniffer extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSniffer.class);

    static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final long SNIFF_TIMEOUT_SECONDS = 10;
    /** The largest HTTP request body the API accepts (its requests have none). */
    static final int MAX_HTTP_CONTENT = 1 << 20;

    private final GrpcHttp2ConnectionHandler grpcHandler;
    private final ServerTls tls;
    private final Supplier<ChannelHandler> httpApi;
    private ProtocolNegotiationEvent negotiation = InternalProtocolNegotiationEvent.getDefault();
    private SslHandler sslHandler;
    private SSLSession session;
    private ByteBuf received;
    private boolean decided;
    private ScheduledFuture<?> timeout;

    ProtocolSniffer(GrpcHttp2ConnectionHandler grpcHandler, ServerTls tls, Supplier<ChannelHandler> httpApi) {
        this.grpcHandler = grpcHandler;
        this.tls = tls;
        this.httpApi = httpApi;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (tls != null) {
            sslHandler = tls.context().newHandler(ctx.alloc());
            ctx.pipeline().addBefore(ctx.name(), null, sslHandler);
        }
        timeout = ctx.executor().schedule(() -> {
            if (!decided) {
                LOG.debug("closing {}: no protocol recognised within {} s", ctx.channel().remoteAddress(),
                        SNIFF_TIMEOUT_SECONDS);
                ctx.close();
            }
        }, SNIFF_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (received != null) {
            received.release();
            received = null;
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ProtocolNegotiationEvent pne) {
            // gRPC's kick-off: kept, and passed on with our attributes once the protocol is known.
            negotiation = pne;
            return;
        }
        if (evt instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                        String.valueOf(handshake.cause()));
                ctx.close();
                return;
            }
            SSLSession established = sslHandler.engine().getSession();
            String refusal = tls.refusal(established);
            if (refusal != null) {
                LOG.warn("refusing {}: {}", ctx.channel().remoteAddress(), refusal);
                ctx.close();
                return;
            }
            session = established;
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes) || decided) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (tls != null && session == null) {
            // Only possible when the handshake was refused and the channel is closing.
            bytes.release();
            return;
        }
        if (received == null) {
            received = bytes;
        } else {
            received = Unpooled.wrappedBuffer(received, bytes);
        }
        int matched = Math.min(received.readableBytes(), HTTP2_PREFACE.length);
        for (int i = 0; i < matched; i++) {
            if (received.getByte(received.readerIndex() + i) != HTTP2_PREFACE[i]) {
                toHttp(ctx);
                return;
            }
        }
        if (matched == HTTP2_PREFACE.length) {
            toGrpc(ctx);
        }
        // else: a prefix of the preface so far; wait for more.
    }

    private void toGrpc(ChannelHandlerContext ctx) {
        decided = true;
        Attributes.Builder attributes = InternalProtocolNegotiationEvent.getAttributes(negotiation).toBuilder()
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, ctx.channel().remoteAddress())
                .set(Grpc.TRANSPORT_ATTR_LOCAL_ADDR, ctx.channel().localAddress())
                .set(GrpcAttributes.ATTR_SECURITY_LEVEL,
                        session == null ? SecurityLevel.NONE : SecurityLevel.PRIVACY_AND_INTEGRITY);
        ProtocolNegotiationEvent event = negotiation;
        if (session != null) {
            attributes.set(Grpc.TRANSPORT_ATTR_SSL_SESSION, session);
            event = InternalProtocolNegotiationEvent.withSecurity(event,
                    new InternalChannelz.Security(new InternalChannelz.Tls(session)));
        }
        event = InternalProtocolNegotiationEvent.withAttributes(event, attributes.build());
        ByteBuf bytes = received;
        received = null;
        // The replaced context forwards to its replacement: gRPC's negotiation handler installs the HTTP/2 handler
        // on this event, which then reads the preface and what follows.
        ctx.pipeline().replace(this, null, InternalProtocolNegotiators.grpcNegotiationHandler(grpcHandler));
        ctx.fireUserEventTriggered(event);
        ctx.fireChannelRead(bytes);
        ctx.fireChannelReadComplete();
    }

    private void toHttp(ChannelHandlerContext ctx) {
        decided = true;
        if (httpApi == null) {
            LOG.debug("closing {}: HTTP is not served on this listener", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        // gRPC's write buffer at the end of the pipeline holds writes until gRPC's negotiation completes, which never
        // happens on an HTTP connection, and treats reads reaching it as a protocol error: the HTTP API does without.
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue().getClass().getName().equals("io.grpc.netty.WriteBufferingAndExceptionHandler")) {
                pipeline.remove(entry.getKey());
                break;
            }
        }
        ByteBuf bytes = received;
        received = null;
        HttpServerCodec codec = new HttpServerCodec();
        pipeline.replace(this, null, codec);
        pipeline.addLast(new HttpObjectAggregator(MAX_HTTP_CONTENT), httpApi.get());
        ctx.fireChannelRead(bytes);
        ctx.fireChannelReadComplete();
    }
}
