package io.tidbbinlog.pump.ctl;

import io.tidbbinlog.pd.PemSslContext;
import io.tidbbinlog.pd.TlsFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a node its {@code pause} or {@code close} action the way binlogctl does (binlog:binlogctl/nodes.go
 * {@code ApplyAction}): {@code PUT http(s)://<host>/state/<nodeID>/<action>} with no body, https when TLS files are
 * configured. The node answers in its body (even refusals come with HTTP 200), which binlogctl ignores: only a
 * failure to deliver the request is an error. Thread-safe.
 */
final class NodeActionClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String scheme;

    NodeActionClient(TlsFiles tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            builder.sslContext(PemSslContext.of(tls));
        }
        this.http = builder.build();
        this.scheme = tls == null ? "http" : "https";
    }

    /** @return the URL the request went to */
    URI apply(String host, String nodeId, String action) throws IOException {
        // written as binlogctl does, without escaping: node ids are hostname:port
        URI url;
        try {
            url = URI.create(scheme + "://" + host + "/state/" + nodeId + "/" + action);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot build the URL for node " + nodeId + " at " + host + ": " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending PUT " + url, e);
        }
        return url;
    }
}
