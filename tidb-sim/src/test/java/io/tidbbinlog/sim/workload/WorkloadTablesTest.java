package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import io.tidbbinlog.sim.catalog.TableDef;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadTablesTest {
    private final WorkloadSchema schema = WorkloadTables.standard();

    @Test
    void everyColumnUsesOnlyTheListedTypesAndEveryListedTypeIsUsed() {
        Set<String> used = new HashSet<>();
        for (WorkloadSchema.QualifiedTable qt : schema.allTables()) {
            for (ColumnDef c : qt.table().columns()) {
                assertTrue(WorkloadTables.SQL_TYPES.contains(c.sqlType()), qt + " column " + c);
                TidbFieldTypes.of(c.sqlType(), c.nullable()); // a type TiDB knows, with TiDB's defaults
                used.add(c.sqlType());
            }
        }
        assertEquals(Set.copyOf(WorkloadTables.SQL_TYPES), used);
    }

    @Test
    void columnNamesAreUniqueCaseInsensitivelyAndIndexesNameRealColumns() {
        for (WorkloadSchema.QualifiedTable qt : schema.allTables()) {
            List<String> names = qt.table().columns().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            assertEquals(names.size(), Set.copyOf(names).size(), qt.table().name());
            for (IndexDef ix : qt.table().indexes()) {
                assertTrue(names.containsAll(ix.columns().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()));
            }
        }
    }

    @Test
    void theThreeHandleKindsAndUniqueKeysArePresentInTwoDatabases() {
        assertEquals(List.of(WorkloadTables.MAIN_DB, WorkloadTables.SECOND_DB),
                schema.databases().stream().map(WorkloadSchema.Database::name).toList());
        TableDef intPk = schema.table(WorkloadTables.MAIN_DB, WorkloadTables.INT_PK).orElseThrow();
        assertEquals(List.of("id"), WorkloadSchema.primaryKeyColumns(intPk));
        assertEquals("bigint", intPk.columns().get(0).sqlType());
        assertTrue(intPk.indexes().stream().anyMatch(ix -> ix.unique() && !ix.primary()));

        TableDef clustered = schema.table(WorkloadTables.MAIN_DB, WorkloadTables.CLUSTERED).orElseThrow();
        assertTrue(clustered.clustered());
        assertEquals(List.of("k_str", "k_int"), WorkloadSchema.primaryKeyColumns(clustered));

        TableDef noPk = schema.table(WorkloadTables.SECOND_DB, WorkloadTables.NO_PK).orElseThrow();
        assertTrue(noPk.indexes().isEmpty());
        TableDef noPkUnique = schema.table(WorkloadTables.SECOND_DB, WorkloadTables.NO_PK_UNIQUE).orElseThrow();
        assertTrue(WorkloadSchema.primaryKeyColumns(noPkUnique).isEmpty());
        IndexDef uk = noPkUnique.indexes().get(0);
        assertTrue(uk.unique());
        assertFalse(noPkUnique.columns().stream().filter(c -> uk.columns().contains(c.name())).findFirst()
                .orElseThrow().nullable());

        TableDef narrow = schema.table(WorkloadTables.MAIN_DB, WorkloadTables.NARROW).orElseThrow();
        assertTrue(narrow.columns().size() <= 3);
    }

    @Test
    void allTypeTablesCarryEveryTypeAndANotNullColumn() {
        Set<String> all = WorkloadTables.allTypeColumns().stream().map(ColumnDef::sqlType).collect(Collectors.toSet());
        for (String t : List.of(WorkloadTables.INT_PK, WorkloadTables.CLUSTERED, WorkloadTables.NO_PK)) {
            TableDef table = schema.allTables().stream().filter(q -> q.table().name().equals(t)).findFirst()
                    .orElseThrow().table();
            assertTrue(table.columns().stream().map(ColumnDef::sqlType).collect(Collectors.toSet()).containsAll(all));
            assertTrue(table.columns().stream().anyMatch(c -> !c.nullable() && !WorkloadSchema.indexed(table, c.name())));
        }
    }

    @Test
    void theStandardSchemaIsTheSameOnEveryCall() {
        assertEquals(WorkloadTables.standard(), WorkloadTables.standard());
    }
}
