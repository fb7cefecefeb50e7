package io.tidbbinlog.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * A column's type as TiDB keeps it ({@code types.FieldType}); the JSON keys are TiDB's (capitalised, no tags:
 * {@code Tp, Flag, Flen, Decimal, Charset, Collate, Elems, ElemsIsBinaryLit, Array}, pkg/parser/types
 * field_type.go {@code jsonFieldType}). Flen and Decimal are -1 when unspecified ({@code UnspecifiedLength}).
 *
 * <p>TiDB's Flen is a Go int and reaches 4294967295 ({@code mysql.MaxBlobWidth}) for LONGTEXT, LONGBLOB and JSON
 * columns. Here it is an {@code int}: anything above {@link Integer#MAX_VALUE} is held as
 * {@link Integer#MAX_VALUE} (no value that long exists in a row) and written back as 4294967295.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"Tp", "Flag", "Flen", "Decimal", "Charset", "Collate", "Elems", "ElemsIsBinaryLit", "Array"})
public record FieldType(
        @JsonProperty("Tp") int tp,
        @JsonProperty("Flag") int flag,
        @JsonIgnore int flen,
        @JsonProperty("Decimal") int decimal,
        @JsonProperty("Charset") String charset,
        @JsonProperty("Collate") String collate,
        @JsonProperty("Elems") List<String> elems,
        @JsonProperty("ElemsIsBinaryLit") List<Boolean> elemsIsBinaryLit,
        @JsonProperty("Array") boolean array) {

    /** TiDB's {@code mysql.MaxBlobWidth}, the Flen of LONGTEXT / LONGBLOB / JSON. */
    public static final long MAX_BLOB_WIDTH = 4294967295L;

    public FieldType {
        elems = elems == null ? List.of() : List.copyOf(elems);
        elemsIsBinaryLit = elemsIsBinaryLit == null ? List.of() : List.copyOf(elemsIsBinaryLit);
    }

    public FieldType(int tp, int flag, int flen, int decimal, String charset, String collate, List<String> elems) {
        this(tp, flag, flen, decimal, charset, collate, elems, List.of(), false);
    }

    public static FieldType of(int tp, int flag, int flen, int decimal, String charset, String collate,
                               List<String> elems) {
        return new FieldType(tp, flag, flen, decimal, charset, collate, elems);
    }

    @JsonCreator
    static FieldType fromJson(@JsonProperty("Tp") int tp, @JsonProperty("Flag") long flag,
                              @JsonProperty("Flen") long flen, @JsonProperty("Decimal") int decimal,
                              @JsonProperty("Charset") String charset, @JsonProperty("Collate") String collate,
                              @JsonProperty("Elems") List<String> elems,
                              @JsonProperty("ElemsIsBinaryLit") List<Boolean> elemsIsBinaryLit,
                              @JsonProperty("Array") boolean array) {
        if (flag < 0 || flag > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("field type Flag " + flag + " is not a 32-bit flag set");
        }
        int clampedFlen = flen > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(flen, Integer.MIN_VALUE);
        return new FieldType(tp, (int) flag, clampedFlen, decimal, charset, collate, elems, elemsIsBinaryLit,
                array);
    }

    /** Flen as TiDB writes it (4294967295 for the clamped maximum). */
    @JsonProperty("Flen")
    long flenForJson() {
        return flen == Integer.MAX_VALUE ? MAX_BLOB_WIDTH : flen;
    }

    @JsonIgnore
    public boolean unsigned() {
        return (flag & ColumnFlag.UNSIGNED) != 0;
    }

    @JsonIgnore
    public boolean notNull() {
        return (flag & ColumnFlag.NOT_NULL) != 0;
    }

    @JsonIgnore
    public boolean primaryKey() {
        return (flag & ColumnFlag.PRI_KEY) != 0;
    }

    /** Binary charset: BLOB/BINARY/VARBINARY rather than TEXT/CHAR/VARCHAR. */
    @JsonIgnore
    public boolean binary() {
        return "binary".equals(charset);
    }

    /** TiDB's type name ({@code TypeToStr}), as drainer writes it. */
    @JsonIgnore
    public String typeName() {
        return MysqlType.name(tp, charset);
    }
}
