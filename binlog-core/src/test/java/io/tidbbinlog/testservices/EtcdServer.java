package io.tidbbinlog.testservices;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private single-member etcd (Debian's {@code etcd}, 3.4) on loopback ports chosen at run time, with its data
 * in a temp directory. Ready once {@code /health} reports {@code "health":"true"}.
 *
 * <pre>{@code
 * try (EtcdServer etcd = EtcdServer.launch()) {
 *     Client client = Client.builder().endpoints(etcd.clientUrl()).build();
 *     ...
 *     etcd.kill();   // kill -9
 *     etcd.start();  // same port, same data
 * }
 * }</pre>
 */
public final class EtcdServer extends ServerProcess {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Shared<EtcdServer> SHARED = new Shared<>(EtcdServer::launch);

    private final String binary;
    private final TestCertificates tls;
    private int clientPort;
    private int peerPort;
    private int metricsPort;
    private int[] firstChoice;

    private EtcdServer(TestCertificates tls) {
        super("etcd", START_TIMEOUT);
        this.binary = requireBinary("etcd");
        this.tls = tls;
    }

    private EtcdServer() {
        this(null);
    }

    /**
     * Starts a private etcd serving clients over https only, with the certificates' server certificate, and
     * requiring a client certificate signed by their CA.
     */
    public static EtcdServer launchWithTls(TestCertificates certificates) {
        EtcdServer server = new EtcdServer(certificates);
        return started(server);
    }

    /** Starts a new private etcd; the caller closes it. */
    public static EtcdServer launch() {
        EtcdServer server = new EtcdServer();
        return started(server);
    }

    /** Starts with the given ports on the first attempt (for testing the retry on a taken port). */
    static EtcdServer launchPreferring(int clientPort, int peerPort) {
        EtcdServer server = new EtcdServer();
        server.firstChoice = new int[] {clientPort, peerPort};
        return started(server);
    }

    /**
     * One etcd shared by every test in this JVM that asks for it, started on first use and closed at JVM exit.
     * Tests sharing it must use their own key prefixes, and must not stop it.
     */
    public static EtcdServer shared() {
        return SHARED.get();
    }

    /** {@code http://127.0.0.1:<port>} ({@code https} with TLS): what pd-urls / etcd-urls would name. */
    public String clientUrl() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + clientPort;
    }

    public int clientPort() {
        return clientPort;
    }

    @Override
    protected void choosePorts() {
        int[] ports = FreePorts.pick(3);
        if (firstChoice != null) {
            ports = new int[] {firstChoice[0], firstChoice[1], ports[2]};
            firstChoice = null;
        }
        clientPort = ports[0];
        peerPort = ports[1];
        metricsPort = ports[2];
    }

    @Override
    protected List<String> command() {
        String client = clientUrl();
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> cmd = new ArrayList<>(List.of(binary,
                "--name", "test",
                "--data-dir", workDir().resolve("data").toString(),
                "--listen-client-urls", client,
                "--advertise-client-urls", client,
                "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer,
                "--initial-cluster-state", "new",
                // plain-text /health whatever the client URL's security, for the readiness check
                "--listen-metrics-urls", "http://127.0.0.1:" + metricsPort,
                "--log-level", "warn"));
        if (tls != null) {
            cmd.addAll(List.of(
                    "--cert-file", tls.serverCert().toString(),
                    "--key-file", tls.serverKey().toString(),
                    "--trusted-ca-file", tls.caCert().toString(),
                    "--client-cert-auth"));
        }
        return cmd;
    }

    @Override
    protected boolean isReady() {
        try {
            URI health = URI.create("http://127.0.0.1:" + metricsPort + "/health");
            HttpURLConnection conn = (HttpURLConnection) health.toURL().openConnection();
            conn.setConnectTimeout(500);
            conn.setReadTimeout(1000);
            try (InputStream in = conn.getInputStream()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return conn.getResponseCode() == 200 && body.replace(" ", "").contains("\"health\":\"true\"");
            } finally {
                conn.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    protected boolean logShowsPortCollision(String log) {
        return log.contains("address already in use");
    }
}
