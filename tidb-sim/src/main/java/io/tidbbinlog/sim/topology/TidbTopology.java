package io.tidbbinlog.sim.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.grpc.stub.StreamObserver;
import io.tidbbinlog.pd.TlsFiles;
import io.tidbbinlog.registry.RegistryConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a TiDB server publishes about itself in PD's etcd (tidb:domain/infosync/info.go StoreTopologyInfo,
 * updateTopologyAliveness), which tools such as Pump's lost-commit resolver and TiUP read:
 * <ul>
 *   <li>{@code /topology/tidb/<host:port>/info} = {@code {"version", "git_hash", "ip", "status_port",
 *       "deploy_path", "start_timestamp", "labels"}}, without lease, deleted at close;</li>
 *   <li>{@code /topology/tidb/<host:port>/ttl} = the current Unix time in nanoseconds, under a 45 s lease kept
 *       alive while the server runs (TiDB's {@code TopologySessionTTL}).</li>
 * </ul>
 * TiDB names the key by its SQL address; the simulator has no SQL port, so its key uses the status port in its
 * place, which keeps several simulated TiDBs on one host apart.
 */
public final class TidbTopology implements AutoCloseable {

    public static final String PREFIX = "/topology/tidb/";
    static final long TTL_SECONDS = 45;
    private static final Logger LOG = LoggerFactory.getLogger(TidbTopology.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Client client;
    private final String address;
    private final long leaseId;

    private TidbTopology(Client client, String address, long leaseId) {
        this.client = client;
        this.address = address;
        this.leaseId = leaseId;
    }

    /**
     * Publishes the topology of a TiDB whose status API listens on {@code host:statusPort}.
     *
     * @throws IllegalStateException when etcd cannot be written
     */
    public static TidbTopology register(RegistryConfig registry, String host, int statusPort, String version,
                                        String gitHash, String deployPath, Clock clock) {
        Client client = connect(registry);
        try {
            String address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + statusPort;
            ObjectNode info = JSON.createObjectNode();
            info.put("version", version);
            info.put("git_hash", gitHash);
            info.put("ip", host);
            info.put("status_port", statusPort);
            info.put("deploy_path", deployPath);
            info.put("start_timestamp", clock.millis() / 1000);
            info.putObject("labels");
            await(client.getKVClient().put(bytes(PREFIX + address + "/info"), bytes(info.toString())));
            long leaseId = await(client.getLeaseClient().grant(TTL_SECONDS)).getID();
            await(client.getKVClient().put(bytes(PREFIX + address + "/ttl"),
                    bytes(Long.toString(clock.millis() * 1_000_000L)),
                    PutOption.builder().withLeaseId(leaseId).build()));
            client.getLeaseClient().keepAlive(leaseId, new StreamObserver<>() {
                @Override
                public void onNext(LeaseKeepAliveResponse value) {
                }

                @Override
                public void onError(Throwable t) {
                    LOG.warn("TiDB topology lease of {} lost: {}", address, t.getMessage());
                }

                @Override
                public void onCompleted() {
                }
            });
            LOG.info("TiDB topology registered at {}{}", PREFIX, address);
            return new TidbTopology(client, address, leaseId);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** {@code host:port} the keys are named by. */
    public String address() {
        return address;
    }

    /** Removes the entry as TiDB does when it shuts down. */
    @Override
    public void close() {
        try {
            await(client.getKVClient().delete(bytes(PREFIX + address + "/info")));
            await(client.getLeaseClient().revoke(leaseId));
        } catch (RuntimeException e) {
            LOG.warn("cannot remove TiDB topology {}: {}", address, e.getMessage());
        } finally {
            client.close();
        }
    }

    private static Client connect(RegistryConfig registry) {
        ClientBuilder builder = Client.builder().endpoints(registry.endpoints().urls().toArray(new URI[0]))
                .connectTimeout(Duration.ofSeconds(5));
        TlsFiles tls = registry.tls();
        if (registry.endpoints().usesTls() && tls != null) {
            try {
                builder.sslContext(ssl -> {
                    ssl.trustManager(tls.caFile().toFile());
                    if (tls.hasClientCertificate()) {
                        ssl.keyManager(tls.certFile().toFile(), tls.keyFile().toFile());
                    }
                });
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up TLS to etcd " + registry.endpoints() + ": "
                        + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot write TiDB topology to etcd: " + e.getCause().getMessage(), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot write TiDB topology to etcd: no answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing TiDB topology", e);
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
