package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a finished DDL job left for binlog consumers ({@code model.HistoryInfo}, the job's {@code binlog} key): the
 * schema version it produced and the database / table(s) as they are after it. TiDB gives this struct no JSON
 * tags, so its keys are the Go field names.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryInfo(
        @JsonProperty("SchemaVersion") long schemaVersion,
        @JsonProperty("DBInfo") DBInfo dbInfo,
        @JsonProperty("TableInfo") TableInfo tableInfo,
        @JsonProperty("FinishedTS") long finishedTs,
        @JsonProperty("MultipleTableInfos") List<TableInfo> multipleTableInfos) {

    public HistoryInfo {
        multipleTableInfos = multipleTableInfos == null ? List.of() : List.copyOf(multipleTableInfos);
    }
}
