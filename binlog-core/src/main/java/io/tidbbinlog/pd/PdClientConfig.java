package io.tidbbinlog.pd;

import java.time.Duration;

/**
 * How to reach PD: its client URLs ({@code pd-urls}), optional TLS files and the time one call (a GetMembers,
 * or a caller waiting for a timestamp) may take.
 */
public record PdClientConfig(ClusterUrls urls, TlsFiles tls, Duration requestTimeout) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public PdClientConfig {
        if (urls == null) {
            throw new IllegalArgumentException("pd-urls are required");
        }
        if (tls != null && !urls.usesTls()) {
            throw new IllegalArgumentException("TLS files are configured but pd-urls are not https: " + urls);
        }
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
    }

    /** Plain-text pd-urls such as {@code "http://127.0.0.1:2379"} with the default timeout. */
    public static PdClientConfig of(String pdUrls) {
        return new PdClientConfig(ClusterUrls.parse(pdUrls), null, DEFAULT_REQUEST_TIMEOUT);
    }

    public PdClientConfig withTls(TlsFiles newTls) {
        return new PdClientConfig(urls, newTls, requestTimeout);
    }

    public PdClientConfig withRequestTimeout(Duration timeout) {
        return new PdClientConfig(urls, tls, timeout);
    }
}
