package io.tidbbinlog.pump.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pd.PdServerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** binlog:pump/server.go genForwardBinlog (spec §4.5): fake binlogs only when no WriteBinlog arrived. */
class FakeBinlogTickerTest {

    private PdServer pd;
    private PdClient pdClient;
    private final AtomicLong tsoRequests = new AtomicLong();
    private TsoClock tso;
    private final InMemoryBinlogStorage storage = new InMemoryBinlogStorage();
    private final PumpMetrics metrics = new PumpMetrics();
    private FakeBinlogTicker ticker;

    @BeforeEach
    void setUp() {
        pd = PdServer.start(PdServerConfig.inMemory());
        pdClient = PdClient.connect(pd.url());
        tso = new TsoClock(() -> {
            tsoRequests.incrementAndGet();
            return pdClient.getTs();
        }, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (ticker != null) {
            ticker.close();
        }
        pdClient.close();
        pd.close();
    }

    private void startTicker(java.util.function.LongSupplier lastWrite) {
        ticker = new FakeBinlogTicker(new FakeBinlogWriter(tso, storage, metrics), tso, lastWrite,
                Duration.ofMillis(20));
        ticker.start();
    }

    @Test
    void anIdlePumpWritesFakeRollbackBinlogsAtFreshTsos() {
        long before = pdClient.getTs();
        startTicker(() -> 42);

        await().atMost(Duration.ofSeconds(10)).until(() -> storage.written().size() >= 2);
        Binlog first = storage.written().get(0);
        Binlog second = storage.written().get(1);
        assertEquals(BinlogType.Rollback, first.getTp());
        assertEquals(first.getStartTs(), first.getCommitTs());
        assertTrue(first.getCommitTs() > before);
        assertTrue(second.getCommitTs() > first.getCommitTs());
        assertTrue(metrics.fakeBinlogs.get() >= 2);
        assertTrue(ticker.latestTso() >= second.getCommitTs());
    }

    @Test
    void aBusyPumpWritesNoFakeBinlogButKeepsItsLatestTsoFresh() {
        AtomicLong writes = new AtomicLong();
        // every tick sees a new WriteBinlog stamp
        startTicker(writes::incrementAndGet);

        await().atMost(Duration.ofSeconds(10)).until(() -> tsoRequests.get() >= 3);
        assertTrue(storage.written().isEmpty());
        assertEquals(0, metrics.fakeBinlogs.get());
        assertTrue(ticker.latestTso() > 0);
    }

    @Test
    void aFailingStorageIsLoggedAndTheTickerCarriesOn() {
        storage.failWrites(true);
        startTicker(() -> 7);
        await().atMost(Duration.ofSeconds(10)).until(() -> tsoRequests.get() >= 2);
        storage.failWrites(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> !storage.written().isEmpty());
    }
}
