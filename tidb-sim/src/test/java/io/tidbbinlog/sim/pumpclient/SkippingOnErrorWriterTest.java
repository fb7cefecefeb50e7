package io.tidbbinlog.sim.pumpclient;

import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.commit;
import static io.tidbbinlog.sim.pumpclient.PumpClientFixture.prewrite;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TiDB's {@code binlog.ignore-error} (pingcap/tidb sessionctx/binloginfo/binloginfo.go {@code WriteBinlog},
 * {@code skipBinlog}, {@code CriticalErrorCounter}; spec §5.5 step 2) over a real pump client.
 */
@ExtendWith(EtcdExtension.class)
class SkippingOnErrorWriterTest {

    private final EtcdServer etcd;
    private PumpClientFixture fx;
    private RecordingPumpServer pump;
    private PumpsClient client;

    SkippingOnErrorWriterTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void setUp() {
        fx = new PumpClientFixture(etcd);
        pump = fx.onlinePump("pump-1");
        client = fx.start(fx.config().withWriteTimeout(Duration.ofMillis(200)));
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void writesPassThroughWhileThePumpsTakeThem() throws Exception {
        SkippingOnErrorWriter writer = new SkippingOnErrorWriter(client);
        writer.writePrewrite(prewrite(1));
        writer.writeCommit(commit(1, 2)).get(10, SECONDS);

        assertEquals(List.of(prewrite(1), commit(1, 2)), pump.binlogs());
        assertFalse(writer.isSkipping());
        assertEquals(0, writer.criticalErrors());
    }

    @Test
    void theFirstFailedPrewriteSwitchesToSkippingAndRecoverResumes() throws Exception {
        SkippingOnErrorWriter writer = new SkippingOnErrorWriter(client);
        pump.stop();

        writer.writePrewrite(prewrite(10)); // fails in the client, reported as success
        assertTrue(writer.isSkipping());
        assertEquals(1, writer.criticalErrors());

        // even with the pump back, nothing is written while skipping; each skipped binlog counts
        pump.restart();
        writer.writePrewrite(prewrite(11));
        assertEquals(2, writer.criticalErrors());
        assertEquals(2, writer.skippedCommitters());
        // a transaction whose prewrite was skipped ends without a commit binlog and without another count
        // (client-go: binlog.Skip() instead of binlog.Commit)
        assertTrue(writer.writeCommit(commit(11, 12)).isDone());
        assertEquals(2, writer.criticalErrors());
        assertEquals(1, writer.skippedCommitters());
        assertEquals(List.of(), pump.writes());

        writer.recover();
        assertFalse(writer.isSkipping());
        writer.writePrewrite(prewrite(13));
        writer.writeCommit(commit(13, 14)).get(10, SECONDS);
        assertEquals(List.of(prewrite(13), commit(13, 14)), pump.binlogs());
        assertEquals(2, writer.criticalErrors());
    }

    @Test
    void withoutIgnoreErrorTheFailureReachesTheTransaction() {
        pump.stop();
        PumpWriteException e = assertThrows(PumpWriteException.class, () -> client.writePrewrite(prewrite(20)));
        assertTrue(e.getMessage().startsWith("write binlog failed, the last error "), e.getMessage());
    }
}
