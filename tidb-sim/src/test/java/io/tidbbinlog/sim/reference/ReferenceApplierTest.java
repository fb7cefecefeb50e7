package io.tidbbinlog.sim.reference;

import io.tidbbinlog.model.ColumnMeta;
import io.tidbbinlog.model.RowChange;
import io.tidbbinlog.model.TableMeta;
import io.tidbbinlog.model.TableRef;
import io.tidbbinlog.model.Txn;
import io.tidbbinlog.model.UniqueKey;
import io.tidbbinlog.testservices.MariaDbExtension;
import io.tidbbinlog.testservices.MariaDbServer;
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

import static io.tidbbinlog.sim.reference.ReferenceFixtures.ALL_TYPES;
import static io.tidbbinlog.sim.reference.ReferenceFixtures.INT;
import static io.tidbbinlog.sim.reference.ReferenceFixtures.NO_PK;
import static io.tidbbinlog.sim.reference.ReferenceFixtures.VARCHAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(MariaDbExtension.class)
class ReferenceApplierTest {
    private JdbcTarget target;

    @BeforeEach
    void freshServerState(MariaDbServer db) {
        // A server zone other than UTC: TIMESTAMP values must still be taken as the UTC they are.
        db.executeSql("DROP DATABASE IF EXISTS refdb; DROP DATABASE IF EXISTS tidb_sim_ref;"
                + " DROP DATABASE IF EXISTS bulk; SET GLOBAL time_zone = '+05:00'");
        target = new JdbcTarget(db.jdbcUrl(), "root", "");
    }

    private List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = target.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static final String READ_ALL_TYPES = "SELECT id, CAST(u AS CHAR), CAST(d AS CHAR), CAST(f AS DOUBLE),"
            + " CAST(db AS CHAR), CAST(dt AS CHAR), CAST(dtm AS CHAR), CAST(ts AS CHAR), CAST(tm AS CHAR),"
            + " CAST(y AS CHAR), s, HEX(b), e, st, CAST(bt AS UNSIGNED), j FROM refdb.all_types ORDER BY id";

