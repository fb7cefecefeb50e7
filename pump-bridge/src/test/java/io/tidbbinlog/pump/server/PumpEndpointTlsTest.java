package io.tidbbinlog.pump.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.proto.pump.PumpGrpc;
import io.tidbbinlog.proto.pump.WriteBinlogReq;
import io.tidbbinlog.pump.metrics.PumpMetrics;
import io.tidbbinlog.testservices.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TLS on the shared port ({@code [security]}, binlog:pkg/security/security.go ToTLSConfig; binlog:pump/server.go
 * Start applies TLS before cmux): gRPC and HTTPS on one port, a client certificate signed by the CA required,
 * {@code cert-allowed-cn} enforced for both. Certificates: {@link TestCertificates} (client CN
 * "tidb-binlog-test-client").
 */
class PumpEndpointTlsTest {

    private static final long CLUSTER = 5;
    private static final String CLIENT_CN = "tidb-binlog-test-client";
    private static final TestCertificates CERTS = TestCertificates.shared();

    private final FakePumpControl control = new FakePumpControl("pump-1");
    private final PumpMetrics metrics = new PumpMetrics();
    private PumpService service;
    private PumpEndpoint endpoint;

    private void start(List<String> allowedCn) {
        service = new PumpService(CLUSTER, new InMemoryBinlogStorage(), control, metrics);
        TlsFiles files = new TlsFiles(CERTS.caCert(), CERTS.serverCert(), CERTS.serverKey());
        endpoint = new PumpEndpoint(EndpointSettings.plain("127.0.0.1", 0).withTls(files, allowedCn), service,
                control, metrics).start();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
            endpoint.shutdown(Duration.ofSeconds(1));
        }
    }

    private String probe(boolean withClientCert) throws Exception {
        TlsChannelCredentials.Builder creds = TlsChannelCredentials.newBuilder().trustManager(CERTS.caCert().toFile());
        if (withClientCert) {
            creds.keyManager(CERTS.clientCert().toFile(), CERTS.clientKey().toFile());
        }
        ChannelCredentials credentials = creds.build();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port(), credentials).build();
        try {
            return PumpGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .writeBinlog(WriteBinlogReq.newBuilder().setClusterID(CLUSTER).build()).getErrmsg();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private HttpResponse<String> httpsGet(boolean withClientCert, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(sslContext(withClientCert)).connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(20)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void grpcAndHttpsShareTheTlsPort() throws Exception {
        start(List.of());
        assertEquals("", probe(true));
        HttpResponse<String> response = httpsGet(true, "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("binlog_pump_rpc_duration_seconds_count{method=\"WriteBinlog\""),
                response.body());
    }

    @Test
    void aClientWithoutCertificateIsServedWhenNoCommonNamesAreListed_AsPump() throws Exception {
        // pkg/security ToTLSConfig asks for a client certificate only together with cert-allowed-cn
        start(List.of());
        assertEquals("", probe(false));
        assertEquals(200, httpsGet(false, "/status").statusCode());
    }

    @Test
    void aClientWithoutCertificateIsRefusedWhenCommonNamesAreListed() throws Exception {
        start(List.of("tidb-binlog-test-client"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> probe(false));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertThrows(IOException.class, () -> httpsGet(false, "/status"));
    }

    @Test
    void aPlainTextClientGetsNothingFromTheTlsPort() {
        start(List.of());
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", endpoint.port()).usePlaintext().build();
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> PumpGrpc
                    .newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                    .writeBinlog(WriteBinlogReq.newBuilder().setClusterID(CLUSTER).build()));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void certAllowedCnAdmitsAListedCommonName() throws Exception {
        start(List.of("someone-else", " " + CLIENT_CN + " "));
        assertEquals("", probe(true));
        assertEquals(200, httpsGet(true, "/status").statusCode());
    }

    @Test
    void certAllowedCnRefusesAnUnlistedCommonNameForGrpcAndHttp() {
        start(List.of("someone-else"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> probe(true));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertThrows(IOException.class, () -> httpsGet(true, "/status"));
    }

    private static SSLContext sslContext(boolean withClientCert) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(CERTS.caCert())) {
            trust.setCertificateEntry("ca", x509.generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCert) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            Certificate cert;
            try (InputStream in = Files.newInputStream(CERTS.clientCert())) {
                cert = x509.generateCertificate(in);
            }
            char[] password = "test".toCharArray();
            keys.setKeyEntry("client", pkcs8Key(CERTS.clientKey()), password, new Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static PrivateKey pkcs8Key(Path pem) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
