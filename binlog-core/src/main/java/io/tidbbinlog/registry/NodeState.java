package io.tidbbinlog.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A node's state as written in its registry entry (spec §5.3). The JSON names are TiDB Binlog's lower-case
 * strings, which TiDB's {@code CHANGE PUMP ... NODE_STATE} and binlogctl also use.
 */
public enum NodeState {
    ONLINE("online"),
    PAUSING("pausing"),
    PAUSED("paused"),
    CLOSING("closing"),
    OFFLINE("offline");

    private final String jsonName;

    NodeState(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    /** Parses a state as written in the registry (case-sensitive, like TiDB Binlog's comparisons). */
    @JsonCreator
    public static NodeState fromJsonName(String name) {
        for (NodeState state : values()) {
            if (state.jsonName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown node state '" + name
                + "'; expected one of online, pausing, paused, closing, offline");
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
