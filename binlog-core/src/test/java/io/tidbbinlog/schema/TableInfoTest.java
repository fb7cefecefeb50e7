package io.tidbbinlog.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What decoders ask a TableInfo: which columns rows carry, how rows are keyed, and the table's unique keys.
 * Tables are read from the JSON fixtures (see {@link TidbJsonTest} for their origin).
 */
class TableInfoTest {
    private static final FieldType BIGINT_PK = FieldType.of(MysqlType.LONGLONG,
            ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20, 0, "binary", "binary", List.of());
    private static final FieldType INT = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());

    private final TableInfo clustered = TidbJson.parseTable(Fixtures.bytes("handbuilt_clustered_table.json"));

    @Test
    void rowsCarryPublicColumnsExceptVirtualGeneratedOnes() {
        assertEquals(List.of("Region", "code", "qty", "flags", "email"), names(clustered.writableColumns()));
        assertEquals(List.of("Region", "code", "qty", "flags", "twice", "email"), names(clustered.publicColumns()),
                "the write-only column 'note' is not public yet");
        assertEquals(List.of("Region", "code", "qty", "flags", "email"), names(clustered.nonGeneratedColumns()));
    }

    @Test
    void storedGeneratedColumnsAreWrittenButNotSetBySqlWriters() {
        TableInfo t = TableInfo.of(5, "g", List.of(ColumnInfo.of(1, "a", 0, INT),
                ColumnInfo.of(2, "s", 1, INT).withGenerated("`a` + 1", true)), List.of(), false, false);
        assertEquals(List.of("a", "s"), names(t.writableColumns()));
        assertEquals(List.of("a"), names(t.nonGeneratedColumns()));
    }

    @Test
    void publicColumnsFollowOffsetsNotListOrder() {
        TableInfo t = TableInfo.of(6, "o", List.of(ColumnInfo.of(2, "second", 1, INT), ColumnInfo.of(1, "first", 0, INT)),
                List.of(), false, false);
        assertEquals(List.of("first", "second"), names(t.publicColumns()));
        assertEquals("second", t.columnAtOffset(1).orElseThrow().name().o());
    }

    @Test
    void clusteredTablesAreKeyedByTheirPrimaryIndexColumnsWithPrefixLengths() {
        assertEquals(HandleKind.COMMON, clustered.handleKind());
        List<IndexColumn> handle = clustered.commonHandleColumns();
        assertEquals(2, handle.size());
        assertEquals(0, handle.get(0).offset());
        assertFalse(handle.get(0).isPrefix());
        assertEquals(1, handle.get(1).offset());
        assertEquals(10, handle.get(1).length());
        assertEquals(2, clustered.handleDatumCount());
        assertTrue(clustered.pkHandleColumn().isEmpty());
    }

    @Test
    void intPrimaryKeyTablesAreKeyedByThePriKeyColumn() {
        TableInfo t = TableInfo.of(7, "p", List.of(ColumnInfo.of(1, "v", 0, INT), ColumnInfo.of(2, "id", 1, BIGINT_PK)),
                List.of(), true, false);
        assertEquals(HandleKind.INT_PRIMARY_KEY, t.handleKind());
        assertEquals(2, t.pkHandleColumn().orElseThrow().id());
        assertEquals(1, t.handleDatumCount());
    }

    @Test
    void tablesWithoutClusteredKeyUseTheHiddenRowId() {
        TableInfo t = TidbJson.parseTable(Fixtures.bytes("tiflash_table_t1.json"));
        assertEquals(HandleKind.ROW_ID, t.handleKind());
        assertTrue(t.commonHandleColumns().isEmpty());
        assertEquals(-1, ColumnInfo.EXTRA_HANDLE_ID);
    }

    @Test
    void inconsistentHandleMetadataIsReportedNotGuessed() {
        TableInfo noPriFlag = TableInfo.of(8, "bad", List.of(ColumnInfo.of(1, "id", 0, INT)), List.of(), true, false);
        IllegalStateException e = assertThrows(IllegalStateException.class, noPriFlag::pkHandleColumn);
        assertTrue(e.getMessage().contains("bad"), e.getMessage());

        TableInfo noPrimaryIndex = TableInfo.of(9, "bad2", List.of(ColumnInfo.of(1, "id", 0, INT)), List.of(), false, true);
        assertThrows(IllegalStateException.class, noPrimaryIndex::commonHandleColumns);
    }

    @Test
    void columnsAreFoundByIdInAnyState() {
        assertEquals("note", clustered.columnById(7).orElseThrow().name().o());
        assertTrue(clustered.columnById(99).isEmpty());
        assertTrue(clustered.columnById(ColumnInfo.EXTRA_HANDLE_ID).isEmpty());
    }

    @Test
    void uniqueIndexesPutPrimaryFirstAndSkipNonPublicOnes() {
        assertEquals(List.of("PRIMARY", "uk_email"),
                clustered.uniqueIndexes().stream().map(i -> i.name().o()).toList());
    }

    private static List<String> names(List<ColumnInfo> cols) {
        return cols.stream().map(c -> c.name().o()).toList();
    }
}
