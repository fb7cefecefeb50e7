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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tidbbinlog.sim.reference.ReferenceFixtures.ALL_TYPES;
import static io.tidbbinlog.sim.reference.ReferenceFixtures.NO_PK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference on one MariaDB, the downstream on another, both fed the same transactions. */
@ExtendWith(MariaDbExtension.class)
class VerifierTest {
    private static MariaDbServer downstreamServer;
    private MariaDbServer referenceServer;
    private JdbcTarget reference;
    private JdbcTarget downstream;

    @BeforeAll
    static void startDownstream() {
        downstreamServer = MariaDbServer.launch();
    }

    @AfterAll
    static void stopDownstream() {
        downstreamServer.close();
    }

    @BeforeEach
    void sameDataOnBothSides(MariaDbServer db) {
        referenceServer = db;
        for (MariaDbServer s : List.of(db, downstreamServer)) {
            s.executeSql("DROP DATABASE IF EXISTS refdb; DROP DATABASE IF EXISTS tidb_sim_ref;"
                    + " DROP DATABASE IF EXISTS copy");
        }
        reference = new JdbcTarget(db.jdbcUrl(), "root", "");
        downstream = new JdbcTarget(downstreamServer.jdbcUrl(), "root", "");
        List<Txn> stream = stream();
        for (JdbcTarget t : List.of(reference, downstream)) {
            try (ReferenceApplier applier = new ReferenceApplier(t)) {
                stream.forEach(applier::committed);
            }
        }
    }

    private static List<Txn> stream() {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(1000);
        List<Txn> txns = new ArrayList<>(ReferenceFixtures.schema(clock));
        txns.add(clock.dml(RowChange.insert(ALL_TYPES, ReferenceFixtures.extremes(1)),
                RowChange.insert(ALL_TYPES, ReferenceFixtures.ordinary(2)),
                RowChange.insert(ALL_TYPES, ReferenceFixtures.nulls(3)),
                RowChange.insert(ALL_TYPES, ReferenceFixtures.zeros(4)),
                RowChange.insert(NO_PK, new Object[]{1L, "dup"}),
                RowChange.insert(NO_PK, new Object[]{1L, "dup"}),
                RowChange.insert(NO_PK, new Object[]{null, null})));
        return txns;
    }

    private VerificationReport verify() {
        return new Verifier(reference, downstream).verify();
    }

    private static TableVerification table(VerificationReport report, String name) {
        return report.table("refdb", name).orElseThrow(() -> new AssertionError("no verdict on " + name + ": "
                + report));
    }

    @Test
    void identicalDataIsEqual() {
        VerificationReport report = verify();
        assertTrue(report.equal(), report::describe);
        assertEquals(0, report.exitCode());
        assertEquals(List.of("refdb"), report.databases(), "tidb_sim_ref and system schemas are not compared");
        assertEquals(4, table(report, "all_types").referenceRows());
        assertEquals(4, table(report, "all_types").downstreamRows());
        assertEquals(3, table(report, "no_pk").downstreamRows());
    }

    @Test
    void aChangedValueIsPinpointedByKeyAndColumn() {
        downstreamServer.executeSql("UPDATE refdb.all_types SET d = d + 0.000000000000000000000000000001,"
                + " s = 'other' WHERE id = 2");
        VerificationReport report = verify();
        assertFalse(report.equal());
        assertEquals(1, report.exitCode());
        TableVerification t = table(report, "all_types");
        assertEquals(TableVerification.Status.DIFFERENT, t.status());
        assertEquals(1, t.differentRows());
        assertEquals(0, t.missingDownstream());
        assertEquals(0, t.extraDownstream());
        RowDifference d = t.samples().get(0);
        assertEquals(RowDifference.Kind.DIFFERENT_VALUES, d.kind());
        assertEquals("(id=2)", d.key());
        assertEquals(List.of(
                new RowDifference.ColumnDifference("d", "1.500000000000000000000000000000",
                        "1.500000000000000000000000000001"),
                new RowDifference.ColumnDifference("s", "'plain'", "'other'")), d.columns());
        assertTrue(table(report, "no_pk").equal());
        assertTrue(report.describe().contains("different values at (id=2): d reference=1.500000000000000000000000000000"
                + " downstream=1.500000000000000000000000000001;"), report::describe);
    }

