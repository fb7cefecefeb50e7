package io.tidbbinlog.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client side of {@code GET /ddl/history}. Paging semantics from pingcap/tidb pkg/ddl ScanHistoryDDLJobs (newest
 * first, {@code start_job_id} inclusive and only with a {@code limit}) and its HTTP test
 * (pkg/server/handler/tests: "/ddl/history?start_job_id=41&limit=3" returns ids below 42, descending).
 */
class DdlHistoryTest {

    @Test
    void pageQueriesFollowTiDBsParameters() {
        assertEquals("/ddl/history?start_job_id=41&limit=3", DdlHistory.pageQuery(41, 3));
        assertEquals("/ddl/history?limit=100", DdlHistory.pageQuery(0, 100));
        assertThrows(IllegalArgumentException.class, () -> DdlHistory.pageQuery(41, 0));
    }

    @Test
    void pagingWalksBackwardsFromTheSmallestIdSeen() {
        List<Job> page = List.of(job(41, 9), job(40, 8), job(39, 7));
        assertEquals(OptionalLong.of(38), DdlHistory.nextStartJobId(page, 3, 0));
        assertTrue(DdlHistory.nextStartJobId(page, 4, 0).isEmpty(), "a short page is the last one");
        assertTrue(DdlHistory.nextStartJobId(page, 3, 39).isEmpty(), "reached jobs already known");
        assertTrue(DdlHistory.nextStartJobId(List.of(), 3, 0).isEmpty());
    }

    @Test
    void appliesOnlyJobsThatTookEffectInSchemaVersionOrderOncePerId() {
        Job cancelled = new Job(44, 5, 1, 10, "", "", JobState.CANCELLED.code(), null, null, 0, 0, null, 0, 0, 0, 0,
                0, "", new HistoryInfo(12, null, null, 0, null), 1, null, null, 0, 0, "", "", null, 0, null, "", 0,
                false, 0, null);
        Job noVersion = job(45, 0);
        List<Job> pages = new ArrayList<>(List.of(job(43, 11), job(42, 10), cancelled, noVersion));
        pages.addAll(List.of(job(42, 10), job(41, 9), job(40, 12))); // overlapping page; job 40 finished last

        List<Job> ordered = DdlHistory.applicableInOrder(pages);

        assertEquals(List.of(41L, 42L, 43L, 40L), ordered.stream().map(Job::id).toList());
    }

    @Test
    void parsesAPageFromJson() {
        List<Job> page = DdlHistory.parsePage(Fixtures.bytes("handbuilt_add_column_job.json"));
        assertEquals(1, page.size());
        assertEquals(ActionType.ADD_COLUMN, page.get(0).action());
    }

    private static Job job(long id, long schemaVersion) {
        return Job.finished(id, ActionType.ADD_COLUMN, 1, 10, "db", "t", "",
                new HistoryInfo(schemaVersion, null, null, 0, null));
    }
}
