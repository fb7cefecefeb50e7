/**
 * Id allocators that never repeat an id across restarts, the way TiDB's {@code meta/autoid} does: an allocator
 * reserves a block of ids by persisting the block's upper bound first and only then hands ids out of it, so after a
 * crash it continues above the persisted bound. Ids may be skipped (the unused rest of a block), never repeated.
 * {@link io.tidbbinlog.sim.autoid.IdBoundStore} is where the bounds live: in memory for tests, in a file of the
 * data dir for a restartable simulator.
 */
package io.tidbbinlog.sim.autoid;
