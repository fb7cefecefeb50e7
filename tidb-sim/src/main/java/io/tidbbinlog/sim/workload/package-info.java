/**
 * The seeded, reproducible parts of the workload, as pure functions of a seed and the current schema:
 *
 * <ul>
 *   <li>{@link io.tidbbinlog.sim.workload.WorkloadSpec}: the knobs of a run and the per-session random streams
 *       derived from its seed;</li>
 *   <li>{@link io.tidbbinlog.sim.workload.WorkloadTables}: the standard databases and tables (every column type, int
 *       handle, clustered common handle, no primary key, a narrow table, a large-value table);</li>
 *   <li>{@link io.tidbbinlog.sim.workload.TxnPlanner}: a session's next transaction as
 *       {@link io.tidbbinlog.sim.workload.StatementPlan}s;</li>
 *   <li>{@link io.tidbbinlog.sim.workload.ColumnValueGenerator} and {@link io.tidbbinlog.sim.workload.KeyValues}:
 *       column values in the model's Java types, random or distinct per ordinal;</li>
 *   <li>{@link io.tidbbinlog.sim.workload.DdlPlanner}: the next DDL as a {@link io.tidbbinlog.sim.workload.DdlOp}
 *       that TiDB accepts on the current {@link io.tidbbinlog.sim.workload.WorkloadSchema}.</li>
 * </ul>
 *
 * <p>Nothing here talks to the engine or the catalog; the caller runs the plans and feeds the resulting schema back.
 */
package io.tidbbinlog.sim.workload;
