package io.tidbbinlog.sim.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A request's query parameters as Go's {@code req.FormValue} sees them: the first value of a key, {@code ""} when
 * absent, {@code +} and percent escapes decoded.
 */
final class QueryParams {

    static final int MAX_PARAMS = 64;

    private final Map<String, String> first = new HashMap<>();

    private QueryParams() {
    }

    static QueryParams parse(String rawQuery) {
        QueryParams q = new QueryParams();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        int count = 0;
        for (String pair : rawQuery.split("[&;]")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMS) {
                throw new TidbRequestException("too many query parameters (more than " + MAX_PARAMS + ")");
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.first.putIfAbsent(key, value);
        }
        return q;
    }

    /** {@code req.FormValue(key)}. */
    String value(String key) {
        return first.getOrDefault(key, "");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TidbRequestException("invalid URL escape in query: " + e.getMessage());
        }
    }
}
