package io.tidbbinlog.pump.resolve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status APIs of the TiDB servers registered in PD's etcd: each TiDB writes
 * {@code /topology/tidb/<ip:port>/info} = {@code {"version", "git_hash", "ip", "status_port", "deploy_path",
 * "start_timestamp", "labels"}} (tidb:domain/infosync/info.go TopologyInfo). Entries that do not parse are skipped
 * with a warning. Read on every call: the storage asks at most about once a second.
 */
public final class TopologyStatusUrls implements TidbStatusUrls {

    static final String PREFIX = "/topology/tidb/";
    private static final Logger LOG = LoggerFactory.getLogger(TopologyStatusUrls.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Client etcd;
    private final String scheme;
    private final Duration timeout;

    /**
     * @param etcd    a client of PD's etcd (the caller owns and closes it)
     * @param https   whether the TiDB status ports speak TLS ({@code [security]} configured)
     * @param timeout for one etcd read
     */
    public TopologyStatusUrls(Client etcd, boolean https, Duration timeout) {
        this.etcd = etcd;
        this.scheme = https ? "https" : "http";
        this.timeout = timeout;
    }

    @Override
    public List<String> urls() {
        ByteSequence prefix = ByteSequence.from(PREFIX, StandardCharsets.UTF_8);
        List<KeyValue> kvs;
        try {
            kvs = etcd.getKVClient().get(prefix, GetOption.builder().isPrefix(true).build())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).getKvs();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list " + PREFIX + " in etcd: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot list " + PREFIX + " in etcd: no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing " + PREFIX, e);
        }
        List<String> urls = new ArrayList<>();
        for (KeyValue kv : kvs) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (!key.endsWith("/info")) {
                continue;
            }
            try {
                JsonNode info = JSON.readTree(kv.getValue().getBytes());
                String ip = info.path("ip").asText("");
                int port = info.path("status_port").asInt(0);
                if (ip.isEmpty() || port <= 0) {
                    LOG.warn("TiDB topology entry {} has no ip/status_port: {}", key, info);
                    continue;
                }
                String host = ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip;
                urls.add(scheme + "://" + host + ":" + port);
            } catch (IOException e) {
                LOG.warn("TiDB topology entry {} is not JSON: {}", key, e.getMessage());
            }
        }
        return urls;
    }
}
