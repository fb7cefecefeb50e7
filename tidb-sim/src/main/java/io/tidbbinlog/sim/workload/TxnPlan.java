package io.tidbbinlog.sim.workload;

import java.util.List;

/**
 * One planned transaction of a session.
 *
 * @param session    the session index
 * @param sequence   1-based number of this transaction within its session
 * @param statements the row statements, in execution order
 * @param abort      true when the transaction is to fail after prewrite (an injected fault), so it never commits
 * @param large      true for a large transaction (its statements are {@link StatementPlan.LargeInsert}s)
 */
public record TxnPlan(int session, long sequence, List<StatementPlan> statements, boolean abort, boolean large) {
    public TxnPlan {
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a transaction plan needs at least one statement");
        }
    }
}
