package io.tidbbinlog.pd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Timestamps per second from the fake PD on loopback, one caller (every call its own request, the reference)
 * against 32 concurrent callers (batched). Prints one JSON line. Run with
 * {@code mvn -B -o -q -pl binlog-core test -Dtest=TsoThroughputBenchmarkTest -Dbench=true}; the line is in
 * {@code binlog-core/target/surefire-reports/io.tidbbinlog.pd.TsoThroughputBenchmarkTest-output.txt}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class TsoThroughputBenchmarkTest {

    @Test
    void batchedVersusSequentialTimestamps() throws Exception {
        try (FakePd pd = FakePd.start("bench"); PdClient client = PdClient.connect(pd.url())) {
            run(client, 1, 2_000);                       // warm-up
            run(client, 32, 500);
            long sentBefore = client.tsoRequestsSent();
            double sequential = run(client, 1, 20_000);
            long sentSequential = client.tsoRequestsSent() - sentBefore;
            sentBefore = client.tsoRequestsSent();
            double batched = run(client, 32, 2_000);
            long sentBatched = client.tsoRequestsSent() - sentBefore;
            System.out.printf("{\"bench\":\"tso\",\"sequential_ts_per_s\":%.0f,\"sequential_requests\":%d,"
                            + "\"batched_32_callers_ts_per_s\":%.0f,\"batched_requests\":%d,\"batched_timestamps\":%d,"
                            + "\"ratio\":%.2f}%n", sequential, sentSequential, batched, sentBatched, 32 * 2_000,
                    batched / sequential);
        }
    }

    private static double run(PdClient client, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        client.getTs();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return threads * (double) perThread / seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
