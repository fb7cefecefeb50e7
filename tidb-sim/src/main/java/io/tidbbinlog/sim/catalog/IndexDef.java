package io.tidbbinlog.sim.catalog;

import java.util.List;

/**
 * An index as DDL declares it. A primary key is {@code primary}; whether it becomes the row's handle is decided by
 * {@link TableDef#clustered()} and TiDB's rules (a single integer column primary key is the int handle).
 */
public record IndexDef(String name, List<String> columns, boolean unique, boolean primary) {
    public IndexDef {
        columns = List.copyOf(columns);
    }

    public static IndexDef primaryKey(String... columns) {
        return new IndexDef("PRIMARY", List.of(columns), true, true);
    }

    public static IndexDef unique(String name, String... columns) {
        return new IndexDef(name, List.of(columns), true, false);
    }

    public static IndexDef plain(String name, String... columns) {
        return new IndexDef(name, List.of(columns), false, false);
    }
}
