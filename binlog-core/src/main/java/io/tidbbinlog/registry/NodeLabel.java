package io.tidbbinlog.registry;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The {@code label} object of a node entry: {@code {"labels": {...}}}. TiDB Binlog declares it for pump
 * selection by label but never acts on it; we keep whatever a node wrote.
 */
public record NodeLabel(@JsonProperty("labels") Map<String, String> labels) {
}
