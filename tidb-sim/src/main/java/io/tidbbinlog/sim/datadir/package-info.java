/**
 * What a simulated TiDB keeps in its data dir so that a restart continues the same cluster: the catalog (TiDB's
 * meta: schemas, id counters, DDL history), the id-block bounds of the row id allocators, and the workload's own
 * state (its picture of the schema, its key ordinal bounds). Every file is replaced atomically
 * ({@link io.tidbbinlog.sim.datadir.DurableFile}); a file that cannot be read, or one left by another PD cluster,
 * fails the start with a message naming it.
 */
package io.tidbbinlog.sim.datadir;
