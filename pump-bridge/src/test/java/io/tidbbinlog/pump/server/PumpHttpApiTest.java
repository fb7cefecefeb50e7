package io.tidbbinlog.pump.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pump's HTTP API on the gRPC port (spec §4.7; binlog:pump/server.go Status, ApplyAction, AllDrainers, TriggerGC;
 * pump/status.go; pkg/util/http.go; binlog:docs/binlog_http_api.md).
 */
class PumpHttpApiTest {

    private static final long CLUSTER = 77;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InMemoryBinlogStorage storage = new InMemoryBinlogStorage();
    private final FakePumpControl control = new FakePumpControl("pump-1");
    private final PumpMetrics metrics = new PumpMetrics();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private PumpService service;
    private PumpEndpoint endpoint;

    @BeforeEach
    void start() {
        service = new PumpService(CLUSTER, storage, control, metrics);
        endpoint = new PumpEndpoint(EndpointSettings.plain("127.0.0.1", 0), service, control, metrics).start();
    }

    @AfterEach
    void stop() {
        service.close();
        endpoint.shutdown(Duration.ofSeconds(1));
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusListsEveryPumpByIdWithAFreshTso() throws Exception {
        control.pumps = List.of(NodeStatus.of("pump-2", "10.0.0.2:8250", NodeState.PAUSED, 300, 0),
                NodeStatus.of("pump-1", "10.0.0.1:8250", NodeState.ONLINE, 500, 600));
        HttpResponse<String> response = send("GET", "/status");
        assertEquals(200, response.statusCode());
        assertEquals(PumpHttpApi.GO_TEXT, response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.body().endsWith("}\n"), "json.Encoder ends with a newline");
        JsonNode body = JSON.readTree(response.body());
        assertEquals(List.of("status", "CommitTS", "Checkpoint", "ErrMsg"), fieldNames(body));
        assertEquals(List.of("pump-1", "pump-2"), fieldNames(body.get("status")));
        JsonNode pump1 = body.get("status").get("pump-1");
        assertEquals(JSON.readTree(control.pumps.get(1).toJson()), pump1);
        assertEquals("online", pump1.get("state").asText());
        assertEquals(control.tso.get(), body.get("CommitTS").asLong());
        assertEquals(0, body.get("Checkpoint").size());
        assertEquals("", body.get("ErrMsg").asText());
    }

    @Test
    void statusCarriesTheErrorWhenTheRegistryFails() throws Exception {
        control.registryFailure = new IllegalStateException("etcd unreachable");
        JsonNode body = JSON.readTree(send("GET", "/status").body());
        assertTrue(body.get("status").isNull());
        assertEquals(0, body.get("CommitTS").asLong());
        assertEquals("etcd unreachable", body.get("ErrMsg").asText());
    }

    @Test
    void debugBinlogPrintsTheStoredBinlogAndItsPrewriteValueAsPumpDoes() throws Exception {
        // pump/server.go BinlogByTS: the binlog's text, then "\n\n PrewriteValue: \n" and the decoded value
        byte[] value = io.tidbbinlog.proto.binlog.PrewriteValue.newBuilder().setSchemaVersion(27).build()
                .toByteArray();
        control.stored.put(405L, io.tidbbinlog.proto.binlog.Binlog.newBuilder()
                .setTp(io.tidbbinlog.proto.binlog.BinlogType.Prewrite).setStartTs(405)
                .setPrewriteValue(com.google.protobuf.ByteString.copyFrom(value)).build().toByteArray());

        String body = send("GET", "/debug/binlog/405").body();
        assertTrue(body.contains("start_ts: 405"), body);
        assertTrue(body.contains("\n\n PrewriteValue: \nschema_version: 27"), body);
        assertEquals("binlog not found: ts 406", send("GET", "/debug/binlog/406").body());
        assertEquals("invalid parameter ts: x1", send("GET", "/debug/binlog/x1").body());
        assertEquals(405, send("POST", "/debug/binlog/405").statusCode());
    }

    @Test
    void drainersIsTheArrayOfDrainerStatuses() throws Exception {
        assertEquals("null\n", send("GET", "/drainers").body());
        control.drainers = List.of(NodeStatus.of("drainer-1", "10.0.0.9:8249", NodeState.ONLINE, 123, 0));
        JsonNode body = JSON.readTree(send("GET", "/drainers").body());
        assertTrue(body.isArray());
        assertEquals(JSON.readTree(control.drainers.get(0).toJson()), body.get(0));
    }

    @Test
    void applyActionChangesStateAndAnswersLikePump() throws Exception {
        HttpResponse<String> refused = send("PUT", "/state/pump-9/pause");
        assertEquals(200, refused.statusCode());
        assertEquals("{\n  \"message\": \"invalide nodeID pump-9, this pump's nodeID is pump-1\",\n  \"code\": 3,\n"
                + "  \"data\": null\n}\n", refused.body());

        HttpResponse<String> ok = send("PUT", "/state/pump-1/pause");
        assertEquals(200, ok.statusCode());
        assertEquals(PumpHttpApi.RENDER_JSON, ok.headers().firstValue("content-type").orElseThrow());
        JsonNode body = JSON.readTree(ok.body());
        assertEquals("apply action pause success!", body.get("message").asText());
        assertEquals(200, body.get("code").asInt());
        assertTrue(body.get("data").isNull());
        assertEquals(List.of("pause"), control.appliedActions);
        assertEquals(NodeState.PAUSING, control.state);

        JsonNode again = JSON.readTree(send("PUT", "/state/pump-1/close").body());
        assertEquals(3, again.get("code").asInt());
        assertEquals("this pump's state is pausing, apply close failed!", again.get("message").asText());
    }

    @Test
    void triggerGcSaysWhetherARoundStarted() throws Exception {
        assertEquals("trigger gc success\n", send("POST", "/debug/gc/trigger").body());
        assertEquals("gc is working\n", send("POST", "/debug/gc/trigger").body());
    }

    @Test
    void metricsAreServedOnTheGrpcPortInPrometheusTextFormat() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext().build();
        try {
            PumpGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .writeBinlog(WriteBinlogReq.newBuilder().setClusterID(CLUSTER).build());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        HttpResponse<String> response = send("GET", "/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("content-type").orElseThrow());
        assertTrue(response.body().contains(
                "binlog_pump_rpc_duration_seconds_count{method=\"WriteBinlog\",label=\"succ\",} 1.0"),
                response.body());
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> missing = send("GET", "/nothing/here");
        assertEquals(404, missing.statusCode());
        assertEquals("404 page not found\n", missing.body());
        assertEquals(405, send("POST", "/status").statusCode());
        assertEquals(405, send("GET", "/state/pump-1/pause").statusCode());
        assertEquals(405, send("GET", "/debug/gc/trigger").statusCode());
        assertEquals(List.of(), control.appliedActions);
    }

    @Test
    void oneKeptAliveConnectionAnswersPipelinedRequestsInOrder() throws Exception {
        control.drainers = List.of(NodeStatus.of("drainer-1", "10.0.0.9:8249", NodeState.ONLINE, 1, 0));
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /drainers HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /debug/gc/trigger HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
                    + "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = readToEnd(socket.getInputStream());
            int drainers = all.indexOf("drainer-1");
            int gc = all.indexOf("trigger gc success");
            int notFound = all.indexOf("404 page not found");
            assertTrue(drainers > 0 && gc > drainers && notFound > gc, all);
            assertEquals(3, all.split("HTTP/1.1 ", -1).length - 1, all);
        }
    }

    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
