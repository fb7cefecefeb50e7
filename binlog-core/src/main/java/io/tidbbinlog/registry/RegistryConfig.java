package io.tidbbinlog.registry;

import io.tidbbinlog.pd.ClusterUrls;
import io.tidbbinlog.pd.TlsFiles;
import java.time.Duration;

/**
 * Where the node registry lives: the etcd endpoints (PD's client URLs, or {@code etcd-urls} when set), optional
 * TLS files, the key root and the timeout of one request.
 *
 * @param endpoints      etcd client URLs
 * @param tls            PEM files, or null for plain text (or, for https URLs, the JVM's trusted CAs)
 * @param rootPath       {@code /tidb-binlog/v1} unless a test isolates itself under another root
 * @param requestTimeout how long one registry call may take before it fails
 */
public record RegistryConfig(ClusterUrls endpoints, TlsFiles tls, String rootPath, Duration requestTimeout) {

    public static final String DEFAULT_ROOT = "/tidb-binlog/v1";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public RegistryConfig {
        if (endpoints == null) {
            throw new IllegalArgumentException("registry endpoints are required");
        }
        if (tls != null && !endpoints.usesTls()) {
            throw new IllegalArgumentException("TLS files are configured but the etcd URLs are not https: " + endpoints);
        }
        rootPath = NodeKeys.normalizeRoot(rootPath == null ? DEFAULT_ROOT : rootPath);
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
        }
    }

    /** Plain-text endpoints such as {@code "http://127.0.0.1:2379,http://127.0.0.2:2379"}, default root and timeout. */
    public static RegistryConfig of(String commaSeparatedUrls) {
        return new RegistryConfig(ClusterUrls.parse(commaSeparatedUrls), null, DEFAULT_ROOT, DEFAULT_REQUEST_TIMEOUT);
    }

    public RegistryConfig withTls(TlsFiles newTls) {
        return new RegistryConfig(endpoints, newTls, rootPath, requestTimeout);
    }

    public RegistryConfig withRootPath(String newRoot) {
        return new RegistryConfig(endpoints, tls, newRoot, requestTimeout);
    }

    public RegistryConfig withRequestTimeout(Duration timeout) {
        return new RegistryConfig(endpoints, tls, rootPath, timeout);
    }
}
