package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * A partitioned table's partitions ({@code model.PartitionInfo}, pkg/meta/model/table.go). Only what is needed to
 * know which physical ids belong to the logical table is modelled; other keys are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionInfo(
        @JsonProperty("type") int type,
        @JsonProperty("expr") String expr,
        @JsonProperty("columns") List<CIStr> columns,
        @JsonProperty("enable") boolean enable,
        @JsonProperty("definitions") List<PartitionDefinition> definitions,
        @JsonProperty("adding_definitions") List<PartitionDefinition> addingDefinitions,
        @JsonProperty("dropping_definitions") List<PartitionDefinition> droppingDefinitions,
        @JsonProperty("num") long num) {

    public PartitionInfo {
        columns = columns == null ? List.of() : List.copyOf(columns);
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
        addingDefinitions = addingDefinitions == null ? List.of() : List.copyOf(addingDefinitions);
        droppingDefinitions = droppingDefinitions == null ? List.of() : List.copyOf(droppingDefinitions);
    }

    /**
     * Every physical id that may carry rows of this table now: the partitions, and those being added or dropped
     * (mid-DDL, TiDB writes to both the old and the new partitions).
     */
    public List<Long> physicalIds() {
        List<Long> ids = new ArrayList<>(definitions.size() + addingDefinitions.size()
                + droppingDefinitions.size());
        for (PartitionDefinition d : definitions) {
            ids.add(d.id());
        }
        for (PartitionDefinition d : addingDefinitions) {
            ids.add(d.id());
        }
        for (PartitionDefinition d : droppingDefinitions) {
            ids.add(d.id());
        }
        return ids;
    }
}
