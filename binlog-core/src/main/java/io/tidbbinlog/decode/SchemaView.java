package io.tidbbinlog.decode;

import io.tidbbinlog.schema.TableInfo;

import java.util.Optional;

/** What the decoder asks of the schema history. */
public interface SchemaView {
    /** The table as of schema version {@code schemaVersion} (the newest version of it not after that). */
    Optional<TableInfo> tableAt(long tableId, long schemaVersion);

    /** The name of the database holding the table at that version. */
    Optional<String> schemaNameAt(long tableId, long schemaVersion);

    /**
     * Whether the table changed after {@code schemaVersion}. Rows written before a DDL may lack columns the
     * decoder then fills, as drainer does; rows of the newest version must be complete.
     */
    boolean changedAfter(long tableId, long schemaVersion);
}
