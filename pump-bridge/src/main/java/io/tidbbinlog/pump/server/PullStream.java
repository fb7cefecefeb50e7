package io.tidbbinlog.pump.server;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.tidbbinlog.proto.pump.Entity;
import io.tidbbinlog.proto.pump.Meta;
import io.tidbbinlog.proto.pump.Pos;
import io.tidbbinlog.proto.pump.PullBinlogResp;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.pump.storage.PullCursor;
import io.tidbbinlog.pump.storage.PulledBinlog;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PullBinlogs stream: moves binlogs from a storage cursor to the gRPC call while the client's flow-control
 * window is open (so a slow drainer makes us stop reading, not buffer), and polls the cursor every
 * {@link PumpService#POLL_INTERVAL} once it has caught up (binlog:pump/storage/storage.go PullCommitBinlog).
 *
 * <p>Every use of the cursor and of the call's observer happens under this object's lock, from a pull-pool thread
 * (or from {@link #finish}); gRPC callbacks only schedule work.
 */
final class PullStream {

    private static final Logger LOG = LoggerFactory.getLogger(PullStream.class);

    /** Entities sent per turn before yielding the pool thread to other streams. */
    private static final int MAX_ENTITIES_PER_TURN = 256;
    /** Payload bytes sent per turn before yielding. */
    private static final long MAX_BYTES_PER_TURN = 8L << 20;

    private final ServerCallStreamObserver<PullBinlogResp> call;
    private final PullCursor cursor;
    private final ScheduledExecutorService executor;
    private final PumpMetrics metrics;
    private final long beginNanos;
    private final Consumer<PullStream> onEnd;
    private final AtomicBoolean turnQueued = new AtomicBoolean();
    private volatile boolean cancelled;
    private boolean ended;
    private ScheduledFuture<?> poll;

    PullStream(ServerCallStreamObserver<PullBinlogResp> call, PullCursor cursor, ScheduledExecutorService executor,
               PumpMetrics metrics, long beginNanos, Consumer<PullStream> onEnd) {
        this.call = call;
        this.cursor = cursor;
        this.executor = executor;
        this.metrics = metrics;
        this.beginNanos = beginNanos;
        this.onEnd = onEnd;
        // Both handlers must be set before the service method returns.
        call.setOnCancelHandler(() -> {
            cancelled = true;
            requestTurn();
        });
        call.setOnReadyHandler(this::requestTurn);
    }

    void start() {
        requestTurn();
    }

    /** Ends the stream normally (the pump is closing; Pump returns nil, so the client sees status OK). */
    void finish() {
        synchronized (this) {
            if (ended) {
                return;
            }
            end(null);
        }
    }

    private void requestTurn() {
        if (turnQueued.compareAndSet(false, true)) {
            try {
                executor.execute(this::turn);
            } catch (RejectedExecutionException e) {
                turnQueued.set(false);
                finish();
            }
        }
    }

    private synchronized void turn() {
        turnQueued.set(false);
        if (ended) {
            return;
        }
        if (cancelled) {
            LOG.debug("puller cancelled at commit ts {}", cursor.position());
            end(null);
            return;
        }
        int sent = 0;
        long bytes = 0;
        try {
            while (call.isReady()) {
                if (sent >= MAX_ENTITIES_PER_TURN || bytes >= MAX_BYTES_PER_TURN) {
                    requestTurn();
                    return;
                }
                PulledBinlog binlog = cursor.next();
                if (binlog == null) {
                    schedulePoll();
                    return;
                }
                call.onNext(toResponse(binlog));
                sent++;
                bytes += binlog.payload().length;
                metrics.pulledBytes.inc(binlog.payload().length);
            }
            // Not ready: the on-ready handler schedules the next turn when the client has read enough.
        } catch (RuntimeException e) {
            if (cancelled) {
                end(null);
                return;
            }
            LOG.error("pull stream failed at commit ts {}", cursor.position(), e);
            end(e);
        }
    }

    private void schedulePoll() {
        try {
            poll = executor.schedule(this::requestTurn, PumpService.POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            end(null);
        }
    }

    /** Closes the cursor and the call; caller holds the lock. */
    private void end(Throwable error) {
        ended = true;
        if (poll != null) {
            poll.cancel(false);
        }
        try {
            cursor.close();
        } catch (RuntimeException e) {
            LOG.warn("closing a pull cursor failed", e);
        }
        if (!cancelled) {
            try {
                if (error == null) {
                    call.onCompleted();
                } else {
                    String text = error.getMessage() == null ? error.toString() : error.getMessage();
                    call.onError(Status.UNKNOWN.withDescription(text).withCause(error).asRuntimeException());
                }
            } catch (RuntimeException e) {
                LOG.debug("pull stream already gone", e);
            }
        }
        metrics.rpcDuration.labels("PullBinlogs", error == null ? "succ" : "fail")
                .observe((System.nanoTime() - beginNanos) / 1e9);
        onEnd.accept(this);
    }

    private static PullBinlogResp toResponse(PulledBinlog binlog) {
        // pos is sent empty (gogo's non-nullable field is always present) and checksum not at all, as Pump does
        // (spec §1.6). The payload array is the cursor's own copy, so it is wrapped, not copied again.
        return PullBinlogResp.newBuilder()
                .setEntity(Entity.newBuilder()
                        .setPos(Pos.getDefaultInstance())
                        .setPayload(UnsafeByteOperations.unsafeWrap(binlog.payload()))
                        .setMeta(Meta.newBuilder().setStartTs(binlog.startTs()).setCommitTs(binlog.commitTs())))
                .build();
    }
}
