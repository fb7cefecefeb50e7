package io.tidbbinlog.sim.status;

import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.sim.pumpclient.BinlogWriter;
import io.tidbbinlog.sim.pumpclient.PumpWriteException;
import io.tidbbinlog.sim.pumpclient.SkippingOnErrorWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /binlog/recover} as pingcap/tidb's {@code BinlogRecover} handler answers it (and as its
 * {@code TestBinlogRecover} in http_handler_test.go exercises it): op=status/reset/nowait answer at once, any other
 * op turns writing on and waits for skipped committers, failing with 400 "timeout" (writing stays on).
 */
class BinlogRecoverApiTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TidbStatusServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void waitingTimesOutWhileATransactionThatSkippedItsBinlogIsStillCommitting() throws Exception {
        SkippingOnErrorWriter ignoreError = new SkippingOnErrorWriter(new NoPumpTakesPrewrites());
        server = TidbStatusServer.start(TidbStatusConfig.loopback(), new FixedCatalog(), new FixedMvcc(), ignoreError);
        ignoreError.writePrewrite(prewrite(100)); // swallowed: skipping, one committer in its 2PC

        HttpResponse<String> status = get("/binlog/recover?op=status");
        assertEquals(200, status.statusCode());
        assertEquals("application/json", status.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\n \"Skipped\": true,\n \"SkippedCommitterCounter\": 1\n}", status.body());

        HttpResponse<String> timedOut = get("/binlog/recover?op=wait&seconds=1");
        assertEquals(400, timedOut.statusCode());
        assertEquals("timeout", timedOut.body());
        assertFalse(ignoreError.isSkipping(), "writing is back on even though the wait timed out");

        // the committer ends: its commit binlog is not sent, and the wait succeeds
        assertTrue(ignoreError.writeCommit(commit(100, 101)).isDone());
        assertEquals("{\n \"Skipped\": false,\n \"SkippedCommitterCounter\": 0\n}",
                get("/binlog/recover?seconds=-3").body());
    }

    @Test
    void resetZeroesTheCounterAndNowaitResumesWithoutWaiting() throws Exception {
        SkippingOnErrorWriter ignoreError = new SkippingOnErrorWriter(new NoPumpTakesPrewrites());
        server = TidbStatusServer.start(TidbStatusConfig.loopback(), new FixedCatalog(), new FixedMvcc(), ignoreError);
        ignoreError.writePrewrite(prewrite(200));
        ignoreError.writePrewrite(prewrite(300));

        assertEquals("{\n \"Skipped\": true,\n \"SkippedCommitterCounter\": 0\n}",
                get("/binlog/recover?op=reset").body());
        assertEquals("{\n \"Skipped\": false,\n \"SkippedCommitterCounter\": 0\n}",
                get("/binlog/recover?op=nowait").body());
        assertFalse(ignoreError.isSkipping());
        // TiDB's counter is a bare atomic: committers ending after a reset take it below zero
        ignoreError.writeCommit(commit(200, 201));
        assertEquals("{\n \"Skipped\": false,\n \"SkippedCommitterCounter\": -1\n}",
                get("/binlog/recover?op=status").body());
    }

    @Test
    void aTidbWithoutIgnoreErrorNeverSkips() throws Exception {
        server = TidbStatusServer.start(TidbStatusConfig.loopback(), new FixedCatalog(), new FixedMvcc());
        for (String query : new String[]{"op=status", "op=reset", "op=nowait", "seconds=1"}) {
            HttpResponse<String> r = get("/binlog/recover?" + query);
            assertEquals(200, r.statusCode(), query);
            assertEquals("{\n \"Skipped\": false,\n \"SkippedCommitterCounter\": 0\n}", r.body(), query);
        }
        assertEquals(404, get("/binlog/recover/").statusCode(), "a trailing slash is another path");
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Binlog prewrite(long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs).build();
    }

    private static Binlog commit(long startTs, long commitTs) {
        return Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs).setCommitTs(commitTs).build();
    }

    /** Every pump is down: prewrite binlogs fail; commit binlogs would be accepted. */
    private static final class NoPumpTakesPrewrites implements BinlogWriter {
        @Override
        public void writePrewrite(Binlog prewrite) throws PumpWriteException {
            throw new PumpWriteException("write binlog failed, the last error no available pump");
        }

        @Override
        public CompletableFuture<Void> writeCommit(Binlog commitOrRollback) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
