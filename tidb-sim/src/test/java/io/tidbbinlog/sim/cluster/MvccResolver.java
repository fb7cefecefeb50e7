package io.tidbbinlog.sim.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What Pump does with a prewrite binlog whose commit binlog never came (pump/storage/storage.go {@code resolve}):
 * it asks TiDB's status API for the MVCC record of the prewrite key, {@code GET /mvcc/hex/{HEX(key)}}, and looks
 * for the write whose {@code start_ts} is the transaction's. A write of any type but Rollback means committed at
 * that write's {@code commit_ts} (Pump then writes the commit binlog itself); a Rollback write means the
 * transaction is gone; no such write means it is still undecided (locked, or not visible yet) and Pump asks
 * again later.
 *
 * <p>Read from the JSON contract only (kvproto {@code MvccGetByKeyResponse} as Go's encoding/json writes it:
 * {@code {"key", "region_id", "value": {"info": {"lock", "writes", "values"}}}}, every field omitempty, so a
 * write of type Put has no {@code "type"}). Thread-safe.
 */
final class MvccResolver {

    /** kvrpcpb {@code Op_Rollback}. */
    static final int OP_ROLLBACK = 3;

    /** What the MVCC record says about one transaction. */
    sealed interface Resolution permits Committed, RolledBack, Locked, Undecided {
    }

    /** A non-Rollback write with the start_ts: committed at {@code commitTs}. */
    record Committed(long commitTs) implements Resolution {
    }

    /** A Rollback write with the start_ts. */
    record RolledBack() implements Resolution {
    }

    /** No write yet, and the key's lock is the transaction's own: its 2PC is still running. */
    record Locked(long lockStartTs) implements Resolution {
    }

    /** Neither a write nor the transaction's lock: Pump cannot tell yet. */
    record Undecided(String why) implements Resolution {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String statusUrl;

    MvccResolver(String statusUrl) {
        this.statusUrl = Objects.requireNonNull(statusUrl, "statusUrl");
    }

    /** Asks TiDB about the transaction {@code startTs} whose primary (prewrite) key is {@code prewriteKey}. */
    Resolution resolve(byte[] prewriteKey, long startTs) throws IOException, InterruptedException {
        if (prewriteKey == null || prewriteKey.length == 0) {
            throw new IllegalArgumentException("the prewrite binlog of start_ts " + startTs + " has no prewrite_key");
        }
        String path = "/mvcc/hex/" + HexFormat.of().withUpperCase().formatHex(prewriteKey);
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(statusUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
        return fromAnswer(JSON.readTree(r.body()), startTs);
    }

    /** Pump's reading of one {@code /mvcc/hex} answer for the transaction {@code startTs}. */
    static Resolution fromAnswer(JsonNode answer, long startTs) {
        JsonNode info = answer.path("value").path("info");
        if (info.isMissingNode()) {
            throw new IllegalArgumentException("not an MVCC answer (no value.info): " + answer);
        }
        for (JsonNode w : info.path("writes")) {
            if (w.path("start_ts").asLong(0) != startTs) {
                continue;
            }
            if (w.path("type").asInt(0) == OP_ROLLBACK) {
                return new RolledBack();
            }
            long commitTs = w.path("commit_ts").asLong(0);
            if (commitTs <= startTs) {
                // Pump's sanity check: such a write cannot be a commit of this transaction
                return new Undecided("write of start_ts " + startTs + " has commit_ts " + commitTs);
            }
            return new Committed(commitTs);
        }
        JsonNode lock = info.path("lock");
        if (!lock.isMissingNode() && lock.path("start_ts").asLong(0) == startTs) {
            return new Locked(startTs);
        }
        return new Undecided("no write of start_ts " + startTs + (lock.isMissingNode() ? ""
                : ", the key is locked by start_ts " + lock.path("start_ts").asLong(0)));
    }
}
