package io.tidbbinlog.pump.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.Pos;
import io.tidbbinlog.proto.pump.PullBinlogReq;
import io.tidbbinlog.proto.pump.PullBinlogResp;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.NoSpaceException;
import io.tidbbinlog.pump.storage.StorageException;
import io.tidbbinlog.registry.NodeState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WriteBinlog and PullBinlogs over real loopback gRPC on the shared port, against a storage double. Expected
 * behaviour: spec §1.5 and §1.6 (binlog:pump/server.go writeBinlog, PullBinlogs; pump/storage/storage.go).
 */
class PumpServiceTest {

    private static final long CLUSTER = 6_998_877_665_544_332_211L;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final InMemoryBinlogStorage storage = new InMemoryBinlogStorage();
    private final FakePumpControl control = new FakePumpControl("pump-1");
    private final PumpMetrics metrics = new PumpMetrics();
    private PumpService service;
    private PumpEndpoint endpoint;
    private ManagedChannel channel;

    @BeforeEach
    void start() {
        startWith(EndpointSettings.plain("127.0.0.1", 0));
    }

    private void startWith(EndpointSettings settings) {
        service = new PumpService(CLUSTER, storage, control, metrics);
        endpoint = new PumpEndpoint(settings, service, control, metrics).start();
        // A fixed 1 MiB window (no BDP auto-tuning), so that what a puller that reads nothing lets through is known.
        channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext()
                .flowControlWindow(1 << 20).maxInboundMessageSize(64 << 20).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        service.close();
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    private PumpGrpc.PumpBlockingStub blocking() {
        return PumpGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private static WriteBinlogReq request(long cluster, Binlog binlog) {
        return WriteBinlogReq.newBuilder().setClusterID(cluster).setPayload(binlog.toByteString()).build();
    }

    private static Binlog prewrite(long startTs) {
        return Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                .setPrewriteKey(ByteString.copyFromUtf8("k" + startTs))
                .setPrewriteValue(ByteString.copyFromUtf8("v" + startTs)).build();
    }

    private static Binlog commit(long startTs, long commitTs) {
        return Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs).setCommitTs(commitTs).build();
    }

    private double rejected(String reason) {
        Double value = metrics.registry().getSampleValue("binlog_pump_rejected_write_count_total",
                new String[] {"reason"}, new String[] {reason});
        return value == null ? 0 : value;
    }

    private double rpcCount(String method, String label) {
        Double value = metrics.registry().getSampleValue("binlog_pump_rpc_duration_seconds_count",
                new String[] {"method", "label"}, new String[] {method, label});
        return value == null ? 0 : value;
    }

    @Test
    void aWriteForAnotherClusterIsRefusedWithPumpsMessage() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> blocking().writeBinlog(request(42, prewrite(10))));
        // grpc-go turns Pump's returned error into code Unknown carrying its text.
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals("cluster ID are mismatch, 42 vs " + CLUSTER, e.getStatus().getDescription());
        assertTrue(storage.writes.isEmpty());
        assertEquals(1, rejected("cluster_id"));
        assertEquals(1, rpcCount("WriteBinlog", "fail"));
    }

    @Test
    void anAcceptedWriteReachesTheStorageWithItsExactBytesAndAnswersWithAnEmptyErrmsg() {
        Binlog binlog = prewrite(10);
        WriteBinlogResp resp = blocking().writeBinlog(request(CLUSTER, binlog));
        assertEquals("", resp.getErrmsg());
        assertEquals(1, storage.writes.size());
        assertEquals(binlog, storage.writes.get(0).binlog());
        assertEquals(binlog.toByteString(), ByteString.copyFrom(storage.writes.get(0).payload()));
        assertEquals(1, rpcCount("WriteBinlog", "succ"));
    }

    @Test
    void theClientsProbeWithAnEmptyPayloadSucceeds() {
        // tools:pump_client detects a pump with a nil payload: an all-default binlog (start_ts = commit_ts = 0),
        // which the storage acknowledges without storing (spec §1.5 steps 2 and 4).
        WriteBinlogResp resp = blocking().writeBinlog(
                WriteBinlogReq.newBuilder().setClusterID(CLUSTER).build());
        assertEquals("", resp.getErrmsg());
        assertEquals(0, storage.writes.get(0).binlog().getStartTs());
        assertEquals(0, storage.writes.get(0).binlog().getCommitTs());
    }

    @Test
    void prewritesAreRefusedUnlessOnlineButCommitsAndRollbacksStillGoThrough() {
        control.state = NodeState.PAUSING;
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> blocking().writeBinlog(request(CLUSTER, prewrite(10))));
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals("no online: pausing", e.getStatus().getDescription());

        blocking().writeBinlog(request(CLUSTER, commit(9, 11)));
        control.state = NodeState.CLOSING;
        blocking().writeBinlog(request(CLUSTER,
                Binlog.newBuilder().setTp(BinlogType.Rollback).setStartTs(8).build()));
        assertEquals(List.of(BinlogType.Commit, BinlogType.Rollback),
                storage.writtenBinlogs().stream().map(Binlog::getTp).toList());
        assertEquals(1, rejected("not_online"));
    }

    @Test
    void aMalformedPayloadGetsAClearErrorAndDoesNotDisturbAWriteInFlight() {
        storage.holdWrites(true);
        CompletableFuture<WriteBinlogResp> inFlight = new CompletableFuture<>();
        PumpGrpc.newStub(channel).writeBinlog(request(CLUSTER, prewrite(10)), observerOf(inFlight));
        await().atMost(WAIT).until(() -> storage.writes.size() == 1);

        WriteBinlogReq garbage = WriteBinlogReq.newBuilder().setClusterID(CLUSTER)
                .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff})).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> blocking().writeBinlog(garbage));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("payload is not a binlog.Binlog protobuf (3 bytes)"),
                e.getStatus().getDescription());
        assertEquals(1, rejected("bad_payload"));

        storage.releaseHeldWrites();
        assertEquals("", inFlight.orTimeout(20, TimeUnit.SECONDS).join().getErrmsg());
        assertEquals(1, storage.writes.size());
    }

    @Test
    void writesAreAnsweredWhenTheStorageAcknowledgesSoManyAreInFlightAtOnce() {
        // Group commit needs concurrent writers: no write may wait for another one's acknowledgement.
        storage.holdWrites(true);
        int writers = 100;
        List<CompletableFuture<WriteBinlogResp>> answers = new ArrayList<>();
        PumpGrpc.PumpStub stub = PumpGrpc.newStub(channel);
        for (int i = 0; i < writers; i++) {
            CompletableFuture<WriteBinlogResp> answer = new CompletableFuture<>();
            answers.add(answer);
            stub.writeBinlog(request(CLUSTER, prewrite(100 + i)), observerOf(answer));
        }
        await().atMost(WAIT).until(() -> storage.writes.size() == writers);
        assertTrue(answers.stream().noneMatch(CompletableFuture::isDone), "answered before the storage acknowledged");

        storage.releaseHeldWrites();
        for (CompletableFuture<WriteBinlogResp> answer : answers) {
            assertEquals("", answer.orTimeout(20, TimeUnit.SECONDS).join().getErrmsg());
        }
    }

    @Test
    void storageFailuresAreSentAsUnknownWithTheErrorText() {
        storage.failWritesWith(new NoSpaceException(5, 10));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> blocking().writeBinlog(request(CLUSTER, prewrite(10))));
        // TiDB's client gives up at once only on "ResourceExhausted"; a full pump must make it try another one.
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals("no available space, available: 5, StopWriteAtAvailableSpace: 10",
                e.getStatus().getDescription());
        assertEquals(1, rejected("no_space"));

        storage.failWritesWith(new StorageException("disk on fire"));
        e = assertThrows(StatusRuntimeException.class, () -> blocking().writeBinlog(request(CLUSTER, prewrite(11))));
        assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
        assertEquals("disk on fire", e.getStatus().getDescription());
        assertEquals(2, rpcCount("WriteBinlog", "fail"));
    }

    @Test
    void aMessageOverTheLimitIsRefusedAsResourceExhaustedAndOtherWritersGoOn() throws InterruptedException {
        stop();
        startWith(EndpointSettings.plain("127.0.0.1", 0).withMaxMessageSize(1 << 20));
        Binlog large = prewrite(10).toBuilder().setPrewriteValue(ByteString.copyFrom(new byte[2 << 20])).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> blocking().writeBinlog(request(CLUSTER, large)));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        await().atMost(WAIT).until(() -> rejected("too_large") == 1);

        assertEquals("", blocking().writeBinlog(request(CLUSTER, prewrite(11))).getErrmsg());
        assertEquals(List.of(11L), storage.writtenBinlogs().stream().map(Binlog::getStartTs).toList());
    }

    @Test
    void lastWriteMillisMovesOnEveryWriteCall() {
        long before = service.lastWriteMillis();
        await().atMost(WAIT).until(() -> System.currentTimeMillis() > before);
        assertThrows(StatusRuntimeException.class, () -> blocking().writeBinlog(request(1, prewrite(10))));
        assertTrue(service.lastWriteMillis() > before);
    }

    // ---- PullBinlogs ----

    private static PullBinlogReq pullFrom(long cluster, long offset) {
        return PullBinlogReq.newBuilder().setClusterID(cluster)
                .setStartFrom(Pos.newBuilder().setOffset(offset)).build();
    }

    private static byte[] payloadOf(long commitTs) {
        return commit(commitTs - 1, commitTs).toByteArray();
    }

    /** Collects a pull stream; requests one message at a time when {@code manual}. */
    private static final class Puller implements ClientResponseObserver<PullBinlogReq, PullBinlogResp> {
        final List<PullBinlogResp> received = new CopyOnWriteArrayList<>();
        final CompletableFuture<Status> end = new CompletableFuture<>();
        private final boolean manual;
        volatile ClientCallStreamObserver<PullBinlogReq> call;

        Puller(boolean manual) {
            this.manual = manual;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<PullBinlogReq> requestStream) {
            call = requestStream;
            if (manual) {
                requestStream.disableAutoRequestWithInitial(1);
            }
        }

        @Override
        public void onNext(PullBinlogResp value) {
            received.add(value);
        }

        @Override
        public void onError(Throwable t) {
            end.complete(Status.fromThrowable(t));
        }

        @Override
        public void onCompleted() {
            end.complete(Status.OK);
        }

        List<Long> commitTss() {
            return received.stream().map(r -> r.getEntity().getMeta().getCommitTs()).toList();
        }
    }

    @Test
    void aPullStreamsFromItsOffsetInOrderNeverPastTheWatermarkAndFollowsNewData() {
        for (long ts = 10; ts <= 50; ts += 10) {
            storage.publish(ts - 1, ts, payloadOf(ts));
        }
        storage.setWatermark(30);
        Puller puller = new Puller(false);
        PumpGrpc.newStub(channel).pullBinlogs(pullFrom(CLUSTER, 10), puller);

        await().atMost(WAIT).until(() -> puller.received.size() >= 2);
        assertEquals(List.of(20L, 30L), puller.commitTss());
        PullBinlogResp first = puller.received.get(0);
        assertEquals(19, first.getEntity().getMeta().getStartTs());
        assertEquals(ByteString.copyFrom(payloadOf(20)), first.getEntity().getPayload());

        // 50 is stored but above the watermark: moving the watermark to 40 releases 40 only.
        storage.setWatermark(40);
        await().atMost(WAIT).until(() -> puller.received.size() >= 3);
        assertEquals(List.of(20L, 30L, 40L), puller.commitTss());
        storage.setWatermark(50);
        await().atMost(WAIT).until(() -> puller.received.size() >= 4);
        assertEquals(List.of(20L, 30L, 40L, 50L), puller.commitTss());
        assertTrue(!puller.end.isDone());
    }

    @Test
    void aPullForAnotherClusterIsRefused() {
        Puller puller = new Puller(false);
        PumpGrpc.newStub(channel).pullBinlogs(pullFrom(7, 0), puller);
        Status status = puller.end.orTimeout(20, TimeUnit.SECONDS).join();
        assertEquals(Status.Code.UNKNOWN, status.getCode());
        assertEquals("cluster ID are mismatch, 7 vs " + CLUSTER, status.getDescription());
    }

    @Test
    void aPullBelowTheGcWatermarkStartsAtIt() {
        storage.publish(9, 10, payloadOf(10));
        storage.publish(19, 20, payloadOf(20));
        storage.setWatermark(20);
        storage.setGcTs(10);
        Puller puller = new Puller(false);
        PumpGrpc.newStub(channel).pullBinlogs(pullFrom(CLUSTER, 0), puller);
        await().atMost(WAIT).until(() -> !puller.received.isEmpty());
        assertEquals(List.of(20L), puller.commitTss());
    }

    @Test
    void aSlowPullerMakesThePumpStopReadingInsteadOfBuffering() {
        int count = 200;
        byte[] big = new byte[64 << 10];
        for (long ts = 1; ts <= count; ts++) {
            storage.publish(ts, ts, big);
        }
        storage.setWatermark(count);
        Puller puller = new Puller(true);
        PumpGrpc.newStub(channel).pullBinlogs(pullFrom(CLUSTER, 0), puller);
        await().atMost(WAIT).until(() -> puller.received.size() == 1);
        // 200 x 64 KiB = 12.5 MiB would be read at once without flow control; the client's 1 MiB window and gRPC's
        // 32 KiB on-ready threshold let about 17 entries out before the pump must stop reading.
        await().atMost(WAIT).until(() -> storage.entriesRead.get() >= 2);
        assertTrue(storage.entriesRead.get() <= 40, "read ahead " + storage.entriesRead.get() + " entries");

        puller.call.request(Integer.MAX_VALUE);
        await().atMost(WAIT).until(() -> puller.received.size() == count);
        List<Long> expected = new ArrayList<>();
        for (long ts = 1; ts <= count; ts++) {
            expected.add(ts);
        }
        assertEquals(expected, puller.commitTss());
    }

    @Test
    void aCancelledPullClosesItsCursor() {
        storage.publish(1, 1, payloadOf(1));
        storage.setWatermark(1);
        Puller puller = new Puller(false);
        PumpGrpc.newStub(channel).pullBinlogs(pullFrom(CLUSTER, 0), puller);
        await().atMost(WAIT).until(() -> puller.received.size() == 1);
        puller.call.cancel("drainer stops", null);
        await().atMost(WAIT).until(() -> storage.cursorsClosed.get() == 1);
        await().atMost(WAIT).until(() -> service.activePullers() == 0);
    }

    @Test
    void closingTheServiceEndsEveryPullNormally() {
        Puller puller = new Puller(false);
        PumpGrpc.newStub(channel).pullBinlogs(pullFrom(CLUSTER, 0), puller);
        await().atMost(WAIT).until(() -> service.activePullers() == 1);
        service.close();
        assertEquals(Status.Code.OK, puller.end.orTimeout(20, TimeUnit.SECONDS).join().getCode());
        assertEquals(1, storage.cursorsClosed.get());
    }

    @Test
    void aGzipPullIsAnsweredWithGzip() {
        // drainer's compressor = "gzip" (binlog:drainer/pump.go) compresses its request; Pump (grpc-go) answers in kind.
        storage.publish(9, 10, payloadOf(10));
        storage.setWatermark(10);
        AtomicReference<String> responseEncoding = new AtomicReference<>();
        Channel recording = io.grpc.ClientInterceptors.intercept(channel, new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata h) {
                                responseEncoding.set(h.get(
                                        Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER)));
                                super.onHeaders(h);
                            }
                        }, headers);
                    }
                };
            }
        });
        Puller puller = new Puller(false);
        PumpGrpc.newStub(recording).withCompression("gzip").pullBinlogs(pullFrom(CLUSTER, 0), puller);
        await().atMost(WAIT).until(() -> puller.received.size() == 1);
        assertEquals(ByteString.copyFrom(payloadOf(10)), puller.received.get(0).getEntity().getPayload());
        assertEquals("gzip", responseEncoding.get());
    }

    static <T> io.grpc.stub.StreamObserver<T> observerOf(CompletableFuture<T> future) {
        return new io.grpc.stub.StreamObserver<>() {
            @Override
            public void onNext(T value) {
                future.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                future.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                future.complete(null);
            }
        };
    }
}
