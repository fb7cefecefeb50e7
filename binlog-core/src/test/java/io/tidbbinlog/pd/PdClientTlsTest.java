package io.tidbbinlog.pd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidbbinlog.testservices.TestCertificates;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PdClientTlsTest {

    private final TestCertificates certs = TestCertificates.shared();

    @Test
    void talksToPdOverMutualTls() {
        try (FakePd pd = FakePd.startTls("secure", certs);
             PdClient client = PdClient.connect(new PdClientConfig(ClusterUrls.parse(pd.url()),
                     new TlsFiles(certs.caCert(), certs.clientCert(), certs.clientKey()), Duration.ofSeconds(10)))) {
            assertEquals(FakePd.CLUSTER_ID, client.clusterId());
            assertTrue(client.getTs() > 0);
        }
    }

    @Test
    void withoutAClientCertificatePdRefusesTheConnection() {
        try (FakePd pd = FakePd.startTls("secure", certs)) {
            PdClientConfig config = new PdClientConfig(ClusterUrls.parse(pd.url()),
                    new TlsFiles(certs.caCert(), null, null), Duration.ofSeconds(3));
            PdException e = assertThrows(PdException.class, () -> PdClient.connect(config).close());
            assertTrue(e.getMessage().contains(pd.url()), e.getMessage());
        }
    }

    @Test
    void tlsFilesMustExistAndComeAsCertKeyPairs() {
        assertThrows(IllegalArgumentException.class, () -> TlsFiles.fromConfig("/no/such/ca.pem", "", ""));
        assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.fromConfig(certs.caCert().toString(), certs.clientCert().toString(), ""));
        assertEquals(null, TlsFiles.fromConfig("", " ", null));
        assertThrows(IllegalArgumentException.class, () -> PdClientConfig.of("http://127.0.0.1:2379")
                .withTls(new TlsFiles(certs.caCert(), null, null)));
    }
}
