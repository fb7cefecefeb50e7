package io.tidbbinlog.sim.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidbbinlog.sim.catalog.CatalogView;
import io.tidbbinlog.sim.pumpclient.SkippingOnErrorWriter;
import io.tidbbinlog.sim.txn.MvccView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TiDB's HTTP status API (spec §10.4) over the simulator's catalog and MVCC store, on the JDK's HTTP server:
 * {@code /status}, {@code /schema[...]}, {@code /db-table/{id}}, {@code /ddl/history}, {@code /mvcc/hex/{key}},
 * {@code /mvcc/txn/{startTS}[/{db}/{table}]}, {@code /binlog/recover}. Answers carry TiDB's status codes and bodies: JSON with TiDB's keys
 * on success, 400 with Go's error text for bad input or unknown names, 404 for unknown paths.
 *
 * <p>Requests run on a small fixed pool (when it is busy, the accepting thread runs the request itself, which
 * slows clients down instead of queueing without bound). Request URIs over {@value #MAX_URI_CHARS} characters and
 * bodies over {@value #MAX_BODY_BYTES} bytes are refused with 400; TiDB reads no body on these routes.
 */
public final class TidbStatusServer implements AutoCloseable {

    static final int MAX_URI_CHARS = 32 * 1024;
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(TidbStatusServer.class);

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final StatusRoutes routes;
    private final String url;

    private TidbStatusServer(HttpServer server, ThreadPoolExecutor executor, StatusRoutes routes, String url) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.url = url;
    }

    /** A status server of a TiDB without {@code binlog.ignore-error}. */
    public static TidbStatusServer start(TidbStatusConfig config, CatalogView catalog, MvccView mvcc) {
        return start(config, catalog, mvcc, null);
    }

    /**
     * A status server whose {@code /binlog/recover} drives {@code ignoreErrorSwitch} (TiDB's binlog skipping
     * state); null for a TiDB without {@code binlog.ignore-error}, whose binlog writing never skips.
     */
    public static TidbStatusServer start(TidbStatusConfig config, CatalogView catalog, MvccView mvcc,
                                         SkippingOnErrorWriter ignoreErrorSwitch) {
        if (catalog == null || mvcc == null) {
            throw new IllegalArgumentException("the status server needs a catalog and an MVCC view");
        }
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("TiDB status server cannot listen on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNo = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(config.threads(), config.threads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(256), r -> {
                    Thread t = new Thread(r, "tidb-status-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        String host = config.host().indexOf(':') >= 0 ? "[" + config.host() + "]" : config.host();
        String url = "http://" + host + ":" + http.getAddress().getPort();
        TidbStatusServer s = new TidbStatusServer(http, executor, new StatusRoutes(config, catalog, mvcc, ignoreErrorSwitch), url);
        http.createContext("/", s::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("TiDB status API at {}", url);
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, the base of every route. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply;
            try {
                reply = answer(exchange);
            } catch (TidbRequestException e) {
                reply = Reply.badRequest(e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("status request {} failed", exchange.getRequestURI(), e);
                reply = new Reply(500, Reply.TEXT, ("internal error: " + e).getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            }
        }
    }

    private Reply answer(HttpExchange exchange) throws IOException {
        String rawUri = exchange.getRequestURI().toString();
        if (rawUri.length() > MAX_URI_CHARS) {
            throw new TidbRequestException("request URI too long: " + rawUri.length() + " characters, at most "
                    + MAX_URI_CHARS);
        }
        drainBody(exchange.getRequestBody());
        return routes.answer(exchange.getRequestURI().getPath(),
                QueryParams.parse(exchange.getRequestURI().getRawQuery()));
    }

    /** Reads and drops a body so the connection can be reused, refusing an absurd one. */
    private static void drainBody(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_BODY_BYTES) {
                throw new TidbRequestException("request body too large: more than " + MAX_BODY_BYTES + " bytes");
            }
        }
    }
}
