package io.tidbbinlog.sim.workload;

import java.util.random.RandomGenerator;

/**
 * Relative weights of the statement kinds in a transaction. {@code updatePk} is an UPDATE that changes the primary
 * key (TiDB then writes a delete of the old key and an insert of the new one).
 */
public record StatementMix(int insert, int update, int delete, int updatePk) {
    public StatementMix {
        if (insert < 0 || update < 0 || delete < 0 || updatePk < 0) {
            throw new IllegalArgumentException("statement mix weights must not be negative: insert=" + insert
                    + " update=" + update + " delete=" + delete + " updatePk=" + updatePk);
        }
        if (insert == 0) {
            // Without inserts the tables empty out and updates/deletes have nothing to act on.
            throw new IllegalArgumentException("statement mix needs a positive insert weight, was " + insert);
        }
    }

    /** Mostly inserts and updates, some deletes and key changes. */
    public static StatementMix defaults() {
        return new StatementMix(50, 30, 15, 5);
    }

    enum Kind { INSERT, UPDATE, DELETE, UPDATE_PK }

    Kind pick(RandomGenerator rnd) {
        int r = rnd.nextInt(insert + update + delete + updatePk);
        if (r < insert) {
            return Kind.INSERT;
        }
        r -= insert;
        if (r < update) {
            return Kind.UPDATE;
        }
        r -= update;
        return r < delete ? Kind.DELETE : Kind.UPDATE_PK;
    }
}
