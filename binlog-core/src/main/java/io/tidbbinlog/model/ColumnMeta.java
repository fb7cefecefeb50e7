package io.tidbbinlog.model;

import io.tidbbinlog.schema.FieldType;

import java.util.Objects;

/** What a writer needs to know about one column: name, TiDB column id, field type, key membership. */
public record ColumnMeta(String name, long columnId, FieldType type, boolean primaryKey, boolean generated) {
    public ColumnMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
