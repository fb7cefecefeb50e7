package io.tidbbinlog.sim.datadir;

import io.tidbbinlog.sim.autoid.IdBlockAllocator;
import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.catalog.PreparedDdl;
import io.tidbbinlog.sim.workload.DdlOp;
import io.tidbbinlog.sim.workload.WorkloadSchema;
import io.tidbbinlog.sim.workload.WorkloadTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The TiDB state a data dir keeps, read back by a restart without a clean shutdown, and refused when unusable. */
class TidbDataDirTest {
    private static final long CLUSTER = 7_000_000_000_000_000_001L;

    @TempDir
    Path dir;

    @Test
    void aReopenedDirGivesBackTheCatalogAsItsLastDdlLeftIt() {
        TidbDataDir first = TidbDataDir.open(dir, CLUSTER);
        Catalog c = first.catalog();
        c.createDatabase("d", 10).commit(11);
        c.createTable("d", WorkloadTables.standard().table(WorkloadTables.MAIN_DB, WorkloadTables.NARROW)
                .orElseThrow(), 12).commit(13);
        PreparedDdl aborted = c.createDatabase("gone", 14);
        aborted.abort();

        // No close: the files are what a crash would leave.
        Catalog again = TidbDataDir.open(dir, CLUSTER).catalog();
        assertEquals(new String(c.toJson(), StandardCharsets.UTF_8), new String(again.toJson(),
                StandardCharsets.UTF_8));
        assertEquals(c.lastGlobalId(), again.lastGlobalId(), "the aborted job's ids stay used");
        assertEquals(2, again.ddlHistory(0, 0).size());
        assertTrue(again.database("gone").isEmpty());
        // The restored catalog keeps saving: a DDL after the restart survives the next one.
        again.createDatabase("d2", 20).commit(21);
        assertTrue(TidbDataDir.open(dir, CLUSTER).catalog().database("d2").isPresent());
    }

    @Test
    void aDdlWhoseSaveFailsChangesNothing() throws IOException {
        TidbDataDir opened = TidbDataDir.open(dir, CLUSTER);
        Catalog c = opened.catalog();
        // A directory where the catalog's temporary file must go makes the save fail.
        Files.createDirectories(dir.resolve("tidb/catalog.json.tmp"));
        PreparedDdl p = c.createDatabase("d", 10);
        RuntimeException e = assertThrows(RuntimeException.class, () -> p.commit(11));
        assertTrue(e.getMessage().contains("catalog.json"), e.getMessage());
        assertTrue(c.database("d").isEmpty());
        assertTrue(c.ddlHistory(0, 0).isEmpty());
        Files.delete(dir.resolve("tidb/catalog.json.tmp"));
        c.createDatabase("d", 12).commit(13);
        assertTrue(TidbDataDir.open(dir, CLUSTER).catalog().database("d").isPresent(), "the permit was released");
    }

    @Test
    void rowIdAndKeyOrdinalBoundsSurviveACrash() {
        TidbDataDir first = TidbDataDir.open(dir, CLUSTER);
        IdBlockAllocator rows = new IdBlockAllocator(first.rowIds(), "105", 10);
        IdBlockAllocator keys = new IdBlockAllocator(first.workload().keyOrdinals(), "105", 10);
        Set<Long> rowIds = new HashSet<>();
        Set<Long> keyIds = new HashSet<>();
        for (int i = 0; i < 13; i++) {
            rowIds.add(rows.next());
            keyIds.add(keys.next());
        }
        TidbDataDir second = TidbDataDir.open(dir, CLUSTER);
        long nextRow = new IdBlockAllocator(second.rowIds(), "105", 10).next();
        long nextKey = new IdBlockAllocator(second.workload().keyOrdinals(), "105", 10).next();
        assertFalse(rowIds.contains(nextRow));
        assertFalse(keyIds.contains(nextKey));
        assertEquals(21, nextRow, "continues above the saved bound 20");
    }

    @Test
    void theWorkloadSchemaRoundTripsWithItsDdl() {
        TidbDataDir first = TidbDataDir.open(dir, CLUSTER);
        assertTrue(first.workload().savedSchema().isEmpty());
        WorkloadSchema changed = WorkloadTables.standard()
                .apply(new DdlOp.DropTable(WorkloadTables.SECOND_DB, WorkloadTables.LARGE_VALUES))
                .apply(new DdlOp.RenameTable(WorkloadTables.MAIN_DB, WorkloadTables.NARROW, "narrow_2"));
        first.workload().schemaChanged(changed);
        assertEquals(changed, TidbDataDir.open(dir, CLUSTER).workload().savedSchema().orElseThrow());
    }

    @Test
    void aDirOfAnotherPdClusterIsRefusedNamingTheFile() {
        TidbDataDir.open(dir, CLUSTER);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TidbDataDir.open(dir, 42));
        assertTrue(e.getMessage().contains(dir.resolve("tidb/cluster-id").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("belongs to PD cluster " + CLUSTER), e.getMessage());
        assertTrue(e.getMessage().contains("cluster id 42"), e.getMessage());
    }

    @Test
    void corruptFilesAreRefusedNamingTheFile() throws IOException {
        TidbDataDir first = TidbDataDir.open(dir, CLUSTER);
        first.catalog().createDatabase("d", 10).commit(11);
        first.workload().schemaChanged(WorkloadTables.standard());
        new IdBlockAllocator(first.rowIds(), "1", 5).next();
        new IdBlockAllocator(first.workload().keyOrdinals(), "1", 5).next();

        for (String file : new String[]{"tidb/catalog.json", "tidb/autoid.json", "workload/schema.json",
                "workload/key-ordinals.json", "tidb/cluster-id"}) {
            Path p = dir.resolve(file);
            byte[] good = Files.readAllBytes(p);
            // Half a file and then garbage: what a torn write without the atomic rename could leave.
            Files.write(p, (new String(good, 0, good.length / 2, StandardCharsets.UTF_8) + "\u0000garbage")
                    .getBytes(StandardCharsets.UTF_8));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> TidbDataDir.open(dir, CLUSTER), file);
            assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("corrupt"),
                    file + ": " + e.getMessage());
            Files.write(p, good);
        }
        // Well-formed JSON that breaks the catalog's own rules is refused too.
        Path catalog = dir.resolve("tidb/catalog.json");
        String json = Files.readString(catalog);
        Files.writeString(catalog, json.replaceFirst("\"last_global_id\":\\d+", "\"last_global_id\":1"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TidbDataDir.open(dir, CLUSTER));
        assertTrue(e.getMessage().contains(catalog.toString()) && e.getMessage().contains("above its last global id"),
                e.getMessage());
        Files.writeString(catalog, json);
        Path bounds = dir.resolve("tidb/autoid.json");
        Files.writeString(bounds, "{\"1\": -5}");
        e = assertThrows(IllegalStateException.class, () -> TidbDataDir.open(dir, CLUSTER));
        assertTrue(e.getMessage().contains(bounds.toString()), e.getMessage());
    }
}
