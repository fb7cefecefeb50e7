package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One partition ({@code model.PartitionDefinition}); its id is the physical table id rows are written under. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionDefinition(
        @JsonProperty("id") long id,
        @JsonProperty("name") CIStr name,
        @JsonProperty("less_than") List<String> lessThan,
        @JsonProperty("in_values") JsonNode inValues,
        @JsonProperty("comment") String comment) {

    public PartitionDefinition {
        inValues = TidbJson.orNull(inValues);
        lessThan = lessThan == null ? List.of() : List.copyOf(lessThan);
    }
}
