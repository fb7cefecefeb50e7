package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.testservices.MariaDbExtension;
import io.tidbbinlog.testservices.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.tidbbinlog.sim.reference.ReferenceFixtures.ALL_TYPES;
import static io.tidbbinlog.sim.reference.ReferenceFixtures.NO_PK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference receives a whole history (DML, ALTER, DROP TABLE, a second database, qualified and unqualified
 * DDL); a downstream that received only the transactions up to a cut must equal the reference as of that cut.
 */
@ExtendWith(MariaDbExtension.class)
class VerifyAsOfTest {
    private static MariaDbServer downstreamServer;
    private JdbcTarget reference;
    private JdbcTarget downstream;
    private final List<Txn> history = new ArrayList<>();
    private long afterFirstRows;
    private long afterAlter;

    @BeforeAll
    static void startDownstream() {
        downstreamServer = MariaDbServer.launch();
    }

    @AfterAll
    static void stopDownstream() {
        downstreamServer.close();
    }

    @BeforeEach
    void referenceHoldsTheWholeHistory(MariaDbServer db) {
        for (MariaDbServer s : List.of(db, downstreamServer)) {
            s.executeSql("DROP DATABASE IF EXISTS refdb; DROP DATABASE IF EXISTS other;"
                    + " DROP DATABASE IF EXISTS tidb_sim_ref");
        }
        reference = new JdbcTarget(db.jdbcUrl(), "root", "");
        downstream = new JdbcTarget(downstreamServer.jdbcUrl(), "root", "");

        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(5000);
        history.clear();
        history.addAll(ReferenceFixtures.schema(clock));
        Object[] one = ReferenceFixtures.ordinary(1);
        history.add(clock.dml(RowChange.insert(ALL_TYPES, one),
                RowChange.insert(ALL_TYPES, ReferenceFixtures.extremes(2)),
                RowChange.insert(NO_PK, new Object[]{5L, "five"})));
        afterFirstRows = last();
        history.add(clock.dml(RowChange.update(ALL_TYPES, one, ReferenceFixtures.with(one, "s", "updated")),
                RowChange.delete(NO_PK, new Object[]{5L, "five"})));
        history.add(clock.ddl("refdb", "all_types", "ALTER TABLE `refdb`.`all_types` ADD COLUMN `extra` INT NULL"));
        history.add(clock.dml(RowChange.insert(ALL_TYPES, ReferenceFixtures.nulls(3))));
        afterAlter = last();
        history.add(clock.ddl("refdb", "no_pk", "DROP TABLE no_pk"));
        history.add(clock.ddl("other", "", "CREATE DATABASE IF NOT EXISTS other"));
        history.add(clock.ddl("other", "t", "CREATE TABLE other.t (k VARCHAR(8) PRIMARY KEY, note TEXT"
                + " DEFAULT 'refdb.all_types is not renamed inside a string')"));
        try (ReferenceApplier applier = new ReferenceApplier(reference)) {
            history.forEach(applier::committed);
        }
    }

    private long last() {
        return history.get(history.size() - 1).commitTs();
    }

    private void downstreamReceivesUpTo(long commitTs) {
        try (ReferenceApplier applier = new ReferenceApplier(downstream)) {
            history.stream().filter(t -> t.commitTs() <= commitTs).forEach(applier::committed);
        }
    }

    @Test
    void aDownstreamCutAfterTheFirstRowsEqualsTheReferenceAsOfThatCut() {
        downstreamReceivesUpTo(afterFirstRows);
        Verifier verifier = new Verifier(reference, downstream);

        VerificationReport asOf = verifier.verifyAsOf(afterFirstRows);
        assertTrue(asOf.equal(), asOf::describe);
        assertEquals(List.of("refdb"), asOf.databases(), "database `other` did not exist yet");
        assertEquals(1, asOf.table("refdb", "no_pk").orElseThrow().referenceRows());

        VerificationReport now = verifier.verify();
        assertFalse(now.equal());
        assertEquals(List.of("other"), now.databasesMissingDownstream());
        assertEquals(TableVerification.Status.TABLE_EXTRA_DOWNSTREAM, now.table("refdb", "no_pk").orElseThrow().status());
        TableVerification allTypes = now.table("refdb", "all_types").orElseThrow();
        assertEquals(List.of("extra"), allTypes.columnsMissingDownstream());
        assertEquals(1, allTypes.missingDownstream(), "row 3 is not downstream yet");
        assertEquals(1, allTypes.differentRows(), "nor the update of row 1");
    }

    @Test
    void aDownstreamCutAfterTheAlterEqualsTheReferenceAsOfThatCutOnly() {
        downstreamReceivesUpTo(afterAlter);
        Verifier verifier = new Verifier(reference, downstream);
        VerificationReport asOf = verifier.verifyAsOf(afterAlter);
        assertTrue(asOf.equal(), asOf::describe);
        TableVerification allTypes = asOf.table("refdb", "all_types").orElseThrow();
        assertEquals(3, allTypes.referenceRows());

        VerificationReport earlier = verifier.verifyAsOf(afterFirstRows);
        assertFalse(earlier.equal());
        TableVerification before = earlier.table("refdb", "all_types").orElseThrow();
        assertEquals(List.of("extra"), before.columnsExtraDownstream());
        assertEquals(1, before.extraDownstream(), "row 3 came after the first cut");
        assertEquals(1, before.differentRows(), "row 1 was updated after the first cut");
        assertFalse(verifier.verify().equal());
    }

    @Test
    void theFullHistoryReplayedEqualsTheCurrentReferenceAndScratchDatabasesAreDropped(MariaDbServer db) {
        downstreamReceivesUpTo(Long.MAX_VALUE);
        Verifier verifier = new Verifier(reference, downstream);
        assertTrue(verifier.verify().equal());
        VerificationReport asOfEnd = verifier.verifyAsOf(last());
        assertTrue(asOfEnd.equal(), asOfEnd::describe);
        assertEquals(List.of("other", "refdb"), asOfEnd.databases());
        assertFalse(db.executeSql("SHOW DATABASES").contains(Verifier.DEFAULT_SCRATCH_PREFIX));
    }

    private List<String> idAndS(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = reference.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void materializingBuildsNamedScratchDatabasesBesideTheReference(MariaDbServer db) throws SQLException {
        ReferenceSnapshot snapshots = new ReferenceSnapshot(reference);
        ReferenceSnapshot.Materialized m = snapshots.materializeAsOf(afterAlter, "scratch_");
        try {
            assertEquals(Map.of("refdb", "scratch_refdb"), m.databases());
            assertEquals(last(), m.referenceAppliedUpTo());
            assertEquals(Arrays.asList("1 updated", "2 " + ReferenceFixtures.extremes(2)[10], "3 null"),
                    idAndS("SELECT id, s FROM scratch_refdb.all_types ORDER BY id"));
            assertTrue(db.executeSql("SHOW TABLES FROM scratch_refdb").contains("no_pk"));
            assertTrue(db.executeSql("SHOW DATABASES").contains("other"), "the reference itself is untouched");
        } finally {
            snapshots.drop(m);
        }
        assertFalse(db.executeSql("SHOW DATABASES").contains("scratch_"));
    }
}
