package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A database as TiDB describes it ({@code model.DBInfo}, pkg/meta/model/db.go), as served by
 * {@code GET /schema} and carried in DDL jobs' {@code binlog.DBInfo}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DBInfo(
        @JsonProperty("id") long id,
        @JsonProperty("db_name") CIStr name,
        @JsonProperty("charset") String charset,
        @JsonProperty("collate") String collate,
        @JsonProperty("state") int state,
        @JsonProperty("policy_ref_info") JsonNode policyRefInfo) {

    public DBInfo {
        policyRefInfo = TidbJson.orNull(policyRefInfo);
        if (name == null) {
            throw new IllegalArgumentException("DBInfo " + id + " has no db_name");
        }
    }

    public static DBInfo of(long id, String name, String charset, String collate) {
        return new DBInfo(id, CIStr.of(name), charset, collate, SchemaState.PUBLIC.code(), null);
    }

    @JsonIgnore
    public boolean isPublic() {
        return SchemaState.isPublic(state);
    }
}
