package io.tidbbinlog.sim.workload;

import io.tidbbinlog.schema.FieldType;
import io.tidbbinlog.schema.MysqlType;

import java.time.ZoneId;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Random column values in the model's Java types (see {@code io.tidbbinlog.model} package docs), each one a value
 * {@link io.tidbbinlog.codec.ColumnValueCodec#toDatum} accepts for the column and MySQL would store unchanged:
 * integers over their full signed/unsigned range, DECIMAL inside (M,D) with the column's scale, finite floats,
 * dates and times inside MySQL's ranges with no digits beyond the fsp, strings that fit the column, and JSON text in
 * TiDB's own rendering. Edge values (bounds, zero, empty) come up with {@link Options#edgeProbability()}.
 *
 * <p>TIMESTAMP values are returned in UTC, as TiDB stores them; their wall clock in the session zone given here
 * is never inside a DST gap or overlap, so writing them as local text in that session is unambiguous.
 *
 * <p>Stateless apart from its configuration: safe to share between threads, each passing its own random source.
 * The same random state always gives the same value.
 */
public final class ColumnValueGenerator {
    /**
     * @param nullProbability chance of SQL NULL for a nullable column (a NOT NULL column never gets null)
     * @param edgeProbability chance of a boundary value (min/max/zero/empty/longest) instead of a typical one
     * @param maxTextChars    cap on the length of generated text, on top of the column's own limit
     * @param maxBinaryBytes  cap on the length of generated VARBINARY/BLOB values (BINARY(n) is always n bytes)
     * @param jsonDepth       how deep generated JSON documents may nest
     */
    public record Options(double nullProbability, double edgeProbability, int maxTextChars, int maxBinaryBytes,
                          int jsonDepth) {
        public Options {
            requireProbability("nullProbability", nullProbability);
            requireProbability("edgeProbability", edgeProbability);
            if (maxTextChars < 0 || maxBinaryBytes < 0 || jsonDepth < 0) {
                throw new IllegalArgumentException("maxTextChars (" + maxTextChars + "), maxBinaryBytes ("
                        + maxBinaryBytes + ") and jsonDepth (" + jsonDepth + ") must not be negative");
            }
        }

        /** 10% NULLs, 15% edge values, text up to 64 characters, binary up to 256 bytes, JSON nested 3 deep. */
        public static Options defaults() {
            return new Options(0.1, 0.15, 64, 256, 3);
        }

        private static void requireProbability(String name, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(name + " must be within [0, 1], was " + p);
            }
        }
    }

    private final Options options;
    private final ZoneId sessionZone;

    public ColumnValueGenerator(Options options, ZoneId sessionZone) {
        this.options = Objects.requireNonNull(options, "options");
        this.sessionZone = Objects.requireNonNull(sessionZone, "sessionZone");
    }

    public Options options() {
        return options;
    }

    public ZoneId sessionZone() {
        return sessionZone;
    }

    /** A value for the column, or null (SQL NULL) with the configured probability when the column is nullable. */
    public Object next(FieldType ft, RandomGenerator rnd) {
        if (!ft.notNull() && rnd.nextDouble() < options.nullProbability()) {
            return null;
        }
        return nextNonNull(ft, rnd);
    }

    /** A non-NULL value for the column. */
    public Object nextNonNull(FieldType ft, RandomGenerator rnd) {
        double edge = options.edgeProbability();
        switch (ft.tp()) {
            case MysqlType.TINY:
            case MysqlType.SHORT:
            case MysqlType.INT24:
            case MysqlType.LONG:
            case MysqlType.LONGLONG:
                return IntegerValues.integer(ft, rnd, edge);
            case MysqlType.YEAR:
                return IntegerValues.year(rnd, edge);
            case MysqlType.NEWDECIMAL:
                return NumericValues.decimal(ft, rnd, edge);
            case MysqlType.FLOAT:
                return hasPrecision(ft) ? (float) NumericValues.boundedFloat(ft, rnd, edge)
                        : NumericValues.float32(rnd, edge);
            case MysqlType.DOUBLE:
                return hasPrecision(ft) ? NumericValues.boundedFloat(ft, rnd, edge) : NumericValues.float64(rnd, edge);
            case MysqlType.DATE:
            case MysqlType.NEWDATE:
                return TemporalValues.date(rnd, edge);
            case MysqlType.DATETIME:
                return TemporalValues.datetime(ft, rnd, edge);
            case MysqlType.TIMESTAMP:
                return TemporalValues.timestamp(ft, sessionZone, rnd, edge);
            case MysqlType.DURATION:
                return TemporalValues.time(ft, rnd, edge);
            case MysqlType.ENUM:
                return IntegerValues.enumIndex(ft, rnd);
            case MysqlType.SET:
                return IntegerValues.setBits(ft, rnd, edge);
            case MysqlType.BIT:
                return IntegerValues.bits(ft, rnd, edge);
            case MysqlType.JSON:
                return JsonTextGenerator.document(rnd, options.jsonDepth());
            case MysqlType.VARCHAR:
            case MysqlType.VAR_STRING:
            case MysqlType.STRING:
            case MysqlType.TINY_BLOB:
            case MysqlType.BLOB:
            case MysqlType.MEDIUM_BLOB:
            case MysqlType.LONG_BLOB:
                return ft.binary()
                        ? StringValues.binary(ft, rnd, edge, options.maxBinaryBytes())
                        : StringValues.text(ft, rnd, edge, options.maxTextChars());
            default:
                throw new IllegalArgumentException("no value generator for column type " + ft.typeName() + " (tp "
                        + ft.tp() + ")");
        }
    }

    /**
     * A value of exactly {@code bytes} bytes for a string column, for building large transactions: random bytes for
     * binary columns, ASCII text for text columns (one byte per character, so CHAR/VARCHAR limits hold too).
     *
     * @throws IllegalArgumentException if the column is not a string column or cannot hold that many bytes
     */
    public Object large(FieldType ft, int bytes, RandomGenerator rnd) {
        if (!MysqlType.isString(ft.tp())) {
            throw new IllegalArgumentException("large values need a string column, not " + ft.typeName());
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("large value size must not be negative: " + bytes);
        }
        long capacity = largeCapacity(ft);
        if (bytes > capacity || (ft.tp() == MysqlType.STRING && ft.binary() && bytes != capacity)) {
            throw new IllegalArgumentException("a " + ft.typeName() + "(" + ft.flen() + ") column cannot hold a value of "
                    + bytes + " bytes");
        }
        if (ft.binary()) {
            byte[] b = new byte[bytes];
            rnd.nextBytes(b);
            return b;
        }
        return StringValues.largeText(bytes, rnd);
    }

    /** The most bytes {@link #large} can put into the column. */
    public static long largeCapacity(FieldType ft) {
        if (!MysqlType.isString(ft.tp())) {
            return 0;
        }
        return StringValues.byteCapacity(ft);
    }

    private static boolean hasPrecision(FieldType ft) {
        return ft.flen() > 0 && ft.decimal() >= 0 && ft.decimal() < 31;
    }
}
