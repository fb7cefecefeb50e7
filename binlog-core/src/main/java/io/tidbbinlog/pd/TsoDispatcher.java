package io.tidbbinlog.pd;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.proto.pdpb.ErrorType;
import io.tidbbinlog.proto.pdpb.PDGrpc;
import io.tidbbinlog.proto.pdpb.RequestHeader;
import io.tidbbinlog.proto.pdpb.TsoRequest;
import io.tidbbinlog.proto.pdpb.TsoResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves timestamp requests over one {@code /pdpb.PD/Tso} stream with batching: while one request is in flight,
 * new callers queue up, and the next request asks PD for all of them at once ({@code count = n}). PD answers
 * with the last of n consecutive timestamps, so the batch gets {@code last-(n-1) .. last} in order.
 *
 * <p>A broken stream (PD restarted, leader changed, network) is reopened with backoff against whatever leader
 * {@link LeaderSource} names after being told of the failure; callers wait until their own deadline. An error
 * in PD's response header fails the batch with PD's message.
 */
final class TsoDispatcher implements AutoCloseable {

    /** Same cap as PD's Go client: one request never asks for more than this many timestamps. */
    static final int MAX_BATCH = 10_000;
    private static final long MIN_BACKOFF_MILLIS = 20;
    private static final long MAX_BACKOFF_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(TsoDispatcher.class);

    /** Where the TSO stream goes, and whom to tell when it broke. */
    interface LeaderSource {
        long clusterId();

        ManagedChannel leaderChannel();

        /** The stream to the leader failed; find the leader again (may throw when no PD answers). */
        void leaderFailed(Throwable cause);
    }

    private record Pending(CompletableFuture<Long> future, long deadlineNanos) {
    }

    private final LeaderSource leaders;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;
    private TsoStream stream;
    private long lastIssued;
    private volatile long requestsSent;

    TsoDispatcher(LeaderSource leaders, long timeoutNanos) {
        this.leaders = leaders;
        this.timeoutNanos = timeoutNanos;
        this.thread = new Thread(this::run, "pd-tso-dispatcher");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<Long> submit() {
        CompletableFuture<Long> future = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                future.completeExceptionally(new PdException("PD client is closed"));
                return future;
            }
            queue.add(new Pending(future, System.nanoTime() + timeoutNanos));
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        return future;
    }

    /** TSO requests written to PD so far (for tests and metrics). */
    long requestsSent() {
        return requestsSent;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(drain(Integer.MAX_VALUE), new PdException("PD client is closed"));
    }

    private void run() {
        try {
            while (true) {
                List<Pending> batch = takeBatch();
                if (batch == null) {
                    return;
                }
                serve(batch);
            }
        } catch (InterruptedException e) {
            // closing
        } finally {
            closeStream();
        }
    }

