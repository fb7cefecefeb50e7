package io.tidbbinlog.sim.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Pump's reading of a {@code /mvcc/hex} answer (pump/storage/storage.go {@code resolve}), on answers shaped as
 * TiDB writes them: kvproto JSON with omitempty fields, a Put write without {@code "type"}.
 */
class MvccResolverTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPutWriteWithTheStartTsIsACommitAtItsCommitTs() throws Exception {
        JsonNode answer = answer("""
                {"writes": [{"start_ts": 90, "commit_ts": 95},
                            {"start_ts": 100, "commit_ts": 107, "short_value": "AQI="}]}""");
        assertEquals(new MvccResolver.Committed(107), MvccResolver.fromAnswer(answer, 100));
        assertEquals(new MvccResolver.Committed(95), MvccResolver.fromAnswer(answer, 90));
    }

    @Test
    void anyWriteTypeButRollbackCommits() throws Exception {
        // Op_Del (1) and Op_Lock (2) are commits too; only Op_Rollback (3) is not
        assertEquals(new MvccResolver.Committed(12), MvccResolver.fromAnswer(
                answer("{\"writes\": [{\"type\": 1, \"start_ts\": 10, \"commit_ts\": 12}]}"), 10));
        assertEquals(new MvccResolver.Committed(12), MvccResolver.fromAnswer(
                answer("{\"writes\": [{\"type\": 2, \"start_ts\": 10, \"commit_ts\": 12}]}"), 10));
        assertInstanceOf(MvccResolver.RolledBack.class, MvccResolver.fromAnswer(
                answer("{\"writes\": [{\"type\": 3, \"start_ts\": 10, \"commit_ts\": 10}]}"), 10));
    }

    @Test
    void theTransactionsOwnLockWithoutAWriteIsLocked() throws Exception {
        JsonNode answer = answer("""
                {"lock": {"start_ts": 200, "primary": "dIA="},
                 "writes": [{"start_ts": 150, "commit_ts": 160}],
                 "values": [{"start_ts": 200, "value": "AQ=="}]}""");
        assertEquals(new MvccResolver.Locked(200), MvccResolver.fromAnswer(answer, 200));
        assertInstanceOf(MvccResolver.Undecided.class, MvccResolver.fromAnswer(answer, 170),
                "another transaction's lock says nothing about this one");
    }

    @Test
    void nothingKnownOrANonsensicalCommitTsIsUndecided() throws Exception {
        assertInstanceOf(MvccResolver.Undecided.class, MvccResolver.fromAnswer(answer("{}"), 5));
        // Pump's sanity check: a commit cannot come before its start
        assertInstanceOf(MvccResolver.Undecided.class, MvccResolver.fromAnswer(
                answer("{\"writes\": [{\"start_ts\": 10, \"commit_ts\": 9}]}"), 10));
    }

    @Test
    void anAnswerWithoutInfoIsRefused() throws Exception {
        JsonNode notMvcc = JSON.readTree("{\"key\": \"74\", \"region_id\": 2}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MvccResolver.fromAnswer(notMvcc, 1));
        assertEquals("not an MVCC answer (no value.info): " + notMvcc, e.getMessage());
    }

    private static JsonNode answer(String info) throws Exception {
        return JSON.readTree("{\"key\": \"7480000000000000FF\", \"region_id\": 2, \"value\": {\"info\": " + info
                + "}}");
    }
}
