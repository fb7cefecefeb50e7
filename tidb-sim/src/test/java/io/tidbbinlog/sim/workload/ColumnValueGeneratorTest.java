package io.tidbbinlog.sim.workload;

import io.tidbbinlog.codec.BinaryJson;
import io.tidbbinlog.codec.TidbTime;
import io.tidbbinlog.schema.ColumnFlag;
import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnValueGeneratorTest {
    private static final int SAMPLES = 3000;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final ColumnValueGenerator generator =
            new ColumnValueGenerator(ColumnValueGenerator.Options.defaults(), NEW_YORK);

    static List<String> workloadTypes() {
        return WorkloadTables.SQL_TYPES;
    }

    private List<Object> sample(String sqlType, boolean nullable, long seed) {
        FieldType ft = TidbFieldTypes.of(sqlType, nullable);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            out.add(generator.next(ft, rnd));
        }
        return out;
    }

    private List<Object> nonNull(String sqlType) {
        return sample(sqlType, false, 7);
    }

    @ParameterizedTest
    @MethodSource("workloadTypes")
    void everyValueEncodesWithTheRowCodecAndDecodesToItself(String sqlType) {
        FieldType ft = TidbFieldTypes.of(sqlType, true);
        for (Object v : sample(sqlType, true, 42)) {
            Object back = ModelValues.throughRowCodec(v, ft);
            assertEquals(ModelValues.render(v), ModelValues.render(back), () -> sqlType + " value " + v);
        }
    }

    @ParameterizedTest
    @MethodSource("workloadTypes")
    void theSameSeedGivesTheSameValuesAndAnotherSeedOthers(String sqlType) {
        List<String> a = sample(sqlType, true, 1234).stream().map(ModelValues::render).toList();
        List<String> b = sample(sqlType, true, 1234).stream().map(ModelValues::render).toList();
        List<String> c = sample(sqlType, true, 1235).stream().map(ModelValues::render).toList();
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @ParameterizedTest
    @MethodSource("workloadTypes")
    void nullableColumnsGetNullsAtTheConfiguredRateAndNotNullColumnsNever(String sqlType) {
        long nulls = sample(sqlType, true, 3).stream().filter(v -> v == null).count();
        // 10% of 3000: far outside 150..450 only with negligible probability.
        assertTrue(nulls > 150 && nulls < 450, sqlType + " got " + nulls + " NULLs");
        assertTrue(nonNull(sqlType).stream().allMatch(v -> v != null));
    }

    @Test
    void integersCoverTheirWholeRangeIncludingBothEnds() {
        checkIntRange("tinyint", -128, 127);
        checkIntRange("tinyint unsigned", 0, 255);
        checkIntRange("smallint", -32768, 32767);
        checkIntRange("smallint unsigned", 0, 65535);
        checkIntRange("mediumint", -8388608, 8388607);
        checkIntRange("mediumint unsigned", 0, 16777215);
        checkIntRange("int", Integer.MIN_VALUE, Integer.MAX_VALUE);
        checkIntRange("int unsigned", 0, 4294967295L);
        checkIntRange("bigint", Long.MIN_VALUE, Long.MAX_VALUE);
        // BIGINT UNSIGNED as raw bits: 0 and 2^64-1 (= -1L) both show up, and values above 2^63.
        List<Object> u = nonNull("bigint unsigned");
        assertTrue(u.contains(0L));
        assertTrue(u.contains(-1L), "BIGINT UNSIGNED maximum 18446744073709551615");
        assertTrue(u.stream().anyMatch(v -> (Long) v < 0 && (Long) v != -1L), "values above 2^63");
    }

    private void checkIntRange(String sqlType, long min, long max) {
        List<Object> values = nonNull(sqlType);
        for (Object v : values) {
            long x = assertInstanceOf(Long.class, v);
            assertTrue(x >= min && x <= max, sqlType + " value " + x);
        }
        assertTrue(values.contains(min), sqlType + " minimum");
        assertTrue(values.contains(max), sqlType + " maximum");
        assertTrue(values.contains(0L) || min > 0 || sqlType.endsWith("unsigned"), sqlType + " zero");
    }

    @Test
    void decimalsStayWithinPrecisionKeepTheColumnScaleAndReachTheExtremes() {
        BigDecimal max6530 = new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999");
        List<Object> values = nonNull("decimal(65,30)");
        for (Object v : values) {
            BigDecimal d = assertInstanceOf(BigDecimal.class, v);
            assertEquals(30, d.scale());
            assertTrue(d.abs().compareTo(max6530) <= 0, "decimal(65,30) value " + d);
        }
        assertTrue(values.contains(max6530));
        assertTrue(values.contains(max6530.negate()));
        assertTrue(values.stream().anyMatch(v -> ((BigDecimal) v).signum() < 0 && !v.equals(max6530.negate())));
        List<Object> small = nonNull("decimal(10,2)");
        for (Object v : small) {
            BigDecimal d = (BigDecimal) v;
            assertEquals(2, d.scale());
            assertTrue(d.precision() <= 10, "decimal(10,2) value " + d);
        }
        assertTrue(small.contains(new BigDecimal("99999999.99")));
        assertTrue(small.contains(new BigDecimal("-99999999.99")));
    }

    @Test
    void floatsAreFiniteFloat32AndDoublesFiniteWithinMysqlRange() {
        for (Object v : nonNull("float")) {
            float f = assertInstanceOf(Float.class, v);
            assertTrue(Float.isFinite(f));
            assertTrue(f == 0 || Math.abs(f) >= Float.MIN_NORMAL, "subnormal " + f);
            assertNotEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f), "negative zero");
        }
        List<Object> doubles = nonNull("double");
        for (Object v : doubles) {
            double d = assertInstanceOf(Double.class, v);
            assertTrue(Double.isFinite(d));
            assertTrue(d == 0 || Math.abs(d) >= Double.MIN_NORMAL, "subnormal " + d);
        }
        assertTrue(doubles.contains(Double.MAX_VALUE) && doubles.contains(-Double.MAX_VALUE));
    }

    @Test
    void datesAndDatetimesStayInMysqlRangeWithNoDigitsBeyondTheFsp() {
        for (Object v : nonNull("date")) {
            TidbTime t = assertInstanceOf(TidbTime.class, v);
            assertEquals(MysqlType.DATE, t.type());
            assertTrue(t.year() >= 1000 && t.year() <= 9999);
            assertEquals(0, t.hour() + t.minute() + t.second() + t.microsecond());
            assertNotNull(t.toLocalDateTime(), "a real calendar date");
        }
        List<Object> datetimes = nonNull("datetime(6)");
        for (Object v : datetimes) {
            TidbTime t = assertInstanceOf(TidbTime.class, v);
            assertEquals(6, t.fsp());
            assertTrue(t.year() >= 1000 && t.year() <= 9999);
            assertNotNull(t.toLocalDateTime());
        }
        assertTrue(datetimes.stream().anyMatch(v -> ((TidbTime) v).microsecond() % 10 != 0), "6 digits used");
        assertTrue(datetimes.contains(new TidbTime(9999, 12, 31, 23, 59, 59, 999_999, MysqlType.DATETIME, 6)));
        FieldType fsp2 = FieldType.of(MysqlType.DATETIME, 0, 22, 2, "binary", "binary", List.of());
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < SAMPLES; i++) {
            TidbTime t = (TidbTime) generator.nextNonNull(fsp2, rnd);
            assertEquals(0, t.microsecond() % 10_000, "datetime(2) value " + t);
            assertEquals(2, t.fsp());
        }
    }

    @Test
    void timestampsAreUtcInsideTheTimestampRangeAndUnambiguousInTheSessionZone() {
        LocalDateTime min = LocalDateTime.of(1970, 1, 1, 0, 0, 1);
        LocalDateTime max = LocalDateTime.of(2038, 1, 19, 3, 14, 7, 999_999_000);
        List<Object> values = nonNull("timestamp(6)");
        for (Object v : values) {
            TidbTime t = assertInstanceOf(TidbTime.class, v);
            assertEquals(MysqlType.TIMESTAMP, t.type());
            LocalDateTime utc = t.toLocalDateTime();
            assertTrue(!utc.isBefore(min) && !utc.isAfter(max), "timestamp " + t);
            LocalDateTime local = utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(NEW_YORK).toLocalDateTime();
            assertEquals(1, NEW_YORK.getRules().getValidOffsets(local).size(), "DST gap/overlap at " + local);
        }
        assertTrue(values.contains(new TidbTime(1970, 1, 1, 0, 0, 1, 0, MysqlType.TIMESTAMP, 6)));
        assertTrue(values.contains(new TidbTime(2038, 1, 19, 3, 14, 7, 999_999, MysqlType.TIMESTAMP, 6)));
    }

    @Test
    void timesStayWithinPlusMinus838HoursAndTheColumnFsp() {
        Duration limit = Duration.ofHours(838).plusMinutes(59).plusSeconds(59);
        List<Object> values = nonNull("time");
        for (Object v : values) {
            Duration d = assertInstanceOf(Duration.class, v);
            assertTrue(d.abs().compareTo(limit) <= 0, "time " + d);
            assertEquals(0, d.getNano(), "time (fsp 0) has no fraction: " + d);
        }
        assertTrue(values.contains(limit) && values.contains(limit.negated()));
        assertTrue(values.stream().anyMatch(v -> ((Duration) v).isNegative()));
        FieldType fsp3 = TidbFieldTypes.of("time(3)", false);
        SplittableRandom rnd = new SplittableRandom(9);
        boolean fraction = false;
        for (int i = 0; i < SAMPLES; i++) {
            Duration d = (Duration) generator.nextNonNull(fsp3, rnd);
            assertEquals(0, d.toNanos() % 1_000_000, "time(3) " + d);
            assertTrue(d.abs().compareTo(limit) <= 0);
            fraction |= d.toNanos() % 1_000_000_000 != 0;
        }
        assertTrue(fraction, "time(3) values use their fraction digits");
    }

    @Test
    void yearsEnumsSetsAndBitsStayInsideTheirDomains() {
        for (Object v : nonNull("year")) {
            long y = (Long) v;
            assertTrue(y == 0 || (y >= 1901 && y <= 2155), "year " + y);
        }
        assertTrue(nonNull("year").containsAll(List.of(1901L, 2155L, 0L)));
        List<Object> enums = nonNull("enum('red','green','blue')");
        assertTrue(enums.stream().allMatch(v -> (Long) v >= 1 && (Long) v <= 3));
        assertTrue(enums.containsAll(List.of(1L, 2L, 3L)));
        List<Object> sets = nonNull("set('a','b','c','d')");
        assertTrue(sets.stream().allMatch(v -> (Long) v >= 0 && (Long) v <= 15));
        assertTrue(sets.containsAll(List.of(0L, 15L)));
        assertTrue(nonNull("bit(1)").stream().allMatch(v -> (Long) v == 0 || (Long) v == 1));
        assertTrue(nonNull("bit(1)").containsAll(List.of(0L, 1L)));
        List<Object> bit17 = nonNull("bit(17)");
        assertTrue(bit17.stream().allMatch(v -> (Long) v >= 0 && (Long) v < (1L << 17)));
        assertTrue(bit17.contains((1L << 17) - 1));
        assertTrue(nonNull("bit(64)").stream().anyMatch(v -> (Long) v < 0), "bit(64) uses the top bit");
    }

    @Test
    void textFitsItsColumnAndCarriesQuotesBackslashesMultiByteAndEmoji() {
        List<Object> chars = nonNull("char(16)");
        for (Object v : chars) {
            String s = assertInstanceOf(String.class, v);
            assertTrue(s.codePointCount(0, s.length()) <= 16, "char(16) value " + s);
            assertTrue(!s.endsWith(" "), "CHAR value with a trailing space: '" + s + "'");
        }
        List<Object> varchars = nonNull("varchar(255)");
        for (Object v : varchars) {
            String s = (String) v;
            assertTrue(s.codePointCount(0, s.length()) <= 255);
        }
        Predicate<String> anyHas = needle -> varchars.stream().anyMatch(v -> ((String) v).contains(needle));
        assertTrue(anyHas.test("'") && anyHas.test("\"") && anyHas.test("\\"), "quotes and backslashes");
        assertTrue(varchars.stream().anyMatch(v -> ((String) v).codePoints().anyMatch(cp -> cp > 0xFFFF)), "emoji");
        assertTrue(varchars.stream().anyMatch(v -> ((String) v).chars().anyMatch(c -> c >= 0x800 && c < 0xD800)),
                "3-byte characters");
        assertTrue(varchars.contains(""), "empty string");
        assertTrue(varchars.stream().anyMatch(v -> ((String) v).codePointCount(0, ((String) v).length()) == 64),
                "the longest text the options allow");
        assertTrue(varchars.stream().anyMatch(v -> ((String) v).endsWith(" ")), "VARCHAR keeps trailing spaces");
        for (Object v : nonNull("text")) {
            assertTrue(((String) v).getBytes(StandardCharsets.UTF_8).length <= 65535);
        }
        FieldType utf8 = FieldType.of(MysqlType.VARCHAR, 0, 40, 0, "utf8", "utf8_bin", List.of());
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < SAMPLES; i++) {
            String s = (String) generator.nextNonNull(utf8, rnd);
            assertTrue(s.codePoints().allMatch(cp -> cp <= 0xFFFF), "utf8 (3-byte) column got " + s);
        }
    }

    @Test
    void keyColumnsNeverGetTrailingSpacesAndSingleByteCharsetsOnlyAscii() {
        FieldType pkVarchar = FieldType.of(MysqlType.VARCHAR, ColumnFlag.NOT_NULL | ColumnFlag.PRI_KEY, 64, 0,
                "utf8mb4", "utf8mb4_bin", List.of());
        FieldType latin1 = FieldType.of(MysqlType.VARCHAR, 0, 64, 0, "latin1", "latin1_bin", List.of());
        SplittableRandom rnd = new SplittableRandom(13);
        for (int i = 0; i < SAMPLES; i++) {
            String key = (String) generator.nextNonNull(pkVarchar, rnd);
            assertTrue(!key.endsWith(" "), "PAD SPACE collations make '" + key + "' equal to its trimmed form");
            String l = (String) generator.nextNonNull(latin1, rnd);
            assertTrue(l.chars().allMatch(c -> c < 0x80), "latin1 column got " + l);
        }
    }

    @Test
    void binaryValuesAreExactlyTheBinaryLengthAndFitVarbinary() {
        for (Object v : nonNull("binary(8)")) {
            assertEquals(8, assertInstanceOf(byte[].class, v).length);
        }
        List<Object> varbinary = nonNull("varbinary(64)");
        assertTrue(varbinary.stream().allMatch(v -> ((byte[]) v).length <= 64));
        assertTrue(varbinary.stream().anyMatch(v -> ((byte[]) v).length == 0));
        assertTrue(varbinary.stream().anyMatch(v -> ((byte[]) v).length > 0 && ((byte[]) v)[((byte[]) v).length - 1] == 0),
                "trailing 0x00 bytes");
        assertTrue(nonNull("blob").stream().allMatch(v -> ((byte[]) v).length <= 256));
    }

    @Test
    void jsonTextIsWhatTidbRendersBackAndCoversEveryKindOfValue() {
        List<Object> docs = nonNull("json");
        for (Object v : docs) {
            String text = assertInstanceOf(String.class, v);
            assertEquals(text, BinaryJson.toText(BinaryJson.fromText(text)));
        }
        Set<Integer> rootTypes = new HashSet<>();
        for (Object v : docs) {
            rootTypes.add(BinaryJson.fromText((String) v)[0] & 0xff);
        }
        assertTrue(rootTypes.containsAll(List.of(BinaryJson.OBJECT, BinaryJson.ARRAY, BinaryJson.LITERAL,
                BinaryJson.INT64, BinaryJson.UINT64, BinaryJson.FLOAT64, BinaryJson.STRING)), "root types " + rootTypes);
        Predicate<String> anyHas = needle -> docs.stream().anyMatch(v -> ((String) v).contains(needle));
        assertTrue(anyHas.test("\\\"") && anyHas.test("\\\\") && anyHas.test("\\u0000") && anyHas.test("\\u2028"));
        assertTrue(anyHas.test("[{") || anyHas.test(": {") || anyHas.test(": ["), "nested containers");
    }

    @Test
    void largeValuesHaveExactlyTheAskedSizeAndMustFitTheColumn() {
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] b = (byte[]) generator.large(TidbFieldTypes.of("blob", true), 65535, rnd);
        assertEquals(65535, b.length);
        String s = (String) generator.large(TidbFieldTypes.of("text", true), 40_000, rnd);
        assertEquals(40_000, s.getBytes(StandardCharsets.UTF_8).length);
        FieldType longblob = FieldType.of(MysqlType.LONG_BLOB, 0, Integer.MAX_VALUE, 0, "binary", "binary", List.of());
        assertEquals(5 << 20, ((byte[]) generator.large(longblob, 5 << 20, rnd)).length);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> generator.large(TidbFieldTypes.of("blob", true), 65536, rnd));
        assertTrue(tooBig.getMessage().contains("65536"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> generator.large(TidbFieldTypes.of("int", true), 10, rnd));
        assertArrayEquals(b, (byte[]) ModelValues.throughRowCodec(b, TidbFieldTypes.of("blob", true)));
    }

    @Test
    void badOptionsAndUnsupportedTypesAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColumnValueGenerator.Options(1.5, 0.1, 10, 10, 2));
        assertTrue(e.getMessage().contains("nullProbability"), e.getMessage());
        FieldType geometry = FieldType.of(MysqlType.GEOMETRY, 0, -1, -1, "binary", "binary", List.of());
        e = assertThrows(IllegalArgumentException.class, () -> generator.nextNonNull(geometry, new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("geometry"), e.getMessage());
        FieldType emptyEnum = FieldType.of(MysqlType.ENUM, 0, -1, -1, "utf8mb4", "utf8mb4_bin", List.of());
        assertThrows(IllegalArgumentException.class, () -> generator.nextNonNull(emptyEnum, new SplittableRandom(1)));
    }
}