    @Test
    void everyColumnTypeArrivesAsTheValueTheBinlogCarried() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            applier.committed(clock.dml(
                    RowChange.insert(ALL_TYPES, ReferenceFixtures.extremes(1)),
                    RowChange.insert(ALL_TYPES, ReferenceFixtures.ordinary(2)),
                    RowChange.insert(ALL_TYPES, ReferenceFixtures.nulls(3)),
                    RowChange.insert(ALL_TYPES, ReferenceFixtures.zeros(4))));
        }
        List<List<String>> rows = rows(READ_ALL_TYPES);
        assertEquals(4, rows.size());
        assertEquals(List.of(List.of("2147483647.999999"), List.of("1.000000")),
                rows("SELECT UNIX_TIMESTAMP(ts) FROM refdb.all_types WHERE id IN (1, 2) ORDER BY id"),
                "the instants the UTC values name, whatever the server's zone");
        assertEquals(List.of("1", "18446744073709551615",
                "-99999999999999999999999999999999999.999999999999999999999999999999",
                "3.4028234663852886e38", "-1.7976931348623157e308", "9999-12-31",
                "1000-01-01 00:00:00.000001", "2038-01-19 03:14:07.999999", "-838:59:59.000000", "2155",
                "héllo 😀 'quoted' \\ back", "00FF275C", "c", "x,y,z", "18446744073709551615",
                "{\"k\": [1, 2.5, \"s\"], \"n\": null}"), rows.get(0));
        assertEquals(List.of("2", "42", "1.500000000000000000000000000000", String.valueOf((double) 0.1f), "0.1",
                "2024-02-29", "2024-02-29 23:59:59.500000", "1970-01-01 00:00:01.000000", "25:00:00.001000", "1999",
                "plain", "010203", "a", "x,z", "1", "[]"), rows.get(1));
        List<String> nullRow = new ArrayList<>();
        nullRow.add("3");
        for (int i = 1; i < 16; i++) {
            nullRow.add(null);
        }
        assertEquals(nullRow, rows.get(2));
        assertEquals(List.of("4", "0", "0.000000000000000000000000000000", "0", "0", "0000-00-00",
                "0000-00-00 00:00:00.000000", "0000-00-00 00:00:00.000000", "00:00:00.000000", "0000", "", "", "",
                "", "0", "0"), rows.get(3));
    }

    @Test
    void updatesAndDeletesFindTheirRowByPrimaryKeyAndNullableValuesStayNullSafe() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        Object[] one = ReferenceFixtures.ordinary(1);
        Object[] two = ReferenceFixtures.nulls(2);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            applier.committed(clock.dml(RowChange.insert(ALL_TYPES, one), RowChange.insert(ALL_TYPES, two)));
            applier.committed(clock.dml(
                    RowChange.update(ALL_TYPES, one, ReferenceFixtures.with(one, "s", "changed")),
                    RowChange.update(ALL_TYPES, two, ReferenceFixtures.with(two, "u", -2L)),
                    RowChange.delete(ALL_TYPES, ReferenceFixtures.with(one, "s", "changed"))));
        }
        assertEquals(List.of(List.of("2", "18446744073709551614")),
                rows("SELECT id, CAST(u AS CHAR) FROM refdb.all_types ORDER BY id"));
    }

    @Test
    void tablesWithoutKeyMatchRowsByAllValuesOneAtATime() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        Object[] dup = {7L, "same"};
        Object[] withNull = {null, "null a"};
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            applier.committed(clock.dml(RowChange.insert(NO_PK, dup), RowChange.insert(NO_PK, dup),
                    RowChange.insert(NO_PK, dup), RowChange.insert(NO_PK, withNull)));
            applier.committed(clock.dml(RowChange.delete(NO_PK, dup),
                    RowChange.update(NO_PK, dup, new Object[]{8L, "same"}),
                    RowChange.update(NO_PK, withNull, new Object[]{null, "still null a"})));
        }
        assertEquals(List.of(Arrays.asList(null, "still null a"), List.of("7", "same"), List.of("8", "same")),
                rows("SELECT a, s FROM refdb.no_pk ORDER BY a, s"));
    }

    @Test
    void aKeylessTableOfEveryTypeFindsEachRowByAllItsValues() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        TableMeta keyless = new TableMeta(new TableRef("refdb", "keyless", 106), ALL_TYPES.columns(), List.of());
        List<Object[]> images = List.of(ReferenceFixtures.extremes(1), ReferenceFixtures.ordinary(2),
                ReferenceFixtures.nulls(3), ReferenceFixtures.zeros(4));
        List<RowChange> inserts = new ArrayList<>();
        List<RowChange> changes = new ArrayList<>();
        for (Object[] image : images) {
            inserts.add(RowChange.insert(keyless, image));
            // Matching on every column: each type's bound value must equal what MariaDB stored.
            changes.add(RowChange.update(keyless, image, ReferenceFixtures.with(image, "id", (Long) image[0] + 10)));
        }
        changes.add(RowChange.delete(keyless, ReferenceFixtures.with(images.get(0), "id", 11L)));
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            applier.committed(clock.ddl("refdb", "", "CREATE DATABASE refdb"));
            applier.committed(clock.ddl("refdb", "keyless", ReferenceFixtures.ALL_TYPES_DDL
                    .replace("`all_types`", "`keyless`").replace(", PRIMARY KEY (`id`))", ")")));
            applier.committed(clock.dml(inserts));
            applier.committed(clock.dml(changes));
        }
        assertEquals(List.of(List.of("12"), List.of("13"), List.of("14")),
                rows("SELECT id FROM refdb.keyless ORDER BY id"));
    }

    @Test
    void generatedColumnsAreComputedByMariaDbAndAbsentColumnsTakeTheirDefault() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        TableMeta gen = new TableMeta(new TableRef("refdb", "gen", 102), List.of(
                new ColumnMeta("id", 1, ReferenceFixtures.BIGINT_PK, true, false),
                new ColumnMeta("a", 2, INT, false, false),
                new ColumnMeta("twice", 3, INT, false, true),
                new ColumnMeta("note", 4, VARCHAR, false, false)),
                List.of(new UniqueKey(UniqueKey.PRIMARY, List.of("id"))));
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            applier.committed(clock.ddl("refdb", "", "CREATE DATABASE refdb"));
            applier.committed(clock.ddl("refdb", "gen", "CREATE TABLE gen (id BIGINT PRIMARY KEY, a INT,"
                    + " twice INT AS (a * 2) VIRTUAL, note VARCHAR(64) DEFAULT 'dflt')"));
            applier.committed(clock.dml(RowChange.insert(gen, new Object[]{1L, 21L, 999L, RowChange.ABSENT})));
        }
        assertEquals(List.of(List.of("1", "21", "42", "dflt")), rows("SELECT id, a, twice, note FROM refdb.gen"));
    }

    @Test
    void databasesCreatedWithoutACharsetGetTidbsDefaultUtf8mb4Bin() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        TableMeta words = new TableMeta(new TableRef("refdb", "words", 104), List.of(
                new ColumnMeta("w", 1, VARCHAR, true, false), new ColumnMeta("flag", 2, INT, false, false)),
                List.of(new UniqueKey(UniqueKey.PRIMARY, List.of("w"))));
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            applier.committed(clock.ddl("refdb", "", "CREATE DATABASE refdb"));
            applier.committed(clock.ddl("refdb", "words",
                    "CREATE TABLE words (w VARCHAR(16) PRIMARY KEY, flag TINYINT(1))"));
            // Distinct keys under utf8mb4_bin, duplicates under a case-insensitive collation.
            applier.committed(clock.dml(RowChange.insert(words, new Object[]{"a", 1L}),
                    RowChange.insert(words, new Object[]{"A", 0L}),
                    RowChange.insert(words, new Object[]{"😀", null})));
        }
        assertEquals(List.of(List.of("A", "0"), List.of("a", "1"), List.of("😀", "NULL")),
                rows("SELECT w, IFNULL(flag, 'NULL') FROM refdb.words ORDER BY w"));
        assertEquals(List.of(List.of("utf8mb4_bin")),
                rows("SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'refdb'"));
    }

    @Test
    void aSwapOfUniqueValuesWithinOneTransactionReachesTheFinalState() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        TableMeta uniq = new TableMeta(new TableRef("refdb", "uniq", 105), List.of(
                new ColumnMeta("id", 1, ReferenceFixtures.BIGINT_PK, true, false),
                new ColumnMeta("u", 2, INT, false, false)),
                List.of(new UniqueKey(UniqueKey.PRIMARY, List.of("id")), new UniqueKey("uk", List.of("u"))));
        Txn swap;
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            applier.committed(clock.ddl("refdb", "", "CREATE DATABASE refdb"));
            applier.committed(clock.ddl("refdb", "uniq", "CREATE TABLE uniq (id BIGINT PRIMARY KEY, u INT UNIQUE KEY)"));
            applier.committed(clock.dml(RowChange.insert(uniq, new Object[]{1L, 1L}),
                    RowChange.insert(uniq, new Object[]{2L, 2L})));
            // TiDB (lazy unique check): UPDATE uniq SET u = 3 - u, then an insert; MariaDB rejects the first row alone.
            swap = clock.dml(RowChange.update(uniq, new Object[]{1L, 1L}, new Object[]{1L, 2L}),
                    RowChange.update(uniq, new Object[]{2L, 2L}, new Object[]{2L, 1L}),
                    RowChange.insert(uniq, new Object[]{3L, 3L}));
            applier.committed(swap);
        }
        assertEquals(List.of(List.of("1", "2"), List.of("2", "1"), List.of("3", "3")),
                rows("SELECT id, u FROM refdb.uniq ORDER BY id"));
        ReferenceSnapshot snapshots = new ReferenceSnapshot(target);
        ReferenceSnapshot.Materialized replayed = snapshots.materializeAsOf(swap.commitTs(), "swap_");
        try {
            assertEquals(List.of(List.of("1", "2"), List.of("2", "1"), List.of("3", "3")),
                    rows("SELECT id, u FROM swap_refdb.uniq ORDER BY id"), "the journal replays without colliding");
        } finally {
            snapshots.drop(replayed);
        }
    }

    @Test
    void databasesAreCreatedAndDroppedAndAnUpdateThatChangesNothingStillFindsItsRow() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        Object[] row = ReferenceFixtures.ordinary(1);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            applier.committed(clock.dml(RowChange.insert(ALL_TYPES, row)));
            applier.committed(clock.dml(RowChange.update(ALL_TYPES, row, row)));
            applier.committed(clock.ddl("refdb", "", "DROP DATABASE refdb"));
            assertFalse(rows("SHOW DATABASES").contains(List.of("refdb")));
            applier.committed(clock.ddl("refdb", "", "CREATE DATABASE refdb"));
            applier.committed(clock.ddl("refdb", "no_pk", ReferenceFixtures.NO_PK_DDL));
        }
        assertEquals(List.of(List.of("no_pk")), rows("SHOW TABLES FROM refdb"));
    }

    @Test
    void aRestartedApplierSkipsWhatItAlreadyApplied() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        List<Txn> stream = new ArrayList<>(ReferenceFixtures.schema(clock));
        stream.add(clock.dml(RowChange.insert(ALL_TYPES, ReferenceFixtures.ordinary(1))));
        Txn later = clock.dml(RowChange.insert(ALL_TYPES, ReferenceFixtures.ordinary(2)));
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            stream.forEach(applier::committed);
            assertEquals(stream.get(stream.size() - 1).commitTs(), applier.lastAppliedCommitTs());
        }
        stream.add(later);
        try (ReferenceApplier restarted = new ReferenceApplier(target)) {
            assertEquals(later.commitTs() - 2, restarted.lastAppliedCommitTs());
            // The whole stream again: the DDL and the first insert would fail if they ran a second time.
            stream.forEach(restarted::committed);
            assertEquals(later.commitTs(), restarted.lastAppliedCommitTs());
        }
        assertEquals(List.of(List.of("1"), List.of("2")), rows("SELECT id FROM refdb.all_types ORDER BY id"));
        assertEquals(List.of(List.of(String.valueOf(later.commitTs()))),
                rows("SELECT commit_ts FROM tidb_sim_ref.applied"));
    }

    @Test
    void aDdlInterruptedBeforeItsCheckpointIsRunAgainAndItsVisibleEffectAccepted(MariaDbServer db)
            throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        List<Txn> schema = ReferenceFixtures.schema(clock);
        Txn alter = clock.ddl("refdb", "all_types", "ALTER TABLE all_types ADD COLUMN extra INT NULL");
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            schema.forEach(applier::committed);
        }
        // A crash after MariaDB ran the DDL (it commits on its own) but before the checkpoint moved on.
        db.executeSql("UPDATE tidb_sim_ref.applied SET pending_ddl_ts = " + alter.commitTs() + ";"
                + " ALTER TABLE refdb.all_types ADD COLUMN extra INT NULL");
        try (ReferenceApplier restarted = new ReferenceApplier(target)) {
            restarted.committed(alter);
            assertEquals(alter.commitTs(), restarted.lastAppliedCommitTs());
        }
        assertEquals(List.of(List.of(String.valueOf(alter.commitTs()), "0")),
                rows("SELECT commit_ts, pending_ddl_ts FROM tidb_sim_ref.applied"));
        assertEquals(List.of(List.of("ALTER TABLE all_types ADD COLUMN extra INT NULL")),
                rows("SELECT ddl_query FROM tidb_sim_ref.journal WHERE commit_ts = " + alter.commitTs()));
    }

    @Test
    void aDdlWithoutItsDatabaseDoesNotLandInTheDatabaseOfThePreviousDdl() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            Txn orphan = clock.ddl("nowhere", "t", "CREATE TABLE t (a INT)");
            ReferenceApplyException e = assertThrows(ReferenceApplyException.class, () -> applier.committed(orphan));
            assertTrue(e.getMessage().contains("No database selected"), e.getMessage());
        }
        assertEquals(List.of(List.of("all_types"), List.of("no_pk")), rows("SHOW TABLES FROM refdb"));
    }

    @Test
    void aChangeThatFindsNoRowFailsTheWholeTransaction() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            long before = applier.lastAppliedCommitTs();
            Txn bad = clock.dml(RowChange.insert(ALL_TYPES, ReferenceFixtures.ordinary(1)),
                    RowChange.delete(ALL_TYPES, ReferenceFixtures.ordinary(99)));
            ReferenceApplyException e = assertThrows(ReferenceApplyException.class, () -> applier.committed(bad));
            assertTrue(e.getMessage().contains("commit_ts " + bad.commitTs()), e.getMessage());
            assertTrue(e.getMessage().contains("no reference row matches DELETE refdb.all_types"), e.getMessage());
            assertEquals(before, applier.lastAppliedCommitTs());
        }
        assertTrue(rows("SELECT id FROM refdb.all_types").isEmpty(), "the insert was rolled back with the delete");
    }

    @Test
    void aChangeThatFindsNoRowInTheMiddleOfABatchIsNoticed() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            List<RowChange> inserts = new ArrayList<>();
            for (long id = 1; id <= 10; id++) {
                inserts.add(RowChange.insert(ALL_TYPES, ReferenceFixtures.ordinary(id)));
            }
            applier.committed(clock.dml(inserts));
            List<RowChange> updates = new ArrayList<>();
            for (long id = 1; id <= 10; id++) {
                // id 5 was never there: the reference would silently drift if this passed.
                long target = id == 5 ? 55 : id;
                Object[] before = ReferenceFixtures.ordinary(target);
                updates.add(RowChange.update(ALL_TYPES, before, ReferenceFixtures.with(before, "s", "u" + id)));
            }
            Txn bad = clock.dml(updates);
            ReferenceApplyException e = assertThrows(ReferenceApplyException.class, () -> applier.committed(bad));
            assertTrue(e.getMessage().contains("no reference row matches UPDATE refdb.all_types#100 before=[55,"),
                    e.getMessage());
        }
        assertEquals(List.of(List.of("10")), rows("SELECT COUNT(*) FROM refdb.all_types WHERE s = 'plain'"));
    }

    @Test
    void aValueOfTheWrongModelTypeIsRejectedNamingTheColumn() {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            ReferenceFixtures.schema(clock).forEach(applier::committed);
            Txn bad = clock.dml(RowChange.insert(ALL_TYPES,
                    ReferenceFixtures.with(ReferenceFixtures.ordinary(1), "tm", "01:00:00")));
            ReferenceApplyException e = assertThrows(ReferenceApplyException.class, () -> applier.committed(bad));
            assertTrue(e.getMessage().contains("refdb.all_types#100.tm of type time cannot take a String"),
                    e.getMessage());
        }
    }

    @Test
    void aTwoHundredThousandRowTransactionIsAppliedInBatches() throws SQLException {
        ReferenceFixtures.Clock clock = new ReferenceFixtures.Clock(100);
        TableMeta wide = new TableMeta(new TableRef("bulk", "rows", 103), List.of(
                new ColumnMeta("id", 1, ReferenceFixtures.BIGINT_PK, true, false),
                new ColumnMeta("n", 2, INT, false, false),
                new ColumnMeta("s", 3, VARCHAR, false, false)),
                List.of(new UniqueKey(UniqueKey.PRIMARY, List.of("id"))));
        int count = 200_000;
        List<RowChange> rows = new ArrayList<>(count);
        for (long i = 0; i < count; i++) {
            rows.add(RowChange.insert(wide, new Object[]{i, i % 1000, "row number " + i}));
        }
        Txn createDb = clock.ddl("bulk", "", "CREATE DATABASE bulk");
        Txn createTable = clock.ddl("bulk", "rows", "CREATE TABLE `rows` (id BIGINT PRIMARY KEY, n INT, s VARCHAR(64))");
        Txn big = clock.dml(rows);
        List<RowChange> updates = new ArrayList<>(count);
        for (RowChange r : rows) {
            Object[] after = r.after().clone();
            after[1] = (Long) after[1] + 1;
            updates.add(RowChange.update(wide, r.after(), after));
        }
        Txn bigUpdate = clock.dml(updates);
        try (ReferenceApplier applier = new ReferenceApplier(target)) {
            applier.committed(createDb);
            applier.committed(createTable);
            for (Txn txn : List.of(big, bigUpdate)) {
                long start = System.nanoTime();
                applier.committed(txn);
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("applied %d %s in one transaction in %.2f s (%.0f rows/s)%n", count,
                        txn == big ? "inserts" : "updates", seconds, count / seconds);
            }
        }
        assertEquals(List.of(List.of(String.valueOf(count), String.valueOf((long) count * (count - 1) / 2),
                        String.valueOf(1000L * 999 / 2 * (count / 1000) + count))),
                rows("SELECT COUNT(*), SUM(id), SUM(n) FROM bulk.`rows`"));
        List<List<String>> chunks = rows("SELECT COUNT(*), SUM(row_count), MAX(LENGTH(row_data)) FROM"
                + " tidb_sim_ref.journal WHERE commit_ts = " + big.commitTs());
        assertTrue(Long.parseLong(chunks.get(0).get(0)) > 1, "the journal splits a big transaction: " + chunks);
        assertEquals(String.valueOf(count), chunks.get(0).get(1));
        assertTrue(Long.parseLong(chunks.get(0).get(2)) <= ReferenceJournal.CHUNK_BYTES + (1 << 20));
    }
}
