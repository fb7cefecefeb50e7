package io.tidbbinlog.registry;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.tidbbinlog.pd.TlsFiles;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/** Builds jetcd clients from a {@link RegistryConfig}, on daemon threads so that no JVM waits for them. */
final class EtcdClients {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private EtcdClients() {
    }

    /** The client and the executor it runs callbacks on; both are closed by the registry that owns them. */
    record Built(Client client, ExecutorService executor) {
    }

    static Built build(RegistryConfig config) {
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "etcd-registry-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ClientBuilder builder = Client.builder()
                .endpoints(config.endpoints().urls().toArray(new java.net.URI[0]))
                .executorService(executor)
                .connectTimeout(Duration.ofSeconds(5))
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                .retryDelay(100)
                .retryMaxDelay(2000);
        try {
            if (config.endpoints().usesTls()) {
                TlsFiles tls = config.tls();
                builder.sslContext(ssl -> {
                    if (tls != null) {
                        ssl.trustManager(tls.caFile().toFile());
                        if (tls.hasClientCertificate()) {
                            ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
                        }
                    }
                });
            }
            return new Built(builder.build(), executor);
        } catch (SSLException | RuntimeException e) {
            executor.shutdownNow();
            throw new RegistryException("cannot set up the etcd client for " + config.endpoints() + ": "
                    + e.getMessage(), e);
        }
    }
}
