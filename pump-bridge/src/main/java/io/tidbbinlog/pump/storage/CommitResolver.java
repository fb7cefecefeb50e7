package io.tidbbinlog.pump.storage;

import io.tidbbinlog.proto.binlog.Binlog;

/**
 * Answers, for a prewrite binlog whose commit binlog has not arrived, whether its transaction committed (spec §4.4:
 * Pump asks TiKV; we ask the cluster through TiDB's MVCC HTTP API). Called by the storage's sorter at most about once
 * a second per blocked prewrite, from a storage thread; may block on I/O for a bounded time.
 */
@FunctionalInterface
public interface CommitResolver {

    /**
     * @param prewrite   the stored prewrite binlog (its {@code prewrite_key} is the transaction's primary key)
     * @param latestTso  the newest TSO this pump knows (from PD), for the age rule; 0 when none is known yet
     */
    Resolution resolve(Binlog prewrite, long latestTso);

    /** What the cluster says. */
    sealed interface Resolution permits Committed, RolledBack, Unknown {
    }

    /** The transaction committed at {@code commitTs}: the storage writes the missing commit binlog itself. */
    record Committed(long commitTs) implements Resolution {
    }

    /** The transaction rolled back (or will never commit): the prewrite is dropped. */
    record RolledBack(String reason) implements Resolution {
    }

    /** Not decidable yet (still locked, too young, cluster unreachable): ask again later. */
    record Unknown(String reason) implements Resolution {
    }

    /** A resolver that never decides: for storage used without a cluster (tests, tools). */
    CommitResolver NEVER = (prewrite, latestTso) -> new Unknown("no resolver configured");
}
