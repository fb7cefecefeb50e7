package io.tidbbinlog.sim.txn;

import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import io.tidbbinlog.schema.TableInfo;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tidbbinlog.sim.txn.Fixtures.SHOP;
import static io.tidbbinlog.sim.txn.Fixtures.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What TiDB (strict SQL mode) refuses or fills in, as statement errors and column rules. */
class StatementRulesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static int errorOf(Runnable statement) {
        return assertThrows(SqlStatementException.class, statement::run).errorCode();
    }

    @Test
    void strictModeRefusesValuesTheColumnCannotHold() throws Exception {
        try (TestEngine t = new TestEngine(Fixtures.catalog()); Session s = t.engine.openSession(UTC)) {
            s.begin();
            assertEquals(SqlStatementException.OUT_OF_RANGE,
                    errorOf(() -> s.insert("shop", "items", Map.of("id", 1L, "c_tiny", 128L))));
            assertEquals(SqlStatementException.OUT_OF_RANGE,
                    errorOf(() -> s.insert("shop", "items", Map.of("id", 1L, "c_dec",
                            new BigDecimal("123456789.1")))));
            assertEquals(SqlStatementException.DATA_TOO_LONG,
                    errorOf(() -> s.insert("shop", "items", Map.of("id", 1L, "c_varchar", "x".repeat(21)))));
            assertEquals(SqlStatementException.DATA_TRUNCATED,
                    errorOf(() -> s.insert("shop", "items", Map.of("id", 1L, "c_enum", 4L))));
            assertEquals(SqlStatementException.UNKNOWN_COLUMN,
                    errorOf(() -> s.insert("shop", "items", Map.of("id", 1L, "nope", 1L))));
            assertEquals(SqlStatementException.NO_SUCH_TABLE,
                    errorOf(() -> s.insert("shop", "nope", Map.of("id", 1L))));
            Map<String, Object> nullIntoNotNull = new HashMap<>();
            nullIntoNotNull.put("id", 1L);
            nullIntoNotNull.put("c_def", null);
            assertEquals(SqlStatementException.COLUMN_CANNOT_BE_NULL,
                    errorOf(() -> s.insert("shop", "items", nullIntoNotNull)));
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                    () -> s.insert("shop", "items", Map.of("id", 1L, "c_ts", "2024-01-01")));
            assertTrue(wrongType.getMessage().contains("c_ts"), wrongType.getMessage());
            // 20 characters fit VARCHAR(20) even when they take more bytes
            s.insert("shop", "items", Map.of("id", 1L, "c_varchar", "é".repeat(20)));
            s.commit();
            assertEquals(1, t.engine.rowCount("shop", "items"));
        }
    }

    @Test
    void onUpdateCurrentTimestampColumnsMoveOnlyWhenTheRowChanges() throws Exception {
        Fixtures.TableColumns cols = new Fixtures.TableColumns()
                .add("id", num(MysqlType.LONGLONG, ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL, 20))
                .add("n", num(MysqlType.LONG, 0, 11))
                .addWithDefaults("touched", FieldType.of(MysqlType.TIMESTAMP,
                        ColumnFlag.ON_UPDATE_NOW | ColumnFlag.NOT_NULL, 19, 0, "binary", "binary", List.of()),
                        null, "2000-01-01 00:00:00");
        InMemoryCatalog catalog = new InMemoryCatalog().database(SHOP)
                .table(SHOP.id(), TableInfo.of(300, "stamped", cols.list, List.of(), true, false));
        try (TestEngine t = new TestEngine(catalog); Session s = t.engine.openSession(UTC)) {
            s.begin();
            RowHandle h = s.insert("shop", "stamped", Map.of("id", 1L, "n", 1L));
            s.update("shop", "stamped", h, Map.of("n", 1L)); // no change, no touch
            s.commit();
            TidbTime initial = new TidbTime(2000, 1, 1, 0, 0, 0, 0, MysqlType.TIMESTAMP, 0);
            assertEquals(initial, t.engine.row("shop", "stamped", h).orElseThrow().values().get("touched"));

            s.begin();
            s.update("shop", "stamped", h, Map.of("n", 2L));
            s.commit();
            TidbTime touched = (TidbTime) t.engine.randomRow("shop", "stamped", new Random(1)).orElseThrow()
                    .values().get("touched");
            assertNotEquals(initial, touched);
            assertTrue(touched.year() >= 2024);
        }
    }
}
