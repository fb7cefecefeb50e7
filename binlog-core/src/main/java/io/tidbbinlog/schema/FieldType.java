package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A column's type as TiDB keeps it ({@code types.FieldType}); the JSON keys are TiDB's (capitalised, no tags).
 * Flen and Decimal are -1 when unspecified ({@code UnspecifiedLength}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FieldType(
        @JsonProperty("Tp") int tp,
        @JsonProperty("Flag") int flag,
        @JsonProperty("Flen") int flen,
        @JsonProperty("Decimal") int decimal,
        @JsonProperty("Charset") String charset,
        @JsonProperty("Collate") String collate,
        @JsonProperty("Elems") List<String> elems) {

    public FieldType {
        elems = elems == null ? List.of() : List.copyOf(elems);
    }

    public static FieldType of(int tp, int flag, int flen, int decimal, String charset, String collate,
                               List<String> elems) {
        return new FieldType(tp, flag, flen, decimal, charset, collate, elems);
    }

    public boolean unsigned() {
        return (flag & ColumnFlag.UNSIGNED) != 0;
    }

    public boolean notNull() {
        return (flag & ColumnFlag.NOT_NULL) != 0;
    }

    public boolean primaryKey() {
        return (flag & ColumnFlag.PRI_KEY) != 0;
    }

    /** Binary charset: BLOB/BINARY/VARBINARY rather than TEXT/CHAR/VARCHAR. */
    public boolean binary() {
        return "binary".equals(charset);
    }

    /** TiDB's type name ({@code TypeToStr}), as drainer writes it. */
    public String typeName() {
        return MysqlType.name(tp, charset);
    }
}
