package io.tidbbinlog.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The value of a registry key (spec §5.2): what a pump or drainer says about itself. Serialises to exactly the
 * keys and order TiDB Binlog writes ({@code nodeId, host, state, isAlive, score, label, maxCommitTS,
 * updateTS}), reads entries written by any TiDB Binlog version (unknown keys are ignored, missing numbers are 0).
 *
 * @param nodeId      usually {@code hostname:port}
 * @param host        advertised {@code host:port}, no scheme
 * @param alive       {@code isAlive}: not maintained by TiDB Binlog, normally false
 * @param score       unused, 0
 * @param label       unused, normally null
 * @param maxCommitTS pump: its storage watermark; drainer: its checkpoint commit_ts
 * @param updateTS    approximate TSO of the last update; 0 when written at shutdown
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"nodeId", "host", "state", "isAlive", "score", "label", "maxCommitTS", "updateTS"})
public record NodeStatus(
        @JsonProperty("nodeId") String nodeId,
        @JsonProperty("host") String host,
        @JsonProperty("state") NodeState state,
        @JsonProperty("isAlive") boolean alive,
        @JsonProperty("score") long score,
        @JsonProperty("label") NodeLabel label,
        @JsonProperty("maxCommitTS") long maxCommitTS,
        @JsonProperty("updateTS") long updateTS) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public NodeStatus {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(state, "state");
        if (nodeId.isEmpty() || nodeId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("node id must be non-empty and contain no '/': '" + nodeId + "'");
        }
        if (host == null) {
            host = "";
        }
    }

    /** A node entry as a node writes it for itself: alive false, score 0, no label. */
    public static NodeStatus of(String nodeId, String host, NodeState state, long maxCommitTS, long updateTS) {
        return new NodeStatus(nodeId, host, state, false, 0, null, maxCommitTS, updateTS);
    }

    public NodeStatus withState(NodeState newState) {
        return new NodeStatus(nodeId, host, newState, alive, score, label, maxCommitTS, updateTS);
    }

    public NodeStatus withMaxCommitTS(long newMaxCommitTS) {
        return new NodeStatus(nodeId, host, state, alive, score, label, newMaxCommitTS, updateTS);
    }

    public NodeStatus withUpdateTS(long newUpdateTS) {
        return new NodeStatus(nodeId, host, state, alive, score, label, maxCommitTS, newUpdateTS);
    }

    /** The JSON TiDB Binlog stores in etcd and serves on {@code /status} and {@code /drainers}. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise node status " + nodeId, e);
        }
    }

    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a registry value; the exception names what was wrong with it. */
    public static NodeStatus fromJson(byte[] json) {
        try {
            NodeStatus status = JSON.readValue(json, NodeStatus.class);
            if (status == null) {
                throw new IllegalArgumentException("node status is JSON null");
            }
            return status;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid node status JSON: " + e.getOriginalMessage()
                    + " in '" + abbreviate(new String(json, StandardCharsets.UTF_8)) + "'", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable node status JSON: " + e.getMessage(), e);
        }
    }

    public static NodeStatus fromJson(String json) {
        return fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
