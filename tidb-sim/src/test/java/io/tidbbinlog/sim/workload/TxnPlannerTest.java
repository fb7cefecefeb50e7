package io.tidbbinlog.sim.workload;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TxnPlannerTest {
    private static final WorkloadSchema SCHEMA = WorkloadTables.standard();

    private static WorkloadSpec spec(long seed, double multiTable, double abort, int largeEvery, int largeMb) {
        return new WorkloadSpec(seed, 4, 0, 2, 6, new StatementMix(40, 30, 20, 10), multiTable, 0, abort,
                largeEvery, largeMb, null, 0, List.of(ZoneId.of("UTC")));
    }

    private static List<TxnPlan> plans(WorkloadSpec spec, int session, int n) {
        TxnPlanner p = new TxnPlanner(spec, session);
        List<TxnPlan> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(p.next(SCHEMA));
        }
        return out;
    }

    @Test
    void plansAreDeterministicPerSeedAndSession() {
        WorkloadSpec s = spec(7, 0.3, 0.05, 0, 0);
        assertEquals(plans(s, 1, 300), plans(s, 1, 300));
        assertNotEquals(plans(s, 1, 300), plans(s, 2, 300));
        assertNotEquals(plans(s, 1, 300), plans(spec(8, 0.3, 0.05, 0, 0), 1, 300));
    }

    @Test
    void statementCountsKindsAndAbortsFollowTheSpec() {
        List<TxnPlan> plans = plans(spec(3, 0.3, 0.1, 0, 0), 0, 2000);
        Map<Class<?>, Integer> kinds = new HashMap<>();
        long aborts = 0;
        for (int i = 0; i < plans.size(); i++) {
            TxnPlan p = plans.get(i);
            assertEquals(i + 1, p.sequence());
            assertTrue(p.statements().size() >= 2 && p.statements().size() <= 6, p.toString());
            assertFalse(p.large());
            aborts += p.abort() ? 1 : 0;
            for (StatementPlan st : p.statements()) {
                kinds.merge(st.getClass(), 1, Integer::sum);
                if (st instanceof StatementPlan.Update u && u.changePrimaryKey()) {
                    assertFalse(WorkloadSchema.primaryKeyColumns(SCHEMA.table(u.database(), u.table()).orElseThrow())
                            .isEmpty(), "a primary key change on a table without one: " + u);
                }
            }
        }
        assertTrue(aborts > 120 && aborts < 280, "10% of 2000 aborted, got " + aborts);
        assertEquals(Set.of(StatementPlan.Insert.class, StatementPlan.Update.class, StatementPlan.Delete.class),
                kinds.keySet());
        int total = kinds.values().stream().mapToInt(Integer::intValue).sum();
        double inserts = kinds.get(StatementPlan.Insert.class) / (double) total;
        assertTrue(inserts > 0.35 && inserts < 0.45, "insert share " + inserts);
    }

    @Test
    void multiTableProbabilityDecidesHowManyTablesATransactionSpans() {
        for (TxnPlan p : plans(spec(3, 0, 0, 0, 0), 0, 500)) {
            assertEquals(1, tablesOf(p).size(), p.toString());
        }
        for (TxnPlan p : plans(spec(3, 1, 0, 0, 0), 0, 500)) {
            assertTrue(tablesOf(p).size() >= 2, p.toString());
        }
    }

    @Test
    void everyNthTransactionIsLargeAndCarriesTheAskedMegabytesInBlobSizedRows() {
        List<TxnPlan> plans = plans(spec(3, 0.3, 0, 5, 101), 0, 10);
        for (TxnPlan p : plans) {
            assertEquals(p.sequence() % 5 == 0, p.large(), "sequence " + p.sequence());
        }
        TxnPlan large = plans.get(4);
        long bytes = 0;
        for (StatementPlan st : large.statements()) {
            StatementPlan.LargeInsert li = (StatementPlan.LargeInsert) st;
            assertTrue(li.valueBytes() > 0 && li.valueBytes() <= 65_535, li.toString());
            var column = SCHEMA.table(li.database(), li.table()).orElseThrow().columns().stream()
                    .filter(c -> c.name().equals(li.column())).findFirst().orElseThrow();
            assertTrue(column.sqlType().equals("blob") || column.sqlType().equals("text"), column.toString());
            bytes += li.valueBytes();
        }
        assertEquals(101L << 20, bytes);
    }

    @Test
    void aScheduleWithoutTablesOrBlobColumnsIsRefusedClearly() {
        WorkloadSchema empty = new WorkloadSchema(List.of(new WorkloadSchema.Database("d", List.of())));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TxnPlanner(spec(1, 0, 0, 0, 0), 0).next(empty));
        assertTrue(e.getMessage().contains("no table"), e.getMessage());
        WorkloadSchema narrowOnly = new WorkloadSchema(List.of(new WorkloadSchema.Database(WorkloadTables.MAIN_DB,
                List.of(SCHEMA.table(WorkloadTables.MAIN_DB, WorkloadTables.NARROW).orElseThrow()))));
        e = assertThrows(IllegalStateException.class, () -> new TxnPlanner(spec(1, 0, 0, 1, 1), 0).next(narrowOnly));
        assertTrue(e.getMessage().contains("BLOB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TxnPlanner(spec(1, 0, 0, 0, 0), 4));
    }

    private static Set<String> tablesOf(TxnPlan p) {
        Set<String> s = new HashSet<>();
        p.statements().forEach(st -> s.add(st.database() + "." + st.table()));
        return s;
    }
}
