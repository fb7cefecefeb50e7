package io.tidbbinlog.sim.txn;

/** A value written by the transaction that started at {@code startTs}: TiKV's default-CF record. */
public record MvccValue(long startTs, byte[] value) {
}
