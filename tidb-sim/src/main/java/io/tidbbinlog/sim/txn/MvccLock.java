package io.tidbbinlog.sim.txn;

/** A prewrite lock still held on a key: the transaction neither committed nor rolled back yet. */
public record MvccLock(MvccOp op, long startTs, byte[] primary, byte[] shortValue) {
}
