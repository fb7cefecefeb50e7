package io.tidbbinlog.pd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated URL list such as {@code pd-urls = "http://10.0.0.1:2379,http://10.0.0.2:2379"}: PD's
 * client URLs, which serve both its gRPC API and its etcd. Every URL must be {@code http} or {@code https}
 * with a host and a port; the schemes must agree, since TLS is configured once for all of them.
 */
public record ClusterUrls(List<URI> urls) {

    public ClusterUrls {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("no URL given");
        }
        urls = List.copyOf(urls);
        String scheme = urls.get(0).getScheme();
        for (URI url : urls) {
            if (!url.getScheme().equals(scheme)) {
                throw new IllegalArgumentException("URLs mix http and https: " + urls);
            }
        }
    }

    /** Parses {@code "http://a:2379,http://b:2379"}; blanks around commas are ignored. */
    public static ClusterUrls parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw new IllegalArgumentException("no URL given");
        }
        List<URI> urls = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            String trimmed = part.trim();
            if (!trimmed.isEmpty()) {
                urls.add(parseOne(trimmed));
            }
        }
        return new ClusterUrls(urls);
    }

    public static URI parseOne(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + url + "': " + e.getMessage(), e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("URL '" + url + "' must start with http:// or https://");
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("URL '" + url + "' must name a host and a port");
        }
        return uri;
    }

    public boolean usesTls() {
        return urls.get(0).getScheme().equals("https");
    }

    /** {@code host:port} of each URL, the form gRPC targets take. */
    public List<String> authorities() {
        List<String> out = new ArrayList<>(urls.size());
        for (URI url : urls) {
            out.add(authority(url));
        }
        return out;
    }

    static String authority(URI url) {
        String host = url.getHost();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return host + ":" + url.getPort();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (URI url : urls) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(url);
        }
        return sb.toString();
    }
}