    @Test
    void aMissingAndAnExtraRowAreReportedAsSuch() {
        downstreamServer.executeSql("DELETE FROM refdb.all_types WHERE id = 3;"
                + " INSERT INTO refdb.all_types (id, s) VALUES (5, 'new');"
                + " DELETE FROM refdb.no_pk WHERE a = 1 LIMIT 1");
        VerificationReport report = verify();
        TableVerification t = table(report, "all_types");
        assertEquals(1, t.missingDownstream());
        assertEquals(1, t.extraDownstream());
        assertEquals(0, t.differentRows());
        assertEquals(List.of(new RowDifference(RowDifference.Kind.MISSING_DOWNSTREAM, "(id=3)", List.of()),
                new RowDifference(RowDifference.Kind.EXTRA_DOWNSTREAM, "(id=5)", List.of())), t.samples());
        TableVerification noPk = table(report, "no_pk");
        assertEquals(1, noPk.missingDownstream(), noPk::describe);
        assertEquals(0, noPk.extraDownstream());
        assertEquals("(a=1, s='dup')", noPk.samples().get(0).key());
    }

    @Test
    void aMissingTableAnExtraTableAndAMissingColumnAreReported() {
        downstreamServer.executeSql("DROP TABLE refdb.no_pk; CREATE TABLE refdb.stray (x INT);"
                + " ALTER TABLE refdb.all_types DROP COLUMN st");
        VerificationReport report = verify();
        TableVerification missing = table(report, "no_pk");
        assertEquals(TableVerification.Status.TABLE_MISSING_DOWNSTREAM, missing.status());
        assertEquals(3, missing.referenceRows());
        assertEquals(TableVerification.Status.TABLE_EXTRA_DOWNSTREAM, table(report, "stray").status());
        TableVerification allTypes = table(report, "all_types");
        assertEquals(TableVerification.Status.DIFFERENT, allTypes.status());
        assertEquals(List.of("st"), allTypes.columnsMissingDownstream());
        assertEquals(0, allTypes.differentRows(), "the other columns still match");
    }

    @Test
    void aMissingDatabaseIsReported() {
        downstreamServer.executeSql("DROP DATABASE refdb");
        VerificationReport report = verify();
        assertEquals(List.of("refdb"), report.databasesMissingDownstream());
        assertEquals(TableVerification.Status.TABLE_MISSING_DOWNSTREAM, table(report, "all_types").status());
    }

    @Test
    void valuesAreComparedByMeaningNotSpelling() {
        // Same JSON document (key order, number spelling, spacing) and the same decimal written differently.
        downstreamServer.executeSql("UPDATE refdb.all_types SET j = '{\"n\":null,\"k\":[1.0,2.50,\"s\"]}' WHERE id = 1;"
                + " UPDATE refdb.all_types SET d = '1.5' WHERE id = 2");
        VerificationReport report = verify();
        assertTrue(report.equal(), report::describe);
        downstreamServer.executeSql("UPDATE refdb.all_types SET j = '{\"n\":0,\"k\":[1,2.5,\"s\"]}' WHERE id = 1");
        assertEquals(List.of(new RowDifference.ColumnDifference("j", "'{\"k\": [1, 2.5, \"s\"], \"n\": null}'",
                "'{\"n\":0,\"k\":[1,2.5,\"s\"]}'")), table(verify(), "all_types").samples().get(0).columns());
    }

    @Test
    void floatsAreComparedExactlyAsStored() {
        // 0.1f and the float nearest to 0.1000001 print alike with FLOAT's default 6 digits but are different floats.
        downstreamServer.executeSql("UPDATE refdb.all_types SET f = 0.1000001 WHERE id = 2");
        TableVerification t = table(verify(), "all_types");
        assertEquals(1, t.differentRows(), t::describe);
        assertEquals("f", t.samples().get(0).columns().get(0).column());
    }

    @Test
    void booleanLikeTinyintColumnsAreComparedAsNumbers(MariaDbServer db) {
        db.executeSql("CREATE TABLE refdb.flags (id INT PRIMARY KEY, b TINYINT(1)); INSERT INTO refdb.flags VALUES (1, 1), (2, 0), (3, 7)");
        downstreamServer.executeSql("CREATE TABLE refdb.flags (id INT PRIMARY KEY, b TINYINT(1)); INSERT INTO refdb.flags VALUES (1, 1), (2, 7), (3, 7)");
        TableVerification t = table(verify(), "flags");
        assertEquals(List.of(new RowDifference(RowDifference.Kind.DIFFERENT_VALUES, "(id=2)",
                List.of(new RowDifference.ColumnDifference("b", "0", "7")))), t.samples());
    }

