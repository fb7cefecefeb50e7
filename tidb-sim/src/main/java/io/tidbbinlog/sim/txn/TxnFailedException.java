package io.tidbbinlog.sim.txn;

/**
 * The commit of a transaction failed and none of its rows took effect: its prewrite binlog was not accepted
 * (TiDB's {@code ErrCritical} from the binlog write), or its TiKV commit failed (the engine's injected abort).
 */
public class TxnFailedException extends Exception {
    private final long startTs;

    public TxnFailedException(long startTs, String message, Throwable cause) {
        super("transaction start_ts " + startTs + ": " + message, cause);
        this.startTs = startTs;
    }

    public long startTs() {
        return startTs;
    }
}
