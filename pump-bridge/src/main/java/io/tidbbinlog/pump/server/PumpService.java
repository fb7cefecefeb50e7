package io.tidbbinlog.pump.server;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import io.tidbbinlog.proto.pump.PullBinlogReq;
import io.tidbbinlog.proto.pump.PullBinlogResp;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.proto.pump.WriteBinlogResp;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.BinlogStorage;
import io.tidbbinlog.pump.storage.NoSpaceException;
import io.tidbbinlog.pump.storage.PullCursor;
import io.tidbbinlog.registry.NodeState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code binlog.Pump} gRPC service (spec §1.5, §1.6; binlog:pump/server.go {@code writeBinlog},
 * {@code PullBinlogs}).
 *
 * <p>Threading: WriteBinlog never blocks a gRPC thread on the disk; it answers from the completion of
 * {@link BinlogStorage#write}, so many writes are in flight together and the storage can group-commit them.
 * PullBinlogs streams are driven by a small shared scheduled pool ({@link #PULL_THREADS} threads), never a thread per
 * puller: each stream reads while the client's flow-control window is open and polls every
 * {@link #POLL_INTERVAL} when the storage has nothing newer.
 *
 * <p>What the lead wires: construct with the PD cluster id, the storage, the node control and the metrics; serve it
 * through {@link PumpEndpoint}; call {@link #close()} when the pump stops (ends every pull stream, as Pump closes
 * {@code pullClose}); read {@link #lastWriteMillis()} to decide when a fake binlog is due.
 */
public final class PumpService extends PumpGrpc.PumpImplBase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PumpService.class);

    /** Pump's poll period for pullers that have caught up with the watermark (storage.go PullCommitBinlog). */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** Threads that read binlogs for pull streams: reads are sequential per stream and mostly served from cache. */
    static final int PULL_THREADS = 2;

    /** Writes that take this long are logged (pump/server.go: "slow write binlog RPC response"). */
    private static final long SLOW_WRITE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long clusterId;
    private final BinlogStorage storage;
    private final PumpControl control;
    private final PumpMetrics metrics;
    private final ScheduledExecutorService pullExecutor;
    private final Set<PullStream> pullers = ConcurrentHashMap.newKeySet();
    private volatile long lastWriteMillis;
    private volatile boolean closed;

    public PumpService(long clusterId, BinlogStorage storage, PumpControl control, PumpMetrics metrics) {
        this.clusterId = clusterId;
        this.storage = Objects.requireNonNull(storage, "storage");
        this.control = Objects.requireNonNull(control, "control");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        AtomicInteger threadNo = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(PULL_THREADS, r -> {
            Thread t = new Thread(r, "pump-pull-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.pullExecutor = executor;
        this.lastWriteMillis = System.currentTimeMillis();
    }

    /** Wall-clock time of the last WriteBinlog call (accepted or not), as Pump's lastWriteBinlogUnixNano. */
    public long lastWriteMillis() {
        return lastWriteMillis;
    }

    /** Pull streams currently open. */
    public int activePullers() {
        return pullers.size();
    }

    @Override
    public void writeBinlog(WriteBinlogReq request, StreamObserver<WriteBinlogResp> responses) {
        long begin = System.nanoTime();
        lastWriteMillis = System.currentTimeMillis();
        if (request.getClusterID() != clusterId) {
            metrics.rejectedWrites.labels("cluster_id").inc();
            fail(responses, begin, request, Status.UNKNOWN.withDescription(mismatch(request.getClusterID())));
            return;
        }
        Binlog binlog;
        try {
            // An empty payload parses into an all-default binlog: the pump client's probe (spec §1.5 step 2).
            binlog = Binlog.parseFrom(request.getPayload());
        } catch (InvalidProtocolBufferException e) {
            metrics.rejectedWrites.labels("bad_payload").inc();
            fail(responses, begin, request, Status.INVALID_ARGUMENT.withDescription(
                    "payload is not a binlog.Binlog protobuf (" + request.getPayload().size() + " bytes): "
                            + e.getMessage()));
            return;
        }
        if (binlog.getTp() == BinlogType.Prewrite) {
            NodeState state = control.state();
            if (state != NodeState.ONLINE) {
                // Commit and rollback binlogs are still taken while pausing/closing, so that transactions already
                // prewritten here can finish and the watermark can pass them (spec §1.5 step 3).
                metrics.rejectedWrites.labels("not_online").inc();
                fail(responses, begin, request, Status.UNKNOWN.withDescription("no online: " + state.jsonName()));
                return;
            }
        }
        CompletableFuture<Void> written;
        try {
            written = storage.write(binlog, request.getPayload().toByteArray());
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        // Answered on the thread that completes the write (the storage's group commit): handing each answer to
        // another thread costs more CPU per write than it saves the writer, on the benchmark's measure.
        written.whenComplete((ok, error) -> {
            if (error == null) {
                observe(begin, request, "succ");
                responses.onNext(WriteBinlogResp.getDefaultInstance());
                responses.onCompleted();
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof NoSpaceException) {
                metrics.rejectedWrites.labels("no_space").inc();
            } else {
                LOG.error("write binlog failed (start_ts {}, commit_ts {})", binlog.getStartTs(),
                        binlog.getCommitTs(), cause);
            }
            // Pump returns the error from the handler, so grpc-go sends code Unknown with the error's text; TiDB's
            // pump client decides on that text (it gives up at once only on "ResourceExhausted", so a full disk
            // makes it try another pump, as with Pump).
            String text = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            fail(responses, begin, request, Status.UNKNOWN.withDescription(text));
        });
    }

    @Override
    public void pullBinlogs(PullBinlogReq request, StreamObserver<PullBinlogResp> responses) {
        long begin = System.nanoTime();
        if (request.getClusterID() != clusterId) {
            metrics.rpcDuration.labels("PullBinlogs", "fail").observe(seconds(begin));
            responses.onError(Status.UNKNOWN.withDescription(mismatch(request.getClusterID())).asRuntimeException());
            return;
        }
        if (closed) {
            responses.onError(Status.UNAVAILABLE.withDescription("pump is closing").asRuntimeException());
            return;
        }
        long last = request.getStartFrom().getOffset();
        long gcTs = storage.gcTs();
        if (last < gcTs) {
            // Pump streams from the GC watermark instead: what was purged is lost for this drainer.
            LOG.error("drainer requests purged binlogs: start ts {} is below gc ts {}, some binlogs are lost",
                    last, gcTs);
            last = gcTs;
        }
        PullCursor cursor;
        try {
            cursor = storage.pull(last);
        } catch (RuntimeException e) {
            metrics.rpcDuration.labels("PullBinlogs", "fail").observe(seconds(begin));
            responses.onError(Status.UNKNOWN.withDescription(String.valueOf(e.getMessage())).asRuntimeException());
            return;
        }
        ServerCallStreamObserver<PullBinlogResp> call = (ServerCallStreamObserver<PullBinlogResp>) responses;
        PullStream stream = new PullStream(call, cursor, pullExecutor, metrics, begin, pullers::remove);
        pullers.add(stream);
        if (closed) {
            pullers.remove(stream);
            stream.finish();
            return;
        }
        stream.start();
    }

    /** Ends every pull stream (clients see the stream complete) and stops the pull threads. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (PullStream stream : List.copyOf(pullers)) {
            stream.finish();
        }
        pullExecutor.shutdown();
        try {
            if (!pullExecutor.awaitTermination(5, TimeUnit.SECONDS)) {
                pullExecutor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pullExecutor.shutdownNow();
        }
    }

    private String mismatch(long requested) {
        // pump/server.go: errors.Errorf("cluster ID are mismatch, %v vs %v", in.ClusterID, s.clusterID)
        return "cluster ID are mismatch, " + Long.toUnsignedString(requested) + " vs "
                + Long.toUnsignedString(clusterId);
    }

    private void fail(StreamObserver<WriteBinlogResp> responses, long begin, WriteBinlogReq request, Status status) {
        observe(begin, request, "fail");
        responses.onError(status.asRuntimeException());
    }

    private void observe(long begin, WriteBinlogReq request, String label) {
        long took = System.nanoTime() - begin;
        metrics.rpcDuration.labels("WriteBinlog", label).observe(took / 1e9);
        if (took >= SLOW_WRITE_NANOS) {
            LOG.warn("slow write binlog RPC response: payload size {}, took {} ms, {}", request.getPayload().size(),
                    TimeUnit.NANOSECONDS.toMillis(took), label);
        }
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }
}
