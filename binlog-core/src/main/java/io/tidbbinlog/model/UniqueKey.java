package io.tidbbinlog.model;

import java.util.List;

/** A unique key by column names; the primary key is named {@code PRIMARY} and comes first. */
public record UniqueKey(String name, List<String> columnNames) {
    public static final String PRIMARY = "PRIMARY";

    public UniqueKey {
        columnNames = List.copyOf(columnNames);
    }

    public boolean primary() {
        return PRIMARY.equals(name);
    }
}
