package io.tidbbinlog.pump.metrics;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pump's metrics-addr push (binlog:pkg/util/p8s.go): POSTs the registry to job "binlog", instance = node id. */
class MetricsPusherTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void pushesEveryIntervalToJobBinlogGroupedByInstance() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n" + body);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        gateway.start();
        PumpMetrics metrics = new PumpMetrics();
        metrics.maxCommitTs.set(42);
        try (MetricsPusher pusher = new MetricsPusher("127.0.0.1:" + gateway.getAddress().getPort(), metrics,
                "pump-1")) {
            pusher.start(Duration.ofMillis(50));
            await().atMost(Duration.ofSeconds(20)).until(() -> pusher.pushes() >= 2);
        }
        String first = requests.get(0);
        assertTrue(first.startsWith("POST /metrics/job/binlog/instance/pump-1\n"), first);
        assertTrue(first.contains("binlog_pump_storage_max_commit_ts 42.0"), first);
    }

    @Test
    void aGatewayThatIsDownIsLoggedAndRetriedNotFatal() throws Exception {
        PumpMetrics metrics = new PumpMetrics();
        try (MetricsPusher pusher = new MetricsPusher("127.0.0.1:1", metrics, "pump-1")) {
            pusher.pushOnce();
            assertEquals(0, pusher.pushes());
        }
    }
}
