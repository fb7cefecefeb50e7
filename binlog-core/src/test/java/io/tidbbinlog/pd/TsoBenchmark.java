package io.tidbbinlog.pd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Timestamps per second from a fake PD on loopback: 32 concurrent callers (batched into shared Tso requests)
 * against the reference of one caller, every call its own request, in the same run. Prints one JSON line (also
 * written to target/bench/tso.json). Run with {@code scripts/bench.sh tso}.
 */
public final class TsoBenchmark {
    private static final int CALLERS = 32;

    private TsoBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (FakePd pd = FakePd.start("bench"); PdClient client = PdClient.connect(pd.url())) {
            run(client, 1, 2_000);
            run(client, CALLERS, 500);
            long sentBefore = client.tsoRequestsSent();
            double sequential = run(client, 1, 20_000);
            long sentSequential = client.tsoRequestsSent() - sentBefore;
            sentBefore = client.tsoRequestsSent();
            double batched = run(client, CALLERS, 2_000);
            long sentBatched = client.tsoRequestsSent() - sentBefore;
            double ratio = batched / sequential;
            String json = String.format(Locale.ROOT,
                    "{\"bench\": \"tso\", \"machine\": {\"cores\": %d, \"java\": \"%s\"}, "
                            + "\"params\": {\"callers\": %d, \"timestamps_per_caller\": 2000, \"pd\": \"fake PD on loopback\"}, "
                            + "\"figures\": {\"batched_ts_per_s\": %.0f, \"batched_requests\": %d, \"batched_timestamps\": %d}, "
                            + "\"references\": {\"sequential_ts_per_s\": %.0f, \"sequential_requests\": %d}, "
                            + "\"ratios\": {\"batched_vs_sequential\": %.2f}, "
                            + "\"targets\": {\"batched_vs_sequential\": \">= 5\"}, \"met\": %s}",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), CALLERS, batched,
                    sentBatched, CALLERS * 2_000, sequential, sentSequential, ratio, ratio >= 5);
            Path out = Path.of("target", "bench", "tso.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, json + System.lineSeparator(), StandardCharsets.UTF_8);
            System.out.println(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
            return threads * (double) perThread / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