    @Test
    void theRowOrderOfEveryTypeAgreesBetweenTheServersAndTheMerge() {
        // A keyless table is ordered by all its columns, a text key by its bytes: one row missing in the middle
        // must show as exactly that row missing, not as a cascade of missing and extra rows.
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(2000);
        io.tidbbinlog.model.TableMeta keyless = new io.tidbbinlog.model.TableMeta(
                new io.tidbbinlog.model.TableRef("refdb", "keyless", 106), ALL_TYPES.columns(), List.of());
        List<RowChange> rows = new ArrayList<>();
        for (long i = 0; i < 5; i++) {
            rows.add(RowChange.insert(keyless, ReferenceFixtures.extremes(i - 2)));
            rows.add(RowChange.insert(keyless, ReferenceFixtures.ordinary(i - 2)));
            rows.add(RowChange.insert(keyless, ReferenceFixtures.nulls(i - 2)));
            rows.add(RowChange.insert(keyless, ReferenceFixtures.zeros(i - 2)));
        }
        List<Txn> txns = List.of(
                clock.ddl("refdb", "keyless", ReferenceFixtures.ALL_TYPES_DDL.replace("`all_types`", "`keyless`")
                        .replace(", PRIMARY KEY (`id`))", ")")),
                clock.ddl("refdb", "words", "CREATE TABLE words (w VARCHAR(8) COLLATE utf8mb4_general_ci PRIMARY KEY)"),
                clock.dml(rows));
        for (JdbcTarget t : List.of(reference, downstream)) {
            try (ReferenceApplier applier = new ReferenceApplier(t)) {
                txns.forEach(applier::committed);
            }
        }
        String words = "INSERT INTO refdb.words VALUES ('b'), ('A'), ('É'), ('z'), ('_'), ('😀'), (' x'), ('')";
        referenceServer.executeSql("SET NAMES utf8mb4; " + words);
        downstreamServer.executeSql("SET NAMES utf8mb4; " + words.replace(", ('z')", ""));
        downstreamServer.executeSql("DELETE FROM refdb.keyless WHERE id = 0 AND s = 'plain'");
        VerificationReport report = verify();
        TableVerification t = table(report, "keyless");
        assertEquals(20, t.referenceRows());
        assertEquals(1, t.missingDownstream(), t::describe);
        assertEquals(0, t.extraDownstream(), t::describe);
        TableVerification w = table(report, "words");
        assertEquals(List.of(new RowDifference(RowDifference.Kind.MISSING_DOWNSTREAM, "(w='z')", List.of())),
                w.samples(), w::describe);
    }

    @Test
    void onlyTheFirstDifferencesAreKeptButAllAreCounted() {
        downstreamServer.executeSql("DELETE FROM refdb.all_types");
        VerificationReport report = new Verifier(reference, downstream, 2, Verifier.DEFAULT_SCRATCH_PREFIX).verify();
        TableVerification t = table(report, "all_types");
        assertEquals(4, t.missingDownstream());
        assertEquals(2, t.samples().size());
    }

    @Test
    void aDownstreamDatabaseOnTheReferenceServerIsComparedUnderItsOwnName(MariaDbServer db) {
        db.executeSql("DROP DATABASE IF EXISTS copy; CREATE DATABASE copy;"
                + " CREATE TABLE copy.all_types LIKE refdb.all_types; INSERT INTO copy.all_types SELECT * FROM refdb.all_types;"
                + " CREATE TABLE copy.no_pk LIKE refdb.no_pk; INSERT INTO copy.no_pk SELECT * FROM refdb.no_pk;");
        Verifier sameServer = new Verifier(reference, reference);
        assertTrue(sameServer.verifyRenamed(Map.of("refdb", "copy")).equal());
        db.executeSql("UPDATE copy.no_pk SET s = 'changed' WHERE a IS NULL");
        VerificationReport report = sameServer.verifyRenamed(Map.of("refdb", "copy"));
        TableVerification t = report.table("copy", "no_pk").orElseThrow();
        assertEquals(1, t.missingDownstream(), t::describe);
        assertEquals(1, t.extraDownstream(), "a table without key cannot tell a changed row from a replaced one");
    }

    @Test
    void theCommandLineEntryMapsTheOutcomeToExitCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Verifier.run(this::verify, print));
        downstreamServer.executeSql("DELETE FROM refdb.all_types WHERE id = 1");
        assertEquals(1, Verifier.run(this::verify, print));
        JdbcTarget nowhere = new JdbcTarget("jdbc:mariadb://127.0.0.1:1/?connectTimeout=2000", "root", "");
        assertEquals(2, Verifier.run(() -> new Verifier(reference, nowhere).verify(), print));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("EQUAL: 2 tables in [refdb], 0 differ"), text);
        assertTrue(text.contains("missing downstream: (id=1)"), text);
        assertTrue(text.contains("verification failed: comparing"), text);
    }
}
