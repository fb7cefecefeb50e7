package io.tidbbinlog.sim.txn;

/** The kind of an MVCC write or lock record, numbered as kvrpcpb's {@code Op} (TiKV's MVCC debug answers). */
public enum MvccOp {
    PUT(0), DEL(1), LOCK(2), ROLLBACK(3), INSERT(4), PESSIMISTIC_LOCK(5), CHECK_NOT_EXISTS(6);

    private final int code;

    MvccOp(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
