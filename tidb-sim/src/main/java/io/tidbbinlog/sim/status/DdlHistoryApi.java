package io.tidbbinlog.sim.status;

import io.tidbbinlog.sim.catalog.CatalogView;


/**
 * {@code GET /ddl/history[?start_job_id=S][&limit=N]} as TiDB serves it (pingcap/tidb
 * {@code tikv_handler_schema.go} DDLHistoryJobHandler, {@code pkg/ddl/ddl_history.go ScanHistoryDDLJobs}): jobs in
 * <em>descending</em> job id order; without {@code start_job_id} the newest {@code limit} jobs (default
 * {@value #MAX_LIMIT}); with it, jobs whose id is at most S, and then {@code limit} is mandatory.
 * {@code limit} must be 1..{@value #MAX_LIMIT} ({@code DefNumGetDDLHistoryJobs}).
 */
final class DdlHistoryApi {

    static final int MAX_LIMIT = 2048;

    private final CatalogView catalog;

    DdlHistoryApi(CatalogView catalog) {
        this.catalog = catalog;
    }

    Reply history(QueryParams query) {
        long startJobId = 0;
        String start = query.value("start_job_id");
        if (!start.isEmpty()) {
            startJobId = GoStrconv.atoi(start);
            if (startJobId < 1) {
                throw new TidbRequestException("ddl history start_job_id must be greater than 0");
            }
        }
        int limit = 0;
        String limitText = query.value("limit");
        if (!limitText.isEmpty()) {
            long l = GoStrconv.atoi(limitText);
            if (l < 1 || l > MAX_LIMIT) {
                throw new TidbRequestException(
                        "ddl history limit must be greater than 0 and less than or equal to " + MAX_LIMIT);
            }
            limit = (int) l;
        }
        if (startJobId == 0 && limit == 0) {
            limit = MAX_LIMIT;
        } else if (limit == 0) {
            throw new TidbRequestException("when 'start_job_id' is specified, it must work with a 'limit'");
        }
        return Reply.json(GoJson.indented(catalog.ddlHistoryNewestFirst(startJobId, limit)));
    }
}
