package io.tidbbinlog.model;

import java.util.List;
import java.util.Objects;

/**
 * One committed TiDB transaction: either row changes (in the order TiDB applied them) or exactly one DDL.
 * {@code schemaVersion} is the TiDB schema version the transaction was written under (for a DDL, the version
 * the DDL produced).
 */
public record Txn(long startTs, long commitTs, long schemaVersion, List<RowChange> rows, DdlChange ddl) {
    public Txn {
        rows = rows == null ? List.of() : List.copyOf(rows);
        if (ddl != null && !rows.isEmpty()) {
            throw new IllegalArgumentException("a transaction carries rows or one DDL, not both (commit_ts "
                    + commitTs + ")");
        }
    }

    public static Txn dml(long startTs, long commitTs, long schemaVersion, List<RowChange> rows) {
        return new Txn(startTs, commitTs, schemaVersion, rows, null);
    }

    public static Txn ddl(long startTs, long commitTs, DdlChange ddl) {
        return new Txn(startTs, commitTs, ddl.schemaVersion(), List.of(), Objects.requireNonNull(ddl, "ddl"));
    }

    public boolean isDdl() {
        return ddl != null;
    }
}
