package io.tidbbinlog.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Client-side handling of TiDB's {@code GET /ddl/history[?start_job_id=S&limit=N]} pages (fetching is elsewhere).
 *
 * <p>TiDB (pkg/ddl ScanHistoryDDLJobs) returns history jobs in <em>descending</em> job id order. With
 * {@code start_job_id} it starts at that id, inclusive, and then a {@code limit} is mandatory; without it, it
 * starts at the newest job (newer TiDBs then cap an absent limit at 1024 jobs, older ones return all). So a client
 * pages backwards: ask for {@code (S, N)}, and continue from the smallest id seen minus one until a page comes
 * back shorter than {@code N} or reaches jobs it already has.
 */
public final class DdlHistory {
    public static final String PATH = "/ddl/history";

    private DdlHistory() {
    }

    /** Parses one page, in TiDB's order (newest first). */
    public static List<Job> parsePage(byte[] json) {
        return TidbJson.parseJobs(json);
    }

    /** The path and query for one page; {@code startJobId <= 0} means "from the newest job". */
    public static String pageQuery(long startJobId, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("ddl history limit must be greater than 0, got " + limit);
        }
        if (startJobId <= 0) {
            return PATH + "?limit=" + limit;
        }
        return PATH + "?start_job_id=" + startJobId + "&limit=" + limit;
    }

    /**
     * Where the next (older) page starts, or empty when this page was the last: it held fewer than
     * {@code limit} jobs, or its oldest job is at or below {@code stopAtJobId} (a job the caller already has;
     * pass 0 to read everything).
     */
    public static OptionalLong nextStartJobId(List<Job> page, int limit, long stopAtJobId) {
        if (page.size() < limit || page.isEmpty()) {
            return OptionalLong.empty();
        }
        long min = Long.MAX_VALUE;
        for (Job j : page) {
            min = Math.min(min, j.id());
        }
        if (min <= stopAtJobId || min <= 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(min - 1);
    }

    /**
     * The jobs a schema history should apply, in the order to apply them: only those that took effect and carry
     * a schema version ({@link Job#isApplicable()}), each job id once (pages may overlap), sorted by schema
     * version and then job id, as drainer sorts the history it loads.
     */
    public static List<Job> applicableInOrder(Collection<Job> jobs) {
        Map<Long, Job> byId = new LinkedHashMap<>();
        for (Job j : jobs) {
            if (j.isApplicable()) {
                byId.putIfAbsent(j.id(), j);
            }
        }
        List<Job> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingLong(Job::schemaVersion).thenComparingLong(Job::id));
        return out;
    }
}
