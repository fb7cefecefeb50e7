package io.tidbbinlog.sim.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidbbinlog.sim.txn.KeyMvcc;
import io.tidbbinlog.sim.txn.MvccLock;
import io.tidbbinlog.sim.txn.MvccValue;
import io.tidbbinlog.sim.txn.MvccWrite;

import java.util.Base64;

/**
 * TiDB's MVCC answer as Go's {@code encoding/json} writes it: {@code {"key", "region_id", "value"}} where value is
 * kvproto's {@code kvrpcpb.MvccGetByKeyResponse} ({@code {"info": {"lock", "writes", "values"}}}).
 *
 * <p>kvproto's generated Go structs tag every field {@code omitempty} (pkg/kvrpcpb/kvrpcpb.pb.go), so zero values
 * vanish: a write of type Put (Op 0) has no {@code "type"}, an empty value no {@code "short_value"}, a key with no
 * lock no {@code "lock"}, a key never written {@code "info": {}}. Bytes are base64 (Go's {@code []byte}); op codes
 * are numbers (kvrpcpb {@code Op}); timestamps are numbers.
 */
final class MvccJson {

    /**
     * The region every key of the simulated store lives in. A fresh TiKV cluster's first region has id 2 (PD
     * allocates id 1 to the first store).
     */
    static final long REGION_ID = 2;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MvccJson() {
    }

    /** The answer for {@code hexKeyAsRequested} (upper-cased, as TiDB echoes it); null mvcc = never written. */
    static ObjectNode keyAnswer(String hexKey, KeyMvcc mvcc) {
        ObjectNode root = NODES.objectNode();
        root.put("key", hexKey);
        root.put("region_id", REGION_ID);
        ObjectNode value = root.putObject("value");
        value.set("info", info(mvcc));
        return root;
    }

    private static ObjectNode info(KeyMvcc mvcc) {
        ObjectNode info = NODES.objectNode();
        if (mvcc == null) {
            return info;
        }
        if (mvcc.lock() != null) {
            info.set("lock", lock(mvcc.lock()));
        }
        if (!mvcc.writes().isEmpty()) {
            ArrayNode writes = info.putArray("writes");
            for (MvccWrite w : mvcc.writes()) {
                writes.add(write(w));
            }
        }
        if (!mvcc.values().isEmpty()) {
            ArrayNode values = info.putArray("values");
            for (MvccValue v : mvcc.values()) {
                values.add(value(v));
            }
        }
        return info;
    }

    private static ObjectNode lock(MvccLock lock) {
        ObjectNode n = NODES.objectNode();
        putOp(n, lock.op().code());
        putTs(n, "start_ts", lock.startTs());
        putBytes(n, "primary", lock.primary());
        putBytes(n, "short_value", lock.shortValue());
        return n;
    }

    private static ObjectNode write(MvccWrite w) {
        ObjectNode n = NODES.objectNode();
        putOp(n, w.op().code());
        putTs(n, "start_ts", w.startTs());
        putTs(n, "commit_ts", w.commitTs());
        putBytes(n, "short_value", w.shortValue());
        return n;
    }

    private static ObjectNode value(MvccValue v) {
        ObjectNode n = NODES.objectNode();
        putTs(n, "start_ts", v.startTs());
        putBytes(n, "value", v.value());
        return n;
    }

    private static void putOp(ObjectNode n, int code) {
        if (code != 0) {
            n.put("type", code);
        }
    }

    /** Timestamps are uint64 in kvproto; TSOs fit in a positive long. */
    private static void putTs(ObjectNode n, String key, long ts) {
        if (ts != 0) {
            n.put(key, ts);
        }
    }

    private static void putBytes(ObjectNode n, String key, byte[] bytes) {
        if (bytes != null && bytes.length > 0) {
            n.put(key, Base64.getEncoder().encodeToString(bytes));
        }
    }
}
