package io.tidbbinlog.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.testservices.EtcdServer;
import io.tidbbinlog.testservices.TestCertificates;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NodeRegistryTlsTest {

    private static final TestCertificates CERTS = TestCertificates.shared();
    private static EtcdServer etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdServer.launchWithTls(CERTS);
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    @Test
    void registersOverMutualTls() {
        RegistryConfig config = RegistryConfig.of(etcd.clientUrl())
                .withTls(new TlsFiles(CERTS.caCert(), CERTS.clientCert(), CERTS.clientKey()));
        try (NodeRegistry registry = NodeRegistry.connect(config)) {
            registry.create(NodeKind.DRAINER, NodeStatus.of("d1", "127.0.0.1:8249", NodeState.ONLINE, 1, 2));
            assertEquals(List.of("d1"),
                    registry.list(NodeKind.DRAINER).nodes().stream().map(NodeStatus::nodeId).toList());
        }
    }

    @Test
    void withoutAClientCertificateEtcdRefuses() {
        RegistryConfig config = RegistryConfig.of(etcd.clientUrl())
                .withTls(new TlsFiles(CERTS.caCert(), null, null))
                .withRequestTimeout(Duration.ofSeconds(3));
        try (NodeRegistry registry = NodeRegistry.connect(config)) {
            assertThrows(RegistryException.class, () -> registry.get(NodeKind.PUMP, "p1"));
        }
    }

    @Test
    void tlsFilesNeedHttpsUrls() {
        assertThrows(IllegalArgumentException.class, () -> RegistryConfig.of("http://127.0.0.1:2379")
                .withTls(new TlsFiles(CERTS.caCert(), null, null)));
    }
}
