package io.tidbbinlog.pump.bench;

import com.google.protobuf.ByteString;
import io.tidbbinlog.proto.binlog.Binlog;
import io.tidbbinlog.proto.binlog.BinlogType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * TiDB's binlog traffic as a load: each writer thread plays one session, writing a prewrite binlog (with a
 * prewrite value of the configured size) and, once it is acknowledged, the commit binlog, as TiDB's 2PC does. Start
 * and commit timestamps come from one shared, TSO-shaped counter, so commit order is a real interleaving.
 *
 * <p>Closed loop when {@code ratePerSecond} is 0 (peak throughput); otherwise open loop at that total rate, with
 * latency measured from each transaction's scheduled start so that a stall is not hidden (no coordinated omission).
 */
final class TxnLoad {

    /** Where the load's binlogs go: a gRPC stub, a bare file, a pump-bridge. Called from many threads. */
    interface BinlogSink {
        void write(byte[] payload) throws Exception;
    }

    /**
     * @param cpuMicrosPerTxn CPU time of the whole process (load, client, server) per transaction: tells a
     *                        CPU-bound run from a latency-bound one
     */
    record Result(long txns, double seconds, double txnPerSecond, double p50Millis, double p99Millis, long bytes,
                  double cpuMicrosPerTxn) {
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private final int writers;
    private final int payloadBytes;
    private final AtomicLong tso;

    TxnLoad(int writers, int payloadBytes) {
        this.writers = writers;
        this.payloadBytes = payloadBytes;
        this.tso = new AtomicLong(System.currentTimeMillis() << 18);
    }

    /** The newest timestamp handed out, so that a later phase can continue above it. */
    long lastTs() {
        return tso.get();
    }

    Result run(BinlogSink sink, Duration duration, double ratePerSecond) throws InterruptedException {
        byte[] prewriteValue = new byte[payloadBytes];
        new Random(42).nextBytes(prewriteValue);
        ByteString value = ByteString.copyFrom(prewriteValue);
        ByteString key = ByteString.copyFromUtf8("t\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0001_r");
        long[][] latencies = new long[writers][];
        int[] counts = new int[writers];
        long[] bytes = new long[writers];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(writers);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] startNanos = new long[1];
        for (int w = 0; w < writers; w++) {
            int id = w;
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                ready.countDown();
                try {
                    go.await();
                    long begin = startNanos[0];
                    long end = begin + duration.toNanos();
                    long intervalNanos = ratePerSecond > 0 ? (long) (writers * 1e9 / ratePerSecond) : 0;
                    long next = begin + (intervalNanos > 0 ? (long) (intervalNanos * (id / (double) writers)) : 0);
                    while (failure.get() == null) {
                        long scheduled;
                        if (intervalNanos > 0) {
                            if (next >= end) {
                                break;
                            }
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                            scheduled = next;
                            next += intervalNanos;
                        } else {
                            scheduled = System.nanoTime();
                            if (scheduled >= end) {
                                break;
                            }
                        }
                        long startTs = tso.incrementAndGet();
                        byte[] p = Binlog.newBuilder().setTp(BinlogType.Prewrite).setStartTs(startTs)
                                .setPrewriteKey(key).setPrewriteValue(value).build().toByteArray();
                        sink.write(p);
                        long commitTs = tso.incrementAndGet();
                        byte[] c = Binlog.newBuilder().setTp(BinlogType.Commit).setStartTs(startTs)
                                .setCommitTs(commitTs).build().toByteArray();
                        sink.write(c);
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - scheduled;
                        bytes[id] += p.length + c.length;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                latencies[id] = lat;
                counts[id] = n;
            }, "load-" + w);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ready.await();
        long cpuBefore = processCpuNanos();
        startNanos[0] = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - startNanos[0]) / 1e9;
        long cpuNanos = processCpuNanos() - cpuBefore;
        if (failure.get() != null) {
            throw new IllegalStateException("the load failed: " + failure.get(), failure.get());
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < writers; w++) {
            System.arraycopy(latencies[w], 0, all, at, counts[w]);
            at += counts[w];
        }
        Arrays.sort(all);
        return new Result(total, seconds, total / seconds, percentileMillis(all, 0.50), percentileMillis(all, 0.99),
                Arrays.stream(bytes).sum(), total == 0 ? 0 : cpuNanos / 1e3 / total);
    }

    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return Math.round(sorted[Math.max(0, index)] / 1e4) / 100.0;
    }
}
