package io.tidbbinlog.sim.catalog;

import io.tidbbinlog.schema.DBInfo;
import io.tidbbinlog.schema.Job;
import io.tidbbinlog.schema.TableInfo;

import java.util.List;
import java.util.Optional;

/**
 * What TiDB's HTTP status API and the transaction engine read of the schema. Names are matched case-insensitively,
 * as TiDB does ({@code CIStr.L}). All answers describe public objects as of the latest schema version.
 */
public interface CatalogView {
    long schemaVersion();

    List<DBInfo> databases();

    Optional<DBInfo> database(String name);

    List<TableInfo> tables(String database);

    Optional<TableInfo> table(String database, String table);

    Optional<TableInfo> tableById(long tableId);

    /** The database that holds a public table, by the table's id. */
    Optional<DBInfo> databaseOfTable(long tableId);

    /**
     * Finished DDL jobs in job-id order, as {@code GET /ddl/history?start_job_id=&limit=} serves them: jobs with an
     * id at least {@code startJobId} (0 = from the first), at most {@code limit} of them (0 = no limit).
     */
    List<Job> ddlHistory(long startJobId, int limit);

    /**
     * Finished DDL jobs the way TiDB's {@code GET /ddl/history} pages them: newest first, ids at most
     * {@code atOrBelowJobId} (0 = from the newest), at most {@code limit} of them (0 = no limit).
     */
    default List<Job> ddlHistoryNewestFirst(long atOrBelowJobId, int limit) {
        List<Job> all = ddlHistory(0, 0);
        List<Job> page = new java.util.ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && (limit == 0 || page.size() < limit); i--) {
            Job j = all.get(i);
            if (atOrBelowJobId == 0 || j.id() <= atOrBelowJobId) {
                page.add(j);
            }
        }
        return page;
    }
}
