package io.tidbbinlog.pump.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.tidbbinlog.pd.PemSslContext;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.registry.NodeKind;
import io.tidbbinlog.registry.NodeRegistry;
import io.tidbbinlog.registry.NodeState;
import io.tidbbinlog.registry.NodeStatus;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.sim.pd.PdServer;
import io.tidbbinlog.sim.pd.PdServerConfig;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * binlogctl's commands (binlog:cmd/binlogctl/main.go, binlog:binlogctl/{config,nodes,meta,encrypt}.go) against a
 * real etcd, the simulated PD and a stand-in node HTTP server. Expected lines follow binlogctl's output quoted in
 * pingcap/docs get-started-with-tidb-binlog.md (1d549cb5bf8e1bd4e4dc17ad0c17ba885dbe1801).
 */
@ExtendWith(EtcdExtension.class)
class BinlogctlCommandTest {

    /** The tutorial's reader lived in US Eastern time: its lines end in "-0400 EDT". */
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");

    private final EtcdServer etcd;
    private NodeRegistry registry;

    @TempDir
    Path dir;

    BinlogctlCommandTest(EtcdServer etcd) {
        this.etcd = etcd;
    }

    @BeforeEach
    void emptyRegistry() {
        // binlogctl has no root option: tests share /tidb-binlog/v1 of this class's etcd and start from empty
        registry = NodeRegistry.connect(RegistryConfig.of(etcd.clientUrl()));
        for (NodeKind kind : NodeKind.values()) {
            registry.list(kind).nodes().forEach(node -> registry.delete(kind, node.nodeId()));
        }
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    private record Result(int status, String out, String err) {
    }

    private Result run(Map<String, String> env, Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BinlogctlCommand(env, clock).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result run(String... args) {
        return run(Map.of(), Clock.system(EASTERN), args);
    }

    private String[] withRegistry(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-pd-urls";
        all[1] = etcd.clientUrl();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private static long tsoAt(String instant) {
        return Instant.parse(instant).toEpochMilli() << 18;
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected <" + expected + "> in <" + actual + ">");
    }

    @Nested
    class Listing {

        @Test
        void pumpsArePrintedAsBinlogctlLogsThem() {
            registry.create(NodeKind.PUMP, NodeStatus.of("localhost.localdomain:8250", "192.168.236.128:8250",
                    NodeState.ONLINE, 407638914024079361L, tsoAt("2019-04-11T21:44:13.500Z")));

            Result result = run(withRegistry("-cmd", "pumps"));

            assertEquals(0, result.status(), result.err());
            assertTrue(result.out().matches("(?s)\\[\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} [-+]\\d\\d:\\d\\d] "
                    + "\\[INFO] \\[\"query node\"] \\[type=pump] \\[node=\"\\{NodeID: localhost.localdomain:8250, "
                    + "Addr: 192.168.236.128:8250, State: online, MaxCommitTS: 407638914024079361, "
                    + "UpdateTime: 2019-04-11 17:44:13 -0400 EDT}\"]\n"), result.out());
        }

        @Test
        void pumpsIsTheDefaultCommand() {
            registry.create(NodeKind.PUMP, NodeStatus.of("p1:8250", "127.0.0.1:8250", NodeState.PAUSED, 5, 0));

            Result result = run(withRegistry());

            assertEquals(0, result.status(), result.err());
            assertContains("{NodeID: p1:8250, Addr: 127.0.0.1:8250, State: paused, MaxCommitTS: 5, "
                    + "UpdateTime: 1969-12-31 19:00:00 -0500 EST}", result.out());
        }

        @Test
        void offlineNodesAreHiddenUnlessAskedFor() {
            registry.create(NodeKind.DRAINER, NodeStatus.of("d-online:8249", "127.0.0.1:8249", NodeState.ONLINE, 1, 0));
            registry.create(NodeKind.DRAINER, NodeStatus.of("d-offline:8249", "127.0.0.1:8248", NodeState.OFFLINE, 1, 0));

            Result hidden = run(withRegistry("-cmd", "drainers"));
            Result shown = run(withRegistry("-cmd", "drainers", "-show-offline-nodes"));

            assertEquals(1, hidden.out().lines().count(), hidden.out());
            assertContains("[type=drainer] [node=\"{NodeID: d-online:8249", hidden.out());
            assertEquals(2, shown.out().lines().count(), shown.out());
            assertContains("NodeID: d-offline:8249", shown.out());
        }

        @Test
        void pumpsAndDrainersAreListedSeparately() {
            registry.create(NodeKind.DRAINER, NodeStatus.of("d:8249", "127.0.0.1:8249", NodeState.ONLINE, 1, 0));

            assertEquals("", run(withRegistry("-cmd", "pumps")).out());
        }

        @Test
        void hostPortEndpointsAreAcceptedAsBinlogctlDoes() {
            registry.create(NodeKind.PUMP, NodeStatus.of("p:8250", "127.0.0.1:8250", NodeState.ONLINE, 1, 0));
            String hostPort = etcd.clientUrl().substring("http://".length());

            Result result = run("-pd-urls", hostPort, "-cmd", "pumps");

            assertEquals(0, result.status(), result.err());
            assertContains("NodeID: p:8250", result.out());
        }

        @Test
        void etcdUrlsNameTheRegistryWhenItIsNotPdsEtcd() throws IOException {
            registry.create(NodeKind.PUMP, NodeStatus.of("p:8250", "127.0.0.1:8250", NodeState.ONLINE, 1, 0));

            Result result = run("-pd-urls", "http://127.0.0.1:" + closedPort(), "-etcd-urls", etcd.clientUrl());

            assertEquals(0, result.status(), result.err());
            assertContains("NodeID: p:8250", result.out());
        }
    }

    @Nested
    class UpdateState {

        /** The tutorial's own command line (double dashes and joined values). */
        @Test
        void updateDrainerRewritesOnlyTheState() {
            NodeStatus before = NodeStatus.of("localhost.localdomain:8249", "192.168.236.128:8249", NodeState.PAUSED,
                    407638915597467649L, tsoAt("2019-04-11T21:44:18Z"));
            registry.create(NodeKind.DRAINER, before);

            Result result = run("--pd-urls=" + etcd.clientUrl(), "--cmd=update-drainer",
                    "--node-id=localhost.localdomain:8249", "--state=offline");

            assertEquals(0, result.status(), result.err());
            assertEquals(before.withState(NodeState.OFFLINE),
                    registry.get(NodeKind.DRAINER, "localhost.localdomain:8249").orElseThrow());
        }

        @Test
        void everyOneOfTheFiveStatesCanBeSet() {
            registry.create(NodeKind.PUMP, NodeStatus.of("p:8250", "127.0.0.1:8250", NodeState.ONLINE, 7, 9));
            for (NodeState state : NodeState.values()) {
                Result result = run(withRegistry("-cmd", "update-pump", "-node-id", "p:8250", "-state", state.jsonName()));
                assertEquals(0, result.status(), result.err());
                assertEquals(state, registry.get(NodeKind.PUMP, "p:8250").orElseThrow().state());
            }
        }

        @Test
        void anIllegalStateIsRefusedAndNothingChanges() {
            NodeStatus before = NodeStatus.of("p:8250", "127.0.0.1:8250", NodeState.ONLINE, 7, 9);
            registry.create(NodeKind.PUMP, before);

            Result result = run(withRegistry("-cmd", "update-pump", "-node-id", "p:8250", "-state", "Offline"));

            assertEquals(1, result.status());
            assertContains("[FATAL] [\"fail to execute command\"] [command=update-pump]", result.err());
            assertContains("state Offline is illegal", result.err());
            assertEquals(before, registry.get(NodeKind.PUMP, "p:8250").orElseThrow());
        }

        @Test
        void anUnknownNodeIsReportedBeforeTheState() {
            Result result = run(withRegistry("-cmd", "update-pump", "-node-id", "nobody:8250", "-state", "bogus"));

            assertEquals(1, result.status());
            assertContains("node nobody:8250 not found", result.err());
            assertContains("/tidb-binlog/v1/pumps/nobody:8250", result.err());
        }

        @Test
        void aNodeIdIsRequired() {
            Result result = run(withRegistry("-cmd", "update-pump", "-state", "offline"));

            assertEquals(1, result.status());
            assertContains("-node-id is required", result.err());
        }
    }

    @Nested
    class Actions {

        private final List<String> requests = new CopyOnWriteArrayList<>();
        private HttpServer node;

        @BeforeEach
        void startNode() throws IOException {
            node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            node.createContext("/", exchange -> {
                requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                // Pump refuses with HTTP 200 and code 3 in the body; binlogctl ignores the body either way
                byte[] body = "{\"message\":\"nodeID not match\",\"code\":3,\"data\":null}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            node.start();
        }

        @AfterEach
        void stopNode() {
            node.stop(0);
        }

        private String host() {
            return "127.0.0.1:" + node.getAddress().getPort();
        }

        @Test
        void pausePumpSendsPauseToTheHostInTheRegistry() {
            NodeStatus pump = NodeStatus.of("pump-1:8250", host(), NodeState.ONLINE, 3, 4);
            registry.create(NodeKind.PUMP, pump);

            Result result = run(withRegistry("-cmd", "pause-pump", "-node-id", "pump-1:8250"));

            assertEquals(0, result.status(), result.err());
            assertEquals(List.of("PUT /state/pump-1:8250/pause"), requests);
            assertContains("[\"Apply action on node success\"] [action=pause] [NodeID=pump-1:8250]", result.out());
            assertEquals(pump, registry.get(NodeKind.PUMP, "pump-1:8250").orElseThrow(), "binlogctl leaves etcd alone");
        }

        @Test
        void offlineDrainerSendsClose() {
            registry.create(NodeKind.DRAINER, NodeStatus.of("drainer-1:8249", host(), NodeState.ONLINE, 3, 4));

            Result result = run(withRegistry("-cmd", "offline-drainer", "-node-id", "drainer-1:8249"));

            assertEquals(0, result.status(), result.err());
            assertEquals(List.of("PUT /state/drainer-1:8249/close"), requests);
        }

        @Test
        void pauseDrainerAndOfflinePumpLookInTheirOwnFolder() {
            registry.create(NodeKind.DRAINER, NodeStatus.of("n:1", host(), NodeState.ONLINE, 0, 0));
            registry.create(NodeKind.PUMP, NodeStatus.of("n:1", host(), NodeState.ONLINE, 0, 0));

            assertEquals(0, run(withRegistry("-cmd", "pause-drainer", "-node-id", "n:1")).status());
            assertEquals(0, run(withRegistry("-cmd", "offline-pump", "-node-id", "n:1")).status());
            assertEquals(List.of("PUT /state/n:1/pause", "PUT /state/n:1/close"), requests);
        }

        @Test
        void anUnreachableNodeIsAnError() throws IOException {
            String deadHost = "127.0.0.1:" + closedPort();
            registry.create(NodeKind.PUMP, NodeStatus.of("gone:8250", deadHost, NodeState.ONLINE, 0, 0));

            Result result = run(withRegistry("-cmd", "offline-pump", "-node-id", "gone:8250"));

            assertEquals(1, result.status());
            assertContains("[command=offline-pump]", result.err());
        }

        @Test
        void anUnknownNodeIsAnErrorAndNothingIsSent() {
            Result result = run(withRegistry("-cmd", "pause-pump", "-node-id", "nobody:8250"));

            assertEquals(1, result.status());
            assertContains("node nobody:8250 not found", result.err());
            assertEquals(List.of(), requests);
        }
    }

    @Test
    void withTlsFilesTheRegistryAndTheNodeAreReachedOverHttps() throws Exception {
        TestCertificates certs = TestCertificates.shared();
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpsServer node = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.setHttpsConfigurator(new HttpsConfigurator(
                PemSslContext.of(new TlsFiles(certs.caCert(), certs.serverCert(), certs.serverKey()))) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        node.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        node.start();
        try (EtcdServer tlsEtcd = EtcdServer.launchWithTls(certs);
             NodeRegistry tlsRegistry = NodeRegistry.connect(RegistryConfig.of(tlsEtcd.clientUrl())
                     .withTls(new TlsFiles(certs.caCert(), certs.clientCert(), certs.clientKey())))) {
            tlsRegistry.create(NodeKind.PUMP, NodeStatus.of("secure:8250", "127.0.0.1:" + node.getAddress().getPort(),
                    NodeState.ONLINE, 0, 0));

            Result result = run("-pd-urls", tlsEtcd.clientUrl(), "-ssl-ca", certs.caCert().toString(),
                    "-ssl-cert", certs.clientCert().toString(), "-ssl-key", certs.clientKey().toString(),
                    "-cmd", "pause-pump", "-node-id", "secure:8250");

            assertEquals(0, result.status(), result.err());
            assertEquals(List.of("PUT /state/secure:8250/pause"), requests);
        } finally {
            node.stop(0);
        }
    }

    @Nested
    class GenerateMeta {

        /** PD's clock is fixed, so the TSO's physical part is this instant (half a second into 09:29:57). */
        private final Instant pdTime = Instant.parse("2019-04-28T09:29:57.500Z");
        private PdServer pd;

        @BeforeEach
        void startPd() {
            pd = PdServer.start(PdServerConfig.inMemory().withClock(Clock.fixed(pdTime, ZoneId.of("UTC"))));
        }

        @AfterEach
        void stopPd() {
            pd.close();
        }

        private long commitTs(String savepoint) {
            Matcher m = Pattern.compile("\\AcommitTS = (\\d+)\n").matcher(savepoint);
            assertTrue(m.find(), savepoint);
            return Long.parseLong(m.group(1));
        }

        @Test
        void writesPdsTimestampToSavepoint() throws IOException {
            Path dataDir = dir.resolve("binlog_position");

            Result result = run("-pd-urls", pd.url(), "-cmd", "generate_meta", "-data-dir", dataDir.toString());

            assertEquals(0, result.status(), result.err());
            String savepoint = Files.readString(dataDir.resolve("savepoint"));
            long ts = commitTs(savepoint);
            assertEquals("commitTS = " + ts + "\n", savepoint);
            assertEquals(pdTime.toEpochMilli(), ts >> 18);
            assertContains("[\"save meta\"] [meta=\"commitTS: " + ts + "\"]", result.out());
        }

        @Test
        void aTimeZoneAddsTheTimeInUtcAndInThatZone() throws IOException {
            Result result = run("-pd-urls", pd.url(), "-cmd", "generate_meta", "-data-dir", dir.toString(),
                    "-time-zone", "Asia/Shanghai");

            assertEquals(0, result.status(), result.err());
            String savepoint = Files.readString(dir.resolve("savepoint"));
            assertEquals("commitTS = " + commitTs(savepoint) + "\n"
                    + "2019-04-28 09:29:57 +0000 UTC\n"
                    + "2019-04-28 17:29:57 +0800 CST", savepoint);
        }

        @Test
        void localIsTheMachinesZone() throws IOException {
            Result result = run(Map.of(), Clock.system(EASTERN), "-pd-urls", pd.url(), "-cmd", "generate_meta",
                    "-data-dir", dir.toString(), "-time-zone", "Local");

            assertEquals(0, result.status(), result.err());
            assertTrue(Files.readString(dir.resolve("savepoint")).endsWith("\n2019-04-28 05:29:57 -0400 EDT"));
        }

        @Test
        void anUnknownTimeZoneOnlyDropsTheTimeLines() throws IOException {
            Result result = run("-pd-urls", pd.url(), "-cmd", "generate_meta", "-data-dir", dir.toString(),
                    "-time-zone", "Mars/Olympus_Mons");

            assertEquals(0, result.status(), result.err());
            assertContains("[WARN] [\"fail to load location\"]", result.out());
            String savepoint = Files.readString(dir.resolve("savepoint"));
            assertEquals("commitTS = " + commitTs(savepoint) + "\n", savepoint);
        }

        @Test
        void aSecondRunReplacesTheSavepoint() throws IOException {
            run("-pd-urls", pd.url(), "-cmd", "generate_meta", "-data-dir", dir.toString());
            long first = commitTs(Files.readString(dir.resolve("savepoint")));
            run("-pd-urls", pd.url(), "-cmd", "generate_meta", "-data-dir", dir.toString());
            long second = commitTs(Files.readString(dir.resolve("savepoint")));

            assertTrue(second > first, first + " then " + second);
            try (var files = Files.list(dir)) {
                assertEquals(List.of(dir.resolve("savepoint")), files.toList(), "no temporary file left behind");
            }
        }

        @Test
        void anUnreachablePdIsAnError() throws IOException {
            Result result = run("-pd-urls", "http://127.0.0.1:" + closedPort(), "-cmd", "generate_meta",
                    "-data-dir", dir.toString());

            assertEquals(1, result.status());
            assertContains("[command=generate_meta]", result.err());
            assertFalse(Files.exists(dir.resolve("savepoint")));
        }
    }

    @Nested
    class Encrypt {

        private String encrypted(Result result) {
            Matcher m = Pattern.compile("\\[\"encrypt text\"] \\[encrypted=\"?([A-Za-z0-9+/=]+)\"?]").matcher(result.out());
            assertTrue(m.find(), result.out());
            return m.group(1);
        }

        @Test
        void withTheDefaultKey() {
            Result result = run("-cmd", "encrypt", "-text", "abc!@#123");

            assertEquals(0, result.status(), result.err());
            assertContains("[WARN] [\"use the default secret key to encrypt\"]", result.out());
            assertEquals("abc!@#123", SecretCipher.withDefaultKey().decrypt(encrypted(result)));
        }

        @Test
        void withBinlogSecretKey() {
            String hex = "000102030405060708090a0b0c0d0e0f1011121314151617";
            Result result = run(Map.of("BINLOG_SECRET_KEY", hex), Clock.systemUTC(), "-cmd", "encrypt", "-text", "pw");

            assertEquals(0, result.status(), result.err());
            assertFalse(result.out().contains("default secret key"));
            String ciphertext = encrypted(result);
            assertEquals("pw", SecretCipher.fromEnvironment(Map.of("BINLOG_SECRET_KEY", hex)).decrypt(ciphertext));
            assertEquals(16 + 1 + 2, Base64.getDecoder().decode(ciphertext).length);
        }

        @Test
        void aBadKeyIsAnError() {
            Result result = run(Map.of("BINLOG_SECRET_KEY", "abcd"), Clock.systemUTC(), "-cmd", "encrypt", "-text", "pw");

            assertEquals(1, result.status());
            assertContains("BINLOG_SECRET_KEY", result.err());
        }

        @Test
        void theTextIsRequired() {
            Result result = run("-cmd", "encrypt");

            assertEquals(1, result.status());
            assertContains("need to specify the text to be encrypt", result.err());
        }
    }

    @Nested
    class CommandLine {

        @Test
        void versionIsPrinted() {
            Result result = run("-V");

            assertEquals(0, result.status());
            assertTrue(result.out().startsWith("Release Version: "), result.out());
        }

        @Test
        void anUnknownFlagIsABadCommandLine() {
            Result result = run("-cmd", "pumps", "-pd", "x");

            assertEquals(2, result.status());
            assertContains("flag provided but not defined: -pd", result.err());
            assertContains("Usage of binlogctl:", result.err());
        }

        @Test
        void aStrayArgumentIsABadCommandLine() {
            Result result = run("-cmd", "pumps", "extra");

            assertEquals(2, result.status());
            assertContains("'extra' is not a valid flag", result.err());
        }

        @Test
        void badPdUrlsAreABadCommandLine() {
            Result result = run("-pd-urls", "ftp://127.0.0.1:2379");

            assertEquals(2, result.status());
            assertContains("parse pd-urls error: ftp://127.0.0.1:2379", result.err());
        }

        @Test
        void aCertificateWithoutItsKeyIsABadCommandLine() {
            TestCertificates certs = TestCertificates.shared();
            Result result = run("-ssl-ca", certs.caCert().toString(), "-ssl-cert", certs.clientCert().toString());

            assertEquals(2, result.status());
            assertContains("tls config error", result.err());
        }

        @Test
        void anUnknownCommandIsNotSupported() {
            Result result = run("-cmd", "delete-pump");

            assertEquals(1, result.status());
            assertContains("cmd delete-pump not supported", result.err());
        }

        @Test
        void helpIsNotAnError() {
            Result result = run("-h");

            assertEquals(0, result.status());
            assertContains("-show-offline-nodes", result.err());
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
