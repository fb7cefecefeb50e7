package io.tidbbinlog.pump.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.FileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.prometheus.client.exporter.common.TextFormat;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.PrewriteValue;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.registry.NodeStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pump's HTTP API on the shared port (spec §4.7; binlog:pump/server.go Start, Status, ApplyAction, AllDrainers,
 * TriggerGC; binlog:docs/binlog_http_api.md), one instance per HTTP connection.
 *
 * <p>Handlers call the registry and PD, so they run on the API executor, never on the event loop; requests of one
 * connection are answered one at a time, in order (pipelined requests wait in a short queue; reading pauses when it
 * fills).
 */
final class PumpHttpApi extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PumpHttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Go's content sniffing makes of a JSON body written without a content type (Status, AllDrainers). */
    static final String GO_TEXT = "text/plain; charset=utf-8";
    /** unrolled/render's JSON content type (ApplyAction). */
    static final String RENDER_JSON = "application/json; charset=UTF-8";
    private static final int MAX_QUEUED_REQUESTS = 16;

    private final PumpControl control;
    private final PumpMetrics metrics;
    private final Executor executor;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private boolean busy;

    PumpHttpApi(PumpControl control, PumpMetrics metrics, Executor executor) {
        this.control = control;
        this.metrics = metrics;
        this.executor = executor;
    }

    /** What a handler needs of a request; the Netty request itself is released at once. */
    private record Request(HttpMethod method, String path, boolean keepAlive, HttpVersion version) {
    }

    /** A reply before framing. */
    record Reply(HttpResponseStatus status, String contentType, byte[] body) {

        static Reply text(HttpResponseStatus status, String contentType, String body) {
            return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (request.decoderResult().isFailure()) {
                // Not HTTP we can read: answer and hang up, whatever else was queued on this connection.
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.BAD_REQUEST, Unpooled.copiedBuffer("400 Bad Request: "
                        + request.decoderResult().cause().getMessage() + "\n", StandardCharsets.UTF_8));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, GO_TEXT);
                HttpUtil.setContentLength(response, response.content().readableBytes());
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            queue.add(new Request(request.method(), new QueryStringDecoder(request.uri()).path(),
                    HttpUtil.isKeepAlive(request), request.protocolVersion()));
        } finally {
            request.release();
        }
        if (queue.size() >= MAX_QUEUED_REQUESTS) {
            ctx.channel().config().setAutoRead(false);
        }
        startNext(ctx);
    }

    private void startNext(ChannelHandlerContext ctx) {
        if (busy || queue.isEmpty()) {
            return;
        }
        busy = true;
        Request request = queue.peek();
        try {
            executor.execute(() -> {
                Reply reply;
                try {
                    reply = route(request);
                } catch (RuntimeException e) {
                    LOG.error("HTTP {} {} failed", request.method(), request.path(), e);
                    reply = Reply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, GO_TEXT, e + "\n");
                }
                Reply done = reply;
                ctx.executor().execute(() -> respond(ctx, request, done));
            });
        } catch (RejectedExecutionException e) {
            respond(ctx, request, Reply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, GO_TEXT, "pump is closing\n"));
        }
    }

    private void respond(ChannelHandlerContext ctx, Request request, Reply reply) {
        queue.poll();
        FullHttpResponse response = new DefaultFullHttpResponse(request.version(), reply.status(),
                Unpooled.wrappedBuffer(reply.body()));
        if (reply.contentType() != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        HttpUtil.setContentLength(response, reply.body().length);
        HttpUtil.setKeepAlive(response, request.keepAlive());
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) future -> {
            busy = false;
            if (!future.isSuccess() || !request.keepAlive()) {
                ctx.close();
                return;
            }
            if (!ctx.channel().config().isAutoRead() && queue.size() < MAX_QUEUED_REQUESTS / 2) {
                ctx.channel().config().setAutoRead(true);
            }
            startNext(ctx);
        });
    }

    private Reply route(Request request) {
        String path = request.path();
        HttpMethod method = request.method();
        switch (path) {
            case "/status":
                return method.equals(HttpMethod.GET) ? status() : notAllowed();
            case "/drainers":
                return method.equals(HttpMethod.GET) ? drainers() : notAllowed();
            case "/metrics":
                return method.equals(HttpMethod.GET) ? metrics() : notAllowed();
            case "/debug/gc/trigger":
                return method.equals(HttpMethod.POST) ? triggerGc() : notAllowed();
            default:
                break;
        }
        String[] parts = path.split("/", -1);
        if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("debug") && parts[2].equals("binlog")
                && !parts[3].isEmpty()) {
            return method.equals(HttpMethod.GET) ? binlogByTs(parts[3]) : notAllowed();
        }
        if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("state") && !parts[2].isEmpty()
                && !parts[3].isEmpty()) {
            return method.equals(HttpMethod.PUT) ? applyAction(parts[2], parts[3]) : notAllowed();
        }
        // net/http's NotFound text.
        return Reply.text(HttpResponseStatus.NOT_FOUND, GO_TEXT, "404 page not found\n");
    }

    /**
     * pump/server.go BinlogByTS: the stored binlog in protobuf text, then its decoded prewrite value. Pump also
     * appends TiKV's MVCC record of the prewrite key; that lives on TiDB's {@code /mvcc/hex/{key}} here.
     */
    private Reply binlogByTs(String tsText) {
        long ts;
        try {
            ts = Long.parseLong(tsText);
        } catch (NumberFormatException e) {
            return Reply.text(HttpResponseStatus.OK, GO_TEXT, "invalid parameter ts: " + tsText);
        }
        Optional<byte[]> stored;
        try {
            stored = control.storedBinlog(ts);
        } catch (RuntimeException e) {
            return Reply.text(HttpResponseStatus.OK, GO_TEXT, String.valueOf(e.getMessage()));
        }
        if (stored.isEmpty()) {
            return Reply.text(HttpResponseStatus.OK, GO_TEXT, "binlog not found: ts " + ts);
        }
        StringBuilder text = new StringBuilder();
        try {
            Binlog binlog = Binlog.parseFrom(stored.get());
            text.append(protoText(binlog));
            if (!binlog.getPrewriteValue().isEmpty()) {
                try {
                    PrewriteValue value = PrewriteValue.parseFrom(binlog.getPrewriteValue());
                    text.append("\n\n PrewriteValue: \n").append(protoText(value));
                } catch (InvalidProtocolBufferException e) {
                    text.append("\n\n PrewriteValue: <Unmarshallable>\n");
                }
            }
        } catch (InvalidProtocolBufferException e) {
            text.append("stored binlog of ts ").append(ts).append(" does not parse: ").append(e.getMessage());
        }
        return Reply.text(HttpResponseStatus.OK, GO_TEXT, text.toString());
    }

    private static String protoText(com.google.protobuf.MessageOrBuilder message) {
        // Qualified: Prometheus' TextFormat (the /metrics exposition) is the one imported here.
        return com.google.protobuf.TextFormat.printer().printToString(message);
    }

    private static Reply notAllowed() {
        // gorilla/mux answers a known path with another method with an empty 405.
        return new Reply(HttpResponseStatus.METHOD_NOT_ALLOWED, null, new byte[0]);
    }

    /** pump/status.go HTTPStatus: {"status": {id: status}, "CommitTS": tso, "Checkpoint": {}, "ErrMsg": ""}. */
    private Reply status() {
        ObjectNode root = JSON.createObjectNode();
        try {
            List<NodeStatus> pumps = control.pumps();
            long commitTs = control.freshTso();
            ObjectNode byId = root.putObject("status");
            // Go encodes map keys sorted.
            for (NodeStatus pump : pumps.stream().sorted(Comparator.comparing(NodeStatus::nodeId)).toList()) {
                byId.set(pump.nodeId(), JSON.readTree(pump.toJson()));
            }
            root.put("CommitTS", commitTs);
            root.putObject("Checkpoint");
            root.put("ErrMsg", "");
        } catch (RuntimeException | JsonProcessingException e) {
            LOG.error("get pumps' status failed", e);
            root.removeAll();
            root.putNull("status");
            root.put("CommitTS", 0);
            root.putObject("Checkpoint");
            root.put("ErrMsg", String.valueOf(e.getMessage()));
        }
        return Reply.text(HttpResponseStatus.OK, GO_TEXT, root + "\n");
    }

    /** AllDrainers: a JSON array of drainer statuses ({@code null} when there are none, as Go's nil slice). */
    private Reply drainers() {
        StringBuilder body = new StringBuilder();
        try {
            List<NodeStatus> drainers = control.drainers();
            if (drainers.isEmpty()) {
                body.append("null");
            } else {
                body.append('[');
                for (int i = 0; i < drainers.size(); i++) {
                    body.append(i == 0 ? "" : ",").append(drainers.get(i).toJson());
                }
                body.append(']');
            }
        } catch (RuntimeException e) {
            // Pump logs the error and encodes its nil slice.
            LOG.error("get drainers failed", e);
            body.setLength(0);
            body.append("null");
        }
        return Reply.text(HttpResponseStatus.OK, GO_TEXT, body + "\n");
    }

    private Reply metrics() {
        return Reply.text(HttpResponseStatus.OK, TextFormat.CONTENT_TYPE_004, metrics.scrape());
    }

    private Reply triggerGc() {
        return Reply.text(HttpResponseStatus.OK, GO_TEXT, control.triggerGc() ? "trigger gc success\n"
                : "gc is working\n");
    }

    /** ApplyAction: errors are HTTP 200 with code 3 (pkg/util/http.go ErrResponsef), rendered as indented JSON. */
    private Reply applyAction(String nodeId, String action) {
        String message;
        int code;
        try {
            control.applyAction(nodeId, action);
            message = "apply action " + action + " success!";
            code = 200;
        } catch (IllegalArgumentException e) {
            LOG.warn("refused action {} for node {}: {}", action, nodeId, e.getMessage());
            message = String.valueOf(e.getMessage());
            code = 3;
        }
        try {
            // unrolled/render with IndentJSON: an Encoder indented by two spaces, newline kept; field order of
            // pkg/util/http.go Response.
            String body = "{\n  \"message\": " + JSON.writeValueAsString(message) + ",\n  \"code\": " + code
                    + ",\n  \"data\": null\n}\n";
            return Reply.text(HttpResponseStatus.OK, RENDER_JSON, body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a response", e);
        }
    }

    /**
     * gRPC's transport, which still owns this connection, asks it to close by writing its own commands (on server
     * shutdown); an HTTP connection honours them by closing.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpObject || msg instanceof ByteBuf || msg instanceof ByteBufHolder
                || msg instanceof FileRegion) {
            super.write(ctx, msg, promise);
            return;
        }
        ReferenceCountUtil.release(msg);
        promise.trySuccess();
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
