package io.tidbbinlog.model;

import io.tidbbinlog.schema.FieldType;

import java.util.Objects;

/**
 * What a writer needs to know about one column: name, TiDB column id, field type, key membership, and the value
 * drainer substitutes when a row image does not carry the column ({@code fillValue}: the origin default, else
 * NULL for a nullable column, else the first element of a NOT NULL enum, else the type's zero value; a model
 * value as the package documentation describes, {@code null} meaning SQL NULL).
 */
public record ColumnMeta(String name, long columnId, FieldType type, boolean primaryKey, boolean generated,
                         Object fillValue) {
    public ColumnMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A column whose fill value is SQL NULL. */
    public ColumnMeta(String name, long columnId, FieldType type, boolean primaryKey, boolean generated) {
        this(name, columnId, type, primaryKey, generated, null);
    }

    public ColumnMeta withFillValue(Object value) {
        return new ColumnMeta(name, columnId, type, primaryKey, generated, value);
    }
}
