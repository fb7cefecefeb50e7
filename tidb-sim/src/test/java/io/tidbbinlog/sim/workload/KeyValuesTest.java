package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"tinyint", "tinyint unsigned", "smallint", "int", "int unsigned", "bigint",
            "bigint unsigned", "decimal(10,2)", "date", "datetime(6)", "varchar(64)", "varchar(32)", "char(16)",
            "varbinary(64)", "binary(8)"})
    void distinctOrdinalsGiveDistinctValuesThatSurviveTheRowCodec(String sqlType) {
        FieldType ft = TidbFieldTypes.of(sqlType, false);
        int n = sqlType.startsWith("tinyint") ? 256 : 5000;
        Set<String> seen = new HashSet<>();
        for (long i = 0; i < n; i++) {
            Object v = KeyValues.forOrdinal(ft, i);
            String rendered = ModelValues.render(v);
            assertTrue(seen.add(rendered), sqlType + " ordinal " + i + " repeats " + rendered);
            assertEquals(rendered, ModelValues.render(ModelValues.throughRowCodec(v, ft)));
            assertEquals(rendered, ModelValues.render(KeyValues.forOrdinal(ft, i)), "same ordinal, same value");
        }
    }

    @Test
    void signedKeysIncludeNegativesAndTheTypeRunsOutClearly() {
        FieldType tiny = TidbFieldTypes.of("tinyint", false);
        assertEquals(-128L, KeyValues.forOrdinal(tiny, 255));
        assertEquals(127L, KeyValues.forOrdinal(tiny, 254));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyValues.forOrdinal(tiny, 256));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KeyValues.forOrdinal(TidbFieldTypes.of("json", false), 1));
        assertThrows(IllegalArgumentException.class, () -> KeyValues.forOrdinal(tiny, -1));
    }
}
