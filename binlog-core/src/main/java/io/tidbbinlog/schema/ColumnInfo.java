package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A column as TiDB describes it ({@code model.ColumnInfo}, pkg/meta/model/column.go).
 *
 * <p>Defaults are kept raw, as TiDB's JSON has them: {@code origin_default} / {@code default} are whatever Go's
 * {@code interface{}} marshalled to (almost always a string, sometimes a number, {@code null} for none), and for
 * BIT columns the real bytes sit base64-encoded in {@code origin_default_bit} / {@code default_bit} because TiDB's
 * string form of them does not survive JSON. Turning a raw default into a typed model value is the codec's job.
 *
 * <p>The {@code *_bit} arrays are shared, not copied: treat them as read-only. Being arrays, they make the
 * record's {@code equals} compare them by identity; compare columns by their JSON ({@link TidbJson#tree}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ColumnInfo(
        @JsonProperty("id") long id,
        @JsonProperty("name") CIStr name,
        @JsonProperty("offset") int offset,
        @JsonProperty("origin_default") Object originDefault,
        @JsonProperty("origin_default_bit") byte[] originDefaultBit,
        @JsonProperty("default") Object defaultValue,
        @JsonProperty("default_bit") byte[] defaultBit,
        @JsonProperty("default_is_expr") boolean defaultIsExpr,
        @JsonProperty("generated_expr_string") String generatedExprString,
        @JsonProperty("generated_stored") boolean generatedStored,
        @JsonProperty("dependences") JsonNode dependences,
        @JsonProperty("type") FieldType type,
        @JsonProperty("state") int state,
        @JsonProperty("comment") String comment,
        @JsonProperty("hidden") boolean hidden,
        @JsonProperty("change_state_info") JsonNode changeStateInfo,
        @JsonProperty("version") long version) {

    /** Column id of the hidden handle column {@code _tidb_rowid} ({@code model.ExtraHandleID}). */
    public static final long EXTRA_HANDLE_ID = -1;
    public static final String EXTRA_HANDLE_NAME = "_tidb_rowid";

    public ColumnInfo {
        dependences = TidbJson.orNull(dependences);
        changeStateInfo = TidbJson.orNull(changeStateInfo);
        if (name == null) {
            throw new IllegalArgumentException("column " + id + " has no name");
        }
        if (type == null) {
            throw new IllegalArgumentException("column " + name + " (id " + id + ") has no type");
        }
        generatedExprString = generatedExprString == null ? "" : generatedExprString;
        comment = comment == null ? "" : comment;
    }

    /** A plain public column with no default, for tests and simulators. */
    public static ColumnInfo of(long id, String name, int offset, FieldType type) {
        return new ColumnInfo(id, CIStr.of(name), offset, null, null, null, null, false, "", false, null, type,
                SchemaState.PUBLIC.code(), "", false, null, 2);
    }

    public ColumnInfo withOriginDefault(Object value) {
        return new ColumnInfo(id, name, offset, value, originDefaultBit, defaultValue, defaultBit, defaultIsExpr,
                generatedExprString, generatedStored, dependences, type, state, comment, hidden, changeStateInfo,
                version);
    }

    public ColumnInfo withState(SchemaState newState) {
        return new ColumnInfo(id, name, offset, originDefault, originDefaultBit, defaultValue, defaultBit,
                defaultIsExpr, generatedExprString, generatedStored, dependences, type, newState.code(), comment,
                hidden, changeStateInfo, version);
    }

    public ColumnInfo withOffset(int newOffset) {
        return new ColumnInfo(id, name, newOffset, originDefault, originDefaultBit, defaultValue, defaultBit,
                defaultIsExpr, generatedExprString, generatedStored, dependences, type, state, comment, hidden,
                changeStateInfo, version);
    }

    public ColumnInfo withGenerated(String expr, boolean stored) {
        return new ColumnInfo(id, name, offset, originDefault, originDefaultBit, defaultValue, defaultBit,
                defaultIsExpr, expr, stored, dependences, type, state, comment, hidden, changeStateInfo, version);
    }

    @JsonIgnore
    public boolean isPublic() {
        return SchemaState.isPublic(state);
    }

    @JsonIgnore
    public boolean isGenerated() {
        return !generatedExprString.isEmpty();
    }

    /** Virtual generated columns are computed on read and never appear in binlog rows. */
    @JsonIgnore
    public boolean isVirtualGenerated() {
        return isGenerated() && !generatedStored;
    }

    /**
     * Whether the column has an origin default: the value rows written before the column existed read as.
     * For BIT columns TiDB keeps it in {@code origin_default_bit}.
     */
    @JsonIgnore
    public boolean hasOriginDefault() {
        return originDefault != null || (type.tp() == MysqlType.BIT && originDefaultBit != null);
    }

    /**
     * The origin default as TiDB's {@code GetOriginDefaultValue} sees it: for BIT columns with
     * {@code origin_default_bit} set, those raw bytes ({@code byte[]}); otherwise the raw JSON value
     * (String, Number, Boolean) or {@code null} when there is none.
     */
    @JsonIgnore
    public Object rawOriginDefault() {
        if (type.tp() == MysqlType.BIT && originDefaultBit != null) {
            return originDefaultBit;
        }
        return originDefault;
    }

    @JsonIgnore
    public boolean hasDefault() {
        return defaultValue != null || (type.tp() == MysqlType.BIT && defaultBit != null);
    }

    /** The current default, by the same rules as {@link #rawOriginDefault()} ({@code GetDefaultValue}). */
    @JsonIgnore
    public Object rawDefault() {
        if (type.tp() == MysqlType.BIT && defaultBit != null) {
            return defaultBit;
        }
        return defaultValue;
    }

    @JsonIgnore
    public boolean isPrimaryKeyFlagged() {
        return (type.flag() & ColumnFlag.PRI_KEY) != 0;
    }
}
