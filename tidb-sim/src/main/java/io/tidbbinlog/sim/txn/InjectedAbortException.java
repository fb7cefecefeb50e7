package io.tidbbinlog.sim.txn;

/** A transaction failed on purpose after its prewrite binlog went out (the workload's fault mode). */
public final class InjectedAbortException extends TxnFailedException {
    public InjectedAbortException(long startTs) {
        super(startTs, "TiKV commit failed (injected abort)", null);
    }
}
