package io.tidbbinlog.sim.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.tidbbinlog.registry.RegistryConfig;
import io.tidbbinlog.testservices.EtcdExtension;
import io.tidbbinlog.testservices.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TiDB's topology entries (tidb:domain/infosync/info.go TopologyInfo, StoreTopologyInfo, updateTopologyAliveness). */
@ExtendWith(EtcdExtension.class)
class TidbTopologyTest {

    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void publishesInfoAndALeasedTtlKeyAndRemovesThemAtClose(EtcdServer etcd) throws Exception {
        try (Client client = Client.builder().endpoints(etcd.clientUrl()).build()) {
            TidbTopology topology = TidbTopology.register(RegistryConfig.of(etcd.clientUrl()), "127.0.0.1", 10080,
                    "8.0.11-TiDB-v7.5.0", "None", "/deploy/tidb", Clock.fixed(START, ZoneOffset.UTC));
            assertEquals("127.0.0.1:10080", topology.address());

            KeyValue info = single(client, "/topology/tidb/127.0.0.1:10080/info");
            JsonNode json = new ObjectMapper().readTree(info.getValue().getBytes());
            assertEquals("8.0.11-TiDB-v7.5.0", json.get("version").asText());
            assertEquals("None", json.get("git_hash").asText());
            assertEquals("127.0.0.1", json.get("ip").asText());
            assertEquals(10080, json.get("status_port").asInt());
            assertEquals("/deploy/tidb", json.get("deploy_path").asText());
            assertEquals(START.getEpochSecond(), json.get("start_timestamp").asLong());
            assertTrue(json.get("labels").isObject() && json.get("labels").isEmpty());
            assertEquals(0, info.getLease(), "the info key lives without lease, as TiDB's");

            KeyValue ttl = single(client, "/topology/tidb/127.0.0.1:10080/ttl");
            assertEquals(Long.toString(START.toEpochMilli() * 1_000_000L), ttl.getValue().toString());
            assertTrue(ttl.getLease() != 0, "the ttl key expires with its lease");

            topology.close();
            assertEquals(List.of(), keys(client));
        }
    }

    private static KeyValue single(Client client, String key) throws Exception {
        List<KeyValue> kvs = client.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
                .get(10, TimeUnit.SECONDS).getKvs();
        assertEquals(1, kvs.size(), key);
        return kvs.get(0);
    }

    private static List<String> keys(Client client) throws Exception {
        return client.getKVClient().get(ByteSequence.from(TidbTopology.PREFIX, StandardCharsets.UTF_8),
                        GetOption.builder().isPrefix(true).build()).get(10, TimeUnit.SECONDS).getKvs().stream()
                .map(kv -> kv.getKey().toString()).toList();
    }
}
