package io.tidbbinlog.pump.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Pump TOML file read strictly, as binlog:pkg/util/util.go {@code StrictDecodeFile} does: every key must be one
 * Pump knows (binlog:pump/config.go, binlog:pump/storage/storage.go {@code Config}/{@code KVConfig}, plus our
 * {@code etcd-urls} and {@code tidb-status-urls}), else the file is refused with all unknown keys named; a value
 * of the wrong type is refused naming its key. Keys match case-insensitively, as Go's TOML decoder falls back to
 * a case-insensitive match; the metrics settings carry no TOML tag in Pump, so their keys are the Go field names
 * {@code MetricsAddr} and {@code MetricsInterval}.
 */
final class PumpConfigFile {

    /** How a key's value is read. TEXT is Go's {@code TextUnmarshaler} path: a string, or a number or boolean as text. */
    enum Type { STRING, INT, BOOL, FLOAT, TEXT, STRING_LIST }

    private static final Map<String, Object> SCHEMA = schema();

    private final Path path;
    private final Map<String, JsonNode> values;

    private PumpConfigFile(Path path, Map<String, JsonNode> values) {
        this.path = path;
        this.values = values;
    }

    private static Map<String, Object> schema() {
        Map<String, Object> kv = new LinkedHashMap<>();
        for (String key : List.of("block-cache-capacity", "block-restart-interval", "block-size",
                "compaction-L0-trigger", "compaction-table-size", "compaction-total-size", "write-buffer",
                "write-L0-pause-trigger", "write-L0-slowdown-trigger")) {
            kv.put(key, Type.INT);
        }
        kv.put("compaction-total-size-multiplier", Type.FLOAT);

        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("sync-log", Type.BOOL);
        storage.put("kv_chan_cap", Type.INT);
        storage.put("slow_write_threshold", Type.FLOAT);
        storage.put("stop-write-at-available-space", Type.TEXT);
        storage.put("kv", kv);

        Map<String, Object> security = new LinkedHashMap<>();
        security.put("ssl-ca", Type.STRING);
        security.put("ssl-cert", Type.STRING);
        security.put("ssl-key", Type.STRING);
        security.put("cert-allowed-cn", Type.STRING_LIST);

        Map<String, Object> top = new LinkedHashMap<>();
        top.put("log-level", Type.STRING);
        top.put("node-id", Type.STRING);
        top.put("addr", Type.STRING);
        top.put("advertise-addr", Type.STRING);
        top.put("socket", Type.STRING);
        top.put("pd-urls", Type.STRING);
        top.put("data-dir", Type.STRING);
        top.put("heartbeat-interval", Type.INT);
        top.put("gc", Type.TEXT);
        top.put("log-file", Type.STRING);
        top.put("gen-binlog-interval", Type.INT);
        top.put("MetricsAddr", Type.STRING);
        top.put("MetricsInterval", Type.INT);
        top.put("etcd-urls", Type.STRING);
        top.put("tidb-status-urls", Type.STRING);
        top.put("security", security);
        top.put("storage", storage);
        return top;
    }

    static PumpConfigFile read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new PumpConfigException("config file " + path + " cannot be read: " + e, e);
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (IOException e) {
            throw new PumpConfigException("config file " + path + " is not valid TOML: " + e.getMessage(), e);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        collect(path, root, SCHEMA, "", values, unknown);
        if (!unknown.isEmpty()) {
            throw new PumpConfigException("component pump's config file " + path
                    + " contained unknown configuration options: " + String.join(", ", unknown));
        }
        return new PumpConfigFile(path, values);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Path path, JsonNode table, Map<String, Object> schema, String prefix,
                                Map<String, JsonNode> values, List<String> unknown) {
        Iterator<Map.Entry<String, JsonNode>> fields = table.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String canonical = canonicalKey(schema, field.getKey());
            String dotted = prefix + (canonical == null ? field.getKey() : canonical);
            if (canonical == null) {
                unknown.add(dotted);
                continue;
            }
            Object spec = schema.get(canonical);
            JsonNode value = field.getValue();
            if (spec instanceof Map<?, ?> nested) {
                if (!value.isObject()) {
                    throw typeError(path, dotted, "a table", value);
                }
                collect(path, value, (Map<String, Object>) nested, dotted + ".", values, unknown);
            } else {
                check(path, dotted, (Type) spec, value);
                values.put(dotted, value);
            }
        }
    }

    /** The schema's spelling of {@code key}: the exact key, else a case-insensitive match, else null. */
    private static String canonicalKey(Map<String, Object> schema, String key) {
        if (schema.containsKey(key)) {
            return key;
        }
        for (String known : schema.keySet()) {
            if (known.equalsIgnoreCase(key)) {
                return known;
            }
        }
        return null;
    }

    private static void check(Path path, String key, Type type, JsonNode value) {
        boolean ok = switch (type) {
            case STRING -> value.isTextual();
            case INT -> value.isIntegralNumber() && value.canConvertToLong();
            case BOOL -> value.isBoolean();
            case FLOAT -> value.isNumber();
            case TEXT -> value.isTextual() || value.isBoolean() || value.isNumber() && value.canConvertToLong()
                    || value.isFloatingPointNumber();
            case STRING_LIST -> value.isArray() && allText(value);
        };
        if (!ok) {
            String expected = switch (type) {
                case STRING -> "a string";
                case INT -> "an integer";
                case BOOL -> "a boolean";
                case FLOAT -> "a number";
                case TEXT -> "a string or a number";
                case STRING_LIST -> "an array of strings";
            };
            throw typeError(path, key, expected, value);
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static PumpConfigException typeError(Path path, String key, String expected, JsonNode value) {
        return new PumpConfigException("config file " + path + ": key " + key + " must be " + expected
                + ", not " + describe(value));
    }

    private static String describe(JsonNode value) {
        String kind = value.isTextual() ? "string" : value.isIntegralNumber() ? "integer"
                : value.isNumber() ? "float" : value.isBoolean() ? "boolean" : value.isArray() ? "array"
                : value.isObject() ? "table" : value.getNodeType().name().toLowerCase(Locale.ROOT);
        return kind + " " + value;
    }

    Path path() {
        return path;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    /** Every key the file set (dotted, in the schema's spelling), in file order. */
    List<String> keys() {
        return new ArrayList<>(values.keySet());
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::asText);
    }

    Optional<Long> integer(String key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::asLong);
    }

    Optional<Boolean> bool(String key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::asBoolean);
    }

    Optional<Double> number(String key) {
        return Optional.ofNullable(values.get(key)).map(JsonNode::asDouble);
    }

    /** A TEXT key as Go's TOML decoder hands it to {@code UnmarshalText}: integers as {@code %d}, floats as {@code %f}. */
    Optional<String> text(String key) {
        JsonNode node = values.get(key);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(Long.toString(node.asLong()));
        }
        if (node.isFloatingPointNumber()) {
            return Optional.of(String.format(Locale.ROOT, "%f", node.asDouble()));
        }
        return Optional.of(node.asText());
    }

    Optional<List<String>> strings(String key) {
        JsonNode node = values.get(key);
        if (node == null) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        node.forEach(element -> out.add(element.asText()));
        return Optional.of(out);
    }
}