    private List<Pending> takeBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                notEmpty.await();
            }
            return closed ? null : drainLocked(MAX_BATCH);
        } finally {
            lock.unlock();
        }
    }

    private List<Pending> drain(int max) {
        lock.lock();
        try {
            return drainLocked(max);
        } finally {
            lock.unlock();
        }
    }

    private List<Pending> drainLocked(int max) {
        List<Pending> batch = new ArrayList<>(Math.min(max, queue.size()));
        while (!queue.isEmpty() && batch.size() < max) {
            batch.add(queue.poll());
        }
        return batch;
    }

    private void serve(List<Pending> batch) throws InterruptedException {
        long backoff = MIN_BACKOFF_MILLIS;
        Throwable lastError = null;
        while (true) {
            failExpired(batch, lastError);
            if (batch.isEmpty()) {
                return;
            }
            if (closed) {
                failAll(batch, new PdException("PD client is closed"));
                return;
            }
            try {
                TsoStream s = openStream();
                TsoResponse response = s.exchange(request(batch.size()), remainingNanos(batch));
                requestsSent++;
                complete(batch, response);
                return;
            } catch (StreamBroken e) {
                lastError = e.getCause() != null ? e.getCause() : e;
                LOG.debug("TSO stream failed: {}", lastError.toString());
                closeStream();
                try {
                    leaders.leaderFailed(lastError);
                } catch (RuntimeException findError) {
                    lastError = findError;
                }
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            } catch (PdException e) {
                // PD answered with an error in its header: tell the callers, and look for the leader again in
                // case the error means this PD no longer is one
                failAll(batch, e);
                closeStream();
                try {
                    leaders.leaderFailed(e);
                } catch (RuntimeException ignored) {
                    // the next batch retries
                }
                return;
            }
        }
    }

    private TsoRequest request(int count) {
        return TsoRequest.newBuilder()
                .setHeader(RequestHeader.newBuilder().setClusterId(leaders.clusterId()))
                .setCount(count)
                .build();
    }

    private void complete(List<Pending> batch, TsoResponse response) {
        int n = batch.size();
        if (response.hasHeader() && response.getHeader().hasError()
                && response.getHeader().getError().getType() != ErrorType.OK) {
            var error = response.getHeader().getError();
            throw new PdException("PD returned " + error.getType() + " for a TSO request: " + error.getMessage(),
                    error.getType(), null);
        }
        if (response.getCount() != n) {
            throw new PdException("PD answered a TSO request for " + n + " timestamps with count "
                    + response.getCount());
        }
        long physical = response.getTimestamp().getPhysical();
        long logical = response.getTimestamp().getLogical();
        if (logical < n - 1 || logical > Tso.MAX_LOGICAL || physical < 0) {
            throw new PdException("PD returned an invalid timestamp " + physical + "." + logical + " for count " + n);
        }
        long last = Tso.compose(physical, logical);
        long first = last - (n - 1);
        if (first <= lastIssued) {
            throw new PdException("PD returned timestamp " + Tso.describe(first) + " not above the last one issued, "
                    + Tso.describe(lastIssued));
        }
        lastIssued = last;
        for (int i = 0; i < n; i++) {
            batch.get(i).future().complete(first + i);
        }
    }

    private long remainingNanos(List<Pending> batch) {
        long latest = Long.MIN_VALUE;
        for (Pending p : batch) {
            latest = Math.max(latest, p.deadlineNanos());
        }
        return Math.max(1, latest - System.nanoTime());
    }

    private void failExpired(List<Pending> batch, Throwable lastError) {
        long now = System.nanoTime();
        Iterator<Pending> it = batch.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.deadlineNanos() >= 0) {
                it.remove();
                String why = lastError == null ? "" : "; last error: " + lastError;
                p.future().completeExceptionally(new PdException("no timestamp from PD within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms" + why, lastError));
            }
        }
    }

    private static void failAll(List<Pending> batch, Throwable error) {
        for (Pending p : batch) {
            p.future().completeExceptionally(error);
        }
        batch.clear();
    }

    private TsoStream openStream() {
        if (stream == null) {
            ManagedChannel channel;
            try {
                channel = leaders.leaderChannel();
            } catch (RuntimeException e) {
                throw new StreamBroken(e);
            }
            stream = new TsoStream(channel);
        }
        return stream;
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    /** The stream failed or PD did not answer in time: worth retrying on a new stream. */
    private static final class StreamBroken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StreamBroken(Throwable cause) {
            super(cause.getMessage(), cause);
        }

        StreamBroken(String message) {
            super(message);
        }
    }

    /** One open Tso call; requests and responses alternate, so a queue of answers is all it needs. */
    private static final class TsoStream {
        private static final Object END = new Object();
        private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        private final ClientCallStreamObserver<TsoRequest> requests;

        TsoStream(ManagedChannel channel) {
            StreamObserver<TsoResponse> responses = new StreamObserver<>() {
                @Override
                public void onNext(TsoResponse value) {
                    answers.add(value);
                }

                @Override
                public void onError(Throwable t) {
                    answers.add(t);
                }

                @Override
                public void onCompleted() {
                    answers.add(END);
                }
            };
            requests = (ClientCallStreamObserver<TsoRequest>) PDGrpc.newStub(channel).tso(responses);
        }

        TsoResponse exchange(TsoRequest request, long timeoutNanos) throws InterruptedException {
            try {
                requests.onNext(request);
            } catch (RuntimeException e) {
                throw new StreamBroken(e);
            }
            Object answer = answers.poll(timeoutNanos, TimeUnit.NANOSECONDS);
            if (answer == null) {
                throw new StreamBroken("PD sent no TSO response within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            if (answer instanceof TsoResponse response) {
                return response;
            }
            if (answer == END) {
                throw new StreamBroken("PD closed the TSO stream");
            }
            Throwable t = (Throwable) answer;
            Status status = Status.fromThrowable(t);
            PdException error = new PdException("TSO stream failed: " + status.getCode()
                    + (status.getDescription() == null ? "" : " " + status.getDescription()), t);
            if (isRefusal(status.getCode())) {
                // PD refused the request itself (e.g. "mismatch cluster id": a different cluster now answers at
                // this address): a new stream gets the same answer, so the callers hear it now.
                throw error;
            }
            throw new StreamBroken(error);
        }

        private static boolean isRefusal(Status.Code code) {
            return code == Status.Code.FAILED_PRECONDITION || code == Status.Code.INVALID_ARGUMENT
                    || code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED
                    || code == Status.Code.UNIMPLEMENTED;
        }

        void close() {
            try {
                requests.cancel("TSO stream replaced or closed", null);
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }
}
