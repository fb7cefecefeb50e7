package io.tidbbinlog.sim.workload;

import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import org.junit.jupiter.api.Test;

import static io.tidbbinlog.sim.workload.WorkloadTables.INT_PK;
import static io.tidbbinlog.sim.workload.WorkloadTables.MAIN_DB;
import static io.tidbbinlog.sim.workload.WorkloadTables.SECOND_DB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadSchemaTest {
    private final WorkloadSchema std = WorkloadTables.standard();

    private void rejected(DdlOp op, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> std.apply(op));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void statementsTidbRejectsAreRejectedWithTheReason() {
        rejected(new DdlOp.DropColumn(MAIN_DB, INT_PK, "id"), "primary key");
        rejected(new DdlOp.DropColumn(MAIN_DB, INT_PK, "c_int"), "index");
        rejected(new DdlOp.AddColumn(MAIN_DB, INT_PK, ColumnDef.nullable("C_INT", "int")), "exists");
        rejected(new DdlOp.DropIndex(MAIN_DB, INT_PK, "PRIMARY"), "primary key");
        rejected(new DdlOp.CreateDatabase("SIM_MAIN"), "exists");
        rejected(new DdlOp.RenameTable(MAIN_DB, INT_PK, WorkloadTables.NARROW), "exists");
        rejected(new DdlOp.AddIndex(MAIN_DB, INT_PK, IndexDef.plain("ix", "c_text")), "prefix");
        rejected(new DdlOp.AddIndex(MAIN_DB, INT_PK, IndexDef.plain("ix", "nope")), "nope");
        ColumnDef text = ColumnDef.nullable("c_text", "text");
        rejected(new DdlOp.ModifyColumn(MAIN_DB, INT_PK, text, ColumnDef.nullable("c_text", "varchar(10)")),
                "widening");
        ColumnDef smallint = ColumnDef.nullable("c_smallint", "smallint");
        rejected(new DdlOp.ModifyColumn(MAIN_DB, INT_PK, smallint, ColumnDef.nullable("c_smallint", "tinyint")),
                "widening");
        rejected(new DdlOp.ModifyColumn(MAIN_DB, INT_PK, smallint, ColumnDef.nullable("c_smallint", "int unsigned")),
                "widening");
        rejected(new DdlOp.TruncateTable(SECOND_DB, INT_PK), "does not exist");
    }

    @Test
    void acceptedStatementsChangeThePictureAsTidbWould() {
        WorkloadSchema s = std.apply(new DdlOp.AddColumn(MAIN_DB, INT_PK, ColumnDef.nullable("extra", "int")));
        assertEquals("extra", last(s).name());
        s = s.apply(new DdlOp.ModifyColumn(MAIN_DB, INT_PK, ColumnDef.nullable("extra", "int"),
                ColumnDef.nullable("extra", "bigint")));
        assertEquals("bigint", last(s).sqlType());
        s = s.apply(new DdlOp.DropColumn(MAIN_DB, INT_PK, "extra"));
        assertEquals(std, s);
        s = s.apply(new DdlOp.RenameTable(MAIN_DB, INT_PK, "renamed"));
        assertTrue(s.table(MAIN_DB, INT_PK).isEmpty() && s.table(MAIN_DB, "RENAMED").isPresent());
        s = s.apply(new DdlOp.DropDatabase(SECOND_DB));
        assertEquals(1, s.databases().size());
    }

    private static ColumnDef last(WorkloadSchema s) {
        var cols = s.table(MAIN_DB, INT_PK).orElseThrow().columns();
        return cols.get(cols.size() - 1);
    }
}
