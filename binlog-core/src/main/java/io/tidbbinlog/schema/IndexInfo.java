package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** An index of a table ({@code model.IndexInfo}, pkg/meta/model/index.go). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexInfo(
        @JsonProperty("id") long id,
        @JsonProperty("idx_name") CIStr name,
        @JsonProperty("tbl_name") CIStr tableName,
        @JsonProperty("idx_cols") List<IndexColumn> columns,
        @JsonProperty("state") int state,
        @JsonProperty("comment") String comment,
        @JsonProperty("index_type") int indexType,
        @JsonProperty("is_unique") boolean unique,
        @JsonProperty("is_primary") boolean primary,
        @JsonProperty("is_invisible") boolean invisible,
        @JsonProperty("is_global") boolean global) {

    public IndexInfo {
        if (name == null) {
            throw new IllegalArgumentException("index " + id + " has no idx_name");
        }
        tableName = tableName == null ? new CIStr("", "") : tableName;
        columns = columns == null ? List.of() : List.copyOf(columns);
        comment = comment == null ? "" : comment;
    }

    @JsonIgnore
    public boolean isPublic() {
        return SchemaState.isPublic(state);
    }

    @JsonIgnore
    public boolean hasPrefixColumn() {
        for (IndexColumn c : columns) {
            if (c.isPrefix()) {
                return true;
            }
        }
        return false;
    }
}
