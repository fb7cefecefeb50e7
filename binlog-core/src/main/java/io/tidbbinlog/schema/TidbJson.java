package io.tidbbinlog.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Reads and writes TiDB's schema JSON: the bodies of {@code GET /schema}, {@code /schema/{db}},
 * {@code /schema/{db}/{table}}, {@code /schema?table_id=} and {@code /ddl/history}. Unknown keys are ignored;
 * what is written uses TiDB's key names, so the output can be served as TiDB's API.
 */
public final class TidbJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final TypeReference<List<DBInfo>> DB_LIST = new TypeReference<>() { };
    private static final TypeReference<List<TableInfo>> TABLE_LIST = new TypeReference<>() { };
    private static final TypeReference<List<Job>> JOB_LIST = new TypeReference<>() { };

    private TidbJson() {
    }

    /** The shared mapper (thread-safe once configured); do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code GET /schema}: every database. */
    public static List<DBInfo> parseDatabases(byte[] json) {
        return read(json, DB_LIST, "database list (GET /schema)");
    }

    /** {@code GET /schema/{db}}: the tables of one database. */
    public static List<TableInfo> parseTables(byte[] json) {
        return read(json, TABLE_LIST, "table list (GET /schema/{db})");
    }

    /** {@code GET /schema/{db}/{table}} or {@code GET /schema?table_id=}: one table. */
    public static TableInfo parseTable(byte[] json) {
        return read(json, new TypeReference<TableInfo>() { }, "table (GET /schema/{db}/{table})");
    }

    public static DBInfo parseDatabase(byte[] json) {
        return read(json, new TypeReference<DBInfo>() { }, "database");
    }

    /** {@code GET /ddl/history}: an array of jobs (newest first, as TiDB serves it). */
    public static List<Job> parseJobs(byte[] json) {
        return read(json, JOB_LIST, "DDL job list (GET /ddl/history)");
    }

    public static Job parseJob(byte[] json) {
        return read(json, new TypeReference<Job>() { }, "DDL job");
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** Jackson reads a JSON {@code null} into a JsonNode field as NullNode; the model keeps Java null instead. */
    static JsonNode orNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static <T> T read(byte[] json, TypeReference<T> type, String what) {
        if (json == null) {
            throw new IllegalArgumentException("no JSON for " + what);
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("JSON for " + what + " is null");
            }
            return value;
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException("malformed " + what + " at " + e.getPathReference() + ": "
                    + rootMessage(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed " + what + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : t.getMessage();
    }
}
