package io.tidbbinlog.pump.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbbinlog.pd.PemSslContext;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.CommitResolver;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pump's lost-commit resolution (spec §4.4, binlog:pump/storage/storage.go resolve) through TiDB's MVCC HTTP API
 * ({@code GET /mvcc/hex/{key}}, tidb:docs/tidb_http_api.md) instead of TiKV's: the MVCC record of the prewrite's
 * {@code prewrite_key} (the transaction's primary key) is read from the first TiDB status API that answers and
 * judged by {@link ResolveRule}. Anything that keeps us from reading it (no latest TSO, no TiDB, HTTP errors) is
 * {@link Unknown}: the storage asks again later. Failures are counted ({@code error_count{type="resolve"}}) and
 * logged at most every 10 s. Thread-safe.
 */
public final class MvccCommitResolver implements CommitResolver {

    /** Pump's answers hold a handful of versions; a bigger one is not an MVCC answer. */
    static final int MAX_ANSWER_BYTES = 4 << 20;
    private static final long LOG_EVERY_MILLIS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(MvccCommitResolver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TidbStatusUrls statusUrls;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final PumpMetrics metrics;
    private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE / 2);

    /**
     * @param tls            {@code [security]} files for https status URLs, or null for plain http
     * @param requestTimeout how long one status API request may take
     */
    public MvccCommitResolver(TidbStatusUrls statusUrls, TlsFiles tls, Duration requestTimeout, PumpMetrics metrics) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (tls != null) {
            b.sslContext(PemSslContext.of(tls));
        }
        this.http = b.build();
        this.statusUrls = statusUrls;
        this.requestTimeout = requestTimeout;
        this.metrics = metrics;
    }

    @Override
    public Resolution resolve(Binlog prewrite, long latestTso) {
        if (latestTso <= 0) {
            return new Unknown("no latest TSO known yet");
        }
        if (prewrite.getPrewriteKey().isEmpty()) {
            return failed("prewrite binlog of start_ts " + prewrite.getStartTs() + " has no prewrite_key");
        }
        String hexKey = HexFormat.of().withUpperCase().formatHex(prewrite.getPrewriteKey().toByteArray());
        List<String> urls;
        try {
            urls = statusUrls.urls();
        } catch (RuntimeException e) {
            return failed("cannot find TiDB status APIs: " + e.getMessage());
        }
        if (urls.isEmpty()) {
            return failed("no TiDB status API known (set tidb-status-urls or register TiDB in PD's etcd)");
        }
        metrics.queryTikv.inc();
        StringBuilder reasons = new StringBuilder();
        for (String base : urls) {
            try {
                MvccRecord record = MvccRecord.fromAnswer(get(base + "/mvcc/hex/" + hexKey));
                Resolution r = ResolveRule.decide(prewrite.getStartTs(), record, latestTso);
                LOG.info("resolved txn start_ts {} from {}: {}", prewrite.getStartTs(), base, r);
                return r;
            } catch (IOException | IllegalArgumentException e) {
                reasons.append(reasons.length() == 0 ? "" : "; ").append(base).append(": ")
                        .append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Unknown("interrupted while asking " + base);
            }
        }
        return failed("MVCC of key " + hexKey + " for start_ts " + prewrite.getStartTs() + " unavailable: "
                + reasons);
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
            if (bytes.length > MAX_ANSWER_BYTES) {
                throw new IOException("answer larger than " + MAX_ANSWER_BYTES + " bytes");
            }
            if (response.statusCode() != 200) {
                String text = new String(bytes, 0, Math.min(bytes.length, 200), java.nio.charset.StandardCharsets.UTF_8);
                throw new IOException("HTTP " + response.statusCode() + ": " + text.trim());
            }
            return JSON.readTree(bytes);
        }
    }

    private Unknown failed(String reason) {
        metrics.storageErrors.labels("resolve").inc();
        long now = System.currentTimeMillis();
        long last = lastFailureLog.get();
        if (now - last >= LOG_EVERY_MILLIS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn("cannot resolve a prewrite binlog (will retry): {}", reason);
        }
        return new Unknown(reason);
    }
}
