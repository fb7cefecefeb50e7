/**
 * The reference database every end-to-end test is judged against, and the verifier.
 *
 * <p>{@link io.tidbbinlog.sim.reference.ReferenceApplier} is told of every committed transaction (a
 * {@link io.tidbbinlog.sim.txn.TxnListener}) and applies it to a MariaDB: values bound, never spliced, as the
 * model's value types map to MariaDB (UNSIGNED BIGINT and SET bitmasks above 2^63 as unsigned numbers, BIT as
 * {@code CAST(? AS UNSIGNED)} so that all 64 bits land, ENUM as its index, temporal values as TiDB text in a UTC
 * session, TIME as signed text beyond 24 hours); DDL text as recorded, after {@code USE} of its schema. Tables
 * without a primary key get no hidden row id column: an UPDATE or DELETE matches all the before values with
 * {@code <=>} and {@code LIMIT 1}, rows identical in every column being interchangeable for comparison.
 *
 * <p>In its own schema {@code tidb_sim_ref} the applier keeps the checkpoint (last applied commit_ts, written in the
 * same DB transaction as the data) and a journal of every transaction (DDL text; row changes in chunks of a few MB).
 * {@link io.tidbbinlog.sim.reference.ReferenceSnapshot} replays the journal up to a commit_ts into scratch
 * databases; {@link io.tidbbinlog.sim.reference.Verifier} compares a downstream with the reference, now or as of a
 * commit_ts, and returns a {@link io.tidbbinlog.sim.reference.VerificationReport}.
 */
package io.tidbbinlog.sim.reference;
