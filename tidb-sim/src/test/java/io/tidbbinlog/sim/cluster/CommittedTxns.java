package io.tidbbinlog.sim.cluster;

import io.tidbbinlog.model.Txn;
import io.tidbbinlog.sim.txn.TxnListener;

import java.util.ArrayList;
import java.util.List;

/** The engine's own account of what committed, in the order it told its listeners. */
final class CommittedTxns implements TxnListener {
    private final List<Txn> txns = new ArrayList<>();

    @Override
    public synchronized void committed(Txn txn) {
        txns.add(txn);
    }

    synchronized List<Txn> all() {
        return List.copyOf(txns);
    }
}
