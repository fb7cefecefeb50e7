package io.tidbbinlog.pump.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.tidbbinlog.pd.Tso;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.CommitResolver.Committed;
import io.tidbbinlog.pump.storage.CommitResolver.Resolution;
import io.tidbbinlog.pump.storage.CommitResolver.RolledBack;
import io.tidbbinlog.pump.storage.CommitResolver.Unknown;
import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.status.TidbStatusConfig;
import io.tidbbinlog.sim.status.TidbStatusServer;
import io.tidbbinlog.sim.txn.MvccOp;
import io.tidbbinlog.sim.txn.MvccStore;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pump's resolve rule (binlog:pump/storage/storage.go resolve, spec §4.4) asked of tidb-sim's TiDB status API
 * ({@code /mvcc/hex/{key}}) over its real MVCC store.
 */
@ExtendWith(EtcdExtension.class)
class MvccCommitResolverTest {

    private static final long NOW_MS = 1_770_000_000_000L;
    private static final long LATEST = Tso.fromMillis(NOW_MS);
    private static final long YOUNG = Tso.compose(NOW_MS - 60_000, 3);
    private static final long OLD = Tso.compose(NOW_MS - 601_000 - 1_000, 7);

    private final EtcdServer etcd;
    private final MvccStore mvcc = new MvccStore();
    private final PumpMetrics metrics = new PumpMetrics();
    private TidbStatusServer tidb;

    MvccCommitResolverTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void setUp() {
        tidb = TidbStatusServer.start(TidbStatusConfig.loopback(), new Catalog(), mvcc);
    }

    @AfterEach
    void tearDown() {
        tidb.close();
    }

    private MvccCommitResolver resolver(List<String> urls) {
        return new MvccCommitResolver(TidbStatusUrls.configured(urls, false), null, Duration.ofSeconds(5), metrics);
    }

    private static Binlog prewrite(String primary, long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFrom(key(primary))).build();
    }

    private static byte[] key(String primary) {
        return ("t\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0001_r" + primary).getBytes(StandardCharsets.ISO_8859_1);
    }

    private Resolution resolve(String primary, long startTs) {
        return resolver(List.of(tidb.url())).resolve(prewrite(primary, startTs), LATEST);
    }

    @Test
    void aCommittedTxnResolvesToItsCommitTs() {
        mvcc.prewrite(key("a"), YOUNG, MvccOp.PUT, "v".getBytes());
        mvcc.commit(key("a"), YOUNG, YOUNG + 10);
        assertEquals(new Committed(YOUNG + 10), resolve("a", YOUNG));
    }

    @Test
    void aDeleteOrLockWriteAlsoMeansCommitted() {
        mvcc.prewrite(key("d"), YOUNG, MvccOp.DEL, null);
        mvcc.commit(key("d"), YOUNG, YOUNG + 5);
        assertEquals(new Committed(YOUNG + 5), resolve("d", YOUNG));
    }

    @Test
    void aRollbackRecordMeansRolledBackWhateverTheAge() {
        mvcc.prewrite(key("r"), YOUNG, MvccOp.PUT, "v".getBytes());
        mvcc.rollback(key("r"), YOUNG);
        assertInstanceOf(RolledBack.class, resolve("r", YOUNG));
    }

    @Test
    void aYoungTxnWithoutAWriteIsUnknownEvenWithoutLock() {
        assertInstanceOf(Unknown.class, resolve("never-written", YOUNG));
        mvcc.prewrite(key("y"), YOUNG, MvccOp.PUT, "v".getBytes());
        assertInstanceOf(Unknown.class, resolve("y", YOUNG));
    }

    @Test
    void anOldTxnStillHoldingItsLockIsUnknown() {
        mvcc.prewrite(key("l"), OLD, MvccOp.PUT, "v".getBytes());
        Resolution r = resolve("l", OLD);
        assertInstanceOf(Unknown.class, r);
        assertTrue(((Unknown) r).reason().contains("lock"), r.toString());
    }

    @Test
    void anOldTxnWithNeitherLockNorWriteIsRolledBack() {
        assertInstanceOf(RolledBack.class, resolve("never-written", OLD));
        // a lock and writes of other transactions on the key do not count
        mvcc.prewrite(key("o"), OLD - 100, MvccOp.PUT, "v".getBytes());
        mvcc.commit(key("o"), OLD - 100, OLD - 50);
        mvcc.prewrite(key("o"), OLD + 100, MvccOp.PUT, "w".getBytes());
        assertInstanceOf(RolledBack.class, resolve("o", OLD));
    }

    @Test
    void withoutALatestTsoNothingIsAsked() {
        mvcc.prewrite(key("n"), YOUNG, MvccOp.PUT, "v".getBytes());
        mvcc.commit(key("n"), YOUNG, YOUNG + 1);
        assertInstanceOf(Unknown.class, resolver(List.of(tidb.url())).resolve(prewrite("n", YOUNG), 0));
        assertEquals(0, metrics.queryTikv.get());
    }

    @Test
    void anUnreachableTidbIsUnknownAndCounted() {
        String dead = "http://127.0.0.1:" + FreePorts.pick();
        Resolution r = resolver(List.of(dead)).resolve(prewrite("x", OLD), LATEST);
        assertInstanceOf(Unknown.class, r);
        assertTrue(((Unknown) r).reason().contains(dead), r.toString());
        assertEquals(1, metrics.storageErrors.labels("resolve").get());
    }

    @Test
    void theNextStatusUrlIsTriedWhenOneFails() {
        mvcc.prewrite(key("f"), OLD, MvccOp.PUT, "v".getBytes());
        mvcc.commit(key("f"), OLD, OLD + 9);
        String dead = "127.0.0.1:" + FreePorts.pick();
        assertEquals(new Committed(OLD + 9),
                resolver(List.of(dead, tidb.url() + "/")).resolve(prewrite("f", OLD), LATEST));
    }

    @Test
    void statusUrlsAreDiscoveredFromTidbsTopologyInEtcd() throws Exception {
        mvcc.prewrite(key("t"), YOUNG, MvccOp.PUT, "v".getBytes());
        mvcc.commit(key("t"), YOUNG, YOUNG + 2);
        try (Client client = Client.builder().endpoints(etcd.clientUrl()).build()) {
            String info = "{\"version\":\"8.0.11-TiDB-v7.5.0\",\"git_hash\":\"None\",\"ip\":\"127.0.0.1\","
                    + "\"status_port\":" + tidb.port() + ",\"deploy_path\":\"/tidb\",\"start_timestamp\":1,"
                    + "\"labels\":{}}";
            client.getKVClient().put(bs("/topology/tidb/127.0.0.1:4000/info"), bs(info)).get(10, TimeUnit.SECONDS);
            client.getKVClient().put(bs("/topology/tidb/127.0.0.1:4000/ttl"), bs("1700000000000000000"))
                    .get(10, TimeUnit.SECONDS);
            TopologyStatusUrls topology = new TopologyStatusUrls(client, false, Duration.ofSeconds(5));
            assertEquals(List.of("http://127.0.0.1:" + tidb.port()), topology.urls());

            MvccCommitResolver resolver = new MvccCommitResolver(topology, null, Duration.ofSeconds(5), metrics);
            assertEquals(new Committed(YOUNG + 2), resolver.resolve(prewrite("t", YOUNG), LATEST));
        }
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
