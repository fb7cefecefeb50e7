package io.tidbbinlog.pump.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a key's MVCC record the resolve rule reads: TiDB's {@code GET /mvcc/hex/{key}} answer
 * {@code {"key", "region_id", "value": {"info": {"lock", "writes", "values"}}}} where info is kvproto's
 * {@code kvrpcpb.MvccInfo} as Go's encoding/json writes it: zero fields omitted, so a missing {@code type} is
 * {@code Put} (0), a missing lock means none.
 *
 * @param lockStartTs start_ts of the lock on the key, or 0 when the key is not locked
 * @param writes      the write records, newest first
 */
record MvccRecord(long lockStartTs, List<Write> writes) {

    /** kvrpcpb {@code Op}: Put 0, Del 1, Lock 2, Rollback 3. */
    static final int OP_ROLLBACK = 3;

    record Write(int type, long startTs, long commitTs) {
    }

    /** @throws IllegalArgumentException when the answer has not the MVCC shape */
    static MvccRecord fromAnswer(JsonNode answer) {
        JsonNode value = answer.path("value");
        if (!answer.isObject() || !value.isObject()) {
            throw new IllegalArgumentException("MVCC answer has no \"value\" object: " + abbreviate(answer));
        }
        JsonNode info = value.path("info");
        JsonNode lock = info.path("lock");
        long lockStartTs = lock.isObject() ? lock.path("start_ts").asLong(0) : 0;
        List<Write> writes = new ArrayList<>();
        for (JsonNode w : info.path("writes")) {
            writes.add(new Write(opCode(w.path("type")), w.path("start_ts").asLong(0), w.path("commit_ts").asLong(0)));
        }
        return new MvccRecord(lockStartTs, List.copyOf(writes));
    }

    /** Go's protobuf JSON writes enums as numbers; jsonpb (older TiDBs' gateway) as names. Accept both. */
    private static int opCode(JsonNode type) {
        if (type.isMissingNode() || type.isNull()) {
            return 0;
        }
        if (type.isNumber()) {
            return type.asInt();
        }
        return switch (type.asText()) {
            case "Put" -> 0;
            case "Del" -> 1;
            case "Lock" -> 2;
            case "Rollback" -> OP_ROLLBACK;
            default -> -1;
        };
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
