package io.tidbbinlog.sim.txn;

/** A committed (or rolled-back) version of a key: TiKV's write-CF record. */
public record MvccWrite(MvccOp op, long startTs, long commitTs, byte[] shortValue) {
}
