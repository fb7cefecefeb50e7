package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.ActionType;
import io.tidbbinlog.sim.catalog.ColumnDef;
import io.tidbbinlog.sim.catalog.IndexDef;
import io.tidbbinlog.sim.catalog.TableDef;

/**
 * One DDL statement the workload runs, in structured form; each kind maps to one TiDB DDL job type
 * ({@link #actionType()}).
 */
public sealed interface DdlOp {
    /** The database the statement runs in (the one it creates or drops, for database statements). */
    String database();

    ActionType actionType();

    /** A DDL on one existing table. */
    sealed interface OnTable extends DdlOp {
        String table();
    }

    record CreateDatabase(String database) implements DdlOp {
        public ActionType actionType() {
            return ActionType.CREATE_SCHEMA;
        }
    }

    record DropDatabase(String database) implements DdlOp {
        public ActionType actionType() {
            return ActionType.DROP_SCHEMA;
        }
    }

    record CreateTable(String database, TableDef definition) implements DdlOp {
        public ActionType actionType() {
            return ActionType.CREATE_TABLE;
        }
    }

    record DropTable(String database, String table) implements OnTable {
        public ActionType actionType() {
            return ActionType.DROP_TABLE;
        }
    }

    record TruncateTable(String database, String table) implements OnTable {
        public ActionType actionType() {
            return ActionType.TRUNCATE_TABLE;
        }
    }

    /** RENAME TABLE within one database. */
    record RenameTable(String database, String table, String newName) implements OnTable {
        public ActionType actionType() {
            return ActionType.RENAME_TABLE;
        }
    }

    /** ADD COLUMN at the end of the table; the column is nullable or has a default, so existing rows get a value. */
    record AddColumn(String database, String table, ColumnDef column) implements OnTable {
        public ActionType actionType() {
            return ActionType.ADD_COLUMN;
        }
    }

    record DropColumn(String database, String table, String column) implements OnTable {
        public ActionType actionType() {
            return ActionType.DROP_COLUMN;
        }
    }

    /** MODIFY COLUMN with the full new definition ({@code column.name()} names the existing column). */
    record ModifyColumn(String database, String table, ColumnDef before, ColumnDef column) implements OnTable {
        public ActionType actionType() {
            return ActionType.MODIFY_COLUMN;
        }
    }

    record AddIndex(String database, String table, IndexDef index) implements OnTable {
        public ActionType actionType() {
            return ActionType.ADD_INDEX;
        }
    }

    record DropIndex(String database, String table, String index) implements OnTable {
        public ActionType actionType() {
            return ActionType.DROP_INDEX;
        }
    }
}
