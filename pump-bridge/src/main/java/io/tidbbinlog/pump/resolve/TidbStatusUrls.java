package io.tidbbinlog.pump.resolve;

import java.util.List;

/** Where TiDB status APIs can be asked, in the order to try them. */
@FunctionalInterface
public interface TidbStatusUrls {

    /**
     * Base URLs such as {@code http://10.0.0.1:10080}; may be empty when no TiDB is known.
     *
     * @throws RuntimeException when the source cannot be read (the resolver reports it as unknown)
     */
    List<String> urls();

    /** The configured {@code tidb-status-urls}, trailing slashes removed, a scheme added when missing. */
    static TidbStatusUrls configured(List<String> urls, boolean https) {
        List<String> normalized = urls.stream().map(String::trim).filter(u -> !u.isEmpty())
                .map(u -> u.contains("://") ? u : (https ? "https://" : "http://") + u)
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u)
                .toList();
        return () -> normalized;
    }
}
