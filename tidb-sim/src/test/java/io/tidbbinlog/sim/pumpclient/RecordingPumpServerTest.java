package io.tidbbinlog.sim.pumpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.registry.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The test pump answers like pingcap/tidb-binlog pump/server.go writeBinlog (spec §1.5). */
class RecordingPumpServerTest {

    private static final long CLUSTER = 42;
    private final RecordingPumpServer pump = RecordingPumpServer.start("p", CLUSTER);
    private ManagedChannel channel = open();

    @AfterEach
    void close() {
        channel.shutdownNow();
        pump.close();
    }

    @Test
    void storesBinlogsInOrderAndAwaitsThem() throws Exception {
        Thread writer = new Thread(() -> {
            write(CLUSTER, binlog(BinlogType.Prewrite, 5, 0));
            write(CLUSTER, binlog(BinlogType.Commit, 5, 6));
        });
        writer.start();
        List<Binlog> got = pump.awaitBinlogs(2, Duration.ofSeconds(10));
        writer.join();
        assertEquals(List.of(binlog(BinlogType.Prewrite, 5, 0), binlog(BinlogType.Commit, 5, 6)), got);
        TimeoutException e = assertThrows(TimeoutException.class, () -> pump.awaitBinlogs(3, Duration.ofMillis(50)));
        assertEquals("pump p stored 2 binlogs, expected 3 within PT0.05S", e.getMessage());
    }

    @Test
    void rejectsAnotherClusterLikePump() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> write(7, binlog(BinlogType.Prewrite, 5, 0)));
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals("cluster ID are mismatch, 7 vs 42", e.getStatus().getDescription());
        assertFalse(pump.writes().get(0).accepted());
    }

    @Test
    void anEmptyPayloadIsAcceptedWithoutBeingStored() {
        write(CLUSTER, Binlog.getDefaultInstance());
        assertEquals(List.of(), pump.binlogs());
        assertEquals(1, pump.acceptedProbes());
    }

    @Test
    void refusesPrewritesButTakesCommitsWhileNotOnline() {
        pump.setPumpState(NodeState.PAUSING);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> write(CLUSTER, binlog(BinlogType.Prewrite, 5, 0)));
        assertEquals("no online: pausing", e.getStatus().getDescription());
        write(CLUSTER, binlog(BinlogType.Commit, 4, 6));
        assertEquals(List.of(binlog(BinlogType.Commit, 4, 6)), pump.binlogs());
    }

    @Test
    void injectedFailuresAndErrmsgsAreUsedUpInOrder() {
        pump.failNext(1, Status.UNAVAILABLE.withDescription("down"));
        pump.failNextWithErrmsg(1, "disk full");
        assertThrows(StatusRuntimeException.class, () -> write(CLUSTER, binlog(BinlogType.Prewrite, 1, 0)));
        assertEquals("disk full", write(CLUSTER, binlog(BinlogType.Prewrite, 2, 0)));
        assertEquals("", write(CLUSTER, binlog(BinlogType.Prewrite, 3, 0)));
        assertEquals(List.of(3L), PumpClientFixture.startTsOf(pump.binlogs()));
        assertEquals(3, pump.writes().size());
    }

    @Test
    void restartsOnTheSamePort() {
        int port = pump.port();
        pump.stop();
        assertFalse(pump.isRunning());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> write(CLUSTER, binlog(BinlogType.Prewrite, 1, 0)));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        pump.restart();
        assertEquals(port, pump.port());
        channel.shutdownNow();
        channel = open();
        assertEquals("", write(CLUSTER, binlog(BinlogType.Prewrite, 2, 0)));
        assertTrue(pump.isRunning());
    }

    private ManagedChannel open() {
        return NettyChannelBuilder.forTarget(pump.address()).usePlaintext().build();
    }

    private String write(long clusterId, Binlog binlog) {
        return PumpGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .writeBinlog(WriteBinlogReq.newBuilder().setClusterID(clusterId).setPayload(binlog.toByteString())
                        .build()).getErrmsg();
    }

    private static Binlog binlog(BinlogType tp, long startTs, long commitTs) {
        return Binlog.newBuilder().setTp(tp).setStartTs(startTs).setCommitTs(commitTs).build();
    }
}
