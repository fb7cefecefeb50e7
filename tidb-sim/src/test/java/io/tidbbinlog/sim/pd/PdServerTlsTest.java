package io.tidbbinlog.sim.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.pd.ClusterUrls;
import io.tidbbinlog.pd.PdClient;
import io.tidbbinlog.pd.PdClientConfig;
import io.tidbbinlog.pd.PdException;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.testservices.TestCertificates;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

/** PD's [security] section: with a CA, clients must present a certificate signed by it. */
class PdServerTlsTest {

    private final TestCertificates certs = TestCertificates.shared();

    @Test
    void servesPdClientsOverMutualTls() {
        PdTls tls = new PdTls(certs.serverCert(), certs.serverKey(), certs.caCert());
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withTls(tls));
             PdClient client = PdClient.connect(new PdClientConfig(ClusterUrls.parse(pd.url()),
                     new TlsFiles(certs.caCert(), certs.clientCert(), certs.clientKey()), Duration.ofSeconds(10)))) {
            assertTrue(pd.url().startsWith("https://127.0.0.1:"), pd.url());
            assertEquals(pd.clusterId(), client.clusterId());
            long a = client.getTs();
            assertTrue(client.getTs() > a);
        }
    }

    @Test
    void refusesClientsWithoutACertificateWhenACaIsConfigured() {
        PdTls tls = new PdTls(certs.serverCert(), certs.serverKey(), certs.caCert());
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withTls(tls))) {
            PdClientConfig config = new PdClientConfig(ClusterUrls.parse(pd.url()),
                    new TlsFiles(certs.caCert(), null, null), Duration.ofSeconds(3));
            assertThrows(PdException.class, () -> PdClient.connect(config).close());
        }
    }

    @Test
    void serverOnlyTlsAcceptsClientsThatOnlyTrustTheCa() {
        PdTls tls = new PdTls(certs.serverCert(), certs.serverKey(), null);
        try (PdServer pd = PdServer.start(PdServerConfig.inMemory().withTls(tls));
             PdClient client = PdClient.connect(new PdClientConfig(ClusterUrls.parse(pd.url()),
                     new TlsFiles(certs.caCert(), null, null), Duration.ofSeconds(10)))) {
            assertTrue(client.getTs() > 0);
        }
    }

    @Test
    void missingTlsFilesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PdTls(Path.of("/no/such/cert.pem"), certs.serverKey(), null));
        assertTrue(e.getMessage().contains("cert-path"), e.getMessage());
    }
}
