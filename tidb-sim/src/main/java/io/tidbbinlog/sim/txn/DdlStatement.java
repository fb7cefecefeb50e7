package io.tidbbinlog.sim.txn;

/**
 * A DDL statement, prepared in the catalog with the start_ts of the DDL transaction (the job's start ts) and
 * left invisible until the engine commits it after its DDL binlog was written, e.g.
 * {@code startTs -> adapt(catalog.createTable(db, def, startTs))}.
 */
@FunctionalInterface
public interface DdlStatement {
    PreparedDdlJob prepare(long startTs);
}
