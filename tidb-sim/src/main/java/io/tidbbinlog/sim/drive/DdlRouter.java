package io.tidbbinlog.sim.drive;

import io.tidbbinlog.sim.catalog.Catalog;
import io.tidbbinlog.sim.catalog.ColumnPosition;
import io.tidbbinlog.sim.catalog.PreparedDdl;
import io.tidbbinlog.sim.txn.DdlStatement;
import io.tidbbinlog.sim.txn.PreparedDdlJob;
import io.tidbbinlog.sim.workload.DdlOp;

/** Turns the workload's planned DDL into statements the engine runs against the catalog. */
public final class DdlRouter {
    private final Catalog catalog;

    public DdlRouter(Catalog catalog) {
        this.catalog = catalog;
    }

    public DdlStatement statementFor(DdlOp op) {
        return startTs -> asJob(prepare(op, startTs));
    }

    private PreparedDdl prepare(DdlOp op, long startTs) {
        if (op instanceof DdlOp.CreateDatabase o) {
            return catalog.createDatabase(o.database(), startTs);
        } else if (op instanceof DdlOp.DropDatabase o) {
            return catalog.dropDatabase(o.database(), startTs);
        } else if (op instanceof DdlOp.CreateTable o) {
            return catalog.createTable(o.database(), o.definition(), startTs);
        } else if (op instanceof DdlOp.DropTable o) {
            return catalog.dropTable(o.database(), o.table(), startTs);
        } else if (op instanceof DdlOp.TruncateTable o) {
            return catalog.truncateTable(o.database(), o.table(), startTs);
        } else if (op instanceof DdlOp.RenameTable o) {
            return catalog.renameTable(o.database(), o.table(), o.database(), o.newName(), startTs);
        } else if (op instanceof DdlOp.AddColumn o) {
            return catalog.addColumn(o.database(), o.table(), o.column(), ColumnPosition.last(), startTs);
        } else if (op instanceof DdlOp.DropColumn o) {
            return catalog.dropColumn(o.database(), o.table(), o.column(), startTs);
        } else if (op instanceof DdlOp.ModifyColumn o) {
            return catalog.modifyColumn(o.database(), o.table(), o.column(), startTs);
        } else if (op instanceof DdlOp.AddIndex o) {
            return catalog.addIndex(o.database(), o.table(), o.index(), startTs);
        } else if (op instanceof DdlOp.DropIndex o) {
            return catalog.dropIndex(o.database(), o.table(), o.index(), startTs);
        }
        throw new IllegalArgumentException("no catalog operation for DDL " + op);
    }

    static PreparedDdlJob asJob(PreparedDdl p) {
        return PreparedDdlJob.of(p.jobId(), p.schemaState(), p.earlierBinlogStates(), p.query(), p::commit, p::abort);
    }
}
