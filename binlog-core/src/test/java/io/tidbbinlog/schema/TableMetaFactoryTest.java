package io.tidbbinlog.schema;

import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.UniqueKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TableInfo to the writer-facing TableMeta: columns in TiDB order, PRIMARY first, then unique keys. */
class TableMetaFactoryTest {
    private static final FieldType INT = FieldType.of(MysqlType.LONG, 0, 11, 0, "binary", "binary", List.of());
    private static final FieldType INT_PK = FieldType.of(MysqlType.LONG,
            ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 11, 0, "binary", "binary", List.of());

    @Test
    void clusteredTableGetsItsPrimaryIndexFirstThenPublicUniqueIndexes() {
        TableInfo t = TidbJson.parseTable(Fixtures.bytes("handbuilt_clustered_table.json"));

        TableMeta meta = TableMetaFactory.create("shop", t);

        assertEquals("shop", meta.ref().schema());
        assertEquals("Orders", meta.ref().table());
        assertEquals(100, meta.ref().tableId());
        assertEquals(List.of("Region", "code", "qty", "flags", "twice", "email"),
                meta.columns().stream().map(ColumnMeta::name).toList());
        assertEquals(List.of(new UniqueKey("PRIMARY", List.of("Region", "code")),
                new UniqueKey("uk_email", List.of("email"))), meta.uniqueKeys());
        ColumnMeta region = meta.columns().get(0);
        assertTrue(region.primaryKey());
        assertEquals(1, region.columnId());
        assertEquals(MysqlType.VARCHAR, region.type().tp());
        assertFalse(meta.columns().get(2).primaryKey());
        assertTrue(meta.columns().get(4).generated());
    }

    @Test
    void intHandlePrimaryKeyIsTheColumnWithThePriKeyFlag() {
        TableInfo t = TableInfo.of(7, "p", List.of(ColumnInfo.of(1, "v", 0, INT), ColumnInfo.of(2, "id", 1, INT_PK)),
                List.of(new IndexInfo(1, CIStr.of("uk_v"), null,
                        List.of(new IndexColumn(CIStr.of("v"), 0, -1)), SchemaState.PUBLIC.code(), "", 1, true, false,
                        false, false)), true, false);

        TableMeta meta = TableMetaFactory.create("db", t);

        assertEquals(List.of(new UniqueKey("PRIMARY", List.of("id")), new UniqueKey("uk_v", List.of("v"))),
                meta.uniqueKeys());
        assertTrue(meta.columns().get(1).primaryKey());
        assertFalse(meta.columns().get(0).primaryKey());
    }

    @Test
    void expressionIndexesOverHiddenColumnsAreLeftOut() {
        ColumnInfo hidden = new ColumnInfo(3, CIStr.of("_V$_expr_0"), 2, null, null, null, null, false, "lower(`v`)",
                false, null, INT, SchemaState.PUBLIC.code(), "", true, null, 2);
        TableInfo t = TableInfo.of(8, "e", List.of(ColumnInfo.of(1, "id", 0, INT), ColumnInfo.of(2, "v", 1, INT), hidden),
                List.of(new IndexInfo(1, CIStr.of("uk_expr"), null,
                        List.of(new IndexColumn(CIStr.of("_V$_expr_0"), 2, -1)), SchemaState.PUBLIC.code(), "", 1,
                        true, false, false, false)), false, false);

        TableMeta meta = TableMetaFactory.create("db", t);

        assertEquals(List.of("id", "v"), meta.columns().stream().map(ColumnMeta::name).toList());
        assertTrue(meta.uniqueKeys().isEmpty());
    }
}
